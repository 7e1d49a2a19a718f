//! Serving a model on a replica of GPUs: what one decode step and one prefill pass of a
//! [`Deployment`] cost, and how they combine into tokens per second, per user and per joule.
//! The split itself is [`Layout`] (in [`super::layout`], with the search), what is fixed
//! before it [`Setup`] (in [`super::setup`]); both are re-exported here. What one stage pass
//! asks of a GPU ([`Deployment::stage_load`], with its communication) is in [`super::stage`].
//!
//! Parallelism: a replica of `gpus` GPUs holds `dp` model instances (data parallel), each
//! split `tp` ways (tensor parallel, inside one scale-up domain) and over `pp` pipeline stages
//! (across domains, over the scale-out network): `gpus = dp·tp·pp`.

use super::num::{at_least, at_most, clamp, max_num, min_num};
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
    /// worked out once in [`Setup::deploy`] (read by [`Deployment::stage_load`], in
    /// [`super::stage`]).
    pub(super) comm: (f64, f64),
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
    /// (`t_v`, `E_v`). The first draft token is accepted with probability `p`, each further one
    /// with `q` if the ones before it were (the one MTP module drafts again from its own
    /// draft): a step gives each sequence `a = 1 + p·(1 + q + … + qⁿ⁻¹)` tokens. Step time
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
        let (p, q) = (self.setup.draft_acceptance, self.setup.chain_acceptance);
        let a = 1.0 + p * (0..n as u32).map(|i| q.powi(i as i32)).sum::<f64>();
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
        let (_, run) = self.prefill_pass(tokens, prompt);
        let mut result = self.phase(tokens * micro, run.seconds * pp, run);
        result.spread = self.rank_spread(prompt);
        self.prefill_key.set(Some(key));
        self.prefill_memo.set(Some(result));
        result
    }

    /// One stage pass over `tokens` prompt tokens of prompts of `prompt` tokens (attention
    /// context `prompt/2`): its load and its run.
    #[inline(never)]
    fn prefill_pass(&self, tokens: f64, prompt: f64) -> (StepLoad, StepRun) {
        let load = self.stage_load(tokens, prompt / 2.0, prompt, true);
        let run = run_step(&self.setup.chip, &self.setup.physics, &load);
        (load, run)
    }

    /// How prefill shares out between ranks that wait for one another: the data-parallel
    /// attention ranks of an MoE instance, which meet at every MoE layer's dispatch and
    /// combine, so a step lasts as long as its busiest rank (TensorRT-LLM's "ADP Balance
    /// Strategy", tech blog 10: on 8 GB200 serving DeepSeek-V3 with data-parallel attention,
    /// ranks held 54 % of the busiest rank's tokens on average). A rank prefills its own
    /// prompts, a chunk at a time, through attention and the dense projections around it; the
    /// experts, the all-to-alls and the fixed costs are shared.
    ///
    /// # Formula
    /// `ranks = tp` under data-parallel attention of an MoE model with `tp > 1`, else 1 (no
    /// spread). `chunk = min(prompt, engine chunk)`; `t_chunk`: a pass in which every rank
    /// prefills one chunk (`ranks · chunk` tokens, `pp` stages); of it, the rank's own share
    /// `s = (F/P + F_a/P_a) / (F/P + F_a/P_a + i·F_e/P) · (t_gemm + t_attn)/t` (its FLOPs at
    /// the peaks against the experts', `i` their imbalance, times the share of the pass the
    /// GEMMs and attention take); `balance_iters`: the setup's hold for balance
    /// ([`Setup::dp_balance_iters`](super::setup::Setup::dp_balance_iters)).
    pub fn rank_spread(&self, prompt: f64) -> RankSpread {
        let ranks = f64::from(self.layout.tp);
        if !(self.setup.dp_attention && self.setup.model.moe.is_some() && ranks > 1.0) {
            return RankSpread::NONE;
        }
        let chunk_limit = at_least(self.setup.engine.prefill_chunk_tokens, 1.0);
        let chunk = at_most(at_least(prompt, 1.0), chunk_limit);
        let (load, run) = self.prefill_pass(ranks * chunk, prompt);
        let chip = &self.setup.chip;
        let p = at_least(chip.peak_flops_per_s, 1.0);
        let pa = at_least(chip.attn_peak_flops_per_s, 1.0);
        let own = load.gemm_flops / p + load.attn_flops / pa;
        let shared = load.expert_flops * at_least(load.expert_flops_imbalance, 1.0) / p;
        let busy = (run.gemm_s + run.attention_s) / at_least(run.seconds, 1e-30);
        RankSpread {
            ranks,
            share: clamp(own / at_least(own + shared, 1e-30) * busy, 0.0, 1.0),
            chunk,
            chunk_limit,
            chunk_s: run.seconds * self.layout.pp as f64,
            instances: f64::from(self.layout.dp),
            balance_iters: self.setup.dp_balance_iters,
        }
    }

    /// Time to first token when prefill is interleaved with decode: the request's prompt at
    /// one instance's prefill rate, plus the decode steps that run between its chunks.
    ///
    /// # Formula
    /// `L + prompt / (r_p · g) + ⌈prompt / chunk⌉ · t_d`, with `L` the engine's request
    /// latency outside the GPU, `r_p` the prefill tokens/s per GPU, `g` the instance's GPUs,
    /// `chunk` the engine's prefill chunk and `t_d` the decode step. Where ranks of
    /// data-parallel attention prefill their own prompts ([`RankSpread`]), a prompt's chunks
    /// take `⌈prompt/chunk⌉ · t_c` instead of `prompt / (r_p · g)`: `t_c = t_chunk` where the
    /// engine releases prompts on all ranks at once, else `(s + (1 − s)/ranks) · t_chunk` (its
    /// rank alone through attention and the dense layers, the experts shared); and where it
    /// holds them until every rank has one ([`RankSpread::balance_iters`] `T`), the prompt
    /// waits half a release period, `min(T, H_n/r)/2` iterations of the serving cycle `c`
    /// (`H_n` the `n`-th harmonic number: the expected wait until each of `n` ranks has a
    /// prompt, `r = batch·a/(output·n·dp)` prompts per rank and iteration). Queueing for a free
    /// slot is not included.
    pub fn ttft(
        &self,
        decode: &PhaseResult,
        prefill: &PhaseResult,
        serving: &Serving,
        prompt: f64,
        output: f64,
    ) -> f64 {
        let chunks = at_least(
            (prompt / at_least(self.setup.engine.prefill_chunk_tokens, 1.0)).ceil(),
            1.0,
        );
        let latency = self.setup.engine.request_latency_ms / 1e3 + chunks * decode.step_s;
        let spread = &prefill.spread;
        if spread.ranks <= 1.0 {
            let rate = at_least(
                prefill.tokens_per_s_per_gpu * f64::from(self.layout.instance_gpus()),
                1e-30,
            );
            return latency + prompt / rate;
        }
        if spread.balance_iters <= 0.0 {
            let own = spread.share + (1.0 - spread.share) / spread.ranks;
            return latency + chunks * own * spread.chunk_s;
        }
        let a = at_least(decode.tokens_per_step, 1.0);
        let per_rank =
            serving.batch * a / (at_least(output, 1.0) * spread.ranks * spread.instances);
        let harmonic: f64 = (1..=spread.ranks as u32).map(|k| 1.0 / f64::from(k)).sum();
        let period = if per_rank > 0.0 {
            min_num(spread.balance_iters, harmonic / per_rank)
        } else {
            spread.balance_iters
        };
        let cycle = a / at_least(serving.tokens_per_s_per_user, 1e-30);
        latency + chunks * spread.chunk_s + period / 2.0 * cycle
    }

    /// Time to send one prompt's KV cache from a prefill GPU to the decode pool over the
    /// scale-up fabric (disaggregated serving).
    ///
    /// # Formula
    /// `latency + prompt · kv_bytes_per_token_per_gpu(prompt) / bw`: each GPU sends its own
    /// share to its counterpart, all at once, at the bandwidth between two GPUs of the domain
    /// ([`Deployment::scale_up_bytes_per_s`]`(2)`: the whole fabric's through a switch, one
    /// link's through a mesh).
    pub fn kv_transfer_s(&self, prompt: f64) -> f64 {
        let bw = self.scale_up_bytes_per_s(2.0);
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
            spread: RankSpread::NONE,
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
    /// How a prefill pass shares out between ranks that wait for one another
    /// ([`Deployment::rank_spread`]).
    #[serde(skip)]
    pub spread: RankSpread,
}

