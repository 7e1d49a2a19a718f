//! Catalogues: accelerators, models, presets and the calibrated physical constants.
//!
//! Each catalogue is a JSON file in this folder, embedded at compile time with `include_str!`
//! (minified by `build.rs`) and parsed once with serde. Every value carries its source in the
//! entry's `sources` map: a newcomer finds a displayed number's origin in one hop from here.
//! The browser build leaves those texts out of the wasm and ships the full files beside the
//! page instead (`data/*.json`, linked from its last section).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

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

/// A named scenario: a URL query string plus its title and the story it tells.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Preset {
    pub id: String,
    pub title_en: String,
    pub title_de: String,
    pub query: String,
    pub why_en: String,
    pub why_de: String,
    /// Where the preset's figures come from (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A calibrated or sourced constant: value, unit, and where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Constant {
    pub value: f64,
    /// Empty in the wasm build (the page never shows a constant's unit; see build.rs).
    #[serde(default)]
    pub unit: String,
    /// Empty in the wasm build (see build.rs).
    #[serde(default)]
    pub source: String,
}

/// One version of the model and its catalogues, as links and exports name it (`m=2026.11`),
/// with what changed in it, in both languages (`changelog.json`, oldest first).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ModelVersion {
    /// `YYYY.MM`, the month it was published.
    pub version: String,
    /// Day of publication, ISO 8601.
    pub date: String,
    /// What changed, in English.
    pub en: String,
    /// What changed, in German.
    pub de: String,
}

/// A reported AI campus or a vendor's sizing claim (`sites.json`), beside which the page
/// shows what the model builds for the same power and chip.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    /// `site` (a campus) or `claim` (a vendor's sizing).
    pub kind: String,
    /// Empty in the wasm build (the page does not show it; see build.rs).
    #[serde(default)]
    pub location: Option<String>,
    /// When the figures were reported, `YYYY-MM`.
    pub date: String,
    /// Catalogue id of the chip, if one is named.
    pub gpu: Option<String>,
    /// Reported GPU count.
    pub gpus: Option<f64>,
    /// Reported power, MW.
    pub power_mw: Option<f64>,
    /// What the reported MW measure: `facility`, `it`, `grid` (an allocation from the grid,
    /// with on-site generation beside it) or `unknown`.
    pub power_basis: String,
    /// Reported capex, USD, and what it covers.
    pub capex_usd: Option<f64>,
    pub capex_scope: Option<String>,
    /// A claimed capex per gigawatt, USD.
    pub capex_usd_per_gw: Option<f64>,
    /// `reported`, `vendor claim` or `estimate`.
    pub status: String,
    /// Source of each figure (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    /// Caveats (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub notes: String,
}

/// An electricity grid's carbon intensity (`grids.json`), for the carbon figures (`grid=`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Grid {
    /// Id in links (`grid=de`).
    pub id: String,
    pub name_en: String,
    pub name_de: String,
    /// Grams of CO₂ (or CO₂ equivalents, where the source counts the whole life cycle) per kWh.
    pub g_per_kwh: f64,
    /// The year the intensity describes.
    pub year: u16,
    /// The figure counts the whole life cycle of the plants and fuels in CO₂ equivalents
    /// (Ember's method), rather than the CO₂ burnt at the plants (EIA, EPA, PJM, UBA).
    pub life_cycle: bool,
    /// Source of each value (empty in the wasm build: see build.rs).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    /// What the figure counts (direct or life-cycle, generated or consumed; empty in the wasm
    /// build).
    #[serde(default)]
    pub notes: String,
}

