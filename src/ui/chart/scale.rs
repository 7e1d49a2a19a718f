use super::{Frame, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::model::series::{self, ScaleRef};
use crate::ui::OutcomeCtx;
use crate::ui::i18n::{Lang, LangCtx, num, tr};
use leptos::prelude::*;

/// The factory's annual electricity beside references.
#[component]
pub fn Scale() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let rows_data = Memo::new(move |_| {
        out.with(|o| {
            series::scale_references(o)
                .into_iter()
                .map(|(k, v)| {
                    let colour = match k {
                        ScaleRef::ThisFactory => 0usize,
                        ScaleRef::Abilene => 3,
                        ScaleRef::UsDataCentres => 1,
                        ScaleRef::Germany | ScaleRef::Usa => 2,
                    };
                    (k, v, colour)
                })
                .collect::<Vec<_>>()
        })
    });
    let ours = Memo::new(move |_| rows_data.with(|r| r.first().map_or(0.0, |x| x.1)));
    let abilene_gw = crate::data::catalogue().constant("abilene_campus_mw") / 1000.0;
    let name = move |l: Lang, k: ScaleRef| match k {
        ScaleRef::ThisFactory => tr(l, "This factory", "Diese Fabrik").to_string(),
        ScaleRef::Abilene => format!(
            "Stargate Abilene, {} GW ({})",
            num(l, abilene_gw),
            tr(l, "this config.", "diese Konfig.")
        ),
        ScaleRef::UsDataCentres => tr(
            l,
            "All US data centres, 2023",
            "Alle US-Rechenzentren, 2023",
        )
        .to_string(),
        ScaleRef::Germany => {
            tr(l, "Germany, all electricity", "Deutschland, gesamter Strom").to_string()
        }
        ScaleRef::Usa => tr(l, "USA, all electricity", "USA, gesamter Strom").to_string(),
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        rows_data.with(|r| {
            let rows: Vec<(String, f64, usize)> =
                r.iter().map(|(k, v, c)| (name(l, *k), *v, *c)).collect();
            render_svg((width.get(), 300), |a| {
                charts::scale::draw(
                    a,
                    &rows,
                    tr(
                        l,
                        "Electricity per year (TWh, log scale)",
                        "Strom pro Jahr (TWh, log.)",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        format!(
            "{} {} TWh.",
            tr(
                lang.get(),
                "This factory uses per year",
                "Diese Fabrik verbraucht pro Jahr"
            ),
            num(lang.get(), ours.get())
        )
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[tr(l, "What", "Was"), tr(l, "TWh per year", "TWh pro Jahr")])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        rows_data.with(|r| {
            r.iter()
                .map(|(k, v, _)| vec![name(l, *k), num(l, *v)])
                .collect()
        })
    });
    view! { <Frame name="scale" summary svg headers rows height=300/> }
}
