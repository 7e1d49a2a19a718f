//! The URL codec: round trips, only differences written, lenient parsing.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::{Batch, Precision, Scenario};
use fabrik::scenario::{PARAMS, param, parse_query, percent_decode, to_query};

#[test]
fn the_default_scenario_writes_only_the_version() {
    assert_eq!(
        to_query(&Scenario::default()),
        format!("v=1&m={}", catalogue().model_version())
    );
    assert_eq!(parse_query("").scenario, Scenario::default());
    assert_eq!(parse_query("?v=1").scenario, Scenario::default());
}

#[test]
fn a_changed_scenario_round_trips() {
    let s = Scenario {
        gpu: "gb200-nvl72".into(),
        model: "deepseek-r1".into(),
        precision: Precision::Fp4,
        weights: Some(Precision::Fp4),
        kv: Some(Precision::Bf16),
        engine: "sglang".into(),
        gpus_per_replica: 72,
        tp: Some(8),
        ep: Some(8),
        dp_attention: Some(true),
        dp_balance: Some(false),
        mtp: true,
        drafts: Some(2),
        disagg: fabrik::model::Disagg {
            on: true,
            prefill_gpus: Some(16),
            decode_gpus: Some(32),
            prefill_tp: Some(4),
            prefill_ep: Some(4),
        },
        batch: Batch::Interactivity(42.5),
        context_tokens: Some(3000),
        prompt_tokens: 800,
        output_tokens: 3500,
        facility_mw: 1200.0,
        pue: 1.1,
        usd_per_kwh: 0.066,
        utilization: 0.75,
        lifetime_years: 4.0,
        gpu_price_usd: Some(42000.0),
        usd_per_mtok: 0.5,
        grid: "de".into(),
        grid_g_per_kwh: Some(350.0),
    };
    let q = to_query(&s);
    let p = parse_query(&q);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.scenario, s, "{q}");
}

#[test]
fn engine_layout_and_precision_keys_are_read_leniently() {
    let p = parse_query("engine=TRT-LLM&tp=auto&dp_attention=0&weights=fp4&kv=auto");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let s = p.scenario;
    assert_eq!(
        (s.engine.as_str(), s.tp, s.dp_attention, s.weights, s.kv),
        ("trt-llm", None, Some(false), Some(Precision::Fp4), None)
    );
    let p = parse_query("engine=llama.cpp&weights=int3&tp=0");
    let codes: Vec<&str> = p.warnings.iter().map(|n| n.code()).collect();
    assert_eq!(
        codes,
        ["not_in_catalogue", "unknown_precision", "out_of_range"]
    );
    assert_eq!(p.scenario, Scenario::default());
}

#[test]
fn every_preset_round_trips() {
    for preset in &catalogue().presets {
        let s = parse_query(&preset.query).scenario;
        assert_eq!(
            parse_query(&to_query(&s)).scenario,
            s,
            "preset {}",
            preset.id
        );
    }
}

#[test]
fn bad_values_fall_back_to_defaults_with_named_warnings() {
    let p = parse_query("gpu=nope&pue=banana&usd_per_kwh=-1&batch=0&precision=fp3&zzz=1&lang=de");
    assert_eq!(p.scenario, Scenario::default());
    let w: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
    let w = w.join("\n");
    let codes: Vec<&str> = p.warnings.iter().map(|n| n.code()).collect();
    assert_eq!(
        codes,
        [
            "not_in_catalogue",
            "not_a_number",
            "out_of_range",
            "out_of_range",
            "unknown_precision",
            "unknown_key"
        ]
    );
    for needle in [
        "gpu=nope",
        "pue=banana",
        "usd_per_kwh=-1",
        "batch=0",
        "precision=fp3",
        "'zzz'",
    ] {
        assert!(w.contains(needle), "missing warning for {needle}: {w}");
    }
    assert!(!w.contains("lang"), "page keys are not warned about");
    assert_eq!(p.page, vec![("lang".to_string(), "de".to_string())]);
}

#[test]
fn repeated_keys_take_the_last_value_and_batch_max_is_accepted() {
    let p = parse_query("batch=8&batch=max&gpus=2&gpus=4");
    assert_eq!(p.scenario.batch, Batch::Max);
    assert_eq!(p.scenario.gpus_per_replica, 4);
}

