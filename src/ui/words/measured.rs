//! InferenceMAX's mixture-of-experts serving beside the model, per family (chip, model,
//! precision, engine; `calibration::inferencemax_errors`): its words and its table body as
//! HTML, for section 8 (`ui::measured`), its lead and the build-time page.

use super::{Lang, count, num, tr};
use crate::calibration::{
    FamilyError, LITTLE_INCONSISTENT, PREFILL_READINGS, PrefillReadings, ServingRow, SoftwareGap,
    engine_release, inferencemax_errors, inferencemax_rows, software_gap,
};
use crate::charts::push_escaped;
use crate::data::Caveat;
use crate::data::catalogue;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The per-family errors under the catalogue's constants, worked out once.
pub fn families() -> &'static [FamilyError] {
    static ERRORS: OnceLock<Vec<FamilyError>> = OnceLock::new();
    ERRORS.get_or_init(|| inferencemax_errors(&crate::model::step::Physics::from_catalogue()))
}

/// Median |error| of output tokens/s per GPU over every row, and the rows.
pub fn overall() -> (f64, usize) {
    let mut all: Vec<f64> = families()
        .iter()
        .flat_map(|f| f.tokens_per_s_per_gpu.iter().map(|e| e.abs()))
        .collect();
    all.sort_by(f64::total_cmp);
    let n = all.len();
    (all.get(n / 2).copied().unwrap_or(f64::NAN), n)
}

/// The table's heading, lead, column headers and the label before its source.
pub fn words(l: Lang) -> (&'static str, String, [&'static str; 5], &'static str) {
    let (median, rows) = overall();
    let (m, n) = (num(l, (median * 100.0).round()), count(l, rows as f64));
    let lead = match l {
        Lang::En => format!(
            "InferenceMAX (SemiAnalysis) measures real servers every night: DeepSeek-R1 and gpt-oss-120b on NVIDIA and AMD chips, with the engines' own settings. The model is asked each of its {n} configurations with the layout that was measured; its output tokens/s per GPU are off by a median of {m} %. Per family: the median error (model ÷ measured − 1: positive where the model is too optimistic) and the largest."
        ),
        Lang::De => format!(
            "InferenceMAX (SemiAnalysis) misst jede Nacht echte Server: DeepSeek-R1 und gpt-oss-120b auf Chips von NVIDIA und AMD, mit den Einstellungen der Engines selbst. Das Modell rechnet jede der {n} Konfigurationen mit der gemessenen Aufteilung nach; seine ausgegebenen Token/s pro GPU weichen im Median um {m} % ab. Pro Familie: der mittlere Fehler (Modell ÷ Messung − 1: positiv, wo das Modell zu optimistisch ist) und der größte."
        ),
    };
    let lead = match gap_sentence(l) {
        Some(gap) => format!("{lead} {gap} {}", prefill_sentence(l)),
        None => format!("{lead} {}", prefill_sentence(l)),
    };
    (
        tr(
            l,
            "The model against measured mixture-of-experts serving",
            "Das Modell neben gemessenem Mixture-of-Experts-Serving",
        ),
        lead,
        [
            tr(l, "Chip, model, engine", "Chip, Modell, Engine"),
            tr(l, "Configurations", "Konfigurationen"),
            tr(l, "Tokens/s per GPU", "Token/s pro GPU"),
            tr(l, "Tokens/s per user", "Token/s pro Nutzer"),
            tr(l, "Time to first token", "Zeit bis zum ersten Token"),
        ],
        tr(l, "Measurements (Apache-2.0): ", "Messungen (Apache-2.0): "),
    )
}

/// An InferenceMAX framework in words, with the release it ran where its container tag is
/// given (`engine_release`; `""`: none): Dynamo's own for `dynamo-trt` (its TensorRT-LLM
/// runtime image), the engine's otherwise.
pub(crate) fn engine(l: Lang, framework: &str, tag: &str) -> String {
    fn base(f: &str) -> &str {
        match f {
            "trt" => "TensorRT-LLM",
            "sglang" => "SGLang",
            "vllm" => "vLLM",
            "atom" => "ATOM",
            other => other,
        }
    }
    let release = engine_release(tag);
    let with = |name: &str| {
        if release.is_empty() {
            name.to_string()
        } else {
            format!("{name} {release}")
        }
    };
    match framework.strip_prefix("dynamo-") {
        Some(inner) => {
            let (dynamo, inner) = if inner == "trt" {
                (with("Dynamo"), base(inner).to_string())
            } else {
                ("Dynamo".to_string(), with(base(inner)))
            };
            format!(
                "{dynamo} + {inner} ({})",
                tr(l, "disaggregated", "disaggregiert")
            )
        }
        None => with(base(framework)),
    }
}

