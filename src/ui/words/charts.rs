//! Each chart's drawing (its labels in the reader's language) and its one-sentence summary,
//! from the figures `model` computes. The chart components (`ui::chart`) memoise the figures
//! and call these; the build-time page calls [`all`] for the default view.

use super::{Lang, count, num, tr};
use crate::calibration::{Comparison, GroupError, compare, group_errors};
use crate::charts::{self, Look};
use crate::model::claims::{self, Claimed, WaterfallKey, WaterfallStep};
use crate::model::cost::CostBreakdown;
use crate::model::series::{
    self, ChipModelPoint, CostVariant, FrontierSeries, GenerationPoint, ScaleRef,
};
use crate::model::step::Physics;
use crate::model::{Outcome, PowerSplit, Scenario, Served, physics_key};
use plotters::prelude::*;

/// Height of most drawings in CSS pixels; the width follows the window.
pub const HEIGHT: u32 = 420;
/// Heights of the shorter and the taller drawings.
pub const SCALE_HEIGHT: u32 = 300;
pub const POWER_SPLIT_HEIGHT: u32 = 240;

/// Renders a chart into an SVG string with the given drawing function, with a titled
/// hotspot over every mark. A drawing error leaves the axes drawn so far (and is logged in
/// the browser's console).
pub fn render_svg(
    size: (u32, u32),
    draw: impl FnOnce(
        &DrawingArea<charts::backend::SvgBackend, plotters::coord::Shift>,
    ) -> charts::DrawResult,
) -> String {
    let mut svg = String::new();
    let spots = {
        let area = charts::backend::SvgBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area).unwrap_or_else(|_e| {
            #[cfg(target_arch = "wasm32")]
            leptos::logging::warn!("chart not drawn: {_e}");
            Vec::new()
        })
    };
    charts::with_hotspots(svg, &spots)
}

/// The words around every chart: the label of its tool group, the embed button, the
/// summary of its data table.
pub fn frame_words(l: Lang) -> [&'static str; 3] {
    [
        tr(l, "Export and embed", "Export und Einbetten"),
        tr(l, "Embed", "Einbetten"),
        tr(l, "Data of this chart", "Daten dieser Grafik"),
    ]
}

// 2 · Energy by generation.

/// J per output token by generation; `hi` rings the scenario's chip, `claims` adds NVIDIA's
/// two figures.
pub fn energy_svg(
    l: Lang,
    pts: &[GenerationPoint],
    hi: Option<usize>,
    claims_shown: bool,
    look: &Look,
    size: (u32, u32),
) -> String {
    let claimed = claims::claimed();
    let claim_label = format!(
        "{} ({} J → {} J)",
        tr(l, "NVIDIA's claim", "NVIDIAs Behauptung"),
        count(l, claimed.pascal_j),
        num(l, claimed.blackwell_j)
    );
    let labels = charts::energy_by_generation::Labels {
        y_axis: tr(
            l,
            "Energy per output token (J, log scale)",
            "Energie pro Ausgabetoken (J, log.)",
        ),
        gpu_series: tr(l, "GPU board only", "Nur GPU-Platine"),
        facility_series: tr(l, "All-in facility", "Gesamtes Rechenzentrum"),
        claim: &claim_label,
    };
    let claims = if claims_shown {
        charts::energy_by_generation::Claims::Show(claimed)
    } else {
        charts::energy_by_generation::Claims::Hide
    };
    render_svg(size, |a| {
        charts::energy_by_generation::draw(a, pts, hi, &labels, claims, look)
    })
}

pub fn energy_summary(l: Lang, p: &[GenerationPoint]) -> String {
    let first = p.first();
    let best = p.iter().min_by(|a, b| {
        a.facility_joules_per_output_token
            .total_cmp(&b.facility_joules_per_output_token)
    });
    match (first, best) {
        (Some(f), Some(b)) => format!(
            "{} {} {} J, {} {} J ({}).",
            tr(
                l,
                "Energy per output token, all-in: from",
                "Energie pro Ausgabetoken, gesamt: von"
            ),
            f.label,
            num(l, f.facility_joules_per_output_token),
            tr(l, "down to", "bis"),
            num(l, b.facility_joules_per_output_token),
            b.label
        ),
        _ => String::new(),
    }
}

