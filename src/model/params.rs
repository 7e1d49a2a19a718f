//! The parameter table: every numeric knob of a [`Scenario`], defined once.
//!
//! A row gives the key (in links, the CLI and `data-control`), labels and unit in both
//! languages, the range, step and slider scale, the default, and typed accessors. Everything
//! else is derived from it: the URL codec (`scenario`), clamping in [`super::evaluate`], the
//! page's sliders, `fabrik-cli list params` and the README's table (a test checks it).
//!
//! Adding a numeric parameter: a field on [`Scenario`] and one row in [`PARAMS`].

use super::{Batch, Scenario};

/// What a parameter holds in a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting {
    /// Not set: another parameter governs (`batch` while `tps_user` does), or the value is
    /// derived (`context`: prompt + output/2; `gpu_price_usd`: the catalogue's price).
    Unset,
    /// The parameter's word ([`Param::word`]: `batch=max`).
    Word,
    /// A number.
    Num(f64),
}

/// A parameter's default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Default {
    /// Unset by default (see [`Setting::Unset`]).
    Unset,
    /// A design choice of the baseline scenario (not a sourced figure).
    Value(f64),
    /// A sourced constant of `data/constants.json`, by name.
    Constant(&'static str),
}

/// One numeric parameter.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub key: &'static str,
    /// Label (English, German).
    pub label: (&'static str, &'static str),
    /// Unit (English, German); empty for pure numbers.
    pub unit: (&'static str, &'static str),
    /// What it means, in one English sentence (the README's table, `fabrik-cli list params`;
    /// native builds only: the page never shows it).
    #[cfg(not(target_arch = "wasm32"))]
    about: &'static str,
    pub min: f64,
    pub max: f64,
    /// Slider step, and the rounding of values set from a slider.
    pub step: f64,
    /// The slider moves on a logarithmic scale.
    pub log: bool,
    /// Whole numbers only (rounded when set).
    pub integer: bool,
    /// A word accepted instead of a number: `max` (batch), `auto` (context), `catalogue`
    /// (GPU price). `batch=max` sets the batch policy; the others unset the parameter.
    pub word: Option<&'static str>,
    pub default: Default,
    /// Shown in the page's control panel; every parameter can be shown with an embed
    /// (`controls=`).
    pub panel: bool,
    read: fn(&Scenario) -> Setting,
    write: fn(&mut Scenario, Setting),
    /// The value a slider shows while the parameter is unset (or holds its word).
    shown: fn(&Scenario) -> f64,
}

impl Param {
    /// What the parameter means, in one English sentence (empty in the browser build, which
    /// never shows it).
    pub fn about(&self) -> &'static str {
        #[cfg(not(target_arch = "wasm32"))]
        return self.about;
        #[cfg(target_arch = "wasm32")]
        ""
    }

    /// What the scenario holds for this parameter.
    pub fn read(&self, s: &Scenario) -> Setting {
        (self.read)(s)
    }

    /// Sets the parameter. A number is clamped to `[min, max]` (and rounded for whole-number
    /// parameters); a non-finite one changes nothing.
    pub fn set(&self, s: &mut Scenario, v: Setting) {
        match v {
            Setting::Num(x) if !x.is_finite() => {}
            Setting::Num(x) => (self.write)(s, Setting::Num(self.clamp(x))),
            other => (self.write)(s, other),
        }
    }

    /// `x` within `[min, max]`, rounded if the parameter is whole-numbered.
    pub fn clamp(&self, x: f64) -> f64 {
        let x = x.clamp(self.min, self.max);
        if self.integer { x.round() } else { x }
    }

    /// Whether `x` is a value this parameter accepts (finite, within its range).
    pub fn accepts(&self, x: f64) -> bool {
        x.is_finite() && x >= self.min && x <= self.max
    }

    /// The number a slider shows: the value, or what the model uses while unset.
    pub fn value(&self, s: &Scenario) -> f64 {
        match self.read(s) {
            Setting::Num(x) => x,
            _ => (self.shown)(s),
        }
    }

    /// The default setting, with sourced defaults read from the catalogue.
    pub fn default_setting(&self) -> Setting {
        match self.default {
            Default::Unset => Setting::Unset,
            Default::Value(x) => Setting::Num(x),
            Default::Constant(name) => Setting::Num(crate::data::catalogue().constant(name)),
        }
    }

    /// Slider position (0..=1000) for a value, on a log scale where the parameter says so.
    pub fn to_slider(&self, v: f64) -> f64 {
        let t = if self.log {
            let lo = self.min.max(1e-9).ln();
            (v.max(1e-9).ln() - lo) / (self.max.ln() - lo)
        } else {
            (v - self.min) / (self.max - self.min)
        };
        (t.clamp(0.0, 1.0) * 1000.0).round()
    }

    /// The value at a slider position (0..=1000), rounded to the parameter's step.
    pub fn from_slider(&self, pos: f64) -> f64 {
        let t = (pos / 1000.0).clamp(0.0, 1.0);
        let v = if self.log {
            let lo = self.min.max(1e-9).ln();
            (lo + t * (self.max.ln() - lo)).exp()
        } else {
            self.min + t * (self.max - self.min)
        };
        let stepped = (v / self.step).round() * self.step;
        stepped.clamp(self.min, self.max)
    }
}

