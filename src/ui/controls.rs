//! Controls: presets, a timeline of hardware generations, pickers for chip, model and
//! precision, and one slider per numeric parameter of the parameter table
//! (`model::params::PARAMS`, rows marked `panel`). Each writes the scenario through the
//! table; none computes anything.

use super::ScenarioCtx;
use super::i18n::{Lang, LangCtx, plain};
use super::perf::update;
use crate::data::catalogue;
use crate::model::params::{PARAMS, Setting, param};
use crate::model::{Precision, Scenario};
use crate::scenario::parse_query;
use crate::words::TIMELINE;
use leptos::prelude::*;

/// A slider for one numeric parameter of the table in `model::params::PARAMS`.
#[component]
pub fn Slider(
    /// Key of the parameter (`output`, `power_mw`, …).
    key: &'static str,
) -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let Some(spec) = param(key) else {
        return view! { <span></span> }.into_any();
    };
    let id = format!("ctl-{key}");
    let value = Memo::new(move |_| sc.with(|s| spec.value(s)));
    let label = move || {
        if lang.get() == Lang::De {
            (spec.label.1, spec.unit.1)
        } else {
            (spec.label.0, spec.unit.0)
        }
    };
    view! {
        <div class="control" data-control=key>
            <label for=id.clone()>
                {move || label().0} ": "
                <output for=id.clone()>{move || plain(lang.get(), value.get())}</output>
                " " {move || label().1}
            </label>
            <input
                type="range" id=id min="0" max="1000" step="1"
                prop:value=move || spec.to_slider(value.get()).to_string()
                // Screen readers announce the value and its unit, not the position 0–1000.
                aria-valuetext=move || { let (_, unit) = label(); format!("{} {unit}", plain(lang.get(), value.get())).trim_end().to_string() }
                on:input=move |ev| {
                    if let Ok(pos) = event_target_value(&ev).parse::<f64>() {
                        update(sc, |s| spec.set(s, Setting::Num(spec.from_slider(pos))));
                    }
                }
            />
            <button type="button" class="reset"
                aria-label=move || format!("{} {}", crate::words::reset_word(lang.get()), label().0)
                on:click=move |_| update(sc, |s| spec.set(s, spec.default_setting()))>"↺"</button>
        </div>
    }
    .into_any()
}

/// The hardware timeline: 2016 → 2026 in one slider.
#[component]
fn Timeline() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let pos = Memo::new(move |_| sc.with(|s| TIMELINE.iter().position(|g| *g == s.gpu)));
    let label = move || {
        let c = catalogue();
        sc.with(|s| {
            c.gpu(&s.gpu)
                .map(|g| format!("{} ({})", g.short, g.year))
                .unwrap_or_default()
        })
    };
    view! {
        <div class="control timeline" data-control="timeline">
            <label for="ctl-timeline">{move || crate::words::control_labels(lang.get())[0]} ": " <output for="ctl-timeline">{label}</output></label>
            <input type="range" id="ctl-timeline" min="0" max=(TIMELINE.len() - 1).to_string() step="1"
                prop:value=move || pos.get().unwrap_or(3).to_string()
                on:input=move |ev| {
                    if let Some(id) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| TIMELINE.get(i)) {
                        let c = catalogue();
                        update(sc, |s| {
                            s.gpu = id.to_string();
                            if let Some(g) = c.gpu(id) { s.precision = Precision::narrowest(g); }
                        });
                    }
                }/>
            <Play/>
        </div>
    }
}

/// Moves the scenario to generation `i` of the timeline, in its narrowest precision (as the
/// timeline's slider does).
fn to_generation(sc: RwSignal<Scenario>, i: usize) {
    let c = catalogue();
    if let Some(id) = TIMELINE.get(i) {
        update(sc, |s| {
            s.gpu = id.to_string();
            if let Some(g) = c.gpu(id) {
                s.precision = Precision::narrowest(g);
            }
        });
    }
}

