//! Reported AI campuses beside what the model builds for the same power and chip
//! (`model::site::checks`), as a table in both languages (words and rows: `words::sites`).

use super::i18n::LangCtx;
use crate::model::site::checks;
use crate::words::sites::{rows_html, words};
use leptos::prelude::*;

/// The table of reported sites and claims.
#[component]
pub fn Sites() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let rows = checks();
    let w = move || words(lang.get());
    view! {
        <div class="sites" data-table="sites">
            <h3>{move || w().0}</h3>
            <p class="lead">{move || w().1}</p>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{move || w().2[0]}</th>
                    <th scope="col">{move || w().2[1]}</th>
                    <th scope="col">{move || w().2[2]}</th>
                    <th scope="col">{move || w().2[3]}</th>
                    <th scope="col">{move || w().2[4]}</th>
                </tr></thead>
                <tbody inner_html=move || rows_html(lang.get(), &rows)></tbody>
            </table>
            </div>
            <p class="sources">{move || w().3}<a href="data/sites.json">"sites.json"</a></p>
        </div>
    }
}
