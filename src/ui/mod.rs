//! Leptos components. They read the scenario and the memoised outcome from context and hold
//! no model logic: every number shown is computed in `model` and formatted here.

mod chart;
mod controls;
mod headline;
mod url;

use crate::model::{Outcome, Scenario, evaluate};
use crate::scenario::parse_query;
use leptos::prelude::*;

/// The scenario the page shows (one signal for the whole page).
#[derive(Clone, Copy)]
pub struct ScenarioCtx(pub RwSignal<Scenario>);

/// The outcome of the scenario, evaluated once per change.
#[derive(Clone, Copy)]
pub struct OutcomeCtx(pub Memo<Outcome>);

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let parsed = parse_query(&url::current_query());
    let notices = parsed.warnings.join("; ");
    let has_notices = !notices.is_empty();
    let scenario = RwSignal::new(parsed.scenario);
    let outcome = Memo::new(move |_| scenario.with(evaluate));
    provide_context(ScenarioCtx(scenario));
    provide_context(OutcomeCtx(outcome));
    url::sync_to_address_bar(scenario);

    view! {
        <header class="masthead">
            <h1>"fabrik"</h1>
            <p class="lede">
                "An AI factory turns electricity into tokens. Turn the knobs and see what a token costs in joules and dollars."
            </p>
        </header>
        {has_notices.then(|| view! {
            <p class="notice" role="status">"Ignored from the link: " {notices}</p>
        })}
        <main>
            <section aria-labelledby="s-tokens">
                <h2 id="s-tokens">"What an AI factory makes: tokens"</h2>
                <headline::Headline/>
            </section>
            <section aria-labelledby="s-controls">
                <h2 id="s-controls">"Scenario"</h2>
                <controls::Controls/>
            </section>
            <section aria-labelledby="s-history">
                <h2 id="s-history">"Joules per token, 2016 → today"</h2>
                <chart::EnergyByGeneration/>
            </section>
        </main>
    }
}