// 2 · The claim's waterfall.

pub fn step_name(l: Lang, key: WaterfallKey) -> String {
    match key {
        WaterfallKey::Start => tr(l, "P100 FP16 (2016)", "P100 FP16 (2016)"),
        WaterfallKey::Memory => tr(l, "+ HBM3e memory", "+ HBM3e-Speicher"),
        WaterfallKey::ComputePerWatt => tr(l, "+ FLOP/s per watt", "+ FLOP/s pro Watt"),
        WaterfallKey::ScaleUp => tr(l, "+ NVLink 72", "+ NVLink 72"),
        WaterfallKey::Precision => tr(l, "+ FP4 = GB200", "+ FP4 = GB200"),
    }
    .to_string()
}

pub fn waterfall_svg(
    l: Lang,
    st: &[WaterfallStep],
    claimed: &Claimed,
    look: &Look,
    width: u32,
) -> String {
    let names: Vec<String> = st.iter().map(|s| step_name(l, s.key)).collect();
    render_svg((width, HEIGHT), |a| {
        charts::waterfall::draw(
            a,
            st,
            claimed,
            &names,
            &format!(
                "{} {} J",
                tr(l, "gap to", "Lücke zu"),
                num(l, claimed.blackwell_j)
            ),
            tr(
                l,
                "GPU energy per output token (J, log scale)",
                "GPU-Energie pro Ausgabetoken (J, log.)",
            ),
            look,
        )
    })
}

pub fn waterfall_summary(l: Lang, st: &[WaterfallStep], claimed: &Claimed) -> String {
    match (st.first(), st.last()) {
        (Some(a), Some(b)) => format!(
            "{} {} J → {} J (×{}); {} {} J → {} J (×{}).",
            tr(
                l,
                "Model: GPT-MoE-1.8T from P100 to GB200,",
                "Modell: GPT-MoE-1.8T von P100 bis GB200,"
            ),
            num(l, a.gpu_joules_per_output_token),
            num(l, b.gpu_joules_per_output_token),
            num(
                l,
                a.gpu_joules_per_output_token / b.gpu_joules_per_output_token
            ),
            tr(l, "NVIDIA claims", "NVIDIA behauptet"),
            count(l, claimed.pascal_j),
            num(l, claimed.blackwell_j),
            count(l, claimed.pascal_j / claimed.blackwell_j)
        ),
        _ => String::new(),
    }
}

// 3 · The frontier.

pub fn frontier_svg(
    l: Lang,
    fronts: &[FrontierSeries],
    current: (f64, f64),
    look: &Look,
    width: u32,
) -> String {
    let labels = charts::frontier::Labels {
        x_axis: tr(
            l,
            "Tokens/s per user (interactivity)",
            "Token/s pro Nutzer (Interaktivität)",
        ),
        y_axis: tr(l, "Output tokens/s per MW", "Ausgabetoken/s pro MW"),
        current: tr(l, "This scenario", "Dieses Szenario"),
    };
    render_svg((width, HEIGHT), |a| {
        charts::frontier::draw(a, fronts, Some(current), &labels, look)
    })
}

pub fn frontier_summary(l: Lang) -> String {
    tr(l,
        "Throughput per megawatt against speed per user for several GPU generations; faster answers per user cost throughput.",
        "Durchsatz pro Megawatt gegen Tempo pro Nutzer für mehrere GPU-Generationen; schnellere Antworten kosten Durchsatz.").to_string()
}

