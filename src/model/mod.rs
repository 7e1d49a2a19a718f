//! The model: a [`Scenario`] in, an [`Outcome`] out. Pure Rust, no web dependency.
//!
//! Layers, each testable alone:
//! - [`arch`]: what a token costs a model (parameters, FLOPs, KV bytes);
//! - [`step`]: one step on one GPU (roofline with a power ceiling, board power);
//! - [`serving`]: replicas, batches, decode + prefill → tokens/s and joules;
//! - [`cost`]: dollars per token; [`evaluate`] adds the facility and the factory.
//! - [`frontier`]: the throughput-vs-interactivity Pareto frontier;
//! - [`claims`]: vendor claims next to the model's own figures.

pub mod arch;
pub mod claims;
pub mod cost;
pub mod frontier;
pub mod notice;
pub mod num;
pub mod precision;
pub mod series;
pub mod serving;
pub mod step;

use crate::data::{Gpu, LlmModel, catalogue};
use cost::{CostBreakdown, CostInputs};
pub use notice::Notice;
pub use precision::Precision;
use serde::Serialize;
use serving::{Deployment, Layout, PhaseResult, Serving};
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

/// Every input the reader can set. Defaults are documented on [`Scenario::default`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Accelerator id (`data/hardware.json`).
    pub gpu: String,
    /// Model id (`data/models.json`).
    pub model: String,
    pub precision: Precision,
    /// GPUs per serving replica (one copy of the model).
    pub gpus_per_replica: u32,
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
}

impl Default for Scenario {
    /// The baseline scenario, also the page's starting point:
    /// Llama 3.1 70B in FP8 on one 8×H100 HGX node, 1,024-token prompts and 512-token
    /// answers streamed at 30 tokens/s per user (faster than people read; estimate), a 100 MW air-cooled site (PUE 1.3, InferenceX power model) paying the US
    /// industrial average of 8.1 ¢/kWh (EIA 2023), 60 % utilisation (estimate), 5-year
    /// hardware life (Amazon's 2025 schedule), tokens sold at $2 per million (estimate).
    fn default() -> Scenario {
        Scenario {
            gpu: "h100-sxm".into(),
            model: "llama-3.1-70b".into(),
            precision: Precision::Fp8,
            gpus_per_replica: 8,
            batch: Batch::Interactivity(30.0),
            context_tokens: None,
            prompt_tokens: 1024,
            output_tokens: 512,
            facility_mw: 100.0,
            pue: 1.3,
            usd_per_kwh: 0.081,
            utilization: 0.6,
            lifetime_years: 5.0,
            gpu_price_usd: None,
            usd_per_mtok: 2.0,
        }
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
    /// Provisioned IT power (TDP + host per GPU), MW.
    pub it_mw: f64,
    pub facility_mw: f64,
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
    /// The precision used (may differ from the one asked for; see `warnings`).
    pub precision: Precision,
    pub layout: Layout,
    pub decode: PhaseReport,
    pub prefill: PhaseReport,
    pub serving: ServingReport,
    pub power: PowerSplit,
    pub factory: Factory,
    pub warnings: Vec<Notice>,
}

/// [`Scenario::default`], built once (evaluation reads its fallbacks on every call).
fn defaults() -> &'static Scenario {
    static DEFAULT: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Scenario::default)
}

/// Resolves ids to catalogue entries (and their indices), falling back to the defaults with
/// a warning.
fn resolve(
    s: &Scenario,
    warnings: &mut Vec<Notice>,
) -> ((usize, &'static Gpu), (usize, &'static LlmModel)) {
    let c = catalogue();
    let d = defaults();
    let find_gpu = |id: &str| c.gpus.iter().position(|g| g.id == id);
    let find_model = |id: &str| c.models.iter().position(|m| m.id == id);
    let gi = find_gpu(&s.gpu).unwrap_or_else(|| {
        warnings.push(Notice::new(
            format!("unknown gpu '{}': using {}", s.gpu, d.gpu),
            format!("unbekannte GPU '{}': verwendet wird {}", s.gpu, d.gpu),
        ));
        find_gpu(&d.gpu).unwrap_or(0)
    });
    let mi = find_model(&s.model).unwrap_or_else(|| {
        warnings.push(Notice::new(
            format!("unknown model '{}': using {}", s.model, d.model),
            format!(
                "unbekanntes Modell '{}': verwendet wird {}",
                s.model, d.model
            ),
        ));
        find_model(&d.model).unwrap_or(0)
    });
    ((gi, &c.gpus[gi]), (mi, &c.models[mi]))
}

