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
    /// Where the measurement was published. Empty in the wasm build (the page does not show
    /// it; see build.rs).
    #[serde(default)]
    pub source: String,
    pub query: String,
    /// Output field compared, e.g. `decode.tokens_per_s_per_gpu`.
    pub metric: String,
    pub measured: f64,
    /// `fit`, `holdout`, or `limitation` (see `note`).
    pub split: String,
    /// What the row measures, for the per-group error table: `h100-steps`, `h100-sweep` and
    /// `h200-steps` (single-GPU decode and prefill steps of the PyTorch loop), `mlperf` (dense MLPerf serving), `mlenergy`
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
        "serving.tokens_per_s_per_user" => out.serving.tokens_per_s_per_user,
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
pub fn median(mut v: Vec<f64>) -> f64 {
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

/// The per-group errors as a text table (what `fabrik-cli calibrate` and the tests print).
pub fn group_table(cmp: &[Comparison]) -> String {
    let mut out = format!(
        "{:<13} {:<11} {:>5} {:>7} {:>9} {:>10} {:>8}\n",
        "group", "metric", "rows", "fitted", "median", "median|e|", "max|e|"
    );
    for g in group_errors(cmp) {
        out.push_str(&format!(
            "{:<13} {:<11} {:>5} {:>7} {:>+8.1}% {:>9.1}% {:>7.1}%\n",
            g.group,
            g.metric,
            g.rows,
            g.fitted,
            g.median * 100.0,
            g.median_abs * 100.0,
            g.max_abs * 100.0
        ));
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
pub use fit::{Knob, Stage, fit_stages, stages};

/// The fit by component (native builds: `fabrik-cli calibrate --fit`).
#[cfg(not(target_arch = "wasm32"))]
mod fit;

/// InferenceMAX's mixture-of-experts serving: rows, per-family errors, measured points.
mod inferencemax;

/// How fast the model prefills against the servers, as two readings of InferenceMAX's rows
/// find it: setups read, and the median of model ÷ measured prefill rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrefillReadings {
    /// From the growth of single servers' times to first token with the prompt, at 4 requests
    /// or fewer (`prefill_slopes`).
    pub single: (usize, f64),
    /// From the disaggregated servers whose requests queued for prefill (`pool_rates`).
    pub pools: (usize, f64),
}

/// What the prefill readings find under the catalogue's constants (`fabrik-cli calibrate`
/// works them out; the readings are native only, so the page's section 8 says these figures).
/// `tests/readings.rs` checks them against the readings: a model change that moves them
/// fails there until they are updated.
pub const PREFILL_READINGS: PrefillReadings = PrefillReadings {
    single: (27, 2.31),
    pools: (32, 2.34),
};

/// Section 8's lead quotes three median |errors| of the model against the measurements, in
/// whole percent: MLPerf throughput, ML.ENERGY's dense models' energy and tokens/s (the groups
/// `mlperf` and `mlenergy` of [`group_errors`]). Worked out here rather than by the page, which
/// would otherwise evaluate every calibration row while it starts; `tests/readings.rs` checks
/// them against `group_errors(&compare(..))`: a model change that moves them fails there until
/// they are updated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrustMedians {
    pub mlperf_throughput: f64,
    pub mlenergy_energy: f64,
    pub mlenergy_throughput: f64,
}

/// [`TrustMedians`] under the catalogue's constants.
pub const TRUST_MEDIANS: TrustMedians = TrustMedians {
    mlperf_throughput: 8.0,
    mlenergy_energy: 8.0,
    mlenergy_throughput: 7.0,
};

/// Components read off InferenceMAX's rows: prefill from the times to first token, decode from
/// the speeds per user (native builds: `fabrik-cli calibrate`).
#[cfg(not(target_arch = "wasm32"))]
mod readings;
pub use inferencemax::{
    FamilyError, LITTLE_INCONSISTENT, MeasuredPoint, PublicGroup, ServingRow, SoftwareGap,
    engine_release, inferencemax_errors, inferencemax_rows, measured_frontier, public_errors,
    public_groups, public_report, public_rows, software_gap,
};
#[cfg(not(target_arch = "wasm32"))]
pub use readings::{
    DECODE_MAX_CONC, DecodeSlope, PoolRate, PrefillSlope, QUEUE_FACTOR, SLOPE_MAX_CONC,
    decode_slopes, fixed_and_per_seq, pool_prompt_rate, pool_rates, pools_summary,
    prefill_readings, prefill_slopes, rate_and_latency, slopes_summary,
};
