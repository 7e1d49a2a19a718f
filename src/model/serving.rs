//! Serving a model on a replica of GPUs: how it is split, how big a batch fits, what one
//! decode step and one prefill pass cost, and how they combine into tokens per second, per
//! user and per joule.
//!
//! Parallelism: tensor/expert parallel (`tp`) inside one scale-up domain, pipeline stages
//! (`pp`) across domains over the scale-out network. `tp·pp` = GPUs per replica.

use super::arch::{self, ParamCounts};
use super::num::{at_least, at_most};
use super::precision::Precision;
use super::step::{Chip, Physics, StepLoad, StepRun, run_step};
use crate::data::{Gpu, LlmModel};
use serde::Serialize;
use std::cell::Cell;

/// Bytes in a GiB. Datasheets' "GB" of HBM are binary: an "80 GB" H100 reports 81,559 MiB
/// (`nvidia-smi`), a "141 GB" H200 143,771 MiB.
pub const GIB: f64 = 1_073_741_824.0;

/// How a replica is laid out over its GPUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Layout {
    pub gpus: u32,
    /// Tensor/expert-parallel width (within one scale-up domain).
    pub tp: u32,
    /// Pipeline stages (across scale-up domains).
    pub pp: u32,
}

impl Layout {
    /// Splits `gpus` into `tp` (at most the scale-up domain) and `pp = ⌈gpus / tp⌉`.
    ///
    /// # Formula
    /// `tp = min(gpus, scale_up_gpus)`, `pp = ⌈gpus/tp⌉`, GPUs used `= tp·pp`.
    pub fn new(gpus: u32, scale_up_gpus: u32) -> Layout {
        let gpus = gpus.max(1);
        let tp = gpus.min(scale_up_gpus.max(1));
        let pp = gpus.div_ceil(tp);
        Layout {
            gpus: tp * pp,
            tp,
            pp,
        }
    }
}

/// Everything fixed for one (GPU, model, precision, layout): the context of every step.
#[derive(Debug, Clone)]
pub struct Deployment<'a> {
    pub gpu: &'a Gpu,
    pub model: &'a LlmModel,
    pub precision: Precision,
    pub layout: Layout,
    pub params: ParamCounts,
    pub chip: Chip,
    pub physics: Physics,
    /// Sourced constants used here (see `data/constants.json`).
    pub hbm_usable_fraction: f64,
    pub comm_latency_s: f64,
    pub scale_out_latency_s: f64,
    pub comm_efficiency: f64,
    pub activation_bytes: f64,
    pub prefill_chunk_tokens: f64,
    /// Communication per stage pass: `(fixed s, s per token)` ([`Deployment::communication`]),
    /// worked out once in [`Deployment::new`] from the fields above.
    comm: (f64, f64),
    /// The last prefill computed: `([tokens per pass, micro-batches, prompt] bits, result)`.
    prefill_memo: Cell<Option<([u64; 3], PhaseResult)>>,
}

