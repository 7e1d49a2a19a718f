use super::{Frame, WidthCtx, headers, look, with_a};
use crate::ui::i18n::{LangCtx, num};
use crate::ui::{CompareCtx, OutcomeCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// Where one GPU slot's watts go.
#[component]
pub fn PowerSplit() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let split = Memo::new(move |_| out.with(|o| o.power));
    // Scenario A while two are compared (the page's scenario is B).
    let compare = expect_context::<CompareCtx>();
    let svg = Signal::derive(move || {
        with_a(compare, |a| {
            w::power_split_svg(lang.get(), split.get(), a, &look.get(), width.get())
        })
    });
    let summary = Signal::derive(move || w::power_split_summary(lang.get(), split.get()));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        let a = with_a(compare, |a| {
            a.map(|a| w::power_split_compared(l, a, split.get()))
        });
        w::with_a(w::power_split_takeaway(l, split.get()), a)
    });
    let headers = headers(lang, &[("Part", "Anteil"), ("Watts", "Watt")]);
    let rows = Signal::derive(move || {
        let l = lang.get();
        let p = split.get();
        let n = w::power_parts(l);
        vec![
            (n[0], p.gpu_idle_w),
            (n[1], p.gpu_memory_w),
            (n[2], p.gpu_compute_w),
            (n[3], p.host_w),
            (n[4], p.cooling_and_losses_w),
        ]
        .into_iter()
        .map(|(a, b)| vec![a.to_string(), num(l, b)])
        .collect()
    });
    view! { <Frame name="power-split" summary takeaway svg headers rows/> }
}
