//! Calibration: the model against published measurements, and the fit of its few physical
//! constants (`data/calibration.json`, `data/constants.json`).
//!
//! Only rows marked `fit` inform the constants; `holdout` rows show how the model generalises.
//! The fit is by component ([`stages`]): each stage fits a few constants, each of one physical
//! meaning, to the rows that measure them (single-GPU steps for bandwidth, overheads and
//! power; ML.ENERGY's vLLM rows for vLLM's costs; one MLPerf row per chip for its GEMM
//! efficiency), minimising `Σ ln(model/measured)²` with Nelder–Mead within physical bounds.
//! Measured constants (energy per byte, the clock exponent, Hopper's GEMM efficiency) are not
//! fitted. Errors are reported per group of rows ([`group_errors`]).

use crate::model::step::Physics;
use crate::scenario::parse_query;
use serde::{Deserialize, Serialize};

/// One published measurement and the query that reproduces its setup.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Row {
    pub id: String,
    pub source: String,
    pub query: String,
    /// Output field compared, e.g. `decode.tokens_per_s_per_gpu`.
    pub metric: String,
    pub measured: f64,
    /// `fit`, `holdout`, or `limitation` (see `note`).
    pub split: String,
    /// What the row measures, for the per-group error table: `h100-steps` and `h200-steps`
    /// (single-GPU decode and prefill steps), `mlperf` (dense MLPerf serving), `mlenergy`
    /// (ML.ENERGY's vLLM energy and throughput), `mlenergy-moe` and `moe` (mixture-of-experts
    /// serving: the next model's work).
    #[serde(default)]
    pub group: String,
    /// Replica sizes the measurement swept (it reports the best): the model takes the best
    /// of these too. Empty: the query's own `gpus`.
    #[serde(default)]
    pub sweep_gpus: Vec<u32>,
    /// Why a row is marked `limitation` (a setup the model cannot represent; shown, not bounded).
    /// Empty in the wasm build (the page does not show it; see build.rs).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
struct File {
    rows: Vec<Row>,
}

/// The calibration rows embedded from `data/calibration.json`: parsed with serde in native
/// builds, built by code generated from the same file (build.rs) in the browser build.
pub fn rows() -> Vec<Row> {
    if cfg!(target_arch = "wasm32") {
        generated_rows()
    } else {
        parsed_rows()
    }
}

/// `data/calibration.json` parsed with serde (empty if it were malformed; tests rule it out).
pub fn parsed_rows() -> Vec<Row> {
    serde_json::from_str::<File>(include_str!("data/calibration.json"))
        .map(|f| f.rows)
        .unwrap_or_default()
}

/// The static table build.rs generates from [`Row`]'s declaration and
/// `data/calibration.json`: a row type (`CalibrationRow`), the table (`ROWS`) and `rows()`.
mod generated {
    use super::*;

    include!(concat!(env!("OUT_DIR"), "/calibration_rows.rs"));
}

/// The rows from the static table build.rs generated from `data/calibration.json` (what the
/// browser build uses; `tests/catalogue.rs` checks they equal [`parsed_rows`]).
pub fn generated_rows() -> Vec<Row> {
    generated::rows()
}

/// Picks a metric (`section.field`) out of an outcome; `None` for an unknown name.
pub fn metric(out: &crate::model::Outcome, name: &str) -> Option<f64> {
    Some(match name {
        "decode.tokens_per_s_per_gpu" => out.decode.tokens_per_s_per_gpu,
        "decode.gpu_power_w" => out.decode.gpu_power_w,
        "decode.gpu_joules_per_token" => out.decode.gpu_joules_per_token,
        "prefill.tokens_per_s_per_gpu" => out.prefill.tokens_per_s_per_gpu,
        "prefill.gpu_power_w" => out.prefill.gpu_power_w,
        "serving.output_tokens_per_s_per_gpu" => out.serving.output_tokens_per_s_per_gpu,
        "serving.total_tokens_per_s_per_gpu" => out.serving.total_tokens_per_s_per_gpu,
        "serving.gpu_joules_per_output_token" => out.serving.gpu_joules_per_output_token,
        _ => return None,
    })
}

