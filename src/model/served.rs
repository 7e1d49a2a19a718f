//! The physics stage: what serving a model on a chip does, from the scenario's physical inputs
//! alone (chip, model, precision, replica size, batch policy, lengths). Prices, PUE,
//! utilisation, lifetime and site power are not read here: [`super::economics`] turns a
//! [`Served`] into energy, cost and factory figures, so a price slider never re-runs this.

use super::notice::Notice;
use super::serving::{self, Deployment, Layout, PhaseResult, Serving};
use super::step::Physics;
use super::{Batch, Precision, Scenario};
use crate::data::{Gpu, LlmModel, catalogue};

/// Largest replica considered (a 1.8T-parameter model in FP16 needs ~280 P100s).
pub const MAX_GPUS_PER_REPLICA: u32 = 1024;

/// The physics of serving one scenario: replica, batch, one decode step and one prefill pass,
/// and their steady-state combination.
#[derive(Debug, Clone)]
pub struct Served {
    /// The catalogue entries used (the defaults where the scenario's ids were unknown).
    pub gpu: &'static Gpu,
    pub model: &'static LlmModel,
    /// The precision used (the nearest the chip supports).
    pub precision: Precision,
    pub layout: Layout,
    /// Sequences decoded together per replica.
    pub batch: f64,
    pub prompt: f64,
    pub output: f64,
    /// Cached tokens per sequence in the decode step.
    pub context: f64,
    pub decode: PhaseResult,
    pub prefill: PhaseResult,
    pub serving: Serving,
    /// What was resolved, raised or reduced on the way, in order.
    pub notices: Vec<Notice>,
}

impl PartialEq for Served {
    /// Equal results: the same catalogue entries (compared by address: they live in the one
    /// static catalogue, and comparing them field by field would carry that code into the
    /// wasm for nothing) and equal figures.
    fn eq(&self, o: &Served) -> bool {
        std::ptr::eq(self.gpu, o.gpu)
            && std::ptr::eq(self.model, o.model)
            && self.precision == o.precision
            && self.layout == o.layout
            && self.batch == o.batch
            && self.prompt == o.prompt
            && self.output == o.output
            && self.context == o.context
            && self.decode == o.decode
            && self.prefill == o.prefill
            && self.serving == o.serving
            && self.notices == o.notices
    }
}

/// The scenario with every field this stage does not read set to its default: equal keys
/// give equal [`serve`] results (`tests/model.rs` checks it), so callers memoise on it.
pub fn physics_key(s: &Scenario) -> Scenario {
    let d = super::defaults();
    Scenario {
        gpu: s.gpu.clone(),
        model: s.model.clone(),
        precision: s.precision,
        gpus_per_replica: s.gpus_per_replica,
        batch: s.batch,
        context_tokens: s.context_tokens,
        prompt_tokens: s.prompt_tokens,
        output_tokens: s.output_tokens,
        facility_mw: d.facility_mw,
        pue: d.pue,
        usd_per_kwh: d.usd_per_kwh,
        utilization: d.utilization,
        lifetime_years: d.lifetime_years,
        gpu_price_usd: d.gpu_price_usd,
        usd_per_mtok: d.usd_per_mtok,
    }
}

/// Resolves ids to catalogue entries, falling back to the defaults with a notice.
fn resolve(s: &Scenario, notices: &mut Vec<Notice>) -> (&'static Gpu, &'static LlmModel) {
    let c = catalogue();
    let d = super::defaults();
    let gpu = c.gpu(&s.gpu).unwrap_or_else(|| {
        let used = c.gpu(&d.gpu).unwrap_or(&c.gpus[0]);
        notices.push(Notice::UnknownGpu {
            asked: s.gpu.clone(),
            used: &used.id,
        });
        used
    });
    let model = c.model(&s.model).unwrap_or_else(|| {
        let used = c.model(&d.model).unwrap_or(&c.models[0]);
        notices.push(Notice::UnknownModel {
            asked: s.model.clone(),
            used: &used.id,
        });
        used
    });
    (gpu, model)
}

/// The scenario's lengths within the table's ranges: `(prompt, output, context)`, the context
/// defaulting to `prompt + output/2` (the average over an answer).
pub fn lengths(s: &Scenario) -> (f64, f64, f64) {
    use super::params::row;
    let prompt = row("prompt").clamp(f64::from(s.prompt_tokens));
    let output = row("output").clamp(f64::from(s.output_tokens));
    let context = match s.context_tokens {
        Some(cx) => row("context").clamp(f64::from(cx)),
        None => prompt + output / 2.0,
    };
    (prompt, output, context)
}

