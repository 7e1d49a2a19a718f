use super::{Frame, PhysicsCell, WidthCtx, look, strs};
use crate::model::series;
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{LangCtx, num, tr};
use crate::words::charts as w;
use leptos::prelude::*;

/// Export-limited chips against H100 and Ascend, MoE against dense.
#[component]
pub fn ExportChips() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // Physics of the ten chip × model pairs only when the workload changes (their own chip,
    // model, precision and replica are fixed by `series::export_served`).
    let physics = PhysicsCell::new();
    let points = Memo::new(move |_| {
        sc.with(|s| {
            physics.with(series::ExportKey::of(s), series::export_served_for, |sv| {
                series::export_points(s, sv)
            })
        })
    });
    let current = Memo::new(move |_| sc.with(|s| (s.gpu.clone(), s.model.clone())));
    let svg = Signal::derive(move || {
        points.with(|p| {
            current
                .with(|(g, m)| w::export_svg(lang.get(), p, Some((g, m)), &look.get(), width.get()))
        })
    });
    let summary = Signal::derive(move || w::export_summary(lang.get()));
    let takeaway = Signal::derive(move || points.with(|p| w::export_takeaway(lang.get(), p)));
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Model", "Modell"),
            tr(l, "Tokens per kJ", "Token pro kJ"),
            tr(l, "Tokens per $", "Token pro $"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            p.iter()
                .map(|x| {
                    vec![
                        x.gpu_label.clone(),
                        x.model_label.clone(),
                        num(l, x.tokens_per_kj),
                        num(l, x.tokens_per_usd),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="export-chips" summary takeaway svg headers rows/> }
}
