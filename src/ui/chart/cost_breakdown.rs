use super::{Frame, WidthCtx, look, rows_of, with_a};
use crate::model::series::{self};
use crate::ui::i18n::{LangCtx, num, tr};
use crate::ui::{CompareCtx, OutcomeCtx, ScenarioCtx, ServedCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// $ per million tokens as stacked parts, for the scenario and one-knob variants.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let served = expect_context::<ServedCtx>();
    let variants =
        Memo::new(move |_| sc.with(|s| served.with(s, |sv| series::cost_variants(s, sv))));
    // Scenario A while two are compared (the page's scenario is B), and B's outcome.
    let compare = expect_context::<CompareCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let svg = Signal::derive(move || {
        variants.with(|v| {
            with_a(compare, |a| {
                w::cost_breakdown_svg(lang.get(), v, a, &look.get(), width.get())
            })
        })
    });
    let summary =
        Signal::derive(move || variants.with(|v| w::cost_breakdown_summary(lang.get(), v)));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        let takeaway = variants.with(|v| w::cost_breakdown_takeaway(l, v));
        let a = with_a(compare, |a| {
            a.map(|a| out.with(|b| w::cost_breakdown_compared(l, a, b)))
        });
        w::with_a(takeaway, a)
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        let p = w::cost_parts(l);
        vec![
            tr(l, "Case", "Fall").to_string(),
            p[0].into(),
            p[1].into(),
            p[2].into(),
            p[3].into(),
            tr(l, "Total", "Summe").into(),
        ]
    });
    let rows = rows_of(lang, variants, |l, (k, b)| {
        vec![
            w::cost_label(l, *k),
            num(l, b.hardware),
            num(l, b.facility),
            num(l, b.electricity),
            num(l, b.other),
            num(l, b.total),
        ]
    });
    view! { <Frame name="cost-breakdown" summary takeaway svg headers rows/> }
}
