//! Series the charts plot, computed from the model (charts only draw what they are given).

use super::{Outcome, Scenario, evaluate};
use crate::data::catalogue;

/// One accelerator's figures for the scenario's model and workload.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationPoint {
    pub gpu_id: String,
    pub label: String,
    pub year: u16,
    pub vendor: String,
    pub gpu_joules_per_output_token: f64,
    pub facility_joules_per_output_token: f64,
    pub outcome_precision: &'static str,
}

/// The scenario evaluated on every accelerator in the catalogue, oldest first.
///
/// # Formula
/// For each chip: the scenario with `gpu` replaced (precision: the one chosen, or the nearest
/// the chip supports; replica raised until the weights fit), then [`evaluate`].
pub fn generations(s: &Scenario) -> Vec<GenerationPoint> {
    let mut pts: Vec<GenerationPoint> = catalogue()
        .gpus
        .iter()
        .map(|g| {
            let mut sc = s.clone();
            sc.gpu = g.id.clone();
            let o: Outcome = evaluate(&sc);
            GenerationPoint {
                gpu_id: g.id.clone(),
                label: g.short.clone(),
                year: g.year,
                vendor: g.vendor.clone(),
                gpu_joules_per_output_token: o.serving.gpu_joules_per_output_token,
                facility_joules_per_output_token: o.serving.facility_joules_per_output_token,
                outcome_precision: o.precision.as_str(),
            }
        })
        .collect();
    pts.sort_by_key(|p| p.year);
    pts
}
