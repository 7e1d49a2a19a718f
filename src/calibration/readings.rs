//! Components read off InferenceMAX's serving rows, measured beside the model read the same way
//! (`fabrik-cli calibrate`; native builds only: the page does not show them).
//!
//! - **Prefill, from the time to first token** ([`prefill_slopes`]): at a few requests in flight
//!   a prompt rarely waits for another one's prefill, so the time to first token grows with the
//!   prompt at one instance's prefill rate. Two rows of one setup that differ only in the prompt
//!   (1,024 and 8,192 tokens) give that rate, and what is left at no prompt (the request's
//!   latency outside the GPU, the first decode step).
//! - **Decode, from the speed per user** ([`decode_slopes`]): at a few requests the time per
//!   output token is a fixed cost per step and a cost per sequence in flight; two rows of one
//!   setup that differ only in their concurrency give both.
//!
//! `tests/readings.rs` checks each reading recovers what is put in, and finds the model's
//! own figures where it is applied to the model.

use super::inferencemax::ServingRow;
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
