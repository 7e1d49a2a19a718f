//! Chart: the factory's electricity use per year beside sourced references (a real campus,
//! all US data centres, a country), on a log axis.

use super::bars::{self, Row};
use super::{DrawResult, Look};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws one bar per `(label, TWh per year, colour index)`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, f64, usize)],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let rows: Vec<Row> = rows
        .iter()
        .map(|(label, v, c)| Row {
            label: label.clone(),
            segments: vec![(*v, *c)],
        })
        .collect();
    bars::draw(area, &rows, &[], x_axis, true, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(Vec::new())
}
