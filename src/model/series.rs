//! Series the charts plot, computed from the model (charts only draw what they are given).
//!
//! Each series that re-evaluates the scenario under variations takes the physics stage
//! ([`Served`]) apart from the economics: variations of prices, PUE or utilisation call
//! [`economics()`] on one [`Served`], and only variations of chip, model or layout call
//! [`serve`]. Callers (the page) memoise the two stages separately.

use super::served::{Served, physics_key, serve};
use super::step::Physics;
use super::{Outcome, Scenario, economics};
use crate::data::catalogue;

/// The calibrated physics constants, read once.
fn physics() -> &'static Physics {
    static PHYSICS: std::sync::OnceLock<Physics> = std::sync::OnceLock::new();
    PHYSICS.get_or_init(Physics::from_catalogue)
}

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

/// The physics stage of the scenario on every accelerator in the catalogue, in catalogue
/// order: the scenario with `gpu` replaced (precision: the one chosen, or the nearest the
/// chip supports; replica raised until the weights fit). Reads only the physics fields.
pub fn served_on_every_gpu(s: &Scenario) -> Vec<Served> {
    let key = physics_key(s);
    catalogue()
        .gpus
        .iter()
        .map(|g| {
            let mut sc = key.clone();
            sc.gpu = g.id.clone();
            serve(&sc, physics())
        })
        .collect()
}

