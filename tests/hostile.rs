//! No input breaks the model: random and adversarial query strings through the same codec and
//! model as the page and the CLI — 12,000 cases in all. Each must parse without panicking and
//! give a finite, displayable outcome (or a named warning), and re-encode to itself.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::Notice;
use fabrik::scenario::{PARAMS, evaluate_query, parse_query, to_query};
use proptest::prelude::*;

/// Every number in the outcome is finite; only the margin may be negative; no number is
/// null except `payback_years` (a factory that never pays back).
fn assert_displayable(query: &str) -> Result<(), TestCaseError> {
    let out = evaluate_query(query);
    let v = serde_json::to_value(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
    fn walk(path: &str, v: &serde_json::Value) -> Result<(), String> {
        match v {
            serde_json::Value::Number(n) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if !x.is_finite() || (x < 0.0 && !path.contains("margin")) {
                    return Err(format!("{path} = {x}"));
                }
            }
            serde_json::Value::Null if !path.ends_with("payback_years") => {
                return Err(format!("{path} is null (a non-finite number)"));
            }
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    walk(&format!("{path}.{k}"), v)?;
                }
            }
            serde_json::Value::Array(a) => {
                for v in a {
                    walk(path, v)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
    walk("", &v).map_err(|e| TestCaseError::fail(format!("{e} for {:?}", short(query))))?;
    // The scenario read from the query writes back to a query that reads the same.
    let s = parse_query(query).scenario;
    let again = parse_query(&to_query(&s));
    prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    prop_assert_eq!(again.scenario, s);
    Ok(())
}

fn short(q: &str) -> String {
    q.chars().take(120).collect()
}

/// Values a hostile link might carry.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("0".to_string()),
        Just("-0".to_string()),
        Just("-1".to_string()),
        Just("".to_string()),
        Just("max".to_string()),
        Just("%ff%fe%00".to_string()),
        Just("%".to_string()),
        Just("%%%41".to_string()),
        Just("1e-400".to_string()),
        Just("0x10".to_string()),
        (-1e9f64..1e9).prop_map(|x| x.to_string()),
        (0.0f64..10.0).prop_map(|x| x.to_string()),
        (0u32..100_000).prop_map(|x| x.to_string()),
        "[a-z0-9%.+-]{0,12}",
        "\\PC{0,8}",
        (1usize..20_000).prop_map(|n| "9".repeat(n)),
        invalid_utf8(),
    ]
}

/// Percent escapes that decode to bytes that are not UTF-8: truncated sequences, lone
/// continuation bytes, overlong forms, surrogates and bytes that never occur, mixed with text.
const INVALID_UTF8: [&str; 9] = [
    "%C3",
    "%E2%82",
    "%F0%9F%98",
    "%80",
    "%BF%BF",
    "%C0%AF",
    "%ED%A0%80",
    "%FE",
    "%FF",
];

fn invalid_utf8() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(INVALID_UTF8.to_vec()).prop_map(String::from),
        (0x80u8..=0xFF).prop_map(|b| format!("%{b:02X}")),
        "[a-z0-9.]{0,3}",
    ];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.concat())
}

fn key() -> impl Strategy<Value = String> {
    let mut keys: Vec<String> = PARAMS.iter().map(|p| p.key.to_string()).collect();
    keys.extend(
        [
            "gpu",
            "model",
            "precision",
            "v",
            "lang",
            "embed",
            "view",
            "bench",
            "b",
            "b.gpu",
            "b.grid",
            "b.power_mw",
        ]
        .map(String::from),
    );
    prop_oneof![
        8 => prop::sample::select(keys),
        1 => "[a-z_]{0,10}",
        1 => "\\PC{0,6}",
        1 => invalid_utf8(),
    ]
}

fn ids() -> impl Strategy<Value = String> {
    let c = catalogue();
    let mut v: Vec<String> = c.gpus.iter().map(|g| format!("gpu={}", g.id)).collect();
    v.extend(c.models.iter().map(|m| format!("model={}", m.id)));
    v.extend(
        ["fp32", "fp16", "bf16", "fp8", "fp4", "FP8", "fp3"].map(|p| format!("precision={p}")),
    );
    prop::sample::select(v)
}

fn query() -> impl Strategy<Value = String> {
    let pair = prop_oneof![
        3 => (key(), value()).prop_map(|(k, v)| format!("{k}={v}")),
        2 => ids(),
        1 => key(),
        1 => Just("=".to_string()),
        1 => Just("&&".to_string()),
    ];
    prop::collection::vec(pair, 0..12).prop_map(|pairs| pairs.join("&"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn any_query_gives_a_displayable_outcome(q in query()) {
        assert_displayable(&q)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Arbitrary bytes, including invalid UTF-8 once percent-decoded.
    #[test]
    fn arbitrary_text_never_panics(q in "\\PC{0,300}") {
        assert_displayable(&q)?;
    }
}

#[test]
fn every_chip_model_and_precision_together_is_displayable() {
    let c = catalogue();
    for g in &c.gpus {
        for m in &c.models {
            for p in ["fp32", "fp16", "bf16", "fp8", "fp4"] {
                for extra in [
                    "",
                    "&gpus=1&batch=1",
                    "&tps_user=1000&prompt=131072&output=65536",
                    "&power_mw=0.001",
                ] {
                    let q = format!("gpu={}&model={}&precision={p}{extra}", g.id, m.id);
                    assert_displayable(&q).unwrap_or_else(|e| panic!("{q}: {e}"));
                }
            }
        }
    }
}

#[test]
fn a_twenty_kilobyte_link_is_ignored_with_a_warning() {
    let q = format!("gpu={}&pue=1.2", "x".repeat(20_000));
    let p = parse_query(&q);
    assert_eq!(p.scenario.pue, 1.2);
    assert!(
        p.warnings
            .iter()
            .any(|w| matches!(w, Notice::ValueTooLong { key, .. } if key == "gpu")),
        "{:?}",
        p.warnings
    );
    assert!(
        p.warnings.iter().all(|w| w.to_string().len() < 200),
        "warnings stay short"
    );
}

/// Every invalid UTF-8 escape, as a value of every key and as a key: decoded to U+FFFD, never
/// a panic, and a notice that names the key (or the ignored key) for every one of them.
#[test]
fn invalid_utf8_escapes_are_replaced_and_reported() {
    use fabrik::scenario::percent_decode;
    let mut checked = 0;
    for bad in INVALID_UTF8 {
        let decoded = percent_decode(bad);
        assert!(decoded.contains('\u{fffd}'), "{bad} → {decoded:?}");
        for p in PARAMS {
            let q = format!("{}=1{bad}", p.key);
            let parsed = parse_query(&q);
            assert_eq!(parsed.warnings.len(), 1, "{q}: {:?}", parsed.warnings);
            assert!(parsed.warnings[0].to_string().starts_with(p.key), "{q}");
            assert_displayable(&q).expect("displayable");
            checked += 1;
        }
        let q = format!("x{bad}=1");
        let parsed = parse_query(&q);
        assert!(
            matches!(parsed.warnings.as_slice(), [Notice::UnknownKey { key }] if key.contains('\u{fffd}')),
            "{q}: {:?}",
            parsed.warnings
        );
        checked += 1;
    }
    assert_eq!(checked, INVALID_UTF8.len() * (PARAMS.len() + 1));
}
