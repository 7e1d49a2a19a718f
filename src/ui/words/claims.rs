//! The claim cards' words (the articles' claims and the model's answers), and the figures
//! they quote, computed from scratch: the page keeps the physics behind them in cells (see
//! `ui::claim_cards`); the build-time page calls [`figures`].

use super::{Lang, count, num, plain, tr};
use crate::model::claims::{self, BuildOut, Claimed, ISO_POWER_NEW, ISO_POWER_OLD};
use crate::model::series::{self, ExportKey, FrontiersKey};
use crate::model::step::Physics;
use crate::model::{Outcome, Scenario, economics};

/// The cards in page order: machine name and the section that explains each.
pub const CARDS: [(&str, &str); 4] = [
    ("energy", "#history"),
    ("iso-power", "#floor"),
    ("build-out", "#scale"),
    ("export", "#export"),
];

/// What the four answers quote.
pub struct Figures {
    /// The model's ends of the energy claim (GPU J per output token), if computable.
    pub ends: Option<(f64, f64)>,
    /// The scenario's tokens/s per user, and GB200 NVL72 over H100 there.
    pub speed: f64,
    pub iso_ratio: Option<f64>,
    /// What the build-out buys, and with which chip (short name).
    pub build: BuildOut,
    pub chip: String,
    /// DeepSeek-R1's $ per million tokens on the export-claim chips (H20, H100).
    pub export_costs: Vec<f64>,
}

/// The energy claim's ends for the scenario's prompt and answer lengths.
pub fn ends(s: &Scenario) -> Option<(f64, f64)> {
    claims::energy_claim_ends(
        f64::from(s.prompt_tokens),
        f64::from(s.output_tokens),
        &Physics::from_catalogue(),
    )
}

/// The ISO-power ratio at speed `v` for the scenario's model and lengths.
pub fn iso_ratio(s: &Scenario, v: f64) -> Option<f64> {
    let f = series::frontiers_of(&FrontiersKey::of(s), &[ISO_POWER_OLD, ISO_POWER_NEW]);
    claims::iso_power_ratio_at(&f, v)
}

/// The chip's short name.
pub fn chip(s: &Scenario) -> String {
    crate::data::catalogue()
        .gpu(&s.gpu)
        .map(|g| g.short.clone())
        .unwrap_or_default()
}

/// DeepSeek-R1's $ per million output tokens on H20 and H100, at the scenario's economics.
pub fn export_costs(s: &Scenario) -> Vec<f64> {
    series::export_pairs_served(
        &ExportKey::of(s),
        &[claims::EXPORT_CLAIM_MODEL],
        &claims::EXPORT_CLAIM_GPUS,
    )
    .iter()
    .map(|x| economics(s, x).serving.usd_per_million_output_tokens)
    .collect()
}

/// Every figure the cards quote, for scenario `s` and its outcome `o`.
pub fn figures(s: &Scenario, o: &Outcome) -> Figures {
    let speed = o.serving.tokens_per_s_per_user;
    Figures {
        ends: ends(s),
        speed,
        iso_ratio: iso_ratio(s, speed),
        build: claims::build_out(o),
        chip: chip(s),
        export_costs: export_costs(s),
    }
}

/// Card 1, the claim: 17,000 J → 0.4 J.
pub fn energy_claim(l: Lang, c: &Claimed) -> String {
    format!(
        "{} J → {} J {} (NVIDIA, 2024)",
        count(l, c.pascal_j),
        num(l, c.blackwell_j),
        tr(
            l,
            "per token, Pascal to Blackwell",
            "pro Token, Pascal bis Blackwell"
        )
    )
}

/// Card 1, the model's answer.
pub fn energy_answer(l: Lang, c: &Claimed, ends: Option<(f64, f64)>) -> String {
    match ends {
        Some((a, b)) => match l {
            Lang::En => format!(
                "The model, GPT-4-class MoE: {} J → {} J on the GPU, {} times less; the claim says {} times.",
                num(l, a),
                num(l, b),
                plain(l, a / b),
                count(l, c.pascal_j / c.blackwell_j)
            ),
            Lang::De => format!(
                "Das Modell, MoE der GPT-4-Klasse: {} J → {} J auf der GPU, {}-mal weniger; behauptet wird {}-mal.",
                num(l, a),
                num(l, b),
                plain(l, a / b),
                count(l, c.pascal_j / c.blackwell_j)
            ),
        },
        None => String::new(),
    }
}

