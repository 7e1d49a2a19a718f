//! The fit by component (native builds: `fabrik-cli calibrate --fit`): stages of a few
//! constants each, fitted with Nelder–Mead to the rows that measure them, from fixed starts.
#![allow(clippy::needless_range_loop)] // simplex arithmetic reads best with indices
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

/// Copies vLLM's fitted costs to the engines without data of their own (TensorRT-LLM's and
/// SGLang's per-layer costs are their own, fitted to InferenceMAX: `tests/inferencemax.rs`).
fn vllm_inherited(c: &mut Catalogue) {
    let Some(v) = engine(c, "vllm").map(|i| c.engines[i].clone()) else {
        return;
    };
    for id in ["sglang", "atom", "trt-llm"] {
        if let Some(i) = engine(c, id) {
            let e = &mut c.engines[i];
            e.step_overhead_us = v.step_overhead_us;
            if id == "atom" {
                e.layer_overhead_us = v.layer_overhead_us;
            }
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
            name: "single-GPU steps (H100, PyTorch loop, Llama 1B and 8B)",
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
                    "pytorch.layer_overhead_us",
                    "pytorch",
                    layer_overhead_us,
                    0.0,
                    200.0,
                    20.0
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
            rows: |r| r.group == "h100-steps" || r.group == "h100-sweep",
            inherit: |_| {},
        },
        Stage {
            name: "PyTorch loop, mixture-of-experts layers (H200, Qwen3-30B-A3B)",
            knobs: vec![engine_knob!(
                "pytorch.moe_layer_overhead_us",
                "pytorch",
                moe_layer_overhead_us,
                0.0,
                500.0,
                50.0
            )],
            rows: |r| r.group == "h200-moe",
            inherit: |_| {},
        },
        Stage {
            name: "vLLM (ML.ENERGY, H100 and B200)",
            knobs: vec![
                engine_knob!("vllm.gemm_factor", "vllm", gemm_factor, 0.3, 1.0, 1.0),
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
                    set: |c, v| chip_efficiency(c, &["b200"], &["fp32", "fp16", "bf16", "fp8"], v),
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
pub fn fit_stages(iterations: usize) -> (Catalogue, Vec<(&'static str, &'static str, f64, f64)>) {
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