/// Energy per output token on every accelerator, oldest first.
///
/// # Formula
/// For each chip: [`economics()`] of its [`served_on_every_gpu`] entry under the scenario's
/// PUE and utilisation.
pub fn generation_points(s: &Scenario, served: &[Served]) -> Vec<GenerationPoint> {
    let mut pts: Vec<GenerationPoint> = served
        .iter()
        .map(|sv| {
            let o: Outcome = economics(s, sv);
            let g = sv.gpu;
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

/// [`generation_points`] of [`served_on_every_gpu`] in one call.
pub fn generations(s: &Scenario) -> Vec<GenerationPoint> {
    generation_points(s, &served_on_every_gpu(s))
}

use super::frontier::{self, FrontierInputs, FrontierPoint};
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

/// The catalogue's copy of an engine id (`best` for an unknown one), for inputs that keep it.
pub fn engine_id(id: &str) -> &'static str {
    catalogue()
        .engine(id)
        .map_or(super::BEST_ENGINE, |e| e.id.as_str())
}

/// What [`frontiers_for`] reads of a scenario: the model, the engine and the lengths. Not the
/// PUE: it scales every point's tokens/s per MW alike, so it moves no point on or off a
/// frontier and is applied afterwards ([`at_pue`]), without sweeping again.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontiersKey {
    pub model: String,
    pub engine: String,
    pub prompt: u32,
    pub output: u32,
}

impl FrontiersKey {
    pub fn of(s: &Scenario) -> FrontiersKey {
        FrontiersKey {
            model: s.model.clone(),
            engine: s.engine.clone(),
            prompt: s.prompt_tokens,
            output: s.output_tokens,
        }
    }
}

/// Frontiers of [`FRONTIER_GPUS`] (each at its narrowest supported precision, the way vendors
/// compare generations), for the scenario's model, prompt, answer and PUE.
pub fn frontiers(s: &Scenario) -> Vec<FrontierSeries> {
    at_pue(&frontiers_for(&FrontiersKey::of(s)), s.pue)
}

/// Frontiers at a PUE from the same frontiers at PUE 1 ([`frontiers_for`]).
///
/// # Formula
/// Every point's `tokens_per_s_per_mw / PUE` (the PUE within `[1, 3]`, 1.3 if not a number):
/// facility power is the IT power (board + host) times the PUE.
pub fn at_pue(unit: &[FrontierSeries], pue: f64) -> Vec<FrontierSeries> {
    let pue = if pue.is_finite() {
        pue.clamp(1.0, 3.0)
    } else {
        1.3
    };
    unit.iter()
        .map(|f| FrontierSeries {
            points: f
                .points
                .iter()
                .map(|p| FrontierPoint {
                    tokens_per_s_per_mw: p.tokens_per_s_per_mw / pue,
                    ..*p
                })
                .collect(),
            ..f.clone()
        })
        .collect()
}

/// [`frontiers`] from its key, at PUE 1 (tokens/s per MW of IT power: [`at_pue`] gives the
/// facility's).
pub fn frontiers_for(k: &FrontiersKey) -> Vec<FrontierSeries> {
    let c = catalogue();
    let chips: Vec<(&str, Precision)> = FRONTIER_GPUS
        .iter()
        .filter_map(|id| c.gpu(id))
        .map(|g| (g.id.as_str(), Precision::narrowest(g)))
        .collect();
    frontiers_of(k, &chips)
}

/// The frontiers of the given chips at the given precisions (the nearest each supports), for
/// the key's model and lengths, at PUE 1 ([`at_pue`]).
pub fn frontiers_of(k: &FrontiersKey, chips: &[(&str, Precision)]) -> Vec<FrontierSeries> {
    let c = catalogue();
    let Some(model) = c.model(&k.model) else {
        return Vec::new();
    };
    let inputs = FrontierInputs {
        engine: engine_id(&k.engine),
        prompt: f64::from(k.prompt.max(1)),
        output: f64::from(k.output.max(1)),
        pue: 1.0,
    };
    let ph = physics();
    chips
        .iter()
        .filter_map(|(id, p)| c.gpu(id).map(|g| (g, p.supported_on(g))))
        .map(|(g, p)| FrontierSeries {
            gpu_id: g.id.clone(),
            label: format!("{} {}", g.short, p.as_str().to_ascii_uppercase()),
            precision: p,
            points: frontier::frontier(g, model, p, &inputs, ph),
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
        engine: engine_id(&s.engine),
        prompt: f64::from(s.prompt_tokens.max(1)),
        output: f64::from(s.output_tokens.max(1)),
        pue: 1.3,
    };
    let ph = physics();
    c.gpus
        .iter()
        .flat_map(|g| Precision::supported(g).into_iter().map(move |p| (g, p)))
        .map(|(g, p)| frontier::sweep(g, model, p, &inputs, ph).len())
        .sum()
}

/// $ per million output tokens against the electricity price, at three utilisations.
///
/// # Formula
/// [`economics()`] of the scenario's [`Served`] at `usd_per_kwh ∈ [0, 0.4]` (9 steps) and
/// utilisation `{0.3, the scenario's, 0.9}`.
pub fn cost_vs_electricity(s: &Scenario, served: &Served) -> Vec<(f64, Vec<(f64, f64)>)> {
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
                        economics(&sc, served).serving.usd_per_million_output_tokens,
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

/// What [`export_served_for`] reads of a scenario: the batch policy and the lengths (chip,
/// model, precision and replica are the comparison's own).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportKey {
    pub batch: Batch,
    pub context: Option<u32>,
    pub prompt: u32,
    pub output: u32,
}

impl ExportKey {
    pub fn of(s: &Scenario) -> ExportKey {
        ExportKey {
            batch: s.batch,
            context: s.context_tokens,
            prompt: s.prompt_tokens,
            output: s.output_tokens,
        }
    }
}

/// The physics stage of every export-relevant chip and model ([`EXPORT_MODELS`] ×
/// [`EXPORT_GPUS`]), at the scenario's workload and interactivity, each chip at its narrowest
/// precision (FP8 where it has one) on one scale-up domain (at most 16 GPUs). A fixed batch
/// becomes 30 tokens/s per user, so every chip is compared at the same speed.
pub fn export_served(s: &Scenario) -> Vec<Served> {
    export_served_for(&ExportKey::of(s))
}

/// [`export_served`] from its key.
pub fn export_served_for(k: &ExportKey) -> Vec<Served> {
    export_pairs_served(k, &EXPORT_MODELS, &EXPORT_GPUS)
}

/// The physics stage of each model × chip, compared as [`export_served`] compares them.
pub fn export_pairs_served(k: &ExportKey, models: &[&str], gpus: &[&str]) -> Vec<Served> {
    let c = catalogue();
    let mut out = Vec::new();
    for m in models.iter().filter_map(|id| c.model(id)) {
        for g in gpus.iter().filter_map(|id| c.gpu(id)) {
            let sc = Scenario {
                gpu: g.id.clone(),
                model: m.id.clone(),
                precision: Precision::narrowest(g),
                gpus_per_replica: g.scale_up_gpus.min(16),
                batch: match k.batch {
                    Batch::Fixed(_) => Batch::Interactivity(30.0),
                    b => b,
                },
                context_tokens: k.context,
                prompt_tokens: k.prompt,
                output_tokens: k.output,
                ..Scenario::default()
            };
            out.push(serve(&sc, physics()));
        }
    }
    out
}

/// Tokens per joule and per dollar for each entry of [`export_served`], under the
/// scenario's economics.
pub fn export_points(s: &Scenario, served: &[Served]) -> Vec<ChipModelPoint> {
    served
        .iter()
        .map(|sv| {
            let o = economics(s, sv);
            ChipModelPoint {
                gpu_id: sv.gpu.id.clone(),
                gpu_label: sv.gpu.short.clone(),
                model_id: sv.model.id.clone(),
                model_label: sv.model.short.clone(),
                tokens_per_kj: 1000.0 / o.serving.facility_joules_per_output_token,
                tokens_per_usd: 1e6 / o.serving.usd_per_million_output_tokens,
            }
        })
        .collect()
}

/// [`export_points`] of [`export_served`] in one call.
pub fn export_chips(s: &Scenario) -> Vec<ChipModelPoint> {
    export_points(s, &export_served(s))
}

/// A variant of the scenario in the cost chart: one knob changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostVariant {
    /// The scenario as it is.
    Scenario,
    /// German industrial electricity (`de_industrial_usd_per_kwh`).
    GermanElectricity,
    /// 30 % utilisation.
    Utilization30,
    /// A 3-year hardware life.
    Lifetime3,
    /// An 8-year hardware life.
    Lifetime8,
}

impl CostVariant {
    /// Every variant, in the chart's order.
    pub const ALL: [CostVariant; 5] = [
        CostVariant::Scenario,
        CostVariant::GermanElectricity,
        CostVariant::Utilization30,
        CostVariant::Lifetime3,
        CostVariant::Lifetime8,
    ];

    /// The scenario with this variant's knob changed.
    pub fn apply(self, s: &Scenario) -> Scenario {
        let mut sc = s.clone();
        match self {
            CostVariant::Scenario => {}
            CostVariant::GermanElectricity => {
                sc.usd_per_kwh = catalogue().constant("de_industrial_usd_per_kwh")
            }
            CostVariant::Utilization30 => sc.utilization = 0.3,
            CostVariant::Lifetime3 => sc.lifetime_years = 3.0,
            CostVariant::Lifetime8 => sc.lifetime_years = 8.0,
        }
        sc
    }
}

/// $ per million output tokens for the scenario and for each [`CostVariant`].
///
/// # Formula
/// [`economics()`] of the scenario's [`Served`] under each variant (none changes the physics).
pub fn cost_variants(
    s: &Scenario,
    served: &Served,
) -> Vec<(CostVariant, super::cost::CostBreakdown)> {
    CostVariant::ALL
        .iter()
        .map(|v| (*v, economics(&v.apply(s), served).serving.cost_breakdown))
        .collect()
}

/// A bar of the scale chart: this factory's electricity beside references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleRef {
    /// The scenario's factory.
    ThisFactory,
    /// Stargate Abilene built with the scenario's configuration.
    Abilene,
    /// All US data centres, 2023.
    UsDataCentres,
    /// Germany's whole electricity use.
    Germany,
    /// The USA's whole electricity use.
    Usa,
}

/// Electricity per year, TWh, of the scenario's factory and of references.
///
/// # Formula
/// This factory: `energy_gwh_per_year / 1000`. Abilene: the same energy per MW of facility
/// power, at the campus's reported power (`abilene_campus_mw`). The rest are sourced
/// constants (`us_data_centres_twh_2023`, `de_electricity_twh_per_year`,
/// `us_electricity_twh_per_year`).
pub fn scale_references(o: &Outcome) -> Vec<(ScaleRef, f64)> {
    let c = catalogue();
    let ours = o.factory.energy_gwh_per_year / 1000.0;
    let per_mw = ours / o.factory.facility_mw.max(1e-9);
    vec![
        (ScaleRef::ThisFactory, ours),
        (ScaleRef::Abilene, per_mw * c.constant("abilene_campus_mw")),
        (
            ScaleRef::UsDataCentres,
            c.constant("us_data_centres_twh_2023"),
        ),
        (ScaleRef::Germany, c.constant("de_electricity_twh_per_year")),
        (ScaleRef::Usa, c.constant("us_electricity_twh_per_year")),
    ]
}
