//! Chart containers, one file per chart. Each renders a plotters chart (`crate::charts`) to
//! SVG inside an element marked `data-chart="<name>"` (role="img", a summary in aria-label)
//! with its data as a table a screen reader can reach. Each chart's series is a `Memo` over
//! only the inputs it uses, so a control redraws only the charts that depend on it; what a
//! chart shows that is computed comes from `model` (`series`, `claims`). A chart on the screen
//! is redrawn in the frame that answers a control; one off the screen right after it
//! ([`Frame`]).

mod calibration;
mod claim_waterfall;
mod cost_breakdown;
mod cost_sensitivity;
mod energy_by_generation;
mod export_chips;
mod frontier;
mod power_split;
mod scale;

pub use calibration::Calibration;
pub use claim_waterfall::ClaimWaterfall;
pub use cost_breakdown::CostBreakdown;
pub use cost_sensitivity::CostSensitivity;
pub use energy_by_generation::EnergyByGeneration;
pub use export_chips::ExportChips;
pub use frontier::Frontier;
pub use power_split::PowerSplit;
pub use scale::Scale;

use super::i18n::{Lang, LangCtx, tr};
use super::{PhysicsCell, ScenarioCtx, ThemeCtx};
use crate::charts::{self, Look};
use leptos::prelude::*;

/// Width at which charts are drawn: the page's content width, so text keeps its size on a
/// phone; redrawn when the window is resized.
#[derive(Clone, Copy)]
pub struct WidthCtx(pub RwSignal<u32>);

/// Chart width for a window width: the content column (max 760 px), at least 300 px.
pub fn chart_width(window_px: f64) -> u32 {
    (window_px - 40.0).clamp(300.0, 760.0) as u32
}

/// Sets `visible` while `el` is within one viewport height of the screen (IntersectionObserver).
pub(super) fn observe_visibility(el: &web_sys::Element, visible: RwSignal<bool>) {
    observe_within(el, visible, "100% 0px");
}

/// Sets `visible` while `el` intersects the area `margin` (CSS margins) around the viewport.
fn observe_within(el: &web_sys::Element, visible: RwSignal<bool>, margin: &str) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            visible.set(e.is_intersecting());
        }
    });
    let opts = web_sys::IntersectionObserverInit::new();
    opts.set_root_margin(margin);
    match web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &opts) {
        Ok(obs) => obs.observe(el),
        // No observer (very old browser): draw always.
        Err(_) => visible.set(true),
    }
    cb.forget();
}

