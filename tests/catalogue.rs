//! The catalogues parse, are complete, and every value has a source.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::arch::param_counts;

const GPU_IDS: [&str; 17] = [
    "p100-sxm2",
    "v100-sxm2",
    "a100-sxm",
    "h100-sxm",
    "h800",
    "h20",
    "h200-sxm",
    "b200",
    "gb200-nvl72",
    "b300",
    "gb300-nvl72",
    "rubin-nvl144",
    "mi300x",
    "mi325x",
    "mi355x",
    "ascend-910b",
    "ascend-910c",
];
const MODEL_IDS: [&str; 11] = [
    "llama-3.2-1b",
    "llama-3.1-8b",
    "llama-2-70b",
    "llama-3.1-70b",
    "llama-3.1-405b",
    "qwen3-32b",
    "qwen3-30b-a3b",
    "qwen3-235b-a22b",
    "gpt-oss-120b",
    "deepseek-r1",
    "gpt-moe-1.8t",
];
const GPU_SOURCE_KEYS: [&str; 13] = [
    "year",
    "process",
    "dense_tflops",
    "hbm_gb",
    "hbm_tb_s",
    "tdp_w",
    "idle_w",
    "scale_up_gpus",
    "scale_up_gb_s",
    "scale_out_gb_s",
    "host_w_per_gpu",
    "gpus_per_rack",
    "price_usd",
];

#[test]
fn every_accelerator_is_present_and_sourced() {
    let c = catalogue();
    let ids: Vec<&str> = c.gpus.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, GPU_IDS);
    for g in &c.gpus {
        for k in GPU_SOURCE_KEYS {
            let s = g.sources.get(k).map(String::as_str).unwrap_or("");
            assert!(s.len() > 10, "{}: source for {k} missing", g.id);
        }
        assert!(
            g.hbm_gb > 0.0 && g.hbm_tb_s > 0.0 && g.tdp_w > g.idle_w && g.idle_w > 0.0,
            "{}",
            g.id
        );
        assert!(
            g.scale_up_gpus >= 1 && g.scale_up_gb_s > 0.0 && g.scale_out_gb_s > 0.0,
            "{}",
            g.id
        );
        assert!(
            g.price_usd > 0.0 && g.host_w_per_gpu > 0.0 && g.gpus_per_rack >= 1,
            "{}",
            g.id
        );
        let p = &g.dense_tflops;
        assert!(p.fp16.or(p.bf16).is_some(), "{}: 16-bit peak", g.id);
    }
}

#[test]
fn precision_support_matches_the_hardware() {
    let c = catalogue();
    let g = |id| c.gpu(id).unwrap();
    assert!(
        g("h100-sxm").dense_tflops.fp4.is_none(),
        "Hopper has no FP4"
    );
    assert!(
        g("a100-sxm").dense_tflops.fp8.is_none(),
        "Ampere has no FP8"
    );
    assert!(g("b200").dense_tflops.fp4.is_some());
    assert!(g("p100-sxm2").dense_tflops.bf16.is_none());
    assert!(g("mi300x").dense_tflops.fp4.is_none());
    assert!(g("mi355x").dense_tflops.fp4.is_some());
    // Dense, not sparse: H100 FP8 dense is ~1,979 TFLOP/s (3,958 is the sparse figure).
    let h = g("h100-sxm").dense_tflops.fp8.unwrap();
    assert!((1900.0..2100.0).contains(&h), "H100 FP8 dense {h}");
}

#[test]
fn every_model_is_present_and_its_shape_matches_its_published_size() {
    let c = catalogue();
    let ids: Vec<&str> = c.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, MODEL_IDS);
    for m in &c.models {
        assert!(
            m.sources.get("shape").is_some_and(|s| s.len() > 20),
            "{}",
            m.id
        );
        let pc = param_counts(m);
        let total = pc.total / 1e9;
        assert!(
            (total / m.params_total_b - 1.0).abs() < 0.03,
            "{}: shape gives {total:.1}B, published {}B",
            m.id,
            m.params_total_b
        );
        // Active: matmul parameters exclude the input-embedding lookup.
        let active = (pc.matmul_active
            + if m.tied_embeddings {
                0.0
            } else {
                m.vocab as f64 * m.hidden as f64
            })
            / 1e9;
        // Published "active" counts differ on whether the unembedding counts (OpenAI's 5.1B
        // for gpt-oss leaves it out), hence 12 %.
        assert!(
            (active / m.params_active_b - 1.0).abs() < 0.12,
            "{}: active {active:.1}B vs {}B",
            m.id,
            m.params_active_b
        );
    }
}

#[test]
fn every_constant_has_a_unit_and_a_source() {
    let c = catalogue();
    for name in [
        "eta_mem",
        "hbm_pj_per_byte",
        "tensor_power_ratio",
        "clock_exponent",
        "attention_tile_rows",
        "comm_latency_us",
        "scale_out_latency_us",
        "comm_efficiency",
        "activation_bytes",
        "system_capex_multiplier",
        "facility_capex_usd_per_w",
        "facility_lifetime_years",
        "cost_of_capital",
        "other_opex_fraction",
    ] {
        let k = c
            .constants
            .get(name)
            .unwrap_or_else(|| panic!("constant {name} missing"));
        assert!(k.value.is_finite() && k.value > 0.0, "{name}");
        assert!(!k.unit.is_empty() && k.source.len() > 10, "{name}");
    }
}

