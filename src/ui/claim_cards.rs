//! The articles' claims, answered at the top of the page for the reader's scenario: each card
//! gives the claim, the model's live answer and a link to the section that explains it. The
//! figures come from `model::claims` and `model::series`; this file only words them.

use super::i18n::{Lang, LangCtx, count, num, plain, tr};
use super::{OutcomeCtx, PhysicsCell, ScenarioCtx};
use crate::model::claims::{self, ISO_POWER_NEW, ISO_POWER_OLD};
use crate::model::economics;
use crate::model::series::{self, ExportKey, FrontiersKey};
use crate::model::step::Physics;
use leptos::prelude::*;

/// The four claim cards.
#[component]
pub fn ClaimCards() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let claimed = claims::claimed();

    // 1. 17,000 J → 0.4 J: the model's own ends for the reader's prompt and answer lengths.
    // The physics behind the cards, each kept with its key (plain cells, read by the one memo
    // of words below: few reactive types keep the wasm small).
    let ends_cell = PhysicsCell::new();
    let ends = move || {
        sc.with(|s| {
            ends_cell.with(
                (s.prompt_tokens, s.output_tokens),
                |(p, o)| {
                    claims::energy_claim_ends(
                        f64::from(*p),
                        f64::from(*o),
                        &Physics::from_catalogue(),
                    )
                },
                |e| *e,
            )
        })
    };
    let energy_claim = move |l: Lang| {
        format!(
            "{} J → {} J {} (NVIDIA, 2024)",
            count(l, claimed.pascal_j),
            num(l, claimed.blackwell_j),
            tr(
                l,
                "per token, Pascal to Blackwell",
                "pro Token, Pascal bis Blackwell"
            )
        )
    };
    let energy_answer = move |l: Lang| match ends() {
        Some((a, b)) => match l {
            Lang::En => format!(
                "The model, GPT-4-class MoE: {} J → {} J on the GPU, {} times less; the claim says {} times.",
                num(l, a),
                num(l, b),
                plain(l, a / b),
                count(l, claimed.pascal_j / claimed.blackwell_j)
            ),
            Lang::De => format!(
                "Das Modell, MoE der GPT-4-Klasse: {} J → {} J auf der GPU, {}-mal weniger; behauptet wird {}-mal.",
                num(l, a),
                num(l, b),
                plain(l, a / b),
                count(l, claimed.pascal_j / claimed.blackwell_j)
            ),
        },
        None => String::new(),
    };

    // 2. 25× at the same power: GB200 NVL72 over H100 for the reader's model, at their speed.
    let fronts_cell = PhysicsCell::new();
    let iso_ratio = move |v: f64| {
        sc.with(|s| {
            fronts_cell.with(
                FrontiersKey::of(s),
                |k| series::frontiers_of(k, &[ISO_POWER_OLD, ISO_POWER_NEW]),
                |f| claims::iso_power_ratio_at(f, v),
            )
        })
    };
    let iso_claim = move |l: Lang| {
        format!(
            "{}× {} (NVIDIA, 2025)",
            num(l, claimed.iso_power_ratio),
            tr(
                l,
                "Blackwell over Hopper at the same power",
                "Blackwell gegenüber Hopper bei gleicher Leistung"
            )
        )
    };
    let iso_answer = move |l: Lang| {
        let v = out.with(|o| o.serving.tokens_per_s_per_user);
        match iso_ratio(v) {
            Some(r) => match l {
                Lang::En => format!(
                    "The model, at {} tokens/s per user: GB200 NVL72 makes {} times the tokens per megawatt of H100.",
                    num(l, v), num(l, r)
                ),
                Lang::De => format!(
                    "Das Modell, bei {} Token/s pro Nutzer: GB200 NVL72 erzeugt das {}-Fache an Token pro Megawatt von H100.",
                    num(l, v), num(l, r)
                ),
            },
            None => tr(l, "At this speed per user one of the two chips cannot serve the model.",
                "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen.").into(),
        }
    };

    // 3. $500 billion: what it buys with the reader's chip and site.
    let build = move || out.with(claims::build_out);
    let build_claim = move |l: Lang| {
        let bn = count(l, build().usd / 1e9);
        match l {
            Lang::En => {
                format!("${bn} billion of AI infrastructure in four years (Stargate, 2025)")
            }
            Lang::De => format!(
                "{bn} Milliarden Dollar für KI-Infrastruktur in vier Jahren (Stargate, 2025)"
            ),
        }
    };
    let build_answer = move |l: Lang| {
        let b = build();
        let chip = sc.with(|s| {
            crate::data::catalogue()
                .gpu(&s.gpu)
                .map(|g| g.short.clone())
                .unwrap_or_default()
        });
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
    };

    // 4. DeepSeek on export-limited chips: $ per million tokens on H20 and H100.
    let physics = PhysicsCell::new();
    let costs = move || {
        sc.with(|s| {
            physics.with(
                ExportKey::of(s),
                |k| {
                    series::export_pairs_served(
                        k,
                        &[claims::EXPORT_CLAIM_MODEL],
                        &claims::EXPORT_CLAIM_GPUS,
                    )
                },
                |sv| {
                    sv.iter()
                        .map(|x| economics(s, x).serving.usd_per_million_output_tokens)
                        .collect::<Vec<f64>>()
                },
            )
        })
    };
    let export_claim = move |l: Lang| {
        tr(
            l,
            "DeepSeek serves cheaply on export-limited chips",
            "DeepSeek arbeitet günstig auf exportbeschränkten Chips",
        )
        .to_string()
    };
    let export_answer = move |l: Lang| match costs().as_slice() {
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
    };

    // Every card's words in one memo (one closure, one place that re-runs on a change).
    // A memo per card: a slider that leaves a card's figures alone leaves its text alone.
    let texts = [
        Memo::new(move |_| (energy_claim(lang.get()), energy_answer(lang.get()))),
        Memo::new(move |_| (iso_claim(lang.get()), iso_answer(lang.get()))),
        Memo::new(move |_| (build_claim(lang.get()), build_answer(lang.get()))),
        Memo::new(move |_| (export_claim(lang.get()), export_answer(lang.get()))),
    ];
    const CARDS: [(&str, &str); 4] = [
        ("energy", "#history"),
        ("iso-power", "#floor"),
        ("build-out", "#scale"),
        ("export", "#export"),
    ];

    view! {
        <div class="claim-cards">
            {CARDS.iter().enumerate().map(|(i, (name, href))| view! {
                <a class="claim-card" data-claim-card=*name href=*href>
                    <span class="claim">{move || texts[i].with(|t| t.0.clone())}</span>
                    <span class="answer">{move || texts[i].with(|t| t.1.clone())}</span>
                </a>
            }).collect_view()}
        </div>
    }
}
