//! Vendor claims next to the model's own figures, with the factors that make up a ratio.
//!
//! - NVIDIA (Computex, 2 June 2024): energy per token of a GPT-MoE-1.8T fell from
//!   17,000 J (Pascal, 2016) to 0.4 J (Blackwell, 2024), 45,000×.
//! - NVIDIA (GTC, 18 March 2025): Blackwell makes 25× the tokens of Hopper at the same power.
//!
//! The claimed figures are sourced constants in `data/constants.json` (`claim_*`): vendor
//! claims, not measurements.

use super::frontier::{self, FrontierInputs};
use super::layout::{best_layout, fitting_gpus};
use super::setup::Setup;
use super::step::Physics;
use super::{Batch, Precision};
use crate::data::{Gpu, LlmModel};
use serde::Serialize;

/// NVIDIA's claimed figures, from `data/constants.json`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Claimed {
    /// Energy per token claimed for Pascal (2016), J (`claim_pascal_j_per_token`).
    pub pascal_j: f64,
    /// Energy per token claimed for Blackwell (2024), J (`claim_blackwell_j_per_token`).
    pub blackwell_j: f64,
    /// Blackwell over Hopper at the same power, × (`claim_iso_power_ratio`).
    pub iso_power_ratio: f64,
}

/// The claimed figures.
pub fn claimed() -> Claimed {
    let c = crate::data::catalogue();
    Claimed {
        pascal_j: c.constant("claim_pascal_j_per_token"),
        blackwell_j: c.constant("claim_blackwell_j_per_token"),
        iso_power_ratio: c.constant("claim_iso_power_ratio"),
    }
}

/// The chips, precisions and model behind NVIDIA's 17,000 J → 0.4 J claim, as the page and
/// the CLI compare them: GPT-MoE-1.8T, P100 in FP16 (2016) → GB200 NVL72 in FP4.
pub const ENERGY_CLAIM_MODEL: &str = "gpt-moe-1.8t";
pub const ENERGY_CLAIM_FROM: (&str, Precision) = ("p100-sxm2", Precision::Fp16);
pub const ENERGY_CLAIM_TO: (&str, Precision) = ("gb200-nvl72", Precision::Fp4);
/// The chips of the "25× at ISO power" claim: H100 in FP8 → GB200 NVL72 in FP4.
pub const ISO_POWER_OLD: (&str, Precision) = ("h100-sxm", Precision::Fp8);
pub const ISO_POWER_NEW: (&str, Precision) = ("gb200-nvl72", Precision::Fp4);

/// A change in the waterfall, in the order they are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaterfallKey {
    /// The old chip as it is.
    Start,
    /// HBM bandwidth and capacity of the new chip.
    Memory,
    /// Dense FLOP/s, TDP and idle power of the new chip.
    ComputePerWatt,
    /// Scale-up domain, link and network bandwidth, host power of the new chip.
    ScaleUp,
    /// The new chip's precision.
    Precision,
}

/// One bar of a waterfall: the energy per output token after a change, and the factor it
/// brought (previous / this).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaterfallStep {
    pub key: WaterfallKey,
    pub gpu_joules_per_output_token: f64,
    /// Energy before this step / after it (> 1 means the step saved energy).
    pub factor: f64,
    pub batch: f64,
    pub gpus: u32,
}

/// Energy per output token (GPU board only) on `gpu` at `precision`, on a replica of one full
/// scale-up domain (or as many GPUs as the weights need), laid out as the page's own figures
/// are ([`best_layout`]: tensor × data parallel, experts and pipeline stages where they serve
/// most tokens per GPU), at the largest batch that fits: the throughput-optimised operating
/// point vendors quote. Returns (J per output token, batch per replica, GPUs per replica).
pub fn joules_per_output_token(
    gpu: &Gpu,
    model: &LlmModel,
    precision: Precision,
    prompt: f64,
    output: f64,
    physics: &Physics,
) -> (f64, f64, u32) {
    let context = prompt + output / 2.0;
    let engine = super::engine::best_engine(gpu, physics);
    let precisions = super::serving::Precisions::uniform(precision, gpu);
    let (gpus, _) = fitting_gpus(
        gpu,
        model,
        precisions,
        engine,
        gpu.scale_up_gpus,
        None,
        None,
        None,
        context,
        *physics,
    );
    let setup = Setup::new(gpu, model, precisions, engine, None, *physics);
    match best_layout(
        &setup,
        gpus,
        None,
        None,
        Batch::Max,
        (prompt, output, context),
    ) {
        Some(c) => (
            c.serving.gpu_joules_per_output_token,
            c.batch,
            c.dep.layout.gpus,
        ),
        // Nothing holds the model even at the largest replica: the figures assume it did.
        None => {
            let dep = setup.deploy(super::layout::Layout::new(gpus, gpu.scale_up_gpus));
            let batch = dep.max_batch(context);
            let (_, _, s) = super::batch::steady_at(&dep, batch, (prompt, output, context));
            (s.gpu_joules_per_output_token, batch, dep.layout.gpus)
        }
    }
}