/// How a prefill pass shares out between ranks that wait for one another
/// ([`Deployment::rank_spread`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankSpread {
    /// Ranks whose steps wait for one another (1: none).
    pub ranks: f64,
    /// Share of a prefill pass's time each rank spends on its own prompts alone.
    pub share: f64,
    /// Tokens of one prompt a rank prefills in one step (a chunk).
    pub chunk: f64,
    /// Tokens a rank takes in one step at most (the engine's chunk).
    pub chunk_limit: f64,
    /// Time of a step in which every rank prefills one chunk, s.
    pub chunk_s: f64,
    /// Instances of the replica, each with its own ranks and prompts.
    pub instances: f64,
    /// Iterations new prompts wait at most for every rank to have one before all ranks
    /// prefill together (`Setup::dp_balance_iters`); 0: each rank prefills its own as they
    /// come.
    pub balance_iters: f64,
}

impl RankSpread {
    /// No ranks waiting for one another.
    pub const NONE: RankSpread = RankSpread {
        ranks: 1.0,
        share: 0.0,
        chunk: 1.0,
        chunk_limit: 1.0,
        chunk_s: 0.0,
        instances: 1.0,
        balance_iters: 0.0,
    };

    /// Prefill time of a step in which `prompts` new prompts (per replica) arrive, set by
    /// the busiest rank; 0 where no ranks wait for one another, or where the engine releases
    /// prompts on all ranks at once (`balance_iters > 0`: every rank prefills in the same
    /// steps, and the mean cost is what [`combine`] already counts).
    ///
    /// # Formula
    /// Chunks per instance and step `k = prompts/instances · ⌈prompt/chunk⌉`, each rank's a
    /// Poisson count of mean `λ = k/ranks`; the busiest takes `M = min(E[max], max(λ, cap))`
    /// ([`busiest_of`]; `cap = ⌊chunk_limit/chunk⌋` chunks a rank takes per step). Its own
    /// share of a chunk's time waits on it, the shared rest goes with the mean:
    /// `t_chunk · ((1 − s)·λ + s·M)`.
    pub fn busiest_time(&self, prompts: f64, prompt: f64) -> f64 {
        if self.ranks <= 1.0 || prompts <= 0.0 || self.balance_iters > 0.0 {
            return 0.0;
        }
        let per_prompt = (at_least(prompt, 1.0) / at_least(self.chunk, 1.0)).ceil();
        let lambda = prompts / at_least(self.instances, 1.0) * per_prompt / self.ranks;
        if !(lambda > 0.0 && lambda.is_finite()) {
            return 0.0;
        }
        let cap = at_least((self.chunk_limit / at_least(self.chunk, 1.0)).floor(), 1.0);
        let busiest = min_num(busiest_of(self.ranks, lambda), max_num(lambda, cap));
        self.chunk_s * ((1.0 - self.share) * lambda + self.share * at_least(busiest, lambda))
    }
}

