//! InferenceMAX's mixture-of-experts serving beside the model, per family (chip, model,
//! precision, engine; `calibration::inferencemax_errors`): its words and its table body as
//! HTML, for section 8 (`ui::measured`), its lead and the build-time page.

use super::{Lang, count, num, tr};
use crate::calibration::{FamilyError, inferencemax_errors};
use crate::charts::push_escaped;
use crate::data::catalogue;
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

/// An InferenceMAX framework in words.
pub(crate) fn engine(l: Lang, framework: &str) -> String {
    fn base(f: &str) -> &str {
        match f {
            "trt" => "TensorRT-LLM",
            "sglang" => "SGLang",
            "vllm" => "vLLM",
            "atom" => "ATOM",
            other => other,
        }
    }
    match framework.strip_prefix("dynamo-") {
        Some(inner) => format!(
            "Dynamo + {} ({})",
            base(inner),
            tr(l, "disaggregated", "disaggregiert")
        ),
        None => base(framework).to_string(),
    }
}

/// A family (`gpu/model/precision/framework/spec`) in words: chip, model, precision, engine,
/// and speculative decoding where it was on.
pub fn family_label(l: Lang, family: &str) -> String {
    let c = catalogue();
    let p: Vec<&str> = family.split('/').collect();
    let get = |i: usize| p.get(i).copied().unwrap_or("");
    let chip = c.gpu(get(0)).map_or(get(0), |g| g.short.as_str());
    let model = c.model(get(1)).map_or(get(1), |m| m.short.as_str());
    let mut s = format!(
        "{chip} · {model} · {} · {}",
        get(2).to_ascii_uppercase(),
        engine(l, get(3))
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

/// The table's body rows as HTML.
pub fn rows_html(l: Lang) -> String {
    let mut html = String::new();
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
        }
        html.push_str("</td></tr>");
    }
    html
}