/// The sourced (not fitted) constants the model uses on every evaluation, read once from
/// `constants.json` into fields (a map lookup per use would cost more than the arithmetic).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sourced {
    pub mtp_acceptance: f64,
    pub mtp_chain_acceptance: f64,
    pub attention_tile_rows: f64,
    /// Rows of the smallest block W4A16 expert kernels pad each expert's tokens to.
    pub w4a16_tile_rows: f64,
    pub expert_stream_efficiency: f64,
    pub mla_attention_bandwidth: f64,
    /// Fixed cost per MLA layer a step adds to the engine's per-layer cost, s.
    pub mla_layer_overhead_s: f64,
    pub comm_latency_s: f64,
    pub peer_latency_s: f64,
    pub scale_out_latency_s: f64,
    /// GPUs one instance's experts may spread over where an instance may span domains.
    pub widest_expert_parallel: f64,
    pub comm_efficiency: f64,
    pub activation_bytes: f64,
    pub system_capex_multiplier: f64,
    pub facility_capex_usd_per_w: f64,
    pub facility_lifetime_years: f64,
    pub cost_of_capital: f64,
    pub other_opex_fraction: f64,
    pub cluster_overhead_fraction: f64,
    pub critical_it_derating: f64,
    pub design_pue_margin: f64,
    pub car_g_co2_per_km: f64,
    pub flight_fra_jfk_kg_co2: f64,
    pub reactor_mw: f64,
}

/// Everything parsed from the embedded data files.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub gpus: Vec<Gpu>,
    /// Serving engines' profiles.
    pub engines: Vec<Engine>,
    pub models: Vec<LlmModel>,
    pub presets: Vec<Preset>,
    pub constants: BTreeMap<String, Constant>,
    /// Every version of the model, oldest first; the last is the one this build computes.
    pub changelog: Vec<ModelVersion>,
    /// Reported AI campuses and vendor sizing claims.
    pub sites: Vec<Site>,
    /// Electricity grids' carbon intensities.
    pub grids: Vec<Grid>,
    /// The constants of `constants` the model reads on every evaluation, as fields.
    pub sourced: Sourced,
}

// Minified by build.rs; in the wasm build without the source texts (the page links to the
// full files instead).
const HARDWARE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/hardware.json"));
const ENGINES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/engines.json"));
const MODELS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/models.json"));
const PRESETS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/presets.json"));
const CONSTANTS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/constants.json"));
const CHANGELOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/changelog.json"));
const SITES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/sites.json"));
const GRIDS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/grids.json"));

/// The same files as static tables, generated by build.rs from the declarations above and
/// the JSON files: what the browser build uses (no JSON parser in the wasm, and data rather
/// than code). For each catalogue a row type (`GpuRow`: strings as `&'static str`, lists and
/// maps as slices), the static table (`GPUS`), and `gpus()` converting the table into
/// `Vec<Gpu>` (likewise `models`, `presets`, and `constants` as a map). A field added to a
/// struct above is in all three. `tests/catalogue.rs` checks that they equal the parse.
mod generated {
    use super::*;

    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

impl Catalogue {
    /// Parses the embedded JSON files with serde (native builds). The files are part of the
    /// build and tested, so a parse failure is a build defect, not user input: it is reported
    /// with the file's name.
    pub fn from_json() -> Result<Catalogue, String> {
        let mut c = Catalogue::assemble(
            serde_json::from_str(HARDWARE_JSON).map_err(|e| format!("hardware.json: {e}"))?,
            serde_json::from_str(ENGINES_JSON).map_err(|e| format!("engines.json: {e}"))?,
            serde_json::from_str(MODELS_JSON).map_err(|e| format!("models.json: {e}"))?,
            serde_json::from_str(PRESETS_JSON).map_err(|e| format!("presets.json: {e}"))?,
            serde_json::from_str(CONSTANTS_JSON).map_err(|e| format!("constants.json: {e}"))?,
            serde_json::from_str(CHANGELOG_JSON).map_err(|e| format!("changelog.json: {e}"))?,
            serde_json::from_str(SITES_JSON).map_err(|e| format!("sites.json: {e}"))?,
        );
        c.grids = serde_json::from_str(GRIDS_JSON).map_err(|e| format!("grids.json: {e}"))?;
        Ok(c)
    }

    /// The catalogue from the code build.rs generated from the same files (the browser build).
    pub fn from_generated() -> Catalogue {
        let mut c = Catalogue::assemble(
            generated::gpus(),
            generated::engines(),
            generated::models(),
            generated::presets(),
            generated::constants(),
            generated::changelog(),
            generated::sites(),
        );
        c.grids = generated::grids();
        c
    }

