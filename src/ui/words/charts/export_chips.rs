//! 6 · Chips under export rules against the H100.

use super::{ScenarioA, a_sentence, pinned, pinned_hover, pinned_label, rd, render_svg};
use crate::charts::{self, Look};
use crate::model::series::ChipModelPoint;
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    let h100 = crate::data::catalogue()
        .gpu(charts::export_chips::REFERENCE)
        .map_or("", |g| g.short.as_str());
    match l {
        Lang::En => format!("How do chips under export rules compare with the {h100}?"),
        Lang::De => format!("Wie schneiden Chips unter Exportregeln gegen den {h100} ab?"),
    }
}

/// Scenario A's own row of the comparison, where its chip and model are one of the rows: the
/// point and its tokens per kilojoule and per dollar as % of the H100's, all from A's own
/// points (`series::export_points` of A's scenario: A's workload and prices).
fn a_share<'p>(a: ScenarioA, a_points: &'p [ChipModelPoint]) -> Option<(&'p ChipModelPoint, f64)> {
    let shares = charts::export_chips::shares(a_points);
    a_points
        .iter()
        .zip(shares)
        .find(|(x, _)| x.gpu_id == a.s.gpu && x.model_id == a.s.model)
        .map(|(x, (kj, _))| (x, kj))
        .filter(|(_, kj)| kj.is_finite())
}

/// Tokens per kJ and per $ of each chip and model as a share of the H100's; `current` rings
/// the reader's chip and model where they are a row, `a` marks scenario A's own share (from
/// its own points) where its chip and model are one while two are compared.
pub fn export_svg(
    l: Lang,
    p: &[ChipModelPoint],
    current: Option<(&str, &str)>,
    a: Option<(ScenarioA, &[ChipModelPoint])>,
    look: &Look,
    width: u32,
) -> String {
    let h100 = p
        .iter()
        .find(|x| x.gpu_id == charts::export_chips::REFERENCE)
        .map_or("", |x| x.gpu_label.as_str());
    let axis = match l {
        Lang::En => format!("Output tokens, in % of the {h100}'s for the same model"),
        Lang::De => format!("Ausgabetoken, in % des {h100} für dasselbe Modell"),
    };
    let value = |a: f64, b: f64| format!("{} % · {} %", rd(l, a.round()), rd(l, b.round()));
    let hover = |x: &ChipModelPoint, what: &str, v: f64, share: f64| {
        format!(
            "{} · {}: {} {what} ({} %)",
            x.gpu_label,
            x.model_label,
            rd(l, v),
            rd(l, share.round())
        )
    };
    let labels = charts::export_chips::Labels {
        axis: &axis,
        per_kj: tr(l, "per kilojoule, all-in", "pro Kilojoule, gesamt"),
        per_usd: tr(l, "per dollar", "pro Dollar"),
        value: &value,
        hover: &hover,
    };
    let share = a.and_then(|(a, pts)| a_share(a, pts));
    let a_hover = share.map(|s| pinned_hover(l, &export_a(l, s, h100)));
    let at = share.map(|(x, kj)| (x.gpu_id.as_str(), x.model_id.as_str(), kj));
    let pinned = pinned(at, pinned_label(l), a_hover.as_deref());
    let h = charts::export_chips::height(p, pinned, &labels, look);
    render_svg((width, h), |area| {
        charts::export_chips::draw(area, p, current, pinned, &labels, look)
    })
}

pub fn export_summary(l: Lang) -> String {
    tr(l,
        "Tokens per kilojoule and per dollar on H100, H800, H20 and Huawei Ascend, for DeepSeek-R1 and a dense 70B model.",
        "Token pro Kilojoule und pro Dollar auf H100, H800, H20 und Huawei Ascend, für DeepSeek-R1 und ein dichtes 70B-Modell.").to_string()
}

/// The export chart's takeaway: for the first model (the mixture of experts), the best chip
/// other than the H100, as a share of the H100's tokens per kJ and per $.
pub fn export_takeaway(l: Lang, p: &[ChipModelPoint]) -> String {
    let shares = charts::export_chips::shares(p);
    let Some(first) = p.first() else {
        return String::new();
    };
    let reference = p
        .iter()
        .find(|x| x.gpu_id == charts::export_chips::REFERENCE)
        .map_or("", |x| x.gpu_label.as_str());
    let best = p
        .iter()
        .zip(&shares)
        .filter(|(x, s)| {
            x.model_id == first.model_id
                && x.gpu_id != charts::export_chips::REFERENCE
                && s.0.is_finite()
        })
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0));
    let Some((x, (kj, usd))) = best else {
        return String::new();
    };
    let f = |v: f64| format!("{} %", rd(l, v.round()));
    match l {
        Lang::En => format!(
            "For {}, the best of the other chips, the {}, makes {} of the {}'s tokens per kilojoule and {} of its tokens per dollar.",
            x.model_label,
            x.gpu_label,
            f(*kj),
            reference,
            f(*usd)
        ),
        Lang::De => format!(
            "Für {} erzeugt der beste der übrigen Chips, der {}, {} der Token pro Kilojoule des {} und {} seiner Token pro Dollar.",
            x.model_label,
            x.gpu_label,
            f(*kj),
            reference,
            f(*usd)
        ),
    }
}

/// What scenario A is on this chart: its chip and model and its own tokens per kilojoule as a
/// share of the reference chip's.
fn export_a(l: Lang, (x, kj): (&ChipModelPoint, f64), reference: &str) -> String {
    format!(
        "{} {} {}, {} % {} {reference}",
        x.gpu_label,
        tr(l, "with", "mit"),
        x.model_label,
        rd(l, kj.round()),
        tr(
            l,
            "of the tokens per kilojoule of the",
            "der Token pro Kilojoule des"
        )
    )
}

/// The export chart's sentence about scenario A while two are compared, where A's chip and
/// model are one of the rows (at A's own workload and prices); else none.
pub fn export_compared(l: Lang, a: ScenarioA, a_points: &[ChipModelPoint]) -> String {
    let reference = a_points
        .iter()
        .find(|x| x.gpu_id == charts::export_chips::REFERENCE)
        .map_or("", |x| x.gpu_label.as_str());
    a_share(a, a_points).map_or(String::new(), |s| {
        a_sentence(l, &export_a(l, s, reference), None)
    })
}
