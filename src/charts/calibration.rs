//! Chart: the model against published measurements — model/measured for every row of the
//! calibration set on a log axis, fitted rows, held-out rows and known limitations in
//! different colours, with the ×1.75 bounds drawn.

use super::axis::Axis;
use super::{DrawResult, Look};
use crate::calibration::Comparison;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws one point per row; `x_axis` titles the ratio axis; `splits` names fit, holdout and
/// limitation.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Comparison],
    splits: [&str; 3],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let mut spots = Vec::new();
    area.fill(&theme.background).map_err(err)?;
    let n = rows.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(230)
        .build_cartesian_2d(Axis::log(0.1..20.0), Axis::linear(-0.5..(n as f64 - 0.5)))
        .map_err(err)?;
    let name_of = |y: &f64| {
        let i = y.round();
        if (y - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        rows.get(i as usize)
            .map(|r| r.id.clone())
            .unwrap_or_default()
    };
    super::styled_mesh(&mut chart, look, 11)
        .disable_y_mesh()
        .y_labels(n)
        .x_desc(x_axis)
        .x_label_formatter(&|x| look.num(*x))
        .y_label_formatter(&name_of)
        .draw()
        .map_err(err)?;
    for bound in [1.0 / 1.75, 1.0, 1.75] {
        let style = if bound == 1.0 {
            theme.text.stroke_width(1)
        } else {
            theme.grid.stroke_width(2)
        };
        chart
            .draw_series(LineSeries::new(
                [(bound, -0.5), (bound, n as f64 - 0.5)],
                style,
            ))
            .map_err(err)?;
    }
    for (k, split) in ["fit", "holdout", "limitation"].iter().enumerate() {
        let c = theme.series[[0, 2, 1][k]];
        let pts: Vec<(f64, f64)> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.split == *split && r.ratio.is_finite() && r.ratio > 0.0)
            .map(|(i, r)| (r.ratio.clamp(0.1, 20.0), i as f64))
            .collect();
        for (i, r) in rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.split == *split && r.ratio.is_finite() && r.ratio > 0.0)
        {
            let (x, y) = chart.backend_coord(&(r.ratio.clamp(0.1, 20.0), i as f64));
            spots.push(super::Hotspot {
                x,
                y,
                text: format!(
                    "{}: {} {} / {} = ×{} ({})",
                    r.id,
                    r.metric,
                    look.human(r.model),
                    look.human(r.measured),
                    look.human(r.ratio),
                    splits[k]
                ),
            });
        }
        chart
            .draw_series(pts.iter().map(|&p| Circle::new(p, 5, c.filled())))
            .map_err(err)?;
    }
    let legend: Vec<(String, super::Mark, RGBColor)> = (0..3)
        .map(|k| {
            (
                splits[k].to_string(),
                super::Mark::Dot,
                theme.series[[0, 2, 1][k]],
            )
        })
        .collect();
    let h = area.dim_in_pixel().1 as i32;
    super::draw_legend(area, &legend, false, h - 130, look)?;
    area.present().map_err(err)?;
    Ok(spots)
}
