//! One forward step on one GPU: time from a roofline with a power ceiling, and board power
//! from what the chip does.
//!
//! Inputs are per GPU: bytes read from HBM, FLOPs done, time spent in communication and fixed
//! overheads. Output: seconds, watts and which limit set the pace.

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
/// with `f(t) = 1` (Newton's method; `f` falls monotonically with `t`).
/// Board power `P = idle + (TDP − idle)·min(1, f(t))`, split into memory and compute parts in
/// proportion to the two terms of `f`.
pub fn run_step(chip: &Chip, ph: &Physics, load: &StepLoad) -> StepRun {
    let bw = chip.hbm_bytes_per_s.max(1.0);
    let peak = chip.peak_flops_per_s.max(1.0);
    let attn_peak = chip.attn_peak_flops_per_s.max(1.0);
    // Seconds of matrix work at peak.
    let busy = load.flops.max(0.0) / peak + load.attn_flops.max(0.0) / attn_peak;
    let t_mem = load.hbm_bytes.max(0.0) / (bw * ph.eta_mem.max(1e-3));
    let t_comp = busy / ph.eta_compute.max(1e-3);
    let fixed = load.comm_s.max(0.0) + load.overhead_s.max(0.0);
    let mut regime = if t_comp > t_mem {
        Regime::Compute
    } else {
        Regime::Memory
    };
    let frac_at = |t: f64| -> (f64, f64) {
        let u_mem = load.hbm_bytes.max(0.0) / (t * bw);
        (u_mem, busy / t)
    };
    let mut t = (t_mem.max(t_comp) + fixed).max(1e-9);
    let (um, uc) = frac_at(t);
    if dynamic_fraction(ph, um, uc) > 1.0 {
        regime = Regime::Power;
        // f(τ) = a/τ + b/τ^γ with a = k_mem·u_mem(t)·t, b = k_comp·(u_comp(t)·t)^γ; f falls
        // monotonically, so Newton's method from the roofline time converges from below
        // in a few steps (guarded to stay above the previous iterate).
        let a = ph.power_k_mem * um * t;
        let b = ph.power_k_compute * (uc * t).powf(ph.power_gamma);
        let g = ph.power_gamma;
        let mut tau = t;
        for _ in 0..32 {
            let tg = tau.powf(g);
            let f = a / tau + b / tg - 1.0;
            if f.abs() < 1e-10 {
                break;
            }
            let df = -a / (tau * tau) - g * b / (tg * tau);
            let next = tau - f / df;
            tau = if next.is_finite() && next > tau {
                next
            } else {
                tau * 1.5
            };
        }
        t = tau;
    }
    let (u_mem, u_comp) = frac_at(t);
    let mem_term = ph.power_k_mem * u_mem;
    let comp_term = ph.power_k_compute * u_comp.powf(ph.power_gamma);
    let f = mem_term + comp_term;
    let dynamic = (chip.tdp_w - chip.idle_w).max(0.0) * f.min(1.0);
    let (memory_w, compute_w) = if f > 0.0 {
        (dynamic * mem_term / f, dynamic * comp_term / f)
    } else {
        (0.0, 0.0)
    };
    StepRun {
        seconds: t,
        power_w: chip.idle_w + dynamic,
        regime,
        hbm_utilization: u_mem,
        compute_utilization: u_comp,
        idle_w: chip.idle_w,
        memory_w,
        compute_w,
    }
}