/// Model value for a row under the given constants.
pub fn predict(row: &Row, physics: &Physics) -> f64 {
    let one = |q: &str| {
        let parsed = parse_query(q);
        let out = crate::model::evaluate_with(&parsed.scenario, physics);
        metric(&out, &row.metric).unwrap_or(f64::NAN)
    };
    if row.sweep_gpus.is_empty() {
        return one(&row.query);
    }
    row.sweep_gpus
        .iter()
        .map(|g| one(&format!("{}&gpus={g}", row.query)))
        .fold(f64::NAN, f64::max)
}

/// A row with the model's value beside the measurement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub id: String,
    pub split: String,
    pub group: String,
    pub metric: String,
    pub measured: f64,
    pub model: f64,
    /// model / measured.
    pub ratio: f64,
    pub source: String,
}

/// Every row compared under the given constants.
pub fn compare(physics: &Physics) -> Vec<Comparison> {
    rows()
        .into_iter()
        .map(|r| {
            let model = predict(&r, physics);
            Comparison {
                ratio: model / r.measured,
                id: r.id,
                split: r.split,
                group: r.group,
                metric: r.metric,
                measured: r.measured,
                model,
                source: r.source,
            }
        })
        .collect()
}

/// Root-mean-square of `ln(model/measured)` over a split: the typical error as a log ratio
/// (0.1 ≈ 10 %).
pub fn rms_log_error(cmp: &[Comparison], split: &str) -> f64 {
    let v: Vec<f64> = cmp
        .iter()
        .filter(|c| c.split == split)
        .map(|c| c.ratio.ln().powi(2))
        .collect();
    if v.is_empty() {
        return 0.0;
    }
    (v.iter().sum::<f64>() / v.len() as f64).sqrt()
}

/// The range of model ÷ measured over a split: `(smallest, largest)` ratio, and how many rows.
///
/// # Formula
/// `min` and `max` of `ratio` over the rows of `split` (`(NaN, NaN, 0)` for none).
pub fn ratio_range(cmp: &[Comparison], split: &str) -> (f64, f64, usize) {
    cmp.iter()
        .filter(|c| c.split == split && c.ratio.is_finite())
        .fold((f64::NAN, f64::NAN, 0), |(lo, hi, n), c| {
            (lo.min(c.ratio), hi.max(c.ratio), n + 1)
        })
}

/// Errors of one group of rows on one metric.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupError {
    pub group: String,
    pub metric: String,
    /// Rows, and how many of them were fitted.
    pub rows: usize,
    pub fitted: usize,
    /// Median of `model/measured − 1` (signed: positive = the model is optimistic).
    pub median: f64,
    /// Median and largest `|model/measured − 1|`.
    pub median_abs: f64,
    pub max_abs: f64,
}

/// Median of a list (NaN for none).
fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

/// The metric a row compares, in words used by the group table: tokens/s, power or energy.
pub fn metric_kind(metric: &str) -> &'static str {
    if metric.ends_with("gpu_power_w") {
        "power"
    } else if metric.contains("joules") {
        "energy"
    } else {
        "throughput"
    }
}

