//! Headline figures for the current scenario.

use super::OutcomeCtx;
use crate::charts::human;
use leptos::prelude::*;

/// One figure: value, unit and what it means.
#[component]
fn Figure(
    /// What the number is.
    label: &'static str,
    /// The formatted value, recomputed when the outcome changes.
    value: Signal<String>,
    /// Unit shown after the value.
    unit: &'static str,
    /// Machine name of the figure, for tests and embedding.
    name: &'static str,
) -> impl IntoView {
    view! {
        <div class="figure" data-figure=name>
            <dt>{label}</dt>
            <dd><span class="value">{value}</span>" "<span class="unit">{unit}</span></dd>
        </div>
    }
}

/// Tokens/s, joules per token (GPU and facility), Wh per answer, $ per million tokens, power.
#[component]
pub fn Headline() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let f = move |g: fn(&crate::model::Outcome) -> f64| {
        Signal::derive(move || out.with(|o| human(g(o))))
    };
    view! {
        <dl class="figures">
            <Figure name="tokens-per-s" label="Factory output" unit="tokens/s" value=f(|o| o.factory.tokens_per_s)/>
            <Figure name="gpu-j-per-token" label="Energy per token, GPU only" unit="J" value=f(|o| o.serving.gpu_joules_per_output_token)/>
            <Figure name="facility-j-per-token" label="Energy per token, all-in facility" unit="J" value=f(|o| o.serving.facility_joules_per_output_token)/>
            <Figure name="wh-per-answer" label="Energy per answer, all-in" unit="Wh" value=f(|o| o.serving.wh_per_request)/>
            <Figure name="usd-per-mtok" label="Cost per million tokens" unit="$" value=f(|o| o.serving.usd_per_million_output_tokens)/>
            <Figure name="facility-mw" label="Factory power" unit="MW" value=f(|o| o.factory.facility_mw)/>
        </dl>
    }
}
