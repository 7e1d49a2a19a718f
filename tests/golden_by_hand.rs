//! Golden values worked out by hand (a calculator, not this crate's code) from datasheet
//! numbers, model configs and the model's documented formulas, with the fitted constants of
//! `data/constants.json` as of model 2026.12:
//! η_mem = 0.7086, η_comp = 0.4697, overhead 16.43 µs per layer, k_mem = 0.6788,
//! k_comp = 1.7509, γ = 0.6595; cost of capital 8 %, system multiplier 1.35, building
//! $12.5 per provisioned W over 15 years, other opex 3 %; provisioning (model 2026.12): 10 %
//! cluster overhead, 85 % derating, design PUE = annual + 0.1.
//!
//! A change of those constants or of the physics moves these figures on purpose: redo the
//! arithmetic in the comments and update the numbers in the same commit (and the changelog).
#![cfg(not(target_arch = "wasm32"))]

use fabrik::model::evaluate;
use fabrik::scenario::parse_query;

/// Hand arithmetic is written to ~10 significant digits.
fn near(model: f64, hand: f64) -> bool {
    (model - hand).abs() <= 1e-8 * hand.abs()
}

fn outcome(q: &str) -> fabrik::model::Outcome {
    let p = parse_query(q);
    assert!(p.warnings.is_empty(), "{q}: {:?}", p.warnings);
    evaluate(&p.scenario)
}

/// One decode step of Llama 3.1 8B in BF16 on one H100 SXM, batch 1, 1,024 cached tokens.
///
/// Shape (config.json): hidden 4096, 32 layers, 32 query heads, 8 KV heads of 128, SwiGLU
/// FFN 14336, vocabulary 128256, untied embeddings.
/// - attention weights per layer: q 4096·4096 + k,v 2·4096·1024 + o 4096·4096 = 41,943,040;
///   FFN 3·4096·14336 = 176,160,768; × 32 layers = 6,979,321,856; lm_head 128256·4096 =
///   525,336,576. Read per step (not the input embedding): 7,504,658,432 parameters.
/// - bytes: 2 B each = 15,009,316,864; KV per token 2·8·128·32 · 2 B = 131,072 B, read for
///   1,024 tokens and written for 1: 134,348,800. Total 15,143,665,664 B.
/// - FLOPs: 2 · 7,504,658,432 = 15,009,316,864 plus attention 4·32·128·32·1024 = 536,870,912.
/// - H100 SXM (datasheet): 3.35 TB/s, 989.4 TFLOP/s dense BF16, 700 W; idle 121 W.
/// - memory time 15,143,665,664 / (3.35e12 · 0.7086) = 6.379476733 ms; compute time
///   (15,546,187,776 / 989.4e12) / 0.4697 = 0.0335 ms: memory-bound. Plus 32 · 16.43 µs =
///   0.52576 ms of overhead: t = 6.905236733 ms → 144.8176274 tokens/s.
/// - power: u_mem = 15,143,665,664 / (t · 3.35e12) = 0.6546476809, u_comp = 0.002275482139;
///   f = 0.6788·u_mem + 1.7509·u_comp^0.6595 = 0.4760159237 (< 1: no throttling);
///   P = 121 + 579·f = 396.6132198 W; J/token = P·t = 2.738708174 J.
///   (Measured on a real H100, `shared/data/h100-measured.csv`: 142.5 tokens/s, 406.1 W.)
#[test]
fn decode_llama_8b_on_one_h100_at_batch_1() {
    let o = outcome("gpu=h100-sxm&model=llama-3.1-8b&precision=bf16&gpus=1&batch=1&context=1024");
    assert!(near(o.decode.step_ms, 6.905236733), "{}", o.decode.step_ms);
    assert!(
        near(o.decode.tokens_per_s_per_gpu, 144.8176274),
        "{}",
        o.decode.tokens_per_s_per_gpu
    );
    assert!(
        near(o.decode.gpu_power_w, 396.6132198),
        "{}",
        o.decode.gpu_power_w
    );
    assert!(
        near(o.decode.gpu_joules_per_token, 2.738708174),
        "{}",
        o.decode.gpu_joules_per_token
    );
}

