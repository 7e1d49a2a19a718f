//! The embed view (`?embed=1`): one chart by name, a few named controls, a link back to the
//! full page, and the page's height posted to the embedding page.

use super::i18n::{LangCtx, tr};
use super::{ScenarioCtx, chart, controls, headline};
use leptos::prelude::*;

/// One chart by its `data-chart` name (for embeds).
fn chart_by_name(name: &str) -> AnyView {
    match name {
        "claim-waterfall" => view! { <chart::ClaimWaterfall/> }.into_any(),
        "frontier" => view! { <chart::Frontier/> }.into_any(),
        "cost-breakdown" => view! { <chart::CostBreakdown/> }.into_any(),
        "cost-sensitivity" => view! { <chart::CostSensitivity/> }.into_any(),
        "scale" => view! { <chart::Scale/> }.into_any(),
        "export-chips" => view! { <chart::ExportChips/> }.into_any(),
        "power-split" => view! { <chart::PowerSplit/> }.into_any(),
        "calibration" => view! { <chart::Calibration/> }.into_any(),
        "headline" => view! { <headline::Headline/> }.into_any(),
        _ => view! { <chart::EnergyByGeneration/> }.into_any(),
    }
}

/// Posts the page height to the embedding page, whenever it changes:
/// `postMessage({type: "fabrik:height", height}, "*")`.
fn post_height_to_parent() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else { return };
    let post = move || {
        let Some(w) = web_sys::window() else { return };
        let Some(height) = w
            .document()
            .and_then(|d| d.document_element())
            .map(|e| e.scroll_height())
        else {
            return;
        };
        if let Ok(Some(parent)) = w.parent() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"fabrik:height".into());
            let _ = js_sys::Reflect::set(&msg, &"height".into(), &f64::from(height).into());
            let _ = parent.post_message(&msg, "*");
        }
    };
    post();
    let cb = Closure::<dyn FnMut()>::new(post);
    if let (Ok(obs), Some(body)) = (
        web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()),
        w.document().and_then(|d| d.body()),
    ) {
        obs.observe(&body);
    }
    cb.forget();
}

/// The embed view: one chart (and optionally a few named controls), no page chrome, a link
/// back to the full view with the same scenario.
#[component]
pub(super) fn Embed(
    /// The chart's `data-chart` name.
    view_name: String,
    /// Controls to show (keys of the parameter table, or `gpu`, `model`, `timeline`).
    controls: Vec<String>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let full = move || {
        let q = sc.with(crate::scenario::to_query);
        let path = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        format!("{path}?{q}&lang={}", lang.get().code())
    };
    let sliders = controls
        .iter()
        .filter_map(|k| crate::scenario::param(k))
        .map(|spec| view! { <controls::Slider key=spec.key/> })
        .collect_view();
    request_animation_frame(post_height_to_parent);
    let version = crate::data::catalogue().model_version();
    view! {
        <main class="embed">
            {chart_by_name(&view_name)}
            <div class="controls">{sliders}</div>
            <p class="back"><a href=full target="_blank" rel="noopener">{move || tr(lang.get(), "fabrik: open the full explainer →", "fabrik: ganze Erklärung öffnen →")}</a>
                " " <span class="version" data-model-version=version>{move || format!("({} {version})", tr(lang.get(), "model", "Modell"))}</span></p>
        </main>
    }
}
