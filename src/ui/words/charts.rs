//! Each chart's drawing (its labels in the reader's language) and its one-sentence summary,
//! from the figures `model` computes. The chart components (`ui::chart`) memoise the figures
//! and call these; the build-time page calls [`all`] for the default view.

use super::{Lang, count, tr};
use crate::calibration::{Comparison, GroupError, compare, group_errors};
use crate::charts::{self, Look};
use crate::model::claims::{self, Claimed, WaterfallKey, WaterfallStep};
use crate::model::cost::CostBreakdown;
use crate::model::series::{
    self, ChipModelPoint, CostVariant, FrontierSeries, GenerationPoint, ScaleRef,
};
use crate::model::step::Physics;
use crate::model::{Outcome, PowerSplit, Scenario, Served, physics_key};
use plotters::prelude::*;

/// Renders a chart into an SVG string with the given drawing function, with a titled
/// hotspot over every mark. A drawing error leaves the axes drawn so far (and is logged in
/// the browser's console).
pub fn render_svg(
    size: (u32, u32),
    draw: impl FnOnce(
        &DrawingArea<charts::backend::SvgBackend, plotters::coord::Shift>,
    ) -> charts::DrawResult,
) -> String {
    let mut svg = String::new();
    let spots = {
        let area = charts::backend::SvgBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area).unwrap_or_else(|_e| {
            #[cfg(target_arch = "wasm32")]
            leptos::logging::warn!("chart not drawn: {_e}");
            Vec::new()
        })
    };
    charts::with_hotspots(svg, &spots)
}

/// The words around every chart: the label of its tool group, the embed button, the
/// summary of its data table.
pub fn frame_words(l: Lang) -> [&'static str; 3] {
    [
        tr(l, "Export and embed", "Export und Einbetten"),
        tr(l, "Embed", "Einbetten"),
        tr(l, "Data of this chart", "Daten dieser Grafik"),
    ]
}

/// A figure in a sentence as a reader writes it (0.1; 2,000; 1.5 million; German 0,1;
/// 2.000; 1,5 Millionen).
pub fn rd(l: Lang, x: f64) -> String {
    charts::layout::reader(x, l == Lang::De)
}

/// A share in whole per cent ("62 %"), or with the reader's three figures below one.
fn pct(l: Lang, share: f64) -> String {
    let p = share * 100.0;
    let p = if p.abs() >= 1.0 { p.round() } else { p };
    format!("{} %", rd(l, p))
}

/// A ratio as "2.9×" / "2,9-mal" is written in a sentence: the figure alone (the words
/// around it say "times").
fn times(l: Lang, r: f64) -> String {
    rd(l, r)
}

/// The catalogue's name of a model without its note in brackets (its id if unknown).
fn model_name(id: &str) -> String {
    crate::data::catalogue()
        .model(id)
        .map_or(id.to_string(), |m| {
            m.name.split(" (").next().unwrap_or(&m.name).to_string()
        })
}

/// A chip family's name, for legends.
pub fn family_name(l: Lang, f: charts::palette::Family) -> String {
    use charts::palette::Family as F;
    match f {
        F::Pascal => "Pascal",
        F::Volta => "Volta",
        F::Ampere => "Ampere",
        F::Hopper => "Hopper",
        F::Blackwell => "Blackwell",
        F::Rubin => "Rubin",
        F::Amd => "AMD",
        F::Huawei => "Huawei",
        F::Other => tr(l, "other", "andere"),
    }
    .to_string()
}

/// A claim's annotation: "NVIDIA: 17,000 J".
fn claim_value(l: Lang, v: f64) -> String {
    format!("NVIDIA: {} J", rd(l, v))
}

