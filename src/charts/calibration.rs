//! Chart: the model against measurements, by group — one row per group of measurements and
//! metric (tokens/s, power, energy), a dot per measurement at model ÷ measured on a log axis
//! (fitted, held-out and known-limitation rows in different colours and a little apart), the
//! group's median marked and written, and the lines at ×1 and ±40 % across every row.

use super::bars::{Point, Row, Rows};
use super::{DrawResult, Look, Mark};
use crate::calibration::{Comparison, GroupError, metric_kind};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart.
pub struct Labels<'a> {
    /// A group's name in words.
    pub group: &'a dyn Fn(&GroupError) -> String,
    /// A measurement's hover text, in words (benchmark, chip, model, setting and values).
    pub row: &'a dyn Fn(&Comparison) -> String,
    /// Fit, holdout and limitation, and the median's name.
    pub splits: [&'a str; 4],
    /// A group's median error as written after its row ("median +3 %").
    pub median: &'a dyn Fn(f64) -> String,
    pub axis: &'a str,
}

const SPLITS: [&str; 3] = ["fit", "holdout", "limitation"];

fn build(
    rows: &[Comparison],
    groups: &[GroupError],
    labels: &Labels,
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    let colour = |k: usize| t.series[[0, 2, 1][k]];
    let out = groups
        .iter()
        .map(|g| {
            let mut points: Vec<Point> = rows
                .iter()
                .filter(|c| c.group == g.group && metric_kind(&c.metric) == g.metric)
                .filter(|c| c.ratio.is_finite() && c.ratio > 0.0)
                .filter_map(|c| {
                    let k = SPLITS.iter().position(|s| *s == c.split)?;
                    Some(Point {
                        x: c.ratio.clamp(0.1, 20.0),
                        mark: Mark::Dot,
                        colour: colour(k),
                        // Fitted rows a little above the line, limitations a little below.
                        dy: [-4, 0, 4][k],
                        hover: (labels.row)(c),
                    })
                })
                .collect();
            let m = 1.0 + g.median;
            if m.is_finite() {
                points.push(Point {
                    x: m.clamp(0.1, 20.0),
                    mark: Mark::Median,
                    colour: t.text,
                    dy: 0,
                    hover: String::new(),
                });
            }
            Row {
                label: (labels.group)(g),
                points,
                value: (labels.median)(g.median),
                ..Row::default()
            }
        })
        .collect();
    let mut legend: Vec<(String, Mark, RGBColor)> = (0..3)
        .map(|k| (labels.splits[k].to_string(), Mark::Dot, colour(k)))
        .collect();
    legend.push((labels.splits[3].to_string(), Mark::Median, t.text));
    (out, legend)
}

const REFS: [(f64, bool); 3] = [(1.0 / 1.4, false), (1.0, true), (1.4, false)];

fn chart<'a>(rows: &'a [Row], legend: &'a [(String, Mark, RGBColor)], axis: &'a str) -> Rows<'a> {
    let mut c = Rows::new(rows, axis, true);
    c.range = Some((0.1, 20.0));
    c.refs = &REFS;
    c.legend = legend;
    c
}

/// The drawing's height: a row per group.
pub fn height(rows: &[Comparison], groups: &[GroupError], labels: &Labels, look: &Look) -> u32 {
    let (r, legend) = build(rows, groups, labels, look);
    chart(&r, &legend, labels.axis).height()
}

/// Draws one row per group, one dot per measurement of `rows` in it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Comparison],
    groups: &[GroupError],
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let (r, legend) = build(rows, groups, labels, look);
    chart(&r, &legend, labels.axis).render(area, look)
}
