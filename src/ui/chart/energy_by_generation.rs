use super::{Frame, HEIGHT, PhysicsCell, WidthCtx, look, render_svg, strs};
use crate::charts;
use crate::model::{claims, physics_key, series};
use crate::ui::ScenarioCtx;
use crate::ui::i18n::{LangCtx, count, num, tr};
use leptos::prelude::*;

/// J per output token by hardware generation for the chosen model and workload.
#[component]
pub fn EnergyByGeneration() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // Physics on every chip only when the physics inputs change; the economics on each move.
    let physics = PhysicsCell::new();
    let points = Memo::new(move |_| {
        sc.with(|s| {
            physics.with(physics_key(s), series::served_on_every_gpu, |sv| {
                series::generation_points(s, sv)
            })
        })
    });
    let current = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let claimed = claims::claimed();
    let claims_shown = Memo::new(move |_| sc.with(|s| s.model == claims::ENERGY_CLAIM_MODEL));
    let svg = Signal::derive(move || {
        let l = lang.get();
        let pts = points.get();
        let hi = current.with(|c| pts.iter().position(|p| &p.gpu_id == c));
        let claim_label = format!(
            "{} ({} J → {} J)",
            tr(l, "NVIDIA's claim", "NVIDIAs Behauptung"),
            count(l, claimed.pascal_j),
            num(l, claimed.blackwell_j)
        );
        let labels = charts::energy_by_generation::Labels {
            y_axis: tr(
                l,
                "Energy per output token (J, log scale)",
                "Energie pro Ausgabetoken (J, log.)",
            ),
            gpu_series: tr(l, "GPU board only", "Nur GPU-Platine"),
            facility_series: tr(l, "All-in facility", "Gesamtes Rechenzentrum"),
            claim: &claim_label,
        };
        let claims = if claims_shown.get() {
            charts::energy_by_generation::Claims::Show(claimed)
        } else {
            charts::energy_by_generation::Claims::Hide
        };
        render_svg((width.get(), HEIGHT), |a| {
            charts::energy_by_generation::draw(a, &pts, hi, &labels, claims, &look.get())
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            let first = p.first();
            let best = p.iter().min_by(|a, b| {
                a.facility_joules_per_output_token
                    .total_cmp(&b.facility_joules_per_output_token)
            });
            match (first, best) {
                (Some(f), Some(b)) => format!(
                    "{} {} {} J, {} {} J ({}).",
                    tr(
                        l,
                        "Energy per output token, all-in: from",
                        "Energie pro Ausgabetoken, gesamt: von"
                    ),
                    f.label,
                    num(l, f.facility_joules_per_output_token),
                    tr(l, "down to", "bis"),
                    num(l, b.facility_joules_per_output_token),
                    b.label
                ),
                _ => String::new(),
            }
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Year", "Jahr"),
            tr(l, "Precision", "Präzision"),
            tr(l, "J/token, GPU", "J/Token, GPU"),
            tr(l, "J/token, all-in", "J/Token, gesamt"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            p.iter()
                .map(|g| {
                    vec![
                        g.label.clone(),
                        g.year.to_string(),
                        g.outcome_precision.to_ascii_uppercase(),
                        num(l, g.gpu_joules_per_output_token),
                        num(l, g.facility_joules_per_output_token),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="energy-by-generation" summary svg headers rows height=HEIGHT/> }
}
