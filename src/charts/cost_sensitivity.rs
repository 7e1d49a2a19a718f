//! Chart: how $ per million output tokens moves with the electricity price, one line per
//! utilisation, the scenario's price marked.

use super::axis::Axis;
use super::{DrawResult, Look};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart; `utilization` formats a line's legend from its utilisation.
pub struct Labels<'a> {
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub utilization: &'a dyn Fn(f64) -> String,
}

/// Draws `(utilisation, [(price, $/Mtok)])` lines and a marker at `current`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[(f64, Vec<(f64, f64)>)],
    current: Option<(f64, f64)>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let mut spots = Vec::new();
    area.fill(&theme.background).map_err(err)?;
    let ymax = lines
        .iter()
        .flat_map(|(_, p)| p.iter().map(|q| q.1))
        .chain(current.map(|c| c.1))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.1;
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(Axis::linear(0.0..0.4), Axis::linear(0.0..ymax))
        .map_err(err)?;
    super::styled_mesh(&mut chart, look, 13)
        .x_desc(labels.x_axis)
        .y_desc(labels.y_axis)
        .x_label_formatter(&|x| look.human(*x))
        .y_label_formatter(&|y| look.human(*y))
        .draw()
        .map_err(err)?;
    for (i, (u, pts)) in lines.iter().enumerate() {
        for &(x, y) in pts.iter().filter(|p| p.1.is_finite()) {
            let (px, py) = chart.backend_coord(&(x, y));
            spots.push(super::Hotspot {
                x: px,
                y: py,
                text: format!(
                    "{}: {} $/kWh → {} $",
                    (labels.utilization)(*u),
                    look.human(x),
                    look.human(y)
                ),
            });
        }
        let c = theme.series[i % theme.series.len()];
        chart
            .draw_series(LineSeries::new(
                pts.iter().copied().filter(|p| p.1.is_finite()),
                c.stroke_width(2),
            ))
            .map_err(err)?;
    }
    if let Some(p) = current.filter(|p| p.1.is_finite() && p.0 <= 0.4) {
        chart
            .draw_series(std::iter::once(Circle::new(
                p,
                7,
                theme.text.stroke_width(2),
            )))
            .map_err(err)?;
    }
    let legend: Vec<(String, super::Mark, RGBColor)> = lines
        .iter()
        .enumerate()
        .map(|(i, (u, _))| {
            (
                (labels.utilization)(*u),
                super::Mark::Line,
                theme.series[i % theme.series.len()],
            )
        })
        .collect();
    super::draw_legend(area, &legend, true, 14, look)?;
    area.present().map_err(err)?;
    Ok(spots)
}
