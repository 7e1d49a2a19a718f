//! One forward step on one GPU: each operator timed on its own roofline, summed, and a power
//! model of physical terms (energy per byte, tensor power per clock) that lowers the clock
//! when the board limit binds.
//!
//! Inputs are per GPU: the weight GEMMs (bytes read, FLOPs), attention (KV-cache bytes, FLOPs,
//! parallel work units), communication and fixed overheads. Output: seconds, watts, the clock
//! and which limit set the pace. Measurements behind the constants: `tools/measure/ANALYSIS.md`.

use super::num::{at_least, clamp, max_num, min_num};
use serde::Serialize;

/// Physical constants of the step model, one meaning each (values, sources and fits:
/// `data/constants.json`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Physics {
    /// Achieved fraction of peak HBM bandwidth by kernels streaming weights or the KV cache.
    pub eta_mem: f64,
    /// Board energy per byte read from or written to HBM (DRAM, PHY, L2 and on-chip
    /// movement), J/B.
    pub hbm_j_per_byte: f64,
    /// Power the processors draw above idle while compute-bound kernels run, at the datasheet
    /// clock, as a multiple of the dynamic budget `TDP − idle` (above 1: such kernels can only
    /// run clocked down).
    pub tensor_power_ratio: f64,
    /// Exponent α of core power in the clock: `P ∝ f^α` (voltage falls with the clock).
    pub clock_exponent: f64,
}

impl Physics {
    /// The constants as recorded in `data/constants.json`.
    pub fn from_catalogue() -> Physics {
        let c = crate::data::catalogue();
        Physics {
            eta_mem: c.constant("eta_mem"),
            hbm_j_per_byte: c.constant("hbm_pj_per_byte") * 1e-12,
            tensor_power_ratio: c.constant("tensor_power_ratio"),
            clock_exponent: c.constant("clock_exponent"),
        }
    }
}

/// The chip figures a step needs (per GPU, SI units), with the serving engine's kernels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chip {
    pub hbm_bytes_per_s: f64,
    /// Datasheet dense peak at the precision of the weight GEMMs.
    pub peak_flops_per_s: f64,
    /// Peak for attention matmuls, which run at the KV cache's precision (fp8 or 16-bit).
    pub attn_peak_flops_per_s: f64,
    /// Achieved fraction of the peak per clock in large GEMMs (the chip's kernels at this
    /// precision, times the engine's factor).
    pub gemm_efficiency: f64,
    pub tdp_w: f64,
    pub idle_w: f64,
    /// The die's power budget above idle that its processors' power at the datasheet clock
    /// scales from: `TDP − idle` of the board the die first shipped on (`Gpu::die_tdp_w`).
    pub core_budget_w: f64,
    /// Parallel processors (SMs, CUs, AI cores) that attention's work units are spread over.
    pub processors: f64,
    /// Extra energy per KV-cache byte in the engine's attention kernel, J/B.
    pub kv_extra_j_per_byte: f64,
    /// The engine's decode attention's share of the streaming bandwidth `BW·η_mem` (paged
    /// caches and their block tables cost bandwidth).
    pub attention_bandwidth: f64,
    /// Grouped expert GEMMs' share of the streaming bandwidth (small matrices, one per expert).
    pub expert_bandwidth: f64,
    /// The most grouped expert GEMMs stream, B/s (the engine's kernel's rate per processor ×
    /// processors; infinite where not measured).
    pub expert_cap_bytes_per_s: f64,
}

/// Work one GPU does in one step, by operator.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepLoad {
    /// Weight bytes read by the dense GEMMs (everything but routed experts).
    pub weight_bytes: f64,
    /// Matrix FLOPs of the dense GEMMs, counted at the compute precision's peak (a layer kept
    /// wider counts as many more as its slower peak takes: `setup::WideWeights`).
    pub gemm_flops: f64,
    /// Weight bytes of the routed experts touched in the step.
    pub expert_bytes: f64,
    /// Tensor work of the routed experts' grouped GEMMs, tiles padded (FLOPs).
    pub expert_flops: f64,
    /// Factors on the experts' memory and compute time: the busiest expert-parallel GPU sets
    /// the pace (≥ 1).
    pub expert_bytes_imbalance: f64,
    pub expert_flops_imbalance: f64,
    /// KV-cache bytes read and written by attention.
    pub kv_bytes: f64,
    /// Attention FLOPs (QKᵀ, AV), at the KV cache's precision.
    pub attn_flops: f64,
    /// Independent work units of the attention kernel (sequences × KV heads × KV splits).
    pub attn_units: f64,
    /// Time on the critical path spent in communication, s.
    pub comm_s: f64,
    /// Fixed overhead (scheduling, kernel launches, synchronisation), s.
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
    /// The board power limit: the chip would exceed TDP at full clock and clocks down.
    Power,
}

