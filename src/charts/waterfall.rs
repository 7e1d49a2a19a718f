//! Chart: NVIDIA's 17,000 J → 0.4 J claim split into factors. A row per step, its bar
//! floating on a log axis from the energy per token before it to the energy after it, the
//! claim's two ends as labelled rows at the top and the bottom, and the gap between the
//! model's end point and the claimed 0.4 J as the last bar.

use super::bars::{Bar, Row, Rows};
use super::palette::{Family, claim_colour};
use super::{DrawResult, Look};
use crate::model::claims::{Claimed, WaterfallStep};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart.
pub struct Labels<'a> {
    /// The steps' names, in order (start, memory, …).
    pub steps: &'a [String],
    /// The last bar's name (the gap to the claimed end).
    pub unexplained: &'a str,
    pub axis: &'a str,
    /// The claim's two rows' names (2016, 2024).
    pub claim_rows: [&'a str; 2],
    /// A claim's annotation from its value ("NVIDIA: 17,000 J").
    pub claim_value: &'a dyn Fn(f64) -> String,
    /// A step's value from its energy and factor ("1.2 J, ÷3.4").
    pub step_value: &'a dyn Fn(f64, f64) -> String,
}

fn build(steps: &[WaterfallStep], claimed: &Claimed, labels: &Labels, look: &Look) -> Vec<Row> {
    let t = &look.theme;
    let claim_c = claim_colour(t);
    let claim_row = |name: &str, v: f64| Row::claim(name, v, (labels.claim_value)(v), look);
    let mut rows = vec![claim_row(labels.claim_rows[0], claimed.pascal_j)];
    let mut prev: Option<f64> = None;
    for (i, s) in steps.iter().enumerate() {
        let j = s.gpu_joules_per_output_token;
        let name = labels.steps.get(i).cloned().unwrap_or_default();
        // The first bar is Pascal's, the last the Blackwell GB200's; the steps between save
        // (blue) or cost (vermillion) energy.
        let colour = match prev {
            None => Family::Pascal.colour(t),
            Some(_) if i + 1 == steps.len() => Family::Blackwell.colour(t),
            Some(p) if j <= p => Family::Hopper.colour(t),
            Some(_) => claim_c,
        };
        let hover = format!("{name}: {} J (×{})", look.read(j), look.read(s.factor));
        rows.push(Row {
            label: name,
            bars: vec![Bar {
                from: prev,
                to: j,
                colour,
                lane: (-8, 8),
                hover,
            }],
            value: if prev.is_some() {
                (labels.step_value)(j, s.factor)
            } else {
                format!("{} J", look.read(j))
            },
            ..Row::default()
        });
        prev = Some(j);
    }
    if let Some(end) = prev {
        let gap = end / claimed.blackwell_j;
        rows.push(Row {
            label: labels.unexplained.to_string(),
            bars: vec![Bar {
                from: Some(end),
                to: claimed.blackwell_j,
                colour: super::palette::tint(claim_c, t.background, 0.6),
                lane: (-8, 8),
                hover: format!("×{}", look.read(gap)),
            }],
            value: format!("×{}", look.read(gap)),
            ..Row::default()
        });
    }
    rows.push(claim_row(labels.claim_rows[1], claimed.blackwell_j));
    rows
}

/// The drawing's height: a row per step and claim.
pub fn height(steps: &[WaterfallStep], claimed: &Claimed, labels: &Labels, look: &Look) -> u32 {
    let rows = build(steps, claimed, labels, look);
    Rows::new(&rows, labels.axis, true).height()
}

/// Draws the waterfall.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: &[WaterfallStep],
    claimed: &Claimed,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let rows = build(steps, claimed, labels, look);
    Rows::new(&rows, labels.axis, true).render(area, look)
}