/// Splits the energy ratio between two chips into factors by changing one property of the
/// old chip at a time into the new one's (sequential substitution; the product of the
/// factors equals the total ratio exactly).
///
/// # Formula
/// Steps: memory (HBM bandwidth and capacity) → compute per watt (dense FLOP/s with TDP and
/// idle power, changed together: a chip's FLOP/s are only reachable within its power; with
/// them the GEMM efficiency its kernels reach and its processor count) → scale-up (domain
/// size, link and network bandwidth, host power) → precision (the new chip itself, so the last
/// bar is its own figure). Each factor
/// is `J_before / J_after`; the order matters for the split, not for the product.
pub fn waterfall(
    (from, from_precision): (&Gpu, Precision),
    (to, to_precision): (&Gpu, Precision),
    model: &LlmModel,
    prompt: f64,
    output: f64,
    physics: &Physics,
) -> Vec<WaterfallStep> {
    let from_precision = from_precision.supported_on(from);
    let to_precision = to_precision.supported_on(to);
    let mut chip = from.clone();
    let prec = from_precision;
    let mut steps: Vec<WaterfallStep> = Vec::new();
    let mut push = |key: WaterfallKey, chip: &Gpu, prec: Precision| {
        let (j, batch, gpus) = joules_per_output_token(chip, model, prec, prompt, output, physics);
        let factor = steps
            .last()
            .map_or(1.0, |s: &WaterfallStep| s.gpu_joules_per_output_token / j);
        steps.push(WaterfallStep {
            key,
            gpu_joules_per_output_token: j,
            factor,
            batch,
            gpus,
        });
    };
    push(WaterfallKey::Start, &chip, prec);
    chip.hbm_tb_s = to.hbm_tb_s;
    chip.hbm_gb = to.hbm_gb;
    push(WaterfallKey::Memory, &chip, prec);
    // Same precision, new chip's arithmetic: take the new chip's peak at the old precision
    // (or its nearest supported one).
    chip.dense_tflops = at_precision_or_nearest(&to.dense_tflops, prec, to);
    chip.tdp_w = to.tdp_w;
    chip.die_tdp_w = to.die_tdp_w;
    chip.idle_w = to.idle_w;
    // Its kernels' reach and its processors come with the arithmetic (the efficiency at the
    // old precision, or at the nearest the new chip has).
    chip.gemm_efficiency = at_precision_or_nearest(&to.gemm_efficiency, prec, to);
    chip.processors = to.processors;
    push(WaterfallKey::ComputePerWatt, &chip, prec);
    chip.scale_up_gpus = to.scale_up_gpus;
    chip.scale_up_gb_s = to.scale_up_gb_s;
    chip.scale_up_mesh = to.scale_up_mesh;
    chip.scale_out_gb_s = to.scale_out_gb_s;
    chip.host_w_per_gpu = to.host_w_per_gpu;
    push(WaterfallKey::ScaleUp, &chip, prec);
    // The last bar is the new chip itself at its precision (whatever of it the steps above
    // did not carry over: its name, vendor and engine support), so the bars end exactly where
    // the claim's own figure for the new chip does ([`energy_claim_ends`]).
    push(WaterfallKey::Precision, to, to_precision);
    steps
}

/// A per-precision table of chip `to` (peaks or GEMM efficiencies) with an entry at `prec`:
/// its own, or, where `to` lacks that precision, the value at the nearest one it has
/// ([`Precision::supported_on`]).
fn at_precision_or_nearest(
    table: &crate::data::PeakTflops,
    prec: Precision,
    to: &Gpu,
) -> crate::data::PeakTflops {
    let mut t = table.clone();
    if prec.peak_tflops(&t).is_none() {
        let v = prec.supported_on(to).peak_tflops(table);
        match prec {
            Precision::Fp32 => t.fp32 = v,
            Precision::Fp16 => t.fp16 = v,
            Precision::Bf16 => t.bf16 = v,
            Precision::Fp8 => t.fp8 = v,
            Precision::Fp4 => t.fp4 = v,
        }
    }
    t
}

/// Tokens/s per MW of one chip over another at the same speed per user.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IsoPowerPoint {
    pub tokens_per_s_per_user: f64,
    pub new_tokens_per_s_per_mw: Option<f64>,
    pub old_tokens_per_s_per_mw: Option<f64>,
    /// new / old (`None` where either frontier does not reach that speed).
    pub ratio: Option<f64>,
}

/// The "×N at iso power" comparison along the speed-per-user axis.
///
/// # Formula
/// For each speed `v`: `ratio(v) = throughput_at(front_new, v) / throughput_at(front_old, v)`,
/// both in output tokens/s per MW of facility power.
pub fn iso_power(
    old: (&Gpu, Precision),
    new: (&Gpu, Precision),
    model: &LlmModel,
    inputs: &FrontierInputs,
    speeds: &[f64],
    physics: &Physics,
) -> Vec<IsoPowerPoint> {
    let fo = frontier::frontier(old.0, model, old.1.supported_on(old.0), inputs, physics);
    let fnew = frontier::frontier(new.0, model, new.1.supported_on(new.0), inputs, physics);
    speeds
        .iter()
        .map(|&v| {
            let o = frontier::throughput_at(&fo, v);
            let n = frontier::throughput_at(&fnew, v);
            IsoPowerPoint {
                tokens_per_s_per_user: v,
                new_tokens_per_s_per_mw: n,
                old_tokens_per_s_per_mw: o,
                ratio: match (n, o) {
                    (Some(n), Some(o)) if o > 0.0 => Some(n / o),
                    _ => None,
                },
            }
        })
        .collect()
}

