//! The layout search: how a replica of `gpus` GPUs is split (tensor × data parallel, experts,
//! pipeline stages only when the weights need them), which splits hold the model, and which
//! serves best for the batch policy.

use super::batch::{Phases, batch_for_speed, evaluate_at, with_ttft};
use super::serving::{Deployment, PhaseResult, Precisions, Serving, Setup};
use super::step::Physics;
use super::{Batch, MAX_GPUS_PER_REPLICA};
use crate::data::{Engine, Gpu, LlmModel};
use serde::Serialize;

/// How a replica is laid out over its GPUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// GPUs in the replica: `dp·tp·pp`.
    pub gpus: u32,
    /// Tensor-parallel width of one instance (within one scale-up domain).
    pub tp: u32,
    /// Pipeline stages of one instance (across scale-up domains).
    pub pp: u32,
    /// Model instances in the replica, each serving its own sequences (data parallel).
    pub dp: u32,
    /// Expert-parallel width within an instance: routed experts spread over `ep` GPUs, tokens
    /// sent to them and back (1: experts split like the dense layers, tensor parallel; 0
    /// before a deployment resolves it: `tp` under data-parallel attention, else 1).
    pub ep: u32,
}

impl Layout {
    /// One instance over `gpus`: `tp` as wide as the scale-up domain allows, pipeline stages
    /// beyond it.
    ///
    /// # Formula
    /// `tp = min(gpus, scale_up_gpus)`, `pp = ⌈gpus/tp⌉`, `dp = 1`, GPUs used `= tp·pp`.
    pub fn new(gpus: u32, scale_up_gpus: u32) -> Layout {
        let gpus = gpus.max(1);
        let tp = gpus.min(scale_up_gpus.max(1));
        let pp = gpus.div_ceil(tp);
        Layout {
            gpus: tp * pp,
            tp,
            pp,
            dp: 1,
            ep: 0,
        }
    }

    /// One instance over `gpus` as [`Layout::new`], or, where an instance may span scale-up
    /// domains ([`super::setup::Setup::spans_domains`]), every GPU in it: `tp = gpus`, no
    /// pipeline stages.
    pub fn instance(gpus: u32, scale_up_gpus: u32, spans_domains: bool) -> Layout {
        if spans_domains && gpus > scale_up_gpus.max(1) {
            Layout::split(gpus, 1, 1)
        } else {
            Layout::new(gpus, scale_up_gpus)
        }
    }

    /// `dp` instances of `tp × pp` GPUs.
    pub fn split(tp: u32, pp: u32, dp: u32) -> Layout {
        let (tp, pp, dp) = (tp.max(1), pp.max(1), dp.max(1));
        Layout {
            gpus: tp * pp * dp,
            tp,
            pp,
            dp,
            ep: 0,
        }
    }

    /// The same layout with experts spread over `ep` of an instance's tensor-parallel GPUs
    /// (the widest divisor of `tp` not above `ep`).
    pub fn with_ep(self, ep: u32) -> Layout {
        let ep = (1..=ep.clamp(1, self.tp))
            .rev()
            .find(|e| self.tp.is_multiple_of(*e))
            .unwrap_or(1);
        Layout { ep, ..self }
    }

    /// GPUs of one model instance: `tp·pp`.
    pub fn instance_gpus(&self) -> u32 {
        self.tp * self.pp
    }
}

/// Whether tensor parallelism `tp` splits the model's attention heads evenly.
///
/// # Formula
/// `heads mod tp = 0`, and KV heads split (`kv_heads mod tp = 0`) or replicated
/// (`tp mod kv_heads = 0`).
pub fn splits_heads(model: &LlmModel, tp: u32) -> bool {
    let (h, kv) = (model.heads.max(1), model.kv_heads.max(1));
    h.is_multiple_of(tp) && (kv.is_multiple_of(tp) || tp.is_multiple_of(kv))
}

