use super::{Frame, WidthCtx, headers, look, with_a};
use crate::model::series;
use crate::ui::i18n::{LangCtx, count, num};
use crate::ui::{OutcomeCtx, ScenarioCtx};
use crate::words::charts as w;
use leptos::prelude::*;

/// The Pareto frontier, several generations overlaid, the scenario marked; and the
/// "25× at ISO power" check at the scenario's speed per user.
#[component]
pub fn Frontier() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // Only what the frontiers depend on: the model and the workload (swept), then the PUE
    // (a scale on every point: its slider sweeps nothing).
    let key = Memo::new(move |_| sc.with(series::FrontiersKey::of));
    let unit = Memo::new(move |_| key.with(series::frontiers_for));
    let fronts = Memo::new(move |_| {
        let pue = sc.with(|s| s.pue);
        unit.with(|f| series::at_pue(f, pue))
    });
    let current = Memo::new(move |_| {
        out.with(|o| {
            (
                o.serving.tokens_per_s_per_user,
                o.serving.tokens_per_s_per_mw,
            )
        })
    });
    // InferenceMAX's measurements of the scenario's chip, model and precision (the crosses).
    let mkey = Memo::new(move |_| sc.with(|s| out.with(|o| w::MarksKey::of(s, o))));
    let marks = Memo::new(move |_| {
        let l = lang.get();
        mkey.with(|k| w::measured_marks_for(l, k))
    });
    // Scenario A while two are compared (the page's scenario is B).
    let compare = expect_context::<crate::ui::CompareCtx>();
    let svg = Signal::derive(move || {
        fronts.with(|f| {
            marks.with(|m| {
                with_a(compare, |a| {
                    w::frontier_svg(lang.get(), f, current.get(), m, a, &look.get(), width.get())
                })
            })
        })
    });
    let summary = Signal::derive(move || w::frontier_summary(lang.get()));
    let takeaway = Signal::derive(move || {
        let l = lang.get();
        let takeaway = fronts.with(|f| w::frontier_takeaway(l, f, current.get().0));
        let a = with_a(compare, |a| {
            a.map(|a| out.with(|b| w::frontier_compared(l, a, b)))
        });
        w::with_a(takeaway, a)
    });
    let headers = headers(
        lang,
        &[
            ("Chip", "Chip"),
            ("Tokens/s per user", "Token/s pro Nutzer"),
            ("Tokens/s per MW", "Token/s pro MW"),
            ("Batch", "Batch"),
            ("GPUs", "GPUs"),
        ],
    );
    let rows = Signal::derive(move || {
        let l = lang.get();
        let mut rows: Vec<Vec<String>> = fronts.with(|f| {
            f.iter()
                .flat_map(|s| {
                    s.points.iter().map(|p| {
                        vec![
                            s.label.clone(),
                            num(l, p.tokens_per_s_per_user),
                            num(l, p.tokens_per_s_per_mw),
                            count(l, p.batch),
                            p.gpus.to_string(),
                        ]
                    })
                })
                .collect()
        });
        marks.with(|m| {
            let label = m.label(l);
            rows.extend(m.points.iter().map(|(u, y, _)| {
                vec![
                    label.clone(),
                    num(l, *u),
                    num(l, *y),
                    "—".into(),
                    "—".into(),
                ]
            }));
        });
        rows
    });
    // The ISO-power claim and InferenceMAX's points in words, under the chart (refreshed with
    // it, so only on the screen in the frame that answers a control).
    let iso =
        Signal::derive(move || fronts.with(|f| w::iso_sentence(lang.get(), f, current.get().0)));
    let measured = Signal::derive(move || {
        let chip = out.with(|o| {
            crate::data::catalogue()
                .gpu(o.gpu)
                .map_or(o.gpu.to_string(), |g| g.short.clone())
        });
        marks.with(|m| w::measured_sentence(lang.get(), m, &chip, current.get().0))
    });
    let shown = [RwSignal::new(String::new()), RwSignal::new(String::new())];
    let checks = [(iso, shown[0]), (measured, shown[1])];
    view! {
        <Frame name="frontier" summary takeaway svg headers rows checks/>
        <p class="claim-check" data-claim="iso-power">{move || shown[0].get()}</p>
        <p class="claim-check" data-claim="measured">{move || shown[1].get()}</p>
    }
}
