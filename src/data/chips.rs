//! The chip and engine catalogues' entries (`hardware.json`, `engines.json`): their peaks,
//! memory, power and links, and what engines differ in.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Dense peak throughput per precision in TFLOP/s (never the 2:4-sparse marketing figure).
/// A missing key means the chip has no native support for that precision.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct PeakTflops {
    pub fp32: Option<f64>,
    pub fp16: Option<f64>,
    pub bf16: Option<f64>,
    pub fp8: Option<f64>,
    pub fp4: Option<f64>,
}

/// One accelerator (per GPU or NPU package), with the source of each value in `sources`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Gpu {
    pub id: String,
    pub name: String,
    /// Short label for chart axes.
    pub short: String,
    pub vendor: String,
    /// Empty in the wasm build (not shown on the page; see build.rs).
    #[serde(default)]
    pub architecture: String,
    /// Year of first volume shipments.
    pub year: u16,
    /// Empty in the wasm build (not shown on the page; see build.rs).
    #[serde(default)]
    pub process: String,
    /// Empty in the wasm build (not shown on the page; see build.rs).
    #[serde(default)]
    pub foundry: String,
    /// Designed to meet US export rules for China (H800, H20).
    pub export_limited: bool,
    pub dense_tflops: PeakTflops,
    pub hbm_gb: f64,
    pub hbm_tb_s: f64,
    /// Board power limit (TDP/TGP), W.
    pub tdp_w: f64,
    /// The power limit of the board the same die first shipped on at the same clock, where
    /// this board allows more (MI325X: the MI300X's 750 W), W. The processors' power at the
    /// datasheet clock scales from it: the same die at the same clock draws the same power,
    /// whatever its board's limit. None: `tdp_w`.
    #[serde(default)]
    pub die_tdp_w: Option<f64>,
    /// Board power when idle with a model loaded, W.
    pub idle_w: f64,
    /// Parallel processors (NVIDIA SMs, AMD CUs, Ascend AI cores): the work units a kernel
    /// needs to keep the whole chip, and its HBM bandwidth, busy.
    pub processors: u32,
    /// Achieved fraction of the dense peak per clock in large GEMMs, per precision the chip
    /// supports (measured, fitted to the rows named in `sources`, or inherited from the
    /// family, said so there).
    pub gemm_efficiency: PeakTflops,
    /// GPUs in one scale-up (NVLink-class) domain.
    pub scale_up_gpus: u32,
    /// Scale-up bandwidth per GPU, one direction, GB/s.
    pub scale_up_gb_s: f64,
    /// The domain is a full mesh of point-to-point links, one to each peer (AMD's Infinity
    /// Fabric, Huawei's HCCS), not a switch: a group of GPUs uses only its peers' links.
    #[serde(default)]
    pub scale_up_mesh: bool,
    /// Scale-out (NIC) bandwidth per GPU, one direction, GB/s.
    pub scale_out_gb_s: f64,
    /// Typical non-GPU IT power per GPU while serving (CPU, DRAM, NICs, switches, fans), W.
    pub host_w_per_gpu: f64,
    /// Maximum power of the server or rack per GPU, the GPU included (a DGX's or an NVL72
    /// rack's maximum ÷ its GPUs), W: what a site is built for.
    pub server_max_w_per_gpu: f64,
    /// Liquid-cooled rack-scale system (PUE ~1.1) rather than an air-cooled server.
    pub liquid_cooled: bool,
    pub gpus_per_rack: u32,
    /// Price estimate per GPU, USD, in `price_year`.
    pub price_usd: f64,
    pub price_year: u16,
    /// The price is a per-GPU share of a whole server or system (then the server/network
    /// capex multiplier is not applied on top).
    #[serde(default)]
    pub price_includes_system: bool,
    /// Source of each value (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub notes: String,
}