/// The layouts of `gpus` GPUs considered, narrowest instance first: `tp × dp` for every
/// `tp` that divides `gpus`, fits a scale-up domain and splits the heads (or the forced
/// `tp`); then one instance with pipeline stages (`tp` = the widest of those, `pp = gpus/tp`),
/// for weights no single domain holds. Under data-parallel attention (`dp_attention`) each
/// GPU runs every head for its own sequences, so the heads need not split: any `tp` that
/// divides `gpus` within the domain is a layout (18 or 72 GPUs of an NVL72 rack as one
/// instance, experts spread over all of them, as wide expert parallelism runs DeepSeek-R1).
/// A mixture of experts under data-parallel attention may also span whole domains (its
/// experts' all-to-all crossing the scale-out network, as DeepSeek runs V3/R1 over 144 H800s):
/// `tp` a multiple of the domain that divides `gpus`, before the pipelined instance.
///
/// # Formula
/// `tp ∈ {t ≤ min(gpus, scale_up) : gpus mod t = 0 ∧ (dp_attention ∨ splits_heads(t))}
/// ∪ {k·scale_up ≤ gpus : k ≥ 2, gpus mod (k·scale_up) = 0}` (the second set for a mixture
/// of experts under data-parallel attention), `dp = gpus/tp`.
pub fn layouts(
    gpu: &Gpu,
    model: &LlmModel,
    gpus: u32,
    tp: Option<u32>,
    dp_attention: bool,
) -> Vec<Layout> {
    let n = gpus.max(1);
    let up = gpu.scale_up_gpus.max(1);
    let mut out = Vec::with_capacity(16);
    match tp {
        Some(t) => {
            let t = t.max(1);
            out.push(Layout::split(t, 1, (n / t).max(1)));
            if n / t > 1 {
                out.push(Layout::split(t, n / t, 1));
            }
        }
        None => {
            let mut widest = 1;
            for t in (1..=n.min(up))
                .filter(|t| n.is_multiple_of(*t) && (dp_attention || splits_heads(model, *t)))
            {
                out.push(Layout::split(t, 1, n / t));
                widest = t;
            }
            if dp_attention && model.moe.is_some() {
                for t in (2..=n / up)
                    .map(|k| k * up)
                    .filter(|t| n.is_multiple_of(*t))
                {
                    out.push(Layout::split(t, 1, n / t));
                }
            }
            if n / widest > 1 {
                out.push(Layout::split(widest, n / widest, 1));
            }
            if out.is_empty() {
                out.push(Layout::new(n, up));
            }
        }
    }
    out
}

/// The deployments of `gpus` GPUs ([`layouts`], `tp` and `ep` forced where given) that hold
/// the model with room for one sequence of `context` tokens; pipeline stages only for weights
/// that no split within a scale-up domain holds, under each of the setup's attention layouts
/// ([`Setup::attention_choices`]) apart (the second only on instances of several GPUs, and
/// tensor-parallel attention there only within a domain, splitting the heads). Shared by
/// [`best_layout`] and the prefill pool of disaggregated serving
/// ([`super::disagg::prefill_pool`]).
#[allow(clippy::too_many_arguments)]
pub fn holding<'a>(
    setup: &Setup<'a>,
    (gpus, tp, ep): (u32, Option<u32>, Option<u32>),
    context: f64,
) -> Vec<Deployment<'a>> {
    let up = setup.gpu.scale_up_gpus.max(1);
    let within = |tp: u32| tp <= up;
    let mut deps: Vec<Deployment<'a>> = Vec::with_capacity(8);
    for (k, s) in setup.attention_choices().enumerate() {
        let before = deps.len();
        for layout in layouts(s.gpu, s.model, gpus, tp, s.dp_attention) {
            let layout = ep.map_or(layout, |e| layout.with_ep(e));
            // The other attention layout: not on one GPU per instance (the same deployment
            // either way); tensor-parallel attention within a domain, splitting the heads,
            // whatever width was forced for the other.
            let split_heads = within(layout.tp) && splits_heads(s.model, layout.tp);
            if k > 0 && (layout.tp == 1 || !s.dp_attention && !split_heads) {
                continue;
            }
            // Pipeline stages only where no split holds the model, or, with instances of at
            // most one domain, where none within one domain does (an instance whose experts
            // span domains then competes with them: each wins somewhere).
            let mine = &deps[before..];
            if layout.pp > 1
                && (mine.iter().any(|d| within(d.layout.tp))
                    || (!within(layout.tp) && !mine.is_empty()))
            {
                continue;
            }
            if s.fits(layout, context) {
                deps.push(s.deploy(layout));
            }
        }
    }
    deps
}