/// Serves the scenario with the given physics constants.
///
/// # Formula
/// 1. precision: the one asked for if the chip supports it, else the nearest it has;
/// 2. replica: [`fitting_deployment`] (the requested GPUs, raised until the weights fit);
/// 3. batch: [`choose_batch`]; decode at `context` and prefill of `batch` prompts;
///    [`serving::combine`] for the steady state.
pub fn serve(s: &Scenario, physics: &Physics) -> Served {
    let mut notices = Vec::new();
    let (gpu, model) = resolve(s, &mut notices);
    let precision = s.precision.supported_on(gpu);
    if precision != s.precision {
        notices.push(Notice::PrecisionFallback {
            asked: s.precision,
            used: precision,
            gpu: &gpu.short,
        });
    }
    let (prompt, output, context) = lengths(s);
    let asked = s.gpus_per_replica;
    let (dep, raised) = fitting_deployment(gpu, model, precision, asked, context, *physics);
    let batch = choose_batch(&dep, s.batch, prompt, output, context);
    let decode = dep.decode(batch, context);
    let prefill = dep.prefill(batch, prompt);
    let gpus = dep.layout.gpus;
    let serving = serving::combine(&decode, &prefill, batch, prompt, output, f64::from(gpus));
    if raised {
        notices.push(Notice::ReplicaRaised {
            model: &model.short,
            precision,
            weights_gb: dep.params.total * precision.weight_bytes() / 1e9,
            asked,
            gpu: &gpu.short,
            hbm_gb: gpu.hbm_gb,
            used: gpus,
        });
    }
    if !raised && gpus != asked.clamp(1, MAX_GPUS_PER_REPLICA) {
        notices.push(Notice::ReplicaRounded {
            asked,
            used: gpus,
            group: dep.layout.tp,
        });
    }
    if !dep.fits(context) {
        notices.push(Notice::DoesNotFit {
            model: &model.short,
            gpus,
            gpu: &gpu.short,
            max: MAX_GPUS_PER_REPLICA,
        });
    }
    if let Batch::Fixed(b) = s.batch
        && f64::from(b) > batch
    {
        notices.push(Notice::BatchReduced {
            asked: b,
            used: batch,
        });
    }
    Served {
        gpu,
        model,
        precision,
        layout: dep.layout,
        batch,
        prompt,
        output,
        context,
        decode,
        prefill,
        serving,
        notices,
    }
}

/// A deployment of `model` on `gpu` that fits in memory: the requested replica size if the
/// weights fit with room for one sequence, else the smallest power-of-two size that does.
/// The flag says whether the size was raised.
pub fn fitting_deployment<'a>(
    gpu: &'a Gpu,
    model: &'a LlmModel,
    precision: Precision,
    gpus: u32,
    context: f64,
    physics: Physics,
) -> (Deployment<'a>, bool) {
    let at = |n: u32| {
        Deployment::new(
            gpu,
            model,
            precision,
            Layout::new(n, gpu.scale_up_gpus),
            physics,
        )
    };
    let want = gpus.clamp(1, MAX_GPUS_PER_REPLICA);
    let dep = at(want);
    if dep.fits(context) {
        return (dep, false);
    }
    // The next power of two above the request, then doubling (5 → 8 → 16 …).
    let mut n = want.next_power_of_two();
    if n == want {
        n *= 2;
    }
    while n <= MAX_GPUS_PER_REPLICA {
        let d = at(n);
        if d.fits(context) {
            return (d, true);
        }
        n *= 2;
    }
    (at(MAX_GPUS_PER_REPLICA), true)
}

/// The decode batch for a deployment and workload.
///
/// # Formula
/// `max`: `min(⌊max_sequences(context)⌋, max_batch_per_replica)`.
/// Interactivity target `v`: the largest batch `b ≤ max` whose serving speed per user is
/// `≥ v` (speed per user falls as the batch grows; found by false position on the time per
/// token, `1/speed`, which is nearly affine in `b`); 1 if even that is too slow.
pub fn choose_batch(dep: &Deployment, batch: Batch, prompt: f64, output: f64, context: f64) -> f64 {
    let max = dep
        .max_sequences(context)
        .floor()
        .clamp(1.0, dep.batch_limit());
    match batch {
        Batch::Max => max,
        Batch::Fixed(b) => (b as f64).clamp(1.0, max),
        Batch::Interactivity(v) => {
            // Time per output token of one user: the decode step plus its share of prefill.
            let cycle = |b: f64| {
                let d = dep.decode(b, context);
                let p = dep.prefill(b, prompt);
                1.0 / serving::combine(&d, &p, b, prompt, output, dep.layout.gpus as f64)
                    .tokens_per_s_per_user
            };
            let target = 1.0 / v;
            let c_max = cycle(max);
            if c_max <= target {
                return max;
            }
            let c_one = cycle(1.0);
            // Too slow even alone (or not computable: NaN).
            if c_one > target || c_one.is_nan() {
                return 1.0;
            }
            // Bracket [lo, hi] with cycle(lo) ≤ 1/v < cycle(hi). The cycle is close to affine
            // in the batch (weights read once per step, KV and FLOPs per sequence), so false
            // position on it (Illinois variant, which also copes with the kinks where the
            // regime changes) lands next to the answer in one or two evaluations.
            let (mut lo, mut hi) = (1.0_f64, max);
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
                let g = cycle(mid) - target;
                if g <= 0.0 {
                    lo = mid;
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
            lo
        }
    }
}
