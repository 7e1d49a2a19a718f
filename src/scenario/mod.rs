//! Scenario state in text form: the parameter table and the URL query codec shared by the
//! page (its address bar) and the CLI.
//!
//! The codec is versioned (`v=1`) and lenient: an unknown key or a bad value is ignored with
//! a warning naming it, and the default is used. Only values that differ from the default
//! are written.

use crate::model::{Batch, Notice, Precision, Scenario};

/// Current version of the query format.
pub const VERSION: u32 = 1;

/// A numeric parameter: its key, range, step and labels. Drives sliders and validation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Slider moves on a logarithmic scale.
    pub log: bool,
    pub unit_en: &'static str,
    pub unit_de: &'static str,
    pub label_en: &'static str,
    pub label_de: &'static str,
}

#[allow(clippy::too_many_arguments)] // a table row: one argument per column
const fn spec(
    key: &'static str,
    min: f64,
    max: f64,
    step: f64,
    log: bool,
    unit_en: &'static str,
    unit_de: &'static str,
    label_en: &'static str,
    label_de: &'static str,
) -> ParamSpec {
    ParamSpec {
        key,
        min,
        max,
        step,
        log,
        unit_en,
        unit_de,
        label_en,
        label_de,
    }
}

/// Every numeric parameter, in display order.
pub const PARAMS: &[ParamSpec] = &[
    spec(
        "gpus",
        1.0,
        1024.0,
        1.0,
        true,
        "GPUs",
        "GPUs",
        "GPUs per replica",
        "GPUs pro Replikat",
    ),
    spec(
        "batch",
        1.0,
        2048.0,
        1.0,
        true,
        "sequences",
        "Sequenzen",
        "Batch size",
        "Batchgröße",
    ),
    spec(
        "tps_user",
        1.0,
        1000.0,
        1.0,
        true,
        "tokens/s",
        "Token/s",
        "Speed per user",
        "Tempo pro Nutzer",
    ),
    spec(
        "context",
        1.0,
        262144.0,
        1.0,
        true,
        "tokens",
        "Token",
        "Decode context",
        "Kontext beim Dekodieren",
    ),
    spec(
        "prompt",
        1.0,
        131072.0,
        1.0,
        true,
        "tokens",
        "Token",
        "Prompt length",
        "Länge der Eingabe",
    ),
    spec(
        "output",
        1.0,
        65536.0,
        1.0,
        true,
        "tokens",
        "Token",
        "Answer length",
        "Länge der Antwort",
    ),
    spec(
        "power_mw",
        0.001,
        10000.0,
        0.001,
        true,
        "MW",
        "MW",
        "Factory power",
        "Leistung der Fabrik",
    ),
    spec("pue", 1.0, 3.0, 0.01, false, "", "", "PUE", "PUE"),
    spec(
        "usd_per_kwh",
        0.0,
        1.0,
        0.001,
        false,
        "$/kWh",
        "$/kWh",
        "Electricity price",
        "Strompreis",
    ),
    spec(
        "utilization",
        0.01,
        1.0,
        0.01,
        false,
        "",
        "",
        "Utilisation",
        "Auslastung",
    ),
    spec(
        "lifetime_years",
        0.5,
        20.0,
        0.5,
        false,
        "years",
        "Jahre",
        "Hardware lifetime",
        "Nutzungsdauer",
    ),
    spec(
        "gpu_price_usd",
        100.0,
        1_000_000.0,
        100.0,
        true,
        "$",
        "$",
        "GPU price",
        "GPU-Preis",
    ),
    spec(
        "usd_per_mtok",
        0.001,
        1000.0,
        0.001,
        true,
        "$/M tokens",
        "$/Mio. Token",
        "Token price",
        "Tokenpreis",
    ),
];

/// Keys the page uses that are not part of the scenario (passed through, never warned about).
pub const PAGE_KEYS: &[&str] = &[
    "lang", "embed", "view", "controls", "preset", "theme", "bench",
];

