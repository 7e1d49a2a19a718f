//! Chart: chips under export rules (H20, H800) against H100 and Huawei's Ascend, for an MoE
//! and a dense model: output tokens per kJ of facility energy (left) and per dollar (right).

use super::bars::{self, Row};
use super::{DrawResult, Look};
use crate::model::series::ChipModelPoint;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the two panels; `axes` are the two x-axis titles.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[ChipModelPoint],
    axes: [&str; 2],
    look: &Look,
) -> DrawResult {
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 / 2);
    let models: Vec<&str> = {
        let mut m: Vec<&str> = points.iter().map(|p| p.model_id.as_str()).collect();
        m.dedup();
        m
    };
    let row = |p: &ChipModelPoint, v: f64| Row {
        label: format!("{} · {}", p.gpu_label, p.model_label),
        segments: vec![(v, models.iter().position(|m| *m == p.model_id).unwrap_or(0))],
    };
    let a: Vec<Row> = points.iter().map(|p| row(p, p.tokens_per_kj)).collect();
    let b: Vec<Row> = points.iter().map(|p| row(p, p.tokens_per_usd)).collect();
    bars::draw(&left, &a, &[], axes[0], true, look)?;
    bars::draw(&right, &b, &[], axes[1], true, look)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(Vec::new())
}
