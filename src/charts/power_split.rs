//! Chart: where one GPU slot's facility power goes while serving — board idle, memory
//! traffic, arithmetic, host (CPU, network, fans), cooling and losses (PUE); scenario A's
//! split in a row of its own while two are compared.

use super::bars::{Bar, Row, Rows, with_pinned};
use super::{DrawResult, Look, Mark};
use crate::model::PowerSplit;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Scenario A while two are compared: its split (a row of its own after the scenario's,
/// labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, PowerSplit>;

fn build(
    rows: &[(String, PowerSplit)],
    pinned: Option<Pinned>,
    parts: [&str; 5],
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    let colours = [
        t.series[5],
        t.series[0],
        t.series[1],
        t.series[2],
        t.series[3],
    ];
    let (rows, a_at) = with_pinned(rows, pinned);
    let mut out: Vec<Row> = rows
        .iter()
        .map(|(label, p)| {
            let mut x = 0.0;
            let bars = [
                p.gpu_idle_w,
                p.gpu_memory_w,
                p.gpu_compute_w,
                p.host_w,
                p.cooling_and_losses_w,
            ]
            .into_iter()
            .zip(colours)
            .zip(parts)
            .map(|((v, c), name)| {
                let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                let bar = Bar {
                    from: Some(x),
                    to: x + v,
                    colour: c,
                    lane: (-8, 8),
                    hover: format!("{name}: {} W", look.read(v)),
                };
                x += v;
                bar
            })
            .collect();
            Row {
                label: label.clone(),
                bars,
                value: format!("{} W", look.read(x)),
                // Every row here is the reader's scenario (but A's: `Row::pinned`).
                scenario: Some(x),
                ..Row::default()
            }
        })
        .collect();
    if let (Some(a), Some(r)) = (pinned, a_at.and_then(|i| out.get_mut(i))) {
        *r = std::mem::take(r).pinned(a.hover, look);
    }
    let legend = parts
        .iter()
        .zip(colours)
        .map(|(p, c)| (p.to_string(), Mark::Square, c))
        .collect();
    (out, legend)
}

/// The drawing's height: a row per split, and the legend.
pub fn height(
    rows: &[(String, PowerSplit)],
    pinned: Option<Pinned>,
    parts: [&str; 5],
    x_axis: &str,
    look: &Look,
) -> u32 {
    let (r, legend) = build(rows, pinned, parts, look);
    let mut chart = Rows::new(&r, x_axis, false);
    chart.legend = &legend;
    chart.height()
}

/// Draws the split as one stacked bar per `(label, split)`, and scenario A's after the first
/// while two are compared; `parts` names the five parts.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, PowerSplit)],
    pinned: Option<Pinned>,
    parts: [&str; 5],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let (r, legend) = build(rows, pinned, parts, look);
    let mut chart = Rows::new(&r, x_axis, false);
    chart.legend = &legend;
    let spots = chart.draw(area, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(spots)
}