/// The lead's last sentence: how much too fast the model prefills, as the two readings of
/// these rows find it ([`PREFILL_READINGS`], checked against the readings in
/// `tests/readings.rs`).
fn prefill_sentence(l: Lang) -> String {
    let PrefillReadings {
        single: (n1, r1),
        pools: (n2, r2),
    } = PREFILL_READINGS;
    let x = |r: f64| num(l, (r * 10.0).round() / 10.0);
    let (a, b, n1, n2) = (x(r1), x(r2), count(l, n1 as f64), count(l, n2 as f64));
    match l {
        Lang::En => format!(
            "The times to first token are the furthest off, and two readings of these rows say why: the servers prefilled prompts a median {a} times slower than the model, read off the growth of the time to first token with the prompt at four requests or fewer ({n1} setups), and {b} times slower where requests queued for a disaggregated prefill pool ({n2} setups). So the model prefills a lone prompt, and a disaggregated pool, that much too fast, and its times to first token are too short; the servers' throughput does not show it where prompts are prefilled in chunks between decode steps, and which part of the pass loses the time is not yet measured."
        ),
        Lang::De => format!(
            "Am weitesten liegen die Zeiten bis zum ersten Token daneben, und zwei Lesarten dieser Zeilen sagen, warum: Die Server verarbeiteten Prompts (Prefill) im Median {a}-mal langsamer als das Modell, abgelesen am Wachsen der Zeit bis zum ersten Token mit dem Prompt bei höchstens vier Anfragen ({n1} Aufbauten), und {b}-mal langsamer, wo Anfragen vor einem disaggregierten Prefill-Pool warteten ({n2} Aufbauten). Einen einzelnen Prompt und einen disaggregierten Pool rechnet das Modell also um so viel zu schnell, seine Zeiten bis zum ersten Token sind zu kurz; im Durchsatz der Server zeigt es sich nicht, wo Prompts in Stücken zwischen Dekodierschritten verarbeitet werden, und welcher Teil des Durchlaufs die Zeit verliert, ist noch nicht gemessen."
        ),
    }
}

/// The sentence after the table's lead: the widest gap software alone makes between two
/// measured families ([`software_gap`]).
fn gap_sentence(l: Lang) -> Option<String> {
    static GAP: OnceLock<Option<SoftwareGap>> = OnceLock::new();
    let g = GAP.get_or_init(software_gap).as_ref()?;
    let c = catalogue();
    let chip = c.gpu(g.gpu).map_or(g.gpu, |x| x.short.as_str());
    let model = c.model(g.model).map_or(g.model, |x| x.short.as_str());
    let prec = g.precision.as_str().to_ascii_uppercase();
    let fast = engine(l, g.faster.0, g.faster.1);
    let slow = engine(l, g.slower.0, g.slower.1);
    let pct = |r: f64| num(l, ((r - 1.0) * 100.0).round());
    let (median, max, pairs) = (
        pct(g.median_ratio),
        pct(g.max_ratio),
        count(l, g.pairs as f64),
    );
    Some(match l {
        Lang::En => format!(
            "Software alone moves these figures: where two engines ran the same chip, model, precision, layout and load ({pairs} pairs), the widest gap is on the {chip} with {model} in {prec}: {fast} served a median of {median} % more tokens/s per GPU than {slow} (up to {max} %). The model fits each engine's few constants across chips and releases, so such a gap stays in its errors."
        ),
        Lang::De => format!(
            "Software allein verschiebt diese Zahlen: Wo zwei Engines auf demselben Chip dasselbe Modell in derselben Präzision, Aufteilung und Last liefen ({pairs} Paare), ist der Abstand beim {chip} mit {model} in {prec} am größten: {fast} lieferte im Median {median} % mehr Token/s pro GPU als {slow} (bis zu {max} %). Das Modell passt die wenigen Konstanten jeder Engine über Chips und Versionen hinweg an; solch ein Abstand bleibt in seinen Fehlern."
        ),
    })
}

/// The container tag a family's rows ran (the first row's; each family ran one).
fn family_tag(family: &str) -> &'static str {
    inferencemax_rows()
        .iter()
        .find(|r| r.family == family)
        .map_or("", |r| r.version)
}

/// A family (`gpu/model/precision/framework/spec`) in words: chip, model, precision, engine
/// with its release, and speculative decoding where it was on.
pub fn family_label(l: Lang, family: &str) -> String {
    let c = catalogue();
    let p: Vec<&str> = family.split('/').collect();
    let get = |i: usize| p.get(i).copied().unwrap_or("");
    let chip = c.gpu(get(0)).map_or(get(0), |g| g.short.as_str());
    let model = c.model(get(1)).map_or(get(1), |m| m.short.as_str());
    let engine = engine(l, get(3), family_tag(family));
    let mut s = format!(
        "{chip} · {model} · {} · {engine}",
        get(2).to_ascii_uppercase()
    );
    if get(4) == "mtp" {
        s.push_str(tr(
            l,
            ", speculative decoding (MTP)",
            ", spekulatives Dekodieren (MTP)",
        ));
    }
    s
}

