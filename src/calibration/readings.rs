//! Components read off InferenceMAX's serving rows, measured beside the model read the same way
//! (`fabrik-cli calibrate`; native builds only: the page does not show them).
//!
//! - **Prefill, from the time to first token** ([`prefill_slopes`]): at a few requests in flight
//!   a prompt rarely waits for another one's prefill, so the time to first token grows with the
//!   prompt at one instance's prefill rate. Two rows of one setup that differ only in the prompt
//!   (1,024 and 8,192 tokens) give that rate, and what is left at no prompt (the request's
//!   latency outside the GPU, the first decode step).
//! - **Prefill pools at their busiest** ([`pool_rates`]): a disaggregated server whose prefill
//!   pool limits it queues requests for it (times to first token of seconds), and turns the
//!   pool's rate into answers; so its output gives the pool's prompt tokens per second.
//! - **Decode, from the speed per user** ([`decode_slopes`]): at a few requests the time per
//!   output token is a fixed cost per step and a cost per sequence in flight; two rows of one
//!   setup that differ only in their concurrency give both.
//!
//! `tests/readings.rs` checks each reading recovers what is put in, and finds the model's
//! own figures where it is applied to the model.

use super::PrefillReadings;
use super::inferencemax::{ServingRow, inferencemax_rows, public_rows};
use crate::model::step::Physics;
use crate::scenario::parse_query;

/// Most requests in flight at which a pair of rows is read (a prompt then seldom waits for
/// another one's prefill: InferenceMAX's lowest concurrencies are 1 and 4).
pub const SLOPE_MAX_CONC: f64 = 4.0;

/// One setup's prefill rate and latency, measured and modelled.
#[derive(Debug, Clone, PartialEq)]
pub struct PrefillSlope {
    /// The rows' family (`gpu/model/precision/framework/spec_decoding`).
    pub family: String,
    pub tp: u32,
    pub ep: u32,
    pub dp_attention: bool,
    pub conc: f64,
    /// The two prompts, tokens.
    pub prompts: (f64, f64),
    /// Prefill tokens/s per GPU of one instance: measured, modelled.
    pub measured: f64,
    pub model: f64,
    /// The model's prefill tokens/s per GPU of one pass at the longer prompt (what the
    /// reading of its times to first token should find).
    pub model_pass: f64,
    /// Time to first token with no prompt, s: measured, modelled.
    pub measured_latency_s: f64,
    pub model_latency_s: f64,
}

/// A prefill rate per GPU and the latency left at no prompt, from two times to first token.
///
/// # Formula
/// `rate = (P₂ − P₁) / ((T₂ − T₁) · gpus)`, `latency = T₁ − P₁/(rate · gpus)`; `None` unless
/// `T₂ > T₁` and `P₂ > P₁`.
pub fn rate_and_latency(
    (p1, t1): (f64, f64),
    (p2, t2): (f64, f64),
    gpus: f64,
) -> Option<(f64, f64)> {
    if !(t2 > t1 && p2 > p1 && gpus > 0.0) {
        return None;
    }
    let rate = (p2 - p1) / ((t2 - t1) * gpus);
    Some((rate, t1 - p1 / (rate * gpus)))
}

/// The pairs of single-server rows (no speculative decoding) at most [`SLOPE_MAX_CONC`]
/// requests in flight that differ only in their prompt, in the rows' order, each read with
/// [`rate_and_latency`]: measured from the rows' times to first token, modelled from the
/// model's for the rows' queries. Pairs whose measured times do not grow with the prompt are
/// left out.
///
/// # Formula
/// Rows `a`, `b` pair when family, `tp`, `ep`, attention layout, concurrency and answer length
/// are equal and `prompt_a < prompt_b`; per pair `rate_and_latency((P_a, T_a), (P_b, T_b), tp)`
/// for both the measured and the modelled `T`.
pub fn prefill_slopes(rows: &[ServingRow], physics: &Physics) -> Vec<PrefillSlope> {
    let eval =
        |r: &ServingRow| crate::model::evaluate_with(&parse_query(&r.query).scenario, physics);
    let candidates: Vec<&ServingRow> = rows
        .iter()
        .filter(|r| !r.disaggregated && !r.speculative && r.conc <= SLOPE_MAX_CONC)
        .collect();
    let mut out = Vec::new();
    for a in &candidates {
        for b in candidates.iter().filter(|b| {
            b.family == a.family
                && (b.tp, b.ep, b.dp_attention) == (a.tp, a.ep, a.dp_attention)
                && b.conc == a.conc
                && b.output == a.output
                && b.prompt > a.prompt
        }) {
            let gpus = a.gpus;
            let Some((measured, measured_latency_s)) =
                rate_and_latency((a.prompt, a.ttft_s), (b.prompt, b.ttft_s), gpus)
            else {
                continue;
            };
            let (short, long) = (eval(a), eval(b));
            let (model, model_latency_s) = rate_and_latency(
                (a.prompt, short.serving.ttft_s),
                (b.prompt, long.serving.ttft_s),
                gpus,
            )
            .unwrap_or((f64::NAN, f64::NAN));
            out.push(PrefillSlope {
                family: a.family.clone(),
                tp: a.tp,
                ep: a.ep,
                dp_attention: a.dp_attention,
                conc: a.conc,
                prompts: (a.prompt, b.prompt),
                measured,
                model,
                model_pass: long.prefill.tokens_per_s_per_gpu,
                measured_latency_s,
                model_latency_s,
            });
        }
    }
    out
}