#[test]
fn percent_decoding_is_lenient() {
    assert_eq!(percent_decode("a%20b+c"), "a b c");
    assert_eq!(percent_decode("100%"), "100%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    assert_eq!(percent_decode("%ff%fe"), "\u{fffd}\u{fffd}");
    assert_eq!(parse_query("gpu=b%32%300").scenario.gpu, "b200");
}

#[test]
fn non_finite_and_huge_values_are_ignored() {
    for v in ["NaN", "inf", "-inf", "1e308", "-0.5"] {
        let p = parse_query(&format!("pue={v}"));
        assert_eq!(p.scenario.pue, Scenario::default().pue, "{v}");
        assert_eq!(p.warnings.len(), 1, "{v}: {:?}", p.warnings);
    }
    let long = "9".repeat(20_000);
    let p = parse_query(&format!("power_mw={long}"));
    assert_eq!(p.scenario.facility_mw, Scenario::default().facility_mw);
}

#[test]
fn slider_positions_map_back_to_values() {
    // A switch (0 or 1, like dp_attention) has two positions; the rest map back within 1.5 %.
    for spec in PARAMS.iter().filter(|p| (p.max - p.min) / p.step >= 4.0) {
        for pos in [0.0, 250.0, 500.0, 1000.0] {
            let v = spec.from_slider(pos);
            assert!(v >= spec.min && v <= spec.max, "{}: {v}", spec.key);
            let back = spec.to_slider(v);
            assert!(
                (back - pos).abs() <= 15.0,
                "{}: {pos} -> {v} -> {back}",
                spec.key
            );
        }
    }
    assert!(param("output").is_some() && param("nope").is_none());
}

/// The notices' German sentences (as the page shows them) are those written before the
/// notices became typed data.
#[test]
fn notices_read_the_same_in_german() {
    use fabrik::model::evaluate;
    use fabrik::text::Lang;
    let p = parse_query("gpu=nope&pue=banana&usd_per_kwh=-1&zzz=1");
    let de: Vec<String> = p.warnings.iter().map(|n| n.text(Lang::De)).collect();
    assert_eq!(
        de,
        [
            "gpu=nope steht nicht im Katalog: ignoriert",
            "pue=banana ist keine Zahl: ignoriert",
            "usd_per_kwh=-1 liegt außerhalb von [0, 1]: ignoriert",
            "unbekannter Schlüssel 'zzz': ignoriert",
        ]
    );
    let o = evaluate(
        &parse_query("gpu=h100-sxm&model=llama-3.1-405b&precision=fp4&gpus=1&batch=100000")
            .scenario,
    );
    let de: Vec<String> = o.warnings.iter().map(|n| n.text(Lang::De)).collect();
    assert_eq!(de.len(), 2, "{de:?}");
    assert_eq!(
        de[0],
        "H100 rechnet nicht in fp4: gerechnet wird in bf16, die Gewichte bleiben in fp4 gespeichert"
    );
    assert!(
        de[1].starts_with("Llama 405B in fp4 braucht ")
            && de[1].contains(
                " GB für die Gewichte: 1 GPU(s) mit 80 GB reichen nicht, verwendet werden "
            ),
        "{}",
        de[1]
    );
}

#[test]
fn a_comparison_carries_b_as_its_differences() {
    use fabrik::scenario::to_query_compare;
    let a = parse_query("gpu=b200&precision=fp4&tp=4&grid=de").scenario;
    let mut b = a.clone();
    b.gpu = "h100-sxm".into();
    b.precision = Precision::Fp8;
    b.tp = None;
    b.batch = Batch::Max;
    b.grid_g_per_kwh = Some(120.0);
    let q = to_query_compare(&a, &b);
    assert!(q.contains("&b.gpu=h100-sxm"), "{q}");
    assert!(
        q.contains("&b.tp=auto") && q.contains("&b.batch=max"),
        "{q}"
    );
    assert!(q.contains("&b.grid=120"), "{q}");
    let p = parse_query(&q);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.scenario, a, "{q}");
    assert_eq!(p.b.as_ref(), Some(&b), "{q}");
    // Back from B to A's named grid and speed per user.
    let q = to_query_compare(&b, &a);
    let p = parse_query(&q);
    assert_eq!((p.scenario, p.b), (b, Some(a.clone())), "{q}");
    // B equal to A still says it is a comparison; a plain link has no B.
    let q = to_query_compare(&a, &a);
    assert!(q.ends_with("&b=1"), "{q}");
    assert_eq!(parse_query(&q).b, Some(a.clone()));
    assert_eq!(parse_query(&to_query(&a)).b, None);
}

#[test]
fn a_bad_b_value_gets_the_same_notice_said_for_b() {
    use fabrik::model::Notice;
    use fabrik::text::Lang;
    let p = parse_query("gpu=b200&b.gpu=z9000&b.output=0&b.lang=de&b.b.gpu=a100-sxm");
    let codes: Vec<&str> = p.warnings.iter().map(Notice::code).collect();
    assert_eq!(
        codes,
        [
            "not_in_catalogue",
            "out_of_range",
            "unknown_key",
            "unknown_key"
        ]
    );
    assert!(p.warnings.iter().all(|w| matches!(w, Notice::ForB(_))));
    assert_eq!(
        p.warnings[0].text(Lang::En),
        "Scenario B: gpu=z9000 is not in the catalogue: ignored"
    );
    assert!(
        p.warnings[0]
            .text(Lang::De)
            .starts_with("Szenario B: gpu=z9000")
    );
    // B keeps A's values where its own are bad.
    assert_eq!(p.b.map(|b| b.gpu), Some("b200".to_string()));
}
