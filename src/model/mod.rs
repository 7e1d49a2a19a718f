//! The model: a [`Scenario`] in, an [`Outcome`] out. Pure Rust, no web dependency.
//!
//! Two stages, memoised apart by callers: [`serve`] (the physics: chip, model, precision,
//! replica, batch, lengths) and [`economics()`] (facility energy, cost, power split, factory
//! from PUE, prices, utilisation, lifetime and site power); [`evaluate`] runs both.
//!
//! Layers, each testable alone:
//! - [`params`]: the parameter table, every numeric knob of a [`Scenario`] defined once;
//! - [`arch`]: what a token costs a model (parameters, FLOPs, KV bytes);
//! - [`step`]: one step on one GPU (roofline with a power ceiling, board power);
//! - [`setup`]: what is fixed before the layout (precisions, the chip at them with the
//!   engine's kernels, memory rules); [`stage`]: what one pipeline stage's pass asks of a
//!   GPU (bytes, FLOPs, communication); [`serving`]: one deployment's decode step and prefill
//!   pass → tokens/s and joules;
//! - [`layout`]: how a replica's GPUs are split and which split serves best; [`batch`]: the
//!   batch a policy asks for; [`disagg`]: prefill and decode on separate pools;
//! - [`engine`]: which serving engine runs on the chip (the named one, or the best there);
//! - [`served`]: the physics stage; [`economics`](mod@economics): the economics stage;
//! - [`cost`]: dollars per token; [`carbon`]: CO₂ for the grid the reader picks;
//! - [`frontier`]: the throughput-vs-interactivity Pareto frontier;
//! - [`claims`]: vendor claims next to the model's own figures;
//! - [`series`]: what each chart plots;
//! - [`notice`]: typed notices (their words are in `crate::text`).

pub mod arch;
pub mod batch;
pub mod carbon;
pub mod claims;
pub mod cost;
pub mod disagg;
pub mod economics;
pub mod engine;
pub mod frontier;
pub mod layout;
pub mod notice;
pub mod num;
pub mod params;
pub mod precision;
pub mod series;
pub mod served;
pub mod serving;
pub mod setup;
pub mod site;
pub mod stage;
pub mod step;

pub use batch::choose_batch;
use cost::CostBreakdown;
pub use disagg::Pools;
pub use economics::economics;
pub use engine::BEST_ENGINE;
pub use layout::fitting_deployment;
pub use notice::Notice;
pub use precision::Precision;
use serde::Serialize;
pub use served::{MAX_GPUS_PER_REPLICA, Served, physics_key, serve};
use serving::{Layout, Precisions};
use step::Physics;

/// How the decode batch is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Batch {
    /// The largest batch whose KV cache fits (capped by the scheduler limit).
    Max,
    /// A fixed number of sequences per replica.
    Fixed(u32),
    /// The largest batch that still gives each user at least this many tokens/s.
    Interactivity(f64),
}

/// Disaggregated serving, as NVIDIA Dynamo and SGLang run it: prompts are prefilled on one
/// pool of GPUs, answers decoded on another, the KV cache sent between them. `gpus`, `tp`,
/// `ep` and `dp_attention` of the scenario then describe one decode worker.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Disagg {
    /// Whether serving is disaggregated (`disagg=1`).
    pub on: bool,
    /// GPUs of the prefill pool; `None`: as many as the decode pool.
    pub prefill_gpus: Option<u32>,
    /// GPUs of the decode pool; `None`: one decode worker (`gpus`).
    pub decode_gpus: Option<u32>,
    /// Tensor-parallel width of a prefill worker; `None`: the model chooses.
    pub prefill_tp: Option<u32>,
    /// Expert-parallel width of a prefill worker; `None`: the engines' usual.
    pub prefill_ep: Option<u32>,
}

