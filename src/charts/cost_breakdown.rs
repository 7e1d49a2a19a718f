//! Chart: $ per million output tokens as stacked parts (hardware, building, electricity,
//! other), for the scenario (ringed), scenario A while two are compared (a diamond at its
//! total), and for variants of the scenario that change one knob.

use super::bars::{Bar, Row, Rows, with_pinned};
use super::{DrawResult, Look, Mark};
use crate::model::cost::CostBreakdown;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Scenario A while two are compared: its cost in parts (a row of its own after the
/// scenario's, labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, CostBreakdown>;

fn build(
    rows: &[(String, CostBreakdown)],
    pinned: Option<Pinned>,
    parts: [&str; 4],
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    // Hardware, building, electricity, other: the colour indices of the house palette.
    let colours = [t.series[0], t.series[1], t.series[3], t.series[2]];
    let (rows, a_at) = with_pinned(rows, pinned);
    let mut out: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, b))| {
            let mut x = 0.0;
            let bars = [b.hardware, b.facility, b.electricity, b.other]
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
                        hover: format!("{label} · {name}: {} $", look.read(v)),
                    };
                    x += v;
                    bar
                })
                .collect();
            Row {
                label: label.clone(),
                bars,
                value: format!("{} $", look.read(b.total)),
                // The first row is the reader's scenario.
                scenario: (i == 0).then_some(x),
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

/// The drawing's height: a row per case.
pub fn height(
    rows: &[(String, CostBreakdown)],
    pinned: Option<Pinned>,
    parts: [&str; 4],
    x_axis: &str,
    look: &Look,
) -> u32 {
    let (r, legend) = build(rows, pinned, parts, look);
    let mut chart = Rows::new(&r, x_axis, false);
    chart.legend = &legend;
    chart.height()
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
    let (r, legend) = build(rows, pinned, parts, look);
    let mut chart = Rows::new(&r, x_axis, false);
    chart.legend = &legend;
    let spots = chart.draw(area, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(spots)
}