/// Every chart's title: the question it answers.
pub fn title(l: Lang, name: &str) -> String {
    let claimed = claims::claimed();
    match name {
        "energy-by-generation" => tr(
            l,
            "How much energy does one token take, chip by chip?",
            "Wie viel Energie braucht ein Token, Chip für Chip?",
        )
        .to_string(),
        "claim-waterfall" => match l {
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
        },
        "frontier" => tr(
            l,
            "How many tokens does a megawatt make at the speed each user gets?",
            "Wie viele Token erzeugt ein Megawatt bei dem Tempo, das jeder Nutzer bekommt?",
        )
        .to_string(),
        "cost-breakdown" => tr(
            l,
            "What is the price of a million tokens made of?",
            "Woraus setzt sich der Preis von einer Million Token zusammen?",
        )
        .to_string(),
        "cost-sensitivity" => tr(
            l,
            "How much does the electricity price matter?",
            "Wie stark zählt der Strompreis?",
        )
        .to_string(),
        "scale" => tr(
            l,
            "How much electricity does the factory use in a year?",
            "Wie viel Strom verbraucht die Fabrik im Jahr?",
        )
        .to_string(),
        "export-chips" => {
            let h100 = crate::data::catalogue()
                .gpu(charts::export_chips::REFERENCE)
                .map_or("", |g| g.short.as_str());
            match l {
                Lang::En => format!("How do chips under export rules compare with the {h100}?"),
                Lang::De => {
                    format!("Wie schneiden Chips unter Exportregeln gegen den {h100} ab?")
                }
            }
        }
        "power-split" => tr(
            l,
            "Where does a GPU's power go while it serves?",
            "Wohin geht die Leistung einer GPU im Betrieb?",
        )
        .to_string(),
        "calibration" => tr(
            l,
            "How close does the model come to measurements?",
            "Wie nah kommt das Modell an Messungen heran?",
        )
        .to_string(),
        _ => String::new(),
    }
}

// 2 · Energy by generation.