/// The sentence under the frontier: the ISO-power claim checked at speed `v`.
pub fn iso_sentence(l: Lang, fronts: &[FrontierSeries], v: f64) -> String {
    let claimed = claims::claimed();
    match claims::iso_power_ratio_at(fronts, v) {
        Some(r) => match l {
            Lang::En => format!(
                "At {} tokens/s per user, GB200 NVL72 (FP4) makes {} times the tokens per megawatt of H100 (FP8) in the model; NVIDIA claims {} times.",
                num(l, v),
                num(l, r),
                num(l, claimed.iso_power_ratio)
            ),
            Lang::De => format!(
                "Bei {} Token/s pro Nutzer erzeugt GB200 NVL72 (FP4) im Modell das {}-Fache an Token pro Megawatt von H100 (FP8); NVIDIA behauptet das {}-Fache.",
                num(l, v),
                num(l, r),
                num(l, claimed.iso_power_ratio)
            ),
        },
        _ => tr(
            l,
            "At this speed per user one of the two chips cannot serve the model: no ratio.",
            "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen: kein Verhältnis.",
        )
        .to_string(),
    }
}

// 4 · Cost.

pub fn cost_label(l: Lang, v: CostVariant) -> String {
    match v {
        CostVariant::Scenario => tr(l, "This scenario", "Dieses Szenario"),
        CostVariant::GermanElectricity => tr(l, "German power price", "Deutscher Strompreis"),
        CostVariant::Utilization30 => tr(l, "30 % utilisation", "30 % Auslastung"),
        CostVariant::Lifetime3 => tr(l, "3-year life", "3 Jahre Nutzung"),
        CostVariant::Lifetime8 => tr(l, "8-year life", "8 Jahre Nutzung"),
    }
    .to_string()
}

pub fn cost_parts(l: Lang) -> [&'static str; 4] {
    [
        tr(l, "Hardware", "Hardware"),
        tr(l, "Building", "Gebäude"),
        tr(l, "Electricity", "Strom"),
        tr(l, "Other", "Sonstiges"),
    ]
}

pub fn cost_breakdown_svg(
    l: Lang,
    v: &[(CostVariant, CostBreakdown)],
    look: &Look,
    width: u32,
) -> String {
    let rows: Vec<(String, CostBreakdown)> =
        v.iter().map(|(k, b)| (cost_label(l, *k), *b)).collect();
    render_svg((width, HEIGHT), |a| {
        charts::cost_breakdown::draw(
            a,
            &rows,
            cost_parts(l),
            tr(
                l,
                "$ per million output tokens",
                "$ pro Million Ausgabetoken",
            ),
            look,
        )
    })
}

pub fn cost_breakdown_summary(l: Lang, v: &[(CostVariant, CostBreakdown)]) -> String {
    v.first()
        .map(|(_, b)| {
            format!(
                "{} {} $: {} {} $, {} {} $.",
                tr(
                    l,
                    "Cost per million output tokens",
                    "Kosten pro Million Ausgabetoken"
                ),
                num(l, b.total),
                tr(l, "hardware", "Hardware"),
                num(l, b.hardware),
                tr(l, "electricity", "Strom"),
                num(l, b.electricity)
            )
        })
        .unwrap_or_default()
}

pub fn cost_sensitivity_svg(
    l: Lang,
    lines: &[(f64, Vec<(f64, f64)>)],
    current: (f64, f64),
    look: &Look,
    width: u32,
) -> String {
    let fmt_u = move |u: f64| {
        format!(
            "{} {} %",
            tr(l, "utilisation", "Auslastung"),
            num(l, u * 100.0)
        )
    };
    let labels = charts::cost_sensitivity::Labels {
        x_axis: tr(l, "Electricity price ($/kWh)", "Strompreis ($/kWh)"),
        y_axis: tr(
            l,
            "$ per million output tokens",
            "$ pro Million Ausgabetoken",
        ),
        utilization: &fmt_u,
    };
    render_svg((width, HEIGHT), |a| {
        charts::cost_sensitivity::draw(a, lines, Some(current), &labels, look)
    })
}