/// The parameter with this key.
pub fn param(key: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.key == key)
}

/// The table row for a key that is known to exist (keys fixed in code; `tests/params.rs`
/// checks every one).
pub(crate) fn row(key: &str) -> &'static Param {
    match param(key) {
        Some(p) => p,
        None => &PARAMS[0],
    }
}

fn num(v: Setting) -> Option<f64> {
    match v {
        Setting::Num(x) => Some(x),
        _ => None,
    }
}

/// Whole-number value for a `u32` field (the table's range keeps it far below `u32::MAX`).
fn whole(x: f64) -> u32 {
    x.round().max(1.0) as u32
}

/// The setting of an optional whole-number field: its value, or unset (`auto`).
fn count(v: Option<u32>) -> Setting {
    v.map_or(Setting::Unset, |t| Setting::Num(f64::from(t)))
}

/// A row for an optional GPU count of disaggregated serving (`Scenario::disagg`): integer,
/// 1–1024 on a log scale, `auto` when unset, not a slider on the page.
macro_rules! pool_row {
    ($key:literal, $label:expr, $about:literal, $field:ident) => {
        Param {
            key: $key,
            label: $label,
            unit: ("GPUs", "GPUs"),
            #[cfg(not(target_arch = "wasm32"))]
            about: $about,
            min: 1.0,
            max: 1024.0,
            step: 1.0,
            log: true,
            integer: true,
            word: Some("auto"),
            default: Default::Unset,
            panel: false,
            read: |s| count(s.disagg.$field),
            write: |s, v| s.disagg.$field = num(v).map(whole),
            shown: |s| f64::from(s.gpus_per_replica),
        }
    };
}

/// A row for an optional on/off choice of the scenario (`Option<bool>`): 0 or 1, `auto` when
/// unset (the model's or the engine's default), not a slider on the page.
macro_rules! switch_row {
    ($key:literal, $label:expr, $about:literal, $field:ident) => {
        Param {
            key: $key,
            label: $label,
            unit: ("", ""),
            #[cfg(not(target_arch = "wasm32"))]
            about: $about,
            min: 0.0,
            max: 1.0,
            step: 1.0,
            log: false,
            integer: true,
            word: Some("auto"),
            default: Default::Unset,
            panel: false,
            read: |s| {
                s.$field
                    .map_or(Setting::Unset, |d| Setting::Num(if d { 1.0 } else { 0.0 }))
            },
            write: |s, v| s.$field = num(v).map(|x| x >= 0.5),
            shown: |_| 0.0,
        }
    };
}

