use super::{Frame, HEIGHT, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::model::{claims, series};
use crate::ui::i18n::{Lang, LangCtx, count, num, tr};
use crate::ui::{OutcomeCtx, ScenarioCtx};
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
    // Only what the frontiers depend on: the model, the workload and the PUE.
    let key = Memo::new(move |_| sc.with(series::FrontiersKey::of));
    let fronts = Memo::new(move |_| key.with(series::frontiers_for));
    let current = Memo::new(move |_| {
        out.with(|o| {
            (
                o.serving.tokens_per_s_per_user,
                o.serving.tokens_per_s_per_mw,
            )
        })
    });
    let svg = Signal::derive(move || {
        let l = lang.get();
        let labels = charts::frontier::Labels {
            x_axis: tr(
                l,
                "Tokens/s per user (interactivity)",
                "Token/s pro Nutzer (Interaktivität)",
            ),
            y_axis: tr(l, "Output tokens/s per MW", "Ausgabetoken/s pro MW"),
            current: tr(l, "This scenario", "Dieses Szenario"),
        };
        fronts.with(|f| {
            render_svg((width.get(), HEIGHT), |a| {
                charts::frontier::draw(a, f, Some(current.get()), &labels, &look.get())
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Throughput per megawatt against speed per user for several GPU generations; faster answers per user cost throughput.",
        "Durchsatz pro Megawatt gegen Tempo pro Nutzer für mehrere GPU-Generationen; schnellere Antworten kosten Durchsatz.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Tokens/s per user", "Token/s pro Nutzer"),
            tr(l, "Tokens/s per MW", "Token/s pro MW"),
            tr(l, "Batch", "Batch"),
            tr(l, "GPUs", "GPUs"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        fronts.with(|f| {
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
        })
    });
    let claimed = claims::claimed();
    let iso = Signal::derive(move || {
        let l = lang.get();
        let v = current.get().0;
        fronts.with(|f| {
            match claims::iso_power_ratio_at(f, v) {
                Some(r) => match l {
                    Lang::En => format!(
                        "At {} tokens/s per user, GB200 NVL72 (FP4) makes {} times the tokens per megawatt of H100 (FP8) in the model; NVIDIA claims {} times.",
                        num(l, v), num(l, r), num(l, claimed.iso_power_ratio)),
                    Lang::De => format!(
                        "Bei {} Token/s pro Nutzer erzeugt GB200 NVL72 (FP4) im Modell das {}-Fache an Token pro Megawatt von H100 (FP8); NVIDIA behauptet das {}-Fache.",
                        num(l, v), num(l, r), num(l, claimed.iso_power_ratio)),
                },
                _ => tr(l, "At this speed per user one of the two chips cannot serve the model: no ratio.",
                    "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen: kein Verhältnis.").to_string(),
            }
        })
    });
    view! {
        <Frame name="frontier" summary svg headers rows height=HEIGHT/>
        <p class="claim-check" data-claim="iso-power">{iso}</p>
    }
}