/// Errors per (group, metric kind), in the order groups first appear.
///
/// # Formula
/// For each group and kind, over its rows `e = model/measured − 1`: signed median, median
/// `|e|` and max `|e|`.
pub fn group_errors(cmp: &[Comparison]) -> Vec<GroupError> {
    let mut keys: Vec<(String, &'static str)> = Vec::new();
    for c in cmp {
        let k = (c.group.clone(), metric_kind(&c.metric));
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|(group, kind)| {
            let of: Vec<&Comparison> = cmp
                .iter()
                .filter(|c| c.group == group && metric_kind(&c.metric) == kind)
                .collect();
            let e: Vec<f64> = of.iter().map(|c| c.ratio - 1.0).collect();
            GroupError {
                rows: of.len(),
                fitted: of.iter().filter(|c| c.split == "fit").count(),
                median: median(e.clone()),
                median_abs: median(e.iter().map(|x| x.abs()).collect()),
                max_abs: e.iter().fold(0.0, |m, x| m.max(x.abs())),
                group,
                metric: kind.to_string(),
            }
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
pub use fit::{Knob, Stage, fit_stages, stages};

/// The fit by component (native builds: `fabrik-cli calibrate --fit`).
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::needless_range_loop)] // simplex arithmetic reads best with indices
mod fit {
    use super::{Row, predict, rows};
    use crate::data::{Catalogue, catalogue, with_catalogue};
    use crate::model::step::Physics;

    /// One fitted constant: where it lives, how to read and set it, and its bounds.
    pub struct Knob {
        pub name: &'static str,
        get: fn(&Catalogue) -> f64,
        set: fn(&mut Catalogue, f64),
        lo: f64,
        hi: f64,
        /// Where the fit starts (fixed, so that the fit is reproducible whatever the
        /// catalogue holds).
        start: f64,
    }

    impl Knob {
        pub fn get(&self, c: &Catalogue) -> f64 {
            (self.get)(c)
        }
    }

    /// A stage: the constants fitted together and the rows that pin them.
    pub struct Stage {
        pub name: &'static str,
        pub knobs: Vec<Knob>,
        /// Rows (by id prefix or group) whose `fit` rows inform this stage.
        pub rows: fn(&Row) -> bool,
        /// After the fit: constants that inherit the fitted ones (engines or chips without
        /// data of their own), set in the same catalogue.
        pub inherit: fn(&mut Catalogue),
    }

    fn constant(c: &mut Catalogue, name: &str, v: f64) {
        if let Some(k) = c.constants.get_mut(name) {
            k.value = v;
        }
    }

    fn engine(c: &mut Catalogue, id: &str) -> Option<usize> {
        c.engines.iter().position(|e| e.id == id)
    }

    /// Sets the GEMM efficiency of the chips `ids` at the precisions `precs` they support
    /// (all precisions: `&[]`).
    fn chip_efficiency(c: &mut Catalogue, ids: &[&str], precs: &[&str], v: f64) {
        for g in c.gpus.iter_mut().filter(|g| ids.contains(&g.id.as_str())) {
            let e = &mut g.gemm_efficiency;
            for (name, p) in [
                ("fp32", &mut e.fp32),
                ("fp16", &mut e.fp16),
                ("bf16", &mut e.bf16),
                ("fp8", &mut e.fp8),
                ("fp4", &mut e.fp4),
            ] {
                if p.is_some() && (precs.is_empty() || precs.contains(&name)) {
                    *p = Some(v);
                }
            }
        }
    }

    fn chip_get(c: &Catalogue, id: &str, prec: &str) -> f64 {
        let Some(g) = c.gpu(id) else { return f64::NAN };
        let e = &g.gemm_efficiency;
        match prec {
            "fp4" => e.fp4,
            "fp8" => e.fp8,
            _ => e.bf16,
        }
        .unwrap_or(f64::NAN)
    }

    macro_rules! engine_knob {
        ($name:expr, $id:expr, $field:ident, $lo:expr, $hi:expr, $start:expr) => {
            Knob {
                name: $name,
                get: |c| c.engine($id).map_or(f64::NAN, |e| e.$field),
                set: |c, v| {
                    if let Some(i) = engine(c, $id) {
                        c.engines[i].$field = v
                    }
                },
                lo: $lo,
                hi: $hi,
                start: $start,
            }
        };
    }

    /// Copies vLLM's fitted costs to the engines without data of their own.
    fn vllm_inherited(c: &mut Catalogue) {
        let Some(v) = engine(c, "vllm").map(|i| c.engines[i].clone()) else {
            return;
        };
        for id in ["sglang", "atom", "trt-llm"] {
            if let Some(i) = engine(c, id) {
                let e = &mut c.engines[i];
                e.step_overhead_us = v.step_overhead_us;
                e.layer_overhead_us = v.layer_overhead_us;
                e.kv_extra_pj_per_byte = v.kv_extra_pj_per_byte;
                e.attention_bandwidth = v.attention_bandwidth;
                if id != "trt-llm" {
                    e.gemm_factor = v.gemm_factor;
                }
            }
        }
    }

    /// The stages, in order (later stages see earlier stages' results).
    pub fn stages() -> Vec<Stage> {
        vec![
            Stage {
                name: "single-GPU steps (H100, PyTorch loop)",
                knobs: vec![
                    Knob {
                        name: "eta_mem",
                        get: |c| c.constant("eta_mem"),
                        set: |c, v| constant(c, "eta_mem", v),
                        lo: 0.5,
                        hi: 0.92,
                        start: 0.75,
                    },
                    Knob {
                        name: "tensor_power_ratio",
                        get: |c| c.constant("tensor_power_ratio"),
                        set: |c, v| constant(c, "tensor_power_ratio", v),
                        lo: 1.0,
                        hi: 3.0,
                        start: 1.75,
                    },
                    engine_knob!(
                        "pytorch.step_overhead_us",
                        "pytorch",
                        step_overhead_us,
                        1.0,
                        3000.0,
                        100.0
                    ),
                    engine_knob!(
                        "pytorch.kv_extra_pj_per_byte",
                        "pytorch",
                        kv_extra_pj_per_byte,
                        0.0,
                        400.0,
                        116.0
                    ),
                ],
                rows: |r| r.group == "h100-steps",
                inherit: |_| {},
            },
            Stage {
                name: "vLLM (ML.ENERGY, H100 and B200)",
                knobs: vec![
                    engine_knob!("vllm.gemm_factor", "vllm", gemm_factor, 0.3, 1.0, 1.0),
                    engine_knob!(
                        "vllm.step_overhead_us",
                        "vllm",
                        step_overhead_us,
                        1.0,
                        5000.0,
                        780.0
                    ),
                    engine_knob!(
                        "vllm.layer_overhead_us",
                        "vllm",
                        layer_overhead_us,
                        0.0,
                        100.0,
                        0.0
                    ),
                    engine_knob!(
                        "vllm.kv_extra_pj_per_byte",
                        "vllm",
                        kv_extra_pj_per_byte,
                        0.0,
                        400.0,
                        0.0
                    ),
                    engine_knob!(
                        "vllm.attention_bandwidth",
                        "vllm",
                        attention_bandwidth,
                        0.2,
                        1.0,
                        0.31
                    ),
                ],
                rows: |r| r.group == "mlenergy",
                inherit: vllm_inherited,
            },
            Stage {
                name: "TensorRT-LLM (MLPerf v4.1 and v5.0, 8×H100)",
                knobs: vec![engine_knob!(
                    "trt-llm.gemm_factor",
                    "trt-llm",
                    gemm_factor,
                    0.3,
                    1.0,
                    1.0
                )],
                rows: |r| r.group == "mlperf" && r.query.contains("gpu=h100"),
                inherit: |_| {},
            },
            Stage {
                name: "Blackwell GEMM efficiency (ML.ENERGY bf16, MLPerf v4.1 fp4: B200)",
                knobs: vec![
                    Knob {
                        name: "b200.gemm_efficiency.bf16",
                        get: |c| chip_get(c, "b200", "bf16"),
                        set: |c, v| {
                            chip_efficiency(c, &["b200"], &["fp32", "fp16", "bf16", "fp8"], v)
                        },
                        lo: 0.2,
                        hi: 1.0,
                        start: 0.82,
                    },
                    Knob {
                        name: "b200.gemm_efficiency.fp4",
                        get: |c| chip_get(c, "b200", "fp4"),
                        set: |c, v| chip_efficiency(c, &["b200"], &["fp4"], v),
                        lo: 0.2,
                        hi: 1.0,
                        start: 0.82,
                    },
                ],
                rows: |r| {
                    r.query.contains("gpu=b200") && (r.group == "mlperf" || r.group == "mlenergy")
                },
                inherit: |c| {
                    let others = ["gb200-nvl72", "b300", "gb300-nvl72", "rubin-nvl144"];
                    let (b, f) = (chip_get(c, "b200", "bf16"), chip_get(c, "b200", "fp4"));
                    chip_efficiency(c, &others, &["fp32", "fp16", "bf16", "fp8"], b);
                    chip_efficiency(c, &others, &["fp4"], f);
                },
            },
            Stage {
                name: "CDNA 3 GEMM efficiency (MLPerf v4.1 and v5.1, MI300X)",
                knobs: vec![Knob {
                    name: "mi300x.gemm_efficiency",
                    get: |c| chip_get(c, "mi300x", "fp8"),
                    set: |c, v| chip_efficiency(c, &["mi300x"], &[], v),
                    lo: 0.2,
                    hi: 1.0,
                    start: 0.82,
                }],
                rows: |r| r.group == "mlperf" && r.query.contains("gpu=mi300x"),
                inherit: |c| {
                    let v = chip_get(c, "mi300x", "fp8");
                    chip_efficiency(c, &["mi325x"], &[], v);
                },
            },
            Stage {
                name: "CDNA 4 GEMM efficiency (MLPerf v5.1, MI355X)",
                knobs: vec![Knob {
                    name: "mi355x.gemm_efficiency",
                    get: |c| chip_get(c, "mi355x", "fp4"),
                    set: |c, v| chip_efficiency(c, &["mi355x"], &[], v),
                    lo: 0.2,
                    hi: 1.0,
                    start: 0.82,
                }],
                rows: |r| r.group == "mlperf" && r.query.contains("gpu=mi355x"),
                inherit: |_| {},
            },
        ]
    }

    /// A copy of the catalogue without its source texts (light enough to leak one per
    /// candidate of the fit).
    fn light(c: &Catalogue) -> Catalogue {
        let mut c = c.clone();
        for g in &mut c.gpus {
            g.sources.clear();
            g.notes.clear();
        }
        for e in &mut c.engines {
            e.sources.clear();
        }
        for m in &mut c.models {
            m.sources.clear();
        }
        for k in c.constants.values_mut() {
            k.source.clear();
        }
        c.sites.clear();
        c
    }

    /// `Σ ln(model/measured)²` over `rows` with the catalogue `c`.
    fn loss(c: &Catalogue, rows: &[&Row]) -> f64 {
        let c: &'static Catalogue = Box::leak(Box::new(c.clone()));
        with_catalogue(c, || {
            let ph = Physics::from_catalogue();
            rows.iter()
                .map(|r| {
                    let e = (predict(r, &ph) / r.measured).ln();
                    if e.is_finite() { e * e } else { 1e6 }
                })
                .sum()
        })
    }

    /// Fits every stage in order, twice, from fixed starting values; returns the fitted
    /// catalogue (without source texts) and `(stage, knob, recorded, fitted)` for each
    /// constant (`recorded`: what the embedded catalogue holds).
    pub fn fit_stages(
        iterations: usize,
    ) -> (Catalogue, Vec<(&'static str, &'static str, f64, f64)>) {
        let all = rows();
        let embedded = light(catalogue());
        let mut cat = embedded.clone();
        let stages = stages();
        // Every constant at its fixed start, inherited ones too: the fit does not depend on
        // what the catalogue holds.
        for st in &stages {
            for k in &st.knobs {
                (k.set)(&mut cat, k.start);
            }
            (st.inherit)(&mut cat);
        }
        let mut report = Vec::new();
        // Two passes: a stage's rows may depend on a later stage's constants (vLLM's B200 rows
        // on B200's GEMM efficiency); the second pass starts from the first one's results.
        for pass in 0..2 {
            for st in &stages {
                let rs: Vec<&Row> = all
                    .iter()
                    .filter(|r| r.split == "fit" && (st.rows)(r))
                    .collect();
                let before: Vec<f64> = st.knobs.iter().map(|k| k.get(&embedded)).collect();
                let starts: Vec<f64> = st.knobs.iter().map(|k| k.get(&cat)).collect();
                let n = st.knobs.len();
                // Coordinates: a logistic map of each knob into its bounds, so the simplex is free.
                let to_x = |v: f64, k: &Knob| {
                    let t = ((v - k.lo) / (k.hi - k.lo)).clamp(1e-6, 1.0 - 1e-6);
                    (t / (1.0 - t)).ln()
                };
                let from_x = |x: f64, k: &Knob| k.lo + (k.hi - k.lo) / (1.0 + (-x).exp());
                let with = |x: &[f64]| {
                    let mut c = cat.clone();
                    for (k, xi) in st.knobs.iter().zip(x) {
                        (k.set)(&mut c, from_x(*xi, k));
                    }
                    c
                };
                let f = |x: &[f64]| loss(&with(x), &rs);
                let x0: Vec<f64> = st
                    .knobs
                    .iter()
                    .zip(&starts)
                    .map(|(k, v)| to_x(*v, k))
                    .collect();
                let mut simplex: Vec<(Vec<f64>, f64)> = vec![(x0.clone(), f(&x0))];
                for i in 0..n {
                    let mut x = x0.clone();
                    x[i] += 0.5;
                    let v = f(&x);
                    simplex.push((x, v));
                }
                for _ in 0..iterations {
                    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
                    let mut centroid = vec![0.0; n];
                    for (x, _) in simplex.iter().take(n) {
                        for j in 0..n {
                            centroid[j] += x[j] / n as f64;
                        }
                    }
                    let worst = simplex[n].clone();
                    let along = |t: f64| -> Vec<f64> {
                        (0..n)
                            .map(|j| centroid[j] + t * (worst.0[j] - centroid[j]))
                            .collect()
                    };
                    let xr = along(-1.0);
                    let fr = f(&xr);
                    if fr < simplex[0].1 {
                        let xe = along(-2.0);
                        let fe = f(&xe);
                        simplex[n] = if fe < fr { (xe, fe) } else { (xr, fr) };
                    } else if fr < simplex[n - 1].1 {
                        simplex[n] = (xr, fr);
                    } else {
                        let xc = along(0.5);
                        let fc = f(&xc);
                        if fc < worst.1 {
                            simplex[n] = (xc, fc);
                        } else {
                            let best = simplex[0].0.clone();
                            for s in simplex.iter_mut().skip(1) {
                                for j in 0..n {
                                    s.0[j] = best[j] + 0.5 * (s.0[j] - best[j]);
                                }
                                s.1 = f(&s.0);
                            }
                        }
                    }
                    let spread = simplex
                        .iter()
                        .map(|s| s.1)
                        .fold(f64::NEG_INFINITY, f64::max)
                        - simplex.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
                    if spread < 1e-10 {
                        break;
                    }
                }
                simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
                cat = with(&simplex[0].0);
                (st.inherit)(&mut cat);
                if pass == 1 {
                    for (k, b) in st.knobs.iter().zip(before) {
                        report.push((st.name, k.name, b, k.get(&cat)));
                    }
                }
            }
        }
        (cat, report)
    }
}

/// One InferenceMAX configuration (`tools/calibration/inferencemax.csv`, a copy of
/// `shared/data/inferencemax.csv`: SemiAnalysis's nightly benchmark, Apache-2.0) as the
/// model is asked it, and what was measured.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, PartialEq)]
pub struct ServingRow {
    /// `gpu/model/precision/framework/spec_decoding`.
    pub family: String,
    pub query: String,
    /// Prefill and decode on separate GPU pools (not modelled yet: the query runs one
    /// server of the decode pool's layout).
    pub disaggregated: bool,
    pub speculative: bool,
    pub output_tokens_per_s_per_gpu: f64,
    pub tokens_per_s_per_user: f64,
}

/// The InferenceMAX configurations, with the query mapping of `inferencemax.md`.
///
/// # Formula
/// `gpu, model, precision, engine (trt and dynamo-trt → trt-llm, dynamo-sglang and
/// sglang-disagg → sglang), batch = conc, prompt = isl, output = osl`, then one server's
/// layout `gpus = tp = TP, ep = EP, dp_attention`, or for disaggregated rows the decode
/// worker's; `mtp=1` where the row decodes speculatively.
#[cfg(not(target_arch = "wasm32"))]
pub fn inferencemax_rows() -> Vec<ServingRow> {
    const CSV: &str = include_str!("../tools/calibration/inferencemax.csv");
    let mut lines = CSV.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let mut out = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let get = |name: &str| col(name).and_then(|i| f.get(i)).copied().unwrap_or("");
        let num = |name: &str| get(name).parse::<f64>().unwrap_or(f64::NAN);
        let framework = get("framework");
        let engine = match framework {
            "trt" | "dynamo-trt" => "trt-llm",
            "dynamo-sglang" | "sglang-disagg" => "sglang",
            other => other,
        };
        let disaggregated = get("disagg") == "1";
        let speculative = get("spec_decoding") == "mtp";
        let (tp, ep, dp) = if disaggregated {
            (
                get("decode_tp"),
                get("decode_ep"),
                get("decode_dp_attention"),
            )
        } else {
            (get("tp"), get("ep"), get("dp_attention"))
        };
        let mut query = format!(
            "gpu={}&model={}&precision={}&engine={engine}&batch={}&prompt={}&output={}&gpus={tp}&tp={tp}&ep={ep}&dp_attention={}",
            get("gpu"),
            get("model"),
            get("precision"),
            get("conc"),
            get("isl"),
            get("osl"),
            if dp == "true" { 1 } else { 0 }
        );
        if speculative {
            query.push_str("&mtp=1");
        }
        out.push(ServingRow {
            family: [
                get("gpu"),
                get("model"),
                get("precision"),
                framework,
                get("spec_decoding"),
            ]
            .join("/"),
            query,
            disaggregated,
            speculative,
            output_tokens_per_s_per_gpu: num("output_tok_s_per_gpu"),
            tokens_per_s_per_user: num("median_tok_s_per_user"),
        });
    }
    out
}

/// Per family of InferenceMAX rows: rows, and the signed median and largest |error| of
/// output tokens/s per GPU and of tokens/s per user.
#[cfg(not(target_arch = "wasm32"))]
pub fn inferencemax_errors(physics: &Physics) -> Vec<(String, usize, [f64; 4])> {
    let rows = inferencemax_rows();
    let mut families: Vec<String> = rows.iter().map(|r| r.family.clone()).collect();
    families.sort();
    families.dedup();
    families
        .into_iter()
        .map(|fam| {
            let (mut tps, mut user) = (Vec::new(), Vec::new());
            for r in rows.iter().filter(|r| r.family == fam) {
                let o = crate::model::evaluate_with(&parse_query(&r.query).scenario, physics);
                tps.push(
                    o.serving.output_tokens_per_s_per_gpu / r.output_tokens_per_s_per_gpu - 1.0,
                );
                user.push(o.serving.tokens_per_s_per_user / r.tokens_per_s_per_user - 1.0);
            }
            let max_abs = |v: &[f64]| v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
            let n = tps.len();
            let (mt, xt, mu, xu) = (
                median(tps.clone()),
                max_abs(&tps),
                median(user.clone()),
                max_abs(&user),
            );
            (fam, n, [mt, xt, mu, xu])
        })
        .collect()
}
