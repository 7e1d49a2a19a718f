//! Chart: the AI-factory Pareto frontier — output tokens/s per MW of facility power against
//! tokens/s per user, one line per chip in its family's colour (chips of one family told
//! apart by their marks), the reader's configuration ringed, measured configurations of the
//! reader's chip (InferenceMAX) as crosses in its colour, scenario A as a diamond while two
//! are compared, the legend below the plot.

use super::axis::Axis;
use super::layout::{Plot, Xy};
use super::palette::{Family, draw_glyph, draw_pinned, draw_scenario};
use super::{DrawResult, Look, Mark, log_range};
use crate::model::series::FrontierSeries;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub current: &'a str,
    /// The hover text's words after the speed and after the throughput.
    pub per_user: &'a str,
    pub per_mw: &'a str,
}

/// Measured configurations drawn beside the model's lines: `(tokens/s per user, tokens/s per
/// MW, hover text)`, their legend entry and their chip's family (its colour).
#[derive(Debug, Clone, Copy)]
pub struct Measured<'a> {
    pub points: &'a [(f64, f64, String)],
    pub label: &'a str,
    pub gpu_id: &'a str,
}

/// Scenario A while two are compared, at its (tokens/s per user, tokens/s per MW).
pub type Pinned<'a> = super::Pinned<'a, (f64, f64)>;

/// Each series' colour and mark: its family's colour, and the n-th chip of a family the n-th
/// of dot, triangle, square.
fn styles(series: &[FrontierSeries], look: &Look) -> Vec<(RGBColor, Mark)> {
    let mut seen: Vec<Family> = Vec::new();
    series
        .iter()
        .map(|s| {
            let f = Family::of(&s.gpu_id);
            let k = seen.iter().filter(|g| **g == f).count();
            seen.push(f);
            (
                f.colour(&look.theme),
                [Mark::Dot, Mark::Triangle, Mark::Square][k % 3],
            )
        })
        .collect()
}

fn frame<'a>(
    series: &[FrontierSeries],
    current: Option<(f64, f64)>,
    measured: Option<Measured>,
    pinned: Option<Pinned>,
    labels: &'a Labels,
    legend: &'a [(String, Mark, RGBColor)],
) -> Xy<'a> {
    // Every point drawn, as (tokens/s per user, tokens/s per MW): the lines', the measured
    // ones, scenario A's and the reader's.
    let all = || {
        let lines = series.iter().flat_map(|s| s.points.iter());
        let seen = measured.iter().flat_map(|m| m.points.iter());
        lines
            .map(|p| (p.tokens_per_s_per_user, p.tokens_per_s_per_mw))
            .chain(seen.map(|p| (p.0, p.1)))
            .chain(pinned.map(|p| p.at))
            .chain(current)
    };
    let (x0, x1) = log_range(all().map(|p| p.0));
    let (y0, y1) = log_range(all().map(|p| p.1));
    Xy {
        x: Axis::log(x0..x1),
        y: Axis::log(y0..y1),
        x_title: labels.x_axis,
        y_title: labels.y_axis,
        legend,
    }
}

fn legend(
    series: &[FrontierSeries],
    current: Option<(f64, f64)>,
    measured: Option<Measured>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> Vec<(String, Mark, RGBColor)> {
    let mut legend: Vec<(String, Mark, RGBColor)> = series
        .iter()
        .zip(styles(series, look))
        .map(|(s, (c, m))| (s.label.clone(), m, c))
        .collect();
    if let Some(m) = measured.filter(|m| !m.points.is_empty()) {
        legend.push((
            m.label.to_string(),
            Mark::Cross,
            Family::of(m.gpu_id).colour(&look.theme),
        ));
    }
    if current.is_some() {
        legend.push((labels.current.to_string(), Mark::Ring, look.theme.text));
    }
    if let Some(p) = pinned {
        legend.push((p.label.to_string(), Mark::Diamond, look.theme.text));
    }
    legend
}

/// The drawing's height, the same at every width.
pub fn height(
    series: &[FrontierSeries],
    current: Option<(f64, f64)>,
    measured: Option<Measured>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> u32 {
    let legend = legend(series, current, measured, pinned, labels, look);
    frame(series, current, measured, pinned, labels, &legend).height()
}

/// Draws the frontiers; `current` is the scenario's (tokens/s per user, tokens/s per MW);
/// `measured`, configurations measured on the reader's chip, as crosses; `pinned`, scenario A
/// while two are compared.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[FrontierSeries],
    current: Option<(f64, f64)>,
    measured: Option<Measured>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let legend = legend(series, current, measured, pinned, labels, look);
    let plot: Plot = frame(series, current, measured, pinned, labels, &legend).frame(area, look)?;
    let mut spots = Vec::new();
    if let Some(m) = measured {
        let c = Family::of(m.gpu_id).colour(&look.theme);
        for (x, y, text) in m.points.iter().filter(|p| p.0 > 0.0 && p.1 > 0.0) {
            let (u, v) = plot.at((*x, *y));
            draw_glyph(area, (u, v), Mark::Cross, c, look)?;
            spots.push(super::Hotspot {
                x: u,
                y: v,
                text: text.clone(),
            });
        }
    }
    for (s, (c, mark)) in series.iter().zip(styles(series, look)) {
        let line: Vec<(f64, f64)> = s
            .points
            .iter()
            .map(|p| (p.tokens_per_s_per_user, p.tokens_per_s_per_mw))
            .filter(|(x, y)| x.is_finite() && y.is_finite() && *x > 0.0 && *y > 0.0)
            .collect();
        let px: Vec<(i32, i32)> = line.iter().map(|&p| plot.at(p)).collect();
        area.draw(&PathElement::new(px.clone(), c.stroke_width(2)))
            .map_err(err)?;
        // A mark at each end and at every fifth of the way between.
        let n = px.len();
        if n > 0 {
            let mut at: Vec<usize> = (0..5).map(|k| k * (n - 1) / 4).collect();
            at.dedup();
            for i in at {
                draw_glyph(area, px[i], mark, c, look)?;
            }
        }
        let step = (n / 25).max(1);
        for (&(x, y), &(u, v)) in line.iter().zip(&px).step_by(step) {
            spots.push(super::Hotspot {
                x: u,
                y: v,
                text: format!(
                    "{}: {} {}, {} {}",
                    s.label,
                    look.read(x),
                    labels.per_user,
                    look.read(y),
                    labels.per_mw
                ),
            });
        }
    }
    if let Some(p) = pinned.filter(|p| p.at.0 > 0.0 && p.at.1 > 0.0) {
        let (x, y) = plot.at(p.at);
        draw_pinned(area, (x, y), look)?;
        spots.push(super::Hotspot {
            x,
            y,
            text: p.hover.to_string(),
        });
    }
    if let Some(p) = current.filter(|(x, y)| *x > 0.0 && *y > 0.0) {
        draw_scenario(area, plot.at(p), look)?;
    }
    area.present().map_err(err)?;
    Ok(spots)
}
