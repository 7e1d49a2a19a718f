//! Disaggregated serving (`disagg=1`, `src/model/disagg.rs`) and the time to first token:
//! properties of the two pools' steady state, and the engines' fitted request latency.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::{Notice, Outcome, evaluate};
use fabrik::scenario::parse_query;

fn q(query: &str) -> Outcome {
    let p = parse_query(query);
    assert!(p.warnings.is_empty(), "{query}: {:?}", p.warnings);
    evaluate(&p.scenario)
}

/// DeepSeek-R1 on GB200 NVL72 with TensorRT-LLM, 8k prompts, 1k answers: a prefill pool of
/// `p` GPUs (workers of 4) and one decode worker of `d` GPUs, `conc` requests in flight.
fn gb200(p: u32, d: u32, conc: u32) -> String {
    format!(
        "gpu=gb200-nvl72&model=deepseek-r1&precision=fp4&engine=trt-llm&prompt=8192&output=1024\
         &disagg=1&prefill_gpus={p}&prefill_tp=4&prefill_ep=4&decode_gpus={d}&gpus={d}&tp={d}&ep={d}\
         &dp_attention=1&batch={conc}"
    )
}

#[test]
fn both_pools_are_counted_and_neither_is_exceeded() {
    let o = q(&gb200(8, 16, 256));
    let pools = o.pools.expect("disaggregated");
    assert_eq!((pools.prefill_gpus, pools.decode_gpus), (8, 16));
    assert_eq!(o.layout.gpus, 16);
    let total = f64::from(pools.prefill_gpus + pools.decode_gpus);
    let out = o.serving.output_tokens_per_s_per_gpu * total;
    // The decode pool decodes `decoding` sequences at the per-user speed: output rate.
    assert!(
        (out - pools.decoding * o.serving.tokens_per_s_per_user).abs() <= 1e-6 * out,
        "{out} vs {}",
        pools.decoding * o.serving.tokens_per_s_per_user
    );
    // The prefill pool never prefills more than its capacity (8k prompt per 1k answer).
    let capacity = o.prefill.tokens_per_s_per_gpu * f64::from(pools.prefill_gpus);
    assert!(out * 8.0 <= capacity * (1.0 + 1e-9), "{out} {capacity}");
    assert!((0.0..=1.0).contains(&pools.prefill_busy));
    // Power per GPU lies between idle and the busier pool's board power.
    let g = catalogue().gpu("gb200-nvl72").unwrap();
    assert!(o.serving.gpu_power_w >= g.idle_w && o.serving.gpu_power_w <= g.tdp_w);
    // The split of GPU time sums to one: decode, prefill, idle.
    let (pre, idle) = (
        o.serving.prefill_time_share,
        1.0 - o.serving.prefill_time_share,
    );
    assert!(pre > 0.0 && idle > 0.0);
}

#[test]
fn a_saturated_prefill_pool_sets_the_pace_and_the_queue_sets_ttft() {
    // One prefill worker for a 32-GPU decode pool: at 2,000 requests in flight the prefill
    // pool is the bottleneck; more requests only wait longer for their first token.
    let a = q(&gb200(4, 32, 2000));
    let b = q(&gb200(4, 32, 4000));
    let (pa, pb) = (a.pools.unwrap(), b.pools.unwrap());
    assert!(pa.prefill_bound && pb.prefill_bound);
    let rel =
        (a.serving.output_tokens_per_s_per_gpu / b.serving.output_tokens_per_s_per_gpu - 1.0).abs();
    assert!(rel < 1e-6, "throughput moved by {rel}");
    assert!(
        b.serving.ttft_s > 1.5 * a.serving.ttft_s,
        "{} {}",
        a.serving.ttft_s,
        b.serving.ttft_s
    );
    // A bigger prefill pool lifts the output (it was the bottleneck).
    let c = q(&gb200(16, 32, 2000));
    let per_pool = |o: &Outcome| {
        let p = o.pools.unwrap();
        o.serving.output_tokens_per_s_per_gpu * f64::from(p.prefill_gpus + p.decode_gpus)
    };
    assert!(
        per_pool(&c) > 1.5 * per_pool(&a),
        "{} {}",
        per_pool(&c),
        per_pool(&a)
    );
}

