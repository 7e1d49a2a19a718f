//! The components `fabrik-cli calibrate` reads off InferenceMAX's rows
//! (`src/calibration/readings.rs`): each reading recovers what is put in, and applied to the
//! model finds the model's own figures. Native only, as the readings are.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::model::step::Physics;

/// Reading a prefill rate off two times to first token (`calibration::rate_and_latency`)
/// recovers a rate and a latency put in, and refuses times that do not grow with the prompt.
#[test]
fn a_prefill_rate_is_read_off_two_times_to_first_token() {
    use fabrik::calibration::rate_and_latency;
    // 8 GPUs at 5,000 tokens/s each, 120 ms before the first prompt token.
    let t = |p: f64| 0.120 + p / (5_000.0 * 8.0);
    let (rate, latency) = rate_and_latency((1024.0, t(1024.0)), (8192.0, t(8192.0)), 8.0)
        .expect("times that grow with the prompt");
    assert!((rate / 5_000.0 - 1.0).abs() < 1e-12, "{rate}");
    assert!((latency - 0.120).abs() < 1e-12, "{latency}");
    assert!(rate_and_latency((1024.0, 0.2), (8192.0, 0.2), 8.0).is_none());
    assert!(rate_and_latency((8192.0, 0.1), (1024.0, 0.2), 8.0).is_none());
}

/// The reading applied to the model's own times to first token finds the model's own prefill
/// rate (one pass of the longer prompt) wherever attention is tensor parallel, so the rates it
/// reads off the measured times (`fabrik-cli calibrate`) compare like with like. Data-parallel
/// attention is left out (a prompt's chunk runs beside other ranks', `RankSpread`), and so is
/// a single request: its 1,024-token pass runs slower per token than the 8,192-token one (the
/// fixed costs weigh more), so the reading finds a rate between the two (1.33× the longer
/// pass's, model 2028.08).
#[test]
fn the_ttft_reading_recovers_the_models_own_prefill_rate() {
    use fabrik::calibration::{inferencemax_rows, prefill_slopes, public_rows};
    let ph = Physics::from_catalogue();
    let mut n = 0;
    for rows in [inferencemax_rows(), public_rows()] {
        for p in prefill_slopes(rows, &ph) {
            assert!(p.measured > 0.0 && p.measured.is_finite(), "{p:?}");
            assert!(p.prompts.0 < p.prompts.1 && p.conc <= 4.0, "{p:?}");
            if p.dp_attention || p.conc < 4.0 {
                continue;
            }
            n += 1;
            assert!(
                (p.model / p.model_pass - 1.0).abs() <= 0.05,
                "{}: read {:.0}, pass {:.0} tokens/s per GPU",
                p.family,
                p.model,
                p.model_pass
            );
        }
    }
    assert!(n >= 20, "{n} setups read");
}

/// Reading a decode step off the speeds per user at two concurrencies
/// (`calibration::fixed_and_per_seq`) recovers a fixed cost and a cost per request put in, and
/// refuses concurrencies out of order.
#[test]
fn a_decode_step_is_read_off_two_speeds_per_user() {
    use fabrik::calibration::fixed_and_per_seq;
    // 9 ms a step, 0.4 ms per request in flight.
    let v = |c: f64| 1.0 / (0.009 + 0.0004 * c);
    let (fixed, per) = fixed_and_per_seq((4.0, v(4.0)), (8.0, v(8.0))).expect("two concurrencies");
    assert!(
        (fixed - 0.009).abs() < 1e-12 && (per - 0.0004).abs() < 1e-12,
        "{fixed} {per}"
    );
    assert!(fixed_and_per_seq((8.0, v(8.0)), (4.0, v(4.0))).is_none());
    assert!(fixed_and_per_seq((4.0, 0.0), (8.0, v(8.0))).is_none());
}

/// The decode reading covers the low-concurrency setups of both files, each pair read at the
/// setup's two lowest concurrencies; applied to the model it finds what a step must be: each
/// further request costs time (weights are read once a step, KV and FLOPs per sequence), and
/// what is left at no request is positive and below the time per token at the lower
/// concurrency.
#[test]
fn the_decode_reading_finds_a_step_that_grows_with_its_requests() {
    use fabrik::calibration::{DECODE_MAX_CONC, decode_slopes, inferencemax_rows, public_rows};
    let ph = Physics::from_catalogue();
    let mut n = 0;
    for rows in [inferencemax_rows(), public_rows()] {
        for d in decode_slopes(rows, &ph) {
            n += 1;
            assert!(d.conc.0 < d.conc.1 && d.conc.1 <= DECODE_MAX_CONC, "{d:?}");
            assert!(d.measured_fixed_s.is_finite(), "{d:?}");
            let low = d.model_fixed_s + d.model_per_seq_s * d.conc.0;
            assert!(
                d.model_per_seq_s > 0.0 && d.model_fixed_s > 0.0 && d.model_fixed_s < low,
                "{}: fixed {:.2} ms, {:.3} ms per request",
                d.family,
                d.model_fixed_s * 1e3,
                d.model_per_seq_s * 1e3
            );
        }
    }
    assert!(n >= 40, "{n} setups read");
}

