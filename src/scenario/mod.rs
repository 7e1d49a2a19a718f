//! Scenario state in text form: the URL query codec shared by the page (its address bar) and
//! the CLI, derived from the parameter table (`model::params`).
//!
//! The codec is versioned (`v=1`, the format) and lenient: an unknown key or a bad value is
//! ignored with a notice naming it, and the default is used. Only values that differ from the
//! default are written. Every written link also names the model that computed its figures
//! (`m=2026.11`, from `data/changelog.json`); a link naming another version is read as it is,
//! with a notice saying what changed since. Keys may be added, never reinterpreted
//! (`tests/links.rs` keeps links written by earlier versions).

use crate::model::{Notice, Precision, Scenario};

/// Current version of the query format.
pub const VERSION: u32 = 1;

pub use crate::model::params::{PARAMS, Param, Setting, param};

/// Keys the page uses that are not part of the scenario (passed through, never warned about).
pub const PAGE_KEYS: &[&str] = &[
    "lang", "embed", "view", "controls", "preset", "theme", "bench", "fault",
];

/// A parsed query: the scenario, what was ignored and why, and the page keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub scenario: Scenario,
    pub warnings: Vec<Notice>,
    /// Page keys (`lang`, `embed`, …) with their raw values, in order of appearance.
    pub page: Vec<(String, String)>,
    /// The second scenario of a comparison (`b.` keys, or `b=1`), if the link has one.
    pub b: Option<Scenario>,
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

/// A numeric value for `p`, or a notice saying why the pair is ignored.
fn parse_number(p: &Param, raw: &str, w: &mut Vec<Notice>) -> Option<f64> {
    let shown: String = raw.chars().take(24).collect();
    match raw.trim().parse::<f64>() {
        Ok(v) if p.accepts(v) => Some(v),
        Ok(_) => {
            w.push(Notice::OutOfRange {
                key: p.key,
                raw: shown,
                min: p.min,
                max: p.max,
            });
            None
        }
        Err(_) => {
            w.push(Notice::NotANumber {
                key: p.key,
                raw: shown,
            });
            None
        }
    }
}

/// Parses a query string (with or without the leading `?`) into a scenario.
///
/// Lenient: each bad pair is skipped with a warning; later repeats of a key override earlier
/// ones. Known ids are checked against the catalogue.
///
/// A link comparing two scenarios carries the second, B, as its differences from the first:
/// `b.` + key (`b.gpu=h100-sxm`), or `b=1` where B equals A. B is A with those pairs applied;
/// a bad `b.` pair gets the same notice as any other, marked as B's ([`Notice::ForB`]).
pub fn parse_query(query: &str) -> Parsed {
    let mut p = Parsed::default();
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut b_pairs = Vec::new();
    let mut compare = false;
    for pair in q.split('&').filter(|x| !x.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        let raw = percent_decode(v);
        if let Some(bk) = key.strip_prefix("b.") {
            b_pairs.push((bk.to_string(), raw));
        } else if key == "b" {
            compare = true;
        } else {
            apply(&mut p.scenario, &key, raw, &mut p.warnings, &mut p.page);
        }
    }
    if compare || !b_pairs.is_empty() {
        let mut b = p.scenario.clone();
        let mut w = Vec::new();
        let mut page = Vec::new();
        for (k, raw) in b_pairs {
            apply(&mut b, &k, raw, &mut w, &mut page);
        }
        // Page keys belong to the page, not to B.
        w.extend(page.into_iter().map(|(key, _)| Notice::UnknownKey { key }));
        p.warnings
            .extend(w.into_iter().map(|n| Notice::ForB(Box::new(n))));
        p.b = Some(b);
    }
    p
}

