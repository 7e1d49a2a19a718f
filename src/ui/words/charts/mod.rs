//! Each chart's drawing (its labels in the reader's language) and its one-sentence summary,
//! from the figures `model` computes. The chart components (`ui::chart`) memoise the figures
//! and call these; the build-time page calls [`all`] for the default view. One file per chart,
//! as `crate::charts` has one; the helpers they share live here.

mod calibration;
mod cost_breakdown;
mod cost_sensitivity;
mod energy_by_generation;
mod export_chips;
mod frontier;
mod power_split;
mod scale;
mod waterfall;

pub use calibration::*;
pub use cost_breakdown::*;
pub use cost_sensitivity::*;
pub use energy_by_generation::*;
pub use export_chips::*;
pub use frontier::*;
pub use power_split::*;
pub use scale::*;
pub use waterfall::*;

use super::{Lang, tr};
use crate::charts::{self, Look};
use crate::model::claims;
use crate::model::series;
use crate::model::step::Physics;
use crate::model::{Outcome, Scenario, Served, physics_key};
use plotters::prelude::*;

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

/// Scenario A while two scenarios are compared: the pinned scenario and its outcome, computed
/// by the same `serve` and `economics` as the page's own scenario, B (`ui::CompareCtx`). The
/// charts mark A with its own figures, never B's at A's chip.
#[derive(Clone, Copy)]
pub struct ScenarioA<'a> {
    pub s: &'a Scenario,
    pub o: &'a Outcome,
}

/// A's words in legends: "Scenario A (pinned)".
pub fn pinned_label(l: Lang) -> &'static str {
    tr(l, "Scenario A (pinned)", "Szenario A (festgehalten)")
}

/// A's hover text: "Scenario A (pinned): " and what it is.
fn pinned_hover(l: Lang, what: &str) -> String {
    format!("{}: {what}", pinned_label(l))
}

/// Scenario A's mark on a chart: at `at`, named `label` and titled `hover` (`None` while two
/// scenarios are not compared, or where A has no place on the chart).
fn pinned<'a, T>(
    at: Option<T>,
    label: &'a str,
    hover: Option<&'a str>,
) -> Option<charts::Pinned<'a, T>> {
    at.zip(hover)
        .map(|(at, hover)| charts::Pinned { at, label, hover })
}

/// The names of B's and A's rows in a chart of rows: "B: " and "A: " before their words.
fn ab_rows(
    l: Lang,
    b: (&'static str, &'static str),
    a: (&'static str, &'static str),
) -> (String, String) {
    (
        format!("B: {}", tr(l, b.0, b.1)),
        format!("A: {}", tr(l, a.0, a.1)),
    )
}

/// The sentence about scenario A after a chart's takeaway while two are compared: what A is
/// and, where the two compare, B ÷ A as the headline figures write it ("×2.9"; a dash where
/// it cannot be computed).
fn a_sentence(l: Lang, what: &str, b_and_a: Option<(f64, f64)>) -> String {
    let ratio = b_and_a.map_or(String::new(), |(b, a)| {
        let r = b / a;
        let r = if r.is_finite() && r > 0.0 {
            format!("×{}", rd(l, r))
        } else {
            "–".into()
        };
        format!("; B ÷ A: {r}")
    });
    format!(
        "{}: {what}{ratio}.",
        tr(l, "Pinned scenario A", "Festgehaltenes Szenario A")
    )
}

/// A chip's short name and a model's name, from their ids.
fn chip_and_model(o: &Outcome) -> (String, String) {
    let chip = crate::data::catalogue()
        .gpu(o.gpu)
        .map_or(o.gpu.to_string(), |g| g.short.clone());
    (chip, model_name(o.model))
}

