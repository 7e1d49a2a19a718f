//! 5 · Scale: the factory's year of electricity beside references.

use super::{pct, rd, render_svg};
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

pub fn scale_svg(l: Lang, r: &[(ScaleRef, f64, usize)], look: &Look, width: u32) -> String {
    let rows: Vec<(String, f64, usize)> = r
        .iter()
        .map(|(k, v, c)| (scale_name(l, *k), *v, *c))
        .collect();
    let axis = tr(
        l,
        "Electricity per year, in terawatt-hours (log scale)",
        "Strom pro Jahr, in Terawattstunden (log. Skala)",
    );
    let h = charts::scale::height(&rows, axis, look);
    render_svg((width, h), |a| {
        charts::scale::draw(a, &rows, axis, "TWh", look)
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
    match l {
        Lang::En => format!(
            "Your factory uses {} terawatt-hours a year: {share} of all the electricity Germany uses.",
            rd(l, ours)
        ),
        Lang::De => format!(
            "Ihre Fabrik verbraucht {} Terawattstunden im Jahr: {share} des gesamten Stroms in Deutschland.",
            rd(l, ours)
        ),
    }
}
