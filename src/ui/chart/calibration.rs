use super::{Frame, WidthCtx, look, render_svg, strs};
use crate::calibration::compare;
use crate::charts;
use crate::model::step::Physics;
use crate::ui::i18n::{LangCtx, num, tr};
use leptos::prelude::*;

/// The model against the calibration set.
#[component]
pub fn Calibration() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let cmp = Memo::new(move |_| compare(&Physics::from_catalogue()));
    let svg = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            render_svg((width.get(), 620), |a| {
                charts::calibration::draw(
                    a,
                    c,
                    [
                        tr(l, "used in the fit", "in der Anpassung"),
                        tr(l, "held out", "zurückgehalten"),
                        tr(l, "known limitation", "bekannte Grenze"),
                    ],
                    tr(l, "Model ÷ measured (log scale)", "Modell ÷ Messung (log.)"),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Model divided by measurement for each published measurement; most lie within a factor 1.75.",
        "Modell geteilt durch Messung für jede veröffentlichte Messung; die meisten liegen innerhalb eines Faktors 1,75.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Row", "Zeile"),
            tr(l, "Split", "Rolle"),
            tr(l, "Measured", "Gemessen"),
            tr(l, "Model", "Modell"),
            tr(l, "Ratio", "Verhältnis"),
            tr(l, "Source", "Quelle"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            c.iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.split.clone(),
                        num(l, r.measured),
                        num(l, r.model),
                        num(l, r.ratio),
                        r.source.clone(),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="calibration" summary svg headers rows height=620/> }
}