/// The spec of a numeric parameter.
pub fn param(key: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.key == key)
}

/// A parsed query: the scenario, what was ignored and why, and the page keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub scenario: Scenario,
    pub warnings: Vec<Notice>,
    /// Page keys (`lang`, `embed`, …) with their raw values, in order of appearance.
    pub page: Vec<(String, String)>,
}

/// Decodes `%XX` escapes and `+` (space). Invalid escapes stay literal; invalid UTF-8 is
/// replaced by U+FFFD. Never fails.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes a value for a query string: keeps `A–Z a–z 0–9 - . _ ~`, escapes the rest.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Longest value considered; longer ones are ignored (a link can carry anything).
const MAX_VALUE_LEN: usize = 64;

fn parse_number(key: &str, raw: &str, w: &mut Vec<Notice>) -> Option<f64> {
    let spec = param(key)?;
    let shown: String = raw.chars().take(24).collect();
    let v: f64 = match raw.trim().parse() {
        Ok(v) => v,
        Err(_) => {
            w.push(Notice::new(
                format!("{key}={shown} is not a number: ignored"),
                format!("{key}={shown} ist keine Zahl: ignoriert"),
            ));
            return None;
        }
    };
    if !v.is_finite() || v < spec.min || v > spec.max {
        w.push(Notice::new(
            format!(
                "{key}={shown} is outside [{}, {}]: ignored",
                spec.min, spec.max
            ),
            format!(
                "{key}={shown} liegt außerhalb von [{}, {}]: ignoriert",
                spec.min, spec.max
            ),
        ));
        return None;
    }
    Some(v)
}

/// Parses a query string (with or without the leading `?`) into a scenario.
///
/// Lenient: each bad pair is skipped with a warning; later repeats of a key override earlier
/// ones. Known ids are checked against the catalogue.
pub fn parse_query(query: &str) -> Parsed {
    let mut p = Parsed::default();
    let q = query.strip_prefix('?').unwrap_or(query);
    let c = crate::data::catalogue();
    let s = &mut p.scenario;
    let w = &mut p.warnings;
    for pair in q.split('&').filter(|x| !x.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        let raw = percent_decode(v);
        let key_shown: String = key.chars().take(24).collect();
        if raw.chars().count() > MAX_VALUE_LEN {
            w.push(Notice::new(
                format!("{key_shown}: value longer than {MAX_VALUE_LEN} characters: ignored"),
                format!("{key_shown}: Wert länger als {MAX_VALUE_LEN} Zeichen: ignoriert"),
            ));
            continue;
        }
        match key.as_str() {
            "v" => match raw.parse::<u32>() {
                Ok(VERSION) => {}
                _ => w.push(Notice::new(
                    format!("v={raw}: unknown version, read as v={VERSION}"),
                    format!("v={raw}: unbekannte Version, gelesen als v={VERSION}"),
                )),
            },
            "gpu" => match c.gpu(&raw) {
                Some(g) => s.gpu = g.id.clone(),
                None => w.push(Notice::new(
                    format!("gpu={raw} is not in the catalogue: ignored"),
                    format!("gpu={raw} steht nicht im Katalog: ignoriert"),
                )),
            },
            "model" => match c.model(&raw) {
                Some(m) => s.model = m.id.clone(),
                None => w.push(Notice::new(
                    format!("model={raw} is not in the catalogue: ignored"),
                    format!("model={raw} steht nicht im Katalog: ignoriert"),
                )),
            },
            "precision" => match Precision::parse(&raw.to_ascii_lowercase()) {
                Some(pr) => s.precision = pr,
                None => w.push(Notice::new(
                    format!("precision={raw} is not one of fp32, fp16, bf16, fp8, fp4: ignored"),
                    format!("precision={raw} ist keine von fp32, fp16, bf16, fp8, fp4: ignoriert"),
                )),
            },
            "batch" if raw.eq_ignore_ascii_case("max") => s.batch = Batch::Max,
            "batch" => {
                if let Some(b) = parse_number("batch", &raw, w) {
                    s.batch = Batch::Fixed(b.round() as u32);
                }
            }
            "tps_user" => {
                if let Some(v) = parse_number("tps_user", &raw, w) {
                    s.batch = Batch::Interactivity(v);
                }
            }
            "context" if raw.eq_ignore_ascii_case("auto") => s.context_tokens = None,
            "gpu_price_usd" if raw.eq_ignore_ascii_case("catalogue") => s.gpu_price_usd = None,
            "gpus" | "context" | "prompt" | "output" | "power_mw" | "pue" | "usd_per_kwh"
            | "utilization" | "lifetime_years" | "gpu_price_usd" | "usd_per_mtok" => {
                if let Some(x) = parse_number(&key, &raw, w) {
                    let n = x.round() as u32;
                    match key.as_str() {
                        "gpus" => s.gpus_per_replica = n.max(1),
                        "context" => s.context_tokens = Some(n.max(1)),
                        "prompt" => s.prompt_tokens = n.max(1),
                        "output" => s.output_tokens = n.max(1),
                        "power_mw" => s.facility_mw = x,
                        "pue" => s.pue = x,
                        "usd_per_kwh" => s.usd_per_kwh = x,
                        "utilization" => s.utilization = x,
                        "lifetime_years" => s.lifetime_years = x,
                        "gpu_price_usd" => s.gpu_price_usd = Some(x),
                        _ => s.usd_per_mtok = x,
                    }
                }
            }
            k if PAGE_KEYS.contains(&k) => p.page.push((key.clone(), raw)),
            _ => w.push(Notice::new(
                format!("unknown key '{key_shown}': ignored"),
                format!("unbekannter Schlüssel '{key_shown}': ignoriert"),
            )),
        }
    }
    p
}