pub fn cost_sensitivity_summary(l: Lang) -> String {
    tr(l,
        "Cost per million tokens rises only slowly with the electricity price; utilisation matters more.",
        "Die Kosten pro Million Token steigen mit dem Strompreis nur langsam; die Auslastung wiegt schwerer.").to_string()
}

// 5 · Scale.

/// The bars of the scale chart: what, TWh per year, colour index.
pub fn scale_rows(o: &Outcome) -> Vec<(ScaleRef, f64, usize)> {
    series::scale_references(o)
        .into_iter()
        .map(|(k, v)| {
            let colour = match k {
                ScaleRef::ThisFactory => 0usize,
                ScaleRef::Abilene => 3,
                ScaleRef::UsDataCentres => 1,
                ScaleRef::Germany | ScaleRef::Usa => 2,
            };
            (k, v, colour)
        })
        .collect()
}

pub fn scale_name(l: Lang, k: ScaleRef) -> String {
    let abilene_gw = crate::data::catalogue().constant("abilene_campus_mw") / 1000.0;
    match k {
        ScaleRef::ThisFactory => tr(l, "This factory", "Diese Fabrik").to_string(),
        ScaleRef::Abilene => format!(
            "Stargate Abilene, {} GW ({})",
            num(l, abilene_gw),
            tr(l, "this config.", "diese Konfig.")
        ),
        ScaleRef::UsDataCentres => tr(
            l,
            "All US data centres, 2023",
            "Alle US-Rechenzentren, 2023",
        )
        .to_string(),
        ScaleRef::Germany => {
            tr(l, "Germany, all electricity", "Deutschland, gesamter Strom").to_string()
        }
        ScaleRef::Usa => tr(l, "USA, all electricity", "USA, gesamter Strom").to_string(),
    }
}

pub fn scale_svg(l: Lang, r: &[(ScaleRef, f64, usize)], look: &Look, width: u32) -> String {
    let rows: Vec<(String, f64, usize)> = r
        .iter()
        .map(|(k, v, c)| (scale_name(l, *k), *v, *c))
        .collect();
    render_svg((width, SCALE_HEIGHT), |a| {
        charts::scale::draw(
            a,
            &rows,
            tr(
                l,
                "Electricity per year (TWh, log scale)",
                "Strom pro Jahr (TWh, log.)",
            ),
            look,
        )
    })
}

pub fn scale_summary(l: Lang, ours: f64) -> String {
    format!(
        "{} {} TWh.",
        tr(
            l,
            "This factory uses per year",
            "Diese Fabrik verbraucht pro Jahr"
        ),
        num(l, ours)
    )
}

// 6 · Export chips.

pub fn export_svg(l: Lang, p: &[ChipModelPoint], look: &Look, width: u32) -> String {
    render_svg((width, HEIGHT), |a| {
        charts::export_chips::draw(
            a,
            p,
            [
                tr(
                    l,
                    "Output tokens per kJ, all-in (log)",
                    "Ausgabetoken pro kJ, gesamt (log.)",
                ),
                tr(l, "Output tokens per $ (log)", "Ausgabetoken pro $ (log.)"),
            ],
            look,
        )
    })
}

pub fn export_summary(l: Lang) -> String {
    tr(l,
        "Tokens per kilojoule and per dollar on H100, H800, H20 and Huawei Ascend, for DeepSeek-R1 and a dense 70B model.",
        "Token pro Kilojoule und pro Dollar auf H100, H800, H20 und Huawei Ascend, für DeepSeek-R1 und ein dichtes 70B-Modell.").to_string()
}

// 7 · Power split.

pub fn power_parts(l: Lang) -> [&'static str; 5] {
    [
        tr(l, "GPU idle", "GPU Leerlauf"),
        tr(l, "GPU memory traffic", "GPU Speicherzugriffe"),
        tr(l, "GPU arithmetic", "GPU Rechenwerke"),
        tr(l, "Host: CPU, network, fans", "Host: CPU, Netz, Lüfter"),
        tr(l, "Cooling and losses (PUE)", "Kühlung und Verluste (PUE)"),
    ]
}

