//! Controls: pickers for chip, model and precision, and one slider per numeric parameter.
//! Each control writes the scenario through the parameter table; none computes anything.

use super::ScenarioCtx;
use crate::data::catalogue;
use crate::model::{Precision, Scenario};
use crate::scenario::{from_slider, get_param, param, set_param, to_slider};
use leptos::prelude::*;

/// A slider for one numeric parameter of the table in `scenario::PARAMS`.
#[component]
pub fn Slider(
    /// Key of the parameter (`output`, `power_mw`, …).
    key: &'static str,
) -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let Some(spec) = param(key) else {
        return view! { <span></span> }.into_any();
    };
    let id = format!("ctl-{key}");
    let value = Signal::derive(move || sc.with(|s| get_param(s, key)));
    let default = get_param(&Scenario::default(), key);
    let on_input = move |ev: leptos::ev::Event| {
        if let Ok(pos) = event_target_value(&ev).parse::<f64>() {
            sc.update(|s| set_param(s, key, from_slider(spec, pos)));
        }
    };
    view! {
        <div class="control" data-control=key>
            <label for=id.clone()>
                {spec.label_en} ": "
                <output>{move || crate::charts::human(value.get())}</output>
                " " {spec.unit_en}
            </label>
            <input
                type="range" id=id min="0" max="1000" step="1"
                prop:value=move || to_slider(spec, value.get()).to_string()
                on:input=on_input
            />
            <button type="button" class="reset" aria-label=format!("Reset {}", spec.label_en)
                on:click=move |_| sc.update(|s| set_param(s, key, default))>"↺"</button>
        </div>
    }
    .into_any()
}

/// Chip, model and precision pickers, then the sliders.
#[component]
pub fn Controls() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let c = catalogue();
    let gpu_options = c
        .gpus
        .iter()
        .map(|g| view! { <option value=g.id.clone()>{format!("{} ({})", g.name, g.year)}</option> })
        .collect_view();
    let model_options = c
        .models
        .iter()
        .map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> })
        .collect_view();
    let precision_options = Precision::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str()>{p.as_str().to_uppercase()}</option> })
        .collect_view();
    view! {
        <div class="controls">
            <div class="control" data-control="gpu">
                <label for="ctl-gpu">"Hardware"</label>
                <select id="ctl-gpu"
                    prop:value=move || sc.with(|s| s.gpu.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); sc.update(|s| s.gpu = v) }>
                    {gpu_options}
                </select>
            </div>
            <div class="control" data-control="model">
                <label for="ctl-model">"Model"</label>
                <select id="ctl-model"
                    prop:value=move || sc.with(|s| s.model.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); sc.update(|s| s.model = v) }>
                    {model_options}
                </select>
            </div>
            <div class="control" data-control="precision">
                <label for="ctl-precision">"Precision"</label>
                <select id="ctl-precision"
                    prop:value=move || sc.with(|s| s.precision.as_str())
                    on:change=move |ev| {
                        if let Some(p) = Precision::parse(&event_target_value(&ev)) { sc.update(|s| s.precision = p) }
                    }>
                    {precision_options}
                </select>
            </div>
            <Slider key="output"/>
            <Slider key="prompt"/>
            <Slider key="tps_user"/>
            <Slider key="power_mw"/>
            <Slider key="usd_per_kwh"/>
        </div>
    }
}