/// Expected largest of `n` independent Poisson counts of mean `lambda`.
///
/// # Formula
/// `E[max] = Σ_{j≥1} (1 − F(j−1)ⁿ)`, `F` the Poisson distribution function, summed while a
/// term exceeds 1e-9 (at most `λ + 12√λ + 12` terms); for `λ > 40`, the normal limit with
/// the Poisson's skew (Cornish–Fisher), `λ + √λ·z_n + (z_n² − 1)/6`, `z_n` the expected
/// largest of `n` standard normals ([`largest_normal`]).
pub fn busiest_of(n: f64, lambda: f64) -> f64 {
    if n <= 1.0 || lambda <= 0.0 {
        return at_least(lambda, 0.0);
    }
    if lambda > 40.0 {
        let z = largest_normal(n);
        return lambda + lambda.sqrt() * z + (z * z - 1.0) / 6.0;
    }
    let ni = n.round() as i32;
    let mut pmf = (-lambda).exp();
    let mut cdf = pmf;
    let mut sum = 0.0;
    let limit = (lambda + 12.0 * lambda.sqrt() + 12.0) as u32;
    for j in 1..=limit {
        let term = 1.0 - cdf.powi(ni);
        if term < 1e-9 {
            break;
        }
        sum += term;
        pmf *= lambda / f64::from(j);
        cdf += pmf;
    }
    sum
}

