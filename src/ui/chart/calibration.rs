use super::{Frame, WidthCtx, headers, look};
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{LangCtx, count, num};
use crate::words::charts as w;
use leptos::prelude::*;

/// The model against the measurements, by group.
#[component]
pub fn Calibration() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // The same for the whole page load: computed once (`words::charts::calibration`).
    let (cmp, groups) = w::calibration();
    let svg = Signal::derive(move || {
        w::calibration_svg(lang.get(), cmp, groups, &look.get(), width.get())
    });
    let summary = Signal::derive(move || w::calibration_summary(lang.get(), cmp, groups));
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let gpu = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let takeaway =
        Signal::derive(move || gpu.with(|g| w::calibration_takeaway(lang.get(), cmp, g)));
    let headers = headers(
        lang,
        &[
            ("Group", "Gruppe"),
            ("Rows (fitted)", "Zeilen (angepasst)"),
            ("Median error", "Medianfehler"),
            ("Median |error|", "Median |Fehler|"),
            ("Largest |error|", "Größter |Fehler|"),
        ],
    );
    let rows = Signal::derive(move || {
        let l = lang.get();
        let pct = |x: f64| format!("{} %", num(l, (x * 1000.0).round() / 10.0));
        let signed = |x: f64| {
            if x > 0.0 {
                format!("+{}", pct(x))
            } else {
                pct(x)
            }
        };
        groups
            .iter()
            .map(|r| {
                vec![
                    w::group_label(l, r),
                    format!(
                        "{} ({})",
                        count(l, r.rows as f64),
                        count(l, r.fitted as f64)
                    ),
                    signed(r.median),
                    pct(r.median_abs),
                    pct(r.max_abs),
                ]
            })
            .collect()
    });
    view! { <Frame name="calibration" summary takeaway svg headers rows/> }
}
