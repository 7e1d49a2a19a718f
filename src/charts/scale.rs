//! Chart: the factory's electricity use per year beside sourced references (a real campus,
//! all US data centres, a country), on a log axis; the reader's factory ringed.

use super::bars::{Bar, Row, Rows};
use super::{DrawResult, Look};
use plotters::coord::Shift;
use plotters::prelude::*;

fn build(rows: &[(String, f64, usize)], unit: &str, look: &Look) -> Vec<Row> {
    let t = &look.theme;
    rows.iter()
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
        .collect()
}

/// The drawing's height: a row per bar.
pub fn height(rows: &[(String, f64, usize)], x_axis: &str, look: &Look) -> u32 {
    Rows::new(&build(rows, "", look), x_axis, true).height()
}

/// Draws one bar per `(label, value, colour index)`, the first the reader's factory; `unit`
/// follows each value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, f64, usize)],
    x_axis: &str,
    unit: &str,
    look: &Look,
) -> DrawResult {
    let r = build(rows, unit, look);
    let spots = Rows::new(&r, x_axis, true).draw(area, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(spots)
}