/// Sets `pointer` while a pointer (mouse, pen or touch) is over `el`.
fn observe_pointer(el: &web_sys::Element, pointer: RwSignal<bool>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        pointer.set(e.type_() == "pointerenter");
    });
    for kind in ["pointerenter", "pointerleave"] {
        let _ = el.add_event_listener_with_callback(kind, cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

/// The look for the current language and colour scheme.
pub(super) fn look() -> Memo<Look> {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ThemeCtx(theme) = expect_context::<ThemeCtx>();
    Memo::new(move |_| Look {
        theme: theme.get(),
        decimal_comma: lang.get() == Lang::De,
    })
}

/// A chart: its title (the question it answers) and takeaway (the answer for the reader's
/// scenario), the drawing (its summary as the aria-label), export and embed buttons, and its
/// data as a table.
#[component]
pub(super) fn Frame(
    /// Machine name (`data-chart`), used by tests, embeds and exports.
    name: &'static str,
    /// One-sentence summary for screen readers.
    summary: Signal<String>,
    /// The sentence under the title: what the chart says for the reader's scenario.
    takeaway: Signal<String>,
    /// The SVG markup.
    svg: Signal<String>,
    /// Column headers of the data table.
    headers: Signal<Vec<String>>,
    /// Rows of the data table, already formatted.
    rows: Signal<Vec<Vec<String>>>,
    /// Set while the chart is near the screen, for a chart that works out its figures only
    /// then (by default the frame keeps its own).
    #[prop(optional)]
    near: Option<RwSignal<bool>>,
    /// Sentences the chart's component shows under it: their words, and the words as shown
    /// (refreshed with the chart's own, on the screen or after the frame).
    #[prop(optional)]
    checks: Option<[(Signal<String>, RwSignal<String>); 2]>,
) -> impl IntoView {
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // The drawing's size as it declares it (its height follows its rows; the PNG is
    // rendered at twice the size).
    let size = move || {
        svg.with_untracked(|s| charts::layout::svg_size(s))
            .unwrap_or((width.get_untracked(), 400))
    };
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let file = move |ext: &str| {
        sc.with(|s| {
            format!(
                "fabrik-{name}-{}-{}.{ext}",
                super::export::slug(&s.gpu),
                super::export::slug(&s.model)
            )
        })
    };
    // Exports stand alone in an article: the chart's title and takeaway above the drawing,
    // the model version and the link under it.
    let look = look();
    let title = move || crate::words::charts::title(lang.get_untracked(), name);
    let captioned = move || {
        let words = charts::ExportWords {
            title: &title(),
            takeaway: &takeaway.get_untracked(),
            caption: &super::export::provenance(),
        };
        charts::with_words(&svg.get_untracked(), size(), &words, &look.get_untracked())
    };
    let show_embed = RwSignal::new(false);
    let table_open = RwSignal::new(false);
    // Drawn only while on (or near) the screen: a chart further away is not redrawn when a
    // control moves, and catches up when it scrolls near.
    let visible = near.unwrap_or_else(|| RwSignal::new(false));
    // On the screen itself: only then is the chart redrawn in the frame that answers a
    // control (see the effect below).
    let on_screen = RwSignal::new(false);
    // Whether a pointer is over the chart: only then does it carry its hover targets with
    // exact values (`charts::with_hotspots`; the browser's tooltips need a pointer), so a
    // control moved elsewhere redraws only the marks.
    let pointer = RwSignal::new(false);
    let figure = NodeRef::<leptos::html::Figure>::new();
    figure.on_load(move |el| {
        observe_visibility(&el, visible);
        observe_within(&el, on_screen, "0px");
        observe_pointer(&el, pointer);
    });
    // Empty until the chart comes near the screen: meanwhile the plot holds the drawing of the
    // page built with the site, moved here when the app takes over (`ui::start`).
    let drawn = RwSignal::new(String::new());
    // Whether this page drew the chart (`data-drawn`), not the build-time page.
    let own = RwSignal::new(false);
    // The takeaway and summary as shown (they follow the chart's figures like the drawing).
    let shown_takeaway = RwSignal::new(String::new());
    let shown_summary = RwSignal::new(String::new());
    // The words, and the drawing while near the screen.
    let refresh = move || {
        let (t, s) = (takeaway.get(), summary.get());
        if shown_takeaway.with_untracked(|x| *x != t) {
            shown_takeaway.set(t);
        }
        if shown_summary.with_untracked(|x| *x != s) {
            shown_summary.set(s);
        }
        for (words, shown) in checks.into_iter().flatten() {
            let c = words.get();
            if shown.with_untracked(|x| *x != c) {
                shown.set(c);
            }
        }
        if !visible.get() {
            return;
        }
        // An unchanged drawing is not handed to the DOM again (re-parsing an SVG costs more
        // than comparing two strings).
        let new = if pointer.get() {
            svg.get()
        } else {
            svg.with(|s| charts::without_hotspots(s).into_owned())
        };
        if drawn.with_untracked(|d| *d != new) {
            drawn.set(new);
        }
        if !own.get_untracked() {
            own.set(true);
        }
    };
    // Off the screen, a redraw waits for the end of the frame (`pending`), then is due.
    let pending = StoredValue::new(false);
    let due = RwSignal::new(false);
    let was_near = StoredValue::new(false);
    let compare = expect_context::<crate::ui::CompareCtx>();
    Effect::new(move |ran: Option<()>| {
        let (on, now, near) = (on_screen.get(), due.get(), visible.get());
        // Just come near (a screen away): drawn at once, so that a fast scroll never shows
        // it late or sees its words change its height.
        let arrived = near && !was_near.get_value();
        was_near.set_value(near);
        if ran.is_none() || on || now || arrived {
            // On the screen (and when the app takes over): in the frame that answers the
            // control, tracking what the chart reads.
            due.update_untracked(|d| *d = false);
            refresh();
            return;
        }
        // Off the screen: after the frame that shows the controls' answer is painted, so
        // that a control moved at the top of the page redraws what the reader sees first.
        // Tracked meanwhile: what every chart's figures and words derive from (the
        // scenario, the pinned one, the language, the colours, the width), besides whether
        // the chart is near, read above (a pointer over it puts it on the screen); a chart
        // that read anything else would have to be redrawn on the screen alone.
        sc.track();
        compare.a.track();
        lang.track();
        look.track();
        width.track();
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        pending.set_value(false);
                        due.set(true);
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
    });
    let snippet = move || {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let base = href.split('#').next().unwrap_or("").to_string();
        let sep = if base.contains('?') { '&' } else { '?' };
        format!(
            "<iframe src=\"{base}{sep}embed=1&view={name}\" title=\"fabrik: {name}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>",
            size().1 + 160
        )
    };
    view! {
        <figure class="chart" data-chart=name node_ref=figure data-drawn=move || own.get().to_string()>
            <figcaption>
                <h3 class="chart-title">{move || crate::words::charts::title(lang.get(), name)}</h3>
                <p class="takeaway">{move || shown_takeaway.get()}</p>
            </figcaption>
            <div class="plot" role="img" aria-label=move || shown_summary.get() inner_html=move || drawn.get()></div>
            <div class="tools" role="group" aria-label=move || tr(lang.get(), "Export and embed", "Export und Einbetten")>
                <button type="button" data-export="svg" on:click=move |_| super::export::download_text(&captioned().0, "image/svg+xml", &file("svg"))>"SVG"</button>
                <button type="button" data-export="png" on:click=move |_| { let (svg, size) = captioned(); super::export::download_png(&svg, size, &file("png")) }>"PNG"</button>
                <button type="button" data-export="csv" on:click=move |_| {
                    let text = super::export::csv(
                        &[title(), takeaway.get_untracked()],
                        &headers.get_untracked(),
                        &rows.get_untracked(),
                    );
                    super::export::download_text(&text, "text/csv", &file("csv"))
                }>"CSV"</button>
                <button type="button" data-export="embed" aria-expanded=move || show_embed.get().to_string()
                    on:click=move |_| show_embed.update(|v| *v = !*v)>{move || tr(lang.get(), "Embed", "Einbetten")}</button>
            </div>
            <Show when=move || show_embed.get()>
                <label class="snippet">{move || tr(lang.get(), "Copy this into your article:", "Diesen Code in Ihren Artikel kopieren:")}
                    <textarea readonly rows="3">{snippet}</textarea>
                </label>
            </Show>
            <details class="data" on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                table_open.set(open);
            }>
                <summary>{move || tr(lang.get(), "Data of this chart", "Daten dieser Grafik")}</summary>
                // The table is built only while open: a closed one costs nothing per update.
                <Show when=move || table_open.get()>
                    <table>
                        <thead><tr>{move || headers.get().into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| view! {
                                <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </Show>
            </details>
        </figure>
    }
}

/// `f` of scenario A while two scenarios are compared (`None` otherwise), tracking the pinned
/// scenario and its outcome (memoised in [`crate::ui::CompareCtx`]: not comparing costs nothing).
pub(super) fn with_a<R>(
    c: crate::ui::CompareCtx,
    f: impl FnOnce(Option<crate::words::charts::ScenarioA>) -> R,
) -> R {
    let mut f = Some(f);
    let mut out = None;
    with_a_dyn(c, &mut |a| out = f.take().map(|f| f(a)));
    out.expect("with_a calls back once")
}

/// [`with_a`]'s reading of the two signals, once in the wasm for every chart.
#[inline(never)]
fn with_a_dyn(
    c: crate::ui::CompareCtx,
    f: &mut dyn FnMut(Option<crate::words::charts::ScenarioA>),
) {
    c.a.with(|s| {
        c.a_outcome.with(|o| {
            f(s.as_ref()
                .zip(o.as_ref())
                .map(|(s, o)| crate::words::charts::ScenarioA { s, o }))
        })
    })
}

/// A data table's column headers in the reader's language, from their English and German
/// words.
pub(super) fn headers(
    lang: RwSignal<Lang>,
    words: &'static [(&'static str, &'static str)],
) -> Signal<Vec<String>> {
    Signal::derive(move || {
        let l = lang.get();
        words
            .iter()
            .map(|&(en, de)| tr(l, en, de).to_string())
            .collect()
    })
}

/// A data table's rows: `row` of each of `items`, in the reader's language.
pub(super) fn rows_of<T: Send + Sync + 'static>(
    lang: RwSignal<Lang>,
    items: Memo<Vec<T>>,
    row: fn(Lang, &T) -> Vec<String>,
) -> Signal<Vec<Vec<String>>> {
    Signal::derive(move || {
        let l = lang.get();
        items.with(|v| v.iter().map(|x| row(l, x)).collect())
    })
}
