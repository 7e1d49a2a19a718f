use super::{Frame, WidthCtx, headers, look, rows_of};
use crate::model::claims::{self};
use crate::model::step::Physics;
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{LangCtx, count, num};
use crate::words::charts as w;
use leptos::prelude::*;

/// NVIDIA's 17,000 J → 0.4 J claim split into factors (GPT-MoE-1.8T, P100 FP16 → GB200 FP4).
#[component]
pub fn ClaimWaterfall() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let workload = Memo::new(move |_| sc.with(|s| (s.prompt_tokens, s.output_tokens)));
    let steps = Memo::new(move |_| {
        let (p, o) = workload.get();
        claims::energy_claim_waterfall(None, f64::from(p), f64::from(o), &Physics::from_catalogue())
    });
    let claimed = claims::claimed();
    let svg = Signal::derive(move || {
        steps.with(|st| w::waterfall_svg(lang.get(), st, &claimed, &look.get(), width.get()))
    });
    let summary =
        Signal::derive(move || steps.with(|st| w::waterfall_summary(lang.get(), st, &claimed)));
    let takeaway =
        Signal::derive(move || steps.with(|st| w::waterfall_takeaway(lang.get(), st, &claimed)));
    let headers = headers(
        lang,
        &[
            ("Step", "Schritt"),
            ("J/token, GPU", "J/Token, GPU"),
            ("Factor", "Faktor"),
            ("Batch", "Batch"),
            ("GPUs per replica", "GPUs pro Replikat"),
        ],
    );
    let rows = rows_of(lang, steps, |l, s| {
        vec![
            w::step_name(l, s.key),
            num(l, s.gpu_joules_per_output_token),
            format!("×{}", num(l, s.factor)),
            count(l, s.batch),
            s.gpus.to_string(),
        ]
    });
    view! { <Frame name="claim-waterfall" summary takeaway svg headers rows/> }
}
