//! 5 · Scale: the factory's year of electricity beside references.

use super::{ScenarioA, a_sentence, ab_rows, pct, pinned, pinned_hover, rd, render_svg};
use crate::charts::{self, Look};
use crate::model::Outcome;
use crate::model::series::{self, ScaleRef};
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "How much electricity does the factory use in a year?",
        "Wie viel Strom verbraucht die Fabrik im Jahr?",
    )
    .to_string()
}

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
        ScaleRef::ThisFactory => tr(l, "Your factory", "Ihre Fabrik").to_string(),
        ScaleRef::Abilene => format!(
            "Stargate Abilene, {} GW ({})",
            rd(l, abilene_gw),
            tr(l, "your chips", "Ihre Chips")
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

/// Scenario A's factory's electricity per year, TWh (its row of [`scale_rows`]).
fn a_twh(a: ScenarioA) -> Option<f64> {
    scale_rows(a.o)
        .into_iter()
        .find(|r| r.0 == ScaleRef::ThisFactory)
        .map(|r| r.1)
}

/// The factory's electricity per year beside references, and scenario A's factory in a row
/// after the reader's (then named B) while two are compared.
pub fn scale_svg(
    l: Lang,
    r: &[(ScaleRef, f64, usize)],
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let mut rows: Vec<(String, f64, usize)> = r
        .iter()
        .map(|(k, v, c)| (scale_name(l, *k), *v, *c))
        .collect();
    let (b_row, a_row) = ab_rows(
        l,
        ("your factory", "Ihre Fabrik"),
        ("pinned factory", "festgehaltene Fabrik"),
    );
    let twh = a.and_then(a_twh);
    if let (Some(first), Some(_)) = (rows.first_mut(), twh) {
        first.0 = b_row;
    }
    let hover = twh.map(|v| pinned_hover(l, &scale_a(l, v)));
    let pinned = pinned(twh, &a_row, hover.as_deref());
    let axis = tr(
        l,
        "Electricity per year, in terawatt-hours (log scale)",
        "Strom pro Jahr, in Terawattstunden (log. Skala)",
    );
    let h = charts::scale::height(&rows, pinned, axis, look);
    render_svg((width, h), |area| {
        charts::scale::draw(area, &rows, pinned, axis, "TWh", look)
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
        rd(l, ours)
    )
}

/// The scale chart's takeaway: the factory's year of electricity as a share of Germany's.
pub fn scale_takeaway(l: Lang, r: &[(ScaleRef, f64, usize)]) -> String {
    let get = |k: ScaleRef| r.iter().find(|x| x.0 == k).map(|x| x.1);
    let (Some(ours), Some(de)) = (get(ScaleRef::ThisFactory), get(ScaleRef::Germany)) else {
        return String::new();
    };
    let share = ours / de;
    let share = if share >= 0.01 {
        pct(l, share)
    } else {
        format!("{} %", rd(l, share * 100.0))
    };
    let ours = rd(l, ours);
    match l {
        Lang::En => format!(
            "Your factory uses {ours} terawatt-hours a year: {share} of all the electricity Germany uses."
        ),
        Lang::De => format!(
            "Ihre Fabrik verbraucht {ours} Terawattstunden im Jahr: {share} des gesamten Stroms in Deutschland."
        ),
    }
}

/// What scenario A is on this chart: its factory's electricity per year.
fn scale_a(l: Lang, twh: f64) -> String {
    format!("{} TWh {}", rd(l, twh), tr(l, "a year", "im Jahr"))
}

/// The scale chart's sentence about scenario A while two are compared.
pub fn scale_compared(l: Lang, a: ScenarioA, b: &[(ScaleRef, f64, usize)]) -> String {
    let ours = b.iter().find(|x| x.0 == ScaleRef::ThisFactory).map(|x| x.1);
    match (a_twh(a), ours) {
        (Some(va), Some(vb)) => a_sentence(l, &scale_a(l, va), Some((vb, va))),
        _ => String::new(),
    }
}
