use super::{Frame, WidthCtx, look, render_svg, strs};
use crate::calibration::{compare, ratio_range};
use crate::charts;
use crate::model::step::Physics;
use crate::ui::i18n::{Lang, LangCtx, count, num, tr};
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
        let l = lang.get();
        cmp.with(|c| {
            // The widest miss over the rows the model claims to cover (fit and held out).
            let (flo, fhi, fit) = ratio_range(c, "fit");
            let (hlo, hhi, held) = ratio_range(c, "holdout");
            let factor = [fhi, hhi, 1.0 / flo, 1.0 / hlo]
                .into_iter()
                .filter(|x| x.is_finite())
                .fold(1.0, f64::max);
            format!(
                "{} {} {}",
                tr(
                    l,
                    "Model divided by measurement for each published measurement;",
                    "Modell geteilt durch Messung für jede veröffentlichte Messung;"
                ),
                count(l, (fit + held) as f64),
                match l {
                    Lang::En => format!(
                        "fitted and held-out rows lie within a factor {}.",
                        num(l, factor)
                    ),
                    Lang::De => format!(
                        "angepasste und zurückgehaltene Zeilen liegen innerhalb eines Faktors {}.",
                        num(l, factor)
                    ),
                }
            )
        })
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