/// Most requests in flight at which a pair of rows is read for decode (below, a step's time is
/// close to affine in the sequences: weights read once, KV and FLOPs per sequence).
pub const DECODE_MAX_CONC: f64 = 16.0;

/// One setup's decode step, measured and modelled: a fixed cost and a cost per sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeSlope {
    /// The rows' family (`gpu/model/precision/framework/spec_decoding`).
    pub family: String,
    pub tp: u32,
    pub ep: u32,
    pub dp_attention: bool,
    pub prompt: f64,
    pub output: f64,
    /// The two concurrencies, requests in flight.
    pub conc: (f64, f64),
    /// Time per output token at no request, s: measured, modelled.
    pub measured_fixed_s: f64,
    pub model_fixed_s: f64,
    /// Time per output token each further request adds, s: measured, modelled.
    pub measured_per_seq_s: f64,
    pub model_per_seq_s: f64,
}

/// A fixed cost and a cost per sequence from the times per output token at two concurrencies.
///
/// # Formula
/// With `T = 1/(tokens/s per user)`: `per_seq = (T₂ − T₁)/(c₂ − c₁)`, `fixed = T₁ − per_seq·c₁`;
/// `None` unless `c₂ > c₁` and both speeds are positive.
pub fn fixed_and_per_seq((c1, v1): (f64, f64), (c2, v2): (f64, f64)) -> Option<(f64, f64)> {
    if !(c2 > c1 && v1 > 0.0 && v2 > 0.0) {
        return None;
    }
    let (t1, t2) = (1.0 / v1, 1.0 / v2);
    let per_seq = (t2 - t1) / (c2 - c1);
    Some((t1 - per_seq * c1, per_seq))
}

/// The pairs of single-server rows (no speculative decoding) at most [`DECODE_MAX_CONC`]
/// requests in flight that differ only in their concurrency (the two lowest of each setup),
/// each read with [`fixed_and_per_seq`]: measured from the rows' speeds per user, modelled from
/// the model's for the rows' queries.
///
/// # Formula
/// Rows pair when family, `tp`, `ep`, attention layout, prompt and answer length are equal; of
/// each such setup the two lowest distinct concurrencies `c₁ < c₂ ≤ 16`.
pub fn decode_slopes(rows: &[ServingRow], physics: &Physics) -> Vec<DecodeSlope> {
    let speed = |r: &ServingRow| {
        crate::model::evaluate_with(&parse_query(&r.query).scenario, physics)
            .serving
            .tokens_per_s_per_user
    };
    let key = |r: &ServingRow| {
        (
            r.family.clone(),
            r.tp,
            r.ep,
            r.dp_attention,
            r.prompt.to_bits(),
            r.output.to_bits(),
        )
    };
    let mut out: Vec<DecodeSlope> = Vec::new();
    let mut seen = Vec::new();
    for r in rows
        .iter()
        .filter(|r| !r.disaggregated && !r.speculative && r.conc <= DECODE_MAX_CONC)
    {
        let k = key(r);
        if seen.contains(&k) {
            continue;
        }
        let mut setup: Vec<&ServingRow> = rows
            .iter()
            .filter(|s| {
                !s.disaggregated && !s.speculative && s.conc <= DECODE_MAX_CONC && key(s) == k
            })
            .collect();
        seen.push(k);
        // The two lowest distinct concurrencies (a setup measured twice keeps its first row).
        setup.sort_by(|a, b| a.conc.total_cmp(&b.conc));
        setup.dedup_by(|x, y| x.conc == y.conc);
        let [a, b, ..] = setup[..] else { continue };
        let Some((measured_fixed_s, measured_per_seq_s)) = fixed_and_per_seq(
            (a.conc, a.tokens_per_s_per_user),
            (b.conc, b.tokens_per_s_per_user),
        ) else {
            continue;
        };
        let (model_fixed_s, model_per_seq_s) =
            fixed_and_per_seq((a.conc, speed(a)), (b.conc, speed(b)))
                .unwrap_or((f64::NAN, f64::NAN));
        out.push(DecodeSlope {
            family: a.family.clone(),
            tp: a.tp,
            ep: a.ep,
            dp_attention: a.dp_attention,
            prompt: a.prompt,
            output: a.output,
            conc: (a.conc, b.conc),
            measured_fixed_s,
            model_fixed_s,
            measured_per_seq_s,
            model_per_seq_s,
        });
    }
    out
}

