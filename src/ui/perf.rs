//! Timing of updates: every change to the scenario is wrapped in `performance.mark` /
//! `performance.measure` named `fabrik:update`. Leptos runs its effects (which rebuild every
//! affected chart in the DOM) as microtasks right after the input; the measure ends at
//! whichever comes first afterwards: the next task (`setTimeout 0`) or the next frame's
//! `requestAnimationFrame` callback. Either runs once those microtasks are done and before the
//! browser's own style, layout and paint, which are therefore never counted. (Ending at the
//! timer alone counted them whenever the browser rendered a frame before running the timer,
//! as Chromium often does right after input: the same work then measured 2 ms or 6 ms.)

use crate::model::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Applies `f` to the scenario and measures input → redraw as `fabrik:update`.
pub fn update(sc: RwSignal<Scenario>, f: impl FnOnce(&mut Scenario)) {
    // A change that changes nothing (a reset at the default, the same preset again) is not
    // written: the page does no work for it, and every write that reaches the charts is a
    // real change (the outcome memo relies on this).
    let mut next = sc.get_untracked();
    f(&mut next);
    if sc.with_untracked(|s| *s == next) {
        return;
    }
    if let Some(p) = performance() {
        let _ = p.mark("fabrik:update:start");
    }
    sc.set(next);
    let measured = std::rc::Rc::new(std::cell::Cell::new(false));
    let end = move || {
        let measured = measured.clone();
        Closure::once_into_js(move || {
            if !measured.replace(true)
                && let Some(p) = performance()
            {
                let _ = p.measure_with_start_mark("fabrik:update", "fabrik:update:start");
            }
        })
    };
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(end().unchecked_ref(), 0);
        let _ = w.request_animation_frame(end().unchecked_ref());
    }
}

/// With `?bench=1`: times the full sweep (all chips × precisions × replica sizes × batches)
/// twenty times as `fabrik:sweep`, after ten sweeps it does not time (the browser compiles the
/// wasm fast first and optimises its hot functions while they run: the first sweeps take 6–16
/// ms, then about 2), and records the number of configurations on `<body data-sweep-configs>`.
pub fn bench_sweep(s: &Scenario) {
    let Some(p) = performance() else { return };
    for _ in 0..10 {
        std::hint::black_box(crate::model::series::full_sweep(s));
    }
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