/// A deployment with its batch and results: what [`best_layout`] chooses.
pub struct Chosen<'a> {
    pub dep: Deployment<'a>,
    pub batch: f64,
    pub decode: PhaseResult,
    pub prefill: PhaseResult,
    pub serving: Serving,
}

/// The best layout of `gpus` GPUs for the batch policy, with its batch and steady state: of
/// the [`layouts`] that hold the model, the one serving the most output tokens/s per GPU (for
/// a speed target, among those that meet it; if none does, the fastest per user; ties to the
/// narrower). `None` if none holds the model.
///
/// # Formula
/// Branch and bound: throughput per GPU never falls as the batch grows, so a layout's
/// throughput at its largest batch bounds what it can reach at a speed target. Each layout is
/// evaluated at its largest batch; only those whose bound beats the best found so far get the
/// batch search ([`super::batch::choose_batch`]).
#[allow(clippy::too_many_arguments)]
pub fn best_layout<'a>(
    setup: &Setup<'a>,
    gpus: u32,
    tp: Option<u32>,
    ep: Option<u32>,
    batch: Batch,
    lens: (f64, f64, f64),
) -> Option<Chosen<'a>> {
    let context = lens.2;
    let mut deps = holding(setup, (gpus, tp, ep), context);
    let max_of = |d: &Deployment| d.max_batch(context);
    // (score: meets the target, then throughput or speed per user), index for ties.
    let better = |a: (bool, f64), ia: usize, b: (bool, f64), ib: usize| {
        (a.0 && !b.0)
            || (a.0 == b.0 && (a.1 > b.1 * (1.0 + 1e-9) || (a.1 >= b.1 * (1.0 - 1e-9) && ia < ib)))
    };
    let mut best: Option<(usize, (bool, f64), f64, Phases)> = None;
    let mut pending: Vec<(usize, f64, f64)> = Vec::new();
    for (i, dep) in deps.iter().enumerate() {
        let bmax = max_of(dep);
        // A fixed batch is evaluated where it runs (no bound needed: it is the answer).
        let b = match batch {
            Batch::Fixed(n) => f64::from(n).clamp(1.0, dep.fitting_batch(context)),
            _ => bmax,
        };
        let at_b = evaluate_at(dep, b, lens);
        let done = match batch {
            Batch::Max | Batch::Fixed(_) => true,
            Batch::Interactivity(v) => at_b.2.tokens_per_s_per_user >= v,
        };
        if done {
            let score = (true, at_b.2.output_tokens_per_s_per_gpu);
            if best
                .as_ref()
                .is_none_or(|(j, s, _, _)| better(score, i, *s, *j))
            {
                best = Some((i, score, b, at_b));
            }
        } else {
            pending.push((
                i,
                at_b.2.output_tokens_per_s_per_gpu,
                at_b.2.tokens_per_s_per_user,
            ));
        }
    }
    // The rest by their bound, largest first.
    pending.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (i, bound, speed_at_max) in pending {
        if let Some((j, s, _, _)) = &best
            && s.0
            && !better((true, bound), i, *s, *j)
        {
            continue;
        }
        let dep = &deps[i];
        let (b, found) = batch_for_speed(dep, batch, lens, max_of(dep), 1.0 / speed_at_max);
        // The search's last evaluation at `b`, when it made one, is the answer's.
        let r = match found {
            Some(at) => with_ttft(dep, at, lens),
            None => evaluate_at(dep, b, lens),
        };
        let score = match batch {
            Batch::Interactivity(v) if r.2.tokens_per_s_per_user < v * (1.0 - 1e-9) => {
                (false, r.2.tokens_per_s_per_user)
            }
            _ => (true, r.2.output_tokens_per_s_per_gpu),
        };
        if best
            .as_ref()
            .is_none_or(|(j, s, _, _)| better(score, i, *s, *j))
        {
            best = Some((i, score, b, r));
        }
    }
    let (i, _, batch, (decode, prefill, serving)) = best?;
    Some(Chosen {
        dep: deps.swap_remove(i),
        batch,
        decode,
        prefill,
        serving,
    })
}

