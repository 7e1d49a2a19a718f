//! Chart: where one GPU slot's facility power goes while serving — board idle, memory
//! traffic, arithmetic, host (CPU, network, fans), cooling and losses (PUE); scenario A's
//! split in a row of its own while two are compared.

use super::bars::{Row, Stacked, with_pinned};
use super::{DrawResult, Look};
use crate::model::PowerSplit;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Scenario A while two are compared: its split (a row of its own after the scenario's,
/// labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, PowerSplit>;

fn build<'a>(
    rows: &[(String, PowerSplit)],
    pinned: Option<Pinned>,
    parts: [&'a str; 5],
    x_axis: &'a str,
    look: &Look,
) -> (Vec<Row>, Stacked<'a, 5>) {
    let t = &look.theme;
    let colours = [
        t.series[5],
        t.series[0],
        t.series[1],
        t.series[2],
        t.series[3],
    ];
    let stacked = Stacked {
        parts,
        colours,
        x_axis,
    };
    let (rows, a_at) = with_pinned(rows, pinned);
    let mut out: Vec<Row> = rows
        .iter()
        .map(|(label, p)| {
            let (bars, end) = stacked.bars(
                [
                    p.gpu_idle_w,
                    p.gpu_memory_w,
                    p.gpu_compute_w,
                    p.host_w,
                    p.cooling_and_losses_w,
                ],
                |name, v| format!("{name}: {} W", look.read(v)),
            );
            Row {
                label: label.clone(),
                bars,
                value: format!("{} W", look.read(end)),
                // Every row here is the reader's scenario (but A's: `Row::pinned`).
                scenario: Some(end),
                ..Row::default()
            }
        })
        .collect();
    stacked.pin(&mut out, a_at, pinned.map(|a| a.hover), look);
    (out, stacked)
}

/// The drawing's height: a row per split, and the legend.
pub fn height(
    rows: &[(String, PowerSplit)],
    pinned: Option<Pinned>,
    parts: [&str; 5],
    x_axis: &str,
    look: &Look,
) -> u32 {
    let (r, stacked) = build(rows, pinned, parts, x_axis, look);
    stacked.height(&r)
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
    let (r, stacked) = build(rows, pinned, parts, x_axis, look);
    stacked.draw(area, &r, look)
}
