//! 4 · Cost against the electricity price.

use super::{ScenarioA, a_sentence, pct, pinned, pinned_hover, pinned_label, rd, render_svg};
use crate::charts::{self, Look};
use crate::model::Outcome;
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "How much does the electricity price matter?",
        "Wie stark zählt der Strompreis?",
    )
    .to_string()
}

fn sensitivity_words(l: Lang) -> (&'static str, &'static str, &'static str) {
    (
        tr(
            l,
            "Electricity price, dollars per kilowatt-hour",
            "Strompreis, Dollar pro Kilowattstunde",
        ),
        tr(
            l,
            "Dollars per million output tokens",
            "Dollar pro Million Ausgabetoken",
        ),
        tr(l, "Your scenario", "Ihr Szenario"),
    )
}

/// Cost against the electricity price at three utilisations, the scenario ringed at
/// `current`, and scenario A's own price and cost as a diamond while two are compared.
pub fn cost_sensitivity_svg(
    l: Lang,
    lines: &[(f64, Vec<(f64, f64)>)],
    current: (f64, f64),
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let fmt_u = move |u: f64| {
        format!(
            "{} {} %",
            tr(l, "utilisation", "Auslastung"),
            rd(l, u * 100.0)
        )
    };
    let (x_axis, y_axis, cur) = sensitivity_words(l);
    let labels = charts::cost_sensitivity::Labels {
        x_axis,
        y_axis,
        utilization: &fmt_u,
        current: cur,
    };
    let at = a.map(|a| (a.s.usd_per_kwh, a.o.serving.usd_per_million_output_tokens));
    let hover = a.map(|a| pinned_hover(l, &sensitivity_a(l, a)));
    let pinned = pinned(at, pinned_label(l), hover.as_deref());
    let h = charts::cost_sensitivity::height(lines, pinned, &labels, look);
    render_svg((width, h), |area| {
        charts::cost_sensitivity::draw(area, lines, Some(current), pinned, &labels, look)
    })
}

pub fn cost_sensitivity_summary(l: Lang) -> String {
    tr(l,
        "Cost per million tokens rises only slowly with the electricity price; utilisation matters more.",
        "Die Kosten pro Million Token steigen mit dem Strompreis nur langsam; die Auslastung wiegt schwerer.").to_string()
}

/// The sensitivity chart's takeaway: what ten cents more per kWh add at the scenario's
/// utilisation, against today's cost.
pub fn cost_sensitivity_takeaway(
    l: Lang,
    lines: &[(f64, Vec<(f64, f64)>)],
    utilization: f64,
    cost: f64,
) -> String {
    let Some((u, pts)) = lines.iter().min_by(|a, b| {
        (a.0 - utilization)
            .abs()
            .total_cmp(&(b.0 - utilization).abs())
    }) else {
        return String::new();
    };
    let (Some(a), Some(b)) = (pts.first(), pts.last()) else {
        return String::new();
    };
    let step = 0.1;
    let per_step = (b.1 - a.1) / (b.0 - a.0) * step;
    let (u, share) = (rd(l, u * 100.0), pct(l, per_step / cost));
    let (step, per_step, cost) = (rd(l, step), rd(l, per_step), rd(l, cost));
    match l {
        Lang::En => format!(
            "At {u} % utilisation, every {step} $ more per kilowatt-hour adds {per_step} $ per million tokens: {share} of today's {cost} $."
        ),
        Lang::De => format!(
            "Bei {u} % Auslastung kosten {step} $ mehr pro Kilowattstunde {per_step} $ mehr pro Million Token: {share} der heutigen {cost} $."
        ),
    }
}

/// What scenario A is on this chart: its cost per million tokens at its own price of
/// electricity.
fn sensitivity_a(l: Lang, a: ScenarioA) -> String {
    format!(
        "{} $ {} {} $/kWh",
        rd(l, a.o.serving.usd_per_million_output_tokens),
        tr(l, "per million tokens at", "pro Million Token bei"),
        rd(l, a.s.usd_per_kwh)
    )
}

/// The sensitivity chart's sentence about scenario A while two are compared.
pub fn cost_sensitivity_compared(l: Lang, a: ScenarioA, b: &Outcome) -> String {
    a_sentence(
        l,
        &sensitivity_a(l, a),
        Some((
            b.serving.usd_per_million_output_tokens,
            a.o.serving.usd_per_million_output_tokens,
        )),
    )
}
