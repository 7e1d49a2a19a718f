//! The AI-factory Pareto frontier: output tokens/s per MW of facility power against
//! tokens/s per user, over batch sizes and replica sizes.

use super::serving::{self, Layout, Precisions};
use super::step::Physics;
use super::{MAX_GPUS_PER_REPLICA, Precision};
use crate::data::{Gpu, LlmModel};
use serde::Serialize;

/// One serving configuration on (or under) the frontier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FrontierPoint {
    pub tokens_per_s_per_user: f64,
    /// Output tokens/s per MW of facility power (board + host, × PUE) while serving.
    pub tokens_per_s_per_mw: f64,
    pub batch: f64,
    pub gpus: u32,
}

/// Workload and facility figures the frontier needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrontierInputs {
    /// Engine id (`best`: the chip's best).
    pub engine: &'static str,
    pub prompt: f64,
    pub output: f64,
    pub pue: f64,
}

/// Batch sizes swept: five per doubling (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14, 16, …), rounded
/// to whole sequences, below `max`, and `⌊max⌋` itself.
///
/// # Formula
/// `round(2^i · {1, 1.2, 1.4, 1.6, 1.8})` for `i = 0…23`, duplicates dropped (worked out once).
pub fn batch_grid(max: f64) -> impl Iterator<Item = f64> {
    static GRID: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let grid = GRID.get_or_init(|| {
        let mut g: Vec<f64> = (0..24)
            .flat_map(|i| {
                let p = f64::from(1u32 << i);
                [p, p * 1.2, p * 1.4, p * 1.6, p * 1.8]
            })
            .map(f64::round)
            .collect();
        g.dedup();
        g
    });
    let top = max.floor();
    grid.iter()
        .copied()
        .take_while(move |b| *b < top)
        .chain(std::iter::once(top).filter(|t| *t >= 1.0))
}

/// Replica sizes swept: powers of two from the smallest that fits up to one scale-up domain
/// (or further, while a replica still needs more GPUs to fit), and, where an instance may
/// span domains (`widest > 0`: a mixture of experts under data-parallel attention), on up to
/// `widest` GPUs (the widest expert parallelism published, `widest_expert_parallel`).
///
/// # Formula
/// `n = 2^i` with `smallest ≤ n`, up to `top = max(scale_up, smallest, widest)` (at most
/// [`MAX_GPUS_PER_REPLICA`]); a power of two past `top` is swept as `top` itself.
pub fn replica_grid(gpu: &Gpu, smallest: u32, widest: u32) -> impl Iterator<Item = u32> {
    let top = gpu
        .scale_up_gpus
        .max(smallest)
        .max(widest)
        .min(MAX_GPUS_PER_REPLICA);
    (0..11)
        .map(|i| 1u32 << i)
        .filter(move |n| *n >= smallest && *n <= top.next_power_of_two())
        .map(move |n| if n > top { top } else { n })
}

/// The instances a frontier sweeps, given the smallest replica that holds the model.
///
/// # Formula
/// Where an instance may span domains (a mixture of experts under data-parallel attention,
/// [`super::setup::Setup::spans_domains`]): each replica size of [`replica_grid`] up to the
/// widest expert parallelism published (`widest_expert_parallel`) as one instance
/// ([`Layout::instance`]), and the smallest beyond one domain also as pipeline stages (each
/// wins somewhere: the all-to-all across the scale-out network costs speed per user).
/// Otherwise every tensor-parallel width within the domain that splits the attention heads
/// ([`super::layout::splits_heads`]: 12 or 14 GPUs for 84 heads, never 8 or 16) and holds
/// the model; if none does, pipeline stages of the widest such width, as few as hold it.
pub fn instances(setup: &super::serving::Setup, smallest: u32, context: f64) -> Vec<Layout> {
    let (gpu, model) = (setup.gpu, setup.model);
    let up = gpu.scale_up_gpus.max(1);
    let mut out = Vec::new();
    if setup.spans_domains() {
        let widest = crate::data::catalogue().sourced.widest_expert_parallel as u32;
        for n in replica_grid(gpu, smallest, widest) {
            out.push(Layout::instance(n, up, true));
            if n == smallest && n > up {
                out.push(Layout::new(n, up));
            }
        }
        return out;
    }
    // A width that splits the heads divides them: none is wider than the heads.
    let mut widest = 1;
    for t in 1..=up.min(model.heads.max(1)) {
        if super::layout::splits_heads(model, t) {
            widest = t;
            let l = Layout::split(t, 1, 1);
            if setup.fits(l, context) {
                out.push(l);
            }
        }
    }
    if out.is_empty() {
        let mut pp = smallest.div_ceil(widest).max(2);
        while widest * pp < MAX_GPUS_PER_REPLICA
            && !setup.fits(Layout::split(widest, pp, 1), context)
        {
            pp += 1;
        }
        out.push(Layout::split(widest, pp, 1));
    }
    out
}

