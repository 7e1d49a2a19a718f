//! What is fixed before a replica is laid out: the precisions of weights, arithmetic and KV
//! cache, and the [`Setup`] of one (GPU, model, precisions, engine), with the memory rules
//! (weights and KV cache per GPU, sequences that fit) every layout of a search shares.

use super::arch::{self, ParamCounts};
use super::layout::Layout;
use super::num::max_num;
use super::precision::Precision;
use super::serving::{Deployment, GIB};
use super::step::{Chip, Physics};
use crate::data::{Engine, Gpu, KvCache, LlmModel};
use serde::Serialize;

/// Iterations TensorRT-LLM holds new prompts for balance at most when `attention_dp_config`
/// enables it without a timeout (`AttentionDpConfig.timeout_iters` default,
/// tensorrt_llm/llmapi/llm_args.py).
pub const DEFAULT_BALANCE_ITERS: f64 = 50.0;

/// The precisions of one deployment: what the weights are stored in, what the GEMMs compute
/// in, and what the KV cache is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Precisions {
    /// Weight storage (bytes read per parameter).
    pub weights: Precision,
    /// Arithmetic of the weight GEMMs (the peak that applies): weights narrower than the
    /// chip's arithmetic are widened on the fly (W4A16, W4A8).
    pub compute: Precision,
    /// KV-cache storage; attention computes in it where the chip can, else in 16 bits.
    pub kv: Precision,
    /// Storage of the attention projections: the weights', or wider where the model's
    /// published checkpoint at that precision keeps attention wider
    /// ([`Precisions::for_model`]).
    pub attention_weights: Precision,
}

impl Precisions {
    /// All three from one precision, as a deployment "in FP8" tuned for throughput means it:
    /// weights as asked, arithmetic in the nearest the chip supports, KV cache in 8 bits for
    /// 8- and 4-bit deployments and in the weights' width otherwise (the frontier's, the
    /// claims' and the best engine's).
    pub fn uniform(p: Precision, gpu: &Gpu) -> Precisions {
        Precisions::new(p, None, None, gpu, KvCache::Fp8)
    }

    /// The precisions for `precision` with optional `weights` and `kv` overrides, the cache
    /// otherwise as the engine keeps it (`cache`).
    ///
    /// # Formula
    /// `weights = weights_or(precision)`; `compute` = the wider of `precision` and `weights`,
    /// each as the chip supports it ([`Precision::supported_on`]), except that 4-bit
    /// arithmetic on a chip without it runs in 16 bits (bf16, or fp16 where the chip lacks
    /// bf16): engines dequantise 4-bit weights inside the kernel and multiply them with 16-bit
    /// activations (W4A16: vLLM's MXFP4 paths on Hopper, Marlin and triton_kernels, and
    /// TensorRT-LLM's, BF16 activations × MXFP4 weights on the H200), not with 8-bit ones;
    /// `kv = kv_or(precision ≤ 8 bits ? (fp8 if cache = 8-bit, else bf16) : precision)`, never
    /// narrower than 8 bits.
    pub fn new(
        precision: Precision,
        weights: Option<Precision>,
        kv: Option<Precision>,
        gpu: &Gpu,
        cache: KvCache,
    ) -> Precisions {
        let weights = weights.unwrap_or(precision);
        let a = match precision.supported_on(gpu) {
            p if precision == Precision::Fp4 && p != Precision::Fp4 => {
                Precision::Bf16.supported_on(gpu)
            }
            p => p,
        };
        let b = weights.supported_on(gpu);
        let compute = if b.bits() > a.bits() { b } else { a };
        let narrow = precision.bits() <= 8;
        let kv = match kv {
            Some(Precision::Fp4) => Precision::Fp8,
            Some(k) => k,
            None if narrow && cache == KvCache::Model => Precision::Bf16,
            None if narrow => Precision::Fp8,
            None => precision,
        };
        Precisions {
            weights,
            compute,
            kv,
            attention_weights: weights,
        }
    }