/// Result of one step on one GPU.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepRun {
    pub seconds: f64,
    pub power_w: f64,
    pub regime: Regime,
    /// Clock as a share of the datasheet clock (1: unthrottled).
    pub clock: f64,
    /// Achieved HBM bandwidth / peak.
    pub hbm_utilization: f64,
    /// Achieved FLOP/s / dense peak.
    pub compute_utilization: f64,
    /// Time by operator, s (sums to `seconds`).
    pub gemm_s: f64,
    pub attention_s: f64,
    pub comm_s: f64,
    pub overhead_s: f64,
    /// Board power split: idle, memory traffic, arithmetic (W; sums to `power_w`).
    pub idle_w: f64,
    pub memory_w: f64,
    pub compute_w: f64,
}

/// Share of the chip's processors attention keeps busy.
///
/// # Formula
/// `min(1, units / processors)`: a kernel with fewer independent work units than processors
/// leaves the rest idle and reaches that share of HBM bandwidth.
pub fn attention_occupancy(units: f64, processors: f64) -> f64 {
    min_num(at_least(units, 1.0) / at_least(processors, 1.0), 1.0)
}

/// Times of the two rooflined operators at clock `x`: `(gemm, attention)`, seconds.
#[derive(Clone, Copy)]
struct Ops {
    /// Memory times (clock-independent) and compute times at the datasheet clock; the
    /// experts' already times the imbalance.
    gemm_mem: f64,
    gemm_comp: f64,
    expert_mem: f64,
    expert_comp: f64,
    attn_mem: f64,
    attn_comp: f64,
}

impl Ops {
    /// `(GEMMs with the experts, attention)` at clock share `x`, seconds.
    #[inline(always)]
    fn at(&self, x: f64) -> (f64, f64) {
        (
            max_num(self.gemm_mem, self.gemm_comp / x)
                + max_num(self.expert_mem, self.expert_comp / x),
            max_num(self.attn_mem, self.attn_comp / x),
        )
    }

    /// [`Ops::at`]`(1)`: the same times (`c/1 = c` exactly), without the divisions.
    #[inline(always)]
    fn at_full_clock(&self) -> (f64, f64) {
        (
            max_num(self.gemm_mem, self.gemm_comp) + max_num(self.expert_mem, self.expert_comp),
            max_num(self.attn_mem, self.attn_comp),
        )
    }

    /// The compute-bound operators' time at `x = 1`: what stretches as `1/x`.
    #[inline(always)]
    fn compute_bound(&self) -> f64 {
        [
            (self.gemm_comp, self.gemm_mem),
            (self.expert_comp, self.expert_mem),
            (self.attn_comp, self.attn_mem),
        ]
        .iter()
        .filter(|(c, m)| c > m)
        .map(|(c, _)| c)
        .sum()
    }

    /// `(d t / d x, d² t / d x²)` at `x` (≤ 0 and ≥ 0): only compute-bound operators slow
    /// with the clock, each as `c/x`.
    #[inline(always)]
    fn slope_and_curvature(&self, x: f64) -> (f64, f64) {
        let mut stretched = 0.0;
        for (c, m) in [
            (self.gemm_comp, self.gemm_mem),
            (self.expert_comp, self.expert_mem),
            (self.attn_comp, self.attn_mem),
        ] {
            if c / x > m {
                stretched += c;
            }
        }
        let x2 = x * x;
        (-stretched / x2, 2.0 * stretched / (x2 * x))
    }
}