pub fn power_split_svg(l: Lang, split: PowerSplit, look: &Look, width: u32) -> String {
    let rows = vec![(tr(l, "One GPU slot", "Ein GPU-Platz").to_string(), split)];
    render_svg((width, POWER_SPLIT_HEIGHT), |a| {
        charts::power_split::draw(
            a,
            &rows,
            power_parts(l),
            tr(l, "Watts while serving", "Watt im Betrieb"),
            look,
        )
    })
}

pub fn power_split_summary(l: Lang, p: PowerSplit) -> String {
    format!(
        "{} {} W: {} {} W.",
        tr(l, "One GPU slot draws", "Ein GPU-Platz zieht"),
        num(l, p.total_w),
        tr(l, "of which the GPU board", "davon die GPU-Platine"),
        num(l, p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w)
    )
}

// 8 · Calibration.

/// The model against every measurement, and by group: the same for the whole page load (the
/// catalogue's physics), so computed once, for the chart and section 8's lead.
pub fn calibration() -> &'static (Vec<Comparison>, Vec<GroupError>) {
    static CMP: std::sync::OnceLock<(Vec<Comparison>, Vec<GroupError>)> =
        std::sync::OnceLock::new();
    CMP.get_or_init(|| {
        let cmp = compare(&Physics::from_catalogue());
        let groups = group_errors(&cmp);
        (cmp, groups)
    })
}

/// A group of measurements and its metric, in words.
pub fn group_label(l: Lang, g: &GroupError) -> String {
    let group = match g.group.as_str() {
        "h100-steps" => tr(
            l,
            "H100 steps, PyTorch loop",
            "H100-Schritte, PyTorch-Schleife",
        ),
        "h200-steps" => tr(l, "H200 steps (held out)", "H200-Schritte (zurückgehalten)"),
        "mlperf" => tr(l, "MLPerf, dense models", "MLPerf, dichte Modelle"),
        "mlenergy" => tr(l, "ML.ENERGY, dense (vLLM)", "ML.ENERGY, dicht (vLLM)"),
        "mlenergy-moe" => tr(
            l,
            "ML.ENERGY, mixture of experts",
            "ML.ENERGY, Mixture of Experts",
        ),
        "moe" => tr(
            l,
            "Mixture of experts at scale",
            "Mixture of Experts im Großbetrieb",
        ),
        other => other,
    };
    let metric = match g.metric.as_str() {
        "power" => tr(l, "power", "Leistung"),
        "energy" => tr(l, "energy", "Energie"),
        _ => tr(l, "tokens/s", "Token/s"),
    };
    format!("{group} · {metric}")
}

/// The model against the measurements, by group: its drawing (its height follows the number
/// of groups: `charts::calibration::height`).
pub fn calibration_svg(
    l: Lang,
    c: &[Comparison],
    g: &[GroupError],
    look: &Look,
    width: u32,
) -> String {
    render_svg((width, charts::calibration::height(g.len())), |a| {
        charts::calibration::draw(
            a,
            c,
            g,
            &|g| group_label(l, g),
            [
                tr(l, "used in the fit", "in der Anpassung"),
                tr(l, "held out", "zurückgehalten"),
                tr(l, "known limitation", "bekannte Grenze"),
            ],
            tr(
                l,
                "Model ÷ measured (log scale; bar: the median)",
                "Modell ÷ Messung (log.; Strich: der Median)",
            ),
            look,
        )
    })
}

