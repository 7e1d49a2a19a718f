//! InferenceMAX's measured mixture-of-experts serving beside the model, per family, as a
//! table in both languages (words and rows: `words::measured`).

use super::i18n::LangCtx;
use crate::words::measured::{rows_html, words};
use leptos::prelude::*;

/// The per-family error table of section 8.
#[component]
pub fn MeasuredFamilies() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let w = Memo::new(move |_| words(lang.get()));
    view! {
        <div class="sites" data-table="inferencemax">
            <h3>{move || w.with(|w| w.0)}</h3>
            <p class="lead">{move || w.with(|w| w.1.clone())}</p>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{move || w.with(|w| w.2[0])}</th>
                    <th scope="col">{move || w.with(|w| w.2[1])}</th>
                    <th scope="col">{move || w.with(|w| w.2[2])}</th>
                    <th scope="col">{move || w.with(|w| w.2[3])}</th>
                    <th scope="col">{move || w.with(|w| w.2[4])}</th>
                </tr></thead>
                <tbody inner_html=move || rows_html(lang.get())></tbody>
            </table>
            </div>
            <p class="sources">{move || w.with(|w| w.3)}<a href="data/inferencemax.csv">"inferencemax.csv"</a>
                " · "<a href="https://github.com/InferenceMAX/InferenceMAX" rel="external noopener">"InferenceMAX"</a></p>
        </div>
    }
}
