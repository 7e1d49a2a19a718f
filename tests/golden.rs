//! `fabrik-cli eval` against recorded figures (`tests/golden/eval-before.jsonl`) for the 50
//! queries of `tests/golden/queries.txt`: every preset, hostile and fallback links, and random
//! scenarios over every chip, model, precision and knob. First recorded at commit cb4a94e,
//! before the restructuring of issue 11 (which moved no figure); re-recorded for model 2026.12,
//! whose site sizing moved cost and factory figures, and whose HBM in GiB and replica fixes
//! moved five scenarios' batches (see `data/changelog.json`).
//!
//! Every number must agree within a relative 1e-9; texts exactly. Three deliberate format
//! changes are compared for what they mean: a warning was a string and is now
//! `{"code", "text"}` (the text must be the same); the written link's keys are compared as a
//! set of pairs (their order follows the parameter table), without the model version `m=`;
//! and the `model_version` field is new.
//!
//! A model change that moves figures on purpose re-records the file
//! (`FABRIK_BLESS=1 cargo test --test golden`), bumps the model version and says what moved
//! in its changelog entry.

#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cli.rs"]
mod cli;

use serde_json::Value;
use std::collections::BTreeSet;

const QUERIES: &str = include_str!("golden/queries.txt");
const BEFORE: &str = include_str!("golden/eval-before.jsonl");

fn eval(query: &str) -> Value {
    serde_json::from_slice(&cli::cli(&["eval", query])).expect("one JSON object")
}

/// The link's pairs, without the model version (`m=`, added to every written link since).
fn pairs(q: &str) -> BTreeSet<&str> {
    q.split('&').filter(|p| !p.starts_with("m=")).collect()
}

/// Compares `now` with `then` at `path`; pushes every difference to `diffs`.
fn compare(path: &str, then: &Value, now: &Value, diffs: &mut Vec<String>) {
    match (then, now) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            if (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1e-300) {
                diffs.push(format!("{path}: {a} → {b}"));
            }
        }
        (Value::String(a), Value::String(b)) if path.ends_with(".query") => {
            if pairs(a) != pairs(b) {
                diffs.push(format!("{path}: {a} → {b}"));
            }
        }
        (Value::String(a), Value::Object(b)) => {
            // A warning: was its English text, is now {code, text}.
            let text = b.get("text").and_then(Value::as_str);
            let code = b.get("code").and_then(Value::as_str);
            if text != Some(a.as_str()) || code.is_none_or(str::is_empty) {
                diffs.push(format!("{path}: {a:?} → {b:?}"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                match (a.get(k), b.get(k)) {
                    // Added since: the model version that computed the figures.
                    (None, Some(Value::String(_))) if k == "model_version" => {}
                    (Some(x), Some(y)) => compare(&format!("{path}.{k}"), x, y, diffs),
                    _ => diffs.push(format!("{path}.{k}: key added or removed")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                diffs.push(format!("{path}: {} → {} items", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(&format!("{path}[{i}]"), x, y, diffs);
            }
        }
        (a, b) if a == b => {}
        (a, b) => diffs.push(format!("{path}: {a} → {b}")),
    }
}

#[test]
fn fifty_scenarios_match_the_recorded_figures() {
    let queries: Vec<&str> = QUERIES.lines().collect();
    assert_eq!(queries.len(), 50);
    if std::env::var_os("FABRIK_BLESS").is_some() {
        let lines: Vec<String> = queries.iter().map(|q| eval(q).to_string()).collect();
        std::fs::write("tests/golden/eval-before.jsonl", lines.join("\n") + "\n")
            .expect("writable");
        return;
    }
    let before: Vec<Value> = BEFORE
        .lines()
        .map(|l| serde_json::from_str(l).expect("recorded JSON"))
        .collect();
    assert_eq!(before.len(), queries.len());
    let mut diffs = Vec::new();
    let mut numbers = 0usize;
    for (q, then) in queries.iter().zip(&before) {
        let now = eval(q);
        compare(&format!("[{q}]"), then, &now, &mut diffs);
        numbers += count_numbers(then);
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    // The comparison really covered the figures: every object holds ~59 numbers.
    assert!(numbers > 50 * 55, "only {numbers} numbers compared");
}

fn count_numbers(v: &Value) -> usize {
    match v {
        Value::Number(_) => 1,
        Value::Array(a) => a.iter().map(count_numbers).sum(),
        Value::Object(o) => o.values().map(count_numbers).sum(),
        _ => 0,
    }
}
