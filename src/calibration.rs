//! Calibration: the model against published measurements, and the fit of its few physical
//! constants (`data/calibration.json`, `data/constants.json`).
//!
//! Only rows marked `fit` inform the constants; `holdout` rows show how the model generalises.
//! The fit minimises the sum of squared log errors, `Σ ln(model/measured)²`, over six
//! constants (two efficiencies, one overhead, three power-model constants) with Nelder–Mead.
//! Efficiencies are capped at 0.92 (memory) and 0.9 (compute): no kernel reaches the
//! datasheet peak. The per-layer overhead is capped at 30 µs (about six kernel launches of
//! ~5 µs): without the caps the fit trades bandwidth against overhead to absorb MoE losses.

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

/// Constants ↔ vector of the fit (logs of positive constants).
fn to_vec(p: &Physics) -> [f64; 6] {
    [
        p.eta_mem.ln(),
        p.eta_compute.ln(),
        (p.layer_overhead_s * 1e6).ln(),
        p.power_k_mem.ln(),
        p.power_k_compute.ln(),
        p.power_gamma.ln(),
    ]
}

fn from_vec(v: &[f64; 6]) -> Physics {
    Physics {
        eta_mem: v[0].exp().min(0.92),
        eta_compute: v[1].exp().min(0.9),
        layer_overhead_s: v[2].exp().min(30.0) * 1e-6,
        power_k_mem: v[3].exp(),
        power_k_compute: v[4].exp(),
        power_gamma: v[5].exp().min(1.5),
    }
}

/// Objective of the fit: `Σ ln(model/measured)²` over the `fit` rows.
pub fn loss(physics: &Physics, rows: &[Row]) -> f64 {
    rows.iter()
        .filter(|r| r.split == "fit")
        .map(|r| {
            let e = (predict(r, physics) / r.measured).ln();
            if e.is_finite() { e * e } else { 1e6 }
        })
        .sum()
}

#[allow(clippy::needless_range_loop)] // simplex arithmetic reads best with indices
/// Fits the six constants from a starting point with Nelder–Mead (deterministic).
pub fn fit(start: &Physics, iterations: usize) -> Physics {
    let rows = rows();
    let f = |v: &[f64; 6]| loss(&from_vec(v), &rows);
    let x0 = to_vec(start);
    let mut simplex: Vec<([f64; 6], f64)> = Vec::with_capacity(7);
    simplex.push((x0, f(&x0)));
    for i in 0..6 {
        let mut x = x0;
        x[i] += 0.2;
        simplex.push((x, f(&x)));
    }
    for _ in 0..iterations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let n = 6;
        let mut centroid = [0.0; 6];
        for (x, _) in simplex.iter().take(n) {
            for j in 0..6 {
                centroid[j] += x[j] / n as f64;
            }
        }
        let worst = simplex[n];
        let along = |t: f64| {
            let mut x = [0.0; 6];
            for j in 0..6 {
                x[j] = centroid[j] + t * (worst.0[j] - centroid[j]);
            }
            x
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
                let best = simplex[0].0;
                for s in simplex.iter_mut().skip(1) {
                    for j in 0..6 {
                        s.0[j] = best[j] + 0.5 * (s.0[j] - best[j]);
                    }
                    s.1 = f(&s.0);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    from_vec(&simplex[0].0)
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
