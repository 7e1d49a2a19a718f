//! 6 · Chips under export rules against the H100.

use super::{rd, render_svg};
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

pub fn export_svg(
    l: Lang,
    p: &[ChipModelPoint],
    current: Option<(&str, &str)>,
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
    let h = charts::export_chips::height(p, &labels, look);
    render_svg((width, h), |a| {
        charts::export_chips::draw(a, p, current, &labels, look)
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