#[test]
fn a_worker_too_narrow_for_the_model_is_laid_out_by_the_model() {
    // SGLang's rows name attention's width (tp=1) for a worker that spans the pool.
    let p = parse_query(
        "gpu=gb200-nvl72&model=deepseek-r1&precision=fp4&engine=sglang&prompt=1024&output=1024\
         &disagg=1&prefill_gpus=16&prefill_tp=1&prefill_ep=1&decode_gpus=32&gpus=1&tp=1&ep=1\
         &dp_attention=1&batch=4096",
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let o = evaluate(&p.scenario);
    assert_eq!(o.layout.pp, 1);
    assert_eq!(o.layout.gpus, 32);
    let pools = o.pools.unwrap();
    assert_eq!(pools.prefill_layout.pp, 1);
    let widened = |pool: &str| {
        o.warnings
            .iter()
            .any(|n| matches!(n, Notice::WorkerWidened { pool: p, tp: 1 } if *p == pool))
    };
    assert!(widened("decode") && widened("prefill"), "{:?}", o.warnings);
}

#[test]
fn pool_keys_do_nothing_without_disagg() {
    let plain = q("gpu=b200&model=deepseek-r1&precision=fp4&gpus=8");
    let keyed = q(
        "gpu=b200&model=deepseek-r1&precision=fp4&gpus=8&prefill_gpus=4&decode_gpus=16&prefill_tp=2",
    );
    assert!(plain.pools.is_none() && keyed.pools.is_none());
    assert_eq!(plain.serving, keyed.serving);
}

#[test]
fn ttft_is_the_request_latency_plus_the_prompt_and_grows_with_it() {
    let short =
        q("gpu=h100-sxm&model=llama-3.1-70b&precision=fp8&engine=vllm&gpus=8&batch=32&prompt=1024");
    let long = q(
        "gpu=h100-sxm&model=llama-3.1-70b&precision=fp8&engine=vllm&gpus=8&batch=32&prompt=16384",
    );
    let latency = catalogue().engine("vllm").unwrap().request_latency_ms / 1e3;
    assert!(latency > 0.0);
    assert!(short.serving.ttft_s > latency);
    assert!(
        long.serving.ttft_s > short.serving.ttft_s + 0.05,
        "{} {}",
        short.serving.ttft_s,
        long.serving.ttft_s
    );
}

/// Each serving engine's request latency is what its source says: the median of measured
/// minus modelled time to first token over its single-server InferenceMAX rows (recomputed
/// here, so a model change that moves it must record the new value).
#[test]
fn request_latency_is_the_median_ttft_residual() {
    use fabrik::calibration::inferencemax_rows;
    let c = catalogue();
    for e in c.engines.iter().filter(|e| e.request_latency_ms > 0.0) {
        let mut residuals: Vec<f64> = inferencemax_rows()
            .iter()
            .filter(|r| {
                !r.disaggregated && !r.speculative && r.query.contains(&format!("engine={}&", e.id))
            })
            .map(|r| {
                let o = evaluate(&parse_query(&r.query).scenario);
                (r.ttft_s - o.serving.ttft_s) * 1e3
            })
            .collect();
        assert!(residuals.len() >= 30, "{}: {} rows", e.id, residuals.len());
        residuals.sort_by(f64::total_cmp);
        let median = residuals[residuals.len() / 2];
        assert!(
            median.abs() <= 2.0,
            "{}: the median TTFT residual is {median:.1} ms with {} ms recorded: record {:.0}",
            e.id,
            e.request_latency_ms,
            e.request_latency_ms + median
        );
    }
}
