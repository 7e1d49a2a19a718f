use super::{Frame, WidthCtx, headers, look, with_a};
use crate::model::series;
use crate::ui::i18n::{LangCtx, num};
use crate::ui::{CompareCtx, OutcomeCtx, ScenarioCtx, ServedCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// $ per million tokens against the electricity price at three utilisations.
#[component]
pub fn CostSensitivity() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let served = expect_context::<ServedCtx>();
    let lines =
        Memo::new(move |_| sc.with(|s| served.with(s, |sv| series::cost_vs_electricity(s, sv))));
    let current = Memo::new(move |_| {
        (
            sc.with(|s| s.usd_per_kwh),
            out.with(|o| o.serving.usd_per_million_output_tokens),
        )
    });
    // Scenario A while two are compared (the page's scenario is B).
    let compare = expect_context::<CompareCtx>();
    let svg = Signal::derive(move || {
        lines.with(|ln| {
            with_a(compare, |a| {
                w::cost_sensitivity_svg(lang.get(), ln, current.get(), a, &look.get(), width.get())
            })
        })
    });
    let summary = Signal::derive(move || w::cost_sensitivity_summary(lang.get()));
    let utilization = Memo::new(move |_| sc.with(|s| s.utilization));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        let takeaway = lines
            .with(|ln| w::cost_sensitivity_takeaway(l, ln, utilization.get(), current.get().1));
        let a = with_a(compare, |a| {
            a.map(|a| out.with(|b| w::cost_sensitivity_compared(l, a, b)))
        });
        w::with_a(takeaway, a)
    });
    let headers = headers(
        lang,
        &[
            ("Utilisation", "Auslastung"),
            ("$/kWh", "$/kWh"),
            ("$ per million tokens", "$ pro Mio. Token"),
        ],
    );
    let rows = Signal::derive(move || {
        let l = lang.get();
        lines.with(|ln| {
            ln.iter()
                .flat_map(|(u, pts)| {
                    pts.iter().map(move |(p, c)| {
                        vec![format!("{} %", num(l, u * 100.0)), num(l, *p), num(l, *c)]
                    })
                })
                .collect()
        })
    });
    view! { <Frame name="cost-sensitivity" summary takeaway svg headers rows/> }
}