    fn assemble(
        gpus: Vec<Gpu>,
        engines: Vec<Engine>,
        models: Vec<LlmModel>,
        presets: Vec<Preset>,
        constants: BTreeMap<String, Constant>,
        changelog: Vec<ModelVersion>,
        sites: Vec<Site>,
    ) -> Catalogue {
        let k = |name: &str| constants.get(name).map_or(0.0, |c| c.value);
        let sourced = Sourced {
            mtp_acceptance: k("mtp_acceptance"),
            mtp_chain_acceptance: k("mtp_chain_acceptance"),
            attention_tile_rows: k("attention_tile_rows"),
            w4a16_tile_rows: k("w4a16_tile_rows"),
            expert_stream_efficiency: k("expert_stream_efficiency"),
            mla_attention_bandwidth: k("mla_attention_bandwidth"),
            mla_layer_overhead_s: k("mla_layer_overhead_us") * 1e-6,
            comm_latency_s: k("comm_latency_us") * 1e-6,
            peer_latency_s: k("all_to_all_peer_latency_us") * 1e-6,
            scale_out_latency_s: k("scale_out_latency_us") * 1e-6,
            widest_expert_parallel: k("widest_expert_parallel"),
            comm_efficiency: k("comm_efficiency"),
            activation_bytes: k("activation_bytes"),
            system_capex_multiplier: k("system_capex_multiplier"),
            facility_capex_usd_per_w: k("facility_capex_usd_per_w"),
            facility_lifetime_years: k("facility_lifetime_years"),
            cost_of_capital: k("cost_of_capital"),
            other_opex_fraction: k("other_opex_fraction"),
            cluster_overhead_fraction: k("cluster_overhead_fraction"),
            critical_it_derating: k("critical_it_derating"),
            design_pue_margin: k("design_pue_margin"),
            car_g_co2_per_km: k("car_g_co2_per_km"),
            flight_fra_jfk_kg_co2: k("flight_fra_jfk_kg_co2"),
            reactor_mw: k("reactor_mw"),
        };
        Catalogue {
            gpus,
            engines,
            models,
            presets,
            constants,
            changelog,
            sites,
            grids: Vec::new(),
            sourced,
        }
    }

    pub fn gpu(&self, id: &str) -> Option<&Gpu> {
        self.gpus.iter().find(|g| g.id == id)
    }

    pub fn engine(&self, id: &str) -> Option<&Engine> {
        self.engines.iter().find(|e| e.id == id)
    }

    /// A grid by its id (`grid=de`), case-insensitively.
    pub fn grid(&self, id: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.id.eq_ignore_ascii_case(id))
    }

    pub fn model(&self, id: &str) -> Option<&LlmModel> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The version of the model this build computes (the changelog's last entry).
    pub fn model_version(&self) -> &str {
        self.changelog.last().map_or("", |v| v.version.as_str())
    }

    pub fn preset(&self, id: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.id == id)
    }

    /// A named constant's value. Names are fixed in code and checked by a test, so a missing
    /// one falls back to NaN-free zero only in a broken build; the test catches it first.
    pub fn constant(&self, name: &str) -> f64 {
        self.constants.get(name).map_or(0.0, |c| c.value)
    }
}

/// The catalogue, parsed on first use.
///
/// # Panics
/// Only if an embedded data file is malformed, which `tests/catalogue.rs` rules out.
pub fn catalogue() -> &'static Catalogue {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(c) = OVERRIDE.with(std::cell::Cell::get) {
        return c;
    }
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        if cfg!(target_arch = "wasm32") {
            Catalogue::from_generated()
        } else {
            match Catalogue::from_json() {
                Ok(c) => c,
                Err(e) => panic!("embedded catalogue is malformed: {e}"),
            }
        }
    })
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static OVERRIDE: std::cell::Cell<Option<&'static Catalogue>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `c` standing in for the embedded catalogue on this thread (native builds
/// only): how the calibration fit tries candidate constants without rebuilding.
#[cfg(not(target_arch = "wasm32"))]
pub fn with_catalogue<R>(c: &'static Catalogue, f: impl FnOnce() -> R) -> R {
    let before = OVERRIDE.with(|o| o.replace(Some(c)));
    let r = f();
    OVERRIDE.with(|o| o.set(before));
    r
}