/// Finite and within `[lo, hi]`, else the default (with a warning naming the field).
fn clamp_field(name: &str, v: f64, lo: f64, hi: f64, default: f64, w: &mut Vec<Notice>) -> f64 {
    if v.is_finite() && v >= lo && v <= hi {
        v
    } else {
        w.push(Notice::new(
            format!("{name}={v} is outside [{lo}, {hi}]: using {default}"),
            format!("{name}={v} liegt außerhalb von [{lo}, {hi}]: verwendet wird {default}"),
        ));
        default
    }
}

/// A deployment of `model` on `gpu` that fits in memory: the requested replica size if the
/// weights fit with room for one sequence, else the smallest power-of-two size that does.
pub fn fitting_deployment<'a>(
    gpu: &'a Gpu,
    model: &'a LlmModel,
    precision: Precision,
    gpus: u32,
    context: f64,
    physics: Physics,
) -> (Deployment<'a>, bool) {
    let want = gpus.clamp(1, MAX_GPUS_PER_REPLICA);
    let dep = Deployment::new(
        gpu,
        model,
        precision,
        Layout::new(want, gpu.scale_up_gpus),
        physics,
    );
    if dep.fits(context) {
        return (dep, false);
    }
    let mut n = want.next_power_of_two();
    while n < MAX_GPUS_PER_REPLICA {
        n *= 2;
        let d = Deployment::new(
            gpu,
            model,
            precision,
            Layout::new(n, gpu.scale_up_gpus),
            physics,
        );
        if d.fits(context) {
            return (d, true);
        }
    }
    let d = Deployment::new(
        gpu,
        model,
        precision,
        Layout::new(MAX_GPUS_PER_REPLICA, gpu.scale_up_gpus),
        physics,
    );
    (d, true)
}

/// Largest replica considered (a 1.8T-parameter model in FP16 needs ~280 P100s).
pub const MAX_GPUS_PER_REPLICA: u32 = 1024;

/// The decode batch for a deployment and workload.
///
/// # Formula
/// `max`: `min(⌊max_sequences(context)⌋, max_batch_per_replica)`.
/// Interactivity target `v`: the largest batch `b ≤ max` whose serving speed per user is
/// `≥ v` (speed per user falls as the batch grows; found by false position on the time per
/// token, `1/speed`, which is nearly affine in `b`); 1 if even that is too slow.
pub fn choose_batch(dep: &Deployment, batch: Batch, prompt: f64, output: f64, context: f64) -> f64 {
    let max = dep
        .max_sequences(context)
        .floor()
        .clamp(1.0, dep.batch_limit());
    match batch {
        Batch::Max => max,
        Batch::Fixed(b) => (b as f64).clamp(1.0, max),
        Batch::Interactivity(v) => {
            // Time per output token of one user: the decode step plus its share of prefill.
            let cycle = |b: f64| {
                let d = dep.decode(b, context);
                let p = dep.prefill(b, prompt);
                1.0 / serving::combine(&d, &p, b, prompt, output, dep.layout.gpus as f64)
                    .tokens_per_s_per_user
            };
            let target = 1.0 / v;
            let c_max = cycle(max);
            if c_max <= target {
                return max;
            }
            let c_one = cycle(1.0);
            // Too slow even alone (or not computable: NaN).
            if c_one > target || c_one.is_nan() {
                return 1.0;
            }
            // Bracket [lo, hi] with cycle(lo) ≤ 1/v < cycle(hi). The cycle is close to affine
            // in the batch (weights read once per step, KV and FLOPs per sequence), so false
            // position on it (Illinois variant, which also copes with the kinks where the
            // regime changes) lands next to the answer in one or two evaluations.
            let (mut lo, mut hi) = (1.0_f64, max);
            let (mut g_lo, mut g_hi) = (c_one - target, c_max - target);
            let mut side = 0i8;
            for _ in 0..64 {
                if hi - lo <= 1.0 {
                    break;
                }
                let x = lo - g_lo * (hi - lo) / (g_hi - g_lo);
                let mid = if x.is_finite() {
                    x.floor().clamp(lo + 1.0, hi - 1.0)
                } else {
                    (0.5 * (lo + hi)).floor()
                };
                let g = cycle(mid) - target;
                if g <= 0.0 {
                    lo = mid;
                    g_lo = g;
                    if side == 1 {
                        g_hi *= 0.5;
                    }
                    side = 1;
                } else {
                    hi = mid;
                    g_hi = g;
                    if side == -1 {
                        g_lo *= 0.5;
                    }
                    side = -1;
                }
            }
            lo
        }
    }
}

