//! The physics stage: what serving a model on a chip does, from the scenario's physical inputs
//! alone (chip, model, precision, replica size, batch policy, lengths). Prices, PUE,
//! utilisation, lifetime and site power are not read here: [`super::economics`] turns a
//! [`Served`] into energy, cost and factory figures, so a price slider never re-runs this.

use super::disagg::{self, Pools};
use super::notice::Notice;
use super::serving::{self, Deployment, Layout, PhaseResult, Precisions, Serving, Setup};
use super::step::Physics;
use super::{Batch, Precision, Scenario};
use crate::data::{Engine, Gpu, LlmModel, catalogue};

/// Largest replica considered (a 1.8T-parameter model in FP16 needs ~280 P100s).
pub const MAX_GPUS_PER_REPLICA: u32 = 1024;

/// The engine id that stands for the best engine for the chip ([`best_engine`]).
pub const BEST_ENGINE: &str = "best";

/// The physics of serving one scenario: replica, batch, one decode step and one prefill pass,
/// and their steady-state combination.
#[derive(Debug, Clone)]
pub struct Served {
    /// The catalogue entries used (the defaults where the scenario's ids were unknown).
    pub gpu: &'static Gpu,
    pub model: &'static LlmModel,
    /// The precision of the GEMMs' arithmetic (the nearest the chip supports).
    pub precision: Precision,
    pub precisions: Precisions,
    pub engine: &'static Engine,
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
    /// The prefill and decode pools when serving is disaggregated (`layout` is then the
    /// decode pool's, `prefill` the prefill pool's pass).
    pub pools: Option<Pools>,
    /// What was resolved, raised or reduced on the way, in order.
    pub notices: Vec<Notice>,
}

impl Served {
    /// GPUs of one replica: the layout's, plus the prefill pool when disaggregated.
    pub fn replica_gpus(&self) -> u32 {
        self.layout.gpus + self.pools.map_or(0, |p| p.prefill_gpus)
    }
}