/// Shortest decimal text for a value (no trailing zeros, no exponent for usual ranges).
pub fn fmt_num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Writes the scenario as a query string: `v=1`, then only the keys that differ from the
/// default, in a fixed order.
pub fn to_query(s: &Scenario) -> String {
    let d = Scenario::default();
    let mut parts = vec![format!("v={VERSION}")];
    let mut put = |k: &str, v: String| parts.push(format!("{k}={}", percent_encode(&v)));
    if s.gpu != d.gpu {
        put("gpu", s.gpu.clone());
    }
    if s.model != d.model {
        put("model", s.model.clone());
    }
    if s.precision != d.precision {
        put("precision", s.precision.as_str().to_string());
    }
    if s.gpus_per_replica != d.gpus_per_replica {
        put("gpus", s.gpus_per_replica.to_string());
    }
    if s.batch != d.batch {
        match s.batch {
            Batch::Max => put("batch", "max".into()),
            Batch::Fixed(b) => put("batch", b.to_string()),
            Batch::Interactivity(v) => put("tps_user", fmt_num(v)),
        }
    }
    if let Some(c) = s.context_tokens {
        put("context", c.to_string());
    }
    if s.prompt_tokens != d.prompt_tokens {
        put("prompt", s.prompt_tokens.to_string());
    }
    if s.output_tokens != d.output_tokens {
        put("output", s.output_tokens.to_string());
    }
    let nums = [
        ("power_mw", s.facility_mw, d.facility_mw),
        ("pue", s.pue, d.pue),
        ("usd_per_kwh", s.usd_per_kwh, d.usd_per_kwh),
        ("utilization", s.utilization, d.utilization),
        ("lifetime_years", s.lifetime_years, d.lifetime_years),
    ];
    for (k, v, dv) in nums {
        if v != dv {
            put(k, fmt_num(v));
        }
    }
    if let Some(p) = s.gpu_price_usd {
        put("gpu_price_usd", fmt_num(p));
    }
    if s.usd_per_mtok != d.usd_per_mtok {
        put("usd_per_mtok", fmt_num(s.usd_per_mtok));
    }
    parts.join("&")
}

