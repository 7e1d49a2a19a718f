//! Chart: NVIDIA's 17,000 J → 0.4 J claim split into factors. Floating bars on a log axis
//! go from each step's energy per token to the next; the claim's endpoints are marked and
//! the gap between the model's end point and the claimed 0.4 J is shown as "unexplained".

use super::axis::Axis;
use super::{DrawResult, Look, log_range};
use crate::model::claims::{Claimed, WaterfallStep};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the waterfall; `step_labels` name the steps in order (start, memory, …), and
/// `unexplained` the last bar.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: &[WaterfallStep],
    claimed: &Claimed,
    step_labels: &[String],
    unexplained: &str,
    y_axis: &str,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let mut spots = Vec::new();
    area.fill(&theme.background).map_err(err)?;
    let n = steps.len() + 1;
    let (lo, hi) = log_range(
        steps
            .iter()
            .map(|s| s.gpu_joules_per_output_token)
            .chain([claimed.pascal_j, claimed.blackwell_j]),
    );
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(60)
        .y_label_area_size(64)
        .build_cartesian_2d(Axis::linear(-0.5..(n as f64 - 0.5)), Axis::log(lo..hi))
        .map_err(err)?;
    let text = TextStyle::from(("sans-serif", 13).into_font()).color(&theme.text);
    let names: Vec<String> = step_labels
        .iter()
        .cloned()
        .chain(std::iter::once(unexplained.to_string()))
        .collect();
    let name_of = |x: &f64| {
        let i = x.round();
        if (x - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        names.get(i as usize).cloned().unwrap_or_default()
    };
    super::styled_mesh(&mut chart, look, 13)
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&name_of)
        .y_desc(y_axis)
        .y_label_formatter(&|y| look.num(*y))
        .draw()
        .map_err(err)?;
    let mut prev: Option<f64> = None;
    for (i, s) in steps.iter().enumerate() {
        let j = s.gpu_joules_per_output_token;
        let x = i as f64;
        let (a, b) = match prev {
            None => (lo, j),
            Some(p) => (p.min(j), p.max(j)),
        };
        let c = if prev.is_none_or(|p| j <= p) {
            theme.series[0]
        } else {
            theme.series[1]
        };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - 0.35, a), (x + 0.35, b)],
                c.filled(),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                look.num(j) + " J",
                (x - 0.3, j),
                text.clone(),
            )))
            .map_err(err)?;
        let (px, py) = chart.backend_coord(&(x, j));
        spots.push(super::Hotspot {
            x: px,
            y: py,
            text: format!(
                "{}: {} J (×{})",
                names.get(i).cloned().unwrap_or_default(),
                look.human(j),
                look.human(s.factor)
            ),
        });
        prev = Some(j);
    }
    if let Some(end) = prev {
        let x = steps.len() as f64;
        let (a, b) = (end.min(claimed.blackwell_j), end.max(claimed.blackwell_j));
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - 0.35, a), (x + 0.35, b)],
                theme.series[3].mix(0.7).filled(),
            )))
            .map_err(err)?;
    }
    let claim_c = theme.series[3];
    let marks = [
        (0.0, claimed.pascal_j),
        (steps.len() as f64, claimed.blackwell_j),
    ];
    chart
        .draw_series(
            marks
                .iter()
                .map(|&(x, y)| Cross::new((x, y), 8, claim_c.stroke_width(3))),
        )
        .map_err(err)?;
    area.present().map_err(err)?;
    Ok(spots)
}
