//! Embeds the catalogues (`src/data/*.json`) in two forms, both written to `OUT_DIR`:
//!
//! - the JSON itself, minified, which native builds (CLI, tests) parse with serde at start-up;
//! - the same values as static Rust tables (`catalogue.rs`, `calibration_rows.rs`: strings as
//!   `&'static str`, so they are data, not code), which the browser build uses instead:
//!   parsing JSON in wasm costs the bundle about 20 KB gzip of deserialisation code.
//!   `tests/catalogue.rs` checks that both forms give equal values.
//!
//! For the browser build (wasm32) the per-value source texts (`sources`, `notes`, `source`)
//! of hardware, models, presets and constants, and a few facts the page never shows
//! (`UNSHOWN_KEYS`), are left out: the page links to the full files instead, which are
//! shipped beside it (`index.html`, copy-file to `data/`).
//! Native builds keep everything, so every value stays checkably sourced.
//!
//! The code generator knows the field types of `src/data/mod.rs` and `src/calibration.rs`; a
//! field added there and not here fails the build (missing field in the generated code).
use serde_json::{Map, Value};
use std::{env, fmt::Write as _, fs, path::Path};

const FILES: [&str; 4] = [
    "hardware.json",
    "models.json",
    "presets.json",
    "constants.json",
];
const SOURCE_KEYS: [&str; 3] = ["sources", "notes", "source"];
/// Facts the page never shows, also left out of the wasm: a chip's architecture, process node
/// and foundry, and the explanation (`note`) of a calibration row's limitation. They stay in
/// the shipped files and in native builds.
const UNSHOWN_KEYS: [&str; 4] = ["architecture", "process", "foundry", "note"];

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in SOURCE_KEYS.iter().chain(&UNSHOWN_KEYS) {
                m.remove(*k);
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// `"attention": {"kind": "gqa", …}` → `"attention": {"gqa": {…}}`: serde's default enum
/// form, which parses without buffering (an internally tagged enum costs the wasm 10 KB).
fn retag(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(a)) = m.get_mut("attention")
                && let Some(Value::String(kind)) = a.remove("kind")
            {
                let inner = std::mem::take(a);
                a.insert(kind, Value::Object(inner));
            }
            m.values_mut().for_each(retag);
        }
        Value::Array(a) => a.iter_mut().for_each(retag),
        _ => {}
    }
}

/// Rust expressions for JSON values of a known type. `what` names the entry in panics.
struct Gen<'a> {
    what: &'a str,
}