impl PartialEq for Served {
    /// Equal results: the same catalogue entries (compared by address: they live in the one
    /// static catalogue, and comparing them field by field would carry that code into the
    /// wasm for nothing) and equal figures.
    fn eq(&self, o: &Served) -> bool {
        std::ptr::eq(self.gpu, o.gpu)
            && std::ptr::eq(self.model, o.model)
            && self.precision == o.precision
            && self.precisions == o.precisions
            && std::ptr::eq(self.engine, o.engine)
            && self.layout == o.layout
            && self.batch == o.batch
            && self.prompt == o.prompt
            && self.output == o.output
            && self.context == o.context
            && self.decode == o.decode
            && self.prefill == o.prefill
            && self.serving == o.serving
            && self.pools == o.pools
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
        weights: s.weights,
        kv: s.kv,
        engine: s.engine.clone(),
        gpus_per_replica: s.gpus_per_replica,
        tp: s.tp,
        ep: s.ep,
        mtp: s.mtp,
        disagg: s.disagg,
        dp_attention: s.dp_attention,
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
        grid: d.grid.clone(),
        grid_g_per_kwh: d.grid_g_per_kwh,
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
    use super::params::{Param, row};
    // The table's rows, looked up once (every evaluation reads them).
    static ROWS: std::sync::OnceLock<[&'static Param; 3]> = std::sync::OnceLock::new();
    let [prompt_p, output_p, context_p] =
        *ROWS.get_or_init(|| ["prompt", "output", "context"].map(row));
    let prompt = prompt_p.clamp(f64::from(s.prompt_tokens));
    let output = output_p.clamp(f64::from(s.output_tokens));
    let context = match s.context_tokens {
        Some(cx) => context_p.clamp(f64::from(cx)),
        None => prompt + output / 2.0,
    };
    (prompt, output, context)
}

/// The engine a scenario asks for on `gpu`: the named one if it runs on the chip's vendor,
/// else [`best_engine`] (with a notice when a named one does not run there).
fn resolve_engine(
    s: &Scenario,
    gpu: &'static Gpu,
    physics: &Physics,
) -> (&'static Engine, Option<Notice>) {
    let c = catalogue();
    match c.engine(&s.engine) {
        Some(e) if runs_on(e, gpu) => (e, None),
        Some(e) => {
            let best = best_engine(gpu, physics);
            (
                best,
                Some(Notice::EngineNotForChip {
                    engine: &e.name,
                    gpu: &gpu.short,
                    used: &best.name,
                }),
            )
        }
        None => (best_engine(gpu, physics), None),
    }
}

/// Whether an engine runs on a chip (by vendor).
pub fn runs_on(e: &Engine, gpu: &Gpu) -> bool {
    e.vendors.contains(&gpu.vendor)
}

/// The best engine for a chip: of the engines that run on it, the one that serves the
/// baseline scenario's model and workload with the most output tokens/s per GPU (worked out
/// once per catalogue chip). What a factory would run; `engine=` names another.
///
/// # Formula
/// `argmax_e output_tokens_per_s_per_gpu(default scenario on gpu, engine e)`, ties to the
/// first in `engines.json`.
pub fn best_engine(gpu: &Gpu, physics: &Physics) -> &'static Engine {
    use std::sync::Mutex;
    // Keyed by the catalogue too: the calibration fit swaps it for candidates.
    type Cache = Vec<(String, Physics, usize, usize)>;
    static BEST: Mutex<Cache> = Mutex::new(Vec::new());
    let c = catalogue();
    let at = std::ptr::from_ref(c) as usize;
    let cached = |cache: &Cache| {
        cache
            .iter()
            .find(|(g, p, a, _)| *g == gpu.id && p == physics && *a == at)
            .map(|(_, _, _, e)| *e)
    };
    if let Ok(cache) = BEST.lock()
        && let Some(e) = cached(&cache)
    {
        return &c.engines[e];
    }
    let d = super::defaults();
    let model = c.model(&d.model).unwrap_or(&c.models[0]);
    let lens = lengths(d);
    let p = Precisions::uniform(d.precision, gpu);
    let mut best = (usize::MAX, f64::NEG_INFINITY);
    for (i, e) in c.engines.iter().enumerate() {
        if !runs_on(e, gpu) || e.benchmark_only {
            continue;
        }
        let (n, _) = fitting_gpus(
            gpu,
            model,
            p,
            e,
            d.gpus_per_replica,
            None,
            None,
            None,
            lens.2,
            *physics,
        );
        let setup = Setup::new(gpu, model, p, e, None, *physics);
        let v = best_layout(&setup, n, None, None, d.batch, lens)
            .map_or(0.0, |c| c.serving.output_tokens_per_s_per_gpu);
        if best.0 == usize::MAX || v > best.1 {
            best = (i, v);
        }
    }
    // No serving engine runs on the chip (none in the catalogue does): the first that runs
    // there at all, else the first.
    let e = if best.0 == usize::MAX {
        c.engines.iter().position(|e| runs_on(e, gpu)).unwrap_or(0)
    } else {
        best.0
    };
    if c.gpu(&gpu.id) == Some(gpu)
        && let Ok(mut cache) = BEST.lock()
    {
        cache.push((gpu.id.clone(), *physics, at, e));
    }
    &c.engines[e]
}

/// The engine with id `id` if it runs on the chip, else the chip's [`best_engine`].
pub fn engine_for(id: &str, gpu: &Gpu, physics: &Physics) -> &'static Engine {
    match catalogue().engine(id) {
        Some(e) if runs_on(e, gpu) => e,
        _ => best_engine(gpu, physics),
    }
}

