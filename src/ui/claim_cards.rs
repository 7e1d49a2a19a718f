//! The articles' claims, answered at the top of the page for the reader's scenario: each card
//! gives the claim, the model's live answer and a link to the section that explains it. The
//! figures come from `model::claims` and `model::series`; the words from `words::claims`.

use super::i18n::LangCtx;
use super::{OutcomeCtx, PhysicsCell, ScenarioCtx};
use crate::model::claims::{self, ISO_POWER_NEW, ISO_POWER_OLD};
use crate::model::economics;
use crate::model::series::{self, ExportKey, FrontiersKey};
use crate::words::claims as w;
use leptos::prelude::*;

/// The four claim cards.
#[component]
pub fn ClaimCards() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let claimed = claims::claimed();

    // The physics behind the cards, each kept with its key (plain cells, read by the memos
    // of words below: few reactive types keep the wasm small).
    // 1. 17,000 J → 0.4 J: the model's own ends for the reader's prompt and answer lengths.
    let ends_cell = PhysicsCell::new();
    let ends = move || {
        sc.with(|s| ends_cell.with((s.prompt_tokens, s.output_tokens), |_| w::ends(s), |e| *e))
    };
    // 2. 25× at the same power: GB200 NVL72 over H100 for the reader's model, at their speed.
    let fronts_cell = PhysicsCell::new();
    let iso_ratio = move |v: f64| {
        sc.with(|s| {
            fronts_cell.with(
                FrontiersKey::of(s),
                |k| series::frontiers_of(k, &[ISO_POWER_OLD, ISO_POWER_NEW]),
                |f| claims::iso_power_ratio_at(f, v),
            )
        })
    };
    let iso_answer = move |l| {
        let v = out.with(|o| o.serving.tokens_per_s_per_user);
        w::iso_answer(l, v, iso_ratio(v), claims::claimed().iso_power_ratio)
    };
    // 3. $500 billion: what it buys with the reader's chip and site.
    let build = move || out.with(claims::build_out);
    // 4. DeepSeek on export-limited chips: $ per million tokens on H20 and H100.
    let physics = PhysicsCell::new();
    let costs = move || {
        sc.with(|s| {
            physics.with(
                ExportKey::of(s),
                |k| {
                    series::export_pairs_served(
                        k,
                        &[claims::EXPORT_CLAIM_MODEL],
                        &claims::EXPORT_CLAIM_GPUS,
                    )
                },
                |sv| {
                    sv.iter()
                        .map(|x| economics(s, x).serving.usd_per_million_output_tokens)
                        .collect::<Vec<f64>>()
                },
            )
        })
    };

    // A memo per card: a slider that leaves a card's figures alone leaves its text alone.
    let texts = [
        Memo::new(move |_| {
            let l = lang.get();
            (
                w::energy_claim(l, &claimed),
                w::energy_answer(l, &claimed, ends()),
            )
        }),
        Memo::new(move |_| (w::iso_claim(lang.get(), &claimed), iso_answer(lang.get()))),
        Memo::new(move |_| {
            let (l, b) = (lang.get(), build());
            (
                w::build_claim(l, &b),
                w::build_answer(l, &b, &sc.with(w::chip)),
            )
        }),
        Memo::new(move |_| {
            let l = lang.get();
            (w::export_claim(l), w::export_answer(l, &costs()))
        }),
    ];

    view! {
        <div class="claim-cards">
            {w::CARDS.iter().enumerate().map(|(i, (name, href))| view! {
                <a class="claim-card" data-claim-card=*name href=*href>
                    <span class="claim">{move || texts[i].with(|t| t.0.clone())}</span>
                    <span class="answer">{move || texts[i].with(|t| t.1.clone())}</span>
                </a>
            }).collect_view()}
        </div>
    }
}
