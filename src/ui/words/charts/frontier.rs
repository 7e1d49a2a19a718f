//! 3 · The frontier: tokens per second per megawatt against speed per user, and the measured marks.

use super::{ScenarioA, a_sentence, pinned, pinned_hover, pinned_label, rd, render_svg, times};
use crate::charts::{self, Look};
use crate::model::claims;
use crate::model::series::FrontierSeries;
use crate::model::step::Physics;
use crate::model::{Outcome, Scenario};
use crate::words::{Lang, count, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "How many tokens does a megawatt make at the speed each user gets?",
        "Wie viele Token erzeugt ein Megawatt bei dem Tempo, das jeder Nutzer bekommt?",
    )
    .to_string()
}

fn frontier_labels(l: Lang) -> charts::frontier::Labels<'static> {
    charts::frontier::Labels {
        x_axis: tr(
            l,
            "Tokens per second each user gets (log scale)",
            "Token pro Sekunde für jeden Nutzer (log. Skala)",
        ),
        y_axis: tr(
            l,
            "Output tokens per second per megawatt (log scale)",
            "Ausgabetoken pro Sekunde und Megawatt (log. Skala)",
        ),
        current: tr(l, "Your scenario", "Ihr Szenario"),
        per_user: tr(l, "tokens/s per user", "Token/s pro Nutzer"),
        per_mw: tr(l, "tokens/s per MW", "Token/s pro MW"),
    }
}

/// The frontiers, the scenario ringed at `current`, the measured marks, and scenario A's own
/// speed and throughput as a diamond while two are compared.
pub fn frontier_svg(
    l: Lang,
    fronts: &[FrontierSeries],
    current: (f64, f64),
    marks: &MeasuredMarks,
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let labels = frontier_labels(l);
    let at = a.map(|a| {
        (
            a.o.serving.tokens_per_s_per_user,
            a.o.serving.tokens_per_s_per_mw,
        )
    });
    let hover = a.map(|a| pinned_hover(l, &frontier_a(l, a)));
    let pinned = pinned(at, pinned_label(l), hover.as_deref());
    let label = marks.label(l);
    let measured = Some(charts::frontier::Measured {
        points: &marks.points,
        label: &label,
        gpu_id: marks.gpu_id,
    });
    let h = charts::frontier::height(fronts, Some(current), measured, pinned, &labels, look);
    render_svg((width, h), |a| {
        charts::frontier::draw(a, fronts, Some(current), measured, pinned, &labels, look)
    })
}

/// InferenceMAX's configurations measured on the scenario's chip, model and precision, at the
/// benchmark's lengths closest to the scenario's, as the frontier chart draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredMarks {
    pub gpu_id: &'static str,
    pub prompt: f64,
    pub output: f64,
    /// `(tokens/s per user, tokens/s per MW at the board limit, hover text)`.
    pub points: Vec<(f64, f64, String)>,
    /// The engines measured, in words.
    pub engines: Vec<String>,
    /// The model's own frontier for the chip (the comparison in [`measured_sentence`]).
    pub model: Vec<crate::model::frontier::FrontierPoint>,
}

impl MeasuredMarks {
    /// The legend's words.
    pub fn label(&self, l: Lang) -> String {
        let (p, o) = (count(l, self.prompt), count(l, self.output));
        match l {
            Lang::En => format!("Measured, {p} → {o} tokens (InferenceMAX)"),
            Lang::De => format!("Gemessen, {p} → {o} Token (InferenceMAX)"),
        }
    }
}

/// The measured marks for a scenario and its outcome.
///
/// # Formula
/// [`crate::calibration::measured_frontier`] for the outcome's chip, model and precision at the
/// scenario's lengths and PUE; the model's frontier for the chip with the outcome's engine.
pub fn measured_marks(l: Lang, s: &Scenario, o: &Outcome) -> MeasuredMarks {
    measured_marks_for(l, &MarksKey::of(s, o))
}

/// What the measured marks depend on: the outcome's chip, model, precision and engine, the
/// scenario's lengths and PUE (a memo key: other knobs do not move the marks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarksKey {
    pub gpu: &'static str,
    pub model: &'static str,
    /// The weights' precision (InferenceMAX names a checkpoint by it: gpt-oss's MXFP4 weights
    /// on an H100 that computes in FP8 are its `fp4` rows).
    pub precision: crate::model::Precision,
    pub engine: &'static str,
    pub prompt: f64,
    pub output: f64,
    pub pue: f64,
}

impl MarksKey {
    pub fn of(s: &Scenario, o: &Outcome) -> MarksKey {
        MarksKey {
            gpu: o.gpu,
            model: o.model,
            precision: o.precisions.weights,
            engine: o.engine,
            prompt: f64::from(s.prompt_tokens),
            output: f64::from(s.output_tokens),
            pue: s.pue,
        }
    }
}