    /// The attention projections as `model`'s published checkpoint at these weights keeps
    /// them on `gpu`'s vendor's chips (`models.json`, `checkpoints`: NVIDIA's NVFP4
    /// DeepSeek-R1 keeps them FP8, AMD's MXFP4 one and gpt-oss's MXFP4 release BF16), never
    /// narrower than the weights; and the arithmetic as the engines' kernels for that
    /// checkpoint run it where they quantise activations wider than the weights
    /// (`activations`: gpt-oss's MXFP4 experts with MXFP8 activations on Blackwell).
    ///
    /// # Formula
    /// `attention_weights = max(weights, checkpoint.attention)`; where `compute = weights` and
    /// the checkpoint names `activations` wider than them, `compute = activations` as the chip
    /// supports it.
    pub fn for_model(self, model: &LlmModel, gpu: &Gpu) -> Precisions {
        let checkpoint = model.checkpoint(self.weights.as_str(), &gpu.vendor);
        let kept = checkpoint
            .and_then(|c| Precision::parse(&c.attention))
            .filter(|p| p.bits() > self.weights.bits());
        let compute = match checkpoint
            .and_then(|c| c.activations.as_deref())
            .and_then(Precision::parse)
        {
            Some(a) if self.compute == self.weights && a.bits() > self.weights.bits() => {
                a.supported_on(gpu)
            }
            _ => self.compute,
        };
        Precisions {
            attention_weights: kept.unwrap_or(self.weights),
            compute,
            ..self
        }
    }

    /// [`Precisions::new`] for an engine: the cache as `engine` keeps it by default, or
    /// tuned to 8 bits ([`Precisions::uniform`]'s) when no engine was named (`best`).
    pub fn for_engine(
        precision: Precision,
        weights: Option<Precision>,
        kv: Option<Precision>,
        gpu: &Gpu,
        engine: Option<&Engine>,
    ) -> Precisions {
        let cache = engine.map_or(KvCache::Fp8, |e| e.kv_cache);
        Precisions::new(precision, weights, kv, gpu, cache)
    }
}

/// Bytes and GEMM time the layers kept wider than the weights add, per model instance: the
/// attention projections where the checkpoint keeps them wider
/// ([`Precisions::attention_weights`]), and the lm_head and embedding tables, which 8- and
/// 4-bit checkpoints keep in 16 bits (NVIDIA's Model Optimizer, AMD's Quark and gpt-oss's
/// MXFP4 release all exclude `lm_head`; DeepSeek's FP8 release stores both tables in BF16).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WideWeights {
    /// Extra bytes of the attention projections (held whole per GPU under data-parallel
    /// attention, like the rest of attention).
    pub attention_bytes: f64,
    /// Extra bytes of the lm_head, read every step.
    pub head_bytes: f64,
    /// Extra bytes of the stored embedding tables (the lm_head's among them).
    pub embedding_bytes: f64,
    /// Extra GEMM work per token, in FLOPs at the compute precision's peak: the attention
    /// projections and the lm_head multiply at their own, slower peaks.
    pub flops_per_token: f64,
}

impl WideWeights {
    /// The extras for `params` stored at `precisions` (the narrow layers at `weight_bytes`
    /// per parameter) on `gpu`.
    ///
    /// # Formula
    /// With `b(p)` bytes per parameter (`b(w)`: `weight_bytes`), `w` the weights' precision,
    /// `a` the attention projections', `h = bf16` if `w` is narrower than 16 bits (else `w`)
    /// and `P(p)` the chip's dense peak at `p` as it supports it (never narrower than the
    /// compute precision `c`): `attention_bytes = attention·(b(a) − b(w))`,
    /// `head_bytes = head·(b(h) − b(w))`, `embedding_bytes = embeddings·(b(h) − b(w))`,
    /// `flops_per_token = 2·attention·(P(c)/P(a) − 1) + 2·head·(P(c)/P(h) − 1)`.
    pub fn new(
        params: &ParamCounts,
        precisions: &Precisions,
        weight_bytes: f64,
        gpu: &Gpu,
    ) -> WideWeights {
        let w = precisions.weights;
        let head = if w.bits() < 16 { Precision::Bf16 } else { w };
        let extra = |p: Precision| max_num(p.weight_bytes() - weight_bytes, 0.0);
        let c = precisions.compute;
        let peak = |p: Precision| p.peak_tflops(&gpu.dense_tflops);
        // How much slower a GEMM at `p` runs than one at the compute precision, minus 1.
        let slower = |p: Precision| {
            let p = p.supported_on(gpu);
            let p = if p.bits() > c.bits() { p } else { c };
            match (peak(c), peak(p)) {
                (Some(pc), Some(pp)) if pp > 0.0 => max_num(pc / pp - 1.0, 0.0),
                _ => 0.0,
            }
        };
        WideWeights {
            attention_bytes: params.attention * extra(precisions.attention_weights),
            head_bytes: params.head * extra(head),
            embedding_bytes: params.embeddings * extra(head),
            flops_per_token: 2.0 * params.attention * slower(precisions.attention_weights)
                + 2.0 * params.head * slower(head),
        }
    }
}

