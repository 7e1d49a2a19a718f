//! 8 · Calibration: the model against every measurement.

use super::{rd, render_svg};
use crate::calibration::{Comparison, GroupError, compare, group_errors};
use crate::charts::{self, Look};
use crate::model::step::Physics;
use crate::words::{Lang, count, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "How close does the model come to measurements?",
        "Wie nah kommt das Modell an Messungen heran?",
    )
    .to_string()
}

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
        "h100-sweep" => tr(
            l,
            "H100 sweep, PyTorch loop",
            "H100-Messreihe, PyTorch-Schleife",
        ),
        "h200-steps" => tr(
            l,
            "H200 sweep (held out)",
            "H200-Messreihe (zurückgehalten)",
        ),
        "h200-moe" => tr(l, "H200, MoE in the loop", "H200, MoE in der Schleife"),
        "h100-moe" => tr(l, "H100, MoE (held out)", "H100, MoE (zurückgehalten)"),
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