/// Expected largest of `n` independent standard normal values.
///
/// # Formula
/// `∫ x · n·φ(x)·Φ(x)^(n−1) dx`, integrated numerically for `n = 1, 2, 4, …, 256` (0, 0.56419,
/// 1.02938, 1.42360, 1.76599, 2.06967, 2.34373, 2.59460, 2.82686) and interpolated linearly in
/// `log₂ n` (ranks are at most a scale-up domain, 144 GPUs; beyond 256 the last value).
pub fn largest_normal(n: f64) -> f64 {
    const Z: [f64; 9] = [
        0.0, 0.56419, 1.02938, 1.42360, 1.76599, 2.06967, 2.34373, 2.59460, 2.82686,
    ];
    let x = clamp(n.ln() / std::f64::consts::LN_2, 0.0, 8.0);
    let i = (x.floor() as usize).min(7);
    Z[i] + (x - i as f64) * (Z[i + 1] - Z[i])
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
    /// prompts) or waiting for the busiest data-parallel rank's prompts.
    pub idle_time_share: f64,
    /// Time to first token of a request, s ([`Deployment::ttft`]; 0 from [`combine`] alone).
    pub ttft_s: f64,
}

/// Combines decode and prefill into steady-state serving (continuous batching).
///
/// # Formula
/// Per decode step (`T_d`, `batch` tokens out), `batch/output` requests finish and as many new
/// prompts must be prefilled, costing `batch·prompt/output · τ_p` of replica time, where
/// `τ_p = 1/(prefill tokens/s per replica)`: `T_p = batch·prompt·τ_p/output`. Where ranks
/// wait for one another's prompts (data-parallel attention of an MoE model) the step lasts
/// at least [`RankSpread::busiest_time`] `T_b`; the others idle meanwhile,
/// `T_w = max(0, T_b − T_p)`. Cycle `T = T_d + T_p + T_w`: output tokens/s per GPU
/// `= batch/(T·gpus)`, per user `= 1/T`; energy per output token
/// `= gpus·(P_d·T_d + P_p·T_p + P_idle·T_w)/batch`. With speculative
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
    let balanced = batch * a * prompt * tau_p / output;
    // Ranks that wait for one another wait for the busiest one's prompts, idle meanwhile.
    let wait = at_least(
        prefill.spread.busiest_time(batch * a / output, prompt) - balanced,
        0.0,
    );
    let cycle = decode.step_s + balanced + wait;
    let out_per_gpu = batch * a / (cycle * gpus);
    let energy = gpus
        * (decode.gpu_power_w * decode.step_s
            + prefill.gpu_power_w * balanced
            + prefill.run.idle_w * wait);
    let j_out = energy / (batch * a);
    Serving {
        batch,
        output_tokens_per_s_per_gpu: out_per_gpu,
        total_tokens_per_s_per_gpu: out_per_gpu * (1.0 + prompt / output),
        tokens_per_s_per_user: a / cycle,
        gpu_power_w: energy / (cycle * gpus),
        gpu_joules_per_output_token: j_out,
        gpu_joules_per_total_token: j_out * output / (output + prompt),
        prefill_time_share: balanced / cycle,
        idle_time_share: wait / cycle,
        ttft_s: 0.0,
    }
}