/// [`measured_marks`] from its key.
pub fn measured_marks_for(l: Lang, k: &MarksKey) -> MeasuredMarks {
    let c = crate::data::catalogue();
    let Some(gpu) = c.gpu(k.gpu) else {
        return MeasuredMarks {
            gpu_id: k.gpu,
            prompt: 0.0,
            output: 0.0,
            points: Vec::new(),
            engines: Vec::new(),
            model: Vec::new(),
        };
    };
    let (isl, osl, pts) =
        crate::calibration::measured_frontier(gpu, k.model, k.precision, k.prompt, k.output, k.pue);
    let mut engines: Vec<String> = Vec::new();
    let points = pts
        .iter()
        .map(|p| {
            let engine = crate::words::measured::engine(l, p.framework, "");
            let release = crate::words::measured::engine(l, p.framework, p.version);
            if !engines.contains(&engine) {
                engines.push(engine.clone());
            }
            let mtp = if p.speculative { " + MTP" } else { "" };
            let text = match l {
                Lang::En => format!(
                    "InferenceMAX · {release}{mtp} · {} requests in flight: {} tokens/s per user, {} tokens/s per MW (board at its limit)",
                    count(l, p.conc),
                    rd(l, p.tokens_per_s_per_user),
                    rd(l, p.tokens_per_s_per_mw)
                ),
                Lang::De => format!(
                    "InferenceMAX · {release}{mtp} · {} gleichzeitige Anfragen: {} Token/s pro Nutzer, {} Token/s pro MW (Platine am Limit)",
                    count(l, p.conc),
                    rd(l, p.tokens_per_s_per_user),
                    rd(l, p.tokens_per_s_per_mw)
                ),
            };
            (p.tokens_per_s_per_user, p.tokens_per_s_per_mw, text)
        })
        .collect::<Vec<_>>();
    let model = if points.is_empty() {
        Vec::new()
    } else {
        let m = c.model(k.model);
        let inputs = crate::model::frontier::FrontierInputs {
            engine: k.engine,
            prompt: isl,
            output: osl,
            pue: k.pue,
        };
        m.map_or(Vec::new(), |m| {
            crate::model::frontier::frontier(
                gpu,
                m,
                k.precision,
                &inputs,
                &Physics::from_catalogue(),
            )
        })
    };
    MeasuredMarks {
        gpu_id: k.gpu,
        prompt: isl,
        output: osl,
        points,
        engines,
        model,
    }
}

/// The sentence under the frontier: the measured configuration nearest the reader's speed per
/// user beside the model's frontier for the chip at that speed; or which chips and models the
/// benchmark measured.
pub fn measured_sentence(l: Lang, marks: &MeasuredMarks, chip: &str, v: f64) -> String {
    // The measured configuration with the most tokens per MW at the reader's speed or faster
    // (as the frontier is read), else the fastest measured.
    let near = marks
        .points
        .iter()
        .filter(|p| p.0 >= v)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .or_else(|| marks.points.iter().max_by(|a, b| a.0.total_cmp(&b.0)));
    let Some(&(u, y, _)) = near else {
        return tr(
            l,
            "InferenceMAX has measured no configuration of this chip, model and precision: it measured DeepSeek-R1 and gpt-oss-120b on H100, H200, B200, GB200 NVL72, MI300X and MI355X; choose one of them to see its measurements as crosses.",
            "InferenceMAX hat keine Konfiguration dieses Chips, Modells und Formats gemessen, sondern DeepSeek-R1 und gpt-oss-120b auf H100, H200, B200, GB200 NVL72, MI300X und MI355X; wählen Sie eines davon, um die Messungen als Kreuze zu sehen.",
        )
        .to_string();
    };
    let n = count(l, marks.points.len() as f64);
    let engines = marks.engines.join(", ");
    let model = crate::model::frontier::throughput_at(&marks.model, u);
    let (uu, yy) = (rd(l, u), rd(l, y));
    let compared = |l: Lang| match model {
        Some(m) if m.is_finite() && m > 0.0 => {
            let (mm, r) = (rd(l, m), times(l, m / y));
            match l {
                Lang::En => format!(
                    " The best configuration the model finds for the {chip} at that speed makes {mm}, {r}× as much; where the two differ, the benchmark may not have run the model's configuration (more requests in flight, another layout), or the model is too optimistic."
                ),
                Lang::De => format!(
                    " Die beste Konfiguration, die das Modell für den {chip} bei diesem Tempo findet, macht {mm}, das {r}-Fache; wo beide auseinanderliegen, hat der Benchmark die Konfiguration des Modells vielleicht nicht gefahren (mehr gleichzeitige Anfragen, eine andere Aufteilung), oder das Modell ist zu optimistisch."
                ),
            }
        }
        _ => match l {
            Lang::En => format!(" The model's frontier for the {chip} does not reach that speed."),
            Lang::De => {
                format!(" Die Grenzkurve des Modells für den {chip} erreicht dieses Tempo nicht.")
            }
        },
    };
    match l {
        Lang::En => format!(
            "The crosses: {n} configurations InferenceMAX measured on this chip, model and precision ({engines}; December 2025 to January 2026), its power taken at the board limit, since the benchmark measures none. At your speed or faster, the best of them made {yy} tokens/s per MW at {uu} tokens/s per user.{}",
            compared(l)
        ),
        Lang::De => format!(
            "Die Kreuze: {n} Konfigurationen, die InferenceMAX auf diesem Chip, Modell und Format gemessen hat ({engines}; Dezember 2025 bis Januar 2026), die Leistung an der Grenze der Platine angesetzt, da der Benchmark keine misst. Bei Ihrem Tempo oder schneller machte die beste von ihnen {yy} Token/s pro MW bei {uu} Token/s pro Nutzer.{}",
            compared(l)
        ),
    }
}