/// Card 2, the claim: 25× at the same power.
pub fn iso_claim(l: Lang, c: &Claimed) -> String {
    format!(
        "{}× {} (NVIDIA, 2025)",
        num(l, c.iso_power_ratio),
        tr(
            l,
            "Blackwell over Hopper at the same power",
            "Blackwell gegenüber Hopper bei gleicher Leistung"
        )
    )
}

/// Card 2, the model's answer at speed `v` per user; where it exceeds NVIDIA's own `claimed`
/// ratio, the caution that the measurements give (MLPerf's Blackwell servers at their largest
/// batches make less than half of the model's figure: `tests/calibration.rs` holds that).
pub fn iso_answer(l: Lang, v: f64, ratio: Option<f64>, claimed: f64) -> String {
    match ratio {
        Some(r) => {
            let caution = if r > claimed {
                tr(
                    l,
                    " More than NVIDIA claims: at their largest batches, Blackwell servers in MLPerf (DeepSeek-R1, 2025) make less than half of the model's figure; read it as an upper bound.",
                    " Mehr, als NVIDIA angibt: Bei ihren größten Batches schaffen Blackwell-Server in MLPerf (DeepSeek-R1, 2025) weniger als die Hälfte des Modellwerts; er ist eine Obergrenze.",
                )
            } else {
                ""
            };
            match l {
                Lang::En => format!(
                    "The model, at {} tokens/s per user: GB200 NVL72 makes {} times the tokens per megawatt of H100.{caution}",
                    num(l, v),
                    num(l, r)
                ),
                Lang::De => format!(
                    "Das Modell, bei {} Token/s pro Nutzer: GB200 NVL72 erzeugt das {}-Fache an Token pro Megawatt von H100.{caution}",
                    num(l, v),
                    num(l, r)
                ),
            }
        }
        None => tr(
            l,
            "At this speed per user one of the two chips cannot serve the model.",
            "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen.",
        )
        .into(),
    }
}

/// Card 3, the claim: $500 billion.
pub fn build_claim(l: Lang, b: &BuildOut) -> String {
    let bn = count(l, b.usd / 1e9);
    match l {
        Lang::En => format!("${bn} billion of AI infrastructure in four years (Stargate, 2025)"),
        Lang::De => {
            format!("{bn} Milliarden Dollar für KI-Infrastruktur in vier Jahren (Stargate, 2025)")
        }
    }
}

/// Card 3, what it buys with the scenario's chip.
pub fn build_answer(l: Lang, b: &BuildOut, chip: &str) -> String {
    match l {
        Lang::En => format!(
            "With {chip}: {} GPUs on {} GW, drawing {} TWh a year, making {} trillion tokens.",
            plain(l, b.gpus),
            num(l, b.gw),
            num(l, b.twh_per_year),
            plain(l, b.tokens_per_year / 1e12)
        ),
        Lang::De => format!(
            "Mit {chip}: {} GPUs an {} GW, {} TWh Strom im Jahr, {} Billionen Token.",
            plain(l, b.gpus),
            num(l, b.gw),
            num(l, b.twh_per_year),
            plain(l, b.tokens_per_year / 1e12)
        ),
    }
}

/// Card 4, the claim: DeepSeek on export-limited chips.
pub fn export_claim(l: Lang) -> String {
    tr(
        l,
        "DeepSeek serves cheaply on export-limited chips",
        "DeepSeek arbeitet günstig auf exportbeschränkten Chips",
    )
    .to_string()
}

/// Card 4, the model's costs on H20 and H100.
pub fn export_answer(l: Lang, costs: &[f64]) -> String {
    match costs {
        [h20, h100] => match l {
            Lang::En => format!(
                "The model, DeepSeek-R1 per million tokens: ${} on H20, ${} on H100.",
                num(l, *h20),
                num(l, *h100)
            ),
            Lang::De => format!(
                "Das Modell, DeepSeek-R1 pro Million Token: {} $ auf H20, {} $ auf H100.",
                num(l, *h20),
                num(l, *h100)
            ),
        },
        _ => String::new(),
    }
}

/// The four cards' (claim, answer), in page order, from the figures.
pub fn cards(l: Lang, f: &Figures) -> [(String, String); 4] {
    let c = claims::claimed();
    [
        (energy_claim(l, &c), energy_answer(l, &c, f.ends)),
        (
            iso_claim(l, &c),
            iso_answer(l, f.speed, f.iso_ratio, c.iso_power_ratio),
        ),
        (build_claim(l, &f.build), build_answer(l, &f.build, &f.chip)),
        (export_claim(l), export_answer(l, &f.export_costs)),
    ]
}