impl Gen<'_> {
    fn field<'v>(&self, o: &'v Map<String, Value>, k: &str) -> &'v Value {
        o.get(k)
            .unwrap_or_else(|| panic!("{}: missing field `{k}`", self.what))
    }
    fn string(&self, o: &Map<String, Value>, k: &str) -> String {
        match self.field(o, k) {
            Value::String(s) => format!("{s:?}"),
            v => panic!("{}: `{k}` is not a string: {v}", self.what),
        }
    }
    /// A string field with `#[serde(default)]`.
    fn string_or_empty(&self, o: &Map<String, Value>, k: &str) -> String {
        if o.contains_key(k) {
            self.string(o, k)
        } else {
            "\"\"".into()
        }
    }
    fn float(&self, v: &Value, k: &str) -> String {
        let x = v
            .as_f64()
            .unwrap_or_else(|| panic!("{}: `{k}` is not a number: {v}", self.what));
        format!("{x:?}_f64")
    }
    fn f64(&self, o: &Map<String, Value>, k: &str) -> String {
        self.float(self.field(o, k), k)
    }
    fn uint(&self, o: &Map<String, Value>, k: &str, ty: &str) -> String {
        let v = self.field(o, k);
        let x = v
            .as_u64()
            .unwrap_or_else(|| panic!("{}: `{k}` is not an unsigned integer: {v}", self.what));
        format!("{x}_{ty}")
    }
    fn uint_or(&self, o: &Map<String, Value>, k: &str, ty: &str) -> String {
        if o.contains_key(k) {
            self.uint(o, k, ty)
        } else {
            format!("0_{ty}")
        }
    }
    fn boolean(&self, o: &Map<String, Value>, k: &str, default: Option<bool>) -> String {
        match (o.get(k), default) {
            (Some(Value::Bool(b)), _) => b.to_string(),
            (None, Some(d)) => d.to_string(),
            (v, _) => panic!("{}: `{k}` is not a boolean: {v:?}", self.what),
        }
    }
    fn opt_f64(&self, o: &Map<String, Value>, k: &str) -> String {
        match o.get(k) {
            None | Some(Value::Null) => "None".into(),
            Some(v) => format!("Some({})", self.float(v, k)),
        }
    }
    fn opt_u32(&self, o: &Map<String, Value>, k: &str) -> String {
        match o.get(k) {
            None | Some(Value::Null) => "None".into(),
            Some(_) => format!("Some({})", self.uint(o, k, "u32")),
        }
    }
    /// `&[(&str, &str)]` (a `BTreeMap<String, String>` field with `#[serde(default)]`).
    fn string_map(&self, o: &Map<String, Value>, k: &str) -> String {
        let Some(v) = o.get(k) else {
            return "&[]".into();
        };
        let m = v
            .as_object()
            .unwrap_or_else(|| panic!("{}: `{k}` is not an object", self.what));
        let mut out = String::from("&[");
        for key in m.keys() {
            let _ = write!(out, "({key:?}, {}),", self.string(m, key));
        }
        out + "]"
    }
    /// A slice literal (`&[…]`, empty when the key is absent: `#[serde(default)]`) of the
    /// array at `k`, each item written by `item` (`None`: not of the expected type).
    fn slice(&self, o: &Map<String, Value>, k: &str, item: fn(&Value) -> Option<String>) -> String {
        let Some(v) = o.get(k) else {
            return "&[]".into();
        };
        let items = v
            .as_array()
            .unwrap_or_else(|| panic!("{}: `{k}` is not an array", self.what));
        let mut out = String::from("&[");
        for x in items {
            let x = item(x).unwrap_or_else(|| panic!("{}: `{k}` holds {x}", self.what));
            let _ = write!(out, "{x},");
        }
        out + "]"
    }
    /// `&[&str]` (a `Vec<String>` field).
    fn string_vec(&self, o: &Map<String, Value>, k: &str) -> String {
        self.slice(o, k, |v| v.as_str().map(|s| format!("{s:?}")))
    }
    /// `&[u32]` (a `Vec<u32>` field).
    fn u32_vec(&self, o: &Map<String, Value>, k: &str) -> String {
        self.slice(o, k, |v| v.as_u64().map(|x| format!("{x}_u32")))
    }
}

fn object<'v>(v: &'v Value, what: &str) -> &'v Map<String, Value> {
    v.as_object()
        .unwrap_or_else(|| panic!("{what}: not an object"))
}

fn array<'v>(v: &'v Value, what: &str) -> &'v Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what}: not an array"))
}

