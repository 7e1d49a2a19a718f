//! What one token costs a model, independent of hardware: parameters touched, FLOPs done,
//! KV-cache bytes kept. Counts are derived from the model's shape (`data/models.json`).
//!
//! Conventions: one multiply-accumulate = 2 FLOPs; parameter counts in elements (not bytes).

use super::num::{at_least, at_most, min_num};
use crate::data::{Attention, LlmModel};

/// Parameter counts derived from a model's shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamCounts {
    /// Every parameter stored.
    pub total: f64,
    /// Parameters that take part in the matrix products of one token (includes the lm_head,
    /// excludes the input-embedding lookup, which is a gather).
    pub matmul_active: f64,
    /// Parameters read every step whatever the batch: attention, dense FFNs, shared experts,
    /// router, lm_head (not the embedding table, of which only the batch's rows are read).
    pub always_read: f64,
    /// Parameters of one routed expert in one layer (0 for dense models).
    pub expert: f64,
    /// Routed experts per MoE layer × MoE layers (0 for dense models).
    pub expert_slots: f64,
    /// Parameters every GPU of an instance holds and reads whole when attention runs
    /// data-parallel: the attention blocks and the dense feed-forward layers (each rank runs
    /// them on its own sequences, with no all-reduce: `Deployment::communication`).
    pub data_parallel: f64,
    /// Parameters of the attention blocks, all layers (`L·attn`).
    pub attention: f64,
    /// Parameters of the lm_head, read every step (`vocab·d`).
    pub head: f64,
    /// Parameters of the stored embedding tables (`vocab·d`, twice if not tied).
    pub embeddings: f64,
}

/// Parameters of one attention block.
///
/// # Formula
/// GQA: `d·(h·hd) + 2·d·(kv·hd) + (h·hd)·d` (Q, K, V, O projections).
/// MLA (DeepSeek-V3): `d·q_r + q_r·h·(hd+rope) + d·(kv_r+rope) + kv_r·h·(hd+v) + h·v·d`.
pub fn attention_params(m: &LlmModel) -> f64 {
    let d = m.hidden as f64;
    let h = m.heads as f64;
    let hd = m.head_dim as f64;
    match &m.attention {
        Attention::Gqa { .. } => {
            let kv = m.kv_heads as f64;
            d * h * hd + 2.0 * d * kv * hd + h * hd * d
        }
        Attention::Mla {
            q_lora_rank,
            kv_lora_rank,
            rope_dim,
            v_head_dim,
        } => {
            let (qr, kr, r, v) = (
                *q_lora_rank as f64,
                *kv_lora_rank as f64,
                *rope_dim as f64,
                *v_head_dim as f64,
            );
            d * qr + qr * h * (hd + r) + d * (kr + r) + kr * h * (hd + v) + h * v * d
        }
    }
}

/// Parameter counts from the shape.
///
/// # Formula
/// `total = L·attn + Σ_layers ffn + vocab·d·(1 if tied else 2)`, where a dense FFN has
/// `ffn_matrices·d·ffn` parameters and an MoE layer `(experts + shared)·ffn_matrices·d·expert_ffn
/// + d·experts` (router). Active: the same with `active + shared` experts. Held whole under
/// data-parallel attention: `L·attn + dense_layers·ffn_matrices·d·ffn`.
pub fn param_counts(m: &LlmModel) -> ParamCounts {
    let d = m.hidden as f64;
    let layers = m.layers as f64;
    let mats = m.ffn_matrices as f64;
    let attn = layers * attention_params(m);
    let embed = m.vocab as f64 * d;
    let lm_head = embed; // tied or not, the lm_head matrix takes part in every token
    let stored_embed = if m.tied_embeddings {
        embed
    } else {
        2.0 * embed
    };
    let dense_ffn = mats * d * m.ffn as f64;
    match &m.moe {
        None => {
            let ffn = layers * dense_ffn;
            ParamCounts {
                total: attn + ffn + stored_embed,
                matmul_active: attn + ffn + lm_head,
                always_read: attn + ffn + lm_head,
                expert: 0.0,
                expert_slots: 0.0,
                data_parallel: attn + ffn,
                attention: attn,
                head: lm_head,
                embeddings: stored_embed,
            }
        }
        Some(moe) => {
            let dense_layers = (moe.dense_layers as f64).min(layers);
            let moe_layers = layers - dense_layers;
            let expert = mats * d * moe.expert_ffn as f64;
            let router = d * moe.experts as f64;
            let shared = moe.shared as f64 * expert;
            let always = attn + dense_layers * dense_ffn + moe_layers * (shared + router) + lm_head;
            let slots = moe_layers * moe.experts as f64;
            ParamCounts {
                total: always - lm_head + stored_embed + slots * expert,
                matmul_active: always + moe_layers * moe.active as f64 * expert,
                always_read: always,
                expert,
                expert_slots: slots,
                data_parallel: attn + dense_layers * dense_ffn,
                attention: attn,
                head: lm_head,
                embeddings: stored_embed,
            }
        }
    }
}

/// Mixture-of-experts layers of a model (0 for a dense one).
///
/// # Formula
/// `layers − dense_layers`, at least 0.
pub fn moe_layers(m: &LlmModel) -> f64 {
    m.moe.as_ref().map_or(0.0, |e| {
        (f64::from(m.layers) - f64::from(e.dense_layers)).max(0.0)
    })
}