pub fn calibration_summary(l: Lang, c: &[Comparison], g: &[GroupError]) -> String {
    let (n, fitted) = (c.len(), c.iter().filter(|r| r.split == "fit").count());
    match l {
        Lang::En => format!(
            "Model divided by measurement for {} measurements in {} groups; {} of them were used to fit the constants, the rest show how the model generalises.",
            count(l, n as f64),
            count(l, g.len() as f64),
            count(l, fitted as f64)
        ),
        Lang::De => format!(
            "Modell geteilt durch Messung für {} Messungen in {} Gruppen; {} davon dienten zur Anpassung der Konstanten, die übrigen zeigen, wie das Modell verallgemeinert.",
            count(l, n as f64),
            count(l, g.len() as f64),
            count(l, fitted as f64)
        ),
    }
}

/// One chart of the page as drawn for a scenario: its `data-chart` name, section, summary
/// and SVG, and its drawing height.
pub struct Drawn {
    pub name: &'static str,
    pub section: &'static str,
    pub summary: String,
    pub svg: String,
    pub height: u32,
}

/// Every chart of the full page for scenario `s` (outcome `o`, physics stage `sv`), in page
/// order: what the page draws, computed without its memos (the build-time page).
pub fn all(l: Lang, s: &Scenario, sv: &Served, o: &Outcome, look: &Look, width: u32) -> Vec<Drawn> {
    let physics = Physics::from_catalogue();
    let pts = series::generation_points(s, &series::served_on_every_gpu(&physics_key(s)));
    let hi = pts.iter().position(|p| p.gpu_id == s.gpu);
    let claimed = claims::claimed();
    let steps = claims::energy_claim_waterfall(
        None,
        f64::from(s.prompt_tokens),
        f64::from(s.output_tokens),
        &physics,
    );
    let fronts = series::frontiers_for(&series::FrontiersKey::of(s));
    let current = (
        o.serving.tokens_per_s_per_user,
        o.serving.tokens_per_s_per_mw,
    );
    let variants = series::cost_variants(s, sv);
    let lines = series::cost_vs_electricity(s, sv);
    let scale = scale_rows(o);
    let export = series::export_points(s, &series::export_served_for(&series::ExportKey::of(s)));
    let (cmp, groups) = calibration();
    let d = |name, section, summary, svg, height| Drawn {
        name,
        section,
        summary,
        svg,
        height,
    };
    vec![
        d(
            "energy-by-generation",
            "history",
            energy_summary(l, &pts),
            energy_svg(
                l,
                &pts,
                hi,
                s.model == claims::ENERGY_CLAIM_MODEL,
                look,
                (width, HEIGHT),
            ),
            HEIGHT,
        ),
        d(
            "claim-waterfall",
            "history",
            waterfall_summary(l, &steps, &claimed),
            waterfall_svg(l, &steps, &claimed, look, width),
            HEIGHT,
        ),
        d(
            "frontier",
            "floor",
            frontier_summary(l),
            frontier_svg(l, &fronts, current, look, width),
            HEIGHT,
        ),
        d(
            "cost-breakdown",
            "cost",
            cost_breakdown_summary(l, &variants),
            cost_breakdown_svg(l, &variants, look, width),
            HEIGHT,
        ),
        d(
            "cost-sensitivity",
            "cost",
            cost_sensitivity_summary(l),
            cost_sensitivity_svg(
                l,
                &lines,
                (s.usd_per_kwh, o.serving.usd_per_million_output_tokens),
                look,
                width,
            ),
            HEIGHT,
        ),
        d(
            "scale",
            "scale",
            scale_summary(l, scale.first().map_or(0.0, |x| x.1)),
            scale_svg(l, &scale, look, width),
            SCALE_HEIGHT,
        ),
        d(
            "export-chips",
            "export",
            export_summary(l),
            export_svg(l, &export, look, width),
            HEIGHT,
        ),
        d(
            "power-split",
            "joules",
            power_split_summary(l, o.power),
            power_split_svg(l, o.power, look, width),
            POWER_SPLIT_HEIGHT,
        ),
        d(
            "calibration",
            "trust",
            calibration_summary(l, cmp, groups),
            calibration_svg(l, cmp, groups, look, width),
            charts::calibration::height(groups.len()),
        ),
    ]
}