/// Every numeric parameter, in display and link order.
pub const PARAMS: &[Param] = &[
    Param {
        key: "gpus",
        label: ("GPUs per replica", "GPUs pro Replikat"),
        unit: ("GPUs", "GPUs"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "GPUs per serving replica (a server or rack), split into model instances of `tp` GPUs side by side; raised until the weights fit, with a notice",
        min: 1.0,
        max: 1024.0,
        step: 1.0,
        log: true,
        integer: true,
        word: None,
        default: Default::Value(8.0),
        panel: true,
        read: |s| Setting::Num(f64::from(s.gpus_per_replica)),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.gpus_per_replica = whole(x)
            }
        },
        shown: |s| f64::from(s.gpus_per_replica),
    },
    Param {
        key: "tp",
        label: ("Tensor-parallel width", "Tensorparallele Breite"),
        unit: ("GPUs", "GPUs"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "GPUs each model instance is split over (tensor parallel), the rest of the replica running copies side by side (data parallel); `auto`: the split that serves most tokens per GPU",
        min: 1.0,
        max: 1024.0,
        step: 1.0,
        log: true,
        integer: true,
        word: Some("auto"),
        default: Default::Unset,
        panel: false,
        read: |s| count(s.tp),
        write: |s, v| s.tp = num(v).map(whole),
        shown: |s| f64::from(s.gpus_per_replica),
    },
    Param {
        key: "ep",
        label: ("Expert-parallel width", "Expertenparallele Breite"),
        unit: ("GPUs", "GPUs"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "GPUs of an instance the routed experts of a mixture-of-experts model are spread over, tokens sent to them and back; 1: experts split like the dense layers; `auto`: all of them under data-parallel attention, else 1",
        min: 1.0,
        max: 1024.0,
        step: 1.0,
        log: true,
        integer: true,
        word: Some("auto"),
        default: Default::Unset,
        panel: false,
        read: |s| count(s.ep),
        write: |s, v| s.ep = num(v).map(whole),
        shown: |s| f64::from(s.gpus_per_replica),
    },
    switch_row!(
        "dp_attention",
        ("Data-parallel attention", "Datenparallele Attention"),
        "1: each GPU of a tensor-parallel group runs attention for its own sequences (as engines serve DeepSeek's MLA); 0: attention heads split over the group; `auto`: 1 for MLA models",
        dp_attention
    ),
    switch_row!(
        "dp_balance",
        ("Balanced prefill", "Ausgeglichenes Prefill"),
        "under data-parallel attention, 1: new prompts wait until every rank has one (or a timeout) and are prefilled on all ranks at once, as TensorRT-LLM's attention_dp_config enable_balance does; 0: each rank prefills its own as they come, the others waiting for it; `auto`: as the engine runs by default",
        dp_balance
    ),
    Param {
        key: "mtp",
        label: ("Speculative decoding", "Spekulatives Dekodieren"),
        unit: ("", ""),
        #[cfg(not(target_arch = "wasm32"))]
        about: "1: draft tokens with the model's multi-token-prediction layers (DeepSeek-R1), as many per step as the engine usually drafts, verified in one pass; 0: none",
        min: 0.0,
        max: 1.0,
        step: 1.0,
        log: false,
        integer: true,
        word: None,
        default: Default::Value(0.0),
        panel: false,
        read: |s| Setting::Num(if s.mtp { 1.0 } else { 0.0 }),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.mtp = x >= 0.5
            }
        },
        shown: |s| if s.mtp { 1.0 } else { 0.0 },
    },
    Param {
        key: "drafts",
        label: ("Draft tokens", "Entwurfstoken"),
        unit: ("", ""),
        #[cfg(not(target_arch = "wasm32"))]
        about: "with mtp=1: draft tokens per step (1 to 4), the multi-token-prediction layer run that many times before one verifying pass; `auto`: as many as the engine usually drafts",
        min: 1.0,
        max: 4.0,
        step: 1.0,
        log: false,
        integer: true,
        word: Some("auto"),
        default: Default::Unset,
        panel: false,
        read: |s| count(s.drafts),
        write: |s, v| s.drafts = num(v).map(whole),
        shown: |_| 1.0,
    },
    Param {
        key: "disagg",
        label: ("Disaggregated serving", "Disaggregiertes Serving"),
        unit: ("", ""),
        #[cfg(not(target_arch = "wasm32"))]
        about: "1: prompts prefilled on one pool of GPUs, answers decoded on another (NVIDIA Dynamo, SGLang), the KV cache sent between them; gpus, tp, ep and dp_attention then describe one decode worker; 0: every GPU does both",
        min: 0.0,
        max: 1.0,
        step: 1.0,
        log: false,
        integer: true,
        word: None,
        default: Default::Value(0.0),
        panel: false,
        read: |s| Setting::Num(if s.disagg.on { 1.0 } else { 0.0 }),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.disagg.on = x >= 0.5
            }
        },
        shown: |s| if s.disagg.on { 1.0 } else { 0.0 },
    },
    pool_row!(
        "prefill_gpus",
        ("Prefill pool", "Prefill-Pool"),
        "GPUs that prefill prompts when serving is disaggregated; `auto`: as many as the decode pool",
        prefill_gpus
    ),
    pool_row!(
        "decode_gpus",
        ("Decode pool", "Decode-Pool"),
        "GPUs that decode answers when serving is disaggregated, split into decode workers; `auto`: one worker (gpus)",
        decode_gpus
    ),
    pool_row!(
        "prefill_tp",
        (
            "Prefill tensor-parallel width",
            "Tensorparallele Breite im Prefill"
        ),
        "tensor-parallel width of one prefill worker; `auto`: the model chooses",
        prefill_tp
    ),
    pool_row!(
        "prefill_ep",
        (
            "Prefill expert-parallel width",
            "Expertenparallele Breite im Prefill"
        ),
        "expert-parallel width of one prefill worker; `auto`: the engines' usual",
        prefill_ep
    ),
    Param {
        key: "batch",
        label: ("Batch size", "Batchgröße"),
        unit: ("sequences", "Sequenzen"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "sequences decoded together per replica (requests in flight over both pools when disaggregated), or `max`: the most that fit in memory (instead of `tps_user`)",
        min: 1.0,
        max: 16384.0,
        step: 1.0,
        log: true,
        integer: true,
        word: Some("max"),
        default: Default::Unset,
        panel: false,
        read: |s| match s.batch {
            Batch::Max => Setting::Word,
            Batch::Fixed(b) => Setting::Num(f64::from(b)),
            Batch::Interactivity(_) => Setting::Unset,
        },
        write: |s, v| match v {
            Setting::Word => s.batch = Batch::Max,
            Setting::Num(x) => s.batch = Batch::Fixed(whole(x)),
            Setting::Unset => {}
        },
        shown: |_| 64.0,
    },
    Param {
        key: "tps_user",
        label: ("Speed per user", "Tempo pro Nutzer"),
        unit: ("tokens/s", "Token/s"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "tokens/s each user must get: the largest batch that still gives it (instead of `batch`)",
        min: 1.0,
        max: 1000.0,
        step: 1.0,
        log: true,
        integer: false,
        word: None,
        default: Default::Value(30.0),
        panel: true,
        read: |s| match s.batch {
            Batch::Interactivity(v) => Setting::Num(v),
            _ => Setting::Unset,
        },
        write: |s, v| {
            if let Some(x) = num(v) {
                s.batch = Batch::Interactivity(x)
            }
        },
        shown: |_| 50.0,
    },
    Param {
        key: "context",
        label: ("Decode context", "Kontext beim Dekodieren"),
        unit: ("tokens", "Token"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "cached tokens per sequence in the decode step, or `auto`: prompt + output/2",
        min: 1.0,
        max: 262_144.0,
        step: 1.0,
        log: true,
        integer: true,
        word: Some("auto"),
        default: Default::Unset,
        panel: false,
        read: |s| count(s.context_tokens),
        write: |s, v| s.context_tokens = num(v).map(whole),
        shown: |s| {
            f64::from(
                s.context_tokens
                    .unwrap_or(s.prompt_tokens.saturating_add(s.output_tokens / 2)),
            )
        },
    },
    Param {
        key: "prompt",
        label: ("Prompt length", "Länge der Eingabe"),
        unit: ("tokens", "Token"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "prompt length",
        min: 1.0,
        max: 131_072.0,
        step: 1.0,
        log: true,
        integer: true,
        word: None,
        default: Default::Value(1024.0),
        panel: true,
        read: |s| Setting::Num(f64::from(s.prompt_tokens)),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.prompt_tokens = whole(x)
            }
        },
        shown: |s| f64::from(s.prompt_tokens),
    },
    Param {
        key: "output",
        label: ("Answer length", "Länge der Antwort"),
        unit: ("tokens", "Token"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "answer length",
        min: 1.0,
        max: 65_536.0,
        step: 1.0,
        log: true,
        integer: true,
        word: None,
        default: Default::Value(512.0),
        panel: true,
        read: |s| Setting::Num(f64::from(s.output_tokens)),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.output_tokens = whole(x)
            }
        },
        shown: |s| f64::from(s.output_tokens),
    },
    Param {
        key: "power_mw",
        label: ("Factory power", "Leistung der Fabrik"),
        unit: ("MW", "MW"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "facility (grid) power",
        min: 0.001,
        max: 10_000.0,
        step: 0.001,
        log: true,
        integer: false,
        word: None,
        default: Default::Constant("default_power_mw"),
        panel: true,
        read: |s| Setting::Num(s.facility_mw),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.facility_mw = x
            }
        },
        shown: |s| s.facility_mw,
    },
    Param {
        key: "usd_per_kwh",
        label: ("Electricity price", "Strompreis"),
        unit: ("$/kWh", "$/kWh"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "electricity price",
        min: 0.0,
        max: 1.0,
        step: 0.001,
        log: false,
        integer: false,
        word: None,
        default: Default::Constant("default_usd_per_kwh"),
        panel: true,
        read: |s| Setting::Num(s.usd_per_kwh),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.usd_per_kwh = x
            }
        },
        shown: |s| s.usd_per_kwh,
    },
    Param {
        key: "pue",
        label: ("PUE", "PUE"),
        unit: ("", ""),
        #[cfg(not(target_arch = "wasm32"))]
        about: "power usage effectiveness: facility power ÷ IT power",
        min: 1.0,
        max: 3.0,
        step: 0.01,
        log: false,
        integer: false,
        word: None,
        default: Default::Constant("default_pue"),
        panel: true,
        read: |s| Setting::Num(s.pue),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.pue = x
            }
        },
        shown: |s| s.pue,
    },
    Param {
        key: "utilization",
        label: ("Utilisation", "Auslastung"),
        unit: ("", ""),
        #[cfg(not(target_arch = "wasm32"))]
        about: "share of the year the GPUs serve (the rest they idle)",
        min: 0.01,
        max: 1.0,
        step: 0.01,
        log: false,
        integer: false,
        word: None,
        default: Default::Constant("default_utilization"),
        panel: true,
        read: |s| Setting::Num(s.utilization),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.utilization = x
            }
        },
        shown: |s| s.utilization,
    },
    Param {
        key: "lifetime_years",
        label: ("Hardware lifetime", "Nutzungsdauer"),
        unit: ("years", "Jahre"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "hardware depreciation life",
        min: 0.5,
        max: 20.0,
        step: 0.5,
        log: false,
        integer: false,
        word: None,
        default: Default::Constant("default_lifetime_years"),
        panel: true,
        read: |s| Setting::Num(s.lifetime_years),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.lifetime_years = x
            }
        },
        shown: |s| s.lifetime_years,
    },
    Param {
        key: "gpu_price_usd",
        label: ("GPU price", "GPU-Preis"),
        unit: ("$", "$"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "GPU price, or `catalogue`: the catalogue's estimate",
        min: 100.0,
        max: 1_000_000.0,
        step: 100.0,
        log: true,
        integer: false,
        word: Some("catalogue"),
        default: Default::Unset,
        panel: true,
        read: |s| s.gpu_price_usd.map_or(Setting::Unset, Setting::Num),
        write: |s, v| s.gpu_price_usd = num(v),
        shown: |s| {
            crate::data::catalogue()
                .gpu(&s.gpu)
                .map_or(0.0, |g| g.price_usd)
        },
    },
    Param {
        key: "usd_per_mtok",
        label: ("Token price", "Tokenpreis"),
        unit: ("$/M tokens", "$/Mio. Token"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "price per million output tokens, for revenue",
        min: 0.001,
        max: 1000.0,
        step: 0.001,
        log: true,
        integer: false,
        word: None,
        default: Default::Constant("default_usd_per_mtok"),
        panel: false,
        read: |s| Setting::Num(s.usd_per_mtok),
        write: |s, v| {
            if let Some(x) = num(v) {
                s.usd_per_mtok = x
            }
        },
        shown: |s| s.usd_per_mtok,
    },
    Param {
        key: "grid",
        label: ("Grid carbon intensity", "CO₂-Intensität des Stroms"),
        unit: ("g CO₂/kWh", "g CO₂/kWh"),
        #[cfg(not(target_arch = "wasm32"))]
        about: "CO₂ per kWh of the grid the factory draws from; instead of a number, a grid of `data/grids.json`: `us` (USA average, the default), `de`, `fr`, `tx` (ERCOT), `va` (PJM), `cn`, `no`, `world`",
        min: 0.0,
        max: super::carbon::MAX_G_PER_KWH,
        step: 1.0,
        log: false,
        integer: false,
        word: None,
        default: Default::Unset,
        panel: true,
        read: |s| s.grid_g_per_kwh.map_or(Setting::Unset, Setting::Num),
        write: |s, v| match v {
            Setting::Num(x) => s.grid_g_per_kwh = Some(x),
            Setting::Unset => s.grid_g_per_kwh = None,
            Setting::Word => {}
        },
        shown: |s| super::carbon::grid_used(&s.grid, None).g_co2_per_kwh,
    },
];
