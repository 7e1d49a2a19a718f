//! Chart: $ per million output tokens as stacked parts (hardware, facility, electricity,
//! other), for the scenario and for variants that change one knob.

use super::bars::{self, Row};
use super::{DrawResult, Look};
use crate::model::cost::CostBreakdown;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws one stacked bar per `(label, breakdown)`. `parts` names hardware, facility,
/// electricity and other, in that order.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, CostBreakdown)],
    parts: [&str; 4],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let rows: Vec<Row> = rows
        .iter()
        .map(|(label, b)| Row {
            label: label.clone(),
            segments: vec![
                (b.hardware, 0),
                (b.facility, 1),
                (b.electricity, 3),
                (b.other, 2),
            ],
        })
        .collect();
    // Legend order follows the colour indices used above.
    let legend = [parts[0], parts[1], parts[3], parts[2]];
    bars::draw(area, &rows, &legend, x_axis, false, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(Vec::new())
}
