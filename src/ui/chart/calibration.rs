use super::{Frame, WidthCtx, look, strs};
use crate::calibration::compare;
use crate::model::step::Physics;
use crate::ui::i18n::{LangCtx, num, tr};
use crate::words::charts as w;
use leptos::prelude::*;

/// The model against the calibration set.
#[component]
pub fn Calibration() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let cmp = Memo::new(move |_| compare(&Physics::from_catalogue()));
    let svg = Signal::derive(move || {
        cmp.with(|c| w::calibration_svg(lang.get(), c, &look.get(), width.get()))
    });
    let summary = Signal::derive(move || cmp.with(|c| w::calibration_summary(lang.get(), c)));
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
