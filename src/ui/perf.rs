//! Timing of updates: every change to the scenario is wrapped in `performance.mark` /
//! `performance.measure` named `fabrik:update`. The measure ends in the first task after the
//! input (`setTimeout 0`), which runs once Leptos' effects (microtasks) have rebuilt every
//! affected chart in the DOM; the browser's own style, layout and paint of the next frame
//! come after it and are not counted.

use crate::model::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Applies `f` to the scenario and measures input → redraw as `fabrik:update`.
pub fn update(sc: RwSignal<Scenario>, f: impl FnOnce(&mut Scenario)) {
    if let Some(p) = performance() {
        let _ = p.mark("fabrik:update:start");
    }
    sc.update(f);
    let done = Closure::once_into_js(move || {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark("fabrik:update", "fabrik:update:start");
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(done.unchecked_ref(), 0);
    }
}

/// With `?bench=1`: times the full sweep (all chips × precisions × replica sizes × batches)
/// twenty times as `fabrik:sweep` and records the number of configurations on
/// `<body data-sweep-configs>`.
pub fn bench_sweep(s: &Scenario) {
    let Some(p) = performance() else { return };
    let mut configs = 0;
    for _ in 0..20 {
        let _ = p.mark("fabrik:sweep:start");
        configs = crate::model::series::full_sweep(s);
        let _ = p.measure_with_start_mark("fabrik:sweep", "fabrik:sweep:start");
    }
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.dataset().set("sweepConfigs", &configs.to_string());
    }
}
