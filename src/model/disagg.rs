//! Disaggregated serving: prompts prefilled on one pool of GPUs, answers decoded on another,
//! each prompt's KV cache sent from the first to the second (NVIDIA Dynamo, SGLang's
//! prefill–decode disaggregation). This is how InferenceMAX's GB200 NVL72 results are
//! produced. [`super::served::serve`] chooses the decode pool's layout; this module chooses
//! the prefill pool's and works out the steady state of the two.

use super::layout::holding;
use super::serving::{Deployment, Layout, PhaseResult, Serving, Setup};
use serde::Serialize;

/// The two pools as served.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pools {
    pub prefill_gpus: u32,
    pub decode_gpus: u32,
    /// Layout of the prefill pool: `dp` workers of `tp × pp` GPUs.
    pub prefill_layout: Layout,
    /// Share of the prefill pool's time spent prefilling.
    pub prefill_busy: f64,
    /// Whether the prefill pool limits throughput (requests queue for it).
    pub prefill_bound: bool,
    /// Sequences decoding at once: the requests in flight, fewer when they queue for prefill.
    pub decoding: f64,
}

/// The prefill pool's layout: of the layouts of `gpus` GPUs that hold the model with one
/// prompt (pipeline stages only if nothing else does), the one that prefills the most
/// tokens/s per GPU. `None` if none holds it.
///
/// # Formula
/// `argmax over layouts(gpus, tp) of prefill(max_batch(prompt), prompt).tokens_per_s_per_gpu`
/// (a pass of the engine's prefill chunk, [`Deployment::prefill`]).
pub fn prefill_pool<'a>(
    setup: &Setup<'a>,
    gpus: u32,
    tp: Option<u32>,
    ep: Option<u32>,
    prompt: f64,
) -> Option<(Deployment<'a>, PhaseResult)> {
    let mut best: Option<(Deployment<'a>, PhaseResult)> = None;
    let deps = holding(setup, (gpus, tp, ep), prompt);
    for dep in deps {
        let run = dep.prefill(dep.max_batch(prompt), prompt);
        if best
            .as_ref()
            .is_none_or(|(_, b)| run.tokens_per_s_per_gpu > b.tokens_per_s_per_gpu * (1.0 + 1e-9))
        {
            best = Some((dep, run));
        }
    }
    best
}

/// Steady state of a prefill pool (deployment `pre`, `P` GPUs) and a decode pool (`dec`,
/// `D` GPUs) with `conc` requests in flight: the decode step that runs, the
/// serving figures per GPU of both pools, and the pools' state.
///
/// # Formula
/// Decode pool: `b` sequences decoding, step `t_d(b)`, `a` tokens per sequence per step →
/// output `R_d = b·a/t_d(b)`, with `b = conc` (sequences waiting for their prefill are few
/// when the prefill pool keeps up). Prefill pool: at most `C = r_p·P` prompt tokens/s.
/// If `R_d·prompt/output ≤ C` the decode pool sets the pace: `R = R_d`. Otherwise requests
/// queue for prefill: `R = C·output/prompt`, and `b` is what that rate keeps decoding,
/// `b = R·t_d(b)/a` (a fixed point, `t_d` changes little with `b`).
/// Per GPU of both pools: `R/(P+D)`; per user `a/t_d(b)`; busy share of the prefill pool
/// `u = R·prompt/(output·C)`; power `(D·P_d + P·(u·P_p + (1−u)·P_idle))/(P+D)`.
/// Time to first token: the engine's request latency and a prompt at one prefill worker's
/// rate, then its KV cache sent over
/// the scale-up fabric ([`Deployment::kv_transfer_s`]); when prefill limits, the wait in the
/// queue (Little's law: `(conc − b)·output/R` for all the time before decoding).
#[allow(clippy::too_many_arguments)]
pub fn steady(
    dec: &Deployment,
    conc: f64,
    pre: &Deployment,
    prefill: &PhaseResult,
    (prompt, output, context): (f64, f64, f64),
) -> (PhaseResult, Serving, Pools) {
    let (p_n, d_n) = (f64::from(pre.layout.gpus), f64::from(dec.layout.gpus));
    let conc = conc.max(1.0);
    let output = output.max(1.0);
    let capacity = (prefill.tokens_per_s_per_gpu * p_n).max(1e-30);
    let rate = |d: &PhaseResult, b: f64| b * d.tokens_per_step.max(1.0) / d.step_s;
    let mut b = conc;
    let mut decode = dec.decode(b, context);
    let mut r = rate(&decode, b);
    let bound = r * prompt / output > capacity;
    if bound {
        r = capacity * output / prompt.max(1.0);
        for _ in 0..4 {
            b = (r * decode.step_s / decode.tokens_per_step.max(1.0)).clamp(1.0, conc);
            decode = dec.decode(b, context);
        }
        // The sequences the last step time keeps at the rate (so `R = b·a/t_d` exactly).
        b = (r * decode.step_s / decode.tokens_per_step.max(1.0)).clamp(1.0, conc);
        r = rate(&decode, b);
    }
    let busy = (r * prompt / (output * capacity)).clamp(0.0, 1.0);
    let idle_w = dec.setup.gpu.idle_w;
    let power = (d_n * decode.gpu_power_w
        + p_n * (busy * prefill.gpu_power_w + (1.0 - busy) * idle_w))
        / (p_n + d_n);
    let per_gpu = r / (p_n + d_n);
    let worker_rate =
        (prefill.tokens_per_s_per_gpu * f64::from(pre.layout.instance_gpus())).max(1e-30);
    let prefill_s = pre.setup.engine.request_latency_ms / 1e3
        + prompt / worker_rate
        + pre.kv_transfer_s(prompt);
    let ttft = if bound {
        ((conc - b) * output / r).max(prefill_s)
    } else {
        prefill_s
    };
    let j_out = power / per_gpu;
    let serving = Serving {
        batch: b,
        output_tokens_per_s_per_gpu: per_gpu,
        total_tokens_per_s_per_gpu: per_gpu * (1.0 + prompt / output),
        tokens_per_s_per_user: decode.tokens_per_step.max(1.0) / decode.step_s,
        gpu_power_w: power,
        gpu_joules_per_output_token: j_out,
        gpu_joules_per_total_token: j_out * output / (output + prompt),
        prefill_time_share: busy * p_n / (p_n + d_n),
        idle_time_share: (1.0 - busy) * p_n / (p_n + d_n),
        ttft_s: ttft,
    };
    let pools = Pools {
        prefill_gpus: pre.layout.gpus,
        decode_gpus: dec.layout.gpus,
        prefill_layout: pre.layout,
        prefill_busy: busy,
        prefill_bound: bound,
        decoding: b,
    };
    (decode, serving, pools)
}
