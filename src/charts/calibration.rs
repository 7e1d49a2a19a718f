//! Chart: the model against measurements, by group — one row per group of measurements and
//! metric (tokens/s, power, energy), a dot per measurement at model ÷ measured on a log axis
//! (fitted, held-out and known-limitation rows in different colours), the group's median
//! marked, and the lines at ×1 and ±40 %.

use super::axis::Axis;
use super::{DrawResult, Look};
use crate::calibration::{Comparison, GroupError, metric_kind};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Height of the chart for `groups` rows, px: a row per group, room for axis and legend.
pub fn height(groups: usize) -> u32 {
    120 + 34 * groups.max(1) as u32
}

/// Draws one row per group (`groups`, named by `label`), one dot per row of `rows` in it;
/// `x_axis` titles the ratio axis; `splits` names fit, holdout and limitation.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Comparison],
    groups: &[GroupError],
    label: &dyn Fn(&GroupError) -> String,
    splits: [&str; 3],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let mut spots = Vec::new();
    area.fill(&theme.background).map_err(err)?;
    let n = groups.len().max(1);
    let (w, h) = area.dim_in_pixel();
    let names: Vec<String> = groups.iter().map(label).collect();
    // Labels on the left up to two fifths of the width.
    let label_width = (w as f64 * 0.4).min(300.0) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(label_width)
        .build_cartesian_2d(Axis::log(0.1..20.0), Axis::linear(-0.5..(n as f64 - 0.5)))
        .map_err(err)?;
    let name_of = |y: &f64| {
        let i = y.round();
        if (y - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        names.get(i as usize).cloned().unwrap_or_default()
    };
    super::styled_mesh(&mut chart, look, 11)
        .disable_y_mesh()
        .y_labels(n)
        .x_desc(x_axis)
        .x_label_formatter(&|x| look.num(*x))
        .y_label_formatter(&name_of)
        .draw()
        .map_err(err)?;
    for bound in [1.0 / 1.4, 1.0, 1.4] {
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
    let row_of = |c: &Comparison| {
        groups
            .iter()
            .position(|g| g.group == c.group && g.metric == metric_kind(&c.metric))
    };
    for (k, split) in ["fit", "holdout", "limitation"].iter().enumerate() {
        let colour = theme.series[[0, 2, 1][k]];
        // Fitted rows a little above the group's line, limitations a little below.
        let dy = [-0.18, 0.0, 0.18][k];
        let mut pts = Vec::new();
        for c in rows
            .iter()
            .filter(|c| c.split == *split && c.ratio.is_finite() && c.ratio > 0.0)
        {
            let Some(i) = row_of(c) else { continue };
            let p = (c.ratio.clamp(0.1, 20.0), i as f64 + dy);
            let (x, y) = chart.backend_coord(&p);
            spots.push(super::Hotspot {
                x,
                y,
                text: format!(
                    "{}: {} / {} = ×{} ({}, {})",
                    c.id,
                    look.human(c.model),
                    look.human(c.measured),
                    look.human(c.ratio),
                    splits[k],
                    c.source
                ),
            });
            pts.push(p);
        }
        chart
            .draw_series(
                pts.iter()
                    .map(|&p| Circle::new(p, 4, colour.mix(0.8).filled())),
            )
            .map_err(err)?;
    }
    // The median of each group: a short vertical bar.
    for (i, g) in groups.iter().enumerate() {
        let m = (1.0 + g.median).clamp(0.1, 20.0);
        if m.is_finite() {
            chart
                .draw_series(LineSeries::new(
                    [(m, i as f64 - 0.4), (m, i as f64 + 0.4)],
                    theme.text.stroke_width(3),
                ))
                .map_err(err)?;
        }
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
    super::draw_legend(area, &legend, false, h as i32 - 110, look)?;
    area.present().map_err(err)?;
    Ok(spots)
}
