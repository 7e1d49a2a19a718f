//! InferenceMAX's measured mixture-of-experts serving beside the model, per family, as a
//! table in both languages (words and rows: `words::measured`).

use super::chart::observe_visibility;
use super::i18n::LangCtx;
use crate::words::measured::{notes_html, rows_html, words};
use leptos::prelude::*;

/// The table's heading, lead, column headers and source label (`words::measured::words`).
type Words = (&'static str, String, [&'static str; 5], &'static str);

/// The per-family error table of section 8. Its rows evaluate the model on every measured
/// configuration (some milliseconds), so they are worked out when the table comes near the
/// screen, not while the page starts (the built page carries them for readers without
/// JavaScript).
#[component]
pub fn MeasuredFamilies() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let visible = RwSignal::new(false);
    let seen = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || visible.get());
    let w = Memo::new(move |_| seen.get().then(|| words(lang.get())));
    let node = NodeRef::<leptos::html::Div>::new();
    node.on_load(move |el| observe_visibility(&el, visible));
    let text =
        move |f: fn(&Words) -> String| move || w.with(|w| w.as_ref().map(f).unwrap_or_default());
    view! {
        <div class="sites" data-table="inferencemax" node_ref=node>
            <h3>{text(|w| w.0.to_string())}</h3>
            <p class="lead">{text(|w| w.1.clone())}</p>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{text(|w| w.2[0].to_string())}</th>
                    <th scope="col">{text(|w| w.2[1].to_string())}</th>
                    <th scope="col">{text(|w| w.2[2].to_string())}</th>
                    <th scope="col">{text(|w| w.2[3].to_string())}</th>
                    <th scope="col">{text(|w| w.2[4].to_string())}</th>
                </tr></thead>
                <tbody inner_html=move || if seen.get() { rows_html(lang.get()) } else { String::new() }></tbody>
            </table>
            </div>
            <ol class="notes" inner_html=move || if seen.get() { notes_html(lang.get()) } else { String::new() }></ol>
            <p class="sources">{text(|w| w.3.to_string())}<a href="data/inferencemax.csv">"inferencemax.csv"</a>
                " · "<a href="https://github.com/InferenceMAX/InferenceMAX" rel="external noopener">"InferenceMAX"</a></p>
        </div>
    }
}