/// The prefill of one 1,024-token prompt of Llama 3.1 8B in BF16 on one B200.
///
/// One pass of 1,024 tokens (below the 8,192-token chunk) at average attention context 512.
/// - bytes: weights 15,009,316,864 + KV 1024 · 131,072 · (512/1024 + 1) = 201,326,592 →
///   15,210,643,456 B; FLOPs: 1024 · 15,009,316,864 = 15,369,540,468,736 plus attention
///   1024 · 4·32·128·32·512 = 274,877,906,944.
/// - B200 (datasheet): 8 TB/s, 2,250 TFLOP/s dense BF16, 1,000 W; idle 170 W.
/// - memory time 15,210,643,456 / (8e12 · 0.7086) = 2.683 ms; compute time
///   (15,644,418,375,680 / 2.25e15) / 0.4697 = 14.80322511 ms: compute-bound; + 0.52576 ms
///   overhead: t₀ = 15.32898511 ms.
/// - at t₀: memory term m = 0.6788 · 15,210,643,456 / (t₀ · 8e12) = 0.08419494755, compute
///   term c = 1.7509 · (6.953074834 ms / t₀)^0.6595 = 1.039515386: f = 1.1237 > 1, so the
///   board limit binds. Clocks stretch the step to t₀/r with m·r + c·r^0.6595 = 1; solved by
///   bisection on a calculator: r = 0.8432969641, t = 18.17744610 ms →
///   1024 / t = 56,333.54623 tokens/s at exactly 1,000 W.
#[test]
fn prefill_of_a_1024_token_prompt_on_a_b200() {
    let o =
        outcome("gpu=b200&model=llama-3.1-8b&precision=bf16&gpus=1&batch=1&prompt=1024&output=64");
    assert_eq!(o.prefill.tokens, 1024.0);
    assert!(
        near(o.prefill.step_ms, 18.17744610),
        "{}",
        o.prefill.step_ms
    );
    assert!(
        near(o.prefill.tokens_per_s_per_gpu, 56_333.546_23),
        "{}",
        o.prefill.tokens_per_s_per_gpu
    );
    assert!(
        near(o.prefill.gpu_power_w, 1000.0),
        "{}",
        o.prefill.gpu_power_w
    );
}

/// The capital cost of one H100 GPU-hour, and what it adds per million tokens.
///
/// - H100 price in the catalogue: $26,500, with servers and network × 1.35 = $35,775.
/// - annualised at 8 % over 5 years: CRF = 0.08 · 1.08⁵ / (1.08⁵ − 1) = 0.2504564546 →
///   $8,960.080 per year; over 8,766 hours: $1.022140048 per GPU-hour.
/// - building: the slot is provisioned at 2,310 W at the grid connection (DGX H100 maximum
///   1,275 W per GPU · 1.1 cluster overhead / 0.85 derating · design PUE 1.4) · $12.5/W =
///   $28,875, CRF(8 %, 15 y) = 0.1168295449 → $3,373.45 per year.
/// - at the default scenario's output rate R tokens/s per GPU and 60 % utilisation, a GPU
///   makes R · 0.6 · 8,766 · 3,600 tokens a year, so hardware $/M tokens =
///   8,960.08 / (R · 18,934,560) · 10⁶ and building $/M tokens = 1,518.78 / (same) · 10⁶.
#[test]
fn capital_cost_of_one_h100_gpu_hour() {
    let o = outcome("v=1");
    let crf5 = 0.08 * 1.08f64.powi(5) / (1.08f64.powi(5) - 1.0);
    assert!(near(crf5, 0.2504564546), "{crf5}");
    let hardware_per_year = 35_775.0 * 0.2504564546;
    assert!(
        near(hardware_per_year / 8766.0, 1.022140048),
        "{}",
        hardware_per_year / 8766.0
    );
    let building_per_year = 28_875.0 * 0.1168295449;
    let tokens_per_year = o.serving.output_tokens_per_s_per_gpu * 0.6 * 8766.0 * 3600.0;
    let b = &o.serving.cost_breakdown;
    assert!(
        near(b.hardware, hardware_per_year / tokens_per_year * 1e6),
        "{}",
        b.hardware
    );
    assert!(
        near(b.facility, building_per_year / tokens_per_year * 1e6),
        "{}",
        b.facility
    );
    // Other opex: 3 % of the IT capex a year.
    assert!(
        near(b.other, 0.03 * 35_775.0 / tokens_per_year * 1e6),
        "{}",
        b.other
    );
}
