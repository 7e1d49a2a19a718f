//! The model catalogue's entries (`models.json`): a model's shape, its mixture of experts,
//! its attention and the published checkpoints engines load.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Attention variant and the parameters that change KV-cache size and attention FLOPs.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Attention {
    /// Grouped-query (or multi-head / multi-query) attention; optional sliding window on some layers.
    Gqa {
        #[serde(default)]
        sliding_window: Option<u32>,
        #[serde(default)]
        sliding_layers: u32,
    },
    /// DeepSeek's multi-head latent attention: the cache holds a compressed latent per token.
    Mla {
        q_lora_rank: u32,
        kv_lora_rank: u32,
        rope_dim: u32,
        v_head_dim: u32,
    },
}

/// Mixture-of-experts feed-forward layers.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Moe {
    /// Routed experts per MoE layer.
    pub experts: u32,
    /// Routed experts chosen per token.
    pub active: u32,
    /// Shared (always-on) experts per MoE layer.
    pub shared: u32,
    pub expert_ffn: u32,
    /// The first `dense_layers` layers use a dense FFN of size `ffn` instead.
    pub dense_layers: u32,
}

/// A published narrow checkpoint that keeps the attention projections wider than the rest
/// (`models.json`, `checkpoints`): the model served at `weights` on `vendor`'s chips reads its
/// attention weights at `attention`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Checkpoint {
    /// The weight precision of the checkpoint (`fp4`, `fp8`).
    pub weights: String,
    /// The chip vendor whose engines load it (`NVIDIA`, `AMD`), or `*` for every vendor.
    pub vendor: String,
    /// The precision its attention projections are stored in.
    pub attention: String,
    /// Bits per weight of its narrow layers, scales included, where its block format differs
    /// from the model's default for `weights` (MXFP4: 4 bits + one 8-bit scale per 32 = 4.25).
    #[serde(default)]
    pub bits_per_weight: Option<f64>,
    /// The precision the engines' kernels for it quantise activations to, where wider than
    /// the weights on chips with the weights' own arithmetic (`fp8`: MXFP4 × MXFP8).
    #[serde(default)]
    pub activations: Option<String>,
    /// Where that is read (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub source: String,
}

/// One language model's shape, with sources.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct LlmModel {
    pub id: String,
    pub name: String,
    pub short: String,
    pub year: u16,
    pub layers: u32,
    pub hidden: u32,
    pub heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    /// Dense FFN intermediate size.
    pub ffn: u32,
    /// Weight matrices per FFN: 3 for gated (SwiGLU), 2 for plain GELU MLPs.
    pub ffn_matrices: u32,
    pub vocab: u32,
    pub tied_embeddings: bool,
    pub attention: Attention,
    #[serde(default)]
    pub moe: Option<Moe>,
    /// Multi-token-prediction layers trained with the model (drafts for speculative
    /// decoding; 0: none).
    #[serde(default)]
    pub mtp_layers: u32,
    /// Narrow checkpoints that keep attention wider (none: every linear layer of the
    /// transformer blocks at the served precision).
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
    /// Published total parameters, billions (checked against the shape in tests).
    pub params_total_b: f64,
    /// Published parameters active per token, billions.
    pub params_active_b: f64,
    /// Source of each value (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

impl LlmModel {
    /// The published checkpoint at `weights` (`fp4`, …) that `vendor`'s engines load, where
    /// `checkpoints` names one (a vendor's own before one for every vendor).
    pub fn checkpoint(&self, weights: &str, vendor: &str) -> Option<&Checkpoint> {
        let at = |v: &str| {
            self.checkpoints
                .iter()
                .find(|c| c.weights == weights && c.vendor == v)
        };
        at(vendor).or_else(|| at("*"))
    }
}