/// J per output token by generation; `hi` rings the scenario's chip, `claims` adds NVIDIA's
/// two figures. A height of 0 is the chart's own (a row per chip).
pub fn energy_svg(
    l: Lang,
    pts: &[GenerationPoint],
    hi: Option<usize>,
    claims_shown: bool,
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
    let natural = charts::energy_by_generation::height(pts, &labels, claims, look);
    if size.1 != 0 && size.1 < natural {
        // A picture of a fixed size (the link preview) too small for a row per chip: NVIDIA's
        // line of generations (the timeline's chips) and the reader's chip.
        let keep: Vec<usize> = (0..pts.len())
            .filter(|&i| Some(i) == hi || super::TIMELINE.contains(&pts[i].gpu_id.as_str()))
            .collect();
        let few: Vec<GenerationPoint> = keep.iter().map(|&i| pts[i].clone()).collect();
        let hi = hi.and_then(|h| keep.iter().position(|&i| i == h));
        return render_svg(size, |a| {
            charts::energy_by_generation::draw(a, &few, hi, &labels, claims, look)
        });
    }
    let h = if size.1 == 0 { natural } else { size.1 };
    render_svg((size.0, h), |a| {
        charts::energy_by_generation::draw(a, pts, hi, &labels, claims, look)
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

// 2 · The claim's waterfall.

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
    let f = big.map_or(1.0, |s| s.factor);
    match l {
        Lang::En => format!(
            "For {model}, the model's hardware steps go from {} J to {} J per token, {}× less; the biggest is {step} ({}×). NVIDIA claims {}×.",
            rd(l, ja),
            rd(l, jb),
            times(l, ja / jb),
            times(l, f),
            times(l, claim)
        ),
        Lang::De => format!(
            "Für {model} führen die Hardware-Schritte des Modells von {} J auf {} J pro Token, {}-mal weniger; der größte ist {step} ({}-mal). NVIDIA behauptet das {}-Fache.",
            rd(l, ja),
            rd(l, jb),
            times(l, ja / jb),
            times(l, f),
            times(l, claim)
        ),
    }
}

// 3 · The frontier.

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

pub fn frontier_svg(
    l: Lang,
    fronts: &[FrontierSeries],
    current: (f64, f64),
    marks: &MeasuredMarks,
    pinned: Option<(f64, f64)>,
    look: &Look,
    width: u32,
) -> String {
    let labels = frontier_labels(l);
    let a_label = tr(l, "Scenario A (pinned)", "Szenario A (festgehalten)");
    let pinned = pinned.map(|at| charts::frontier::Pinned { at, label: a_label });
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
            let engine = super::measured::engine(l, p.framework);
            if !engines.contains(&engine) {
                engines.push(engine.clone());
            }
            let mtp = if p.speculative { " + MTP" } else { "" };
            let text = match l {
                Lang::En => format!(
                    "InferenceMAX · {engine}{mtp} {} · {} requests in flight: {} tokens/s per user, {} tokens/s per MW (board at its limit)",
                    p.version,
                    count(l, p.conc),
                    rd(l, p.tokens_per_s_per_user),
                    rd(l, p.tokens_per_s_per_mw)
                ),
                Lang::De => format!(
                    "InferenceMAX · {engine}{mtp} {} · {} gleichzeitige Anfragen: {} Token/s pro Nutzer, {} Token/s pro MW (Platine am Limit)",
                    p.version,
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
    match (best, worst) {
        (Some(b), Some(w)) if b.0.gpu_id != w.0.gpu_id => match l {
            Lang::En => format!(
                "At your {} tokens per second per user, the {} makes {}× the tokens per megawatt of the {}: {} against {} per second.",
                rd(l, v),
                b.0.label,
                times(l, b.1 / w.1),
                w.0.label,
                rd(l, b.1),
                rd(l, w.1)
            ),
            Lang::De => format!(
                "Bei Ihren {} Token pro Sekunde und Nutzer erzeugt der {} {}-mal so viele Token pro Megawatt wie der {}: {} statt {} pro Sekunde.",
                rd(l, v),
                b.0.label,
                times(l, b.1 / w.1),
                w.0.label,
                rd(l, b.1),
                rd(l, w.1)
            ),
        },
        (Some(b), _) => match l {
            Lang::En => format!(
                "At your {} tokens per second per user, only the {} keeps up: {} tokens per second per megawatt.",
                rd(l, v),
                b.0.label,
                rd(l, b.1)
            ),
            Lang::De => format!(
                "Bei Ihren {} Token pro Sekunde und Nutzer hält nur der {} mit: {} Token pro Sekunde und Megawatt.",
                rd(l, v),
                b.0.label,
                rd(l, b.1)
            ),
        },
        _ => match l {
            Lang::En => format!(
                "No chip here reaches {} tokens per second per user for this model.",
                rd(l, v)
            ),
            Lang::De => format!(
                "Kein Chip hier erreicht {} Token pro Sekunde und Nutzer für dieses Modell.",
                rd(l, v)
            ),
        },
    }
}

/// The sentence under the frontier: the ISO-power claim checked at speed `v`.
pub fn iso_sentence(l: Lang, fronts: &[FrontierSeries], v: f64) -> String {
    let claimed = claims::claimed();
    match claims::iso_power_ratio_at(fronts, v) {
        Some(r) => match l {
            Lang::En => format!(
                "At {} tokens/s per user, GB200 NVL72 (FP4) makes {} times the tokens per megawatt of H100 (FP8) in the model; NVIDIA claims {} times.",
                rd(l, v),
                rd(l, r),
                rd(l, claimed.iso_power_ratio)
            ),
            Lang::De => format!(
                "Bei {} Token/s pro Nutzer erzeugt GB200 NVL72 (FP4) im Modell das {}-Fache an Token pro Megawatt von H100 (FP8); NVIDIA behauptet das {}-Fache.",
                rd(l, v),
                rd(l, r),
                rd(l, claimed.iso_power_ratio)
            ),
        },
        _ => tr(
            l,
            "At this speed per user one of the two chips cannot serve the model: no ratio.",
            "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen: kein Verhältnis.",
        )
        .to_string(),
    }
}

// 4 · Cost.

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

pub fn cost_breakdown_svg(
    l: Lang,
    v: &[(CostVariant, CostBreakdown)],
    look: &Look,
    width: u32,
) -> String {
    let rows: Vec<(String, CostBreakdown)> =
        v.iter().map(|(k, b)| (cost_label(l, *k), *b)).collect();
    let axis = tr(
        l,
        "Dollars per million output tokens",
        "Dollar pro Million Ausgabetoken",
    );
    let h = charts::cost_breakdown::height(&rows, cost_parts(l), axis, look);
    render_svg((width, h), |a| {
        charts::cost_breakdown::draw(a, &rows, cost_parts(l), axis, look)
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
    let (h, e) = (b.hardware / b.total, b.electricity / b.total);
    let tail = |l: Lang| match (l, de) {
        (Lang::En, Some(d)) => format!("; at German power prices it would be {} $", rd(l, d)),
        (Lang::De, Some(d)) => format!("; zu deutschen Strompreisen wären es {} $", rd(l, d)),
        _ => String::new(),
    };
    match l {
        Lang::En => format!(
            "Of {} $ per million tokens, {} is hardware and {} electricity{}.",
            rd(l, b.total),
            pct(l, h),
            pct(l, e),
            tail(l)
        ),
        Lang::De => format!(
            "Von {} $ pro Million Token entfallen {} auf Hardware und {} auf Strom{}.",
            rd(l, b.total),
            pct(l, h),
            pct(l, e),
            tail(l)
        ),
    }
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

// 5 · Scale.

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

// 6 · Export chips.

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

// 7 · Power split.

pub fn power_parts(l: Lang) -> [&'static str; 5] {
    [
        tr(l, "GPU idle", "GPU Leerlauf"),
        tr(l, "GPU memory traffic", "GPU Speicherzugriffe"),
        tr(l, "GPU arithmetic", "GPU Rechenwerke"),
        tr(l, "Host: CPU, network, fans", "Host: CPU, Netz, Lüfter"),
        tr(l, "Cooling and losses (PUE)", "Kühlung und Verluste (PUE)"),
    ]
}

pub fn power_split_svg(l: Lang, split: PowerSplit, look: &Look, width: u32) -> String {
    let rows = vec![(tr(l, "One GPU slot", "Ein GPU-Platz").to_string(), split)];
    let axis = tr(
        l,
        "Watts one GPU slot draws while serving",
        "Watt, die ein GPU-Platz im Betrieb zieht",
    );
    let h = charts::power_split::height(&rows, power_parts(l), axis, look);
    render_svg((width, h), |a| {
        charts::power_split::draw(a, &rows, power_parts(l), axis, look)
    })
}

pub fn power_split_summary(l: Lang, p: PowerSplit) -> String {
    format!(
        "{} {} W: {} {} W.",
        tr(l, "One GPU slot draws", "Ein GPU-Platz zieht"),
        rd(l, p.total_w),
        tr(l, "of which the GPU board", "davon die GPU-Platine"),
        rd(l, p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w)
    )
}

/// The power split's takeaway: the board's, the cooling's and the arithmetic's shares.
pub fn power_split_takeaway(l: Lang, p: PowerSplit) -> String {
    let board = (p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w) / p.total_w;
    let cool = p.cooling_and_losses_w / p.total_w;
    let math = p.gpu_compute_w / p.total_w;
    match l {
        Lang::En => format!(
            "Of the {} W one GPU slot draws, {} is the GPU board and {} cooling and losses; the arithmetic itself takes {}.",
            rd(l, p.total_w),
            pct(l, board),
            pct(l, cool),
            pct(l, math)
        ),
        Lang::De => format!(
            "Von den {} W eines GPU-Platzes entfallen {} auf die GPU-Platine und {} auf Kühlung und Verluste; das Rechnen selbst braucht {}.",
            rd(l, p.total_w),
            pct(l, board),
            pct(l, cool),
            pct(l, math)
        ),
    }
}

// 8 · Calibration.

/// The model against every measurement, and by group: the same for the whole page load (the
/// catalogue's physics), so computed once, for the chart and section 8's lead.
pub fn calibration() -> &'static (Vec<Comparison>, Vec<GroupError>) {
    static CMP: std::sync::OnceLock<(Vec<Comparison>, Vec<GroupError>)> =
        std::sync::OnceLock::new();
    CMP.get_or_init(|| {
        let cmp = compare(&Physics::from_catalogue());
        let groups = group_errors(&cmp);
        (cmp, groups)
    })
}

/// The query of every calibration row, by id (the chart names rows by what they measure).
fn calibration_queries() -> &'static Vec<(String, String)> {
    static Q: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    Q.get_or_init(|| {
        crate::calibration::rows()
            .into_iter()
            .map(|r| (r.id, r.query))
            .collect()
    })
}

/// A value of a query string (`gpu` of `gpu=h100-sxm&…`).
fn query_value<'a>(q: &'a str, key: &str) -> Option<&'a str> {
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then_some(v)
    })
}

/// The group of measurements' benchmark, in words.
fn group_name(l: Lang, group: &str) -> &str {
    match group {
        "h100-steps" => tr(
            l,
            "H100 steps, PyTorch loop",
            "H100-Schritte, PyTorch-Schleife",
        ),
        "h200-steps" => tr(l, "H200 steps (held out)", "H200-Schritte (zurückgehalten)"),
        "mlperf" => tr(l, "MLPerf, dense models", "MLPerf, dichte Modelle"),
        "mlenergy" => tr(l, "ML.ENERGY, dense (vLLM)", "ML.ENERGY, dicht (vLLM)"),
        "mlenergy-moe" => tr(
            l,
            "ML.ENERGY, mixture of experts",
            "ML.ENERGY, Mixture of Experts",
        ),
        "moe" => tr(
            l,
            "Mixture of experts at scale",
            "Mixture of Experts im Großbetrieb",
        ),
        other => other,
    }
}

/// A group of measurements and its metric, in words.
pub fn group_label(l: Lang, g: &GroupError) -> String {
    let metric = match g.metric.as_str() {
        "power" => tr(l, "power", "Leistung"),
        "energy" => tr(l, "energy", "Energie"),
        _ => tr(l, "tokens/s", "Token/s"),
    };
    format!("{} · {metric}", group_name(l, &g.group))
}

/// One measurement in words: benchmark, chip, model and setting, then model against measured.
pub fn comparison_name(l: Lang, c: &Comparison) -> String {
    let cat = crate::data::catalogue();
    let q = calibration_queries()
        .iter()
        .find(|(id, _)| *id == c.id)
        .map_or("", |(_, q)| q.as_str());
    let chip = query_value(q, "gpu")
        .map(|g| cat.gpu(g).map_or(g, |x| x.short.as_str()))
        .unwrap_or("");
    let model = query_value(q, "model")
        .map(|m| cat.model(m).map_or(m, |x| x.name.as_str()))
        .unwrap_or("");
    let mut setting: Vec<String> = Vec::new();
    if let Some(p) = query_value(q, "precision") {
        setting.push(p.to_ascii_uppercase());
    }
    if let Some(b) = query_value(q, "batch") {
        setting.push(format!("{} {b}", tr(l, "batch", "Batch")));
    }
    let phase = c.metric.split('.').next().unwrap_or("");
    setting.push(
        match phase {
            "decode" => tr(l, "decode", "Dekodieren"),
            "prefill" => tr(l, "prefill", "Prefill"),
            _ => tr(l, "serving", "Betrieb"),
        }
        .to_string(),
    );
    format!(
        "{} · {chip} · {model} · {}: {} {} / {} {} (×{})",
        group_name(l, &c.group),
        setting.join(", "),
        tr(l, "model", "Modell"),
        rd(l, c.model),
        tr(l, "measured", "gemessen"),
        rd(l, c.measured),
        rd(l, c.ratio)
    )
}

/// The model against the measurements, by group: its drawing (its height follows the number
/// of groups).
pub fn calibration_svg(
    l: Lang,
    c: &[Comparison],
    g: &[GroupError],
    look: &Look,
    width: u32,
) -> String {
    let group = |g: &GroupError| group_label(l, g);
    let row = |c: &Comparison| comparison_name(l, c);
    let median = |m: f64| {
        let p = (m * 1000.0).round() / 10.0;
        let sign = if p > 0.0 {
            "+"
        } else if p < 0.0 {
            "−"
        } else {
            ""
        };
        format!("{} {sign}{} %", tr(l, "median", "Median"), rd(l, p.abs()))
    };
    let labels = charts::calibration::Labels {
        group: &group,
        row: &row,
        splits: [
            tr(l, "used in the fit", "in der Anpassung"),
            tr(l, "held out", "zurückgehalten"),
            tr(l, "known limitation", "bekannte Grenze"),
            tr(l, "median", "Median"),
        ],
        median: &median,
        axis: tr(
            l,
            "Model ÷ measurement (log scale; the lines: exact and the bounds either side)",
            "Modell ÷ Messung (log. Skala; die Linien: genau und die Grenzen beiderseits)",
        ),
    };
    let h = charts::calibration::height(c, g, &labels, look);
    render_svg((width, h), |a| {
        charts::calibration::draw(a, c, g, &labels, look)
    })
}

pub fn calibration_summary(l: Lang, c: &[Comparison], g: &[GroupError]) -> String {
    let (n, fitted) = (c.len(), c.iter().filter(|r| r.split == "fit").count());
    match l {
        Lang::En => format!(
            "Model divided by measurement for {} measurements in {} groups; {} of them were used to fit the constants, the rest show how the model generalises.",
            count(l, n as f64),
            count(l, g.len() as f64),
            count(l, fitted as f64)
        ),
        Lang::De => format!(
            "Modell geteilt durch Messung für {} Messungen in {} Gruppen; {} davon dienten zur Anpassung der Konstanten, die übrigen zeigen, wie das Modell verallgemeinert.",
            count(l, n as f64),
            count(l, g.len() as f64),
            count(l, fitted as f64)
        ),
    }
}

/// The calibration chart's takeaway: how far the model is from the measurements of the
/// reader's chip (or of all, where none measured it).
pub fn calibration_takeaway(l: Lang, c: &[Comparison], gpu: &str) -> String {
    let queries = calibration_queries();
    let errors = |of_chip: bool| {
        let mut e: Vec<f64> = c
            .iter()
            .filter(|r| r.ratio.is_finite() && r.ratio > 0.0)
            .filter(|r| {
                !of_chip
                    || queries
                        .iter()
                        .find(|(id, _)| *id == r.id)
                        .and_then(|(_, q)| query_value(q, "gpu"))
                        == Some(gpu)
            })
            .map(|r| (r.ratio - 1.0).abs())
            .collect();
        e.sort_by(f64::total_cmp);
        e
    };
    let median = |e: &[f64]| e.get(e.len() / 2).copied().unwrap_or(f64::NAN);
    let chip = crate::data::catalogue()
        .gpu(gpu)
        .map_or(gpu, |g| g.short.as_str());
    let mine = errors(true);
    let all = errors(false);
    let p = |x: f64| format!("{} %", rd(l, (x * 100.0).round()));
    match (l, mine.len()) {
        (Lang::En, 0) => format!(
            "No measurement covers your {chip}; over all {} measurements the model is {} off in the median.",
            count(l, all.len() as f64),
            p(median(&all))
        ),
        (Lang::De, 0) => format!(
            "Keine Messung deckt Ihren {chip} ab; über alle {} Messungen liegt das Modell im Median {} daneben.",
            count(l, all.len() as f64),
            p(median(&all))
        ),
        (Lang::En, n) => format!(
            "For your {chip}, the model is {} off its {} measurements in the median, {} at worst.",
            p(median(&mine)),
            count(l, n as f64),
            p(mine[n - 1])
        ),
        (Lang::De, n) => format!(
            "Für Ihren {chip} liegt das Modell im Median {} neben seinen {} Messungen, höchstens {}.",
            p(median(&mine)),
            count(l, n as f64),
            p(mine[n - 1])
        ),
    }
}

/// One chart of the page as drawn for a scenario: its `data-chart` name, section, title,
/// takeaway, summary and SVG, and its drawing height.
pub struct Drawn {
    pub name: &'static str,
    pub section: &'static str,
    pub title: String,
    pub takeaway: String,
    pub summary: String,
    pub svg: String,
    pub height: u32,
}

/// Every chart of the full page for scenario `s` (outcome `o`, physics stage `sv`), in page
/// order: what the page draws, computed without its memos (the build-time page).
pub fn all(l: Lang, s: &Scenario, sv: &Served, o: &Outcome, look: &Look, width: u32) -> Vec<Drawn> {
    let physics = Physics::from_catalogue();
    let pts = series::generation_points(s, &series::served_on_every_gpu(&physics_key(s)));
    let hi = pts.iter().position(|p| p.gpu_id == s.gpu);
    let claimed = claims::claimed();
    let steps = claims::energy_claim_waterfall(
        None,
        f64::from(s.prompt_tokens),
        f64::from(s.output_tokens),
        &physics,
    );
    let fronts = series::frontiers_for(&series::FrontiersKey::of(s));
    let current = (
        o.serving.tokens_per_s_per_user,
        o.serving.tokens_per_s_per_mw,
    );
    let variants = series::cost_variants(s, sv);
    let lines = series::cost_vs_electricity(s, sv);
    let scale = scale_rows(o);
    let export = series::export_points(s, &series::export_served_for(&series::ExportKey::of(s)));
    let (cmp, groups) = calibration();
    let d = |name: &'static str, section, takeaway, summary, svg: String| Drawn {
        name,
        section,
        title: title(l, name),
        takeaway,
        summary,
        height: charts::layout::svg_size(&svg).map_or(0, |s| s.1),
        svg,
    };
    vec![
        d(
            "energy-by-generation",
            "history",
            energy_takeaway(l, &pts, hi, &s.model),
            energy_summary(l, &pts),
            energy_svg(
                l,
                &pts,
                hi,
                s.model == claims::ENERGY_CLAIM_MODEL,
                look,
                (width, 0),
            ),
        ),
        d(
            "claim-waterfall",
            "history",
            waterfall_takeaway(l, &steps, &claimed),
            waterfall_summary(l, &steps, &claimed),
            waterfall_svg(l, &steps, &claimed, look, width),
        ),
        d(
            "frontier",
            "floor",
            frontier_takeaway(l, &fronts, current.0),
            frontier_summary(l),
            frontier_svg(
                l,
                &fronts,
                current,
                &measured_marks(l, s, o),
                None,
                look,
                width,
            ),
        ),
        d(
            "cost-breakdown",
            "cost",
            cost_breakdown_takeaway(l, &variants),
            cost_breakdown_summary(l, &variants),
            cost_breakdown_svg(l, &variants, look, width),
        ),
        d(
            "cost-sensitivity",
            "cost",
            cost_sensitivity_takeaway(
                l,
                &lines,
                s.utilization,
                o.serving.usd_per_million_output_tokens,
            ),
            cost_sensitivity_summary(l),
            cost_sensitivity_svg(
                l,
                &lines,
                (s.usd_per_kwh, o.serving.usd_per_million_output_tokens),
                look,
                width,
            ),
        ),
        d(
            "scale",
            "scale",
            scale_takeaway(l, &scale),
            scale_summary(l, scale.first().map_or(0.0, |x| x.1)),
            scale_svg(l, &scale, look, width),
        ),
        d(
            "export-chips",
            "export",
            export_takeaway(l, &export),
            export_summary(l),
            export_svg(l, &export, Some((&s.gpu, &s.model)), look, width),
        ),
        d(
            "power-split",
            "joules",
            power_split_takeaway(l, o.power),
            power_split_summary(l, o.power),
            power_split_svg(l, o.power, look, width),
        ),
        d(
            "calibration",
            "trust",
            calibration_takeaway(l, cmp, &s.gpu),
            calibration_summary(l, cmp, groups),
            calibration_svg(l, cmp, groups, look, width),
        ),
    ]
}