/// The waterfall of NVIDIA's energy claim ([`ENERGY_CLAIM_FROM`] → `to`, default
/// [`ENERGY_CLAIM_TO`]) for [`ENERGY_CLAIM_MODEL`]; empty if the catalogue lacks an entry.
pub fn energy_claim_waterfall(
    to: Option<(&str, Precision)>,
    prompt: f64,
    output: f64,
    physics: &Physics,
) -> Vec<WaterfallStep> {
    let c = crate::data::catalogue();
    let (to_id, to_precision) = to.unwrap_or(ENERGY_CLAIM_TO);
    match (
        c.model(ENERGY_CLAIM_MODEL),
        c.gpu(ENERGY_CLAIM_FROM.0),
        c.gpu(to_id),
    ) {
        (Some(m), Some(a), Some(b)) => waterfall(
            (a, ENERGY_CLAIM_FROM.1),
            (b, to_precision),
            m,
            prompt,
            output,
            physics,
        ),
        _ => Vec::new(),
    }
}

/// The ISO-power ratio of [`ISO_POWER_NEW`] over [`ISO_POWER_OLD`] at one speed per user,
/// read from frontiers already computed (`series::frontiers`, which includes both chips at
/// these precisions); `None` where either frontier does not reach that speed.
///
/// # Formula
/// `throughput_at(front_new, v) / throughput_at(front_old, v)` (output tokens/s per MW).
pub fn iso_power_ratio_at(fronts: &[super::series::FrontierSeries], speed: f64) -> Option<f64> {
    let at = |(id, p): (&str, Precision)| {
        fronts
            .iter()
            .find(|s| s.gpu_id == id && s.precision == p)
            .and_then(|s| frontier::throughput_at(&s.points, speed))
    };
    match (at(ISO_POWER_NEW), at(ISO_POWER_OLD)) {
        (Some(n), Some(o)) if o > 0.0 => Some(n / o),
        _ => None,
    }
}

/// What the $500 billion build-out buys with the scenario's chip and site.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BuildOut {
    /// The announced sum, USD (`stargate_announced_usd`).
    pub usd: f64,
    pub gpus: f64,
    /// Provisioned facility power, GW.
    pub gw: f64,
    /// Electricity per year at the average draw, TWh.
    pub twh_per_year: f64,
    /// Output tokens per year at the scenario's utilisation.
    pub tokens_per_year: f64,
}

/// The build-out's money spent on the scenario's factory, GPU slot by GPU slot.
///
/// # Formula
/// `n = usd / (capex / GPUs)`; GW, TWh per year and tokens per year scale the factory's own
/// figures by `n / GPUs` (everything in the factory is per GPU slot).
pub fn build_out(o: &super::Outcome) -> BuildOut {
    let f = &o.factory;
    let usd = crate::data::catalogue().constant("stargate_announced_usd");
    let per_gpu = f.capex_usd / f.gpus.max(1.0);
    let n = usd / per_gpu.max(1e-9);
    let k = n / f.gpus.max(1.0);
    BuildOut {
        usd,
        gpus: n,
        gw: f.facility_mw * k / 1e3,
        twh_per_year: f.energy_gwh_per_year * k / 1e3,
        tokens_per_year: f.tokens_per_day * 365.25 * k,
    }
}

/// The chips and model of the "DeepSeek serves cheaply on export-limited chips" check:
/// DeepSeek-R1 on the H20 (export-compliant) against the H100, each on one 8-GPU server at its
/// narrowest precision.
pub const EXPORT_CLAIM_MODEL: &str = "deepseek-r1";
pub const EXPORT_CLAIM_GPUS: [&str; 2] = ["h20", "h100-sxm"];

/// The model's own ends of NVIDIA's energy claim: GPU joules per output token of
/// [`ENERGY_CLAIM_MODEL`] on [`ENERGY_CLAIM_FROM`] and on [`ENERGY_CLAIM_TO`] (the first and
/// last bars of [`energy_claim_waterfall`], without the steps between).
pub fn energy_claim_ends(prompt: f64, output: f64, physics: &Physics) -> Option<(f64, f64)> {
    let c = crate::data::catalogue();
    let m = c.model(ENERGY_CLAIM_MODEL)?;
    let j = |(id, p): (&str, Precision)| {
        c.gpu(id)
            .map(|g| joules_per_output_token(g, m, p.supported_on(g), prompt, output, physics).0)
    };
    Some((j(ENERGY_CLAIM_FROM)?, j(ENERGY_CLAIM_TO)?))
}
