//! 2 · Energy by generation: J per output token, chip by chip.

use super::{
    ScenarioA, a_sentence, chip_and_model, claim_value, family_name, model_name, pinned,
    pinned_hover, pinned_label, rd, render_svg, times,
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

/// The chart's labels in the language; `cv` writes a claim's annotation, `fam` a family's
/// legend entry.
fn labels<'a>(
    l: Lang,
    cv: &'a dyn Fn(f64) -> String,
    fam: &'a dyn Fn(charts::palette::Family) -> String,
) -> charts::energy_by_generation::Labels<'a> {
    charts::energy_by_generation::Labels {
        y_axis: tr(
            l,
            "Energy per output token, in joules (log scale)",
            "Energie pro Ausgabetoken, in Joule (log. Skala)",
        ),
        gpu_series: tr(l, "GPU board only", "Nur GPU-Platine"),
        facility_series: tr(l, "All-in facility", "Gesamtes Rechenzentrum"),
        claim: tr(l, "NVIDIA's claim", "NVIDIAs Behauptung"),
        yours: tr(l, "Your chip", "Ihr Chip"),
        claim_value: cv,
        family: fam,
    }
}

/// J per output token by generation, `width` px wide and as tall as its rows need; `hi`
/// rings the scenario's chip, `claims` adds NVIDIA's two figures, `a` marks scenario A's own
/// figure on its chip's row while two are compared.
pub fn energy_svg(
    l: Lang,
    pts: &[GenerationPoint],
    hi: Option<usize>,
    claims_shown: bool,
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let cv = |v: f64| claim_value(l, v);
    let fam = |f| family_name(l, f);
    let labels = labels(l, &cv, &fam);
    let claims = if claims_shown {
        charts::energy_by_generation::Claims::Show(claims::claimed())
    } else {
        charts::energy_by_generation::Claims::Hide
    };
    let a_hover = a.map(|a| pinned_hover(l, &energy_a(l, a)));
    // A's own figure (its chip's generation point is its outcome: the same `serve` and
    // `economics`), on its chip's row.
    let at = a.map(|a| (a.o.gpu, a.o.serving.facility_joules_per_output_token));
    let pinned = pinned(at, pinned_label(l), a_hover.as_deref());
    let h = charts::energy_by_generation::height(pts, pinned, &labels, claims, look);
    render_svg((width, h), |area| {
        charts::energy_by_generation::draw(area, pts, hi, pinned, &labels, claims, look)
    })
}

/// The link preview's words: the chart's question, and what the preview shows (NVIDIA's line of
/// data-centre GPUs from the first year to the last, serving the claim's model, beside
/// NVIDIA's two claimed figures).
pub fn preview_words(l: Lang, pts: &[GenerationPoint]) -> (String, String) {
    let line = |p: &&GenerationPoint| crate::words::TIMELINE.contains(&p.gpu_id.as_str());
    let years = pts.iter().filter(line).map(|p| p.year);
    let (first, last) = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
    let claimed = claims::claimed();
    let model = model_name(claims::ENERGY_CLAIM_MODEL);
    let (a, b) = (rd(l, claimed.pascal_j), rd(l, claimed.blackwell_j));
    let what = match l {
        Lang::En => format!(
            "NVIDIA's data-centre GPUs, {first} → {last}, serving {model}: energy per output token in the model, beside NVIDIA's claimed {a} J and {b} J."
        ),
        Lang::De => format!(
            "NVIDIAs Rechenzentrums-GPUs, {first} → {last}, mit {model}: Energie pro Ausgabetoken im Modell, neben NVIDIAs behaupteten {a} J und {b} J."
        ),
    };
    (title(l), what)
}

/// The link preview (`og.png`), `size` exactly: the chart's question and what it shows
/// ([`preview_words`]) above NVIDIA's line of generations (the timeline's chips, a row each,
/// squeezed to fit) for the claim's model with NVIDIA's claims as labelled rows, the model
/// version below. `pts` are the generation points of [`claims::ENERGY_CLAIM_MODEL`]; the
/// legend keeps only the marks (the rows name the chips).
pub fn preview_svg(l: Lang, pts: &[GenerationPoint], look: &Look, size: (u32, u32)) -> String {
    let line: Vec<GenerationPoint> = pts
        .iter()
        .filter(|p| crate::words::TIMELINE.contains(&p.gpu_id.as_str()))
        .cloned()
        .collect();
    let (title, what) = preview_words(l, pts);
    let caption = format!(
        "fabrik, {} {}",
        tr(l, "model", "Modell"),
        crate::data::catalogue().model_version()
    );
    let words = charts::ExportWords {
        title: &title,
        takeaway: &what,
        caption: &caption,
    };
    let h = size.1.saturating_sub(charts::export_height(size.0, &words));
    let cv = |v: f64| claim_value(l, v);
    let no_family = |_| String::new();
    let mut labels = labels(l, &cv, &no_family);
    labels.yours = "";
    let claims = charts::energy_by_generation::Claims::Show(claims::claimed());
    let svg = render_svg((size.0, h), |area| {
        charts::energy_by_generation::draw(area, &line, None, None, &labels, claims, look)
    });
    charts::with_words(&svg, (size.0, h), &words, look).0
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
        (Some(y), Some(b), _) if y.gpu_id != b.gpu_id => {
            let (best, yours) = (&b.label, &y.label);
            let (ratio, least, your_j) = (times(l, j(y) / j(b)), rd(l, j(b)), rd(l, j(y)));
            match l {
                Lang::En => format!(
                    "For {model}, the {best} needs {ratio}× less energy per token than your {yours}: {least} J against {your_j} J, all-in."
                ),
                Lang::De => format!(
                    "Für {model} braucht der {best} {ratio}-mal weniger Energie pro Token als Ihr {yours}: {least} J statt {your_j} J, gesamt."
                ),
            }
        }
        (Some(y), _, Some(w)) => {
            let (yours, worst) = (&y.label, &w.label);
            let (your_j, ratio) = (rd(l, j(y)), times(l, j(w) / j(y)));
            match l {
                Lang::En => format!(
                    "For {model}, your {yours} is the most frugal chip here: {your_j} J per token, all-in, {ratio}× less than the {worst}."
                ),
                Lang::De => format!(
                    "Für {model} ist Ihr {yours} hier der sparsamste Chip: {your_j} J pro Token, gesamt, {ratio}-mal weniger als der {worst}."
                ),
            }
        }
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