fn gpu(v: &Value) -> String {
    let o = object(v, "hardware.json entry");
    let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
    let what = format!("hardware.json {id}");
    let g = Gen { what: &what };
    let t = object(g.field(o, "dense_tflops"), &what);
    format!(
        "GpuRow {{ id: {}, name: {}, short: {}, vendor: {}, architecture: {}, year: {}, \
         process: {}, foundry: {}, export_limited: {}, dense_tflops: PeakTflops {{ fp32: {}, \
         fp16: {}, bf16: {}, fp8: {}, fp4: {} }}, hbm_gb: {}, hbm_tb_s: {}, tdp_w: {}, \
         idle_w: {}, scale_up_gpus: {}, scale_up_gb_s: {}, scale_out_gb_s: {}, \
         host_w_per_gpu: {}, gpus_per_rack: {}, price_usd: {}, price_year: {}, \
         price_includes_system: {}, sources: {}, notes: {} }}",
        g.string(o, "id"),
        g.string(o, "name"),
        g.string(o, "short"),
        g.string(o, "vendor"),
        g.string_or_empty(o, "architecture"),
        g.uint(o, "year", "u16"),
        g.string_or_empty(o, "process"),
        g.string_or_empty(o, "foundry"),
        g.boolean(o, "export_limited", None),
        g.opt_f64(t, "fp32"),
        g.opt_f64(t, "fp16"),
        g.opt_f64(t, "bf16"),
        g.opt_f64(t, "fp8"),
        g.opt_f64(t, "fp4"),
        g.f64(o, "hbm_gb"),
        g.f64(o, "hbm_tb_s"),
        g.f64(o, "tdp_w"),
        g.f64(o, "idle_w"),
        g.uint(o, "scale_up_gpus", "u32"),
        g.f64(o, "scale_up_gb_s"),
        g.f64(o, "scale_out_gb_s"),
        g.f64(o, "host_w_per_gpu"),
        g.uint(o, "gpus_per_rack", "u32"),
        g.f64(o, "price_usd"),
        g.uint(o, "price_year", "u16"),
        g.boolean(o, "price_includes_system", Some(false)),
        g.string_map(o, "sources"),
        g.string_or_empty(o, "notes"),
    )
}

fn model(v: &Value) -> String {
    let o = object(v, "models.json entry");
    let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
    let what = format!("models.json {id}");
    let g = Gen { what: &what };
    let a = object(g.field(o, "attention"), &what);
    let attention = match a.get("kind").and_then(Value::as_str) {
        Some("gqa") => format!(
            "Attention::Gqa {{ sliding_window: {}, sliding_layers: {} }}",
            g.opt_u32(a, "sliding_window"),
            g.uint_or(a, "sliding_layers", "u32")
        ),
        Some("mla") => format!(
            "Attention::Mla {{ q_lora_rank: {}, kv_lora_rank: {}, rope_dim: {}, v_head_dim: {} }}",
            g.uint(a, "q_lora_rank", "u32"),
            g.uint(a, "kv_lora_rank", "u32"),
            g.uint(a, "rope_dim", "u32"),
            g.uint(a, "v_head_dim", "u32")
        ),
        k => panic!("{what}: unknown attention kind {k:?}"),
    };
    let moe = match o.get("moe") {
        None | Some(Value::Null) => "None".to_string(),
        Some(m) => {
            let m = object(m, &what);
            format!(
                "Some(Moe {{ experts: {}, active: {}, shared: {}, expert_ffn: {}, dense_layers: {} }})",
                g.uint(m, "experts", "u32"),
                g.uint(m, "active", "u32"),
                g.uint(m, "shared", "u32"),
                g.uint(m, "expert_ffn", "u32"),
                g.uint(m, "dense_layers", "u32")
            )
        }
    };
    format!(
        "ModelRow {{ id: {}, name: {}, short: {}, year: {}, layers: {}, hidden: {}, heads: {}, \
         kv_heads: {}, head_dim: {}, ffn: {}, ffn_matrices: {}, vocab: {}, tied_embeddings: {}, \
         attention: {attention}, moe: {moe}, params_total_b: {}, params_active_b: {}, \
         sources: {} }}",
        g.string(o, "id"),
        g.string(o, "name"),
        g.string(o, "short"),
        g.uint(o, "year", "u16"),
        g.uint(o, "layers", "u32"),
        g.uint(o, "hidden", "u32"),
        g.uint(o, "heads", "u32"),
        g.uint(o, "kv_heads", "u32"),
        g.uint(o, "head_dim", "u32"),
        g.uint(o, "ffn", "u32"),
        g.uint(o, "ffn_matrices", "u32"),
        g.uint(o, "vocab", "u32"),
        g.boolean(o, "tied_embeddings", None),
        g.f64(o, "params_total_b"),
        g.f64(o, "params_active_b"),
        g.string_map(o, "sources"),
    )
}