/// Every input the reader can set. Defaults are documented on [`Scenario::default`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Accelerator id (`data/hardware.json`).
    pub gpu: String,
    /// Model id (`data/models.json`).
    pub model: String,
    pub precision: Precision,
    /// Weight storage, if not `precision` (`weights=fp4` with `precision=fp8`: W4A8).
    pub weights: Option<Precision>,
    /// KV-cache storage, if not the engine's default for `precision` ([`Precisions::for_engine`]).
    pub kv: Option<Precision>,
    /// Serving engine id (`data/engines.json`), or `best`: the best of them for the chip.
    pub engine: String,
    /// GPUs per serving replica.
    pub gpus_per_replica: u32,
    /// Tensor-parallel width forced by the link; `None`: the model chooses the layout.
    pub tp: Option<u32>,
    /// Expert-parallel width forced by the link (MoE models); `None`: the engines' usual.
    pub ep: Option<u32>,
    /// Data-parallel attention forced on or off; `None`: on for MLA models.
    pub dp_attention: Option<bool>,
    /// Under data-parallel attention, new prompts held until every rank has one and then
    /// prefilled on all ranks together (`Some(true)`), or each rank prefilling its own as they
    /// come (`Some(false)`); `None`: as the engine runs by default
    /// (`Engine::dp_balance_timeout_iters`).
    pub dp_balance: Option<bool>,
    /// Speculative decoding with the model's multi-token-prediction layers.
    pub mtp: bool,
    /// Draft tokens per step with `mtp`; `None`: as many as the engine usually drafts.
    pub drafts: Option<u32>,
    /// Prefill and decode on separate GPU pools ([`disagg`]).
    pub disagg: Disagg,
    pub batch: Batch,
    /// Cached tokens per sequence during decode; `None`: `prompt + output/2` (the average).
    pub context_tokens: Option<u32>,
    pub prompt_tokens: u32,
    pub output_tokens: u32,
    /// Facility power (grid connection), MW.
    pub facility_mw: f64,
    pub pue: f64,
    pub usd_per_kwh: f64,
    /// Share of the year the GPUs serve at the modelled rate (the rest they idle).
    pub utilization: f64,
    pub lifetime_years: f64,
    /// GPU price; `None`: the catalogue's estimate.
    pub gpu_price_usd: Option<f64>,
    /// Price at which output tokens are sold, USD per million.
    pub usd_per_mtok: f64,
    /// The electricity grid, by its id in `data/grids.json` (`grid=de`).
    pub grid: String,
    /// A grid intensity from the link, g CO₂/kWh (`grid=350`); wins over `grid`.
    pub grid_g_per_kwh: Option<f64>,
}

impl Default for Scenario {
    /// The baseline scenario, also the page's starting point: Llama 3.1 70B in FP8 on one
    /// 8×H100 HGX node; every numeric knob at its default in the parameter table
    /// ([`params::PARAMS`]), the sourced ones from `data/constants.json` (`default_*`).
    fn default() -> Scenario {
        let mut s = Scenario {
            gpu: "h100-sxm".into(),
            model: "llama-3.1-70b".into(),
            precision: Precision::Fp8,
            weights: None,
            kv: None,
            engine: BEST_ENGINE.into(),
            gpus_per_replica: 1,
            tp: None,
            ep: None,
            dp_attention: None,
            dp_balance: None,
            mtp: false,
            drafts: None,
            disagg: Disagg::default(),
            batch: Batch::Max,
            context_tokens: None,
            prompt_tokens: 1,
            output_tokens: 1,
            facility_mw: 1.0,
            pue: 1.0,
            usd_per_kwh: 0.0,
            utilization: 1.0,
            lifetime_years: 1.0,
            gpu_price_usd: None,
            usd_per_mtok: 1.0,
            grid: carbon::DEFAULT_GRID.into(),
            grid_g_per_kwh: None,
        };
        for p in params::PARAMS {
            p.set(&mut s, p.default_setting());
        }
        s
    }
}

/// A decode step or prefill pass, per GPU, as reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PhaseReport {
    /// Sequences in the step.
    pub batch: f64,
    /// Cached context (decode) or prompt length (prefill), tokens.
    pub tokens: f64,
    pub tokens_per_s_per_gpu: f64,
    pub gpu_power_w: f64,
    pub gpu_joules_per_token: f64,
    pub step_ms: f64,
    pub regime: step::Regime,
    pub hbm_utilization: f64,
    pub compute_utilization: f64,
    /// Clock as a share of the datasheet clock (below 1: the power limit binds).
    pub clock: f64,
    /// Time of one stage pass by operator (pipeline stages multiply the step), ms.
    pub time_ms: PhaseTimes,
}

/// Time of one stage pass by operator, ms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PhaseTimes {
    /// Weight GEMMs (each its own roofline: weights from HBM, or FLOPs).
    pub gemm: f64,
    /// Attention over the KV cache.
    pub attention: f64,
    pub communication: f64,
    /// The engine's fixed costs per step and per layer.
    pub overhead: f64,
}

