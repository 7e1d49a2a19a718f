//! Chart: chips under export rules (H20, H800) against the H100 and Huawei's Ascend, for an
//! MoE and a dense model: output tokens per kilojoule of facility energy and per dollar, each
//! as a share of the H100's for the same model, a row per chip in its family's colour.

use super::bars::{Bar, Point, Row, Rows};
use super::palette::{Family, tint};
use super::{DrawResult, Look, Mark};
use crate::model::series::ChipModelPoint;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The chip every other is measured against.
pub const REFERENCE: &str = "h100-sxm";

/// Texts of the chart.
pub struct Labels<'a> {
    pub axis: &'a str,
    pub per_kj: &'a str,
    pub per_usd: &'a str,
    /// A row's value from its two shares in % ("83 % · 61 %").
    pub value: &'a dyn Fn(f64, f64) -> String,
    /// A bar's hover text from the point, the metric's name, its value and share in %.
    pub hover: &'a dyn Fn(&ChipModelPoint, &str, f64, f64) -> String,
}

/// Each point's tokens per kJ and per $ as % of the reference chip's for the same model (of
/// the model's best where the reference is missing).
///
/// # Formula
/// `100 · value ÷ value(H100, same model)`.
pub fn shares(points: &[ChipModelPoint]) -> Vec<(f64, f64)> {
    let base = |p: &ChipModelPoint, f: fn(&ChipModelPoint) -> f64| {
        let same = points.iter().filter(|q| q.model_id == p.model_id);
        same.clone()
            .find(|q| q.gpu_id == REFERENCE)
            .map(f)
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or_else(|| same.map(f).filter(|v| v.is_finite()).fold(0.0, f64::max))
    };
    points
        .iter()
        .map(|p| {
            (
                100.0 * p.tokens_per_kj / base(p, |q| q.tokens_per_kj),
                100.0 * p.tokens_per_usd / base(p, |q| q.tokens_per_usd),
            )
        })
        .collect()
}

/// Scenario A while two are compared: its chip and model and its own tokens per kilojoule as
/// % of the H100's (from A's workload and prices), marked on that row.
pub type Pinned<'a> = super::Pinned<'a, (&'a str, &'a str, f64)>;

fn build(
    points: &[ChipModelPoint],
    current: Option<(&str, &str)>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    let shares = shares(points);
    let mut rows = Vec::new();
    let mut a_shown = false;
    let mut models: Vec<&str> = Vec::new();
    for p in points {
        if !models.contains(&p.model_id.as_str()) {
            models.push(&p.model_id);
        }
    }
    for m in models {
        let mut heading = true;
        for (p, &(kj, usd)) in points.iter().zip(&shares).filter(|(p, _)| p.model_id == m) {
            if heading {
                rows.push(Row {
                    label: p.model_label.clone(),
                    heading: true,
                    ..Row::default()
                });
                heading = false;
            }
            let c = Family::of(&p.gpu_id).colour(t);
            let mut row = Row {
                label: p.gpu_label.clone(),
                bars: vec![
                    Bar {
                        from: None,
                        to: kj,
                        colour: c,
                        lane: (-8, 0),
                        hover: (labels.hover)(p, labels.per_kj, p.tokens_per_kj, kj),
                    },
                    Bar {
                        from: None,
                        to: usd,
                        colour: tint(c, t.background, 0.45),
                        lane: (0, 8),
                        hover: (labels.hover)(p, labels.per_usd, p.tokens_per_usd, usd),
                    },
                ],
                value: (labels.value)(kj, usd),
                scenario: (current == Some((p.gpu_id.as_str(), p.model_id.as_str()))).then_some(kj),
                ..Row::default()
            };
            // Scenario A's own share, where its chip and model are this row.
            if let Some(a) = pinned.filter(|a| (a.at.0, a.at.1) == (&p.gpu_id, &p.model_id)) {
                row.points.push(Point::pinned(a.at.2, a.hover, look));
                a_shown = true;
            }
            rows.push(row);
        }
    }
    let mut legend = vec![
        (labels.per_kj.to_string(), Mark::Square, t.text),
        (
            labels.per_usd.to_string(),
            Mark::Square,
            tint(t.text, t.background, 0.45),
        ),
    ];
    if let Some(a) = pinned.filter(|_| a_shown) {
        legend.push((a.label.to_string(), Mark::Diamond, t.text));
    }
    (rows, legend)
}

/// The drawing's height: a row per chip and a heading per model.
pub fn height(
    points: &[ChipModelPoint],
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> u32 {
    let (rows, legend) = build(points, None, pinned, labels, look);
    Rows::new(&rows, labels.axis, false)
        .with_legend(&legend)
        .height()
}

/// Draws the rows; `current` is the reader's (chip, model), ringed where it is one of them;
/// `pinned`, scenario A while two are compared, a diamond where its chip and model are one.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[ChipModelPoint],
    current: Option<(&str, &str)>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let (rows, legend) = build(points, current, pinned, labels, look);
    Rows::new(&rows, labels.axis, false)
        .with_legend(&legend)
        .render(area, look)
}
