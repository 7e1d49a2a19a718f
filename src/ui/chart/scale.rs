use super::{Frame, WidthCtx, headers, look, rows_of, with_a};
use crate::ui::i18n::{LangCtx, num};
use crate::ui::{CompareCtx, OutcomeCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// The factory's annual electricity beside references.
#[component]
pub fn Scale() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let rows_data = Memo::new(move |_| out.with(w::scale_rows));
    let ours = Memo::new(move |_| rows_data.with(|r| r.first().map_or(0.0, |x| x.1)));
    // Scenario A while two are compared (the page's scenario is B).
    let compare = expect_context::<CompareCtx>();
    let svg = Signal::derive(move || {
        rows_data.with(|r| {
            with_a(compare, |a| {
                w::scale_svg(lang.get(), r, a, &look.get(), width.get())
            })
        })
    });
    let summary = Signal::derive(move || w::scale_summary(lang.get(), ours.get()));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        rows_data.with(|r| {
            let a = with_a(compare, |a| a.map(|a| w::scale_compared(l, a, r)));
            w::with_a(w::scale_takeaway(l, r), a)
        })
    });
    let headers = headers(lang, &[("What", "Was"), ("TWh per year", "TWh pro Jahr")]);
    let rows = rows_of(lang, rows_data, |l, (k, v, _)| {
        vec![w::scale_name(l, *k), num(l, *v)]
    });
    view! { <Frame name="scale" summary takeaway svg headers rows/> }
}
