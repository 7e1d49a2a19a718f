//! The decode batch of one deployment: decode, prefill and their steady state at a batch
//! (with and without the time to first token), and the batch a policy asks for: the largest
//! that fits, a fixed one, or the largest that still meets a speed per user.

use super::Batch;
use super::serving::{self, Deployment, PhaseResult, Serving};

/// Decode, prefill and their steady state at a batch.
pub(super) fn evaluate_at(dep: &Deployment, batch: f64, lens: (f64, f64, f64)) -> Phases {
    with_ttft(dep, steady_at(dep, batch, lens), lens)
}

/// Decode, prefill and their steady state at a batch, without the time to first token (what
/// the batch search compares).
pub(super) fn steady_at(
    dep: &Deployment,
    batch: f64,
    (prompt, output, context): (f64, f64, f64),
) -> Phases {
    let decode = dep.decode(batch, context);
    let prefill = dep.prefill(batch, prompt);
    let serving = serving::combine(
        &decode,
        &prefill,
        batch,
        prompt,
        output,
        f64::from(dep.layout.gpus),
    );
    (decode, prefill, serving)
}

/// The steady state with its time to first token ([`Deployment::ttft`]).
pub(super) fn with_ttft(
    dep: &Deployment,
    (decode, prefill, mut serving): Phases,
    (prompt, output, _): (f64, f64, f64),
) -> Phases {
    serving.ttft_s = dep.ttft(&decode, &prefill, &serving, prompt, output);
    (decode, prefill, serving)
}

/// Decode, prefill and their steady state.
pub(super) type Phases = (PhaseResult, PhaseResult, Serving);

/// The decode batch for a deployment and workload.
///
/// # Formula
/// `max`: `min(⌊max_sequences(context)⌋, batch_limit)` (the engine's default scheduler
/// limit). A fixed batch `n`: `min(n, ⌊max_sequences(context)⌋)`, the scheduler set to it.
/// Interactivity target `v`: the largest batch `b ≤ max` whose serving speed per user is
/// `≥ v` (speed per user falls as the batch grows; found by false position on the time per
/// token, `1/speed`, which is nearly affine in `b`); one sequence per instance (`dp`) if even
/// that is too slow.
pub fn choose_batch(dep: &Deployment, batch: Batch, prompt: f64, output: f64, context: f64) -> f64 {
    let lens = (prompt, output, context);
    let max = dep.max_batch(context);
    let c_max = match batch {
        Batch::Interactivity(_) => cycle(&steady_at(dep, max, lens)),
        _ => f64::NAN,
    };
    batch_for_speed(dep, batch, lens, max, c_max).0
}

/// Time per output token of one user: the decode step plus its share of prefill
/// (`1 / tokens_per_s_per_user` of [`serving::combine`]).
pub(super) fn cycle((_, _, serving): &Phases) -> f64 {
    1.0 / serving.tokens_per_s_per_user
}

/// [`choose_batch`] given the largest batch `max` and the time per token there, `c_max`
/// (already known to [`super::layout::best_layout`], which evaluated it as its bound). With the batch, the
/// steady state at it where the search evaluated it ([`steady_at`]).
pub(super) fn batch_for_speed(
    dep: &Deployment,
    batch: Batch,
    lens: (f64, f64, f64),
    max: f64,
    c_max: f64,
) -> (f64, Option<Phases>) {
    let context = lens.2;
    match batch {
        Batch::Max => (max, None),
        // A batch asked for is run as asked if its KV cache fits (the scheduler set to it).
        Batch::Fixed(b) => ((b as f64).clamp(1.0, dep.fitting_batch(context)), None),
        Batch::Interactivity(v) => {
            let target = 1.0 / v;
            if c_max <= target {
                return (max, None);
            }
            // One sequence per instance: below that, instances stand idle.
            let one = f64::from(dep.layout.dp).min(max);
            let at_one = steady_at(dep, one, lens);
            let c_one = cycle(&at_one);
            // Too slow even alone (or not computable: NaN).
            if c_one > target || c_one.is_nan() {
                return (one, Some(at_one));
            }
            // Bracket [lo, hi] with cycle(lo) ≤ 1/v < cycle(hi). The cycle is close to affine
            // in the batch (weights read once per step, KV and FLOPs per sequence), so false
            // position on it (Illinois variant, which also copes with the kinks where the
            // regime changes) lands next to the answer in one or two evaluations.
            let (mut lo, mut hi) = (one, max);
            let mut at_lo = at_one;
            let (mut g_lo, mut g_hi) = (c_one - target, c_max - target);
            let mut side = 0i8;
            for _ in 0..64 {
                if hi - lo <= 1.0 {
                    break;
                }
                let x = lo - g_lo * (hi - lo) / (g_hi - g_lo);
                let mid = if x.is_finite() {
                    x.floor().clamp(lo + 1.0, hi - 1.0)
                } else {
                    (0.5 * (lo + hi)).floor()
                };
                let at_mid = steady_at(dep, mid, lens);
                let g = cycle(&at_mid) - target;
                if g <= 0.0 {
                    lo = mid;
                    at_lo = at_mid;
                    g_lo = g;
                    if side == 1 {
                        g_hi *= 0.5;
                    }
                    side = 1;
                } else {
                    hi = mid;
                    g_hi = g;
                    if side == -1 {
                        g_lo *= 0.5;
                    }
                    side = -1;
                }
            }
            (lo, Some(at_lo))
        }
    }
}