#[test]
fn every_engine_value_and_every_chip_efficiency_has_a_source() {
    let c = catalogue();
    assert!(c.engines.len() >= 5);
    for e in &c.engines {
        for field in [
            "gemm_factor",
            "step_overhead_us",
            "layer_overhead_us",
            "kv_extra_pj_per_byte",
            "attention_bandwidth",
            "packs_gqa_on",
            "max_num_seqs",
            "prefill_chunk_tokens",
            "memory_fraction",
            "kv_split_tokens",
        ] {
            let s = e.sources.get(field).map_or("", String::as_str);
            assert!(
                s.len() > 10 && !s.contains("PENDING"),
                "{}.{field}: {s:?}",
                e.id
            );
        }
        assert!(e.gemm_factor > 0.0 && e.gemm_factor <= 1.0, "{}", e.id);
        assert!((0.0..=1.0).contains(&e.memory_fraction), "{}", e.id);
    }
    for g in &c.gpus {
        // An efficiency for every precision the chip has, and no other.
        let (p, e) = (&g.dense_tflops, &g.gemm_efficiency);
        for (has, eff) in [
            (p.fp32, e.fp32),
            (p.fp16, e.fp16),
            (p.bf16, e.bf16),
            (p.fp8, e.fp8),
            (p.fp4, e.fp4),
        ] {
            assert_eq!(has.is_some(), eff.is_some(), "{}", g.id);
            assert!(eff.is_none_or(|x| x > 0.0 && x <= 1.0), "{}", g.id);
        }
        assert!(g.processors > 0, "{}", g.id);
        for field in ["processors", "gemm_efficiency"] {
            let s = g.sources.get(field).map_or("", String::as_str);
            assert!(s.len() > 10 && !s.contains("PENDING"), "{}.{field}", g.id);
        }
    }
}

/// A preset parses and evaluates without a notice: the reader who picks one is not told
/// that it asked for something the model had to change (the China-H20 preset asked for 8
/// GPUs, on which DeepSeek-R1 in FP8 does not fit with data-parallel attention, the only
/// attention layout the layout search tried before model 2028.03).
#[test]
fn presets_parse_and_evaluate_without_warnings() {
    for p in &catalogue().presets {
        let parsed = fabrik::scenario::parse_query(&p.query);
        assert!(
            parsed.warnings.is_empty(),
            "preset {}: {:?}",
            p.id,
            parsed.warnings
        );
        assert!(!p.sources.is_empty(), "preset {} has no source", p.id);
        let o = fabrik::model::evaluate(&parsed.scenario);
        assert!(o.warnings.is_empty(), "preset {}: {:?}", p.id, o.warnings);
    }
}

#[test]
fn the_generated_catalogue_equals_the_parsed_files() {
    // The browser build uses the code build.rs generates from the JSON files (no JSON parser
    // in the wasm); natively both exist, and must agree value for value, sources included.
    use fabrik::data::Catalogue;
    let parsed = Catalogue::from_json().expect("embedded JSON parses");
    let generated = Catalogue::from_generated();
    assert_eq!(generated.gpus, parsed.gpus);
    assert_eq!(generated.engines, parsed.engines);
    assert_eq!(generated.models, parsed.models);
    assert_eq!(generated.presets, parsed.presets);
    assert_eq!(generated.constants, parsed.constants);
    assert_eq!(generated, parsed);
    assert!(generated.gpus.iter().all(|g| !g.sources.is_empty()));
    let rows = fabrik::calibration::parsed_rows();
    assert!(rows.len() > 20);
    assert_eq!(fabrik::calibration::generated_rows(), rows);
}

/// build.rs, compiled here too, so that its generator can be tested on declarations.
#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

/// A chip field is declared once, in `Gpu`: the generated row type, table and conversion of
/// build.rs follow from that line and the values in hardware.json, and a value missing from
/// the file fails the build as it would fail serde.
#[test]
fn a_field_added_to_gpu_reaches_the_generated_table() {
    use build_script::{CATALOGUE, generate};
    let src = [
        include_str!("../src/data/mod.rs"),
        include_str!("../src/data/chips.rs"),
        include_str!("../src/data/models.rs"),
    ]
    .join("\n")
    .replacen(
        "pub struct Gpu {",
        "pub struct Gpu {\n    /// A field added by this test.\n    pub added_by_test: String,",
        1,
    );
    let file: serde_json::Value =
        serde_json::from_str(include_str!("../src/data/hardware.json")).unwrap();
    let mut chip = file[0].clone();
    chip["added_by_test"] = "HBM2".into();
    let hardware = serde_json::Value::Array(vec![chip]);
    let code = generate("src/data/mod.rs", &src, &[(&CATALOGUE[0], &hardware)], &[]);
    for part in [
        "added_by_test: &'static str,",
        "added_by_test: \"HBM2\",",
        "added_by_test: String::from(r.added_by_test),",
    ] {
        assert!(code.contains(part), "{part} not in\n{code}");
    }
    let mut chip = file[0].clone();
    chip.as_object_mut().unwrap().remove("added_by_test");
    let without = serde_json::Value::Array(vec![chip]);
    let missing = std::panic::catch_unwind(|| {
        generate("src/data/mod.rs", &src, &[(&CATALOGUE[0], &without)], &[])
    });
    let message = missing.expect_err("a chip without the new field must fail the build");
    let message = message.downcast_ref::<String>().map_or("", String::as_str);
    assert!(
        message.ends_with("missing field `added_by_test`"),
        "{message}"
    );
}

