//! Chart: where one GPU slot's facility power goes while serving — board idle, memory
//! traffic, arithmetic, host (CPU, network, fans), cooling and losses (PUE).

use super::bars::{self, Row};
use super::{DrawResult, Look};
use crate::model::PowerSplit;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the split as one stacked bar per `(label, split)`; `parts` names the five parts.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, PowerSplit)],
    parts: [&str; 5],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let rows: Vec<Row> = rows
        .iter()
        .map(|(label, p)| Row {
            label: label.clone(),
            segments: vec![
                (p.gpu_idle_w, 5),
                (p.gpu_memory_w, 0),
                (p.gpu_compute_w, 1),
                (p.host_w, 2),
                (p.cooling_and_losses_w, 3),
            ],
        })
        .collect();
    // Colour index → name.
    let legend = [parts[1], parts[2], parts[3], parts[4], "", parts[0]];
    bars::draw(area, &rows, &legend, x_axis, false, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(Vec::new())
}
