//! Chart containers: each renders a plotters chart to SVG inside an element marked
//! `data-chart="<name>"`, and redraws only when its own series changes.

use super::ScenarioCtx;
use crate::charts::{Theme, energy_by_generation};
use crate::model::series::generations;
use leptos::prelude::*;
use plotters::prelude::*;

/// Width and height of the drawing, in CSS pixels (SVG scales sharply on any screen).
const SIZE: (u32, u32) = (720, 400);

/// Renders a chart into an SVG string with the given drawing function.
pub fn render_svg(
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> crate::charts::DrawResult,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        if let Err(e) = draw(&area) {
            leptos::logging::warn!("chart not drawn: {e}");
        }
    }
    svg
}

/// J per output token by hardware generation for the chosen model and workload.
#[component]
pub fn EnergyByGeneration() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let points = Memo::new(move |_| sc.with(generations));
    let current = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let claims = Memo::new(move |_| {
        if sc.with(|s| s.model == "gpt-moe-1.8t") {
            energy_by_generation::Claims::Show
        } else {
            energy_by_generation::Claims::Hide
        }
    });
    let svg = move || {
        let pts = points.get();
        let cur = current.get();
        let hi = pts.iter().position(|p| p.gpu_id == cur);
        let labels = energy_by_generation::Labels {
            y_axis: "Energy per output token (J, log scale)",
            gpu_series: "GPU board only",
            facility_series: "All-in facility",
            claim: "NVIDIA's claim (17,000 J → 0.4 J)",
        };
        render_svg(|area| {
            energy_by_generation::draw(area, &pts, hi, &labels, claims.get(), &Theme::LIGHT)
        })
    };
    view! {
        <figure class="chart" data-chart="energy-by-generation" role="img"
            aria-label="Energy per output token for each hardware generation, GPU only and all-in facility, on a log scale">
            <div class="plot" inner_html=svg></div>
        </figure>
    }
}