/// Whether attention runs data-parallel: as asked, else the engines' usual choice, on for
/// DeepSeek's latent attention (MLA) and off for the rest.
pub fn attention_data_parallel(model: &LlmModel, asked: Option<bool>) -> bool {
    asked.unwrap_or(matches!(
        model.attention,
        crate::data::Attention::Mla { .. }
    ))
}

/// Everything fixed for one (GPU, model, precisions, engine) before the layout: the chip's
/// figures at these precisions with the engine's kernels, the model's parameter counts and the
/// constants a step reads. Worked out once and shared by every layout a search tries
/// ([`Setup::deploy`]).
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub gpu: &'a Gpu,
    pub model: &'a LlmModel,
    pub precisions: Precisions,
    pub engine: &'a Engine,
    /// Attention runs data-parallel over the tensor-parallel group (each GPU its own
    /// sequences), as engines run MLA models.
    pub dp_attention: bool,
    /// The attention layout was not asked, the model is a mixture of experts and the engine
    /// a serving engine (not a benchmark loop): a layout search also tries the other
    /// attention layout ([`Setup::other_attention`]), as engines run both
    /// (`src/data/inferencemax.csv`: DeepSeek-R1 with tensor-parallel attention on every
    /// single server, with data-parallel attention in GB200 NVL72's wide decode pools;
    /// gpt-oss-120b with either on B200 with TensorRT-LLM).
    pub tries_other_attention: bool,
    pub params: ParamCounts,
    /// Bytes per parameter of the served checkpoint's narrow layers: the weights' precision
    /// ([`Precision::weight_bytes`]) or the checkpoint's own block format (MXFP4's 4.25 bits:
    /// `models.json` `checkpoints`).
    pub weight_bytes: f64,
    /// What the layers kept wider than the weights add ([`WideWeights`]).
    pub wide: WideWeights,
    pub chip: Chip,
    pub physics: Physics,
    /// Sourced constants used here (see `data/constants.json`).
    pub comm_latency_s: f64,
    /// Added to an all-to-all's latency per peer it exchanges with.
    pub peer_latency_s: f64,
    pub scale_out_latency_s: f64,
    pub comm_efficiency: f64,
    pub activation_bytes: f64,
    pub attention_tile_rows: f64,
    /// Rows of the tiles a grouped expert GEMM pads each expert's tokens to: the
    /// tensor-core tile's (`attention_tile_rows`), or the W4A16 kernels' smallest block
    /// (`w4a16_tile_rows`) where 4-bit weights multiply 16-bit activations.
    pub expert_tile_rows: f64,
    /// The engine's decode attention packs grouped query heads into one tile on this chip.
    pub packs_gqa: bool,
    /// The engine's fixed time per step for this model on this chip's vendor, s: its cost per
    /// step, per layer and per expert layer, and MLA's per layer (`Setup::new`).
    pub fixed_s: f64,
    /// Draft tokens per step of speculative decoding (0: none), the chance the first is
    /// accepted, and the chance each further one is, given the one before it was (the one MTP
    /// module run again on its own draft).
    pub draft_tokens: f64,
    pub draft_acceptance: f64,
    pub chain_acceptance: f64,
    /// Iterations new prompts wait at most for every data-parallel attention rank to have
    /// one before all prefill together (0: each rank prefills its own as they come;
    /// [`Setup::with_dp_balance`]).
    pub dp_balance_iters: f64,
}