/// `+6 % (max 117 %)`: a signed median and the largest |error|, in percent.
fn cell(l: Lang, median: f64, max: f64) -> String {
    if !(median.is_finite() && max.is_finite()) {
        return "—".into();
    }
    let m = (median * 100.0).round();
    let sign = if m > 0.0 {
        "+"
    } else if m < 0.0 {
        "−"
    } else {
        ""
    };
    format!(
        "{sign}{} % (max {} %)",
        num(l, m.abs()),
        num(l, (max * 100.0).round())
    )
}

/// What section 8 says under the table about one family: the published caveats on its
/// engine's software for its chip and model (`engines.json`, `caveats`), and how many of its
/// rows contradict Little's law ([`ServingRow::little_ratio`] below
/// [`LITTLE_INCONSISTENT`]), out of how many.
pub struct FamilyNotes {
    pub caveats: Vec<&'static Caveat>,
    pub inconsistent: usize,
    pub rows: usize,
}

/// The notes of a family (`gpu/model/precision/framework/spec`); `None` if it has none.
pub fn family_notes(family: &str) -> Option<FamilyNotes> {
    let rows: Vec<&ServingRow> = inferencemax_rows()
        .iter()
        .filter(|r| r.family == family)
        .collect();
    let first = rows.first()?;
    let caveats: Vec<&'static Caveat> = catalogue()
        .engine(first.engine)
        .into_iter()
        .flat_map(|e| e.caveats.iter())
        .filter(|c| {
            c.gpus.iter().any(|g| g == first.gpu) && c.models.iter().any(|m| m == first.model)
        })
        .collect();
    let inconsistent = rows
        .iter()
        .filter(|r| r.little_ratio() < LITTLE_INCONSISTENT)
        .count();
    (!caveats.is_empty() || inconsistent > 0).then_some(FamilyNotes {
        caveats,
        inconsistent,
        rows: rows.len(),
    })
}

/// The notes under the table as the items of an ordered list (HTML), numbered as the marks
/// [`rows_html`] puts after the families they concern.
pub fn notes_html(l: Lang) -> String {
    let mut html = String::new();
    for f in families() {
        let Some(n) = family_notes(&f.family) else {
            continue;
        };
        html.push_str("<li><b>");
        push_escaped(&mut html, &family_label(l, &f.family));
        html.push_str("</b>: ");
        let mut parts: Vec<String> = Vec::new();
        if n.inconsistent > 0 {
            let (k, m) = (count(l, n.inconsistent as f64), count(l, n.rows as f64));
            let pct = num(l, (LITTLE_INCONSISTENT * 100.0).round());
            parts.push(match l {
                Lang::En => format!(
                    "{k} of its {m} configurations report under {pct} % of the output per GPU their own concurrency, speed per user and time to first token imply (Little's law): no steady state matches both."
                ),
                Lang::De => format!(
                    "{k} seiner {m} Konfigurationen melden unter {pct} % der Ausgabe pro GPU, die ihre eigene Nebenläufigkeit, Geschwindigkeit pro Nutzer und Zeit bis zum ersten Token ergeben (Littles Gesetz): Kein stationärer Betrieb erfüllt beides."
                ),
            });
        }
        for c in &n.caveats {
            parts.push(match l {
                Lang::En => c.en.clone(),
                Lang::De => c.de.clone(),
            });
        }
        push_escaped(&mut html, &parts.join(" "));
        for c in &n.caveats {
            for (i, link) in c.links.iter().enumerate() {
                html.push_str(if i == 0 { " " } else { " · " });
                html.push_str("<a href=\"");
                push_escaped(&mut html, &link.url);
                html.push_str("\" rel=\"external noopener\">");
                push_escaped(&mut html, &link.text);
                html.push_str("</a>");
            }
        }
        html.push_str("</li>");
    }
    html
}

/// The table's body rows as HTML.
pub fn rows_html(l: Lang) -> String {
    let mut html = String::new();
    let mut note = 0;
    for f in families() {
        let cells = [
            family_label(l, &f.family),
            count(l, f.rows as f64),
            cell(
                l,
                f.median(&f.tokens_per_s_per_gpu),
                f.max_abs(&f.tokens_per_s_per_gpu),
            ),
            cell(
                l,
                f.median(&f.tokens_per_s_per_user),
                f.max_abs(&f.tokens_per_s_per_user),
            ),
            cell(l, f.median(&f.ttft), f.max_abs(&f.ttft)),
        ];
        html.push_str("<tr data-family=\"");
        push_escaped(&mut html, &f.family);
        html.push_str("\"><th scope=\"row\">");
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                html.push_str(if i == 1 { "</th><td>" } else { "</td><td>" });
            }
            push_escaped(&mut html, c);
            if i == 0 && family_notes(&f.family).is_some() {
                note += 1;
                let _ = write!(html, "<sup>{note}</sup>");
            }
        }
        html.push_str("</td></tr>");
    }
    html
}