/// Applies one decoded pair to `s`, or says why it is ignored.
fn apply(
    s: &mut Scenario,
    key: &str,
    raw: String,
    w: &mut Vec<Notice>,
    page: &mut Vec<(String, String)>,
) {
    let c = crate::data::catalogue();
    let key_shown: String = key.chars().take(24).collect();
    if raw.chars().count() > MAX_VALUE_LEN {
        w.push(Notice::ValueTooLong {
            key: key_shown,
            max_chars: MAX_VALUE_LEN,
        });
        return;
    }
    // A grid by name (`grid=de`); a number falls through to the parameter table's row.
    if key == "grid" {
        if let Some(g) = c.grid(raw.trim()) {
            s.grid = g.id.clone();
            s.grid_g_per_kwh = None;
            return;
        }
        if raw.trim().parse::<f64>().is_err() {
            w.push(Notice::NotInCatalogue { key: "grid", raw });
            return;
        }
    }
    if let Some(p) = param(key) {
        if p.word.is_some_and(|word| raw.eq_ignore_ascii_case(word)) {
            p.set(s, Setting::Word);
        } else if let Some(x) = parse_number(p, &raw, w) {
            p.set(s, Setting::Num(x));
        }
        return;
    }
    match key {
        "v" => {
            if raw.parse::<u32>() != Ok(VERSION) {
                w.push(Notice::UnknownVersion {
                    raw,
                    read_as: VERSION,
                });
            }
        }
        "m" => {
            let current = c.model_version();
            if raw != current {
                w.push(Notice::ModelVersion {
                    link: raw.chars().take(24).collect(),
                    current,
                });
            }
        }
        "gpu" => match c.gpu(&raw) {
            Some(g) => s.gpu = g.id.clone(),
            None => w.push(Notice::NotInCatalogue { key: "gpu", raw }),
        },
        "model" => match c.model(&raw) {
            Some(m) => s.model = m.id.clone(),
            None => w.push(Notice::NotInCatalogue { key: "model", raw }),
        },
        "precision" => match Precision::parse(&raw.to_ascii_lowercase()) {
            Some(pr) => s.precision = pr,
            None => w.push(Notice::UnknownPrecision { raw }),
        },
        "weights" | "kv" => {
            let slot = if key == "kv" {
                &mut s.kv
            } else {
                &mut s.weights
            };
            match (raw.as_str(), Precision::parse(&raw.to_ascii_lowercase())) {
                ("auto", _) => *slot = None,
                (_, Some(pr)) => *slot = Some(pr),
                (_, None) => w.push(Notice::UnknownPrecision { raw }),
            }
        }
        "engine" => {
            let e = raw.to_ascii_lowercase();
            if e == crate::model::BEST_ENGINE || c.engine(&e).is_some() {
                s.engine = e;
            } else {
                w.push(Notice::NotInCatalogue { key: "engine", raw });
            }
        }
        k if PAGE_KEYS.contains(&k) => page.push((key.to_string(), raw)),
        _ => w.push(Notice::UnknownKey { key: key_shown }),
    }
}

/// Shortest decimal text for a value (no trailing zeros, no exponent for usual ranges).
pub fn fmt_num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Writes the scenario as a query string: the format version `v=1` and the model version
/// (`m=2026.11`, the changelog's last entry), then only what differs from the default, in a
/// fixed order: chip, model, precision, then the parameter table's rows.
pub fn to_query(s: &Scenario) -> String {
    let mut parts = vec![
        format!("v={VERSION}"),
        format!("m={}", crate::data::catalogue().model_version()),
    ];
    parts.extend(
        differences(s, crate::model::defaults())
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v))),
    );
    parts.join("&")
}

/// Writes two scenarios compared: A as [`to_query`] writes it, then B's differences from A,
/// each key with `b.` before it (`b.gpu=h100-sxm`), or `b=1` where B equals A.
pub fn to_query_compare(a: &Scenario, b: &Scenario) -> String {
    let mut q = to_query(a);
    let diffs = differences(b, a);
    if diffs.is_empty() {
        q.push_str("&b=1");
    }
    for (k, v) in diffs {
        q.push_str(&format!("&b.{k}={}", percent_encode(&v)));
    }
    q
}

/// The pairs that turn `base` into `s` when read after it, in the fixed order: chip, model,
/// precision, weights, KV cache, engine, grid, then the parameter table's rows.
fn differences(s: &Scenario, base: &Scenario) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if s.gpu != base.gpu {
        out.push(("gpu", s.gpu.clone()));
    }
    if s.model != base.model {
        out.push(("model", s.model.clone()));
    }
    if s.precision != base.precision {
        out.push(("precision", s.precision.as_str().to_string()));
    }
    for (key, (v, b)) in [
        ("weights", (s.weights, base.weights)),
        ("kv", (s.kv, base.kv)),
    ] {
        if v != b {
            out.push((key, v.map_or("auto", |p| p.as_str()).to_string()));
        }
    }
    if s.engine != base.engine {
        out.push(("engine", s.engine.clone()));
    }
    // The named grid (a number from the table's row below wins over it).
    if s.grid != base.grid || (s.grid_g_per_kwh.is_none() && base.grid_g_per_kwh.is_some()) {
        out.push(("grid", s.grid.clone()));
    }
    for p in PARAMS {
        let v = p.read(s);
        if v == p.read(base) {
            continue;
        }
        match v {
            Setting::Num(x) => out.push((p.key, fmt_num(x))),
            Setting::Word => out.push((p.key, p.word.unwrap_or_default().to_string())),
            // Unset where the base sets it: the row's word, where that is what unsets it
            // (`tp=auto`); otherwise another row's pair says it (`tps_user` for `batch`).
            Setting::Unset => {
                if let Some(word) = p.word {
                    let mut t = s.clone();
                    p.set(&mut t, Setting::Word);
                    if p.read(&t) == Setting::Unset {
                        out.push((p.key, word.to_string()));
                    }
                }
            }
        }
    }
    out
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
