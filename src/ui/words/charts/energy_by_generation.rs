//! 2 · Energy by generation: J per output token, chip by chip.

use super::{
    ScenarioA, a_sentence, chip_and_model, claim_value, family_name, model_name, pinned_hover,
    pinned_label, rd, render_svg, times,
};
use crate::charts::{self, Look};
use crate::model::Outcome;
use crate::model::claims;
use crate::model::series::GenerationPoint;
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "How much energy does one token take, chip by chip?",
        "Wie viel Energie braucht ein Token, Chip für Chip?",
    )
    .to_string()
}

/// J per output token by generation; `hi` rings the scenario's chip, `claims` adds NVIDIA's
/// two figures, `a` marks scenario A's own figure on its chip's row while two are compared.
/// A height of 0 is the chart's own (a row per chip).
pub fn energy_svg(
    l: Lang,
    pts: &[GenerationPoint],
    hi: Option<usize>,
    claims_shown: bool,
    a: Option<ScenarioA>,
    look: &Look,
    size: (u32, u32),
) -> String {
    let claimed = claims::claimed();
    let cv = |v: f64| claim_value(l, v);
    let fam = |f| family_name(l, f);
    let labels = charts::energy_by_generation::Labels {
        y_axis: tr(
            l,
            "Energy per output token, in joules (log scale)",
            "Energie pro Ausgabetoken, in Joule (log. Skala)",
        ),
        gpu_series: tr(l, "GPU board only", "Nur GPU-Platine"),
        facility_series: tr(l, "All-in facility", "Gesamtes Rechenzentrum"),
        claim: tr(l, "NVIDIA's claim", "NVIDIAs Behauptung"),
        yours: tr(l, "Your chip", "Ihr Chip"),
        claim_value: &cv,
        family: &fam,
    };
    let claims = if claims_shown {
        charts::energy_by_generation::Claims::Show(claimed)
    } else {
        charts::energy_by_generation::Claims::Hide
    };
    let a_hover = a.map(|a| pinned_hover(l, &energy_a(l, a)));
    // A's own figure (its chip's generation point is its outcome: the same `serve` and
    // `economics`), on its chip's row.
    let pinned = a.zip(a_hover.as_deref()).map(|(a, hover)| charts::Pinned {
        at: (a.o.gpu, a.o.serving.facility_joules_per_output_token),
        label: pinned_label(l),
        hover,
    });
    let natural = charts::energy_by_generation::height(pts, pinned, &labels, claims, look);
    if size.1 != 0 && size.1 < natural {
        // A picture of a fixed size (the link preview) too small for a row per chip: NVIDIA's
        // line of generations (the timeline's chips) and the reader's chip.
        let keep: Vec<usize> = (0..pts.len())
            .filter(|&i| Some(i) == hi || crate::words::TIMELINE.contains(&pts[i].gpu_id.as_str()))
            .collect();
        let few: Vec<GenerationPoint> = keep.iter().map(|&i| pts[i].clone()).collect();
        let hi = hi.and_then(|h| keep.iter().position(|&i| i == h));
        return render_svg(size, |area| {
            charts::energy_by_generation::draw(area, &few, hi, pinned, &labels, claims, look)
        });
    }
    let h = if size.1 == 0 { natural } else { size.1 };
    render_svg((size.0, h), |area| {
        charts::energy_by_generation::draw(area, pts, hi, pinned, &labels, claims, look)
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
            rd(l, f.facility_joules_per_output_token),
            tr(l, "down to", "bis"),
            rd(l, b.facility_joules_per_output_token),
            b.label
        ),
        _ => String::new(),
    }
}

/// The energy chart's takeaway: the reader's chip against the most frugal one, for the model.
pub fn energy_takeaway(l: Lang, p: &[GenerationPoint], hi: Option<usize>, model: &str) -> String {
    let ok = |g: &&GenerationPoint| {
        g.facility_joules_per_output_token.is_finite() && g.facility_joules_per_output_token > 0.0
    };
    let j = |g: &GenerationPoint| g.facility_joules_per_output_token;
    let best = p.iter().filter(ok).min_by(|a, b| j(a).total_cmp(&j(b)));
    let worst = p.iter().filter(ok).max_by(|a, b| j(a).total_cmp(&j(b)));
    let yours = hi.and_then(|i| p.get(i)).filter(|g| ok(g));
    let model = model_name(model);
    match (yours, best, worst) {
        (Some(y), Some(b), _) if y.gpu_id != b.gpu_id => match l {
            Lang::En => format!(
                "For {model}, the {} needs {}× less energy per token than your {}: {} J against {} J, all-in.",
                b.label,
                times(l, j(y) / j(b)),
                y.label,
                rd(l, j(b)),
                rd(l, j(y))
            ),
            Lang::De => format!(
                "Für {model} braucht der {} {}-mal weniger Energie pro Token als Ihr {}: {} J statt {} J, gesamt.",
                b.label,
                times(l, j(y) / j(b)),
                y.label,
                rd(l, j(b)),
                rd(l, j(y))
            ),
        },
        (Some(y), _, Some(w)) => match l {
            Lang::En => format!(
                "For {model}, your {} is the most frugal chip here: {} J per token, all-in, {}× less than the {}.",
                y.label,
                rd(l, j(y)),
                times(l, j(w) / j(y)),
                w.label
            ),
            Lang::De => format!(
                "Für {model} ist Ihr {} hier der sparsamste Chip: {} J pro Token, gesamt, {}-mal weniger als der {}.",
                y.label,
                rd(l, j(y)),
                times(l, j(w) / j(y)),
                w.label
            ),
        },
        _ => match l {
            Lang::En => format!("Your chip cannot serve {model} as set up here."),
            Lang::De => format!("Ihr Chip kann {model} so nicht bedienen."),
        },
    }
}

/// What scenario A is on this chart: its chip, model and precision, and its energy per output
/// token, all-in.
fn energy_a(l: Lang, a: ScenarioA) -> String {
    let (chip, model) = chip_and_model(a.o);
    format!(
        "{chip} {} {model} ({}), {} J {}",
        tr(l, "with", "mit"),
        a.o.precision.as_str().to_ascii_uppercase(),
        rd(l, a.o.serving.facility_joules_per_output_token),
        tr(l, "per token, all-in", "pro Token, gesamt")
    )
}

/// The energy chart's sentence about scenario A while two are compared.
pub fn energy_compared(l: Lang, a: ScenarioA, b: &Outcome) -> String {
    a_sentence(
        l,
        &energy_a(l, a),
        Some((
            b.serving.facility_joules_per_output_token,
            a.o.serving.facility_joules_per_output_token,
        )),
    )
}
