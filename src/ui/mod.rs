//! Leptos components. They read the scenario and the memoised outcome from context and hold
//! no model logic: every number shown is computed in `model` and formatted here.

mod chart;
mod claim_cards;
mod controls;
mod export;
mod headline;
pub mod i18n;
mod measured;
mod perf;
mod sites;
mod url;

use crate::charts::Theme;
use crate::model::step::Physics;
use crate::model::{Outcome, Scenario, Served, economics, physics_key, serve};
use crate::scenario::parse_query;
use i18n::{Lang, LangCtx, tr};
use leptos::prelude::*;

/// The scenario the page shows (one signal for the whole page).
#[derive(Clone, Copy)]
pub struct ScenarioCtx(pub RwSignal<Scenario>);

/// The physics stage of the page or of a chart's series, remembered with its key and recomputed only when
/// the key changes, so a price or PUE slider re-runs only the economics on top. A plain cell
/// the chart's series memo reads, not a memo itself: nothing subscribes to it, and its value
/// is never compared.
pub struct PhysicsCell<K: 'static, V: 'static>(StoredValue<Option<(K, V)>>);

impl<K: PartialEq + Send + Sync + 'static, V: Send + Sync + 'static> PhysicsCell<K, V> {
    pub fn new() -> Self {
        PhysicsCell(StoredValue::new(None))
    }

    /// `f` of the value for `key`, computing it with `compute` if the key changed.
    pub fn with<R>(&self, key: K, compute: impl FnOnce(&K) -> V, f: impl FnOnce(&V) -> R) -> R {
        self.0
            .try_update_value(|cell| {
                if cell.as_ref().is_none_or(|(k, _)| *k != key) {
                    let v = compute(&key);
                    *cell = Some((key, v));
                }
                cell.as_ref().map(|(_, v)| f(v))
            })
            .flatten()
            .expect("physics cell disposed")
    }
}

impl<K: PartialEq + Send + Sync + 'static, V: Send + Sync + 'static> Default for PhysicsCell<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V> Clone for PhysicsCell<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, V> Copy for PhysicsCell<K, V> {}

/// The physics stage of the scenario (chip, model, layout, batch, lengths), re-run only
/// when one of those changes: read it with `served(scenario, |sv| …)`.
#[derive(Clone, Copy)]
pub struct ServedCtx(pub PhysicsCell<Scenario, Served>);

impl ServedCtx {
    /// `f` of the scenario's physics stage (computed only if its physics inputs changed).
    pub fn with<R>(&self, s: &Scenario, f: impl FnOnce(&Served) -> R) -> R {
        static PHYSICS: std::sync::OnceLock<Physics> = std::sync::OnceLock::new();
        let physics = PHYSICS.get_or_init(Physics::from_catalogue);
        self.0.with(physics_key(s), |k| serve(k, physics), f)
    }
}

/// The economics stage of `s` on top of its physics stage, kept in `served` (one copy of
/// this code for the page's scenario and a pinned one).
#[inline(never)]
fn outcome_of(served: ServedCtx, s: &Scenario) -> Outcome {
    served.with(s, |sv| economics(s, sv))
}

/// The outcome of the scenario: the economics stage on top of [`ServedCtx`], re-run on
/// every change (a price or PUE slider re-runs only this).
#[derive(Clone, Copy)]
pub struct OutcomeCtx(pub Memo<Outcome>);

/// Two scenarios compared: A, pinned by the reader, beside B, the page's scenario
/// ([`ScenarioCtx`], which the controls keep changing). Charts draw the page's scenario (B);
/// to mark the other one they read `a` and `a_outcome`, and `b_outcome` says whether a
/// comparison is on (it is B's outcome then, the same as [`OutcomeCtx`]'s).
#[derive(Clone, Copy)]
pub struct CompareCtx {
    /// The pinned scenario A, while comparing.
    pub a: RwSignal<Option<Scenario>>,
    /// A's outcome, while comparing.
    pub a_outcome: Memo<Option<Outcome>>,
    /// B's outcome (the page's), while comparing; `None` otherwise.
    pub b_outcome: Signal<Option<Outcome>>,
}

