//! Headline figures for the current scenario, each opening to its formula and sources (the
//! table of figures and their words: `words::HEADLINE`).

use super::OutcomeCtx;
use super::i18n::{Lang, LangCtx, tr};
use crate::words::{self, HEADLINE};
use leptos::prelude::*;

/// One figure: value, unit and the way to its formula.
#[component]
fn Figure(
    /// The figure's row in [`HEADLINE`].
    fig: &'static words::Figure,
) -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let text = move || out.with(|o| fig.text(lang.get(), o));
    let (label, unit, explain) = (fig.label, fig.unit, fig.explain);
    view! {
        <div class="figure" data-figure=fig.name>
            <dt>{move || tr(lang.get(), label.0, label.1)}</dt>
            <dd>
                <span class="value">{text}</span>" "<span class="unit">{move || tr(lang.get(), unit.0, unit.1)}</span>
                <details class="explain">
                    <summary>{move || words::how_computed(lang.get())}</summary>
                    <p class="formula">{move || if lang.get() == Lang::De { explain.formula_de } else { explain.formula_en }}</p>
                    <p class="sources">{move || words::code_and_data(lang.get())}<code>{explain.sources}</code></p>
                </details>
            </dd>
        </div>
    }
}

/// Tokens/s, joules per token (GPU and facility), Wh per answer, $ per million tokens, power.
#[component]
pub fn Headline() -> impl IntoView {
    view! {
        <dl class="figures">
            {HEADLINE.iter().map(|fig| view! { <Figure fig/> }).collect_view()}
        </dl>
        <ServingSetup/>
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