/// A disaggregated row counts as queueing for prefill when its time to first token is at least
/// this many times the lowest of its setup's rows (a prompt then waits behind others in the
/// prefill pool's queue rather than being prefilled as it arrives). Without a queue a setup's
/// times spread up to about 2.5× as its load grows (GB200 DeepSeek-R1 FP4 with SGLang: 0.21 s
/// at 4 requests, 0.52 s at 1,024 with its model pool 15 % busy; TensorRT-LLM 0.12–0.29 s up to
/// 256 requests), so 3× leaves that out.
pub const QUEUE_FACTOR: f64 = 3.0;

/// One disaggregated setup's prefill pool at its busiest: the prompt tokens per second each of
/// its GPUs prefilled, measured and modelled.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolRate {
    /// The rows' family (`gpu/model/precision/framework/spec_decoding`).
    pub family: String,
    /// The prompt, tokens (the answer's length is the setup's too).
    pub prompt: f64,
    /// One prefill worker's tensor- and expert-parallel width.
    pub prefill_tp: u32,
    pub prefill_ep: u32,
    /// Rows of the setup, and of them those queueing for prefill ([`QUEUE_FACTOR`]).
    pub rows: usize,
    pub queued: usize,
    /// The most prompt tokens/s per prefill GPU any row of the setup implies (a lower bound of
    /// the pool's rate, the rate itself where that row queues): measured, and the model's
    /// serving figures read the same way.
    pub measured: f64,
    pub model_read: f64,
    /// The model's prefill pool rate, prompt tokens/s per GPU (its best layout's pass; the
    /// highest over the setup's rows, whose decode workers may differ).
    pub model: f64,
    /// Whether the row with the highest measured rate queues for prefill.
    pub busiest_queued: bool,
    /// Times to first token, s: the setup's lowest, and at the row with the highest rate.
    pub ttft_low_s: f64,
    pub ttft_busiest_s: f64,
}

/// Prompt tokens/s per prefill GPU that a disaggregated server's output implies.
///
/// # Formula
/// `output_per_gpu · (P + D) · prompt / (output · P)`: every answer's prompt was prefilled once
/// by the pool of `P` GPUs (the server has `P + D`; InferenceMAX draws prompt and answer
/// lengths from the same range, 0.8 to 1 times `isl` and `osl` (`--random-range-ratio 0.8`),
/// so their ratio stands).
pub fn pool_prompt_rate(
    output_per_gpu: f64,
    gpus: f64,
    prefill_gpus: f64,
    prompt: f64,
    output: f64,
) -> f64 {
    output_per_gpu * gpus * prompt / (output * prefill_gpus).max(1e-30)
}

