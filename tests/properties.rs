//! Properties of the model over at least 100,000 random scenarios per run: every chip ×
//! model × precision (unsupported ones included: they fall back), random replica sizes
//! (powers of two or not), batch policies, lengths, prices, PUE, utilisation, lifetime and
//! site power, from a fixed-seed generator (the same cases every run; change `SEED` to explore).
//!
//! Every property counts the cases it really checked and asserts that count, so none can pass
//! by never running its check. Tolerances: sums and ratios within a relative 1e-9 (the
//! arithmetic is a few dozen floating-point operations deep).
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::{Gpu, catalogue};
use fabrik::model::serving::{Deployment, Layout, Precisions};
use fabrik::model::step::Physics;
use fabrik::model::{Batch, Notice, Outcome, Precision, Scenario, economics, serve};

const SEED: u64 = 0x0fab_0016_5eed_2026;
/// Scenarios of the main property sweep.
const SCENARIOS: usize = 100_000;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Scenario `i`: chip and model cycle through the whole catalogue, the rest is random.
fn scenario(i: usize, r: &mut Rng) -> Scenario {
    let c = catalogue();
    let g = &c.gpus[i % c.gpus.len()];
    let m = &c.models[(i / c.gpus.len()) % c.models.len()];
    let batch = match r.below(3) {
        0 => Batch::Max,
        1 => Batch::Fixed(r.whole(1.0, 4096.0)),
        _ => Batch::Interactivity(r.log(1.0, 1000.0)),
    };
    Scenario {
        gpu: g.id.clone(),
        model: m.id.clone(),
        precision: Precision::ALL[r.below(Precision::ALL.len())],
        weights: match r.below(3) {
            0 => Some(Precision::ALL[r.below(Precision::ALL.len())]),
            _ => None,
        },
        kv: match r.below(3) {
            0 => Some(Precision::ALL[r.below(Precision::ALL.len())]),
            _ => None,
        },
        engine: match r.below(c.engines.len() + 1) {
            0 => fabrik::model::BEST_ENGINE.to_string(),
            k => c.engines[k - 1].id.clone(),
        },
        gpus_per_replica: r.whole(1.0, 300.0),
        tp: match r.below(3) {
            0 => Some(r.whole(1.0, 80.0)),
            _ => None,
        },
        ep: match r.below(4) {
            0 => Some(r.whole(1.0, 72.0)),
            _ => None,
        },
        dp_attention: match r.below(3) {
            0 => Some(r.below(2) == 0),
            _ => None,
        },
        dp_balance: match r.below(3) {
            0 => Some(r.below(2) == 0),
            _ => None,
        },
        mtp: r.below(4) == 0,
        drafts: (r.below(3) == 0).then(|| 1 + r.below(4) as u32),
        disagg: if r.below(6) == 0 {
            fabrik::model::Disagg {
                on: true,
                prefill_gpus: Some(r.whole(1.0, 64.0)),
                decode_gpus: Some(r.whole(1.0, 72.0)),
                prefill_tp: if r.below(2) == 0 {
                    Some(r.whole(1.0, 8.0))
                } else {
                    None
                },
                prefill_ep: None,
            }
        } else {
            fabrik::model::Disagg::default()
        },
        batch,
        context_tokens: if r.below(4) == 0 {
            Some(r.whole(1.0, 262_144.0))
        } else {
            None
        },
        prompt_tokens: r.whole(1.0, 131_072.0),
        output_tokens: r.whole(1.0, 65_536.0),
        facility_mw: r.log(0.001, 10_000.0),
        pue: 1.0 + 2.0 * r.unit(),
        usd_per_kwh: r.unit(),
        utilization: 0.01 + 0.99 * r.unit(),
        lifetime_years: 0.5 + 19.5 * r.unit(),
        gpu_price_usd: if r.below(3) == 0 {
            Some(r.log(100.0, 1e6))
        } else {
            None
        },
        usd_per_mtok: r.log(0.001, 1000.0),
        grid: c.grids[r.below(c.grids.len())].id.clone(),
        grid_g_per_kwh: match r.below(3) {
            0 => Some(r.log(1.0, 1500.0)),
            _ => None,
        },
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

/// Every number of an outcome with its path; a non-finite number is `None` (JSON writes it
/// as null), and so is a payback that never comes.
fn numbers(o: &Outcome) -> Vec<(String, Option<f64>)> {
    fn walk(p: &str, v: &serde_json::Value, out: &mut Vec<(String, Option<f64>)>) {
        match v {
            serde_json::Value::Number(n) => out.push((p.into(), n.as_f64())),
            serde_json::Value::Null => out.push((p.into(), None)),
            serde_json::Value::Object(m) => m
                .iter()
                .filter(|(k, _)| *k != "warnings")
                .for_each(|(k, v)| walk(&format!("{p}.{k}"), v, out)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(p, v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        "",
        &serde_json::to_value(o).expect("serialisable"),
        &mut out,
    );
    out
}

#[test]
fn a_hundred_thousand_scenarios_keep_every_invariant() {
    let ph = Physics::from_catalogue();
    let mut r = Rng(SEED);
    let (mut finite, mut sums, mut facility, mut twice, mut does_not_fit) = (0, 0, 0, 0, 0);
    let mut combos = std::collections::BTreeSet::new();
    for i in 0..SCENARIOS {
        let s = scenario(i, &mut r);
        let served = serve(&s, &ph);
        let o = economics(&s, &served);
        combos.insert((o.gpu, o.model, s.precision.as_str()));
        // 1. Every figure finite and non-negative (the margin may be negative; the payback
        //    absent when revenue never covers running costs), or a named "does not fit".
        let fits = !o
            .warnings
            .iter()
            .any(|w| matches!(w, Notice::DoesNotFit { .. }));
        if !fits {
            does_not_fit += 1;
        }
        for (path, v) in numbers(&o) {
            match v {
                Some(x) => assert!(
                    x.is_finite() && (x >= 0.0 || path.contains("margin")),
                    "{i}: {path} = {x} for {s:?}"
                ),
                None => assert!(
                    path == ".factory.payback_years" || !fits,
                    "{i}: {path} is not finite for {s:?}"
                ),
            }
        }
        finite += 1;
        // 2. Breakdowns sum to their totals.
        let b = &o.serving.cost_breakdown;
        assert!(
            close(
                b.hardware + b.facility + b.electricity + b.other,
                b.total,
                1e-9
            ),
            "{i}"
        );
        assert!(
            close(b.total, o.serving.usd_per_million_output_tokens, 1e-12),
            "{i}"
        );
        let p = &o.power;
        let parts = p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w + p.host_w;
        assert!(
            close(parts + p.cooling_and_losses_w, p.total_w, 1e-9),
            "{i}"
        );
        let f = &o.factory;
        assert!(
            close(
                f.hardware_capex_usd + f.facility_capex_usd,
                f.capex_usd,
                1e-9
            ),
            "{i}"
        );
        sums += 1;
        // 3. GPU-only energy never exceeds the all-in facility energy.
        assert!(
            o.serving.gpu_joules_per_output_token
                <= o.serving.facility_joules_per_output_token * (1.0 + 1e-9),
            "{i}: GPU {} J > facility {} J",
            o.serving.gpu_joules_per_output_token,
            o.serving.facility_joules_per_output_token
        );
        facility += 1;
        // 4. Twice the site: twice the GPUs (to the slot), and tokens, energy and capex in
        //    exactly the GPUs' ratio (the physics is per GPU; only the slot count changes).
        if s.facility_mw * 2.0 <= 10_000.0 && o.factory.gpus >= 1000.0 {
            let mut big = s.clone();
            big.facility_mw *= 2.0;
            let o2 = economics(&big, &served);
            let ratio = o2.factory.gpus / o.factory.gpus;
            assert!(
                (ratio - 2.0).abs() <= 2.0 / o.factory.gpus,
                "{i}: GPUs ×{ratio}"
            );
            for (a, b, what) in [
                (o.factory.tokens_per_s, o2.factory.tokens_per_s, "tokens"),
                (
                    o.factory.energy_gwh_per_year,
                    o2.factory.energy_gwh_per_year,
                    "energy",
                ),
                (o.factory.capex_usd, o2.factory.capex_usd, "capex"),
            ] {
                assert!(
                    close(b / a, ratio, 1e-9),
                    "{i}: {what} ×{} vs GPUs ×{ratio}",
                    b / a
                );
            }
            twice += 1;
        }
    }
    let c = catalogue();
    assert_eq!(finite, SCENARIOS);
    assert_eq!(sums, SCENARIOS);
    assert_eq!(facility, SCENARIOS);
    assert!(
        twice >= SCENARIOS / 10,
        "twice the site checked {twice} times"
    );
    assert_eq!(
        combos.len(),
        c.gpus.len() * c.models.len() * Precision::ALL.len(),
        "every chip × model × precision asked for"
    );
    println!(
        "properties: {SCENARIOS} scenarios; twice the site {twice}; does not fit {does_not_fit}"
    );
}

/// A random deployment and step shape for the step-level properties.
fn deployment_case(r: &mut Rng) -> (&'static Gpu, usize, Precision, u32, f64, f64) {
    let c = catalogue();
    let g = &c.gpus[r.below(c.gpus.len())];
    let m = r.below(c.models.len());
    let p = Precision::ALL[r.below(Precision::ALL.len())].supported_on(g);
    let gpus = 1 << r.below(7);
    (
        g,
        m,
        p,
        gpus,
        r.log(1.0, 2048.0).round(),
        r.log(16.0, 65_536.0).round(),
    )
}

#[test]
fn more_bandwidth_or_flops_never_slow_a_step_and_longer_context_never_speeds_decode() {
    const CASES: usize = 20_000;
    let ph = Physics::from_catalogue();
    let c = catalogue();
    let mut r = Rng(SEED ^ 1);
    let (mut bw, mut flops, mut context) = (0, 0, 0);
    for i in 0..CASES {
        let (g, m, p, gpus, batch, ctx) = deployment_case(&mut r);
        let model = &c.models[m];
        let layout = Layout::new(gpus, g.scale_up_gpus);
        let engine = &c.engines[i % c.engines.len()];
        let p = Precisions::uniform(p, g);
        let base = Deployment::new(g, model, p, engine, layout, None, ph);
        let (d0, p0) = (base.decode(batch, ctx), base.prefill(batch, ctx));

        let mut more_bw = g.clone();
        more_bw.hbm_tb_s *= 1.0 + r.unit() * 3.0;
        let dep = Deployment::new(&more_bw, model, p, engine, layout, None, ph);
        assert!(
            dep.decode(batch, ctx).step_s <= d0.step_s * (1.0 + 1e-9),
            "{i}: decode, BW"
        );
        assert!(
            dep.prefill(batch, ctx).step_s <= p0.step_s * (1.0 + 1e-9),
            "{i}: prefill, BW"
        );
        bw += 1;

        let mut more_flops = g.clone();
        let k = 1.0 + r.unit() * 3.0;
        let t = &mut more_flops.dense_tflops;
        for v in [
            &mut t.fp32,
            &mut t.fp16,
            &mut t.bf16,
            &mut t.fp8,
            &mut t.fp4,
        ] {
            *v = v.map(|x| x * k);
        }
        let dep = Deployment::new(&more_flops, model, p, engine, layout, None, ph);
        assert!(
            dep.decode(batch, ctx).step_s <= d0.step_s * (1.0 + 1e-9),
            "{i}: decode, FLOP/s"
        );
        assert!(
            dep.prefill(batch, ctx).step_s <= p0.step_s * (1.0 + 1e-9),
            "{i}: prefill, FLOP/s"
        );
        flops += 1;

        let longer = base.decode(batch, ctx * (1.0 + r.unit() * 4.0));
        assert!(
            longer.step_s >= d0.step_s * (1.0 - 1e-9),
            "{i}: longer context, faster decode: {} {} {:?} {batch} {ctx}: {:?} vs {:?}",
            g.id,
            model.id,
            layout,
            d0.run,
            longer.run
        );
        context += 1;
    }
    assert_eq!((bw, flops, context), (CASES, CASES, CASES));
}

#[test]
fn a_bigger_batch_never_lowers_throughput_and_the_speed_target_picks_the_largest_fast_batch() {
    const CASES: usize = 3_000;
    let mut r = Rng(SEED ^ 2);
    let (mut grew, mut target_met, mut next_too_slow, mut next_does_not_fit) = (0, 0, 0, 0);
    let mut one = 0;
    for i in 0..CASES {
        let mut s = scenario(i * 7 + 3, &mut r);
        // Batches of one server (a disaggregated deployment's requests in flight queue for
        // prefill: tests/disagg.rs).
        s.disagg = Default::default();
        // A bigger fixed batch: more tokens/s per GPU, fewer per user (where it fits).
        let b = r.whole(1.0, 512.0);
        s.batch = Batch::Fixed(b);
        let a = fabrik::model::evaluate(&s);
        // On the same layout (at another batch another layout may serve better).
        let mut s2 = s.clone();
        s2.batch = Batch::Fixed(b * 2);
        s2.tp = Some(a.layout.tp);
        s2.ep = Some(a.layout.ep);
        s2.dp_attention = Some(a.dp_attention);
        let c2 = fabrik::model::evaluate(&s2);
        if c2.decode.batch > a.decode.batch {
            assert!(
                c2.decode.tokens_per_s_per_gpu >= a.decode.tokens_per_s_per_gpu * (1.0 - 1e-9),
                "{i}: {} → {}",
                a.decode.tokens_per_s_per_gpu,
                c2.decode.tokens_per_s_per_gpu
            );
            assert!(
                c2.serving.tokens_per_s_per_user <= a.serving.tokens_per_s_per_user * (1.0 + 1e-9),
                "{i}: {} {} {:?} {:?} batch {} → {}: {} → {} per user",
                s.gpu,
                s.model,
                a.layout,
                c2.layout,
                a.serving.batch,
                c2.serving.batch,
                a.serving.tokens_per_s_per_user,
                c2.serving.tokens_per_s_per_user
            );
            grew += 1;
        }
        // The speed target: the batch chosen is fast enough, and one more sequence is too slow
        // or does not fit.
        let v = r.log(1.0, 400.0);
        s.batch = Batch::Interactivity(v);
        let o = fabrik::model::evaluate(&s);
        let chosen = o.serving.batch;
        assert!(
            chosen >= 1.0 && chosen == chosen.floor(),
            "{i}: batch {chosen}"
        );
        // The same layout (tensor- and expert-parallel widths, attention's split) at a fixed
        // batch (another layout may serve it better).
        let fixed = |n: f64| {
            let mut t = s.clone();
            t.batch = Batch::Fixed(n as u32);
            t.tp = Some(o.layout.tp);
            t.ep = Some(o.layout.ep);
            t.dp_attention = Some(o.dp_attention);
            fabrik::model::evaluate(&t)
        };
        if o.serving.tokens_per_s_per_user >= v * (1.0 - 1e-12) {
            target_met += 1;
        } else {
            // Too slow even with one sequence per instance: that is the batch.
            assert!(
                chosen <= f64::from(o.layout.dp).max(1.0),
                "{i}: batch {chosen}"
            );
            one += 1;
        }
        // The largest batch a speed target may choose: the engine's default scheduler limit
        // (a fixed batch may go past it, up to what memory holds).
        let at_max = {
            let mut t = s.clone();
            t.batch = Batch::Max;
            t.tp = Some(o.layout.tp);
            t.ep = Some(o.layout.ep);
            t.dp_attention = Some(o.dp_attention);
            fabrik::model::evaluate(&t).serving.batch
        };
        let next = fixed(chosen + 1.0);
        if next.serving.batch > chosen && chosen < at_max {
            assert!(
                next.serving.tokens_per_s_per_user < v,
                "{i}: batch {} also reaches {v} {:?} {:?} {}",
                chosen + 1.0,
                fabrik::scenario::to_query(&s),
                o.layout,
                o.dp_attention
            );
            next_too_slow += 1;
        } else {
            next_does_not_fit += 1;
        }
    }
    // Each branch ran on a real share of the cases.
    assert!(grew >= CASES / 4, "bigger batch checked {grew} times");
    assert!(
        target_met >= CASES / 4,
        "speed target met checked {target_met} times"
    );
    assert!(
        next_too_slow >= CASES / 10,
        "one more too slow checked {next_too_slow} times"
    );
    assert_eq!(target_met + one, CASES);
    assert_eq!(next_too_slow + next_does_not_fit, CASES);
}

#[test]
fn gpus_per_mw_fall_when_pue_or_server_power_rise() {
    use fabrik::model::site::provisioned;
    let c = catalogue();
    let mut r = Rng(SEED ^ 3);
    let (mut pue_checked, mut power_checked) = (0, 0);
    for i in 0..10_000 {
        let g = &c.gpus[i % c.gpus.len()];
        let pue = 1.0 + 2.0 * r.unit();
        let per_mw = |g: &Gpu, pue: f64| 1e6 / provisioned(g, pue).facility_w;
        let base = per_mw(g, pue);
        assert!(base.is_finite() && base > 0.0, "{}", g.id);
        assert!(
            per_mw(g, pue + 0.01 + r.unit()) < base,
            "{}: higher PUE, more GPUs per MW",
            g.id
        );
        pue_checked += 1;
        let mut hotter = g.clone();
        hotter.server_max_w_per_gpu += 1.0 + 500.0 * r.unit();
        assert!(
            per_mw(&hotter, pue) < base,
            "{}: more server power, more GPUs per MW",
            g.id
        );
        power_checked += 1;
        // The provisioned power is more than the GPU's own TDP and the server's maximum.
        let p = provisioned(g, pue);
        assert!(
            p.facility_w > p.server_w && p.server_w >= g.tdp_w,
            "{}",
            g.id
        );
    }
    assert_eq!((pue_checked, power_checked), (10_000, 10_000));
}

/// The layout search tries both attention layouts for a mixture of experts unless one is asked
/// (`Setup::attention_choices`): what it picks serves at least as many tokens per GPU as
/// either layout forced on the same replica, and where a speed target is asked, meets it
/// whenever either does (or, where neither does, is at least as fast per user). A
/// benchmark-only engine runs its one layout: the search changes nothing there.
#[test]
fn the_search_is_never_worse_than_either_attention_layout_forced() {
    let c = catalogue();
    let moe: Vec<_> = c.models.iter().filter(|m| m.moe.is_some()).collect();
    assert!(moe.len() >= 4);
    let mut r = Rng(SEED ^ 7);
    const CASES: usize = 3_000;
    let (mut compared, mut target, mut bench) = (0, 0, 0);
    for i in 0..CASES {
        let mut s = scenario(i, &mut r);
        s.model = moe[i % moe.len()].id.clone();
        (s.tp, s.ep, s.dp_attention) = (None, None, None);
        s.disagg = fabrik::model::Disagg::default();
        s.gpus_per_replica = [1, 2, 4, 8, 16, 32, 72][r.below(7)];
        let auto = fabrik::model::evaluate(&s);
        let forced = |d: bool| {
            let mut t = s.clone();
            t.dp_attention = Some(d);
            fabrik::model::evaluate(&t)
        };
        let benchmark_only = c.engine(&s.engine).is_some_and(|e| {
            e.benchmark_only && fabrik::model::served::runs_on(e, c.gpu(&s.gpu).unwrap())
        });
        if benchmark_only {
            // The engines' usual layout, never the other.
            let usual =
                fabrik::model::setup::attention_data_parallel(c.model(&s.model).unwrap(), None);
            assert_eq!(
                auto.dp_attention,
                usual,
                "{i}: {}",
                fabrik::scenario::to_query(&s)
            );
            assert_eq!(
                forced(usual).serving,
                auto.serving,
                "{i}: {}",
                fabrik::scenario::to_query(&s)
            );
            bench += 1;
            continue;
        }
        for o in [forced(true), forced(false)] {
            if o.layout.gpus != auto.layout.gpus {
                continue;
            }
            let (a, b) = (&auto.serving, &o.serving);
            match s.batch {
                Batch::Interactivity(v) if b.tokens_per_s_per_user >= v * (1.0 - 1e-9) => {
                    assert!(
                        a.tokens_per_s_per_user >= v * (1.0 - 1e-9),
                        "{i}: {}",
                        fabrik::scenario::to_query(&s)
                    );
                    assert!(
                        a.output_tokens_per_s_per_gpu
                            >= b.output_tokens_per_s_per_gpu * (1.0 - 1e-9),
                        "{i}: {} vs {:?}",
                        fabrik::scenario::to_query(&s),
                        o.layout
                    );
                    target += 1;
                }
                Batch::Interactivity(v) if a.tokens_per_s_per_user < v * (1.0 - 1e-9) => {
                    assert!(
                        a.tokens_per_s_per_user >= b.tokens_per_s_per_user * (1.0 - 1e-9),
                        "{i}: {} vs {:?}",
                        fabrik::scenario::to_query(&s),
                        o.layout
                    );
                }
                Batch::Interactivity(_) => {}
                _ => assert!(
                    a.output_tokens_per_s_per_gpu >= b.output_tokens_per_s_per_gpu * (1.0 - 1e-9),
                    "{i}: {} vs {:?}",
                    fabrik::scenario::to_query(&s),
                    o.layout
                ),
            }
            compared += 1;
        }
    }
    assert!(compared >= CASES, "compared {compared} times");
    assert!(target >= CASES / 10, "speed target met {target} times");
    assert!(bench >= 20, "benchmark-only engine {bench} times");
}