/// The generator reads declarations as serde does: comments and strings that look like code
/// are skipped, `Option` fields and `#[serde(default)]` ones may be absent, `rename` and an
/// enum's `rename_all = "lowercase"` name the JSON keys; the wasm build's left-out fields are
/// not in the rows and take their default.
#[test]
fn the_generator_follows_serde() {
    use build_script::{Table, generate};
    let src = r#"
        /// Not this one: struct Chip { fake: u8 }
        const DECOY: &str = "struct Chip { fake: u8 }";
        /* nor struct Chip { fake: u8 } */
        const BRACE: char = '{';
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Peak {
            pub fp8: Option<f64>,
        }
        #[derive(Debug, Clone, PartialEq)]
        #[serde(rename_all = "lowercase")]
        pub enum Kind {
            /// A variant with fields.
            Dense { #[serde(default)] window: Option<u32> },
            Sparse,
        }
        /// A chip, with a doc comment holding { braces, commas: and colons }.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Chip {
            pub id: String,
            #[serde(rename = "tdp")]
            pub(crate) tdp_w: u16,
            pub peak: Peak,
            pub kind: Kind,
            pub other: Kind,
            #[serde(default)]
            pub tags: Vec<String>,
            #[serde(default)]
            pub sources: std::collections::BTreeMap<String, String>,
        }
    "#;
    let table = Table {
        file: "chips.json",
        at: Some("chips"),
        ty: "Chip",
        row: "ChipRow",
        name: "CHIPS",
        func: "chips",
        map: false,
    };
    let json = serde_json::json!({"chips": [{
        "id": "x1", "tdp": 700, "peak": {}, "kind": {"dense": {}}, "other": "sparse",
        "sources": {"tdp_w": "datasheet"}, "ignored": 1
    }]});
    let native = generate("chips.rs", src, &[(&table, &json)], &[]);
    for part in [
        "struct ChipRow { id: &'static str, tdp_w: u16, peak: Peak, kind: Kind, other: Kind, \
         tags: &'static [&'static str], sources: &'static [(&'static str, &'static str)], }",
        "ChipRow { id: \"x1\", tdp_w: 700_u16, peak: Peak { fp8: None, }, \
         kind: Kind::Dense { window: None, }, other: Kind::Sparse, tags: &[], \
         sources: &[(\"tdp_w\", \"datasheet\"), ], }",
        "pub(super) fn chips() -> Vec<Chip> { CHIPS.iter().map(from_chip_row).collect() }",
    ] {
        assert!(native.contains(part), "{part} not in\n{native}");
    }
    let slim = generate("chips.rs", src, &[(&table, &json)], &["sources"]);
    assert!(!slim.contains("datasheet"), "{slim}");
    assert!(slim.contains("sources: Default::default(),"), "{slim}");
}

/// Every published checkpoint a model names is sourced and readable: its precisions are ones
/// fabrik knows, its attention is wider than its weights, its vendor is a chip vendor of the
/// catalogue (or `*`), its bits per weight lie between 4 and its precision's bytes, and no two
/// name the same weights and vendor.
#[test]
fn every_checkpoint_is_sourced_and_readable() {
    use fabrik::model::Precision;
    let c = catalogue();
    let mut seen = std::collections::BTreeSet::new();
    let mut n = 0;
    for m in &c.models {
        for k in &m.checkpoints {
            n += 1;
            let w =
                Precision::parse(&k.weights).unwrap_or_else(|| panic!("{}: {}", m.id, k.weights));
            let a = Precision::parse(&k.attention)
                .unwrap_or_else(|| panic!("{}: {}", m.id, k.attention));
            assert!(
                a.bits() > w.bits(),
                "{}: attention {a:?} not wider than {w:?}",
                m.id
            );
            assert!(
                k.vendor == "*" || c.gpus.iter().any(|g| g.vendor == k.vendor),
                "{}: vendor {}",
                m.id,
                k.vendor
            );
            if let Some(b) = k.bits_per_weight {
                assert!(
                    (f64::from(w.bits())..=w.weight_bytes() * 8.0).contains(&b),
                    "{}: {b} bits",
                    m.id
                );
            }
            assert!(
                k.source.contains("https://"),
                "{}: its source gives no address",
                m.id
            );
            assert!(
                seen.insert((&m.id, &k.weights, &k.vendor)),
                "{} twice",
                m.id
            );
        }
    }
    assert!(n >= 3, "{n} checkpoints");
}
