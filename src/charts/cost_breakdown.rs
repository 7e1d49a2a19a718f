//! Chart: $ per million output tokens as stacked parts (hardware, building, electricity,
//! other), for the scenario (ringed), scenario A while two are compared (a diamond at its
//! total), and for variants of the scenario that change one knob.

use super::bars::{Row, Stacked, with_pinned};
use super::{DrawResult, Look};
use crate::model::cost::CostBreakdown;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Scenario A while two are compared: its cost in parts (a row of its own after the
/// scenario's, labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, CostBreakdown>;

fn build<'a>(
    rows: &[(String, CostBreakdown)],
    pinned: Option<Pinned>,
    parts: [&'a str; 4],
    x_axis: &'a str,
    look: &Look,
) -> (Vec<Row>, Stacked<'a, 4>) {
    let t = &look.theme;
    // Hardware, building, electricity, other: the colour indices of the house palette.
    let colours = [t.series[0], t.series[1], t.series[3], t.series[2]];
    let stacked = Stacked {
        parts,
        colours,
        x_axis,
    };
    let (rows, a_at) = with_pinned(rows, pinned);
    let mut out: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, b))| {
            let (bars, end) = stacked.bars(
                [b.hardware, b.facility, b.electricity, b.other],
                |name, v| format!("{label} · {name}: {} $", look.read(v)),
            );
            Row {
                label: label.clone(),
                bars,
                value: format!("{} $", look.read(b.total)),
                // The first row is the reader's scenario.
                scenario: (i == 0).then_some(end),
                ..Row::default()
            }
        })
        .collect();
    stacked.pin(&mut out, a_at, pinned.map(|a| a.hover), look);
    (out, stacked)
}

/// The drawing's height: a row per case.
pub fn height(
    rows: &[(String, CostBreakdown)],
    pinned: Option<Pinned>,
    parts: [&str; 4],
    x_axis: &str,
    look: &Look,
) -> u32 {
    let (r, stacked) = build(rows, pinned, parts, x_axis, look);
    stacked.height(&r)
}

/// Draws one stacked bar per `(label, breakdown)`, the first the reader's scenario, and
/// scenario A's after it while two are compared. `parts` names hardware, building,
/// electricity and other, in that order.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, CostBreakdown)],
    pinned: Option<Pinned>,
    parts: [&str; 4],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let (r, stacked) = build(rows, pinned, parts, x_axis, look);
    stacked.draw(area, &r, look)
}