impl<'a> Deployment<'a> {
    /// Builds a deployment; `precision` must already be one the chip supports.
    pub fn new(
        gpu: &'a Gpu,
        model: &'a LlmModel,
        precision: Precision,
        layout: Layout,
        physics: Physics,
    ) -> Deployment<'a> {
        let c = crate::data::catalogue();
        let peak_tflops = precision.peak_tflops(&gpu.dense_tflops).unwrap_or(0.0);
        // Attention runs at the KV cache's precision: fp8 if the chip has it and the cache is
        // 1 byte, else 16-bit (fp32 for an fp32 deployment).
        let attn_precision = match precision {
            Precision::Fp8 | Precision::Fp4 => Precision::Fp8,
            p => p,
        }
        .supported_on(gpu);
        let attn_tflops = attn_precision
            .peak_tflops(&gpu.dense_tflops)
            .unwrap_or(peak_tflops)
            .min(peak_tflops.max(1e-9) * 1e3);
        let mut dep = Deployment {
            gpu,
            model,
            precision,
            layout,
            params: arch::param_counts(model),
            chip: Chip {
                hbm_bytes_per_s: gpu.hbm_tb_s * 1e12,
                peak_flops_per_s: peak_tflops * 1e12,
                attn_peak_flops_per_s: attn_tflops * 1e12,
                tdp_w: gpu.tdp_w,
                idle_w: gpu.idle_w,
            },
            physics,
            hbm_usable_fraction: c.sourced.hbm_usable_fraction,
            comm_latency_s: c.sourced.comm_latency_s,
            scale_out_latency_s: c.sourced.scale_out_latency_s,
            comm_efficiency: c.sourced.comm_efficiency,
            activation_bytes: c.sourced.activation_bytes,
            prefill_chunk_tokens: c.sourced.prefill_chunk_tokens,
            prefill_memo: Cell::new(None),
            comm: (0.0, 0.0),
        };
        dep.comm = dep.communication();
        dep
    }

    /// Whether attention runs data-parallel (each GPU its own sequences), as engines do for
    /// MLA models, whose latent KV cache cannot be split by heads.
    pub fn data_parallel_attention(&self) -> bool {
        matches!(self.model.attention, crate::data::Attention::Mla { .. })
    }

    /// Scheduler limit on sequences decoded together by the replica.
    ///
    /// # Formula
    /// `max_batch_per_replica · pp · (tp if attention is data-parallel else 1)`: each
    /// pipeline stage and each data-parallel attention rank schedules its own batch.
    pub fn batch_limit(&self) -> f64 {
        let c = crate::data::catalogue()
            .sourced
            .max_batch_per_replica
            .max(1.0);
        let dp = if self.data_parallel_attention() {
            self.layout.tp
        } else {
            1
        };
        c * f64::from(self.layout.pp) * f64::from(dp)
    }

    /// Weight bytes stored on each GPU.
    ///
    /// # Formula
    /// `total_params · bytes_per_param / gpus`.
    pub fn weight_bytes_per_gpu(&self) -> f64 {
        self.params.total * self.precision.weight_bytes() / self.layout.gpus as f64
    }

    /// KV-cache bytes one token of context occupies on one GPU.
    ///
    /// # Formula
    /// `kv_elems_per_token(context) · kv_bytes / (pp · kv_shards(tp))`.
    #[inline(always)]
    pub fn kv_bytes_per_token_per_gpu(&self, context: f64) -> f64 {
        arch::kv_elems_per_token(self.model, context) * self.precision.kv_bytes()
            / (self.layout.pp as f64 * arch::kv_shards(self.model, self.layout.tp))
    }

    /// HBM left for the KV cache on each GPU after the weights, bytes (negative: no fit).
    ///
    /// # Formula
    /// `HBM · usable_fraction − weight_bytes_per_gpu`.
    pub fn kv_capacity_per_gpu(&self) -> f64 {
        self.gpu.hbm_gb * GIB * self.hbm_usable_fraction - self.weight_bytes_per_gpu()
    }

    /// Whether the weights fit, leaving room for at least one sequence of `context` tokens.
    pub fn fits(&self, context: f64) -> bool {
        self.max_sequences(context) >= 1.0
    }

    /// Sequences of `context` tokens whose KV cache fits in a replica (fractional).
    ///
    /// # Formula
    /// `kv_capacity_per_gpu / (context · kv_bytes_per_token_per_gpu)`: every GPU holds its
    /// share of every sequence's cache.
    pub fn max_sequences(&self, context: f64) -> f64 {
        let per_seq = context.max(1.0) * self.kv_bytes_per_token_per_gpu(context);
        (self.kv_capacity_per_gpu() / per_seq.max(1e-9)).max(0.0)
    }

    /// Time of one collective over `bytes` per GPU on the scale-up fabric (ring all-reduce),
    /// as `(latency, seconds per byte)`.
    ///
    /// # Formula
    /// `latency + 2·(tp−1)/tp · bytes / (bw_up · efficiency)`; zero when `tp = 1`.
    fn all_reduce(&self) -> (f64, f64) {
        let tp = self.layout.tp as f64;
        if tp <= 1.0 {
            return (0.0, 0.0);
        }
        let bw = (self.gpu.scale_up_gb_s * 1e9 * self.comm_efficiency).max(1.0);
        (self.comm_latency_s, 2.0 * (tp - 1.0) / tp / bw)
    }

    /// Communication on the critical path of one stage pass over `tokens` tokens, as
    /// `(fixed seconds, seconds per token)`: it is linear in the tokens in flight and does not
    /// depend on the context, so it is worked out once per deployment.
    ///
    /// # Formula
    /// With `act = tokens · hidden · act_bytes` per pass: two collectives per layer of `act`
    /// (all-reduce for dense layers; for MLA models, whose attention runs data-parallel with
    /// experts spread over the domain, each GPU sends its own tokens' activations to `k`
    /// experts and gets them back: two all-to-alls of `act/tp · k · (tp−1)/tp` per MoE layer),
    /// plus a hop of `act/tp` to the next stage over scale-out when `pp > 1`.
    fn communication(&self) -> (f64, f64) {
        let m = self.model;
        let l = self.layout;
        let act = m.hidden as f64 * self.activation_bytes;
        let layers_per_stage = m.layers as f64 / l.pp as f64;
        let (lat, per_byte) = self.all_reduce();
        let (mut fixed, mut per_token) = if self.data_parallel_attention() {
            let tp = l.tp as f64;
            let k = m
                .moe
                .as_ref()
                .map_or(1.0, |e| f64::from(e.active + e.shared));
            let dense = m.moe.as_ref().map_or(m.layers, |e| e.dense_layers) as f64 / l.pp as f64;
            let moe_layers = (layers_per_stage - dense).max(0.0);
            let bw = (self.gpu.scale_up_gb_s * 1e9 * self.comm_efficiency).max(1.0);
            let (a2a_lat, a2a_per_byte) = if tp > 1.0 {
                (self.comm_latency_s, k * (tp - 1.0) / (tp * tp) / bw)
            } else {
                (0.0, 0.0)
            };
            (
                2.0 * moe_layers * a2a_lat + 2.0 * dense * lat,
                act * (2.0 * moe_layers * a2a_per_byte + 2.0 * dense * per_byte),
            )
        } else {
            (
                2.0 * layers_per_stage * lat,
                act * 2.0 * layers_per_stage * per_byte,
            )
        };
        if l.pp > 1 {
            let bw = (self.gpu.scale_out_gb_s * 1e9 * self.comm_efficiency).max(1.0);
            fixed += self.scale_out_latency_s;
            per_token += act / l.tp as f64 / bw;
        }
        (fixed, per_token)
    }

    /// Cost of one pass over one pipeline stage for `tokens` tokens in flight, whose sequences
    /// have `context` cached tokens each and `new_per_seq` new tokens each (1 for decode, the
    /// prompt length for prefill).
    ///
    /// # Formula (per GPU)
    /// - weights read: `params_read(tokens) · bytes_per_param / (tp·pp)`;
    /// - KV read: `seqs · context · kv_bytes_per_token_per_gpu`, KV written: `tokens · kv…`,
    ///   with `seqs = tokens / new_per_seq`;
    /// - FLOPs: `tokens · (2·matmul_active + attention_flops(context)) / (tp·pp)`;
    /// - communication: [`Deployment::communication`];
    /// - overhead: `layer_overhead · layers / pp`.
    #[inline(always)]
    pub fn stage_load(&self, tokens: f64, context: f64, new_per_seq: f64) -> StepLoad {
        let m = self.model;
        let gpus = self.layout.gpus as f64;
        let weights = arch::params_read(m, &self.params, tokens) * self.precision.weight_bytes();
        let kv_per_tok = self.kv_bytes_per_token_per_gpu(context);
        let (comm_fixed, comm_per_token) = self.comm;
        StepLoad {
            hbm_bytes: weights / gpus
                + tokens * kv_per_tok * (context / at_least(new_per_seq, 1.0) + 1.0),
            flops: tokens * 2.0 * self.params.matmul_active / gpus,
            attn_flops: tokens * arch::attention_flops_per_token(m, context) / gpus,
            comm_s: comm_fixed + tokens * comm_per_token,
            overhead_s: self.physics.layer_overhead_s * m.layers as f64 / self.layout.pp as f64,
        }
    }

    /// One decode step: `batch` sequences each add one token to `context` cached tokens.
    ///
    /// # Formula
    /// With `pp` stages the batch is split into `m = min(pp, batch)` micro-batches kept in
    /// flight. Each stage pass handles `batch/m` sequences; a token passes every stage, so the
    /// per-user step time is `pp · t_stage`, and the replica makes `batch` tokens per
    /// `m · t_stage · pp/m = pp · t_stage`.
    #[inline(always)]
    pub fn decode(&self, batch: f64, context: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let batch = at_least(batch, 1.0);
        let micro = at_most(pp, batch);
        let per_pass = batch / micro;
        let run = run_step(
            &self.chip,
            &self.physics,
            &self.stage_load(per_pass, context, 1.0),
        );
        let step_s = run.seconds * pp;
        self.phase(batch, step_s, run)
    }

    /// Prefill of `batch` prompts of `prompt` tokens each, in passes of at most
    /// `prefill_chunk_tokens` tokens per stage, as engines with chunked prefill schedule it
    /// (causal attention: a prompt token attends on average to half the prompt).
    ///
    /// # Formula
    /// With `m = min(pp, batch)` micro-batches in flight, each stage pass handles
    /// `n = min(batch·prompt/m, chunk)` tokens at attention context `prompt/2`, writing their
    /// cache; the replica processes `m·n` prompt tokens per `pp · t_stage(n)`.
    /// The result depends on the batch only through `(n, m)`, which stop changing once the
    /// batch fills the chunk, so the last result is remembered: a sweep over batch sizes
    /// computes the saturated prefill once.
    pub fn prefill(&self, batch: f64, prompt: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let batch = at_least(batch, 1.0);
        let prompt = at_least(prompt, 1.0);
        let micro = at_most(pp, batch);
        let tokens = at_most(
            batch / micro * prompt,
            at_least(self.prefill_chunk_tokens, 1.0),
        );
        let key = [tokens.to_bits(), micro.to_bits(), prompt.to_bits()];
        if let Some((k, hit)) = self.prefill_memo.get()
            && k[0] == key[0]
            && k[1] == key[1]
            && k[2] == key[2]
        {
            return hit;
        }
        let load = self.stage_load(tokens, prompt / 2.0, prompt);
        let run = run_step(&self.chip, &self.physics, &load);
        let result = self.phase(tokens * micro, run.seconds * pp, run);
        self.prefill_memo.set(Some((key, result)));
        result
    }

    #[inline(always)]
    fn phase(&self, tokens: f64, step_s: f64, run: StepRun) -> PhaseResult {
        let gpus = self.layout.gpus as f64;
        let tokens_per_s_per_gpu = tokens / step_s / gpus;
        PhaseResult {
            step_s,
            tokens_per_s_per_gpu,
            gpu_power_w: run.power_w,
            gpu_joules_per_token: run.power_w / tokens_per_s_per_gpu,
            run,
        }
    }
}

