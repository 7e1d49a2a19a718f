use super::{Frame, HEIGHT, PhysicsCell, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::model::series;
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{LangCtx, num, tr};
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
    let svg = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            render_svg((width.get(), HEIGHT), |a| {
                charts::export_chips::draw(
                    a,
                    p,
                    [
                        tr(
                            l,
                            "Output tokens per kJ, all-in (log)",
                            "Ausgabetoken pro kJ, gesamt (log.)",
                        ),
                        tr(l, "Output tokens per $ (log)", "Ausgabetoken pro $ (log.)"),
                    ],
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Tokens per kilojoule and per dollar on H100, H800, H20 and Huawei Ascend, for DeepSeek-R1 and a dense 70B model.",
        "Token pro Kilojoule und pro Dollar auf H100, H800, H20 und Huawei Ascend, für DeepSeek-R1 und ein dichtes 70B-Modell.").to_string()
    });
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
    view! { <Frame name="export-chips" summary svg headers rows height=HEIGHT/> }
}
