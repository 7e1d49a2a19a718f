//! Serving a model on a replica of GPUs: how it is split, how big a batch fits, what one
//! decode step and one prefill pass cost, and how they combine into tokens per second, per
//! user and per joule.
//!
//! Parallelism: tensor/expert parallel (`tp`) inside one scale-up domain, pipeline stages
//! (`pp`) across domains over the scale-out network. `tp·pp` = GPUs per replica.

use super::arch::{self, ParamCounts};
use super::precision::Precision;
use super::step::{Chip, Physics, StepLoad, StepRun, run_step};
use crate::data::{Gpu, LlmModel};
use serde::Serialize;

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
        Deployment {
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
        }
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
    pub fn kv_bytes_per_token_per_gpu(&self, context: f64) -> f64 {
        arch::kv_elems_per_token(self.model, context) * self.precision.kv_bytes()
            / (self.layout.pp as f64 * arch::kv_shards(self.model, self.layout.tp))
    }

    /// HBM left for the KV cache on each GPU after the weights, bytes (negative: no fit).
    ///
    /// # Formula
    /// `HBM · usable_fraction − weight_bytes_per_gpu`.
    pub fn kv_capacity_per_gpu(&self) -> f64 {
        self.gpu.hbm_gb * 1e9 * self.hbm_usable_fraction - self.weight_bytes_per_gpu()
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

    /// Time of one collective over `bytes_per_gpu` on the scale-up fabric (ring all-reduce).
    ///
    /// # Formula
    /// `latency + 2·(tp−1)/tp · bytes / (bw_up · efficiency)`; zero when `tp = 1`.
    fn all_reduce_s(&self, bytes: f64) -> f64 {
        let tp = self.layout.tp as f64;
        if tp <= 1.0 {
            return 0.0;
        }
        let bw = self.gpu.scale_up_gb_s * 1e9 * self.comm_efficiency;
        self.comm_latency_s + 2.0 * (tp - 1.0) / tp * bytes / bw.max(1.0)
    }

    /// Cost of one pass over one pipeline stage for `tokens` tokens in flight, whose sequences
    /// have `context` cached tokens each and `new_per_seq` new tokens each (1 for decode, the
    /// prompt length for prefill).
    ///
    /// # Formula (per GPU)
    /// - weights read: `params_read(tokens) · bytes_per_param / (tp·pp)`;
    /// - KV read: `seqs · context · kv_bytes_per_token_per_gpu`, KV written: `tokens · kv…`;
    /// - FLOPs: `tokens · (2·matmul_active + attention_flops(context)) / (tp·pp)`;
    /// - communication: two collectives per layer of `tokens · hidden · act_bytes` (all-reduce
    ///   for dense layers, two all-to-alls of the same volume for MoE layers), plus a hop of
    ///   the activations to the next stage over scale-out when `pp > 1`;
    /// - overhead: `layer_overhead · layers / pp`.
    pub fn stage_load(&self, tokens: f64, context: f64, new_per_seq: f64) -> StepLoad {
        let m = self.model;
        let l = self.layout;
        let gpus = l.gpus as f64;
        let seqs = tokens / new_per_seq.max(1.0);
        let wb = self.precision.weight_bytes();
        let weights = arch::params_read(m, &self.params, tokens) * wb;
        let kv_per_tok = self.kv_bytes_per_token_per_gpu(context);
        let kv_read = seqs * context * kv_per_tok;
        let kv_write = tokens * kv_per_tok;
        let flops = tokens * 2.0 * self.params.matmul_active;
        let attn_flops = tokens * arch::attention_flops_per_token(m, context);
        let layers_per_stage = m.layers as f64 / l.pp as f64;
        let act = tokens * m.hidden as f64 * self.activation_bytes;
        let mut comm = if self.data_parallel_attention() {
            // Attention data-parallel, experts spread over the domain: each GPU sends its own
            // tokens' activations to `k` experts and gets them back (two all-to-alls per MoE
            // layer); dense layers all-reduce.
            let tp = l.tp as f64;
            let k = m
                .moe
                .as_ref()
                .map_or(1.0, |e| f64::from(e.active + e.shared));
            let dense = m.moe.as_ref().map_or(m.layers, |e| e.dense_layers) as f64 / l.pp as f64;
            let moe_layers = (layers_per_stage - dense).max(0.0);
            let bw = self.gpu.scale_up_gb_s * 1e9 * self.comm_efficiency;
            let a2a = if tp > 1.0 {
                self.comm_latency_s + act / tp * k * (tp - 1.0) / tp / bw.max(1.0)
            } else {
                0.0
            };
            2.0 * moe_layers * a2a + 2.0 * dense * self.all_reduce_s(act)
        } else {
            2.0 * layers_per_stage * self.all_reduce_s(act)
        };
        if l.pp > 1 {
            let bw = self.gpu.scale_out_gb_s * 1e9 * self.comm_efficiency;
            comm += self.scale_out_latency_s + act / l.tp as f64 / bw.max(1.0);
        }
        StepLoad {
            hbm_bytes: weights / gpus + kv_read + kv_write,
            flops: flops / gpus,
            attn_flops: attn_flops / gpus,
            comm_s: comm,
            overhead_s: self.physics.layer_overhead_s * layers_per_stage,
        }
    }

    /// One decode step: `batch` sequences each add one token to `context` cached tokens.
    ///
    /// # Formula
    /// With `pp` stages the batch is split into `m = min(pp, batch)` micro-batches kept in
    /// flight. Each stage pass handles `batch/m` sequences; a token passes every stage, so the
    /// per-user step time is `pp · t_stage`, and the replica makes `batch` tokens per
    /// `m · t_stage · pp/m = pp · t_stage`.
    pub fn decode(&self, batch: f64, context: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let micro = pp.min(batch.max(1.0));
        let per_pass = batch.max(1.0) / micro;
        let run = run_step(
            &self.chip,
            &self.physics,
            &self.stage_load(per_pass, context, 1.0),
        );
        let step_s = run.seconds * pp;
        self.phase(batch.max(1.0), step_s, run)
    }

    /// Prefill of `batch` prompts of `prompt` tokens each (causal attention: a prompt token
    /// attends on average to half the prompt).
    ///
    /// # Formula
    /// One pass of `batch·prompt` tokens with `context = prompt/2` for attention; the cache of
    /// all prompt tokens is written. Pipelined as for decode.
    pub fn prefill(&self, batch: f64, prompt: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let batch = batch.max(1.0);
        let micro = pp.min(batch);
        let tokens = batch / micro * prompt.max(1.0);
        let load = self.stage_load(tokens, prompt.max(1.0) / 2.0, prompt.max(1.0));
        let run = run_step(&self.chip, &self.physics, &load);
        let step_s = run.seconds * pp;
        self.phase(batch * prompt.max(1.0), step_s, run)
    }

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
pub fn combine(
    decode: &PhaseResult,
    prefill: &PhaseResult,
    batch: f64,
    prompt: f64,
    output: f64,
    gpus: f64,
) -> Serving {
    let batch = batch.max(1.0);
    let output = output.max(1.0);
    let tau_p = 1.0 / (prefill.tokens_per_s_per_gpu * gpus).max(1e-30);
    let t_prefill = batch * prompt.max(0.0) * tau_p / output;
    let cycle = decode.step_s + t_prefill;
    let out_per_gpu = batch / (cycle * gpus);
    let energy = gpus * (decode.gpu_power_w * decode.step_s + prefill.gpu_power_w * t_prefill);
    let j_out = energy / batch;
    Serving {
        batch,
        output_tokens_per_s_per_gpu: out_per_gpu,
        total_tokens_per_s_per_gpu: out_per_gpu * (1.0 + prompt.max(0.0) / output),
        tokens_per_s_per_user: 1.0 / cycle,
        gpu_power_w: energy / (cycle * gpus),
        gpu_joules_per_output_token: j_out,
        gpu_joules_per_total_token: j_out * output / (output + prompt.max(0.0)),
        prefill_time_share: t_prefill / cycle,
    }
}