/// The pool rate a disaggregated row's output implies (`calibration::pool_prompt_rate`) is the
/// pool's prompt tokens/s per GPU where the pool limits the server.
#[test]
fn a_pool_rate_is_read_off_a_servers_output() {
    use fabrik::calibration::pool_prompt_rate;
    // 4 prefill GPUs at 10,000 prompt tokens/s each, 1,024-token prompts, 512-token answers:
    // 78.125 answers/s, 40,000 output tokens/s over 12 GPUs.
    let per_gpu = 4.0 * 10_000.0 / 1024.0 * 512.0 / 12.0;
    let rate = pool_prompt_rate(per_gpu, 12.0, 4.0, 1024.0, 512.0);
    assert!((rate / 10_000.0 - 1.0).abs() < 1e-12, "{rate}");
}

/// The pool reading applied to the model's own serving figures never finds a pool faster than
/// the model's, and finds the model's own rate in the setups where the model's prefill pool
/// limits a row: what it reads off the measured rows compares like with like.
#[test]
fn the_pool_reading_recovers_the_models_own_pool_rate() {
    use fabrik::calibration::{inferencemax_rows, pool_rates, public_rows};
    let ph = Physics::from_catalogue();
    let (mut n, mut limited, mut queued) = (0, 0, 0);
    for rows in [inferencemax_rows(), public_rows()] {
        for p in pool_rates(rows, &ph) {
            n += 1;
            assert!(p.measured > 0.0 && p.model > 0.0, "{p:?}");
            assert!(
                p.queued <= p.rows && p.ttft_low_s <= p.ttft_busiest_s,
                "{p:?}"
            );
            assert!(
                p.model_read <= p.model * (1.0 + 1e-9),
                "{}: read {:.0}, pool {:.0} tokens/s per GPU",
                p.family,
                p.model_read,
                p.model
            );
            limited += usize::from((p.model_read / p.model - 1.0).abs() < 1e-6);
            queued += usize::from(p.busiest_queued);
        }
    }
    assert!(n >= 50 && queued >= 25, "{n} setups, {queued} queueing");
    assert!(
        limited >= 5,
        "{limited} setups where the model's pool limits a row"
    );
}

/// The prefill readings' figures section 8 quotes (`calibration::PREFILL_READINGS`) are what
/// the readings find under the catalogue's constants: setups exactly, the medians to the
/// second decimal. A model change that moves them fails here until the constant is updated.
#[test]
fn section_8_quotes_the_prefill_readings_as_they_are() {
    use fabrik::calibration::{PREFILL_READINGS, prefill_readings};
    let now = prefill_readings(&Physics::from_catalogue());
    for (name, (n, r), (qn, qr)) in [
        ("single servers", now.single, PREFILL_READINGS.single),
        ("prefill pools", now.pools, PREFILL_READINGS.pools),
    ] {
        assert!(
            n == qn && (r - qr).abs() < 0.005,
            "{name}: the readings find {n} setups at a median {r:.2}x, PREFILL_READINGS says {qn} at {qr:.2}x"
        );
    }
}

/// Section 8's lead quotes three median |errors| (`calibration::TRUST_MEDIANS`, whole percent)
/// that are what the calibration groups find under the catalogue's constants. A model change
/// that moves them fails here until the constant is updated.
#[test]
fn section_8_lead_quotes_the_group_medians_as_they_are() {
    use fabrik::calibration::{TRUST_MEDIANS, compare, group_errors};
    let groups = group_errors(&compare(&Physics::from_catalogue()));
    let median = |group: &str, metric: &str| {
        groups
            .iter()
            .find(|g| g.group == group && g.metric == metric)
            .map(|g| (g.median_abs * 100.0).round())
            .expect("group present")
    };
    let t = TRUST_MEDIANS;
    for (name, now, quoted) in [
        (
            "MLPerf throughput",
            median("mlperf", "throughput"),
            t.mlperf_throughput,
        ),
        (
            "ML.ENERGY energy",
            median("mlenergy", "energy"),
            t.mlenergy_energy,
        ),
        (
            "ML.ENERGY tokens/s",
            median("mlenergy", "throughput"),
            t.mlenergy_throughput,
        ),
    ] {
        assert_eq!(
            now, quoted,
            "{name}: the groups find {now} %, TRUST_MEDIANS says {quoted} %"
        );
    }
}