/// A serving engine's profile (`engines.json`): the few things engines differ in.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Engine {
    /// Id in links (`engine=vllm`).
    pub id: String,
    pub name: String,
    /// Chip vendors it runs on.
    pub vendors: Vec<String>,
    /// A measurement harness rather than a serving engine: never the chip's best.
    #[serde(default)]
    pub benchmark_only: bool,
    /// Factor on the chip's GEMM efficiency.
    pub gemm_factor: f64,
    /// Fixed time per decode step or prefill pass (scheduling, sampling, graph launch), µs.
    pub step_overhead_us: f64,
    /// Fixed time per layer per step (launches, synchronisation, small kernels), µs.
    pub layer_overhead_us: f64,
    /// The same on AMD chips, where the engine runs another kernel library and launch path
    /// (ROCm: aiter kernels, HIP graphs), µs; none: `layer_overhead_us` there too.
    #[serde(default)]
    pub layer_overhead_us_amd: Option<f64>,
    /// Fixed time per mixture-of-experts layer per step on top of `layer_overhead_us`: routing,
    /// sorting tokens by expert and moving them to their experts and back, in kernels whose
    /// time does not follow the bytes (µs; 0 where the per-layer cost was fitted on MoE rows).
    #[serde(default)]
    pub moe_layer_overhead_us: f64,
    /// Its grouped expert GEMMs' share of the streaming bandwidth, where measured for this
    /// engine's kernels; none: `constants.json` `expert_stream_efficiency`.
    #[serde(default)]
    pub expert_bandwidth: Option<f64>,
    /// The most its grouped expert GEMMs stream per processor (SM, CU), GB/s, where measured: a
    /// kernel whose bytes in flight per processor, not the HBM, set the rate; none: no cap.
    #[serde(default)]
    pub expert_gb_s_per_processor: Option<f64>,
    /// Extra energy per KV-cache byte in its attention kernel, pJ/B.
    pub kv_extra_pj_per_byte: f64,
    /// Its decode attention's share of the bandwidth weight streaming reaches (paged KV
    /// caches, block tables).
    pub attention_bandwidth: f64,
    /// Chips (catalogue ids, or `all`) on which its decode attention packs the query heads
    /// sharing a KV head into one tile (elsewhere each query head fills a tile of its own).
    pub packs_gqa_on: Vec<String>,
    /// Most sequences its scheduler runs together per model instance (`max_num_seqs`).
    pub max_num_seqs: f64,
    /// Share of HBM for weights and KV cache (`gpu_memory_utilization`), or, when
    /// `kv_share_of_free`, the share of what the weights leave free that goes to the KV cache.
    pub memory_fraction: f64,
    #[serde(default)]
    pub kv_share_of_free: bool,
    /// Prompt tokens per prefill pass (chunked-prefill budget).
    pub prefill_chunk_tokens: f64,
    /// Draft tokens per step when it decodes speculatively with a model's MTP layers.
    pub mtp_draft_tokens: f64,
    /// Decode attention splits the KV cache into chunks of this many tokens, each its own work
    /// unit (flash-decoding); 0: one unit per sequence and KV head.
    pub kv_split_tokens: f64,
    /// The KV cache it keeps for an 8- or 4-bit deployment when not told (`kv=`): its
    /// default as the catalogue's checkpoints load.
    pub kv_cache: KvCache,
    /// What a request spends outside the GPU's prefill before its first token (HTTP,
    /// tokenising, scheduling, detokenising), ms.
    #[serde(default)]
    pub request_latency_ms: f64,
    /// Under data-parallel attention, new prompts wait until every rank has one, or until
    /// this many iterations have passed, and are then prefilled on all ranks at once
    /// (TensorRT-LLM's `attention_dp_config`: `enable_balance`, `timeout_iters`); `None`:
    /// each rank prefills its prompts as they come.
    #[serde(default)]
    pub dp_balance_timeout_iters: Option<f64>,
    /// What is known of its software on some chips and models that its constants, fitted
    /// across chips, do not carry (section 8 prints each under the measurements it concerns).
    #[serde(default)]
    pub caveats: Vec<Caveat>,
    /// Source of each value (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub notes: String,
}

/// A published fact about an engine's software on some chips serving some models, in both
/// languages, with the pages that report it (`engines.json`, `caveats`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Caveat {
    /// Catalogue ids of the chips and models it concerns.
    pub gpus: Vec<String>,
    pub models: Vec<String>,
    pub en: String,
    pub de: String,
    /// The pages it is read from.
    pub links: Vec<Link>,
}

/// A link: its text and address.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// An engine's KV cache by default, for weights of 8 bits or fewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum KvCache {
    /// 8 bits (the checkpoint or the engine quantises it).
    #[serde(rename = "8-bit")]
    Fp8,
    /// The model's 16-bit activations (`auto` in vLLM and SGLang).
    #[serde(rename = "16-bit")]
    Model,
}

impl Engine {
    /// Its fixed time per layer per step on `gpu`'s vendor's chips, µs.
    pub fn layer_overhead_us_on(&self, gpu: &Gpu) -> f64 {
        match self.layer_overhead_us_amd {
            Some(us) if gpu.vendor == "AMD" => us,
            _ => self.layer_overhead_us,
        }
    }

    /// Whether its decode attention packs grouped query heads into one tile on `gpu`.
    pub fn packs_gqa(&self, gpu: &Gpu) -> bool {
        self.packs_gqa_on.iter().any(|g| g == "all" || *g == gpu.id)
    }
}
