//! Leptos components. They read the scenario and the memoised outcome from context and hold
//! no model logic: every number shown is computed in `model` and formatted here.

mod chart;
mod claim_cards;
mod context;
mod embed;
mod mount;
use embed::Embed;
pub use mount::{show_panic_notice, start};
mod controls;
mod export;
mod headline;
pub mod i18n;
mod measured;
mod perf;
mod sites;
mod url;

use crate::charts::Theme;
use crate::scenario::parse_query;
use context::outcome_of;
pub use context::{CompareCtx, OutcomeCtx, PhysicsCell, ScenarioCtx, ServedCtx, ThemeCtx};
use i18n::{Lang, LangCtx, tr};
use leptos::prelude::*;

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
}

/// Follows the reader's colour scheme, also when it changes while the page is open.
fn follow_colour_scheme(theme: RwSignal<Theme>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(q) = dark_query() else { return };
    let cb = Closure::<dyn FnMut()>::new(move || {
        let dark = dark_query().is_some_and(|m| m.matches());
        theme.set(if dark { Theme::DARK } else { Theme::LIGHT });
    });
    let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
    cb.forget();
}

fn window_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0)
}

/// Redraws charts at the new width when the window is resized (only when the chart width
/// actually changes).
fn watch_resize(width: RwSignal<u32>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let cb = Closure::<dyn FnMut()>::new(move || {
        let w = chart::chart_width(window_width());
        if width.get_untracked() != w {
            width.set(w);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

/// A section: heading and short text in both languages (`words::sections`), then its
/// content.
#[component]
fn Section(
    /// Anchor id of the section (one of `words::sections`).
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let crate::words::Section { title, lead, .. } = crate::words::section(id);
    let hid = format!("h-{id}");
    let hid2 = hid.clone();
    view! {
        <section id=id aria-labelledby=hid>
            <h2 id=hid2>{move || tr(lang.get(), title.0, title.1)}</h2>
            <p class="lead">{move || tr(lang.get(), lead.0, lead.1)}</p>
            {children()}
        </section>
    }
}

/// The factory in relatable units.
#[component]
fn ScaleFigures() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let items = move || out.with(|o| crate::words::scale_figures(lang.get(), o));
    view! {
        <dl class="figures small">
            {move || items().into_iter().map(|(k, label, v)| view! {
                <div class="figure" data-figure=k><dt>{label}</dt><dd><span class="value">{v}</span></dd></div>
            }).collect_view()}
        </dl>
    }
}

/// Warnings of the model for this scenario (precision fallback, replica raised, …).
#[component]
fn ModelWarnings() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let warnings = Memo::new(move |_| out.with(|o| o.warnings.clone()));
    view! {
        <Show when=move || warnings.with(|w| !w.is_empty())>
            <ul class="warnings" role="status">
                {move || {
                    let l = lang.get();
                    warnings.get().into_iter().map(|w| view! { <li>{w.text(l)}</li> }).collect_view()
                }}
            </ul>
        </Show>
    }
}

/// Offers the scenario's inputs and every output as JSON.
#[component]
fn ScenarioJson() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let download = move |_| {
        let query = sc.with_untracked(crate::scenario::to_query);
        // The outcome's JSON with the query and the model version as its first fields (written into the text rather
        // than through a `serde_json::Value`, whose machinery the wasm would otherwise carry only for this).
        let body = out.with_untracked(|o| {
            let json = serde_json::to_string(o).unwrap_or_default();
            let query = serde_json::to_string(&query).unwrap_or_default();
            let version = crate::data::catalogue().model_version();
            match json.strip_prefix('{') {
                Some(rest) => {
                    format!("{{\"query\":{query},\"model_version\":\"{version}\",{rest}")
                }
                None => json,
            }
        });
        let name = sc.with_untracked(|s| {
            format!(
                "fabrik-scenario-{}-{}.json",
                export::slug(&s.gpu),
                export::slug(&s.model)
            )
        });
        export::download_text(&body, "application/json", &name);
    };
    view! {
        <button type="button" class="preset" data-export="scenario-json" on:click=download>
            {move || crate::words::scenario_json(lang.get())}
        </button>
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let mut parsed = parse_query(&url::current_query());
    let lang = RwSignal::new(Lang::detect(&parsed.page));
    let bench = parsed.page.iter().any(|(k, v)| k == "bench" && v == "1");
    // What the link reader ignored, and (apart: nothing was ignored) a link made with another
    // model version.
    let (version_notices, notices): (Vec<_>, Vec<_>) = std::mem::take(&mut parsed.warnings)
        .into_iter()
        .partition(|n| matches!(n, crate::model::Notice::ModelVersion { .. }));
    let has_notices = !notices.is_empty();
    // A link comparing two scenarios: A is pinned, the page shows (and the controls change) B.
    let (scenario, pinned) = match parsed.b.take() {
        Some(b) => (
            RwSignal::new(b),
            RwSignal::new(Some(parsed.scenario.clone())),
        ),
        None => (RwSignal::new(parsed.scenario.clone()), RwSignal::new(None)),
    };
    let served = ServedCtx(PhysicsCell::new());
    // Every change of the scenario changes the outcome (an unchanged one is not written: see
    // `perf::update`), so the new value is passed on without comparing two outcomes field by
    // field; charts that draw the same SVG again do not touch the DOM.
    let outcome = Memo::new_with_compare(
        move |_| scenario.with(|s| outcome_of(served, s)),
        |_, _| true,
    );
    let dark = dark_query().is_some_and(|m| m.matches());
    let theme = RwSignal::new(if dark { Theme::DARK } else { Theme::LIGHT });
    follow_colour_scheme(theme);
    provide_context(ScenarioCtx(scenario));
    provide_context(served);
    provide_context(OutcomeCtx(outcome));
    provide_context(CompareCtx::new(pinned, outcome));
    provide_context(LangCtx(lang));
    provide_context(ThemeCtx(theme));
    let width = RwSignal::new(chart::chart_width(window_width()));
    provide_context(chart::WidthCtx(width));
    watch_resize(width);
    url::sync_to_address_bar(scenario, pinned, lang);
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.code());
        }
    });
    if bench {
        Effect::new(move |_| scenario.with_untracked(perf::bench_sweep));
    }
    // A panic on purpose, after the page is up, to test that the reader is told (`?fault=panic`;
    // only in builds with the `fault-hooks` feature, which releases never have).
    #[cfg(feature = "fault-hooks")]
    if parsed
        .page
        .iter()
        .any(|(k, v)| k == "fault" && v == "panic")
    {
        request_animation_frame(|| panic!("fault-hooks: panic asked for by ?fault=panic"));
    }
    let page_value = |key: &str| {
        parsed
            .page
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    if page_value("embed").as_deref() == Some("1") {
        let view_name = page_value("view").unwrap_or_else(|| "energy-by-generation".into());
        let controls: Vec<String> = page_value("controls")
            .map(|c| {
                c.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .take(6)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("class", "embed");
        }
        return view! { <Embed view_name controls/> }.into_any();
    }

    view! {
        <header class="masthead">
            <div class="bar">
                <h1>"fabrik"</h1>
                <div class="lang" role="group" aria-label="Language / Sprache">
                    <button type="button" data-lang="en" aria-pressed=move || (lang.get() == Lang::En).to_string() on:click=move |_| lang.set(Lang::En)>"EN"</button>
                    <button type="button" data-lang="de" aria-pressed=move || (lang.get() == Lang::De).to_string() on:click=move |_| lang.set(Lang::De)>"DE"</button>
                </div>
            </div>
            <p class="lede">{move || crate::words::lede(lang.get())}</p>
        </header>
        <section class="claims-top" aria-label=move || crate::words::claims_label(lang.get())>
            <claim_cards::ClaimCards/>
        </section>
        {has_notices.then(|| view! {
            <p class="notice" role="status">{move || {
                let l = lang.get();
                let list: Vec<String> = notices.iter().map(|n| n.text(l)).collect();
                format!("{}{}", tr(lang.get(), "Ignored from the link: ", "Aus dem Link ignoriert: "), list.join("; "))
            }}</p>
        })}
        {version_notices.into_iter().next().map(|n| view! {
            <p class="notice" role="status" data-notice="model-version">{move || n.text(lang.get())}</p>
        })}
        <main>
            <Section id="tokens">
                <headline::Headline/>
                <ModelWarnings/>
            </Section>
            <section id="controls" class="controls-section" aria-labelledby="h-controls">
                <h2 id="h-controls">{move || crate::words::controls_title(lang.get())}</h2>
                <controls::Controls/>
                <ScenarioJson/>
            </section>
            <Section id="history">
                <chart::EnergyByGeneration/>
                <chart::ClaimWaterfall/>
            </Section>
            <Section id="floor">
                <chart::Frontier/>
            </Section>
            <Section id="cost">
                <chart::CostBreakdown/>
                <chart::CostSensitivity/>
            </Section>
            <Section id="scale">
                <ScaleFigures/>
                <chart::Scale/>
                <sites::Sites/>
            </Section>
            <Section id="export">
                <chart::ExportChips/>
            </Section>
            <Section id="joules">
                <chart::PowerSplit/>
            </Section>
            <Section id="trust">
                <chart::Calibration/>
                <measured::MeasuredFamilies/>
                <p class="sources">{move || crate::words::sources_for_every_value(lang.get())}
                    <a href="data/hardware.json">"hardware.json"</a>", "
                    <a href="data/engines.json">"engines.json"</a>", "
                    <a href="data/models.json">"models.json"</a>", "
                    <a href="data/constants.json">"constants.json"</a>", "
                    <a href="data/presets.json">"presets.json"</a>", "
                    <a href="data/calibration.json">"calibration.json"</a></p>
            </Section>
        </main>
        <footer class="footer">
            <p data-model-version=crate::data::catalogue().model_version()>{move || crate::words::footer(lang.get())[0]}{crate::data::catalogue().model_version()}
                ". " <a href="data/changelog.json">{move || crate::words::footer(lang.get())[1]}</a>
                {move || crate::words::footer(lang.get())[2]}</p>
            <p>{move || crate::words::footer(lang.get())[3]}</p>
        </footer>
    }
    .into_any()
}