impl CompareCtx {
    /// The context for the page's scenario and outcome: A evaluated on a physics cell of its
    /// own, so moving B's knobs never re-runs A's physics.
    fn new(a: RwSignal<Option<Scenario>>, outcome: Memo<Outcome>) -> CompareCtx {
        let served = ServedCtx(PhysicsCell::new());
        // Never compared field by field (as the page's outcome: see `App`).
        let a_outcome = Memo::new_with_compare(
            move |_| a.with(|a| a.as_ref().map(|s| outcome_of(served, s))),
            |_, _| true,
        );
        let b_outcome = Signal::derive(move || a.with(Option::is_some).then(|| outcome.get()));
        CompareCtx {
            a,
            a_outcome,
            b_outcome,
        }
    }
}

/// The chart colours (light or dark, from `prefers-color-scheme`).
#[derive(Clone, Copy)]
pub struct ThemeCtx(pub RwSignal<Theme>);

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
fn Embed(
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

/// Mounts the app and removes the page the build left (`<div id="pre">`: the default view,
/// readable before the wasm arrived), in the same task, so no frame shows both or neither;
/// the charts start from its drawings (see `chart::Frame`). Measured as `fabrik:mount`.
///
/// Where that page is showing, the app waits until the browser has recorded its first large
/// paint (`boot.js` sets `html[data-painted]` and sends `fabrik:painted`), or 1 s in a tab
/// that paints nothing: Chromium forgets a paint candidate whose element is removed before
/// the frame is presented, and the reader's first large text would then count as painted
/// only by the app, after the wasm.
pub fn start() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static MOUNTED: AtomicBool = AtomicBool::new(false);
    fn mount() {
        if MOUNTED.swap(true, Ordering::Relaxed) {
            return;
        }
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("fabrik:mount:start");
        }
        leptos::mount::mount_to_body(App);
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(pre) = document.as_ref().and_then(|d| d.get_element_by_id("pre")) {
            take_drawings(&pre);
            pre.remove();
        }
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("fabrik:mount", "fabrik:mount:start");
        }
    }
    let built = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("pre"))
        .is_some();
    let painted = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-painted"));
    if built && !painted {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let cb = Closure::<dyn FnMut()>::new(mount);
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("fabrik:painted", cb.as_ref().unchecked_ref());
        }
        cb.forget();
        set_timeout(mount, std::time::Duration::from_millis(1000));
    } else {
        mount();
    }
}

/// Moves each chart's drawing from the page built with the site into the app's chart of the
/// same name (the nodes themselves: nothing is serialised or parsed again), so taking over
/// changes no height; the app redraws a chart for the reader's scenario, width, language and
/// colours when it comes near the screen.
fn take_drawings(pre: &web_sys::Element) {
    let Ok(plots) = pre.query_selector_all("[data-chart] .plot") else {
        return;
    };
    let Some(document) = pre.owner_document() else {
        return;
    };
    for i in 0..plots.length() {
        use wasm_bindgen::JsCast;
        let Some(plot) = plots
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(name) = plot
            .parent_element()
            .and_then(|f| f.get_attribute("data-chart"))
        else {
            continue;
        };
        let target = document
            .query_selector(&format!("body > :not(#pre) [data-chart=\"{name}\"] .plot"))
            .ok()
            .flatten();
        if let (Some(target), Some(svg)) = (target, plot.first_element_child())
            && target.child_element_count() == 0
        {
            let _ = target.append_child(&svg);
        }
    }
}

/// Tells the reader, in one line in the page's language (`<html lang>`), that fabrik stopped,
/// with a link to reload with the default scenario. Plain DOM calls: after a panic the
/// reactive system cannot be trusted.
pub fn show_panic_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.query_selector("[data-fault]").ok().flatten().is_some() {
        return;
    }
    let de = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("de"));
    let (text, link) = if de {
        (
            "In fabrik ist ein Fehler aufgetreten; die Seite reagiert nicht mehr. ",
            "Mit dem Standardszenario neu laden",
        )
    } else {
        (
            "Something went wrong inside fabrik and the page stopped responding. ",
            "Reload with the default scenario",
        )
    };
    let (Ok(p), Ok(a), Some(body)) = (doc.create_element("p"), doc.create_element("a"), doc.body())
    else {
        return;
    };
    let _ = p.set_attribute("class", "fault");
    let _ = p.set_attribute("role", "alert");
    let _ = p.set_attribute("data-fault", "panic");
    p.set_text_content(Some(text));
    // The page's own path without the query: the default scenario, in the same language.
    let _ = a.set_attribute("href", if de { "?lang=de" } else { "?lang=en" });
    a.set_text_content(Some(link));
    let _ = p.append_child(&a);
    let _ = body.prepend_with_node_1(&p);
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
