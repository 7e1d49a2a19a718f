//! The parameter table (`model::params::PARAMS`) is the only definition of a numeric knob:
//! every row round-trips through the URL codec, has a working slider, and is held to the same
//! range by the codec, by `Param::set` (sliders) and by the model; the README's table and the
//! CLI's listing are generated from it.

#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cli.rs"]
mod cli;

use fabrik::model::params::{PARAMS, Setting};
use fabrik::model::{Notice, Scenario, evaluate};
use fabrik::scenario::{fmt_num, parse_query, to_query};

/// Three values inside each row's range: low end, a middle value on its scale, high end.
fn samples(p: &fabrik::model::params::Param) -> [f64; 3] {
    let mid = if p.log {
        (p.min.max(1e-3) * p.max).sqrt()
    } else {
        0.5 * (p.min + p.max)
    };
    let round = |x: f64| {
        if p.integer {
            x.round()
        } else {
            (x / p.step).round() * p.step
        }
    };
    [round(p.min).max(p.min), round(mid), round(p.max).min(p.max)]
}

#[test]
fn every_key_round_trips_through_the_codec() {
    let mut checked = 0;
    for p in PARAMS {
        for x in samples(p) {
            let q = format!("{}={}", p.key, fmt_num(x));
            let parsed = parse_query(&q);
            assert!(parsed.warnings.is_empty(), "{q}: {:?}", parsed.warnings);
            assert_eq!(p.read(&parsed.scenario), Setting::Num(x), "{q}");
            let again = parse_query(&to_query(&parsed.scenario));
            assert_eq!(again.scenario, parsed.scenario, "{q}");
            checked += 1;
        }
        if let Some(word) = p.word {
            let parsed = parse_query(&format!("{}={word}", p.key));
            assert!(
                parsed.warnings.is_empty(),
                "{}: {:?}",
                p.key,
                parsed.warnings
            );
            let again = parse_query(&to_query(&parsed.scenario));
            assert_eq!(again.scenario, parsed.scenario, "{}={word}", p.key);
            checked += 1;
        }
    }
    let words = PARAMS.iter().filter(|p| p.word.is_some()).count();
    assert_eq!(
        words, 12,
        "batch=max, tp=auto, ep=auto, dp_attention=auto, dp_balance=auto, drafts=auto, the four pools of disagg=1 auto, context=auto, gpu_price_usd=catalogue"
    );
    assert_eq!(
        checked,
        3 * PARAMS.len() + words,
        "every row and word checked"
    );
}

#[test]
fn every_key_has_a_slider_that_maps_back() {
    let mut checked = 0;
    for p in PARAMS {
        assert!(p.min < p.max && p.step > 0.0, "{}", p.key);
        assert!(!p.label.0.is_empty() && !p.label.1.is_empty(), "{}", p.key);
        for pos in [0.0, 250.0, 500.0, 1000.0] {
            let v = p.from_slider(pos);
            assert!(p.accepts(v), "{}: {v}", p.key);
            let mut s = Scenario::default();
            p.set(&mut s, Setting::Num(v));
            assert_eq!(p.value(&s), p.clamp(v), "{} at {pos}", p.key);
            checked += 1;
        }
        assert_eq!(p.to_slider(p.min), 0.0, "{}", p.key);
        assert_eq!(p.to_slider(p.max), 1000.0, "{}", p.key);
    }
    assert_eq!(checked, 4 * PARAMS.len());
}

#[test]
fn one_range_everywhere() {
    let mut checked = 0;
    for p in PARAMS {
        let width = p.max - p.min;
        for outside in [p.min - 0.5 * width - 1.0, p.max + width + 1.0] {
            // The codec refuses it, naming the table's range.
            let q = format!("{}={}", p.key, fmt_num(outside));
            let parsed = parse_query(&q);
            assert!(
                matches!(parsed.warnings.as_slice(), [Notice::OutOfRange { key, min, max, .. }]
                    if *key == p.key && *min == p.min && *max == p.max),
                "{q}: {:?}",
                parsed.warnings
            );
            assert_eq!(parsed.scenario, Scenario::default(), "{q}");
            // A slider (or any caller of set) clamps it to the same range.
            let mut s = Scenario::default();
            p.set(&mut s, Setting::Num(outside));
            assert!(p.accepts(p.value(&s)), "{}: {}", p.key, p.value(&s));
            checked += 1;
        }
    }
    // The model clamps a scenario built in code to the same range, and says so.
    let economic = [
        ("pue", 9.0),
        ("usd_per_kwh", 7.0),
        ("utilization", 2.0),
        ("lifetime_years", 99.0),
        ("power_mw", 1e9),
        ("usd_per_mtok", 1e9),
    ];
    for (key, v) in economic {
        let p = PARAMS.iter().find(|p| p.key == key).expect("row");
        let mut s = Scenario::default();
        match key {
            "pue" => s.pue = v,
            "usd_per_kwh" => s.usd_per_kwh = v,
            "utilization" => s.utilization = v,
            "lifetime_years" => s.lifetime_years = v,
            "power_mw" => s.facility_mw = v,
            _ => s.usd_per_mtok = v,
        }
        let o = evaluate(&s);
        assert!(
            o.warnings.iter().any(
                |w| matches!(w, Notice::Clamped { key: k, min, max, used, .. }
                if *k == key && *min == p.min && *max == p.max && *used == p.max)
            ),
            "{key}: {:?}",
            o.warnings
        );
        checked += 1;
    }
    assert_eq!(checked, 2 * PARAMS.len() + 6);
}

#[test]
fn the_default_scenario_is_the_tables_defaults() {
    let s = Scenario::default();
    for p in PARAMS {
        assert_eq!(p.read(&s), p.default_setting(), "{}", p.key);
    }
    assert_eq!(
        to_query(&s),
        format!("v=1&m={}", fabrik::data::catalogue().model_version())
    );
}

#[test]
fn the_readme_table_is_the_parameter_table() {
    let table = String::from_utf8(cli::cli(&["list", "params", "--markdown"])).expect("utf-8");
    assert_eq!(table.lines().count(), PARAMS.len() + 2);
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&table),
        "README.md's parameter table differs from `fabrik-cli list params --markdown`:\n{table}"
    );
}