/// A chart's takeaway, with the sentence about scenario A after it while two are compared.
pub fn with_a(takeaway: String, a: Option<String>) -> String {
    match a.filter(|a| !a.is_empty()) {
        Some(a) if takeaway.is_empty() => a,
        Some(a) => format!("{takeaway} {a}"),
        None => takeaway,
    }
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

/// A figure in a sentence as a reader writes it (0.1; 2,000; 1.5 million; German 0,1;
/// 2.000; 1,5 Millionen).
pub fn rd(l: Lang, x: f64) -> String {
    charts::layout::reader(x, l == Lang::De)
}

/// A share in whole per cent ("62 %"), or with the reader's three figures below one.
fn pct(l: Lang, share: f64) -> String {
    let p = share * 100.0;
    let p = if p.abs() >= 1.0 { p.round() } else { p };
    format!("{} %", rd(l, p))
}

/// A ratio as "2.9×" / "2,9-mal" is written in a sentence: the figure alone (the words
/// around it say "times").
fn times(l: Lang, r: f64) -> String {
    rd(l, r)
}

/// The catalogue's name of a model without its note in brackets (its id if unknown).
fn model_name(id: &str) -> String {
    crate::data::catalogue()
        .model(id)
        .map_or(id.to_string(), |m| {
            m.name.split(" (").next().unwrap_or(&m.name).to_string()
        })
}

/// A chip family's name, for legends.
pub fn family_name(l: Lang, f: charts::palette::Family) -> String {
    use charts::palette::Family as F;
    match f {
        F::Pascal => "Pascal",
        F::Volta => "Volta",
        F::Ampere => "Ampere",
        F::Hopper => "Hopper",
        F::Blackwell => "Blackwell",
        F::Rubin => "Rubin",
        F::Amd => "AMD",
        F::Huawei => "Huawei",
        F::Other => tr(l, "other", "andere"),
    }
    .to_string()
}

/// A claim's annotation: "NVIDIA: 17,000 J".
fn claim_value(l: Lang, v: f64) -> String {
    format!("NVIDIA: {} J", rd(l, v))
}

/// Every chart's title: the question it answers.
pub fn title(l: Lang, name: &str) -> String {
    match name {
        "energy-by-generation" => energy_by_generation::title(l),
        "claim-waterfall" => waterfall::title(l),
        "frontier" => frontier::title(l),
        "cost-breakdown" => cost_breakdown::title(l),
        "cost-sensitivity" => cost_sensitivity::title(l),
        "scale" => scale::title(l),
        "export-chips" => export_chips::title(l),
        "power-split" => power_split::title(l),
        "calibration" => calibration::title(l),
        _ => String::new(),
    }
}

/// One chart of the page as drawn for a scenario: its `data-chart` name, section, title,
/// takeaway, summary and SVG, and its drawing height.
pub struct Drawn {
    pub name: &'static str,
    pub section: &'static str,
    pub title: String,
    pub takeaway: String,
    pub summary: String,
    pub svg: String,
    pub height: u32,
}

/// Every chart of the full page for scenario `s` (outcome `o`, physics stage `sv`), in page
/// order, with scenario A marked beside it where `a` is given (two scenarios compared; `s` is
/// then B): what the page draws, computed without its memos (the build-time page, and the
/// tests' reference for the app).
pub fn all(
    l: Lang,
    s: &Scenario,
    sv: &Served,
    o: &Outcome,
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> Vec<Drawn> {
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
    let fronts = series::frontiers(s);
    let current = (
        o.serving.tokens_per_s_per_user,
        o.serving.tokens_per_s_per_mw,
    );
    let variants = series::cost_variants(s, sv);
    let lines = series::cost_vs_electricity(s, sv);
    let scale = scale_rows(o);
    let export = series::export_points(s, &series::export_served_for(&series::ExportKey::of(s)));
    // A's own points of the export comparison (its workload and prices).
    let a_export = a.map(|a| {
        series::export_points(a.s, &series::export_served_for(&series::ExportKey::of(a.s)))
    });
    let a_with_export = a.zip(a_export.as_deref());
    let (cmp, groups) = calibration();
    let d = |name: &'static str, section, takeaway, summary, svg: String| Drawn {
        name,
        section,
        title: title(l, name),
        takeaway,
        summary,
        height: charts::layout::svg_size(&svg).map_or(0, |s| s.1),
        svg,
    };
    vec![
        d(
            "energy-by-generation",
            "history",
            with_a(
                energy_takeaway(l, &pts, hi, &s.model),
                a.map(|a| energy_compared(l, a, o)),
            ),
            energy_summary(l, &pts),
            energy_svg(
                l,
                &pts,
                hi,
                s.model == claims::ENERGY_CLAIM_MODEL,
                a,
                look,
                width,
            ),
        ),
        d(
            "claim-waterfall",
            "history",
            waterfall_takeaway(l, &steps, &claimed),
            waterfall_summary(l, &steps, &claimed),
            waterfall_svg(l, &steps, &claimed, look, width),
        ),
        d(
            "frontier",
            "floor",
            with_a(
                frontier_takeaway(l, &fronts, current.0),
                a.map(|a| frontier_compared(l, a, o)),
            ),
            frontier_summary(l),
            frontier_svg(
                l,
                &fronts,
                current,
                &measured_marks(l, s, o),
                a,
                look,
                width,
            ),
        ),
        d(
            "cost-breakdown",
            "cost",
            with_a(
                cost_breakdown_takeaway(l, &variants),
                a.map(|a| cost_breakdown_compared(l, a, o)),
            ),
            cost_breakdown_summary(l, &variants),
            cost_breakdown_svg(l, &variants, a, look, width),
        ),
        d(
            "cost-sensitivity",
            "cost",
            with_a(
                cost_sensitivity_takeaway(
                    l,
                    &lines,
                    s.utilization,
                    o.serving.usd_per_million_output_tokens,
                ),
                a.map(|a| cost_sensitivity_compared(l, a, o)),
            ),
            cost_sensitivity_summary(l),
            cost_sensitivity_svg(
                l,
                &lines,
                (s.usd_per_kwh, o.serving.usd_per_million_output_tokens),
                a,
                look,
                width,
            ),
        ),
        d(
            "scale",
            "scale",
            with_a(
                scale_takeaway(l, &scale),
                a.map(|a| scale_compared(l, a, &scale)),
            ),
            scale_summary(l, scale.first().map_or(0.0, |x| x.1)),
            scale_svg(l, &scale, a, look, width),
        ),
        d(
            "export-chips",
            "export",
            with_a(
                export_takeaway(l, &export),
                a_with_export.map(|(a, p)| export_compared(l, a, p)),
            ),
            export_summary(l),
            export_svg(
                l,
                &export,
                Some((&s.gpu, &s.model)),
                a_with_export,
                look,
                width,
            ),
        ),
        d(
            "power-split",
            "joules",
            with_a(
                power_split_takeaway(l, o.power),
                a.map(|a| power_split_compared(l, a, o.power)),
            ),
            power_split_summary(l, o.power),
            power_split_svg(l, o.power, a, look, width),
        ),
        d(
            "calibration",
            "trust",
            calibration_takeaway(l, cmp, &s.gpu),
            calibration_summary(l, cmp, groups),
            calibration_svg(l, cmp, groups, look, width),
        ),
    ]
}
