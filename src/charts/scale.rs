//! Chart: the factory's electricity use per year beside sourced references (a real campus,
//! all US data centres, a country), on a log axis; the reader's factory ringed, scenario A's
//! in a row of its own while two are compared.

use super::bars::{Bar, Row, Rows};
use super::{DrawResult, Look};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Scenario A while two are compared: its factory's electricity per year (a row of its own
/// after the reader's factory, labelled `label`, in its colour).
pub type Pinned<'a> = super::Pinned<'a, f64>;

fn build(
    rows: &[(String, f64, usize)],
    pinned: Option<Pinned>,
    unit: &str,
    look: &Look,
) -> Vec<Row> {
    let t = &look.theme;
    let mut rows = rows.to_vec();
    let a_at = pinned.map(|a| {
        let i = rows.len().min(1);
        let colour = rows.first().map_or(0, |r| r.2);
        rows.insert(i, (a.label.to_string(), a.at, colour));
        i
    });
    let mut out: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, v, c))| Row {
            label: label.clone(),
            bars: vec![Bar::new(
                *v,
                t.series[c % t.series.len()],
                format!("{label}: {} {unit}", look.read(*v)),
            )],
            value: format!("{} {unit}", look.read(*v)),
            // The first row is the reader's factory.
            scenario: (i == 0).then_some(*v),
            ..Row::default()
        })
        .collect();
    if let (Some(a), Some(r)) = (pinned, a_at.and_then(|i| out.get_mut(i))) {
        *r = std::mem::take(r).pinned(a.hover, look);
    }
    out
}

/// The drawing's height: a row per bar.
pub fn height(
    rows: &[(String, f64, usize)],
    pinned: Option<Pinned>,
    x_axis: &str,
    look: &Look,
) -> u32 {
    Rows::new(&build(rows, pinned, "", look), x_axis, true).height()
}

/// Draws one bar per `(label, value, colour index)`, the first the reader's factory, and
/// scenario A's after it while two are compared; `unit` follows each value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, f64, usize)],
    pinned: Option<Pinned>,
    x_axis: &str,
    unit: &str,
    look: &Look,
) -> DrawResult {
    let r = build(rows, pinned, unit, look);
    Rows::new(&r, x_axis, true).render(area, look)
}