/// The prefill pools of the disaggregated rows, a setup at a time, at their busiest
/// ([`PoolRate`]). When a pool limits the server, requests queue for it and the server's output
/// is the pool's rate turned into answers; so the most any row of a setup implies
/// ([`pool_prompt_rate`]) is the pool's rate where that row queues, and below it otherwise.
/// The model's own serving figures are read the same way beside its pool's rate (where its
/// pool limits a row, the two agree).
///
/// # Formula
/// Rows group by family, prompt, answer length and prefill worker (`prefill_tp`,
/// `prefill_ep`), whatever the pools' sizes; per setup `measured = max over rows of
/// pool_prompt_rate(row)`, `queued`: rows whose time to first token is at least
/// `QUEUE_FACTOR ×` the setup's lowest.
pub fn pool_rates(rows: &[ServingRow], physics: &Physics) -> Vec<PoolRate> {
    struct Read<'a> {
        row: &'a ServingRow,
        worker: (u32, u32),
        measured: f64,
        model_read: f64,
        model: f64,
    }
    let reads: Vec<Read> = rows
        .iter()
        .filter(|r| r.disaggregated)
        .filter_map(|r| {
            let s = parse_query(&r.query).scenario;
            let d = s.disagg;
            let p = f64::from(d.prefill_gpus?);
            let worker = (d.prefill_tp?, d.prefill_ep.unwrap_or(1));
            let out = crate::model::evaluate_with(&s, physics);
            let rate = |per_gpu: f64| pool_prompt_rate(per_gpu, r.gpus, p, r.prompt, r.output);
            Some(Read {
                row: r,
                worker,
                measured: rate(r.output_tokens_per_s_per_gpu),
                model_read: rate(out.serving.output_tokens_per_s_per_gpu),
                model: out.prefill.tokens_per_s_per_gpu,
            })
        })
        .collect();
    let key = |x: &Read| {
        (
            x.row.family.clone(),
            x.row.prompt.to_bits(),
            x.row.output.to_bits(),
            x.worker,
        )
    };
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for x in &reads {
        let k = key(x);
        if seen.contains(&k) {
            continue;
        }
        let setup: Vec<&Read> = reads.iter().filter(|y| key(y) == k).collect();
        seen.push(k);
        let low = setup
            .iter()
            .map(|y| y.row.ttft_s)
            .fold(f64::INFINITY, f64::min);
        let queues = |y: &Read| y.row.ttft_s >= QUEUE_FACTOR * low;
        let busiest = setup
            .iter()
            .copied()
            .max_by(|a, b| a.measured.total_cmp(&b.measured))
            .expect("a setup has a row");
        out.push(PoolRate {
            family: x.row.family.clone(),
            prompt: x.row.prompt,
            prefill_tp: x.worker.0,
            prefill_ep: x.worker.1,
            rows: setup.len(),
            queued: setup.iter().filter(|y| queues(y)).count(),
            measured: busiest.measured,
            model_read: setup.iter().map(|y| y.model_read).fold(0.0, f64::max),
            model: setup.iter().map(|y| y.model).fold(0.0, f64::max),
            busiest_queued: queues(busiest),
            ttft_low_s: low,
            ttft_busiest_s: busiest.row.ttft_s,
        });
    }
    out
}

/// Both prefill readings over both files (fitted and never fitted): setups and the median of
/// model ÷ measured ([`slopes_summary`] of [`prefill_slopes`], [`pools_summary`] of
/// [`pool_rates`]; the CLI prints each table and sums it up with the same two).
pub fn prefill_readings(physics: &Physics) -> PrefillReadings {
    let files = [inferencemax_rows(), public_rows()];
    let slopes: Vec<PrefillSlope> = files
        .iter()
        .flat_map(|rows| prefill_slopes(rows, physics))
        .collect();
    let pools: Vec<PoolRate> = files
        .iter()
        .flat_map(|rows| pool_rates(rows, physics))
        .collect();
    PrefillReadings {
        single: slopes_summary(&slopes),
        pools: pools_summary(&pools),
    }
}

/// Setups and the median of model ÷ measured over the TTFT reading's pairs.
///
/// # Formula
/// `(n, median(model/measured))` over the slopes with a finite ratio.
pub fn slopes_summary(slopes: &[PrefillSlope]) -> (usize, f64) {
    let r: Vec<f64> = slopes
        .iter()
        .map(|p| p.model / p.measured)
        .filter(|r| r.is_finite())
        .collect();
    (r.len(), super::median(r))
}

/// Setups and the median of model ÷ measured over the pools whose busiest row queues.
///
/// # Formula
/// `(n, median(model/measured))` over the pools with `busiest_queued`.
pub fn pools_summary(pools: &[PoolRate]) -> (usize, f64) {
    let r: Vec<f64> = pools
        .iter()
        .filter(|p| p.busiest_queued)
        .map(|p| p.model / p.measured)
        .collect();
    (r.len(), super::median(r))
}