fn phase_report(p: &PhaseResult, batch: f64, tokens: f64) -> PhaseReport {
    PhaseReport {
        batch,
        tokens,
        tokens_per_s_per_gpu: p.tokens_per_s_per_gpu,
        gpu_power_w: p.gpu_power_w,
        gpu_joules_per_token: p.gpu_joules_per_token,
        step_ms: p.step_s * 1e3,
        regime: p.run.regime,
        hbm_utilization: p.run.hbm_utilization,
        compute_utilization: p.run.compute_utilization,
    }
}

/// Evaluates a scenario with the catalogue's calibrated constants.
pub fn evaluate(s: &Scenario) -> Outcome {
    static PHYSICS: std::sync::OnceLock<Physics> = std::sync::OnceLock::new();
    evaluate_with(s, PHYSICS.get_or_init(Physics::from_catalogue))
}

/// Everything that determines the serving physics (not the economics) of a scenario: catalogue
/// indices and the bits of every number, so equal keys mean identical inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PhysicsKey {
    gpu: u16,
    model: u16,
    precision: Precision,
    gpus: u32,
    batch: (u8, u64),
    context: u64,
    prompt: u64,
    output: u64,
    physics: [u64; 6],
}

impl PhysicsKey {
    /// A 64-bit hash of the key: multiply–rotate over its words (FxHash's mixing; the memo
    /// only needs keys to spread over its slots, not resistance to chosen collisions).
    fn hash(&self) -> u64 {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let head = u64::from(self.gpu)
            | u64::from(self.model) << 16
            | (self.precision as u64) << 32
            | u64::from(self.batch.0) << 40;
        let words = [
            head,
            u64::from(self.gpus),
            self.batch.1,
            self.context,
            self.prompt,
            self.output,
        ];
        words
            .iter()
            .chain(self.physics.iter())
            .fold(0u64, |h, w| (h.rotate_left(5) ^ w).wrapping_mul(K))
    }
}

fn physics_bits(p: &Physics) -> [u64; 6] {
    [
        p.eta_mem.to_bits(),
        p.eta_compute.to_bits(),
        p.layer_overhead_s.to_bits(),
        p.power_k_mem.to_bits(),
        p.power_k_compute.to_bits(),
        p.power_gamma.to_bits(),
    ]
}

/// The serving physics of a scenario: replica, batch, decode, prefill, steady state.
#[derive(Debug, Clone, Copy)]
struct ServingPhysics {
    layout: Layout,
    raised: bool,
    fits: bool,
    batch: f64,
    dec: PhaseResult,
    pre: PhaseResult,
    srv: Serving,
    weights_gb: f64,
}