fn preset(v: &Value) -> String {
    let o = object(v, "presets.json entry");
    let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
    let what = format!("presets.json {id}");
    let g = Gen { what: &what };
    format!(
        "PresetRow {{ id: {}, title_en: {}, title_de: {}, query: {}, why_en: {}, why_de: {}, \
         sources: {} }}",
        g.string(o, "id"),
        g.string(o, "title_en"),
        g.string(o, "title_de"),
        g.string(o, "query"),
        g.string(o, "why_en"),
        g.string(o, "why_de"),
        g.string_vec(o, "sources"),
    )
}

fn constants(v: &Value) -> String {
    let mut out = String::from("&[");
    for (name, c) in object(v, "constants.json") {
        let what = format!("constants.json {name}");
        let g = Gen { what: &what };
        let o = object(c, &what);
        let _ = write!(
            out,
            "({name:?}, {}, {}, {}),",
            g.f64(o, "value"),
            g.string(o, "unit"),
            g.string_or_empty(o, "source"),
        );
    }
    out + "]"
}

fn calibration_row(v: &Value) -> String {
    let o = object(v, "calibration.json row");
    let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
    let what = format!("calibration.json {id}");
    let g = Gen { what: &what };
    format!(
        "CalibrationRow {{ id: {}, source: {}, query: {}, metric: {}, measured: {}, split: {}, \
         sweep_gpus: {}, note: {} }}",
        g.string(o, "id"),
        g.string(o, "source"),
        g.string(o, "query"),
        g.string(o, "metric"),
        g.f64(o, "measured"),
        g.string(o, "split"),
        g.u32_vec(o, "sweep_gpus"),
        g.string_or_empty(o, "note"),
    )
}

fn read(path: &Path) -> Value {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let slim = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let mut parsed = Vec::new();
    for f in FILES {
        let mut v = read(&Path::new("src/data").join(f));
        if slim {
            strip(&mut v);
        }
        parsed.push(v.clone());
        retag(&mut v);
        fs::write(out.join(f), v.to_string()).expect("write to OUT_DIR");
    }
    let [hw, models, presets, consts] = &parsed[..] else {
        unreachable!()
    };
    let list = |v: &Value, what: &str, f: fn(&Value) -> String| -> String {
        let items: Vec<String> = array(v, what).iter().map(f).collect();
        format!("&[\n{}\n]", items.join(",\n"))
    };
    let code = format!(
        "// @generated by build.rs from src/data/*.json: do not edit.\n\
         pub(super) static GPUS: &[GpuRow] = {};\n\
         pub(super) static MODELS: &[ModelRow] = {};\n\
         pub(super) static PRESETS: &[PresetRow] = {};\n\
         pub(super) static CONSTANTS: &[ConstantRow] = {};\n",
        list(hw, "hardware.json", gpu),
        list(models, "models.json", model),
        list(presets, "presets.json", preset),
        constants(consts),
    );
    fs::write(out.join("catalogue.rs"), code).expect("write to OUT_DIR");

    let mut cal = read(Path::new("src/data/calibration.json"));
    if slim {
        // Only the row's `note`: its `source` is shown in the calibration chart's table.
        if let Some(Value::Array(rows)) = cal.get_mut("rows") {
            for r in rows.iter_mut().filter_map(Value::as_object_mut) {
                r.remove("note");
            }
        }
    }
    let rows = object(&cal, "calibration.json")
        .get("rows")
        .unwrap_or_else(|| panic!("calibration.json: missing `rows`"));
    let code = format!(
        "// @generated by build.rs from src/data/calibration.json: do not edit.\n\
         static ROWS: &[CalibrationRow] = {};\n",
        list(rows, "calibration.json rows", calibration_row)
    );
    fs::write(out.join("calibration_rows.rs"), code).expect("write to OUT_DIR");
}
