//! Golden values worked out by hand (a calculator, not this crate's code) from datasheet
//! numbers, model configs and the model's documented formulas, with the constants of model
//! 2027.06 (`data/constants.json`, `engines.json`, `hardware.json`): η_mem = 0.7833,
//! 125 pJ per HBM byte, processors at 1.633 × (TDP − idle) while compute-bound, clock exponent
//! α = 1.8, decode attention on tiles of 64 query rows; the PyTorch loop: 277.3 µs per step
//! plus 19.29 µs per layer, no extra energy per KV byte, packed query heads, KV split every
//! 256 tokens; vLLM: GEMM factor 0.9171, 64.69 µs per layer (+1.009 µs per step), +0.6369 pJ
//! per KV byte, attention at 0.3165 of the streaming bandwidth; GEMM efficiency H100 bf16
//! 0.84, B200 bf16 0.7707; cost of capital 8 %, system
//! multiplier 1.35, building $12.5 per provisioned W over 15 years, other opex 3 %;
//! provisioning: 10 % cluster overhead, 85 % derating, design PUE = annual + 0.1.
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

/// One decode step of Llama 3.1 8B in BF16 on one H100 SXM, batch 1, 1,024 cached tokens, in
/// the PyTorch loop of `shared/data/h100-measured.md`.
///
/// Shape (config.json): hidden 4096, 32 layers, 32 query heads, 8 KV heads of 128, SwiGLU
/// FFN 14336, vocabulary 128256, untied embeddings.
/// - attention weights per layer: q 4096·4096 + k,v 2·4096·1024 + o 4096·4096 = 41,943,040;
///   FFN 3·4096·14336 = 176,160,768; × 32 layers = 6,979,321,856; lm_head 128256·4096 =
///   525,336,576. Read per step (not the input embedding): 7,504,658,432 parameters.
/// - weight GEMMs: 15,009,316,864 B at 2 B each, as many FLOPs (2 per parameter).
/// - attention: KV per token 2·8·128·32 · 2 B = 131,072 B, read for 1,024 tokens and written
///   for 1: 134,348,800 B; FLOPs 4·32·128·32·1024 = 536,870,912, on tiles of 64 query rows of
///   which one token's 4 query heads per KV head fill 4: × 16 = 8,589,934,592.
/// - H100 SXM (datasheet): 3.35 TB/s, 989.4 TFLOP/s dense BF16, 132 SMs, 700 W; idle 121 W.
/// - GEMMs: 15,009,316,864 / (3.35e12 · 0.7833) = 5.719894158 ms of HBM against
///   15,009,316,864 / (989.4e12 · 0.84) = 0.018 ms of arithmetic: memory-bound.
/// - attention: 8 KV heads × 1,025/256 splits = 32.03 work units on 132 SMs (occupancy
///   0.2426609848): 134,348,800 / (2.624055e12 · 0.24266) = 0.2109895288 ms (arithmetic
///   0.0103 ms).
/// - t = 5.719894158 + 0.2109895288 + 0.2773 (per step) + 32 · 0.01929 (per layer)
///   = 6.825463687 ms → 146.5101927 tokens/s.
/// - power at the full clock: memory 125 pJ · 15,143,665,664 B = 1.892958208 J; processors
///   1.633 · 579 W · (23,599,251,456 / 989.4e12 / 0.84 = 28.3953 µs) = 0.0268480 J;
///   P = 121 + 1.919806198 J / t = 402.2711761 W (< 700: no clock-down);
///   J/token = P·t = 2.745687304 J.
///   (Measured on a real H100, `shared/data/h100-measured.csv`: 142.5 tokens/s, 406.1 W;
///   fabrik's own H100 run, `tools/measure/results/h100-measured3.csv`: 148.4 tokens/s, 423.1 W.)
#[test]
fn decode_llama_8b_on_one_h100_at_batch_1() {
    let o = outcome(
        "gpu=h100-sxm&model=llama-3.1-8b&precision=bf16&engine=pytorch&gpus=1&batch=1&context=1024",
    );
    assert!(near(o.decode.step_ms, 6.825463687), "{}", o.decode.step_ms);
    assert!(
        near(o.decode.tokens_per_s_per_gpu, 146.5101927),
        "{}",
        o.decode.tokens_per_s_per_gpu
    );
    assert!(
        near(o.decode.gpu_power_w, 402.2711761),
        "{}",
        o.decode.gpu_power_w
    );
    assert!(
        near(o.decode.gpu_joules_per_token, 2.745687304),
        "{}",
        o.decode.gpu_joules_per_token
    );
}

/// The prefill of one 1,024-token prompt of Llama 3.1 8B in BF16 on one B200, with vLLM.
///
/// One pass of 1,024 tokens (below vLLM's 8,192-token chunk) at average attention context 512.
/// - GEMMs: weights 15,009,316,864 B; FLOPs 1024 · 15,009,316,864 = 15,369,540,468,736.
/// - attention: KV 1024 · 131,072 · (512/1024 + 1) = 201,326,592 B; FLOPs
///   1024 · 4·32·128·32·512 = 274,877,906,944 (prefill fills its tiles: no padding); work units
///   1024 tokens × 32 heads: the whole chip.
/// - B200 (datasheet): 8 TB/s, 2,250 TFLOP/s dense BF16, 1,000 W; idle 170 W; GEMM efficiency
///   0.7705 × vLLM's 0.917 = 0.7065485 (fitted: `engines.json`, `hardware.json`).
/// - at clock share x: GEMMs 15,369,540,468,736 / (2.25e15 · 0.7065485 · x) = 9.66799 ms / x
///   (HBM: 2.395 ms); attention max(201,326,592 / (6.2664e12 · 0.3166) = 0.10148 ms,
///   0.17291 ms / x); fixed 1.009 + 32 · 64.68 = 2,070.769 µs.
/// - energy: memory 125 pJ · 15,210,643,456 B = 1.90133 J (vLLM's extra 0.1911 pJ per KV byte
///   adds 0.0000385 J); processors 1.633 · 830 W · x^0.8 · 15,644,418,375,680 / 2.25e15 /
///   0.7065485 (9.84090 ms) = 13.33826 J · x^0.8: above (1,000 − 170) W · t at x = 1, so the
///   clock drops to the x where 830 W · t(x) equals them; by bisection on a calculator
///   x = 0.7543451760, t = 15.11639151 ms → 1024 / t = 67,741.03459 tokens/s at exactly
///   1,000 W.
#[test]
fn prefill_of_a_1024_token_prompt_on_a_b200() {
    let o = outcome(
        "gpu=b200&model=llama-3.1-8b&precision=bf16&engine=vllm&gpus=1&batch=1&prompt=1024&output=64",
    );
    assert_eq!(o.prefill.tokens, 1024.0);
    assert!(near(o.prefill.clock, 0.7543451760), "{}", o.prefill.clock);
    assert!(
        near(o.prefill.step_ms, 15.11639151),
        "{}",
        o.prefill.step_ms
    );
    assert!(
        near(o.prefill.tokens_per_s_per_gpu, 67_741.034_59),
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
