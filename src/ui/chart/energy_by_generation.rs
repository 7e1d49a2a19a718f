use super::{Frame, PhysicsCell, WidthCtx, headers, look, rows_of, with_a};
use crate::model::{claims, physics_key, series};
use crate::ui::i18n::LangCtx;
use crate::ui::{CompareCtx, OutcomeCtx, ScenarioCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// J per output token by hardware generation for the chosen model and workload.
#[component]
pub fn EnergyByGeneration() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // Physics on every chip only when the physics inputs change; the economics on each move.
    let physics = PhysicsCell::new();
    let points = Memo::new(move |_| {
        sc.with(|s| {
            physics.with(physics_key(s), series::served_on_every_gpu, |sv| {
                series::generation_points(s, sv)
            })
        })
    });
    let current = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let claims_shown = Memo::new(move |_| sc.with(|s| s.model == claims::ENERGY_CLAIM_MODEL));
    // Scenario A while two are compared (the page's scenario is B), and B's outcome.
    let compare = expect_context::<CompareCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let svg = Signal::derive(move || {
        let pts = points.get();
        let hi = current.with(|c| pts.iter().position(|p| &p.gpu_id == c));
        with_a(compare, |a| {
            w::energy_svg(
                lang.get(),
                &pts,
                hi,
                claims_shown.get(),
                a,
                &look.get(),
                width.get(),
            )
        })
    });
    let summary = Signal::derive(move || points.with(|p| w::energy_summary(lang.get(), p)));
    let model = Memo::new(move |_| sc.with(|s| s.model.clone()));
    let takeaway = Signal::derive(move || {
        points.with(|pts| {
            let hi = current.with(|c| pts.iter().position(|p| &p.gpu_id == c));
            let l = lang.get();
            let takeaway = model.with(|m| w::energy_takeaway(l, pts, hi, m));
            let a = with_a(compare, |a| {
                a.map(|a| out.with(|b| w::energy_compared(l, a, b)))
            });
            w::with_a(takeaway, a)
        })
    });
    let headers = headers(
        lang,
        &[
            ("Chip", "Chip"),
            ("Year", "Jahr"),
            ("Precision", "Präzision"),
            ("J/token, GPU", "J/Token, GPU"),
            ("J/token, all-in", "J/Token, gesamt"),
        ],
    );
    let rows = rows_of(lang, points, |l, g| {
        vec![
            g.label.clone(),
            g.year.to_string(),
            g.outcome_precision.to_ascii_uppercase(),
            w::rd(l, g.gpu_joules_per_output_token),
            w::rd(l, g.facility_joules_per_output_token),
        ]
    });
    view! { <Frame name="energy-by-generation" summary takeaway svg headers rows/> }
}