/// Runs one step: each operator's roofline, summed; then the power model, and a lower clock
/// if the board limit binds.
///
/// # Formula
/// At clock share `x` (1 = datasheet clock), with `B = BW·η_mem`, `P` the GEMM peak, `η` the
/// GEMM efficiency and `u = min(1, units/processors)`:
/// `t(x) = max(W/B, F/(P·η·x)) + i·max(W_e/(B·b_e), F_e/(P·η·x)) + max(K/(B·u·a),
/// F_a/(P_a·η·x)) + comm + overhead` (`W_e`, `F_e`: routed experts, `b_e` their grouped GEMMs'
/// share of the bandwidth, the stream `B·b_e` capped where the engine's kernel has a measured
/// rate per processor, `i` the expert-parallel imbalance of bytes and of tensor work; `a`: the engine's attention
/// bandwidth share)
/// (weight GEMMs and attention run one after the other; communication and fixed costs are not
/// overlapped with them).
/// Energy: memory `E_m = e_B·(W + W_e + K) + e_KV·K`; processors `E_c(x) = P_c·x^(α−1)·busy`,
/// with `busy = ((F + F_e)/P + F_a/P_a)/η` (imbalance costs time, not energy) (the time compute-bound kernels run at the datasheet clock: a
/// less efficient kernel keeps the processors busy longer for the same work) and
/// `P_c = r·(TDP_die − idle)`, with `TDP_die` the limit of the board the die first shipped on at
/// this clock (the chip's own TDP but for MI325X, the MI300X's die held at a higher limit): core
/// power falls as `x^α` while the busy time stretches as `1/x`.
/// Power `P(x) = idle + (E_m + E_c(x))/t(x)`. If `P(1) ≤ TDP` the chip runs at `x = 1`;
/// otherwise the clock drops to the `x` with `P(x) = TDP`: the root of the convex, decreasing
/// `g(x) = (TDP − idle)·t(x) − E_m − E_c(x)`, found by Halley's method from the root of a
/// quadratic that takes `x^(α−1)` as its tangent at `x = 1` (`x ← x − 2g·g'/(2g'² − g·g'')`,
/// falling back to Newton's `x ← x − g/g'` if the denominator is not positive; stopped once a
/// step moves `x` by less than 1e-6 of itself, when cubic convergence leaves it exact to far
/// below 1e-12, and the processors' energy there read off the budget,
/// `E_c = (TDP − idle)·t − E_m`). HBM time does not change
/// with the clock; if memory traffic alone exceeds the budget, the step stretches to
/// `t = (E_m + E_c(x))/(TDP − idle)` (counted as attention time).
#[inline]
pub fn run_step(chip: &Chip, ph: &Physics, load: &StepLoad) -> StepRun {
    let bw = at_least(chip.hbm_bytes_per_s * ph.eta_mem, 1.0);
    let peak = at_least(chip.peak_flops_per_s, 1.0);
    let attn_peak = at_least(chip.attn_peak_flops_per_s, 1.0);
    let eta = at_least(chip.gemm_efficiency, 1e-3);
    let (w, f) = (
        at_least(load.weight_bytes, 0.0),
        at_least(load.gemm_flops, 0.0),
    );
    let (we, fe) = (
        at_least(load.expert_bytes, 0.0),
        at_least(load.expert_flops, 0.0),
    );
    let (imb_b, imb_f) = (
        at_least(load.expert_bytes_imbalance, 1.0),
        at_least(load.expert_flops_imbalance, 1.0),
    );
    let (k, fa) = (at_least(load.kv_bytes, 0.0), at_least(load.attn_flops, 0.0));
    let occupancy = attention_occupancy(load.attn_units, chip.processors);
    let ops = Ops {
        gemm_mem: w / bw,
        gemm_comp: f / (peak * eta),
        expert_mem: imb_b * we
            / min_num(
                bw * clamp(chip.expert_bandwidth, 0.05, 1.0),
                at_least(chip.expert_cap_bytes_per_s, 1.0),
            ),
        expert_comp: imb_f * fe / (peak * eta),
        attn_mem: k / (bw * occupancy * clamp(chip.attention_bandwidth, 0.05, 1.0)),
        attn_comp: fa / (attn_peak * eta),
    };
    let fixed = at_least(load.comm_s, 0.0) + at_least(load.overhead_s, 0.0);
    // Time compute-bound kernels keep the processors busy at the datasheet clock.
    let busy = ((f + fe) / peak + fa / attn_peak) / eta;
    let dynamic = at_least(chip.tdp_w - chip.idle_w, 0.0);
    let tensor_w = ph.tensor_power_ratio * at_least(chip.core_budget_w, 0.0);
    let e_mem = ph.hbm_j_per_byte * (w + we + k) + chip.kv_extra_j_per_byte * k;
    let a1 = ph.clock_exponent - 1.0;
    let total = |(g, a): (f64, f64)| at_least(g + a + fixed, 1e-9);
    // Tensor energy at clock x: P_TC·x^(α−1)·busy (x^(α−1) as exp((α−1)·ln x), cheap in wasm).
    let e_comp = |x: f64| tensor_w * busy * (a1 * x.ln()).exp();
    let mut x = 1.0;
    // The rooflined operators' times at the current clock, and the step's.
    let mut ops_x = ops.at_full_clock();
    let mut t = total(ops_x);
    // Processor energy at the current clock (at x = 1 no power function is needed).
    let mut ec = tensor_w * busy;
    let mut regime = if ops.gemm_comp + ops.expert_comp + ops.attn_comp
        > ops.gemm_mem + ops.expert_mem + ops.attn_mem
    {
        Regime::Compute
    } else {
        Regime::Memory
    };
    if busy > 0.0 && e_mem + ec > dynamic * t {
        regime = Regime::Power;
        // A start close to the root: with the compute-bound time C (at x = 1) stretching as
        // 1/x, the rest M fixed, and x^(α−1) taken as its tangent at 1, 1 − (α−1) + (α−1)·x,
        // the condition is the quadratic
        // (α−1)·E_c(1)·x² + (E_m + (2−α)·E_c(1) − D·M)·x − D·C = 0.
        let c = ops.compute_bound();
        let m = t - c;
        let (qa, qb, qc) = (ec * a1, e_mem + ec * (1.0 - a1) - dynamic * m, -dynamic * c);
        let disc = qb * qb - 4.0 * qa * qc;
        if qa > 0.0 && disc >= 0.0 {
            let x0 = (-qb + disc.sqrt()) / (2.0 * qa);
            if x0.is_finite() && x0 > 0.0 && x0 < 1.0 {
                x = max_num(x0, 0.05);
                ops_x = ops.at(x);
                t = total(ops_x);
                ec = e_comp(x);
            }
        }
        for _ in 0..40 {
            // Halley's step on g: cubic convergence, so about two steps per solve; a step
            // below 1e-6·x leaves an error far below 1e-12.
            let g = dynamic * t - e_mem - ec;
            let (d1, d2) = ops.slope_and_curvature(x);
            let dg = dynamic * d1 - a1 * ec / x;
            if !(g.is_finite() && dg < 0.0) {
                break;
            }
            let ddg = dynamic * d2 - a1 * (a1 - 1.0) * ec / (x * x);
            let denom = 2.0 * dg * dg - g * ddg;
            let step = if denom > 0.0 && denom.is_finite() {
                2.0 * g * dg / denom
            } else {
                g / dg
            };
            let next = clamp(x - step, x * 0.05, 1.0);
            let done = (next - x).abs() <= 1e-6 * x;
            x = next;
            ops_x = ops.at(x);
            t = total(ops_x);
            if done {
                // At the root the processors take what the budget leaves: no power function.
                ec = max_num(dynamic * t - e_mem, 0.0);
                break;
            }
            ec = e_comp(x);
        }
    }

    // Memory traffic alone above the budget (no clock left to lower): the step stretches until
    // the traffic fits, as the memory controller throttles.
    if e_mem + ec > dynamic * t && dynamic > 0.0 {
        regime = Regime::Power;
        t = (e_mem + ec) / dynamic;
    }
    let (gemm_s, attention_s) = ops_x;
    let attention_s = attention_s + max_num(t - gemm_s - attention_s - fixed, 0.0);
    let compute_w = ec / t;
    let memory_w = e_mem / t;
    // At the cap the two parts fill the budget exactly (up to the solver's tolerance): scale
    // them to it, so the split sums to TDP.
    let (memory_w, compute_w) = if regime == Regime::Power && memory_w + compute_w > 0.0 {
        let s = dynamic / (memory_w + compute_w);
        (memory_w * s, compute_w * s)
    } else {
        (memory_w, compute_w)
    };
    StepRun {
        seconds: t,
        power_w: chip.idle_w + memory_w + compute_w,
        regime,
        clock: x,
        hbm_utilization: (w + we + k) / (t * max_num(chip.hbm_bytes_per_s, 1.0)),
        compute_utilization: busy * eta / t,
        gemm_s,
        attention_s,
        comm_s: at_least(load.comm_s, 0.0),
        overhead_s: at_least(load.overhead_s, 0.0),
        idle_w: chip.idle_w,
        memory_w,
        compute_w,
    }
}
