use super::{Frame, HEIGHT, WidthCtx, look, render_svg};
use crate::charts;
use crate::model::series::{self, CostVariant};
use crate::ui::i18n::{Lang, LangCtx, num, tr};
use crate::ui::{ScenarioCtx, ServedCtx};
use leptos::prelude::*;

fn cost_label(l: Lang, v: CostVariant) -> String {
    match v {
        CostVariant::Scenario => tr(l, "This scenario", "Dieses Szenario"),
        CostVariant::GermanElectricity => tr(l, "German power price", "Deutscher Strompreis"),
        CostVariant::Utilization30 => tr(l, "30 % utilisation", "30 % Auslastung"),
        CostVariant::Lifetime3 => tr(l, "3-year life", "3 Jahre Nutzung"),
        CostVariant::Lifetime8 => tr(l, "8-year life", "8 Jahre Nutzung"),
    }
    .to_string()
}

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
    let parts = move |l: Lang| {
        [
            tr(l, "Hardware", "Hardware"),
            tr(l, "Building", "Gebäude"),
            tr(l, "Electricity", "Strom"),
            tr(l, "Other", "Sonstiges"),
        ]
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            let rows: Vec<(String, crate::model::cost::CostBreakdown)> =
                v.iter().map(|(k, b)| (cost_label(l, *k), *b)).collect();
            render_svg((width.get(), HEIGHT), |a| {
                charts::cost_breakdown::draw(
                    a,
                    &rows,
                    parts(l),
                    tr(
                        l,
                        "$ per million output tokens",
                        "$ pro Million Ausgabetoken",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            v.first()
                .map(|(_, b)| {
                    format!(
                        "{} {} $: {} {} $, {} {} $.",
                        tr(
                            l,
                            "Cost per million output tokens",
                            "Kosten pro Million Ausgabetoken"
                        ),
                        num(l, b.total),
                        tr(l, "hardware", "Hardware"),
                        num(l, b.hardware),
                        tr(l, "electricity", "Strom"),
                        num(l, b.electricity)
                    )
                })
                .unwrap_or_default()
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        let p = parts(l);
        vec![
            tr(l, "Case", "Fall").to_string(),
            p[0].into(),
            p[1].into(),
            p[2].into(),
            p[3].into(),
            tr(l, "Total", "Summe").into(),
        ]
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            v.iter()
                .map(|(k, b)| {
                    vec![
                        cost_label(l, *k),
                        num(l, b.hardware),
                        num(l, b.facility),
                        num(l, b.electricity),
                        num(l, b.other),
                        num(l, b.total),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="cost-breakdown" summary svg headers rows height=HEIGHT/> }
}