/// Whether the reader's system asks for reduced motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Plays the decade: one generation of the timeline per second, from the next one (or from
/// the first, at the end) to the last; any input on the page stops it. Where the reader's
/// system asks for reduced motion it never moves by itself: each press steps one generation,
/// and a line says why.
#[component]
fn Play() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let (first, last) = crate::words::carbon::decade();
    let words = move || crate::words::carbon::play_words(lang.get(), first, last);
    let position = move || sc.with_untracked(|s| TIMELINE.iter().position(|g| *g == s.gpu));
    if reduced_motion() {
        let step = move |_| to_generation(sc, position().map_or(0, |i| (i + 1) % TIMELINE.len()));
        return view! {
            <button type="button" class="play" data-play="step" on:click=step>{move || words().1}</button>
            <p class="hint" data-play-hint="">{move || words().2}</p>
        }
        .into_any();
    }
    let playing = RwSignal::new(false);
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let stop = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let toggle = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        if position() == Some(TIMELINE.len() - 1) {
            to_generation(sc, 0);
        }
        playing.set(true);
        let tick = move || match position() {
            Some(i) if i + 1 < TIMELINE.len() => {
                to_generation(sc, i + 1);
                if i + 2 == TIMELINE.len() {
                    stop();
                }
            }
            _ => stop(),
        };
        timer.set_value(set_interval_with_handle(tick, std::time::Duration::from_secs(1)).ok());
    };
    // Any input, change or click elsewhere on the page stops it.
    let interrupt = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let on_play = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.closest("[data-play]").ok().flatten().is_some());
        if playing.get_untracked() && !on_play {
            stop();
        }
    };
    let handles = [
        window_event_listener(leptos::ev::input, interrupt),
        window_event_listener(leptos::ev::change, interrupt),
        window_event_listener(leptos::ev::click, move |e| interrupt(e.into())),
    ];
    on_cleanup(move || {
        stop();
        for h in handles {
            h.remove();
        }
    });
    view! {
        <button type="button" class="play" data-play="play"
            aria-pressed=move || playing.get().to_string()
            on:click=toggle>
            <span aria-hidden="true">{move || if playing.get() { "⏸ " } else { "▶ " }}</span>
            {move || words().0}
        </button>
    }
    .into_any()
}

/// The grid the factory draws from: a grid of `data/grids.json`, or the number set with the
/// `grid` slider.
#[component]
fn GridPicker() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let c = catalogue();
    let value = move || {
        sc.with(|s| {
            if s.grid_g_per_kwh.is_some() {
                "custom".to_string()
            } else {
                s.grid.clone()
            }
        })
    };
    view! {
        <div class="control" data-control="grid-name">
            <label for="ctl-grid-name">{move || crate::words::carbon::grid_label(lang.get())}</label>
            <select id="ctl-grid-name"
                prop:value=value
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(g) = c.grid(&v) {
                        update(sc, |s| { s.grid = g.id.clone(); s.grid_g_per_kwh = None; });
                    }
                }>
                {move || {
                    let l = lang.get();
                    c.grids.iter().map(|g| {
                        let text = crate::words::carbon::grid_option(l, g);
                        view! { <option value=g.id.clone()>{text}</option> }
                    }).collect_view()
                }}
                <option value="custom" disabled=true>{move || crate::words::carbon::custom_grid(lang.get())}</option>
            </select>
        </div>
    }
}

