//! Serving a model on a replica of GPUs: what one decode step and one prefill pass of a
//! [`Deployment`] cost, and how they combine into tokens per second, per user and per joule.
//! The split itself is [`Layout`] (in [`super::layout`], with the search), what is fixed
//! before it [`Setup`] (in [`super::setup`]); both are re-exported here.
//!
//! Parallelism: a replica of `gpus` GPUs holds `dp` model instances (data parallel), each
//! split `tp` ways (tensor parallel, inside one scale-up domain) and over `pp` pipeline stages
//! (across domains, over the scale-out network): `gpus = dp·tp·pp`.

use super::arch;
use super::num::{at_least, at_most, max_num, min_num};
use super::step::{Physics, StepLoad, StepRun, run_step};
use crate::data::{Engine, Gpu, LlmModel};
use serde::Serialize;
use std::cell::Cell;

pub use super::layout::Layout;
pub use super::setup::{Precisions, Setup};

/// Bytes in a GiB. Datasheets' "GB" of HBM are binary: an "80 GB" H100 reports 81,559 MiB
/// (`nvidia-smi`), a "141 GB" H200 143,771 MiB.
pub const GIB: f64 = 1_073_741_824.0;

/// A [`Setup`] laid out over a replica's GPUs: the context of every step.
#[derive(Debug, Clone)]
pub struct Deployment<'a> {
    /// What does not depend on the layout.
    pub setup: Setup<'a>,
    pub layout: Layout,
    /// Communication per stage pass: `(fixed s, s per token)` ([`Deployment::communication`]),
    /// worked out once in [`Setup::deploy`].
    comm: (f64, f64),
    /// The last [`Deployment::max_sequences`] computed: `(context bits, sequences)` (the search
    /// asks it of each layout several times).
    seqs_memo: Cell<Option<(u64, f64)>>,
    /// The last prefill computed: its `[tokens per pass, micro-batches, prompt]` bits and its
    /// result (apart, so that a miss reads only the key).
    prefill_key: Cell<Option<[u64; 3]>>,
    prefill_memo: Cell<Option<PhaseResult>>,
}

impl<'a> Deployment<'a> {
    /// `setup` over `layout` as given (the layout's `ep` already settled by
    /// [`Setup::deploy`]), with its communication worked out once and empty memos.
    pub(super) fn laid_out(setup: Setup<'a>, layout: Layout) -> Deployment<'a> {
        let mut dep = Deployment {
            setup,
            layout,
            comm: (0.0, 0.0),
            seqs_memo: Cell::new(None),
            prefill_key: Cell::new(None),
            prefill_memo: Cell::new(None),
        };
        dep.comm = dep.communication();
        dep
    }

    /// Builds a deployment ([`Setup::new`], then [`Setup::deploy`]); `dp_attention: None`
    /// means the engines' usual choice (on for MLA models).
    pub fn new(
        gpu: &'a Gpu,
        model: &'a LlmModel,
        precisions: Precisions,
        engine: &'a Engine,
        layout: Layout,
        dp_attention: Option<bool>,
        physics: Physics,
    ) -> Deployment<'a> {
        Setup::new(gpu, model, precisions, engine, dp_attention, physics).deploy(layout)
    }