pub fn frontier_summary(l: Lang) -> String {
    tr(l,
        "Throughput per megawatt against speed per user for several GPU generations; faster answers per user cost throughput.",
        "Durchsatz pro Megawatt gegen Tempo pro Nutzer für mehrere GPU-Generationen; schnellere Antworten kosten Durchsatz.").to_string()
}

/// The frontier's takeaway: at the reader's speed per user, the best chip against the
/// least good one that still reaches that speed.
pub fn frontier_takeaway(l: Lang, fronts: &[FrontierSeries], v: f64) -> String {
    let at: Vec<(&FrontierSeries, f64)> = fronts
        .iter()
        .filter_map(|s| {
            crate::model::frontier::throughput_at(&s.points, v)
                .filter(|t| t.is_finite() && *t > 0.0)
                .map(|t| (s, t))
        })
        .collect();
    let best = at.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    let worst = at.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let speed = rd(l, v);
    match (best, worst) {
        (Some(b), Some(w)) if b.0.gpu_id != w.0.gpu_id => {
            let (best, worst) = (&b.0.label, &w.0.label);
            let (ratio, most, least) = (times(l, b.1 / w.1), rd(l, b.1), rd(l, w.1));
            match l {
                Lang::En => format!(
                    "At your {speed} tokens per second per user, the {best} makes {ratio}× the tokens per megawatt of the {worst}: {most} against {least} per second."
                ),
                Lang::De => format!(
                    "Bei Ihren {speed} Token pro Sekunde und Nutzer erzeugt der {best} {ratio}-mal so viele Token pro Megawatt wie der {worst}: {most} statt {least} pro Sekunde."
                ),
            }
        }
        (Some(b), _) => {
            let (only, most) = (&b.0.label, rd(l, b.1));
            match l {
                Lang::En => format!(
                    "At your {speed} tokens per second per user, only the {only} keeps up: {most} tokens per second per megawatt."
                ),
                Lang::De => format!(
                    "Bei Ihren {speed} Token pro Sekunde und Nutzer hält nur der {only} mit: {most} Token pro Sekunde und Megawatt."
                ),
            }
        }
        _ => match l {
            Lang::En => {
                format!("No chip here reaches {speed} tokens per second per user for this model.")
            }
            Lang::De => {
                format!(
                    "Kein Chip hier erreicht {speed} Token pro Sekunde und Nutzer für dieses Modell."
                )
            }
        },
    }
}

/// The sentence under the frontier: the ISO-power claim checked at speed `v`.
pub fn iso_sentence(l: Lang, fronts: &[FrontierSeries], v: f64) -> String {
    let claimed = claims::claimed();
    match claims::iso_power_ratio_at(fronts, v) {
        Some(r) => {
            let (speed, ratio, claim) = (rd(l, v), rd(l, r), rd(l, claimed.iso_power_ratio));
            match l {
                Lang::En => format!(
                    "At {speed} tokens/s per user, GB200 NVL72 (FP4) makes {ratio} times the tokens per megawatt of H100 (FP8) in the model; NVIDIA claims {claim} times."
                ),
                Lang::De => format!(
                    "Bei {speed} Token/s pro Nutzer erzeugt GB200 NVL72 (FP4) im Modell das {ratio}-Fache an Token pro Megawatt von H100 (FP8); NVIDIA behauptet das {claim}-Fache."
                ),
            }
        }
        _ => tr(
            l,
            "At this speed per user one of the two chips cannot serve the model: no ratio.",
            "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen: kein Verhältnis.",
        )
        .to_string(),
    }
}

/// What scenario A is on this chart: its throughput per megawatt at its own speed per user.
fn frontier_a(l: Lang, a: ScenarioA) -> String {
    let words = frontier_labels(l);
    format!(
        "{} {} {} {} {}",
        rd(l, a.o.serving.tokens_per_s_per_mw),
        words.per_mw,
        tr(l, "at", "bei"),
        rd(l, a.o.serving.tokens_per_s_per_user),
        words.per_user
    )
}

/// The frontier's sentence about scenario A while two are compared.
pub fn frontier_compared(l: Lang, a: ScenarioA, b: &Outcome) -> String {
    a_sentence(
        l,
        &frontier_a(l, a),
        Some((
            b.serving.tokens_per_s_per_mw,
            a.o.serving.tokens_per_s_per_mw,
        )),
    )
}