/// Presets: named scenarios from `data/presets.json`.
#[component]
fn Presets() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let c = catalogue();
    view! {
        <div class="presets" role="group" aria-label=move || crate::words::presets_words(lang.get()).0>
            {c.presets.iter().map(|p| {
                let q = p.query.clone();
                let (en, de) = (p.title_en.clone(), p.title_de.clone());
                let (wen, wde) = (p.why_en.clone(), p.why_de.clone());
                let id = p.id.clone();
                view! {
                    <button type="button" class="preset" data-preset=id
                        title=move || if lang.get() == Lang::De { wde.clone() } else { wen.clone() }
                        on:click=move |_| { let s = parse_query(&q).scenario; update(sc, |x| *x = s) }>
                        {move || if lang.get() == Lang::De { de.clone() } else { en.clone() }}
                    </button>
                }
            }).collect_view()}
            <button type="button" class="preset reset-all" data-preset="default"
                on:click=move |_| update(sc, |x| *x = Scenario::default())>
                {move || crate::words::presets_words(lang.get()).1}
            </button>
        </div>
    }
}

/// Chip, model and precision pickers, then the sliders.
#[component]
pub fn Controls() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let c = catalogue();
    let gpu_options = c.gpus.iter()
        .map(|g| view! { <option value=g.id.clone()>{format!("{} ({}, {})", g.name, g.vendor, g.year)}</option> })
        .collect_view();
    let model_options = c
        .models
        .iter()
        .map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> })
        .collect_view();
    // The engines that run on the chip, after "best".
    let engines = Memo::new(move |_| {
        sc.with(|s| {
            c.gpu(&s.gpu).map_or_else(Vec::new, |g| {
                c.engines
                    .iter()
                    .filter(|e| crate::model::served::runs_on(e, g))
                    .map(|e| (e.id.as_str(), e.name.as_str()))
                    .collect::<Vec<_>>()
            })
        })
    });
    // Only the precisions the chip supports.
    let precisions = Memo::new(move |_| {
        sc.with(|s| c.gpu(&s.gpu).map(Precision::supported).unwrap_or_default())
    });
    view! {
        <Presets/>
        <div class="controls">
            <Timeline/>
            <div class="control" data-control="gpu">
                <label for="ctl-gpu">{move || crate::words::control_labels(lang.get())[1]}</label>
                <select id="ctl-gpu"
                    prop:value=move || sc.with(|s| s.gpu.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(sc, |s| {
                            if let Some(g) = c.gpu(&v) {
                                s.precision = s.precision.supported_on(g);
                                // An engine that does not run on the new chip: its best.
                                if c.engine(&s.engine).is_some_and(|e| !crate::model::served::runs_on(e, g)) {
                                    s.engine = crate::model::BEST_ENGINE.into();
                                }
                            }
                            s.gpu = v;
                        })
                    }>
                    {gpu_options}
                </select>
            </div>
            <div class="control" data-control="model">
                <label for="ctl-model">{move || crate::words::control_labels(lang.get())[2]}</label>
                <select id="ctl-model"
                    prop:value=move || sc.with(|s| s.model.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(sc, |s| s.model = v) }>
                    {model_options}
                </select>
            </div>
            <div class="control" data-control="precision">
                <label for="ctl-precision">{move || crate::words::control_labels(lang.get())[3]}</label>
                <select id="ctl-precision"
                    prop:value=move || sc.with(|s| s.precision.as_str())
                    on:change=move |ev| {
                        if let Some(p) = Precision::parse(&event_target_value(&ev)) { update(sc, |s| s.precision = p) }
                    }>
                    {move || precisions.get().into_iter().map(|p| view! { <option value=p.as_str()>{p.as_str().to_ascii_uppercase()}</option> }).collect_view()}
                </select>
            </div>
            <div class="control" data-control="engine">
                <label for="ctl-engine">{move || crate::words::engine_words(lang.get()).0}</label>
                <select id="ctl-engine"
                    prop:value=move || sc.with(|s| s.engine.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(sc, |s| s.engine = v) }>
                    <option value=crate::model::BEST_ENGINE>{move || crate::words::engine_words(lang.get()).1}</option>
                    {move || engines.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            <GridPicker/>
            {PARAMS.iter().filter(|p| p.panel).map(|p| view! { <Slider key=p.key/> }).collect_view()}
        </div>
    }
}