/// Expected number of distinct routed experts (per MoE layer) that `tokens` tokens touch.
///
/// # Formula
/// With `E` experts and `k` chosen per token, uniformly and independently:
/// `E·(1 − (1 − k/E)^n)` for `n` tokens. One token touches `k`; many touch all `E`.
pub fn experts_touched(experts: u32, active: u32, tokens: f64) -> f64 {
    let e = experts.max(1) as f64;
    let k = min_num(active as f64, e);
    if tokens <= 0.0 {
        return 0.0;
    }
    let q = 1.0 - k / e;
    // q^n: by repeated multiplication for whole token counts (exact for one token), else
    // exp(n·ln q); either way no `powf` (and its tables) in the wasm.
    let miss = if tokens == tokens.trunc() && tokens <= f64::from(i32::MAX) {
        q.powi(tokens as i32)
    } else {
        (tokens * q.ln()).exp()
    };
    e * (1.0 - miss)
}

/// Weight parameters read from memory in one forward step over `tokens` tokens.
///
/// # Formula
/// Dense: every parameter but the embedding table. MoE: `always_read + expert ·
/// moe_layers · experts_touched(tokens)`.
#[inline(always)]
pub fn params_read(m: &LlmModel, pc: &ParamCounts, tokens: f64) -> f64 {
    match &m.moe {
        None => pc.always_read,
        Some(moe) => {
            let moe_layers = pc.expert_slots / moe.experts.max(1) as f64;
            pc.always_read
                + pc.expert * moe_layers * experts_touched(moe.experts, moe.active, tokens)
        }
    }
}

/// KV-cache elements stored per token of context, summed over layers, for a sequence whose
/// context is `context` tokens (sliding-window layers stop growing at their window).
///
/// # Formula
/// GQA: `2·kv_heads·head_dim` per layer per cached token; MLA: `kv_lora_rank + rope_dim` per
/// layer per cached token. Returned as the average per context token:
/// `Σ_layers elems·min(context, window_l) / context`.
#[inline(always)]
pub fn kv_elems_per_token(m: &LlmModel, context: f64) -> f64 {
    let layers = m.layers as f64;
    match &m.attention {
        Attention::Gqa {
            sliding_window,
            sliding_layers,
        } => {
            let per_layer = 2.0 * m.kv_heads as f64 * m.head_dim as f64;
            let (window, sl) = match sliding_window {
                Some(w) => (*w as f64, min_num(*sliding_layers as f64, layers)),
                None => (f64::INFINITY, 0.0),
            };
            let full = layers - sl;
            let c = at_least(context, 1.0);
            per_layer * (full + sl * (at_most(c, window) / c))
        }
        Attention::Mla {
            kv_lora_rank,
            rope_dim,
            ..
        } => layers * (*kv_lora_rank as f64 + *rope_dim as f64),
    }
}

/// Attention FLOPs for one new token attending to `context` cached tokens, in decode
/// (`prefill = false`) or in a prompt's prefill.
///
/// # Formula
/// GQA: `4·L·h·hd·c_eff` (QKᵀ and AV, 2 FLOPs per multiply-accumulate), with `c_eff` capped by
/// the window on sliding layers. MLA in decode, with the projections absorbed into the query
/// (the latent is both key and value): `2·L·h·(2·kv_r + rope)·c`; in prefill, as ordinary
/// attention over keys of `hd + rope` and values of `v` per head (the form engines prefill
/// with, as each cached token is read by many new ones): `2·L·h·(hd + rope + v)·c`.
#[inline(always)]
pub fn attention_flops_per_token(m: &LlmModel, context: f64, prefill: bool) -> f64 {
    let layers = m.layers as f64;
    let h = m.heads as f64;
    let c = at_least(context, 0.0);
    match &m.attention {
        Attention::Gqa {
            sliding_window,
            sliding_layers,
        } => {
            let hd = m.head_dim as f64;
            let (window, sl) = match sliding_window {
                Some(w) => (*w as f64, min_num(*sliding_layers as f64, layers)),
                None => (f64::INFINITY, 0.0),
            };
            4.0 * h * hd * ((layers - sl) * c + sl * at_most(c, window))
        }
        Attention::Mla {
            rope_dim,
            v_head_dim,
            ..
        } if prefill => {
            let hd = m.head_dim as f64;
            2.0 * layers * h * (hd + *rope_dim as f64 + *v_head_dim as f64) * c
        }
        Attention::Mla {
            kv_lora_rank,
            rope_dim,
            ..
        } => 2.0 * layers * h * (2.0 * *kv_lora_rank as f64 + *rope_dim as f64) * c,
    }
}

/// Number of KV shards when attention's heads are split over `tp` GPUs (tensor-parallel
/// attention; data-parallel attention holds whole sequences per GPU instead).
///
/// # Formula
/// GQA: KV heads are split, and replicated once `tp > kv_heads`: `min(tp, kv_heads)`.
/// MLA: the latent cache has no heads to split; every GPU of the group stores and reads all
/// of it for its share of the query heads: `1` (the duplication data-parallel attention was
/// introduced to avoid: SGLang's DP-attention notes, DeepSeek-V3 serving guides).
#[inline(always)]
pub fn kv_shards(m: &LlmModel, tp: u32) -> f64 {
    match &m.attention {
        Attention::Gqa { .. } => tp.min(m.kv_heads.max(1)) as f64,
        Attention::Mla { .. } => 1.0,
    }
}
