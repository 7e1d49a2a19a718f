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

mod chips;
mod models;
pub use chips::{Caveat, Engine, Gpu, KvCache, Link, PeakTflops};
pub use models::{Attention, Checkpoint, LlmModel, Moe};

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
