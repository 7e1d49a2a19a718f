//! One forward step on one GPU: time from a roofline with a power ceiling, and board power
//! from what the chip does.
//!
//! Inputs are per GPU: bytes read from HBM, FLOPs done, time spent in communication and fixed
//! overheads. Output: seconds, watts and which limit set the pace.

use super::num::{at_least, at_most, exp_near_zero, ln_near_one};
use serde::Serialize;

/// Calibrated efficiency and power constants (see `data/constants.json` for values and fit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Physics {
    /// Achieved fraction of peak HBM bandwidth.
    pub eta_mem: f64,
    /// Achieved fraction of dense peak FLOP/s in matrix products.
    pub eta_compute: f64,
    /// Fixed time per layer per step, seconds.
    pub layer_overhead_s: f64,
    /// Share of dynamic power (TDP − idle) drawn at full HBM bandwidth.
    pub power_k_mem: f64,
    /// Share of dynamic power drawn at full dense compute.
    pub power_k_compute: f64,
    /// Exponent of compute utilisation in the power model (concave: < 1).
    pub power_gamma: f64,
}

impl Physics {
    /// The constants as recorded in `data/constants.json`.
    pub fn from_catalogue() -> Physics {
        let c = crate::data::catalogue();
        Physics {
            eta_mem: c.constant("eta_mem"),
            eta_compute: c.constant("eta_compute"),
            layer_overhead_s: c.constant("layer_overhead_us") * 1e-6,
            power_k_mem: c.constant("power_k_mem"),
            power_k_compute: c.constant("power_k_compute"),
            power_gamma: c.constant("power_gamma"),
        }
    }
}

/// The chip figures a step needs (per GPU, SI units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chip {
    pub hbm_bytes_per_s: f64,
    pub peak_flops_per_s: f64,
    /// Peak for attention matmuls, which run at the KV cache's precision (fp8 or 16-bit).
    pub attn_peak_flops_per_s: f64,
    pub tdp_w: f64,
    pub idle_w: f64,
}

/// Work one GPU does in one step.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepLoad {
    pub hbm_bytes: f64,
    /// Matrix FLOPs with the weights (at the weights' precision).
    pub flops: f64,
    /// Attention FLOPs (QKᵀ, AV), at the KV cache's precision.
    pub attn_flops: f64,
    /// Time on the critical path spent in communication, s.
    pub comm_s: f64,
    /// Fixed overhead (kernel launches, synchronisation), s.
    pub overhead_s: f64,
}

/// What limited the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// HBM bandwidth.
    Memory,
    /// Arithmetic throughput.
    Compute,
    /// The board power limit: the chip would exceed TDP at full speed and clocks down.
    Power,
}

/// Result of one step on one GPU.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepRun {
    pub seconds: f64,
    pub power_w: f64,
    pub regime: Regime,
    /// Achieved HBM bandwidth / peak.
    pub hbm_utilization: f64,
    /// Achieved FLOP/s / dense peak.
    pub compute_utilization: f64,
    /// Board power split: idle, memory traffic, arithmetic (W; sums to `power_w`).
    pub idle_w: f64,
    pub memory_w: f64,
    pub compute_w: f64,
}

/// Dynamic-power fraction for utilisations `u_mem`, `u_comp`.
///
/// # Formula
/// `f = k_mem·u_mem + k_comp·u_comp^γ` (dimensionless share of `TDP − idle`). Memory traffic
/// costs energy per byte (linear); the compute term is concave (γ < 1) because clocks and
/// operand-staging power rise steeply at low tensor-core occupancy and saturate near peak.
pub fn dynamic_fraction(ph: &Physics, u_mem: f64, u_comp: f64) -> f64 {
    ph.power_k_mem * u_mem.max(0.0) + ph.power_k_compute * u_comp.max(0.0).powf(ph.power_gamma)
}

