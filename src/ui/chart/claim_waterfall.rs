use super::{Frame, HEIGHT, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::model::claims::{self, WaterfallKey};
use crate::model::step::Physics;
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{Lang, LangCtx, count, num, tr};
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
    let step_name = move |l: Lang, key: WaterfallKey| -> String {
        match key {
            WaterfallKey::Start => tr(l, "P100 FP16 (2016)", "P100 FP16 (2016)"),
            WaterfallKey::Memory => tr(l, "+ HBM3e memory", "+ HBM3e-Speicher"),
            WaterfallKey::ComputePerWatt => tr(l, "+ FLOP/s per watt", "+ FLOP/s pro Watt"),
            WaterfallKey::ScaleUp => tr(l, "+ NVLink 72", "+ NVLink 72"),
            WaterfallKey::Precision => tr(l, "+ FP4 = GB200", "+ FP4 = GB200"),
        }
        .to_string()
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| {
            let names: Vec<String> = st.iter().map(|s| step_name(l, s.key)).collect();
            render_svg((width.get(), HEIGHT), |a| {
                charts::waterfall::draw(
                    a,
                    st,
                    &claimed,
                    &names,
                    &format!(
                        "{} {} J",
                        tr(l, "gap to", "Lücke zu"),
                        num(l, claimed.blackwell_j)
                    ),
                    tr(
                        l,
                        "GPU energy per output token (J, log scale)",
                        "GPU-Energie pro Ausgabetoken (J, log.)",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| match (st.first(), st.last()) {
            (Some(a), Some(b)) => format!(
                "{} {} J → {} J (×{}); {} {} J → {} J (×{}).",
                tr(
                    l,
                    "Model: GPT-MoE-1.8T from P100 to GB200,",
                    "Modell: GPT-MoE-1.8T von P100 bis GB200,"
                ),
                num(l, a.gpu_joules_per_output_token),
                num(l, b.gpu_joules_per_output_token),
                num(
                    l,
                    a.gpu_joules_per_output_token / b.gpu_joules_per_output_token
                ),
                tr(l, "NVIDIA claims", "NVIDIA behauptet"),
                count(l, claimed.pascal_j),
                num(l, claimed.blackwell_j),
                count(l, claimed.pascal_j / claimed.blackwell_j)
            ),
            _ => String::new(),
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Step", "Schritt"),
            tr(l, "J/token, GPU", "J/Token, GPU"),
            tr(l, "Factor", "Faktor"),
            tr(l, "Batch", "Batch"),
            tr(l, "GPUs per replica", "GPUs pro Replikat"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| {
            st.iter()
                .map(|s| {
                    vec![
                        step_name(l, s.key),
                        num(l, s.gpu_joules_per_output_token),
                        format!("×{}", num(l, s.factor)),
                        count(l, s.batch),
                        s.gpus.to_string(),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="claim-waterfall" summary svg headers rows height=HEIGHT/> }
}