/// Serves the scenario with the given physics constants.
///
/// # Formula
/// 1. precisions: [`Precisions::new`] (arithmetic in the nearest the chip supports);
/// 2. engine: the one asked for, or [`best_engine`];
/// 3. layout: [`best_layout`] over the splits of the requested GPUs (raised until the weights
///    fit, [`fitting_gpus`]);
/// 4. batch: [`choose_batch`]; decode at `context` and prefill of `batch` prompts;
///    [`serving::combine`] for the steady state.
pub fn serve(s: &Scenario, physics: &Physics) -> Served {
    let mut notices = Vec::new();
    let (gpu, model) = resolve(s, &mut notices);
    let precisions = Precisions::new(s.precision, s.weights, s.kv, gpu);
    let precision = precisions.compute;
    if precision != s.precision {
        notices.push(Notice::PrecisionFallback {
            asked: s.precision,
            used: precision,
            gpu: &gpu.short,
            weights: precisions.weights,
        });
    }
    let (engine, engine_notice) = resolve_engine(s, gpu, physics);
    notices.extend(engine_notice);
    let (prompt, output, context) = lengths(s);
    let split = s.disagg.on;
    // Disaggregated: the decode pool (one worker of `gpus` unless `decode_gpus` says more).
    let asked = if split {
        s.disagg.decode_gpus.unwrap_or(s.gpus_per_replica)
    } else {
        s.gpus_per_replica
    }
    .clamp(1, MAX_GPUS_PER_REPLICA);
    let up = gpu.scale_up_gpus.max(1);
    let tp = s.tp.map(|t| {
        if t > up {
            notices.push(Notice::TpTooWide { asked: t, max: up });
        }
        t.clamp(1, up)
    });
    let lens = (prompt, output, context);
    let setup = Setup::new(gpu, model, precisions, engine, s.dp_attention, *physics);
    let decoding = setup.with_mtp(s.mtp);
    // A decode pool is chosen for decoding alone (its prompts are prefilled elsewhere).
    let pick_lens = if split { (0.0, output, context) } else { lens };
    let pick_with = |n: u32, tp: Option<u32>, ep: Option<u32>| {
        best_layout(&decoding, n, tp, ep, s.batch, pick_lens)
    };
    let mut pick = |n: u32| {
        let c = pick_with(n, tp, s.ep);
        // A disaggregated pool whose forced worker cannot hold the model without pipeline
        // stages is laid out by the model (the worker a row names may be attention's width).
        match (split, tp, c) {
            (true, Some(t), c) if c.as_ref().is_none_or(|c| c.dep.layout.pp > 1) => {
                let wide = pick_with(n, None, None);
                if wide.is_some() {
                    notices.push(Notice::WorkerWidened {
                        pool: "decode",
                        tp: t,
                    });
                    wide
                } else {
                    c
                }
            }
            (_, _, c) => c,
        }
    };
    // The requested GPUs if a layout of them holds the model; else the next size that does.
    let (chosen, gpus, raised) = match pick(asked) {
        Some(c) => (Some(c), asked, false),
        // No layout of the requested GPUs holds the model (else `pick` found one).
        None => {
            let n = larger_holding(&setup, asked, tp, s.ep, context);
            (pick(n), n, true)
        }
    };
    let Chosen {
        dep,
        batch,
        mut decode,
        mut prefill,
        mut serving,
    } = chosen.unwrap_or_else(|| {
        // Nothing holds the model even at the largest replica: the figures assume it did.
        let dep = setup.deploy(Layout::new(gpus, gpu.scale_up_gpus));
        let batch = choose_batch(&dep, s.batch, prompt, output, context);
        let (decode, prefill, serving) = evaluate_at(&dep, batch, lens);
        Chosen {
            dep,
            batch,
            decode,
            prefill,
            serving,
        }
    });
    let mut pools = None;
    if split {
        let d = &s.disagg;
        let n = d
            .prefill_gpus
            .unwrap_or(dep.layout.gpus)
            .clamp(1, MAX_GPUS_PER_REPLICA);
        let pool = |n: u32, tp: Option<u32>, ep: Option<u32>| {
            disagg::prefill_pool(&setup, n, tp, ep, prompt)
        };
        let mut pre = pool(n, d.prefill_tp, d.prefill_ep);
        if let Some(t) = d.prefill_tp
            && pre.as_ref().is_none_or(|(p, _)| p.layout.pp > 1)
            && let Some(wide) = pool(n, None, None)
        {
            notices.push(Notice::WorkerWidened {
                pool: "prefill",
                tp: t,
            });
            pre = Some(wide);
        }
        if pre.is_none() {
            let (m, _) = fitting_gpus(
                gpu,
                model,
                precisions,
                engine,
                n,
                None,
                None,
                s.dp_attention,
                prompt,
                *physics,
            );
            notices.push(Notice::ReplicaRaised {
                model: &model.short,
                precision,
                weights_gb: dep.setup.params.total * precisions.weights.weight_bytes() / 1e9,
                asked: n,
                gpu: &gpu.short,
                hbm_gb: gpu.hbm_gb,
                used: m,
            });
            pre = pool(m, None, None);
        }
        if let Some((pre_dep, pre_run)) = pre {
            let (d_run, srv, p) = disagg::steady(&dep, batch, &pre_dep, &pre_run, lens);
            (decode, prefill, serving) = (d_run, pre_run, srv);
            pools = Some(p);
        }
    }
    let used = dep.layout.gpus;
    if s.mtp && dep.setup.draft_tokens == 0.0 {
        notices.push(Notice::NoDrafts {
            model: &model.short,
            engine: &engine.name,
        });
    }
    if let Some(e) = s.ep
        && e != dep.layout.ep
    {
        notices.push(Notice::EpAdjusted {
            asked: e,
            used: dep.layout.ep,
        });
    }
    if raised {
        notices.push(Notice::ReplicaRaised {
            model: &model.short,
            precision,
            weights_gb: dep.setup.params.total * precisions.weights.weight_bytes() / 1e9,
            asked,
            gpu: &gpu.short,
            hbm_gb: gpu.hbm_gb,
            used,
        });
    } else if used != asked {
        notices.push(Notice::ReplicaRounded {
            asked,
            used,
            group: dep.layout.tp * dep.layout.pp,
        });
    }
    if let Some(t) = tp
        && !raised
        && dep.layout.pp > 1
    {
        notices.push(Notice::PipelineAdded {
            tp: t,
            pp: dep.layout.pp,
        });
    }
    if !dep.fits(context) {
        notices.push(Notice::DoesNotFit {
            model: &model.short,
            gpus: used,
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
        precisions,
        engine,
        layout: dep.layout,
        batch: pools.map_or(batch, |p| p.decoding),
        prompt,
        output,
        context,
        decode,
        prefill,
        serving,
        pools,
        notices,
    }
}

/// Decode, prefill and their steady state at a batch.
fn evaluate_at(dep: &Deployment, batch: f64, lens: (f64, f64, f64)) -> Phases {
    with_ttft(dep, steady_at(dep, batch, lens), lens.0)
}

/// Decode, prefill and their steady state at a batch, without the time to first token (what
/// the batch search compares).
fn steady_at(dep: &Deployment, batch: f64, (prompt, output, context): (f64, f64, f64)) -> Phases {
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
fn with_ttft(dep: &Deployment, (decode, prefill, mut serving): Phases, prompt: f64) -> Phases {
    serving.ttft_s = dep.ttft(&decode, &prefill, prompt);
    (decode, prefill, serving)
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
/// for weights no single domain holds.
pub fn layouts(gpu: &Gpu, model: &LlmModel, gpus: u32, tp: Option<u32>) -> Vec<Layout> {
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
            for t in (1..=n.min(up)).filter(|t| n.is_multiple_of(*t) && splits_heads(model, *t)) {
                out.push(Layout::split(t, 1, n / t));
                widest = t;
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
/// that no split within a scale-up domain holds. Shared by [`best_layout`] and the prefill
/// pool of disaggregated serving ([`super::disagg::prefill_pool`]).
#[allow(clippy::too_many_arguments)]
pub fn holding<'a>(
    setup: &Setup<'a>,
    (gpus, tp, ep): (u32, Option<u32>, Option<u32>),
    context: f64,
) -> Vec<Deployment<'a>> {
    let all = layouts(setup.gpu, setup.model, gpus, tp);
    let mut deps: Vec<Deployment<'a>> = Vec::with_capacity(all.len());
    for layout in all {
        let layout = ep.map_or(layout, |e| layout.with_ep(e));
        if layout.pp > 1 && !deps.is_empty() {
            continue;
        }
        if setup.fits(layout, context) {
            deps.push(setup.deploy(layout));
        }
    }
    deps
}

/// Decode, prefill and their steady state.
type Phases = (PhaseResult, PhaseResult, Serving);

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
/// batch search ([`choose_batch`]).
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
            Some(at) => with_ttft(dep, at, lens.0),
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

/// Whether one of the [`layouts`] of `gpus` GPUs (`tp` and `ep` forced where given) holds the
/// weights with room for one sequence of `context` tokens.
fn holds(setup: &Setup, gpus: u32, tp: Option<u32>, ep: Option<u32>, context: f64) -> bool {
    layouts(setup.gpu, setup.model, gpus, tp)
        .into_iter()
        .any(|l| {
            let l = ep.map_or(l, |e| l.with_ep(e));
            setup.fits(l, context)
        })
}

/// The smallest power of two above `gpus` (which do not hold the model) whose layouts hold it
/// ([`holds`]): the next power of two, then doubling (5 → 8 → 16 …), at most
/// [`MAX_GPUS_PER_REPLICA`].
fn larger_holding(setup: &Setup, gpus: u32, tp: Option<u32>, ep: Option<u32>, context: f64) -> u32 {
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

/// One instance of `gpus` GPUs (tensor parallel up to the scale-up domain, pipeline stages
/// beyond) that holds the model: the requested size if it does, else the smallest power of
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
    let at = |n: u32| setup.deploy(Layout::new(n, gpu.scale_up_gpus));
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
fn cycle((_, _, serving): &Phases) -> f64 {
    1.0 / serving.tokens_per_s_per_user
}

/// [`choose_batch`] given the largest batch `max` and the time per token there, `c_max`
/// (already known to [`best_layout`], which evaluated it as its bound). With the batch, the
/// steady state at it where the search evaluated it ([`steady_at`]).
fn batch_for_speed(
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