/// Serving physics, memoised: moving an economic knob (price, PUE, utilisation, site size)
/// re-uses the physics instead of re-solving batch and steps. A pure-function cache of 4,096
/// direct-mapped slots: a key lands in the slot its hash picks and replaces what was there.
fn serving_physics(
    key: &PhysicsKey,
    gpu: &Gpu,
    model: &LlmModel,
    batch_policy: Batch,
    physics: &Physics,
) -> ServingPhysics {
    use std::cell::RefCell;
    const SLOTS: usize = 4096;
    thread_local! {
        static CACHE: RefCell<Vec<Option<(PhysicsKey, ServingPhysics)>>> = const { RefCell::new(Vec::new()) };
    }
    let slot = (key.hash() >> 52) as usize % SLOTS;
    let hit = CACHE.with(|c| match c.borrow().get(slot) {
        Some(Some((k, v))) if k == key => Some(*v),
        _ => None,
    });
    if let Some(hit) = hit {
        return hit;
    }
    let prompt = f64::from_bits(key.prompt);
    let output = f64::from_bits(key.output);
    let context = f64::from_bits(key.context);
    let (dep, raised) = fitting_deployment(gpu, model, key.precision, key.gpus, context, *physics);
    let batch = choose_batch(&dep, batch_policy, prompt, output, context);
    let dec = dep.decode(batch, context);
    let pre = dep.prefill(batch, prompt);
    let srv = serving::combine(
        &dec,
        &pre,
        batch,
        prompt,
        output,
        f64::from(dep.layout.gpus),
    );
    let result = ServingPhysics {
        layout: dep.layout,
        raised,
        fits: dep.fits(context),
        batch,
        dec,
        pre,
        srv,
        weights_gb: dep.params.total * key.precision.weight_bytes() / 1e9,
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize(SLOTS, None);
        }
        c[slot] = Some((*key, result));
    });
    result
}