/// The replica size that holds the model: the requested `gpus` if one of its [`layouts`]
/// holds the weights with room for one sequence, else the smallest power of two above it
/// that does. The flag says whether the size was raised.
#[allow(clippy::too_many_arguments)]
pub fn fitting_gpus(
    gpu: &Gpu,
    model: &LlmModel,
    precisions: Precisions,
    engine: &Engine,
    gpus: u32,
    tp: Option<u32>,
    ep: Option<u32>,
    dp_attention: Option<bool>,
    context: f64,
    physics: Physics,
) -> (u32, bool) {
    let setup = Setup::new(gpu, model, precisions, engine, dp_attention, physics);
    let want = gpus.clamp(1, MAX_GPUS_PER_REPLICA);
    if holds(&setup, want, tp, ep, context) {
        return (want, false);
    }
    (larger_holding(&setup, want, tp, ep, context), true)
}

/// Whether one of the [`layouts`] of `gpus` GPUs (`tp` and `ep` forced where given), under one
/// of the setup's attention layouts, holds the weights with room for one sequence of
/// `context` tokens: whether [`holding`] finds one.
fn holds(setup: &Setup, gpus: u32, tp: Option<u32>, ep: Option<u32>, context: f64) -> bool {
    !holding(setup, (gpus, tp, ep), context).is_empty()
}

/// The smallest power of two above `gpus` (which do not hold the model) whose layouts hold it
/// ([`holds`]): the next power of two, then doubling (5 → 8 → 16 …), at most
/// [`MAX_GPUS_PER_REPLICA`].
pub(super) fn larger_holding(
    setup: &Setup,
    gpus: u32,
    tp: Option<u32>,
    ep: Option<u32>,
    context: f64,
) -> u32 {
    let mut n = gpus.next_power_of_two();
    if n == gpus {
        n *= 2;
    }
    while n <= MAX_GPUS_PER_REPLICA {
        if holds(setup, n, tp, ep, context) {
            return n;
        }
        n *= 2;
    }
    MAX_GPUS_PER_REPLICA
}

/// One instance of `gpus` GPUs ([`Layout::instance`]: tensor parallel up to the scale-up
/// domain, pipeline stages beyond, or experts across domains where an instance may span
/// them) that holds the model: the requested size if it does, else the smallest power of
/// two above it that does (the flag says whether it was raised). For the frontier sweep and
/// the claims, which compare one instance per chip.
pub fn fitting_deployment<'a>(
    gpu: &'a Gpu,
    model: &'a LlmModel,
    precisions: Precisions,
    engine: &'a Engine,
    gpus: u32,
    context: f64,
    physics: Physics,
) -> (Deployment<'a>, bool) {
    let setup = Setup::new(gpu, model, precisions, engine, None, physics);
    let at = |n: u32| {
        setup.deploy(Layout::instance(
            n,
            gpu.scale_up_gpus,
            setup.spans_domains(),
        ))
    };
    let want = gpus.clamp(1, MAX_GPUS_PER_REPLICA);
    let dep = at(want);
    if dep.fits(context) {
        return (dep, false);
    }
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
