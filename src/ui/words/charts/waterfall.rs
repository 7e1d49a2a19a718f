//! 2 · The claim's waterfall: NVIDIA's 17,000 J → 0.4 J split into the model's steps.

use super::{claim_value, model_name, rd, render_svg, times};
use crate::charts::{self, Look};
use crate::model::claims::{self, Claimed, WaterfallKey, WaterfallStep};
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    let claimed = claims::claimed();
    match l {
        Lang::En => format!(
            "How could {} J per token fall to {} J?",
            rd(l, claimed.pascal_j),
            rd(l, claimed.blackwell_j)
        ),
        Lang::De => format!(
            "Wie könnten {} J pro Token auf {} J fallen?",
            rd(l, claimed.pascal_j),
            rd(l, claimed.blackwell_j)
        ),
    }
}

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
    let cv = |v: f64| claim_value(l, v);
    let sv = |j: f64, f: f64| match (l, f >= 1.0) {
        (Lang::En, true) => format!("{} J, {}× less", rd(l, j), rd(l, f)),
        (Lang::En, false) => format!("{} J, {}× more", rd(l, j), rd(l, 1.0 / f)),
        (Lang::De, true) => format!("{} J, {}-mal weniger", rd(l, j), rd(l, f)),
        (Lang::De, false) => format!("{} J, {}-mal mehr", rd(l, j), rd(l, 1.0 / f)),
    };
    let unexplained = format!(
        "{} {} J",
        tr(l, "Gap to NVIDIA's", "Lücke zu NVIDIAs"),
        rd(l, claimed.blackwell_j)
    );
    let labels = charts::waterfall::Labels {
        steps: &names,
        unexplained: &unexplained,
        axis: tr(
            l,
            "GPU energy per output token, in joules (log scale)",
            "GPU-Energie pro Ausgabetoken, in Joule (log. Skala)",
        ),
        claim_rows: [
            tr(l, "NVIDIA's figure for Pascal", "NVIDIAs Zahl für Pascal"),
            tr(
                l,
                "NVIDIA's figure for Blackwell",
                "NVIDIAs Zahl für Blackwell",
            ),
        ],
        claim_value: &cv,
        step_value: &sv,
    };
    let h = charts::waterfall::height(st, claimed, &labels, look);
    render_svg((width, h), |a| {
        charts::waterfall::draw(a, st, claimed, &labels, look)
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
            rd(l, a.gpu_joules_per_output_token),
            rd(l, b.gpu_joules_per_output_token),
            rd(
                l,
                a.gpu_joules_per_output_token / b.gpu_joules_per_output_token
            ),
            tr(l, "NVIDIA claims", "NVIDIA behauptet"),
            rd(l, claimed.pascal_j),
            rd(l, claimed.blackwell_j),
            rd(l, claimed.pascal_j / claimed.blackwell_j)
        ),
        _ => String::new(),
    }
}

/// The waterfall's takeaway: how much of the claimed fall the model's hardware steps make,
/// and the biggest of them.
pub fn waterfall_takeaway(l: Lang, st: &[WaterfallStep], claimed: &Claimed) -> String {
    let (Some(a), Some(b)) = (st.first(), st.last()) else {
        return String::new();
    };
    let model = model_name(claims::ENERGY_CLAIM_MODEL);
    let (ja, jb) = (a.gpu_joules_per_output_token, b.gpu_joules_per_output_token);
    let big = st
        .iter()
        .skip(1)
        .max_by(|x, y| x.factor.total_cmp(&y.factor));
    let claim = claimed.pascal_j / claimed.blackwell_j;
    let step = big.map_or(String::new(), |s| {
        step_name(l, s.key).trim_start_matches("+ ").to_string()
    });
    let f = times(l, big.map_or(1.0, |s| s.factor));
    let (from, to, ratio, claim) = (rd(l, ja), rd(l, jb), times(l, ja / jb), times(l, claim));
    match l {
        Lang::En => format!(
            "For {model}, the model's hardware steps go from {from} J to {to} J per token, {ratio}× less; the biggest is {step} ({f}×). NVIDIA claims {claim}×."
        ),
        Lang::De => format!(
            "Für {model} führen die Hardware-Schritte des Modells von {from} J auf {to} J pro Token, {ratio}-mal weniger; der größte ist {step} ({f}-mal). NVIDIA behauptet das {claim}-Fache."
        ),
    }
}
