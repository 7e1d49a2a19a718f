//! Chart: the AI-factory Pareto frontier — output tokens/s per MW of facility power against
//! tokens/s per user, one line per chip, the current configuration marked.

use super::axis::Axis;
use super::{DrawResult, Look, log_range};
use crate::model::series::FrontierSeries;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub current: &'a str,
}

/// Draws the frontiers; `current` is the scenario's (tokens/s per user, tokens/s per MW).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[FrontierSeries],
    current: Option<(f64, f64)>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let mut spots = Vec::new();
    area.fill(&theme.background).map_err(err)?;
    let pts = || series.iter().flat_map(|s| s.points.iter());
    let cur = current.into_iter();
    let (x0, x1) = log_range(
        pts()
            .map(|p| p.tokens_per_s_per_user)
            .chain(cur.clone().map(|c| c.0)),
    );
    let (y0, y1) = log_range(pts().map(|p| p.tokens_per_s_per_mw).chain(cur.map(|c| c.1)));
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(Axis::log(x0..x1), Axis::log(y0..y1))
        .map_err(err)?;
    super::styled_mesh(&mut chart, look, 13)
        .x_desc(labels.x_axis)
        .y_desc(labels.y_axis)
        .x_label_formatter(&|x| look.num(*x))
        .y_label_formatter(&|y| look.num(*y))
        .draw()
        .map_err(err)?;
    for (i, s) in series.iter().enumerate() {
        let c = theme.series[i % theme.series.len()];
        let line: Vec<(f64, f64)> = s
            .points
            .iter()
            .map(|p| (p.tokens_per_s_per_user, p.tokens_per_s_per_mw))
            .filter(|(x, y)| x.is_finite() && y.is_finite() && *x > 0.0 && *y > 0.0)
            .collect();
        let step = (line.len() / 25).max(1);
        for &(x, y) in line.iter().step_by(step) {
            let (px, py) = chart.backend_coord(&(x, y));
            spots.push(super::Hotspot {
                x: px,
                y: py,
                text: format!(
                    "{}: {} tok/s per user, {} tok/s per MW",
                    s.label,
                    look.human(x),
                    look.num(y)
                ),
            });
        }
        chart
            .draw_series(LineSeries::new(line.iter().copied(), c.stroke_width(2)))
            .map_err(err)?;
    }
    if let Some((x, y)) = current.filter(|(x, y)| *x > 0.0 && *y > 0.0) {
        chart
            .draw_series(std::iter::once(Circle::new(
                (x, y),
                7,
                theme.text.stroke_width(2),
            )))
            .map_err(err)?;
    }
    let mut legend: Vec<(String, super::Mark, RGBColor)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.label.clone(),
                super::Mark::Line,
                theme.series[i % theme.series.len()],
            )
        })
        .collect();
    if current.is_some() {
        legend.push((labels.current.to_string(), super::Mark::Ring, theme.text));
    }
    super::draw_legend(area, &legend, false, 14, look)?;
    area.present().map_err(err)?;
    Ok(spots)
}
