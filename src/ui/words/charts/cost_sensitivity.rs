//! 4 · Cost against the electricity price.

use super::{pct, rd, render_svg};
use crate::charts::{self, Look};
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
    let h = charts::cost_sensitivity::height(lines, &labels, look);
    render_svg((width, h), |a| {
        charts::cost_sensitivity::draw(a, lines, Some(current), &labels, look)
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
    match l {
        Lang::En => format!(
            "At {} % utilisation, every {} $ more per kilowatt-hour adds {} $ per million tokens: {} of today's {} $.",
            rd(l, u * 100.0),
            rd(l, step),
            rd(l, per_step),
            pct(l, per_step / cost),
            rd(l, cost)
        ),
        Lang::De => format!(
            "Bei {} % Auslastung kosten {} $ mehr pro Kilowattstunde {} $ mehr pro Million Token: {} der heutigen {} $.",
            rd(l, u * 100.0),
            rd(l, step),
            rd(l, per_step),
            pct(l, per_step / cost),
            rd(l, cost)
        ),
    }
}