    /// With speculative decoding by the model's multi-token-prediction layers, at the engine's
    /// usual draft length (no change for a model without such layers).
    pub fn with_mtp(mut self, on: bool) -> Deployment<'a> {
        self.setup = self.setup.with_mtp(on);
        self
    }

    /// Whether attention runs data-parallel (each GPU its own sequences).
    pub fn data_parallel_attention(&self) -> bool {
        self.setup.dp_attention
    }

    /// Scheduler limit on sequences decoded together by the replica.
    ///
    /// # Formula
    /// `max_num_seqs · pp · dp · (tp if attention is data-parallel else 1)`: each pipeline
    /// stage, instance and data-parallel attention rank schedules its own batch.
    pub fn batch_limit(&self) -> f64 {
        let ranks = if self.setup.dp_attention {
            self.layout.tp
        } else {
            1
        };
        max_num(self.setup.engine.max_num_seqs, 1.0)
            * f64::from(self.layout.pp)
            * f64::from(self.layout.dp)
            * f64::from(ranks)
    }

    /// Weight bytes stored on each GPU ([`Setup::weight_bytes_per_gpu`] of this layout).
    pub fn weight_bytes_per_gpu(&self) -> f64 {
        self.setup.weight_bytes_per_gpu(self.layout)
    }

    /// KV-cache bytes one token of context occupies on one GPU
    /// ([`Setup::kv_bytes_per_token_per_gpu`] of this layout).
    #[inline(always)]
    pub fn kv_bytes_per_token_per_gpu(&self, context: f64) -> f64 {
        self.setup.kv_bytes_per_token_per_gpu(self.layout, context)
    }

    /// HBM left for the KV cache on each GPU after the weights, bytes (negative: no fit;
    /// [`Setup::kv_capacity_per_gpu`] of this layout).
    pub fn kv_capacity_per_gpu(&self) -> f64 {
        self.setup.kv_capacity_per_gpu(self.layout)
    }

    /// Whether the weights fit, leaving room for at least one sequence of `context` tokens.
    pub fn fits(&self, context: f64) -> bool {
        self.max_sequences(context) >= 1.0
    }

    /// The largest batch the replica decodes: whole sequences that fit, within the scheduler's
    /// limit, at least one.
    ///
    /// # Formula
    /// `clamp(⌊max_sequences(context)⌋, 1, batch_limit)`.
    pub fn max_batch(&self, context: f64) -> f64 {
        min_num(
            self.fitting_batch(context),
            max_num(self.batch_limit(), 1.0),
        )
    }

    /// The largest batch whose KV cache fits, at least one: what an operator who sets the
    /// scheduler's limit to the batch (`batch=N`, as ML.ENERGY and InferenceMAX do) can run.
    ///
    /// # Formula
    /// `max(⌊max_sequences(context)⌋, 1)`.
    pub fn fitting_batch(&self, context: f64) -> f64 {
        max_num(self.max_sequences(context).floor(), 1.0)
    }

    /// Sequences of `context` tokens whose KV cache fits in the replica (fractional;
    /// [`Setup::max_sequences`] of this layout).
    pub fn max_sequences(&self, context: f64) -> f64 {
        let key = context.to_bits();
        if let Some((k, seqs)) = self.seqs_memo.get()
            && k == key
        {
            return seqs;
        }
        let seqs = self.setup.max_sequences(self.layout, context);
        self.seqs_memo.set(Some((key, seqs)));
        seqs
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
        let bw = (self.setup.gpu.scale_up_gb_s * 1e9 * self.setup.comm_efficiency).max(1.0);
        (self.setup.comm_latency_s, 2.0 * (tp - 1.0) / tp / bw)
    }

    /// Communication on the critical path of one stage pass over `tokens` tokens, as
    /// `(fixed seconds, seconds per token)`: it is linear in the tokens in flight and does not
    /// depend on the context, so it is worked out once per deployment.
    ///
    /// # Formula
    /// With `act = hidden · act_bytes` per token, per layer of a stage:
    /// - attention: an all-reduce of the tokens' activations over the `tp` GPUs, unless it
    ///   runs data-parallel (each GPU its own sequences: nothing to exchange);
    /// - dense feed-forward layers: an all-reduce likewise (none under data-parallel
    ///   attention, where they run data-parallel too);
    /// - MoE layers with experts spread over `ep > 1` GPUs: dispatch and combine, two
    ///   all-to-alls in which each GPU sends its share of the tokens to the `k` experts they
    ///   are routed to, `(ep−1)/ep` of them elsewhere: `2 · act · k · (ep−1)/(ep·tp)` per token
    ///   (shared experts run where the token is); with experts tensor-parallel (`ep = 1`) an
    ///   all-reduce as for dense layers;
    /// - a hop of `act/tp` to the next stage over scale-out when `pp > 1`.
    ///
    /// All-reduce: `latency + 2·(tp−1)/tp · bytes / (bw_up · efficiency)`; all-to-all:
    /// `latency + (ep−1)·peer_latency + bytes / (bw_up · efficiency)` (a GPU exchanges with
    /// each of its `ep−1` peers in turn).
    fn communication(&self) -> (f64, f64) {
        let m = self.setup.model;
        let l = self.layout;
        let act = m.hidden as f64 * self.setup.activation_bytes;
        let layers = m.layers as f64 / l.pp as f64;
        let (lat, per_byte) = self.all_reduce();
        let bw = (self.setup.gpu.scale_up_gb_s * 1e9 * self.setup.comm_efficiency).max(1.0);
        let (tp, ep) = (f64::from(l.tp), f64::from(l.ep));
        let (moe_layers, k) = match &m.moe {
            Some(e) => {
                let dense = f64::from(e.dense_layers) / l.pp as f64;
                ((layers - dense).max(0.0), f64::from(e.active))
            }
            None => (0.0, 0.0),
        };
        let dense_layers = layers - moe_layers;
        let dp = self.setup.dp_attention;
        let (mut fixed, mut per_token) = (0.0, 0.0);
        // Attention.
        if !dp {
            fixed += layers * lat;
            per_token += layers * act * per_byte;
        }
        // Dense feed-forward layers.
        if !dp {
            fixed += dense_layers * lat;
            per_token += dense_layers * act * per_byte;
        }
        // MoE layers.
        if ep > 1.0 {
            fixed += 2.0
                * moe_layers
                * (self.setup.comm_latency_s + (ep - 1.0) * self.setup.peer_latency_s);
            per_token += 2.0 * moe_layers * act * k * (ep - 1.0) / (ep * tp) / bw;
        } else {
            fixed += moe_layers * lat;
            per_token += moe_layers * act * per_byte;
        }
        if l.pp > 1 {
            let bw = (self.setup.gpu.scale_out_gb_s * 1e9 * self.setup.comm_efficiency).max(1.0);
            fixed += self.setup.scale_out_latency_s;
            per_token += act / l.tp as f64 / bw;
        }
        (fixed, per_token)
    }

    /// Cost of one pass over one pipeline stage of one instance for `tokens` tokens in flight,
    /// whose sequences have `context` cached tokens each and `new_per_seq` new tokens each (1
    /// for decode, the prompt length for prefill).
    ///
    /// # Formula (per GPU, `g = tp·pp`)
    /// - weight GEMMs: `params_read(tokens) · bytes_per_param / g` read,
    ///   `tokens · 2·matmul_active / g` FLOPs; of them the routed experts' apart: their
    ///   tensor work on tiles, `2·expert·moe_layers·max(touched·tile_rows, tokens·k) / g`, and
    ///   with `ep > 1` the busiest GPU's share: `1 + √(2·ln ep·(1 − 1/ep) / mean)` times the
    ///   mean (the largest of `ep` nearly binomial loads) of the experts it reads (at most all
    ///   of its own) and of the tokens it computes;
    /// - attention: KV read `seqs · context · kv_bytes_per_token_per_gpu`, written
    ///   `tokens · kv…` (`seqs = tokens / new_per_seq`); FLOPs
    ///   `tokens · attention_flops(context) / g`, in decode times the tile padding
    ///   `max(1, tile_rows / rows)`: one new token's query heads of a KV head fill `rows =
    ///   heads/kv_heads` rows of a tensor-core tile of `tile_rows` where the engine packs them
    ///   (else `rows = 1`: each query head its own tile); MLA's heads share one latent and fill
    ///   it; work units: in decode
    ///   `seqs · KV heads per GPU · max(1, read / split)` (`read`: the cached tokens read,
    ///   sliding-window layers counted to their window; `split`: the engine's split-KV chunk,
    ///   counted fractionally so that a longer context is never faster; 1 split without it), in prefill `tokens · heads per GPU` (always enough);
    /// - communication: [`Deployment::communication`];
    /// - overhead: `(step_overhead + layer_overhead · layers) / pp` (the engine's per-layer cost
    ///   on this chip's vendor: [`Engine::layer_overhead_us_on`]).
    #[inline(always)]
    pub fn stage_load(
        &self,
        tokens: f64,
        context: f64,
        new_per_seq: f64,
        prefill: bool,
    ) -> StepLoad {
        let m = self.setup.model;
        let g = f64::from(self.layout.instance_gpus());
        let wb = self.setup.precisions.weights.weight_bytes();
        let pc = &self.setup.params;
        let read = arch::params_read(m, pc, tokens);
        // Routed experts apart: their bytes stream through grouped GEMMs, their tensor work
        // runs on tiles of `tile_rows` rows per expert touched, and under expert parallelism
        // the busiest GPU sets the pace.
        let (expert_bytes, expert_useful, expert_padded, imbalance) = match &m.moe {
            Some(e) if pc.expert_slots > 0.0 => {
                let moe_layers = pc.expert_slots / f64::from(e.experts.max(1));
                let (k, n) = (f64::from(e.active), f64::from(e.experts.max(1)));
                let touched = arch::experts_touched(e.experts, e.active, tokens);
                let tile = self.setup.attention_tile_rows;
                let useful = 2.0 * pc.expert * moe_layers * tokens * k;
                let padded = 2.0 * pc.expert * moe_layers * max_num(touched * tile, tokens * k);
                // The busiest of `ep` GPUs: the largest of `ep` nearly binomial loads exceeds
                // the mean by `√(2·ln ep·(1 − 1/ep)/mean)` of it, for the experts it reads (at
                // most all its experts) and the tokens it computes.
                let ep = f64::from(self.layout.ep);
                let excess = |mean: f64| {
                    if ep > 1.0 && mean > 0.0 {
                        (2.0 * ep.ln() * (1.0 - 1.0 / ep) / mean).sqrt()
                    } else {
                        0.0
                    }
                };
                let imb_bytes = max_num(
                    min_num(1.0 + excess(touched / ep), n / max_num(touched, 1e-9)),
                    1.0,
                );
                let imb_tokens = 1.0 + excess(tokens * k / ep);
                let busiest = max_num(touched * imb_bytes * tile, tokens * k * imb_tokens);
                let imb_flops = busiest / max_num(max_num(touched * tile, tokens * k), 1e-9);
                (
                    (read - pc.always_read) * wb,
                    useful,
                    padded,
                    (imb_bytes, imb_flops),
                )
            }
            _ => (0.0, 0.0, 0.0, (1.0, 1.0)),
        };
        let weights = read * wb - expert_bytes;
        let kv_per_tok = self.kv_bytes_per_token_per_gpu(context);
        let (comm_fixed, comm_per_token) = self.comm;
        let new = at_least(new_per_seq, 1.0);
        let seqs = tokens / new;
        let tp = f64::from(self.layout.tp);
        let units = if new > 1.0 {
            tokens * at_least(f64::from(m.heads) / tp, 1.0)
        } else {
            let heads = if self.setup.dp_attention {
                f64::from(m.heads)
            } else {
                at_least(f64::from(m.kv_heads) / tp, 1.0)
            };
            let split = self.setup.engine.kv_split_tokens;
            // Cached tokens actually read per sequence (sliding-window layers stop at their
            // window), split into chunks of `split` tokens.
            let read = (context + 1.0) * arch::kv_elems_per_token(m, context)
                / at_least(arch::kv_elems_per_token(m, 1.0), 1e-9);
            let splits = if split > 0.0 {
                max_num(read / split, 1.0)
            } else {
                1.0
            };
            seqs * heads * splits
        };
        let pp = f64::from(self.layout.pp);
        let pad = if new > 1.0 {
            1.0
        } else {
            let rows = match m.attention {
                crate::data::Attention::Mla { .. } => f64::from(m.heads),
                crate::data::Attention::Gqa { .. } if self.setup.packs_gqa => {
                    f64::from(m.heads) / at_least(f64::from(m.kv_heads), 1.0)
                }
                crate::data::Attention::Gqa { .. } => 1.0,
            };
            at_least(self.setup.attention_tile_rows / at_least(rows, 1.0), 1.0)
        };
        StepLoad {
            weight_bytes: weights / g,
            gemm_flops: (tokens * 2.0 * self.setup.params.matmul_active - expert_useful) / g,
            expert_bytes: expert_bytes / g,
            expert_flops: expert_padded / g,
            expert_bytes_imbalance: imbalance.0,
            expert_flops_imbalance: imbalance.1,
            kv_bytes: tokens * kv_per_tok * (context / new + 1.0),
            attn_flops: tokens * pad * arch::attention_flops_per_token(m, context, prefill) / g,
            attn_units: units,
            comm_s: comm_fixed + tokens * comm_per_token,
            overhead_s: (self.setup.engine.step_overhead_us * 1e-6
                + self.setup.layer_overhead_s * f64::from(m.layers))
                / pp,
        }
    }

    /// One decode step: `batch` sequences of the replica each add one token to `context`
    /// cached tokens.
    ///
    /// # Formula
    /// Each of the `dp` instances decodes `b = batch/dp` sequences. With `pp` stages they are
    /// split into `m = min(pp, b)` micro-batches kept in flight. Each stage pass handles `b/m`
    /// sequences; a token passes every stage, so the per-user step time is `pp · t_stage`,
    /// and an instance makes `b` tokens per `pp · t_stage`.
    #[inline(always)]
    pub fn decode(&self, batch: f64, context: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let b = at_least(batch / f64::from(self.layout.dp), 1.0);
        let micro = at_most(pp, b);
        let per_pass = b / micro;
        let run = run_step(
            &self.setup.chip,
            &self.setup.physics,
            &self.stage_load(per_pass, context, 1.0, false),
        );
        if self.setup.draft_tokens > 0.0 {
            return self.speculative(b, per_pass, context, run);
        }
        let step_s = run.seconds * pp;
        self.phase(b, step_s, run)
    }

    /// A decode step with speculative decoding by the model's own multi-token-prediction
    /// layers: `n` draft tokens, then one pass verifying them.
    ///
    /// # Formula
    /// Drafting runs the MTP layer `n` times over the batch: `n/layers` of a plain decode step
    /// (`t₁`, energy `E₁`). Verification is one pass over `1 + n` tokens per sequence
    /// (`t_v`, `E_v`). Each draft token is accepted with probability `p` if the ones before it
    /// were: a step gives each sequence `a = 1 + p + … + pⁿ` tokens. Step time
    /// `pp·(t_v + n·t₁/layers)`, power `(E_v + n·E₁/layers)/(t_v + n·t₁/layers)`.
    fn speculative(&self, b: f64, per_pass: f64, context: f64, plain: StepRun) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let n = self.setup.draft_tokens;
        let verify = run_step(
            &self.setup.chip,
            &self.setup.physics,
            &self.stage_load(per_pass * (1.0 + n), context, 1.0 + n, false),
        );
        let share = n / at_least(f64::from(self.setup.model.layers), 1.0);
        let t = verify.seconds + share * plain.seconds;
        let energy = verify.power_w * verify.seconds + share * plain.power_w * plain.seconds;
        let p = self.setup.draft_acceptance;
        let a = (0..=n as u32).map(|i| p.powi(i as i32)).sum::<f64>();
        // Power and its parts averaged over the verification pass and the drafts.
        let mix = |v: f64, d: f64| (v * verify.seconds + share * d * plain.seconds) / t;
        let run = StepRun {
            seconds: t,
            power_w: energy / t,
            memory_w: mix(verify.memory_w, plain.memory_w),
            compute_w: mix(verify.compute_w, plain.compute_w),
            ..verify
        };
        let mut r = self.phase(b * a, t * pp, run);
        r.tokens_per_step = a;
        r
    }

    /// Prefill of `batch` prompts of `prompt` tokens each, in passes of at most the engine's
    /// chunk of tokens per stage, as engines with chunked prefill schedule it (causal
    /// attention: a prompt token attends on average to half the prompt).
    ///
    /// # Formula
    /// Each instance prefills `b = batch/dp` prompts. With `m = min(pp, b)` micro-batches in
    /// flight, each stage pass handles `n = min(b·prompt/m, chunk)` tokens at attention
    /// context `prompt/2`, writing their cache; an instance processes `m·n` prompt tokens per
    /// `pp · t_stage(n)`.
    /// The result depends on the batch only through `(n, m)`, which stop changing once the
    /// batch fills the chunk, so the last result is remembered: a sweep over batch sizes
    /// computes the saturated prefill once.
    pub fn prefill(&self, batch: f64, prompt: f64) -> PhaseResult {
        let pp = self.layout.pp as f64;
        let b = at_least(batch / f64::from(self.layout.dp), 1.0);
        let prompt = at_least(prompt, 1.0);
        let micro = at_most(pp, b);
        let tokens = at_most(
            b / micro * prompt,
            at_least(self.setup.engine.prefill_chunk_tokens, 1.0),
        );
        let key = [tokens.to_bits(), micro.to_bits(), prompt.to_bits()];
        // Compared element by element: `==` on the arrays calls memcmp in this build.
        if let Some(k) = self.prefill_key.get()
            && k[0] == key[0]
            && k[1] == key[1]
            && k[2] == key[2]
            && let Some(hit) = self.prefill_memo.get()
        {
            return hit;
        }
        let load = self.stage_load(tokens, prompt / 2.0, prompt, true);
        let run = run_step(&self.setup.chip, &self.setup.physics, &load);
        let result = self.phase(tokens * micro, run.seconds * pp, run);
        self.prefill_key.set(Some(key));
        self.prefill_memo.set(Some(result));
        result
    }

    /// Time to first token when prefill is interleaved with decode: the request's prompt at
    /// one instance's prefill rate, plus the decode steps that run between its chunks.
    ///
    /// # Formula
    /// `L + prompt / (r_p · g) + ⌈prompt / chunk⌉ · t_d`, with `L` the engine's request
    /// latency outside the GPU, `r_p` the prefill tokens/s per GPU, `g` the instance's GPUs,
    /// `chunk` the engine's prefill chunk and `t_d` the decode step. Queueing for a free slot
    /// is not included.
    pub fn ttft(&self, decode: &PhaseResult, prefill: &PhaseResult, prompt: f64) -> f64 {
        let rate = at_least(
            prefill.tokens_per_s_per_gpu * f64::from(self.layout.instance_gpus()),
            1e-30,
        );
        let chunks = (prompt / at_least(self.setup.engine.prefill_chunk_tokens, 1.0)).ceil();
        self.setup.engine.request_latency_ms / 1e3
            + prompt / rate
            + at_least(chunks, 1.0) * decode.step_s
    }

    /// Time to send one prompt's KV cache from a prefill GPU to the decode pool over the
    /// scale-up fabric (disaggregated serving).
    ///
    /// # Formula
    /// `latency + prompt · kv_bytes_per_token_per_gpu(prompt) / (bw_up · efficiency)`: each GPU
    /// sends its own share, all at once.
    pub fn kv_transfer_s(&self, prompt: f64) -> f64 {
        let bw = (self.setup.gpu.scale_up_gb_s * 1e9 * self.setup.comm_efficiency).max(1.0);
        self.setup.comm_latency_s + prompt * self.kv_bytes_per_token_per_gpu(prompt) / bw
    }

    /// `tokens` made by one instance in `step_s`, per GPU.
    #[inline(always)]
    fn phase(&self, tokens: f64, step_s: f64, run: StepRun) -> PhaseResult {
        let gpus = f64::from(self.layout.instance_gpus());
        let tokens_per_s_per_gpu = tokens / step_s / gpus;
        PhaseResult {
            step_s,
            tokens_per_s_per_gpu,
            gpu_power_w: run.power_w,
            gpu_joules_per_token: run.power_w / tokens_per_s_per_gpu,
            tokens_per_step: 1.0,
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
    /// Tokens each sequence gains per step (1; more with speculative decoding).
    pub tokens_per_step: f64,
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
    /// Share of GPU time idle between requests (a disaggregated prefill pool waiting for
    /// prompts; 0 when every GPU both prefills and decodes).
    pub idle_time_share: f64,
    /// Time to first token of a request, s ([`Deployment::ttft`]; 0 from [`combine`] alone).
    pub ttft_s: f64,
}

/// Combines decode and prefill into steady-state serving (continuous batching).
///
/// # Formula
/// Per decode step (`T_d`, `batch` tokens out), `batch/output` requests finish and as many new
/// prompts must be prefilled, costing `batch·prompt/output · τ_p` of replica time, where
/// `τ_p = 1/(prefill tokens/s per replica)`. Cycle `T = T_d + batch·prompt·τ_p/output`:
/// output tokens/s per GPU `= batch/(T·gpus)`, per user `= 1/T`;
/// energy per output token `= gpus·(P_d·T_d + P_p·(T − T_d))/batch`. With speculative
/// decoding a step gives each sequence `a` tokens: `batch` becomes `batch·a` in the prefill
/// share and the outputs, per user `a/T`.
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
    let a = at_least(decode.tokens_per_step, 1.0);
    let tau_p = 1.0 / at_least(prefill.tokens_per_s_per_gpu * gpus, 1e-30);
    let t_prefill = batch * a * prompt * tau_p / output;
    let cycle = decode.step_s + t_prefill;
    let out_per_gpu = batch * a / (cycle * gpus);
    let energy = gpus * (decode.gpu_power_w * decode.step_s + prefill.gpu_power_w * t_prefill);
    let j_out = energy / (batch * a);
    Serving {
        batch,
        output_tokens_per_s_per_gpu: out_per_gpu,
        total_tokens_per_s_per_gpu: out_per_gpu * (1.0 + prompt / output),
        tokens_per_s_per_user: a / cycle,
        gpu_power_w: energy / (cycle * gpus),
        gpu_joules_per_output_token: j_out,
        gpu_joules_per_total_token: j_out * output / (output + prompt),
        prefill_time_share: t_prefill / cycle,
        idle_time_share: 0.0,
        ttft_s: 0.0,
    }
}
