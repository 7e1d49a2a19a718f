//! The model against measurements, by group of rows (`fabrik-cli calibrate` prints the same
//! tables), and the fit's reproducibility.
//!
//! Bounds (issue "Model 2: step physics"), with `e = model/measured − 1`:
//! - the H100 steps (`shared/data/h100-measured.csv`): tokens/s and board power each within 5 %;
//! - MLPerf dense rows (the model picks the layout of the measured 8-GPU server): median |e|
//!   ≤ 15 %, max ≤ 35 %;
//! - ML.ENERGY (all 97 configurations, dense and MoE): median |e| ≤ 15 % for GPU J per output
//!   token and for output tokens/s per GPU; dense rows max ≤ 40 % on each (the largest, 34 %:
//!   B200 Llama-70B at 2,048 sequences, past the model's KV memory). MoE rows are the next
//!   model's (issue "Model 3");
//! - fabrik's own sweep of the same PyTorch loop (Llama 1B and 8B, batch 1–256, context 1k–4k,
//!   `tools/measure/results/*3.csv`): fitted on the H100, held out on the H200, where the issue
//!   aims at tokens/s within 10 % and J/token within 15 % (median): median |e| ≤ 10 % on
//!   tokens/s and on power, max ≤ 20 % on tokens/s; Llama 1B at batch 1 within 10 % on both.
//!
//! Rows marked `limitation` (setups the model does not represent; see their `note`) are
//! printed, not bounded.

#![cfg(not(target_arch = "wasm32"))]

use fabrik::calibration::{Comparison, compare, fit_stages, stages};
use fabrik::data::catalogue;
use fabrik::model::step::Physics;

fn errors(cmp: &[Comparison], pick: impl Fn(&Comparison) -> bool) -> (f64, f64, usize) {
    let mut e: Vec<f64> = cmp
        .iter()
        .filter(|c| pick(c))
        .map(|c| (c.ratio - 1.0).abs())
        .collect();
    assert!(e.iter().all(|x| x.is_finite()), "a row has no finite value");
    e.sort_by(f64::total_cmp);
    let n = e.len();
    let median = if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        e[n / 2]
    } else {
        0.5 * (e[n / 2 - 1] + e[n / 2])
    };
    (median, e.last().copied().unwrap_or(f64::NAN), n)
}

/// `errors` of a group's tokens/s rows and of its power rows.
fn speed_and_power(cmp: &[Comparison], group: &str) -> [(f64, f64, usize); 2] {
    let power = |c: &Comparison| c.metric.ends_with("power_w");
    [
        errors(cmp, |c| c.group == group && !power(c)),
        errors(cmp, |c| c.group == group && power(c)),
    ]
}

fn cmp() -> Vec<Comparison> {
    let cmp = compare(&Physics::from_catalogue());
    print!("{}", fabrik::calibration::group_table(&cmp));
    cmp
}

#[test]
fn h100_steps_within_five_percent() {
    let cmp = cmp();
    let rows: Vec<&Comparison> = cmp.iter().filter(|c| c.group == "h100-steps").collect();
    assert_eq!(rows.len(), 8, "four points, tokens/s and power each");
    for c in rows {
        assert!(
            (c.ratio - 1.0).abs() <= 0.05,
            "{}: model {:.1} vs measured {:.1}",
            c.id,
            c.model,
            c.measured
        );
    }
}

#[test]
fn mlperf_dense_rows_within_bounds() {
    let cmp = cmp();
    let (median, max, n) = errors(&cmp, |c| c.group == "mlperf");
    assert!(n >= 10, "{n} MLPerf rows");
    assert!(median <= 0.15, "median |error| {median:.3}");
    assert!(max <= 0.35, "max |error| {max:.3}");
    // The layout is the model's: every MLPerf query names the server, not a split.
    for r in fabrik::calibration::rows()
        .iter()
        .filter(|r| r.group == "mlperf")
    {
        assert!(!r.query.contains("tp="), "{} forces a layout", r.id);
    }
}