/// Runs one step: roofline time, then a power ceiling, then board power.
///
/// # Formula
/// `t₀ = max(bytes / (BW·η_mem),
///           (flops/peak + attn_flops/attn_peak) / η_comp) + comm + overhead`.
/// Utilisations at time `t`: `u_mem = bytes/(t·BW)`, `u_comp = (flops/peak + attn_flops/attn_peak)/t`
/// (the share of time the matrix units would be busy at peak).
/// If `f(t₀) > 1` the chip cannot run that fast within TDP; the step stretches to the `t`
/// with `f(t) = 1`. Both utilisations scale with `r = t₀/t`, so with `m = k_mem·u_mem(t₀)` and
/// `c = k_comp·u_comp(t₀)^γ` the condition is `m·r + c·r^γ = 1`, solved by Halley's method on
/// `F(x) = ln(m·eˣ + c·e^{γx}) = 0` in `x = ln r`, from `x = 0` (F is convex and nearly linear,
/// its slope between γ and 1: exact in one step when one term dominates, two or three
/// otherwise).
/// Board power `P = idle + (TDP − idle)·min(1, f(t))`, split into memory and compute parts in
/// proportion to the two terms of `f`.
#[inline]
pub fn run_step(chip: &Chip, ph: &Physics, load: &StepLoad) -> StepRun {
    let bw = at_least(chip.hbm_bytes_per_s, 1.0);
    let peak = at_least(chip.peak_flops_per_s, 1.0);
    let attn_peak = at_least(chip.attn_peak_flops_per_s, 1.0);
    // Seconds of matrix work at peak.
    let busy = at_least(load.flops, 0.0) / peak + at_least(load.attn_flops, 0.0) / attn_peak;
    let bytes = at_least(load.hbm_bytes, 0.0);
    let t_mem = bytes / (bw * at_least(ph.eta_mem, 1e-3));
    let t_comp = busy / at_least(ph.eta_compute, 1e-3);
    let fixed = at_least(load.comm_s, 0.0) + at_least(load.overhead_s, 0.0);
    let mut regime = if t_comp > t_mem {
        Regime::Compute
    } else {
        Regime::Memory
    };
    let t0 = at_least(at_least(t_mem, t_comp) + fixed, 1e-9);
    let (um0, uc0) = (bytes / (t0 * bw), busy / t0);
    // The two terms of f at t₀; at t = t₀/r they are m·r and c·r^γ.
    let m = ph.power_k_mem * um0;
    // u^γ as exp(γ·ln u): the same to a few ulps, and far cheaper than `powf` in wasm.
    let c = if uc0 > 0.0 {
        ph.power_k_compute * (ph.power_gamma * uc0.ln()).exp()
    } else {
        0.0
    };
    let (mut r, mut mem_term, mut comp_term) = (1.0, m, c);
    if m + c > 1.0 {
        regime = Regime::Power;
        let g = ph.power_gamma;
        for _ in 0..16 {
            let f = mem_term + comp_term;
            let big_f = ln_near_one(f);
            // Converged (or NaN, which no step can mend).
            if big_f.abs() <= 1e-12 || big_f.is_nan() {
                break;
            }
            // Halley's step (cubic convergence) with F' = (M + γC)/f, F'' = (M + γ²C)/f − F'².
            let d1 = (mem_term + g * comp_term) / f;
            let d2 = (mem_term + g * g * comp_term) / f - d1 * d1;
            let halley = 2.0 * big_f * d1 / (2.0 * d1 * d1 - big_f * d2);
            let step = if halley.is_finite() {
                halley
            } else {
                big_f / d1
            };
            if !step.is_finite() {
                break;
            }
            // x → x − step: the terms scale by e^(−step) and e^(−γ·step).
            let e = exp_near_zero(-step);
            r *= e;
            mem_term *= e;
            comp_term *= exp_near_zero(-g * step);
        }
    }
    let t = t0 / r;
    let f = mem_term + comp_term;
    let dynamic = at_least(chip.tdp_w - chip.idle_w, 0.0) * at_most(f, 1.0);
    let (memory_w, compute_w) = if f > 0.0 {
        (dynamic * mem_term / f, dynamic * comp_term / f)
    } else {
        (0.0, 0.0)
    };
    StepRun {
        seconds: t,
        power_w: chip.idle_w + dynamic,
        regime,
        hbm_utilization: um0 * r,
        compute_utilization: uc0 * r,
        idle_w: chip.idle_w,
        memory_w,
        compute_w,
    }
}
