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
    // Every calibration row evaluated: the same for the whole page load, so computed once
    // (`words::charts::calibration`), when the chart first comes near the screen (the last
    // section's; the page built with the site carries its drawing until then).
    let near = RwSignal::new(false);
    let seen = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || near.get());
    let data = move || seen.get().then(w::calibration);
    let svg = Signal::derive(move || {
        data().map_or(String::new(), |(cmp, groups)| {
            w::calibration_svg(lang.get(), cmp, groups, &look.get(), width.get())
        })
    });
    let summary = Signal::derive(move || {
        data().map_or(String::new(), |(cmp, groups)| {
            w::calibration_summary(lang.get(), cmp, groups)
        })
    });
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let gpu = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let takeaway = Signal::derive(move || {
        data().map_or(String::new(), |(cmp, _)| {
            gpu.with(|g| w::calibration_takeaway(lang.get(), cmp, g))
        })
    });
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
        let Some((_, groups)) = data() else {
            return Vec::new();
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
    view! { <Frame name="calibration" summary takeaway svg headers rows near/> }
}
