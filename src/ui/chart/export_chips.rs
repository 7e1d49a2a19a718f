use super::{Frame, PhysicsCell, WidthCtx, headers, look, rows_of, with_a};
use crate::model::series;
use crate::ui::i18n::{LangCtx, num};
use crate::ui::{CompareCtx, ScenarioCtx};
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
    // Scenario A while two are compared (the page's scenario is B): its own points, from its
    // workload and prices, on a physics cell of its own; nothing is computed while not
    // comparing.
    let compare = expect_context::<CompareCtx>();
    let a_physics = PhysicsCell::new();
    let a_points = Memo::new(move |_| {
        compare.a.with(|a| {
            a.as_ref().map(|s| {
                a_physics.with(series::ExportKey::of(s), series::export_served_for, |sv| {
                    series::export_points(s, sv)
                })
            })
        })
    });
    let svg = Signal::derive(move || {
        points.with(|p| {
            current.with(|(g, m)| {
                a_points.with(|ap| {
                    with_a(compare, |a| {
                        w::export_svg(
                            lang.get(),
                            p,
                            Some((g, m)),
                            a.zip(ap.as_deref()),
                            &look.get(),
                            width.get(),
                        )
                    })
                })
            })
        })
    });
    let summary = Signal::derive(move || w::export_summary(lang.get()));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        let takeaway = points.with(|p| w::export_takeaway(l, p));
        let a = a_points.with(|ap| {
            with_a(compare, |a| {
                a.zip(ap.as_deref())
                    .map(|(a, ap)| w::export_compared(l, a, ap))
            })
        });
        w::with_a(takeaway, a)
    });
    let headers = headers(
        lang,
        &[
            ("Chip", "Chip"),
            ("Model", "Modell"),
            ("Tokens per kJ", "Token pro kJ"),
            ("Tokens per $", "Token pro $"),
        ],
    );
    let rows = rows_of(lang, points, |l, x| {
        vec![
            x.gpu_label.clone(),
            x.model_label.clone(),
            num(l, x.tokens_per_kj),
            num(l, x.tokens_per_usd),
        ]
    });
    view! { <Frame name="export-chips" summary takeaway svg headers rows/> }
}