/// Evaluates a scenario with the given physics constants (used by the calibration fit).
///
/// # Formula
/// 1. precision: the one asked for if the chip supports it, else the nearest it has;
/// 2. replica: the requested GPUs, raised to the smallest that fits the weights;
/// 3. batch: [`choose_batch`]; decode at `context` (default `prompt + output/2`) and prefill
///    of `batch` prompts; [`serving::combine`] for steady state;
/// 4. facility energy per output token: `(u·(P_gpu + P_host) + (1−u)·(P_idle + P_host))·PUE
///    / (u·tokens/s)`, i.e. idle capacity is charged to the tokens made;
/// 5. cost: [`cost::per_million_tokens`]; factory: `GPUs = ⌊MW/PUE / (TDP + host)⌋`.
pub fn evaluate_with(s: &Scenario, physics: &Physics) -> Outcome {
    let mut warnings = Vec::new();
    let c = catalogue();
    let d = defaults();
    let ((gpu_index, gpu), (model_index, model)) = resolve(s, &mut warnings);

    let precision = s.precision.supported_on(gpu);
    if precision != s.precision {
        warnings.push(Notice::new(
            format!(
                "precision {} is not supported on {}: using {}",
                s.precision.as_str(),
                gpu.short,
                precision.as_str()
            ),
            format!(
                "Präzision {} wird von {} nicht unterstützt: verwendet wird {}",
                s.precision.as_str(),
                gpu.short,
                precision.as_str()
            ),
        ));
    }
    let prompt = f64::from(s.prompt_tokens.clamp(1, 1 << 20));
    let output = f64::from(s.output_tokens.clamp(1, 1 << 20));
    let context = match s.context_tokens {
        Some(cx) => f64::from(cx.clamp(1, 1 << 21)),
        None => prompt + output / 2.0,
    };
    let pue = clamp_field("pue", s.pue, 1.0, 3.0, d.pue, &mut warnings);
    let usd_per_kwh = clamp_field(
        "usd_per_kwh",
        s.usd_per_kwh,
        0.0,
        5.0,
        d.usd_per_kwh,
        &mut warnings,
    );
    let utilization = clamp_field(
        "utilization",
        s.utilization,
        0.01,
        1.0,
        d.utilization,
        &mut warnings,
    );
    let lifetime = clamp_field(
        "lifetime_years",
        s.lifetime_years,
        0.5,
        20.0,
        d.lifetime_years,
        &mut warnings,
    );
    let facility_mw = clamp_field(
        "power_mw",
        s.facility_mw,
        1e-4,
        1e5,
        d.facility_mw,
        &mut warnings,
    );
    let usd_per_mtok = clamp_field(
        "usd_per_mtok",
        s.usd_per_mtok,
        0.0,
        1e4,
        d.usd_per_mtok,
        &mut warnings,
    );
    let gpu_price = match s.gpu_price_usd {
        Some(p) => clamp_field("gpu_price_usd", p, 0.0, 1e7, gpu.price_usd, &mut warnings),
        None => gpu.price_usd,
    };

    let phys = serving_physics(
        &PhysicsKey {
            gpu: gpu_index as u16,
            model: model_index as u16,
            precision,
            gpus: s.gpus_per_replica,
            batch: match s.batch {
                Batch::Max => (0, 0),
                Batch::Fixed(b) => (1, u64::from(b)),
                Batch::Interactivity(v) => (2, v.to_bits()),
            },
            context: context.to_bits(),
            prompt: prompt.to_bits(),
            output: output.to_bits(),
            physics: physics_bits(physics),
        },
        gpu,
        model,
        s.batch,
        physics,
    );
    let ServingPhysics {
        layout,
        raised,
        fits,
        batch,
        dec,
        pre,
        srv,
        weights_gb,
    } = phys;
    if raised {
        warnings.push(Notice::new(
            format!(
                "{} in {} needs {:.0} GB for weights: {} GPU(s) of {} GB are too few, using {}",
                model.short,
                precision.as_str(),
                weights_gb,
                s.gpus_per_replica,
                gpu.hbm_gb,
                layout.gpus
            ),
            format!(
                "{} in {} braucht {:.0} GB für die Gewichte: {} GPU(s) mit {} GB reichen nicht, verwendet werden {}",
                model.short,
                precision.as_str(),
                weights_gb,
                s.gpus_per_replica,
                gpu.hbm_gb,
                layout.gpus
            ),
        ));
    }
    if !fits {
        warnings.push(Notice::new(
            format!(
                "{} does not fit on {} {} even at {} GPUs per replica: figures assume it did",
                model.short, layout.gpus, gpu.short, MAX_GPUS_PER_REPLICA
            ),
            format!(
                "{} passt selbst auf {} {} ({} GPUs pro Replikat) nicht: die Zahlen tun so, als ob",
                model.short, layout.gpus, gpu.short, MAX_GPUS_PER_REPLICA
            ),
        ));
    }
    if let Batch::Fixed(b) = s.batch
        && f64::from(b) > batch
    {
        warnings.push(Notice::new(
            format!("batch={b} does not fit in memory (or exceeds the scheduler limit): using {batch}"),
            format!("batch={b} passt nicht in den Speicher (oder übersteigt die Grenze des Schedulers): verwendet wird {batch}"),
        ));
    }

    // Facility: host power and cooling, with idle time charged to the tokens made.
    let host = gpu.host_w_per_gpu;
    let busy_it_w = srv.gpu_power_w + host;
    let idle_it_w = gpu.idle_w + host;
    let avg_facility_w = (utilization * busy_it_w + (1.0 - utilization) * idle_it_w) * pue;
    let out_rate = srv.output_tokens_per_s_per_gpu;
    let facility_j_out = avg_facility_w / (utilization * out_rate);
    let total_ratio = output / (output + prompt);

    let provisioned_it_w = gpu.tdp_w + host;
    // Prices that already include the server (a DGX price ÷ 8) get no multiplier on top.
    let system_mult = if gpu.price_includes_system && s.gpu_price_usd.is_none() {
        1.0
    } else {
        c.sourced.system_capex_multiplier
    };
    let cost_in = CostInputs {
        gpu_price_usd: gpu_price,
        system_capex_multiplier: system_mult,
        provisioned_it_w,
        facility_capex_usd_per_w: c.sourced.facility_capex_usd_per_w,
        facility_lifetime_years: c.sourced.facility_lifetime_years,
        hardware_lifetime_years: lifetime,
        cost_of_capital: c.sourced.cost_of_capital,
        other_opex_fraction: c.sourced.other_opex_fraction,
        average_facility_w: avg_facility_w,
        usd_per_kwh,
        output_tokens_per_year: out_rate * utilization * cost::HOURS_PER_YEAR * 3600.0,
    };
    let annual = cost::annual_cost(&cost_in);
    let breakdown = cost::per_million(&annual, cost_in.output_tokens_per_year);

    let run = &dec.run;
    let dec_share = 1.0 - srv.prefill_time_share;
    let pre_run = &pre.run;
    let mix = |a: f64, b: f64| dec_share * a + srv.prefill_time_share * b;
    let power = PowerSplit {
        gpu_idle_w: mix(run.idle_w, pre_run.idle_w),
        gpu_memory_w: mix(run.memory_w, pre_run.memory_w),
        gpu_compute_w: mix(run.compute_w, pre_run.compute_w),
        host_w: host,
        cooling_and_losses_w: busy_it_w * (pue - 1.0),
        total_w: busy_it_w * pue,
    };

    // Factory: as many GPU slots as the grid connection feeds at provisioned power.
    let slots = (facility_mw * 1e6 / pue / provisioned_it_w).floor();
    if slots < 1.0 {
        warnings.push(Notice::new(
            format!(
                "power_mw={facility_mw} is less than one {} slot ({:.1} kW with PUE): showing one GPU",
                gpu.short,
                provisioned_it_w * pue / 1e3
            ),
            format!(
                "power_mw={facility_mw} ist weniger als ein {}-Platz ({:.1} kW mit PUE): gezeigt wird eine GPU",
                gpu.short,
                provisioned_it_w * pue / 1e3
            ),
        ));
    }
    let n = slots.max(1.0);
    let it_mw = n * provisioned_it_w / 1e6;
    let hw_capex = n * gpu_price * system_mult;
    let fac_capex = n * provisioned_it_w * c.sourced.facility_capex_usd_per_w;
    let tokens_per_year = n * cost_in.output_tokens_per_year;
    let revenue = tokens_per_year / 1e6 * usd_per_mtok;
    let running = n * (annual.electricity + annual.other);
    let margin = revenue - n * annual.total;
    let payback = if revenue > running {
        Some((hw_capex + fac_capex) / (revenue - running))
    } else {
        None
    };
    let factory = Factory {
        gpus: n,
        replicas: (n / f64::from(layout.gpus)).floor(),
        racks: (n / f64::from(gpu.gpus_per_rack.max(1))).ceil(),
        it_mw,
        facility_mw: it_mw * pue,
        tokens_per_s: n * out_rate,
        tokens_per_day: n * out_rate * utilization * 86400.0,
        energy_gwh_per_year: n * avg_facility_w * cost::HOURS_PER_YEAR / 1e9,
        capex_usd: hw_capex + fac_capex,
        hardware_capex_usd: hw_capex,
        facility_capex_usd: fac_capex,
        annual_cost_usd: n * annual.total,
        revenue_usd_per_year: revenue,
        margin_usd_per_year: margin,
        payback_years: payback,
    };

    let serving = ServingReport {
        batch,
        output_tokens_per_s_per_gpu: out_rate,
        total_tokens_per_s_per_gpu: srv.total_tokens_per_s_per_gpu,
        tokens_per_s_per_user: srv.tokens_per_s_per_user,
        gpu_power_w: srv.gpu_power_w,
        gpu_joules_per_output_token: srv.gpu_joules_per_output_token,
        gpu_joules_per_total_token: srv.gpu_joules_per_total_token,
        facility_joules_per_output_token: facility_j_out,
        facility_joules_per_total_token: facility_j_out * total_ratio,
        wh_per_request: facility_j_out * output / 3600.0,
        gpu_wh_per_request: srv.gpu_joules_per_output_token * output / 3600.0,
        usd_per_million_output_tokens: breakdown.total,
        cost_breakdown: breakdown,
        prefill_time_share: srv.prefill_time_share,
        tokens_per_s_per_mw: out_rate / (busy_it_w * pue) * 1e6,
    };

    Outcome {
        gpu: &gpu.id,
        model: &model.id,
        precision,
        layout,
        decode: phase_report(&dec, batch, context),
        prefill: phase_report(&pre, batch, prompt),
        serving,
        power,
        factory,
        warnings,
    }
}