/// Every configuration swept, not yet filtered (for charts that show the cloud): each of the
/// [`instances`] (with those of the other attention layout where the setup tries it,
/// [`super::serving::Setup::other_attention`]) at each batch of [`batch_grid`] up to
/// what fits.
pub fn sweep(
    gpu: &Gpu,
    model: &LlmModel,
    precision: Precision,
    inputs: &FrontierInputs,
    physics: &Physics,
) -> Vec<FrontierPoint> {
    let context = inputs.prompt + inputs.output / 2.0;
    let engine = super::engine::engine_for(inputs.engine, gpu, physics);
    let named = (engine.id == inputs.engine).then_some(engine);
    let precisions = Precisions::for_engine(precision, None, None, gpu, named);
    let (first, _) =
        super::fitting_deployment(gpu, model, precisions, engine, 1, context, *physics);
    // The other attention layout too where the setup tries it.
    let mut deps = Vec::new();
    for s in first.setup.attention_choices() {
        let at = instances(&s, first.layout.gpus, context);
        deps.extend(at.into_iter().map(|l| s.deploy(l)));
    }
    let mut out = Vec::new();
    for dep in deps {
        if !dep.fits(context) {
            continue;
        }
        let max = dep.max_batch(context);
        let g = f64::from(dep.layout.gpus);
        for b in batch_grid(max) {
            let d = dep.decode(b, context);
            let p = dep.prefill(b, inputs.prompt);
            let s = serving::combine(&d, &p, b, inputs.prompt, inputs.output, g);
            let facility_w = (s.gpu_power_w + gpu.host_w_per_gpu) * inputs.pue;
            out.push(FrontierPoint {
                tokens_per_s_per_user: s.tokens_per_s_per_user,
                tokens_per_s_per_mw: s.output_tokens_per_s_per_gpu / facility_w * 1e6,
                batch: b,
                gpus: dep.layout.gpus,
            });
        }
    }
    out
}

/// The Pareto frontier: points not beaten on both axes, sorted by tokens/s per user.
///
/// # Formula
/// Sort by speed per user descending; keep a point if its tokens/s per MW exceeds every
/// faster point's.
pub fn pareto(mut points: Vec<FrontierPoint>) -> Vec<FrontierPoint> {
    points.retain(|p| p.tokens_per_s_per_user.is_finite() && p.tokens_per_s_per_mw.is_finite());
    points.sort_by(|a, b| b.tokens_per_s_per_user.total_cmp(&a.tokens_per_s_per_user));
    let mut best = f64::NEG_INFINITY;
    let mut front: Vec<FrontierPoint> = points
        .into_iter()
        .filter(|p| {
            if p.tokens_per_s_per_mw > best {
                best = p.tokens_per_s_per_mw;
                true
            } else {
                false
            }
        })
        .collect();
    front.reverse();
    front
}

/// The frontier for one chip and model.
pub fn frontier(
    gpu: &Gpu,
    model: &LlmModel,
    precision: Precision,
    inputs: &FrontierInputs,
    physics: &Physics,
) -> Vec<FrontierPoint> {
    pareto(sweep(gpu, model, precision, inputs, physics))
}

/// Tokens/s per MW on a frontier at a given speed per user: the best point at least that
/// fast (`None` if the frontier never reaches that speed).
pub fn throughput_at(front: &[FrontierPoint], tokens_per_s_per_user: f64) -> Option<f64> {
    front
        .iter()
        .filter(|p| p.tokens_per_s_per_user >= tokens_per_s_per_user)
        .map(|p| p.tokens_per_s_per_mw)
        .fold(None, |acc: Option<f64>, v| {
            Some(acc.map_or(v, |a| a.max(v)))
        })
}
