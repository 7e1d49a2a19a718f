use super::{Frame, WidthCtx, look, render_svg, strs};
use crate::calibration::{GroupError, compare, group_errors};
use crate::charts;
use crate::model::step::Physics;
use crate::ui::i18n::{Lang, LangCtx, count, num, tr};
use leptos::prelude::*;

/// A group of measurements and its metric, in words.
pub fn group_label(l: Lang, g: &GroupError) -> String {
    let group = match g.group.as_str() {
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
    };
    let metric = match g.metric.as_str() {
        "power" => tr(l, "power", "Leistung"),
        "energy" => tr(l, "energy", "Energie"),
        _ => tr(l, "tokens/s", "Token/s"),
    };
    format!("{group} · {metric}")
}

/// The model against the measurements, by group.
#[component]
pub fn Calibration() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let cmp = Memo::new(move |_| compare(&Physics::from_catalogue()));
    let groups = Memo::new(move |_| cmp.with(|c| group_errors(c)));
    let height = charts::calibration::height(groups.with(Vec::len));
    let svg = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            groups.with(|g| {
                render_svg((width.get(), height), |a| {
                    charts::calibration::draw(
                        a,
                        c,
                        g,
                        &|g| group_label(l, g),
                        [
                            tr(l, "used in the fit", "in der Anpassung"),
                            tr(l, "held out", "zurückgehalten"),
                            tr(l, "known limitation", "bekannte Grenze"),
                        ],
                        tr(
                            l,
                            "Model ÷ measured (log scale; bar: the median)",
                            "Modell ÷ Messung (log.; Strich: der Median)",
                        ),
                        &look.get(),
                    )
                })
            })
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            let (n, fitted) = (c.len(), c.iter().filter(|r| r.split == "fit").count());
            match l {
                Lang::En => format!(
                    "Model divided by measurement for {} measurements in {} groups; {} of them were used to fit the constants, the rest show how the model generalises.",
                    count(l, n as f64),
                    count(l, groups.with(Vec::len) as f64),
                    count(l, fitted as f64)
                ),
                Lang::De => format!(
                    "Modell geteilt durch Messung für {} Messungen in {} Gruppen; {} davon dienten zur Anpassung der Konstanten, die übrigen zeigen, wie das Modell verallgemeinert.",
                    count(l, n as f64),
                    count(l, groups.with(Vec::len) as f64),
                    count(l, fitted as f64)
                ),
            }
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Group", "Gruppe"),
            tr(l, "Rows (fitted)", "Zeilen (angepasst)"),
            tr(l, "Median error", "Medianfehler"),
            tr(l, "Median |error|", "Median |Fehler|"),
            tr(l, "Largest |error|", "Größter |Fehler|"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        let pct = |x: f64| format!("{} %", num(l, (x * 1000.0).round() / 10.0));
        let signed = |x: f64| {
            if x > 0.0 {
                format!("+{}", pct(x))
            } else {
                pct(x)
            }
        };
        groups.with(|g| {
            g.iter()
                .map(|r| {
                    vec![
                        group_label(l, r),
                        format!(
                            "{} ({})",
                            count(l, r.rows as f64),
                            count(l, r.fitted as f64)
                        ),
                        signed(r.median),
                        pct(r.median_abs),
                        pct(r.max_abs),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="calibration" summary svg headers rows height=height/> }
}