#[test]
fn mlenergy_rows_within_bounds() {
    let cmp = cmp();
    let ml = |c: &Comparison| c.group.starts_with("mlenergy");
    let energy = |c: &Comparison| c.metric.contains("joules");
    let (med_j, _, nj) = errors(&cmp, |c| ml(c) && energy(c));
    let (med_t, _, nt) = errors(&cmp, |c| ml(c) && !energy(c));
    assert_eq!(
        (nj, nt),
        (97, 97),
        "every configuration of mlenergy.csv, both metrics"
    );
    assert!(med_j <= 0.15, "J/token median |error| {med_j:.3}");
    assert!(med_t <= 0.15, "tokens/s median |error| {med_t:.3}");
    let (_, max_j, _) = errors(&cmp, |c| c.group == "mlenergy" && energy(c));
    let (_, max_t, _) = errors(&cmp, |c| c.group == "mlenergy" && !energy(c));
    assert!(max_j <= 0.40, "dense J/token max |error| {max_j:.3}");
    assert!(max_t <= 0.40, "dense tokens/s max |error| {max_t:.3}");
}

/// ML.ENERGY's mixture-of-experts configurations (held out of every fit: DeepSeek-R1 on 8 B200,
/// gpt-oss-120b on one and two H100), read as measured: the layout, and the KV cache in bf16,
/// vLLM's `auto` for these fp8 and MXFP4 checkpoints (`tools/calibration/rows.py` says where
/// the configurations say so), which `engine=vllm` keeps by default since model 2027.10, so
/// the queries need no `kv=`. With model 2027.05: J/token median |error| 17 % (max 42 %),
/// tokens/s 24 % (max 74 %); before the cache was read as measured, 29 % (47 %) and 28 %
/// (185 %). Held here so that they cannot grow; the 15 % and 40 % are not met.
#[test]
fn mlenergy_moe_rows_do_not_get_worse() {
    let cmp = cmp();
    let moe = |c: &Comparison| c.group == "mlenergy-moe";
    let energy = |c: &Comparison| c.metric.contains("joules");
    let (med_j, max_j, nj) = errors(&cmp, |c| moe(c) && energy(c));
    let (med_t, max_t, nt) = errors(&cmp, |c| moe(c) && !energy(c));
    assert_eq!((nj, nt), (23, 23));
    assert!(
        cmp.iter().filter(|c| moe(c)).all(|c| c.split == "holdout"),
        "held out of every fit"
    );
    assert!(
        med_j <= 0.20 && max_j <= 0.45,
        "J/token {med_j:.3} {max_j:.3}"
    );
    assert!(
        med_t <= 0.27 && max_t <= 0.80,
        "tokens/s {med_t:.3} {max_t:.3}"
    );
}

/// The loop's mixture-of-experts decode (Qwen3 30B-A3B, batch 1–256): its routing cost per
/// expert layer fitted on four batch sizes of the H200's run; the other three, and the H100's
/// run (batch 1–64), held out. Its expert GEMMs stream as measured on both chips
/// (`engines.json`: full rate, at most 23.3 GB/s per SM).
#[test]
fn pytorch_loop_moe_decode_holds_on_both_chips() {
    let cmp = cmp();
    for group in ["h200-moe", "h100-moe"] {
        let [(med_t, max_t, n), (med_p, max_p, _)] = speed_and_power(&cmp, group);
        println!("{group}: tokens/s median {med_t:.3} max {max_t:.3}; power {med_p:.3} {max_p:.3}");
        assert!(n >= 5, "{n} {group} rows");
        assert!(
            med_t <= 0.10 && max_t <= 0.15,
            "{group} tokens/s {med_t:.3} {max_t:.3}"
        );
        assert!(
            med_p <= 0.10 && max_p <= 0.15,
            "{group} power {med_p:.3} {max_p:.3}"
        );
    }
    assert!(
        cmp.iter()
            .filter(|c| c.group == "h100-moe")
            .all(|c| c.split == "holdout")
    );
}