/// A decode step or a prefill pass, per GPU.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PhaseResult {
    /// Wall time of the step (per-user latency of one decode token; whole prefill pass).
    pub step_s: f64,
    pub tokens_per_s_per_gpu: f64,
    /// Board power while running the step, W.
    pub gpu_power_w: f64,
    /// Board energy per token processed in this phase, J.
    pub gpu_joules_per_token: f64,
    pub run: StepRun,
}

/// Steady-state serving of requests of `prompt` + `output` tokens at a decode batch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Serving {
    pub batch: f64,
    pub output_tokens_per_s_per_gpu: f64,
    pub total_tokens_per_s_per_gpu: f64,
    pub tokens_per_s_per_user: f64,
    /// Board power averaged over decode and prefill, W.
    pub gpu_power_w: f64,
    pub gpu_joules_per_output_token: f64,
    pub gpu_joules_per_total_token: f64,
    /// Share of GPU time spent in prefill.
    pub prefill_time_share: f64,
}

/// Combines decode and prefill into steady-state serving (continuous batching).
///
/// # Formula
/// Per decode step (`T_d`, `batch` tokens out), `batch/output` requests finish and as many new
/// prompts must be prefilled, costing `batch·prompt/output · τ_p` of replica time, where
/// `τ_p = 1/(prefill tokens/s per replica)`. Cycle `T = T_d + batch·prompt·τ_p/output`:
/// output tokens/s per GPU `= batch/(T·gpus)`, per user `= 1/T`;
/// energy per output token `= gpus·(P_d·T_d + P_p·(T − T_d))/batch`.
#[inline(always)]
pub fn combine(
    decode: &PhaseResult,
    prefill: &PhaseResult,
    batch: f64,
    prompt: f64,
    output: f64,
    gpus: f64,
) -> Serving {
    let batch = at_least(batch, 1.0);
    let output = at_least(output, 1.0);
    let prompt = at_least(prompt, 0.0);
    let tau_p = 1.0 / at_least(prefill.tokens_per_s_per_gpu * gpus, 1e-30);
    let t_prefill = batch * prompt * tau_p / output;
    let cycle = decode.step_s + t_prefill;
    let out_per_gpu = batch / (cycle * gpus);
    let energy = gpus * (decode.gpu_power_w * decode.step_s + prefill.gpu_power_w * t_prefill);
    let j_out = energy / batch;
    Serving {
        batch,
        output_tokens_per_s_per_gpu: out_per_gpu,
        total_tokens_per_s_per_gpu: out_per_gpu * (1.0 + prompt / output),
        tokens_per_s_per_user: 1.0 / cycle,
        gpu_power_w: energy / (cycle * gpus),
        gpu_joules_per_output_token: j_out,
        gpu_joules_per_total_token: j_out * output / (output + prompt),
        prefill_time_share: t_prefill / cycle,
    }
}
