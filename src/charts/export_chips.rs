//! Chart: chips under export rules (H20, H800) against the H100 and Huawei's Ascend, for an
//! MoE and a dense model: output tokens per kilojoule of facility energy and per dollar, each
//! as a share of the H100's for the same model, a row per chip in its family's colour.

use super::bars::{Bar, Row, Rows};
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

fn build(
    points: &[ChipModelPoint],
    current: Option<(&str, &str)>,
    labels: &Labels,
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    let shares = shares(points);
    let mut rows = Vec::new();
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
            rows.push(Row {
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
            });
        }
    }
    let legend = vec![
        (labels.per_kj.to_string(), Mark::Square, t.text),
        (
            labels.per_usd.to_string(),
            Mark::Square,
            tint(t.text, t.background, 0.45),
        ),
    ];
    (rows, legend)
}

/// The drawing's height: a row per chip and a heading per model.
pub fn height(points: &[ChipModelPoint], labels: &Labels, look: &Look) -> u32 {
    let (rows, legend) = build(points, None, labels, look);
    let mut chart = Rows::new(&rows, labels.axis, false);
    chart.legend = &legend;
    chart.height()
}

/// Draws the rows; `current` is the reader's (chip, model), ringed where it is one of them.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[ChipModelPoint],
    current: Option<(&str, &str)>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let (rows, legend) = build(points, current, labels, look);
    let mut chart = Rows::new(&rows, labels.axis, false);
    chart.legend = &legend;
    let spots = chart.draw(area, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(spots)
}