/// Parses a query and evaluates it: the codec's warnings come first in `warnings`.
pub fn evaluate_query(query: &str) -> crate::model::Outcome {
    let parsed = parse_query(query);
    let mut out = crate::model::evaluate(&parsed.scenario);
    let mut warnings = parsed.warnings;
    warnings.append(&mut out.warnings);
    out.warnings = warnings;
    out
}

/// The value of a numeric parameter in a scenario (the slider position).
pub fn get_param(s: &Scenario, key: &str) -> f64 {
    let d = Scenario::default();
    match key {
        "gpus" => f64::from(s.gpus_per_replica),
        "batch" => match s.batch {
            Batch::Fixed(b) => f64::from(b),
            _ => 64.0,
        },
        "tps_user" => match s.batch {
            Batch::Interactivity(v) => v,
            _ => 50.0,
        },
        "context" => f64::from(
            s.context_tokens
                .unwrap_or(s.prompt_tokens.saturating_add(s.output_tokens / 2)),
        ),
        "prompt" => f64::from(s.prompt_tokens),
        "output" => f64::from(s.output_tokens),
        "power_mw" => s.facility_mw,
        "pue" => s.pue,
        "usd_per_kwh" => s.usd_per_kwh,
        "utilization" => s.utilization,
        "lifetime_years" => s.lifetime_years,
        "gpu_price_usd" => s.gpu_price_usd.unwrap_or_else(|| {
            crate::data::catalogue()
                .gpu(&s.gpu)
                .map_or(0.0, |g| g.price_usd)
        }),
        "usd_per_mtok" => s.usd_per_mtok,
        _ => d.pue,
    }
}

/// Sets a numeric parameter, clamped to its range; unknown keys change nothing.
pub fn set_param(s: &mut Scenario, key: &str, v: f64) {
    let Some(spec) = param(key) else { return };
    if !v.is_finite() {
        return;
    }
    let v = v.clamp(spec.min, spec.max);
    let n = v.round() as u32;
    match key {
        "gpus" => s.gpus_per_replica = n.max(1),
        "batch" => s.batch = Batch::Fixed(n.max(1)),
        "tps_user" => s.batch = Batch::Interactivity(v),
        "context" => s.context_tokens = Some(n.max(1)),
        "prompt" => s.prompt_tokens = n.max(1),
        "output" => s.output_tokens = n.max(1),
        "power_mw" => s.facility_mw = v,
        "pue" => s.pue = v,
        "usd_per_kwh" => s.usd_per_kwh = v,
        "utilization" => s.utilization = v,
        "lifetime_years" => s.lifetime_years = v,
        "gpu_price_usd" => s.gpu_price_usd = Some(v),
        "usd_per_mtok" => s.usd_per_mtok = v,
        _ => {}
    }
}

/// Slider position (0..=1000) for a value, on a log scale where the parameter says so.
pub fn to_slider(spec: &ParamSpec, v: f64) -> f64 {
    let t = if spec.log {
        let lo = spec.min.max(1e-9).ln();
        (v.max(1e-9).ln() - lo) / (spec.max.ln() - lo)
    } else {
        (v - spec.min) / (spec.max - spec.min)
    };
    (t.clamp(0.0, 1.0) * 1000.0).round()
}

/// The value at a slider position (0..=1000), rounded to the parameter's step.
pub fn from_slider(spec: &ParamSpec, pos: f64) -> f64 {
    let t = (pos / 1000.0).clamp(0.0, 1.0);
    let v = if spec.log {
        let lo = spec.min.max(1e-9).ln();
        (lo + t * (spec.max.ln() - lo)).exp()
    } else {
        spec.min + t * (spec.max - spec.min)
    };
    let stepped = (v / spec.step).round() * spec.step;
    stepped.clamp(spec.min, spec.max)
}