/// Serving figures per GPU and per request.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ServingReport {
    pub batch: f64,
    pub output_tokens_per_s_per_gpu: f64,
    pub total_tokens_per_s_per_gpu: f64,
    pub tokens_per_s_per_user: f64,
    pub gpu_power_w: f64,
    pub gpu_joules_per_output_token: f64,
    pub gpu_joules_per_total_token: f64,
    /// All-in: board + host power, idle time at the stated utilisation, × PUE.
    pub facility_joules_per_output_token: f64,
    pub facility_joules_per_total_token: f64,
    /// Facility energy of one request (prompt + answer), Wh.
    pub wh_per_request: f64,
    pub gpu_wh_per_request: f64,
    pub usd_per_million_output_tokens: f64,
    pub cost_breakdown: CostBreakdown,
    pub prefill_time_share: f64,
    /// Time to first token, s: the prompt's prefill (interleaved with decode, or on the
    /// prefill pool and sent to the decode pool), plus the wait when prefill limits.
    pub ttft_s: f64,
    /// Output tokens/s per MW of facility power while serving.
    pub tokens_per_s_per_mw: f64,
}

/// Where one GPU slot's facility power goes while serving, W.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PowerSplit {
    pub gpu_idle_w: f64,
    pub gpu_memory_w: f64,
    pub gpu_compute_w: f64,
    pub host_w: f64,
    pub cooling_and_losses_w: f64,
    pub total_w: f64,
}

/// The whole site.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Factory {
    pub gpus: f64,
    pub replicas: f64,
    pub racks: f64,
    /// Provisioned IT power (server maximum + cluster overhead per GPU), MW.
    pub it_mw: f64,
    /// Provisioned power at the grid connection (critical IT capacity × design-day PUE), MW:
    /// what the site is built for and GPUs per MW follow.
    pub facility_mw: f64,
    /// Average facility draw over the year at the stated utilisation and annual PUE, MW:
    /// what the energy per year, the electricity bill and the carbon follow.
    pub average_facility_mw: f64,
    /// Output tokens/s with every GPU serving.
    pub tokens_per_s: f64,
    /// Output tokens per day at the stated utilisation.
    pub tokens_per_day: f64,
    pub energy_gwh_per_year: f64,
    pub capex_usd: f64,
    pub hardware_capex_usd: f64,
    pub facility_capex_usd: f64,
    pub annual_cost_usd: f64,
    pub revenue_usd_per_year: f64,
    pub margin_usd_per_year: f64,
    /// Capex / (revenue − running costs); `None` when it never pays back.
    pub payback_years: Option<f64>,
}

/// Everything the page and the CLI show for a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The catalogue ids used (the defaults if the scenario's were unknown; see `warnings`).
    pub gpu: &'static str,
    pub model: &'static str,
    /// The precision of the weight GEMMs' arithmetic (may differ from the one asked for; see
    /// `warnings`).
    pub precision: Precision,
    /// Weight, arithmetic and KV-cache precisions.
    pub precisions: Precisions,
    /// The serving engine (`best` resolves to one per chip).
    pub engine: &'static str,
    pub layout: Layout,
    /// Attention data-parallel within an instance (each GPU its own sequences, as engines run
    /// DeepSeek's latent attention or `tp=1&ep=8`), or tensor-parallel like the rest.
    pub dp_attention: bool,
    /// The prefill and decode pools when serving is disaggregated (`layout`: the decode pool);
    /// absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pools: Option<disagg::Pools>,
    pub decode: PhaseReport,
    pub prefill: PhaseReport,
    pub serving: ServingReport,
    pub power: PowerSplit,
    pub factory: Factory,
    /// CO₂ of the facility's energy on the scenario's grid.
    pub carbon: carbon::Carbon,
    pub warnings: Vec<Notice>,
}

/// [`Scenario::default`], built once.
pub(crate) fn defaults() -> &'static Scenario {
    static DEFAULT: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Scenario::default)
}

/// Evaluates a scenario with the catalogue's calibrated constants.
pub fn evaluate(s: &Scenario) -> Outcome {
    static PHYSICS: std::sync::OnceLock<Physics> = std::sync::OnceLock::new();
    evaluate_with(s, PHYSICS.get_or_init(Physics::from_catalogue))
}

/// Evaluates a scenario with the given physics constants (used by the calibration fit).
///
/// # Formula
/// [`economics()`] of [`serve`]: the physics stage (chip, model, precision, replica, batch,
/// lengths), then the economics stage (facility energy, cost, power split, factory).
pub fn evaluate_with(s: &Scenario, physics: &Physics) -> Outcome {
    economics(s, &serve(s, physics))
}
