//! Native benchmark of the model (`cargo bench --bench model`, part of `make bench`).
//!
//! Prints figures, asserts nothing. Measurements:
//! - `evaluate` over distinct scenarios: a precomputed list of 200,000 scenarios (every chip
//!   and model, their precisions, batch policies, replica sizes, prompt and answer lengths
//!   drawn by a fixed-seed generator), evaluated in order for about two seconds →
//!   evaluations per second. The list is far larger than any memo cache is likely to be, so
//!   this is the cost of evaluating, not of looking up; the number of passes is printed.
//! - the same, split by batch policy, and a small set of 64 scenarios evaluated over and
//!   over (what a cache would serve) as diagnostics;
//! - `frontier::sweep` over every catalogue chip at every precision it supports for one
//!   model (the set the page's `?bench=1` sweep times in wasm) → configurations per second
//!   and the time of one full sweep. Each timed sweep uses a different prompt length, so a
//!   cache cannot answer it. The same for DeepSeek-R1 and gpt-oss-120b as diagnostics
//!   (mixtures of experts: both attention layouts, experts possibly over servers, so their
//!   sweeps cover more and wider replicas).
//!
//! The last lines are machine-readable (`bench-result key=value`) for `.ci/bench`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::run();
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "../common/rng.rs"]
mod rng;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use fabrik::data::{Gpu, catalogue};
    use fabrik::model::frontier::{self, FrontierInputs};
    use fabrik::model::step::Physics;
    use fabrik::model::{Batch, Precision, Scenario, evaluate};
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    /// Distinct scenarios in the evaluation list.
    const SCENARIOS: usize = 200_000;

    /// How long each main measurement runs (override with `FABRIK_BENCH_SECONDS`).
    fn budget() -> Duration {
        let s = std::env::var("FABRIK_BENCH_SECONDS")
            .ok()
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(2.0);
        Duration::from_secs_f64(s)
    }

    /// A fixed-seed generator (shared with the property tests), so every run evaluates the
    /// same list.
    use super::rng::Rng;

    /// `n` scenarios over every chip, model, supported precision, batch policy, replica
    /// size, prompt and answer length.
    fn scenarios(n: usize) -> Vec<Scenario> {
        let c = catalogue();
        let precs: Vec<Vec<Precision>> = c.gpus.iter().map(Precision::supported).collect();
        let mut rng = Rng(0x6fab_41c0_ffee_0006);
        (0..n)
            .map(|i| {
                let gi = i % c.gpus.len();
                let g = &c.gpus[gi];
                let m = &c.models[(i / c.gpus.len()) % c.models.len()];
                let p = &precs[gi];
                let precision = if p.is_empty() {
                    Precision::Fp16
                } else {
                    p[rng.range(0, p.len() as u32 - 1) as usize]
                };
                let batch = match rng.range(0, 2) {
                    0 => Batch::Max,
                    1 => Batch::Fixed(rng.log_range(1, 1024)),
                    _ => Batch::Interactivity(f64::from(rng.log_range(5, 1000))),
                };
                Scenario {
                    gpu: g.id.clone(),
                    model: m.id.clone(),
                    precision,
                    gpus_per_replica: 1 << rng.range(0, 6),
                    batch,
                    prompt_tokens: rng.log_range(16, 32_768),
                    output_tokens: rng.log_range(16, 8192),
                    ..Scenario::default()
                }
            })
            .collect()
    }

    /// Evaluates `list` in order, round after round, until `budget` is spent.
    /// Returns (evaluations, seconds).
    fn evaluate_for(list: &[&Scenario], budget: Duration) -> (u64, f64) {
        let start = Instant::now();
        let mut n: u64 = 0;
        'outer: loop {
            for chunk in list.chunks(1024) {
                for s in chunk {
                    black_box(evaluate(black_box(s)));
                }
                n += chunk.len() as u64;
                if start.elapsed() >= budget {
                    break 'outer;
                }
            }
        }
        (n, start.elapsed().as_secs_f64())
    }

    pub fn run() {
        let budget = budget();
        let owned = scenarios(SCENARIOS);
        let list: Vec<&Scenario> = owned.iter().collect();
        // Warm-up (parses the catalogue, faults pages in) on scenarios not timed below first.
        evaluate_for(&list[list.len() - 2048..], Duration::from_millis(100));

        let (n, secs) = evaluate_for(&list, budget);
        let evals_per_s = n as f64 / secs;
        println!(
            "evaluate: {} distinct scenarios, {n} evaluations ({:.2} passes) in {secs:.2} s: {evals_per_s:.0} evaluations/s ({:.2} µs each)",
            list.len(),
            n as f64 / list.len() as f64,
            1e6 / evals_per_s
        );

        // Where the time goes: the same list split by batch policy (a quarter budget each).
        let policy = |b: &Batch| match b {
            Batch::Max => "batch=max",
            Batch::Fixed(_) => "batch=<n>",
            Batch::Interactivity(_) => "tps_user=<n>",
        };
        for name in ["batch=max", "batch=<n>", "tps_user=<n>"] {
            let part: Vec<&Scenario> = list
                .iter()
                .copied()
                .filter(|s| policy(&s.batch) == name)
                .collect();
            let (n, secs) = evaluate_for(&part, budget / 4);
            let rate = n as f64 / secs;
            println!(
                "evaluate, {name}: {} distinct scenarios: {rate:.0} evaluations/s ({:.2} µs each)",
                part.len(),
                1e6 / rate
            );
        }
        // The same 64 scenarios over and over: what a memo cache (if any) would serve.
        let (n, secs) = evaluate_for(&list[..64], budget / 4);
        let repeat_per_s = n as f64 / secs;
        println!(
            "evaluate, 64 scenarios repeated: {repeat_per_s:.0} evaluations/s ({:.2} µs each)",
            1e6 / repeat_per_s
        );

        let c = catalogue();
        let model = c
            .model("llama-3.1-70b")
            .unwrap_or_else(|| &c.models[c.models.len() / 2]);
        let d = Scenario::default();
        let inputs = |prompt: u32| FrontierInputs {
            engine: fabrik::model::BEST_ENGINE,
            prompt: f64::from(prompt),
            output: f64::from(d.output_tokens),
            pue: d.pue,
        };
        let ph = Physics::from_catalogue();
        let pairs: Vec<(&Gpu, Precision)> = c
            .gpus
            .iter()
            .flat_map(|g| Precision::supported(g).into_iter().map(move |p| (g, p)))
            .collect();
        let full_sweep = |inputs: &FrontierInputs| -> usize {
            pairs
                .iter()
                .map(|&(g, p)| {
                    black_box(frontier::sweep(
                        black_box(g),
                        model,
                        p,
                        black_box(inputs),
                        &ph,
                    ))
                    .len()
                })
                .sum()
        };
        let per_sweep = full_sweep(&inputs(d.prompt_tokens));
        let start = Instant::now();
        let mut sweeps: u64 = 0;
        let mut configs: u64 = 0;
        while start.elapsed() < budget {
            // A different prompt length each time (1024 ± 512), so nothing can be reused.
            let prompt = 512 + (sweeps % 1024) as u32;
            configs += full_sweep(&inputs(prompt)) as u64;
            sweeps += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let configs_per_s = configs as f64 / secs;
        let sweep_ms = secs * 1e3 / sweeps as f64;
        println!(
            "frontier::sweep: {} on {} chips ({} chip × precision sweeps), {per_sweep} configurations per full sweep at the default workload; {sweeps} full sweeps ({configs} configurations) in {secs:.2} s: {configs_per_s:.0} configurations/s, {sweep_ms:.3} ms per full sweep",
            model.id,
            c.gpus.len(),
            pairs.len()
        );
        // Diagnostics: the same full sweep for DeepSeek-R1, whose experts may spread over
        // servers (the frontier then sweeps replicas up to 144 GPUs on 8-GPU chips), and for
        // gpt-oss-120b, a grouped-query mixture of experts swept with both attention layouts.
        let moe_ms_of = |id: &str| -> (usize, f64) {
            let moe = c.model(id).unwrap_or(model);
            let moe_sweep = |inputs: &FrontierInputs| -> usize {
                pairs
                    .iter()
                    .map(|&(g, p)| {
                        black_box(frontier::sweep(black_box(g), moe, p, inputs, &ph)).len()
                    })
                    .sum()
            };
            let configs = moe_sweep(&inputs(d.prompt_tokens));
            let start = Instant::now();
            let mut sweeps: u64 = 0;
            while start.elapsed() < budget / 4 {
                moe_sweep(&inputs(512 + (sweeps % 1024) as u32));
                sweeps += 1;
            }
            let ms = start.elapsed().as_secs_f64() * 1e3 / sweeps as f64;
            println!(
                "frontier::sweep: {} on the same chips, {configs} configurations per full sweep: {ms:.3} ms per full sweep (diagnostic)",
                moe.id
            );
            (configs, ms)
        };
        let (moe_configs, moe_ms) = moe_ms_of("deepseek-r1");
        let (gqa_configs, gqa_ms) = moe_ms_of("gpt-oss-120b");
        println!("bench-result native_evals_per_s={evals_per_s:.0}");
        println!("bench-result native_scenarios={}", list.len());
        println!("bench-result native_repeat_evals_per_s={repeat_per_s:.0}");
        println!("bench-result native_sweep_configs={per_sweep}");
        println!("bench-result native_sweep_configs_per_s={configs_per_s:.0}");
        println!("bench-result native_sweep_ms={sweep_ms:.4}");
        println!("bench-result native_sweep_moe_ms={moe_ms:.4}");
        println!("bench-result native_sweep_moe_configs={moe_configs}");
        println!("bench-result native_sweep_gqa_moe_ms={gqa_ms:.4}");
        println!("bench-result native_sweep_gqa_moe_configs={gqa_configs}");
    }
}
