//! 4 · Cost: the price of a million tokens in parts.

use super::{ScenarioA, a_sentence, ab_rows, pct, pinned, pinned_hover, rd, render_svg};
use crate::charts::{self, Look};
use crate::model::Outcome;
use crate::model::cost::CostBreakdown;
use crate::model::series::CostVariant;
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "What is the price of a million tokens made of?",
        "Woraus setzt sich der Preis von einer Million Token zusammen?",
    )
    .to_string()
}

pub fn cost_label(l: Lang, v: CostVariant) -> String {
    match v {
        CostVariant::Scenario => tr(l, "Your scenario", "Ihr Szenario"),
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

/// The scenario's cost in parts beside its one-knob variants, and scenario A's own cost in a
/// row after the scenario's (then named B) while two are compared.
pub fn cost_breakdown_svg(
    l: Lang,
    v: &[(CostVariant, CostBreakdown)],
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let mut rows: Vec<(String, CostBreakdown)> =
        v.iter().map(|(k, b)| (cost_label(l, *k), *b)).collect();
    let (b_row, a_row) = ab_rows(
        l,
        ("your scenario", "Ihr Szenario"),
        ("pinned scenario", "festgehaltenes Szenario"),
    );
    if let (Some(first), Some(_)) = (rows.first_mut(), a) {
        first.0 = b_row;
    }
    let hover = a.map(|a| pinned_hover(l, &cost_a(l, a)));
    let at = a.map(|a| a.o.serving.cost_breakdown);
    let pinned = pinned(at, &a_row, hover.as_deref());
    let axis = tr(
        l,
        "Dollars per million output tokens",
        "Dollar pro Million Ausgabetoken",
    );
    let h = charts::cost_breakdown::height(&rows, pinned, cost_parts(l), axis, look);
    render_svg((width, h), |area| {
        charts::cost_breakdown::draw(area, &rows, pinned, cost_parts(l), axis, look)
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
                rd(l, b.total),
                tr(l, "hardware", "Hardware"),
                rd(l, b.hardware),
                tr(l, "electricity", "Strom"),
                rd(l, b.electricity)
            )
        })
        .unwrap_or_default()
}

/// The cost chart's takeaway: the scenario's shares of hardware and electricity, and the
/// price at German electricity prices.
pub fn cost_breakdown_takeaway(l: Lang, v: &[(CostVariant, CostBreakdown)]) -> String {
    let Some((_, b)) = v.first() else {
        return String::new();
    };
    let de = v
        .iter()
        .find(|(k, _)| *k == CostVariant::GermanElectricity)
        .map(|(_, d)| d.total);
    let (total, h, e) = (
        rd(l, b.total),
        pct(l, b.hardware / b.total),
        pct(l, b.electricity / b.total),
    );
    let tail = match (l, de.map(|d| rd(l, d))) {
        (Lang::En, Some(d)) => format!("; at German power prices it would be {d} $"),
        (Lang::De, Some(d)) => format!("; zu deutschen Strompreisen wären es {d} $"),
        _ => String::new(),
    };
    match l {
        Lang::En => {
            format!("Of {total} $ per million tokens, {h} is hardware and {e} electricity{tail}.")
        }
        Lang::De => format!(
            "Von {total} $ pro Million Token entfallen {h} auf Hardware und {e} auf Strom{tail}."
        ),
    }
}

/// What scenario A is on this chart: its cost per million tokens and the hardware's share.
fn cost_a(l: Lang, a: ScenarioA) -> String {
    let c = a.o.serving.cost_breakdown;
    format!(
        "{} $ {}, {} {}",
        rd(l, c.total),
        tr(l, "per million tokens", "pro Million Token"),
        pct(l, c.hardware / c.total),
        tr(l, "of it hardware", "davon Hardware")
    )
}

/// The cost chart's sentence about scenario A while two are compared.
pub fn cost_breakdown_compared(l: Lang, a: ScenarioA, b: &Outcome) -> String {
    a_sentence(
        l,
        &cost_a(l, a),
        Some((
            b.serving.cost_breakdown.total,
            a.o.serving.cost_breakdown.total,
        )),
    )
}