impl<'a> Setup<'a> {
    /// The chip's figures and the constants for a deployment; `dp_attention: None` means the
    /// engines' usual choice (on for MLA models), a layout search then trying the other too
    /// for a mixture of experts ([`Setup::tries_other_attention`]). The precisions are taken
    /// as the model's published checkpoint keeps them on this chip's vendor
    /// ([`Precisions::for_model`], its bits per weight: [`Setup::weight_bytes`], the layers it
    /// keeps wider: [`WideWeights`]).
    ///
    /// # Formula
    /// GEMM peak: the chip's dense peak at the compute precision; attention's: at the KV
    /// cache's precision where the chip has it (else the GEMM peak), at most `10³×` the
    /// GEMM peak; GEMM efficiency: the chip's at the compute precision (0.5 if unknown,
    /// within `[0.05, 1]`) times the engine's factor, at most 1; fixed time per step:
    /// `step_overhead + layer_overhead · layers + moe_layer_overhead · moe_layers`, plus
    /// `mla_layer_overhead · layers` for a model with multi-head latent attention (its layers
    /// launch more, smaller kernels: `constants.json`).
    pub fn new(
        gpu: &'a Gpu,
        model: &'a LlmModel,
        precisions: Precisions,
        engine: &'a Engine,
        dp_attention: Option<bool>,
        physics: Physics,
    ) -> Setup<'a> {
        let c = crate::data::catalogue();
        let precisions = precisions.for_model(model, gpu);
        let params = arch::param_counts(model);
        let weight_bytes = model
            .checkpoint(precisions.weights.as_str(), &gpu.vendor)
            .and_then(|c| c.bits_per_weight)
            .map_or(precisions.weights.weight_bytes(), |bits| bits / 8.0);
        let compute = precisions.compute;
        let peak_tflops = compute.peak_tflops(&gpu.dense_tflops).unwrap_or(0.0);
        let mla = matches!(model.attention, crate::data::Attention::Mla { .. });
        // Attention runs at the KV cache's precision if the chip has it, else 16-bit (fp32 for
        // an fp32 cache). MLA's decode kernels compute in 16-bit whatever the cache holds
        // (FlashMLA: BF16, an fp8 cache dequantised on load), so never below bf16 for MLA.
        let attn_precision = match precisions.kv.supported_on(gpu) {
            Precision::Fp8 | Precision::Fp4 if mla => Precision::Bf16.supported_on(gpu),
            p => p,
        };
        let attn_tflops = attn_precision
            .peak_tflops(&gpu.dense_tflops)
            .unwrap_or(peak_tflops)
            .min(peak_tflops.max(1e-9) * 1e3);
        let efficiency = compute
            .peak_tflops(&gpu.gemm_efficiency)
            .unwrap_or(0.5)
            .clamp(0.05, 1.0);
        Setup {
            gpu,
            model,
            precisions,
            engine,
            dp_attention: attention_data_parallel(model, dp_attention),
            tries_other_attention: dp_attention.is_none()
                && model.moe.is_some()
                && !engine.benchmark_only,
            params,
            weight_bytes,
            wide: WideWeights::new(&params, &precisions, weight_bytes, gpu),
            chip: Chip {
                hbm_bytes_per_s: gpu.hbm_tb_s * 1e12,
                peak_flops_per_s: peak_tflops * 1e12,
                attn_peak_flops_per_s: attn_tflops * 1e12,
                gemm_efficiency: (efficiency * engine.gemm_factor).min(1.0),
                tdp_w: gpu.tdp_w,
                idle_w: gpu.idle_w,
                core_budget_w: gpu.die_tdp_w.unwrap_or(gpu.tdp_w) - gpu.idle_w,
                processors: f64::from(gpu.processors.max(1)),
                kv_extra_j_per_byte: engine.kv_extra_pj_per_byte * 1e-12,
                // MLA's decode kernels stream the latent cache as fast as weights stream
                // (`mla_attention_bandwidth`); paged GQA kernels reach the engine's share.
                attention_bandwidth: if mla {
                    c.sourced.mla_attention_bandwidth
                } else {
                    engine.attention_bandwidth
                },
                expert_bandwidth: engine
                    .expert_bandwidth
                    .unwrap_or(c.sourced.expert_stream_efficiency),
                expert_cap_bytes_per_s: engine
                    .expert_gb_s_per_processor
                    .map_or(f64::INFINITY, |g| {
                        g * 1e9 * f64::from(gpu.processors.max(1))
                    }),
            },
            physics,
            comm_latency_s: c.sourced.comm_latency_s,
            peer_latency_s: c.sourced.peer_latency_s,
            scale_out_latency_s: c.sourced.scale_out_latency_s,
            comm_efficiency: c.sourced.comm_efficiency,
            activation_bytes: c.sourced.activation_bytes,
            attention_tile_rows: c.sourced.attention_tile_rows,
            expert_tile_rows: if precisions.weights.bits() == 4 && compute.bits() >= 16 {
                c.sourced.w4a16_tile_rows
            } else {
                c.sourced.attention_tile_rows
            },
            packs_gqa: engine.packs_gqa(gpu),
            fixed_s: (engine.step_overhead_us
                + engine.layer_overhead_us_on(gpu) * f64::from(model.layers)
                + engine.moe_layer_overhead_us * super::arch::moe_layers(model))
                * 1e-6
                + if mla {
                    c.sourced.mla_layer_overhead_s * f64::from(model.layers)
                } else {
                    0.0
                },
            draft_tokens: 0.0,
            draft_acceptance: c.sourced.mtp_acceptance,
            chain_acceptance: c.sourced.mtp_chain_acceptance,
            dp_balance_iters: engine.dp_balance_timeout_iters.map_or(0.0, |t| t.max(0.0)),
        }
    }

    /// This setup with the other attention layout, if a layout search should try it too
    /// ([`Setup::tries_other_attention`]): tensor-parallel attention splits the heads over
    /// the tensor-parallel group (MLA's KV cache then replicated), experts tensor parallel
    /// unless a layout names `ep`; data-parallel attention holds the attention layers whole
    /// on every GPU, experts spread over the instance.
    pub fn other_attention(&self) -> Option<Setup<'a>> {
        self.tries_other_attention.then_some(Setup {
            dp_attention: !self.dp_attention,
            tries_other_attention: false,
            ..*self
        })
    }

    /// The setups a layout search tries: this one, then [`Setup::other_attention`] where it
    /// applies.
    pub fn attention_choices(&self) -> impl Iterator<Item = Setup<'a>> {
        std::iter::once(*self).chain(self.other_attention())
    }

    /// With speculative decoding by the model's multi-token-prediction layers, `drafts` tokens
    /// per step or the engine's usual draft length (no change for a model without such
    /// layers).
    pub fn with_mtp(mut self, on: bool, drafts: Option<u32>) -> Setup<'a> {
        self.draft_tokens = if on && self.model.mtp_layers > 0 {
            drafts.map_or(self.engine.mtp_draft_tokens, f64::from)
        } else {
            0.0
        };
        self
    }

    /// With prefill balanced over data-parallel attention ranks or not, as a link forces it
    /// (`None`: the engine's default). An engine that does not balance by default, asked to,
    /// holds prompts for TensorRT-LLM's default timeout, [`DEFAULT_BALANCE_ITERS`].
    pub fn with_dp_balance(mut self, on: Option<bool>) -> Setup<'a> {
        self.dp_balance_iters = match on {
            Some(false) => 0.0,
            Some(true) if self.dp_balance_iters <= 0.0 => DEFAULT_BALANCE_ITERS,
            _ => self.dp_balance_iters,
        };
        self
    }

    /// Weight bytes stored on each GPU of `layout`.
    ///
    /// # Formula
    /// `stored / (tp·pp)` ([`Setup::weight_bytes_total`]); under data-parallel attention with
    /// `tp > 1` the attention blocks and dense feed-forward layers (`data_parallel` parameters,
    /// with the attention projections' wider bytes) are held whole on every GPU of a stage:
    /// `+ (data_parallel · bytes_per_param + attention_bytes) · (1/pp − 1/(tp·pp))`.
    pub fn weight_bytes_per_gpu(&self, layout: Layout) -> f64 {
        let wb = self.weight_bytes;
        let g = f64::from(layout.instance_gpus());
        let whole = if self.dp_attention && layout.tp > 1 {
            (self.params.data_parallel * wb + self.wide.attention_bytes)
                * (1.0 / f64::from(layout.pp) - 1.0 / g)
        } else {
            0.0
        };
        self.weight_bytes_total() / g + whole
    }

    /// Bytes of the whole checkpoint as served.
    ///
    /// # Formula
    /// `total_params · weight_bytes + attention_bytes + embedding_bytes` ([`WideWeights`]).
    pub fn weight_bytes_total(&self) -> f64 {
        self.params.total * self.weight_bytes
            + self.wide.attention_bytes
            + self.wide.embedding_bytes
    }

    /// KV-cache bytes one token of context occupies on one GPU.
    ///
    /// # Formula
    /// `kv_elems_per_token(context) · kv_bytes / (pp · shards)`, with `shards = tp` under
    /// data-parallel attention (each GPU holds whole sequences) and `kv_shards(tp)` otherwise.
    #[inline(always)]
    pub fn kv_bytes_per_token_per_gpu(&self, layout: Layout, context: f64) -> f64 {
        let shards = if self.dp_attention {
            f64::from(layout.tp)
        } else {
            arch::kv_shards(self.model, layout.tp)
        };
        arch::kv_elems_per_token(self.model, context) * self.precisions.kv.kv_bytes()
            / (f64::from(layout.pp) * shards)
    }

    /// HBM left for the KV cache on each GPU after the weights, bytes (negative: no fit).
    ///
    /// # Formula
    /// The engine's rule: `HBM·f − weights` (a share `f` of all memory for weights and cache,
    /// vLLM's `gpu_memory_utilization`), or `(HBM − weights)·f` (a share of what the weights
    /// leave free, TensorRT-LLM's `free_gpu_memory_fraction`).
    pub fn kv_capacity_per_gpu(&self, layout: Layout) -> f64 {
        let hbm = self.gpu.hbm_gb * GIB;
        let w = self.weight_bytes_per_gpu(layout);
        let f = self.engine.memory_fraction;
        if self.engine.kv_share_of_free {
            if w >= hbm { hbm - w } else { (hbm - w) * f }
        } else {
            hbm * f - w
        }
    }

    /// Sequences of `context` tokens whose KV cache fits in a replica of `layout` (fractional).
    ///
    /// # Formula
    /// `dp · kv_capacity_per_gpu / (context · kv_bytes_per_token_per_gpu)`: every GPU of an
    /// instance holds its share of every sequence's cache.
    pub fn max_sequences(&self, layout: Layout, context: f64) -> f64 {
        let per_seq = max_num(context, 1.0) * self.kv_bytes_per_token_per_gpu(layout, context);
        max_num(
            self.kv_capacity_per_gpu(layout) / max_num(per_seq, 1e-9),
            0.0,
        ) * f64::from(layout.dp)
    }

    /// Whether one instance may span several scale-up domains: data-parallel attention over
    /// a mixture of experts, whose only exchange within an instance is the experts'
    /// all-to-all (as DeepSeek serves V3/R1 with experts over 144 H800s of 18 nodes, and
    /// SGLang or TensorRT-LLM with DeepEP across nodes); dense layers and tensor-parallel
    /// attention stay within a domain.
    pub fn spans_domains(&self) -> bool {
        self.dp_attention && self.model.moe.is_some()
    }

    /// Whether `layout` holds the weights with room for at least one sequence of `context`
    /// tokens (what [`Deployment::fits`] says of [`Setup::deploy`]`(layout)`, without
    /// building it).
    pub fn fits(&self, layout: Layout, context: f64) -> bool {
        self.max_sequences(layout, context) >= 1.0
    }

    /// The deployment of this setup over `layout`.
    ///
    /// # Formula
    /// Experts (MoE models) are spread over the instance's `tp` GPUs under data-parallel
    /// attention (how engines serve DeepSeek), else tensor parallel like the dense layers
    /// (`ep = 1`), unless the layout names its `ep`; dense models have `ep = 1`.
    pub fn deploy(&self, layout: Layout) -> Deployment<'a> {
        let layout = match (&self.model.moe, layout.ep) {
            (None, _) => Layout { ep: 1, ..layout },
            (Some(_), 0) if self.dp_attention => layout.with_ep(layout.tp),
            (Some(_), 0) => Layout { ep: 1, ..layout },
            (Some(_), _) => layout,
        };
        Deployment::laid_out(*self, layout)
    }
}