#[test]
fn pytorch_loop_sweep_holds_on_the_chip_it_was_not_fitted_to() {
    let cmp = cmp();
    // (group, split, median and max |e| of tokens/s). The H100's max is its 1B prefill of one
    // 1,024-token prompt (+25 %): the harness prefills eagerly, and 16 layers of small
    // kernels launched one by one from Python leave the GPU waiting (604 W, not capped).
    for (group, split, med, max) in [
        ("h100-sweep", "fit", 0.05, 0.30),
        ("h200-steps", "holdout", 0.10, 0.20),
    ] {
        let rows = |c: &Comparison| c.group == group;
        assert!(cmp.iter().filter(|c| rows(c)).all(|c| c.split == split));
        let [(med_t, max_t, n), (med_p, _, _)] = speed_and_power(&cmp, group);
        println!("{group}: tokens/s median {med_t:.3} max {max_t:.3}; power median {med_p:.3}");
        assert!(n >= 29, "{n} {group} rows");
        assert!(
            med_t <= med && max_t <= max,
            "{group} tokens/s {med_t:.3} {max_t:.3}"
        );
        assert!(med_p <= 0.10, "{group} power median |error| {med_p:.3}");
        // The diagnosis: a 1B model at batch 1 is set by fixed costs, not bandwidth.
        let b1 = cmp
            .iter()
            .find(|c| rows(c) && c.id.ends_with("-1b-bf16-decode-b1-c1024"))
            .unwrap();
        assert!((b1.ratio - 1.0).abs() <= 0.10, "{}: {:.3}", b1.id, b1.ratio);
    }
}

#[test]
fn recorded_constants_are_the_fit() {
    // The fit starts from fixed values, so it gives the same constants whatever the catalogue
    // holds; the recorded ones must be what it gives.
    let (_, report) = fit_stages(400);
    assert_eq!(
        report.len(),
        stages().iter().map(|s| s.knobs.len()).sum::<usize>()
    );
    for (stage, knob, recorded, fitted) in report {
        let tol = 0.005 * recorded.abs().max(1.0);
        assert!(
            (recorded - fitted).abs() <= tol,
            "{stage}: {knob} is {recorded} in the catalogue, the fit gives {fitted}: record it"
        );
    }
    // Every fitted constant says so in its source.
    let c = catalogue();
    for name in ["eta_mem", "tensor_power_ratio"] {
        assert!(
            c.constants[name].source.starts_with("FITTED"),
            "{name}: {}",
            c.constants[name].source
        );
    }
}

/// The 25× claim card says that where the model's GB200-over-H100 ratio exceeds NVIDIA's,
/// MLPerf's Blackwell servers at their largest batches "make less than half of the model's
/// figure" (`words::claims::iso_answer`): MLPerf v5.1's DeepSeek-R1 Offline rows on B200 and
/// GB200 NVL72 (model 2027.12: 2.1× and 2.5×; a third up to 2027.11). If the model comes to
/// match them, the sentence must change.
#[test]
fn mlperf_blackwell_deepseek_is_less_than_half_of_the_model() {
    let cmp = fabrik::calibration::compare(&Physics::from_catalogue());
    for id in ["mlperf51-b200-dsr1-offline", "mlperf51-gb200-dsr1-offline"] {
        let c = cmp.iter().find(|c| c.id == id).unwrap();
        let ratio = c.model / c.measured;
        assert!(
            (2.0..=4.0).contains(&ratio),
            "{id}: the model makes {ratio:.2}× the measured throughput"
        );
    }
}

#[test]
fn deepseeks_published_decode_rate_holds_with_experts_across_nodes() {
    // DeepSeek's own production figure (open-infra-index, February 2025): 1,850 output tokens/s
    // per H800 while decoding, experts over 144 GPUs of 18 nodes. Held out of every fit; the
    // model's decode step at that load is within a quarter of it (0.94 in model 2028.01; 0.03
    // before instances could span nodes).
    let cmp = compare(&Physics::from_catalogue());
    let row = cmp
        .iter()
        .find(|c| c.id == "deepseek-h800-ep144-decode")
        .expect("the DeepSeek row is in calibration.json");
    assert_eq!(row.split, "holdout");
    assert!(
        (0.8..=1.25).contains(&row.ratio),
        "model ÷ DeepSeek = {:.3}",
        row.ratio
    );
}
