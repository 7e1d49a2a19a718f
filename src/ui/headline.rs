//! Headline figures for the current scenario, each opening to its formula and sources (the
//! table of figures and their words: `words::HEADLINE`, then the carbon figures
//! `words::carbon::CARBON`). While two scenarios are compared ([`CompareCtx`]), each figure
//! shows B (the scenario the controls change), then A and B ÷ A.

use super::i18n::{Lang, LangCtx, tr};
use super::{CompareCtx, OutcomeCtx, ScenarioCtx};
use crate::words::carbon::{CARBON, carbon_line, compare_text, compare_words};
use crate::words::{self, HEADLINE};
use leptos::prelude::*;

/// One figure: value, unit and the way to its formula.
#[component]
fn Figure(
    /// The figure's row in [`HEADLINE`] or [`CARBON`].
    fig: &'static words::Figure,
) -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let compare = expect_context::<CompareCtx>();
    let text = move || out.with(|o| fig.text(lang.get(), o));
    let (label, unit, explain) = (fig.label, fig.unit, fig.explain);
    // A's value and B ÷ A, while comparing.
    let ab = move || {
        compare.a_outcome.with(|a| {
            a.as_ref().map(|a| {
                let l = lang.get();
                let (va, ratio) = out.with(|b| compare_text(l, fig, a, b));
                let unit = tr(l, unit.0, unit.1);
                view! {
                    <span class="ab">
                        "A " <span data-ab="a">{va}</span> " " {unit} " · " {compare_words(l).ratio} " "
                        <span data-ab="ratio">{ratio}</span>
                    </span>
                }
            })
        })
    };
    let b_tag = move || {
        compare
            .a_outcome
            .with(Option::is_some)
            .then(|| view! { <span class="ab-tag">"B "</span> })
    };
    view! {
        <div class="figure" data-figure=fig.name>
            <dt>{move || tr(lang.get(), label.0, label.1)}</dt>
            <dd>
                {b_tag}<span class="value">{text}</span>" "<span class="unit">{move || tr(lang.get(), unit.0, unit.1)}</span>
                {ab}
                <details class="explain">
                    <summary>{move || words::how_computed(lang.get())}</summary>
                    <p class="formula">{move || if lang.get() == Lang::De { explain.formula_de } else { explain.formula_en }}</p>
                    <p class="sources">{move || words::code_and_data(lang.get())}<code>{explain.sources}</code></p>
                </details>
            </dd>
        </div>
    }
}

/// Tokens/s, joules per token (GPU and facility), Wh per answer, $ per million tokens, power,
/// then CO₂ per answer, per million tokens and per year.
#[component]
pub fn Headline() -> impl IntoView {
    view! {
        <dl class="figures">
            {HEADLINE.iter().chain(CARBON.iter()).map(|fig| view! { <Figure fig/> }).collect_view()}
        </dl>
        <ServingSetup/>
        <CarbonLine/>
        <CompareBar/>
    }
}

/// How the scenario is served (`words::serving_setup`).
#[component]
fn ServingSetup() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let text = move || out.with(|o| words::serving_setup(lang.get(), o));
    view! { <p class="serving-setup" data-figure="serving-setup">{text}</p> }
}

/// The grid and the carbon in relatable units (`words::carbon::carbon_line`).
#[component]
fn CarbonLine() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let text = move || out.with(|o| carbon_line(lang.get(), o));
    view! { <p class="carbon-line" data-figure="carbon-line">{text}</p> }
}

/// Pins the scenario as A (the controls then change B), or leaves the comparison.
#[component]
fn CompareBar() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let CompareCtx { a, .. } = expect_context::<CompareCtx>();
    let comparing = move || a.with(Option::is_some);
    view! {
        <div class="compare-bar" data-comparing=move || comparing().to_string()>
            <Show
                when=comparing
                fallback=move || view! {
                    <button type="button" class="preset" data-compare="pin"
                        on:click=move |_| a.set(Some(sc.get_untracked()))>
                        {move || compare_words(lang.get()).pin}
                    </button>
                }>
                <p class="comparing" role="status">{move || compare_words(lang.get()).comparing}</p>
                <button type="button" class="preset" data-compare="leave" on:click=move |_| a.set(None)>
                    {move || compare_words(lang.get()).leave}
                </button>
            </Show>
        </div>
    }
}
