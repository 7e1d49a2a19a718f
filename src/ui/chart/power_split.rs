use super::{Frame, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::ui::OutcomeCtx;
use crate::ui::i18n::{Lang, LangCtx, num, tr};
use leptos::prelude::*;

/// Where one GPU slot's watts go.
#[component]
pub fn PowerSplit() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let split = Memo::new(move |_| out.with(|o| o.power));
    let parts = move |l: Lang| {
        [
            tr(l, "GPU idle", "GPU Leerlauf"),
            tr(l, "GPU memory traffic", "GPU Speicherzugriffe"),
            tr(l, "GPU arithmetic", "GPU Rechenwerke"),
            tr(l, "Host: CPU, network, fans", "Host: CPU, Netz, Lüfter"),
            tr(l, "Cooling and losses (PUE)", "Kühlung und Verluste (PUE)"),
        ]
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        let rows = vec![(
            tr(l, "One GPU slot", "Ein GPU-Platz").to_string(),
            split.get(),
        )];
        render_svg((width.get(), 240), |a| {
            charts::power_split::draw(
                a,
                &rows,
                parts(l),
                tr(l, "Watts while serving", "Watt im Betrieb"),
                &look.get(),
            )
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        let p = split.get();
        format!(
            "{} {} W: {} {} W.",
            tr(l, "One GPU slot draws", "Ein GPU-Platz zieht"),
            num(l, p.total_w),
            tr(l, "of which the GPU board", "davon die GPU-Platine"),
            num(l, p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w)
        )
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[tr(l, "Part", "Anteil"), tr(l, "Watts", "Watt")])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        let p = split.get();
        let n = parts(l);
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
    view! { <Frame name="power-split" summary svg headers rows height=240/> }
}
