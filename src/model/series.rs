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

use super::frontier::{self, FrontierInputs, FrontierPoint};
use super::step::Physics;
use super::{Batch, Precision};

/// Chips overlaid on the frontier chart: one per generation that matters for the story.
pub const FRONTIER_GPUS: [&str; 6] = [
    "a100-sxm",
    "h100-sxm",
    "h200-sxm",
    "b200",
    "gb200-nvl72",
    "gb300-nvl72",
];

/// A chip's Pareto frontier for the scenario's model and workload.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierSeries {
    pub gpu_id: String,
    pub label: String,
    pub precision: Precision,
    pub points: Vec<FrontierPoint>,
}

/// Frontiers of [`FRONTIER_GPUS`] (each at its narrowest supported precision, the way vendors
/// compare generations), for the scenario's model, prompt, answer and PUE.
pub fn frontiers(s: &Scenario) -> Vec<FrontierSeries> {
    let c = catalogue();
    let Some(model) = c.model(&s.model) else {
        return Vec::new();
    };
    let inputs = FrontierInputs {
        prompt: f64::from(s.prompt_tokens.max(1)),
        output: f64::from(s.output_tokens.max(1)),
        pue: if s.pue.is_finite() {
            s.pue.clamp(1.0, 3.0)
        } else {
            1.3
        },
    };
    let ph = Physics::from_catalogue();
    FRONTIER_GPUS
        .iter()
        .filter_map(|id| c.gpu(id))
        .map(|g| {
            let p = Precision::narrowest(g);
            FrontierSeries {
                gpu_id: g.id.clone(),
                label: format!("{} {}", g.short, p.as_str().to_ascii_uppercase()),
                precision: p,
                points: frontier::frontier(g, model, p, &inputs, &ph),
            }
        })
        .collect()
}

/// Every configuration of every chip at every precision it supports, for the scenario's model:
/// the full sweep the benchmark times. Returns the number of configurations evaluated.
pub fn full_sweep(s: &Scenario) -> usize {
    let c = catalogue();
    let Some(model) = c.model(&s.model) else {
        return 0;
    };
    let inputs = FrontierInputs {
        prompt: f64::from(s.prompt_tokens.max(1)),
        output: f64::from(s.output_tokens.max(1)),
        pue: 1.3,
    };
    let ph = Physics::from_catalogue();
    c.gpus
        .iter()
        .flat_map(|g| Precision::supported(g).into_iter().map(move |p| (g, p)))
        .map(|(g, p)| frontier::sweep(g, model, p, &inputs, &ph).len())
        .sum()
}

/// $ per million output tokens against the electricity price, at three utilisations.
///
/// # Formula
/// The scenario re-evaluated at `usd_per_kwh ∈ [0, 0.4]` (9 steps) and utilisation
/// `{0.3, the scenario's, 0.9}`.
pub fn cost_vs_electricity(s: &Scenario) -> Vec<(f64, Vec<(f64, f64)>)> {
    let mut utils = vec![0.3, s.utilization, 0.9];
    utils.sort_by(f64::total_cmp);
    utils.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    utils
        .into_iter()
        .map(|u| {
            let pts = (0..=8)
                .map(|i| {
                    let mut sc = s.clone();
                    sc.utilization = u;
                    sc.usd_per_kwh = 0.05 * f64::from(i);
                    (
                        sc.usd_per_kwh,
                        evaluate(&sc).serving.usd_per_million_output_tokens,
                    )
                })
                .collect();
            (u, pts)
        })
        .collect()
}

/// One bar of the export-rules comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ChipModelPoint {
    pub gpu_id: String,
    pub gpu_label: String,
    pub model_id: String,
    pub model_label: String,
    /// Output tokens per kJ of facility energy.
    pub tokens_per_kj: f64,
    /// Output tokens per US dollar of total cost.
    pub tokens_per_usd: f64,
}

/// Chips compared in the export-rules section.
pub const EXPORT_GPUS: [&str; 5] = ["h100-sxm", "h800", "h20", "ascend-910b", "ascend-910c"];
/// Models compared there: DeepSeek-R1's MoE against a dense 70B.
pub const EXPORT_MODELS: [&str; 2] = ["deepseek-r1", "llama-3.1-70b"];

/// Tokens per joule and per dollar for each export-relevant chip and model, at the scenario's
/// workload and interactivity, each chip at its narrowest precision (FP8 where it has one).
pub fn export_chips(s: &Scenario) -> Vec<ChipModelPoint> {
    let c = catalogue();
    let mut out = Vec::new();
    for m in EXPORT_MODELS.iter().filter_map(|id| c.model(id)) {
        for g in EXPORT_GPUS.iter().filter_map(|id| c.gpu(id)) {
            let mut sc = s.clone();
            sc.gpu = g.id.clone();
            sc.model = m.id.clone();
            sc.precision = Precision::narrowest(g);
            sc.gpus_per_replica = g.scale_up_gpus.min(16);
            if matches!(sc.batch, Batch::Fixed(_)) {
                sc.batch = Batch::Interactivity(30.0);
            }
            let o = evaluate(&sc);
            out.push(ChipModelPoint {
                gpu_id: g.id.clone(),
                gpu_label: g.short.clone(),
                model_id: m.id.clone(),
                model_label: m.short.clone(),
                tokens_per_kj: 1000.0 / o.serving.facility_joules_per_output_token,
                tokens_per_usd: 1e6 / o.serving.usd_per_million_output_tokens,
            });
        }
    }
    out
}

/// $ per million output tokens for the scenario and for variants changing one knob each:
/// German electricity (0.20 $/kWh), 30 % utilisation, a 3-year and an 8-year hardware life.
pub fn cost_variants(s: &Scenario) -> Vec<(&'static str, super::cost::CostBreakdown)> {
    type Variant = (&'static str, fn(&mut Scenario));
    let variants: [Variant; 5] = [
        ("scenario", |_| {}),
        ("electricity_de", |s| s.usd_per_kwh = 0.20),
        ("utilization_30", |s| s.utilization = 0.3),
        ("lifetime_3", |s| s.lifetime_years = 3.0),
        ("lifetime_8", |s| s.lifetime_years = 8.0),
    ];
    variants
        .iter()
        .map(|(k, f)| {
            let mut sc = s.clone();
            f(&mut sc);
            (*k, evaluate(&sc).serving.cost_breakdown)
        })
        .collect()
}
