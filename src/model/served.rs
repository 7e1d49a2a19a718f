//! The physics stage: what serving a model on a chip does, from the scenario's physical inputs
//! alone (chip, model, precision, replica size, batch policy, lengths). Prices, PUE,
//! utilisation, lifetime and site power are not read here: [`super::economics()`] turns a
//! [`Served`] into energy, cost and factory figures, so a price slider never re-runs this.

use super::batch::{choose_batch, evaluate_at};
use super::disagg::{self, Pools};
use super::engine::resolve_engine;
use super::layout::{Chosen, best_layout, fitting_gpus, larger_holding};
use super::notice::Notice;
use super::serving::{Layout, PhaseResult, Precisions, Serving, Setup};
use super::step::Physics;
use super::{Batch, Precision, Scenario};
use crate::data::{Engine, Gpu, LlmModel, catalogue};

// Engine choice lives in [`super::engine`]; its items are re-exported here, where they were.
pub use super::engine::{BEST_ENGINE, best_engine, engine_for, runs_on};

/// Largest replica considered (a 1.8T-parameter model in FP16 needs ~280 P100s).
pub const MAX_GPUS_PER_REPLICA: u32 = 1024;

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
    /// Attention data-parallel within an instance (each GPU its own sequences), or tensor
    /// parallel like the rest.
    pub dp_attention: bool,
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
            && self.dp_attention == o.dp_attention
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
        drafts: s.drafts,
        disagg: s.disagg,
        dp_attention: s.dp_attention,
        dp_balance: s.dp_balance,
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

/// Serves the scenario with the given physics constants.
///
/// # Formula
/// 1. engine: the one asked for, or [`best_engine`];
/// 2. precisions: [`Precisions::for_engine`] (arithmetic in the nearest the chip supports, 16
///    bits for 4-bit weights on a chip without 4-bit arithmetic; the KV cache as a named
///    engine keeps it by default, 8 bits for the best engine), then as the model's published
///    checkpoint keeps them ([`Precisions::for_model`]);
/// 3. layout: [`super::layout::best_layout`] over the splits of the requested GPUs (raised until the weights
///    fit, [`fitting_gpus`]);
/// 4. batch: [`super::batch::choose_batch`]; decode at `context` and prefill of `batch` prompts;
///    [`super::serving::combine`] for the steady state.
pub fn serve(s: &Scenario, physics: &Physics) -> Served {
    let mut notices = Vec::new();
    let (gpu, model) = resolve(s, &mut notices);
    let (engine, engine_notice) = resolve_engine(s, gpu, physics);
    // A named engine keeps its own default cache; the chip's best runs tuned.
    let named = (engine.id == s.engine).then_some(engine);
    let precisions =
        Precisions::for_engine(s.precision, s.weights, s.kv, gpu, named).for_model(model, gpu);
    let precision = precisions.compute;
    // Only where the chip lacks the arithmetic asked for (a checkpoint whose kernels quantise
    // activations wider, `Precisions::for_model`, is said in the serving words instead).
    if precision != s.precision && s.precision.supported_on(gpu) != s.precision {
        notices.push(Notice::PrecisionFallback {
            asked: s.precision,
            used: precision,
            gpu: &gpu.short,
            weights: precisions.weights,
        });
    }
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
    // Experts over more GPUs than attention's tensor-parallel width (`tp=1&ep=8`: vLLM's
    // data parallelism with expert parallelism, `--data-parallel-size 8
    // --enable-expert-parallel`): one instance of `ep` GPUs whose attention runs
    // data-parallel, each GPU its own sequences.
    let experts_wider =
        |t: u32| model.moe.is_some() && s.ep.is_some_and(|e| e > t.max(1) && e % t.max(1) == 0);
    // An instance of a mixture of experts under data-parallel attention may span scale-up
    // domains (`Setup::spans_domains`); any other is held within one.
    let spans = model.moe.is_some() && super::setup::attention_data_parallel(model, s.dp_attention)
        || s.tp.is_some_and(experts_wider);
    let widest = if spans { MAX_GPUS_PER_REPLICA } else { up };
    let tp = s.tp.map(|t| {
        if t > widest {
            notices.push(Notice::TpTooWide {
                asked: t,
                max: widest,
            });
        }
        t.clamp(1, widest)
    });
    let (tp, dp_attention) = match (tp, s.ep, &model.moe) {
        (Some(t), Some(e), Some(_)) if experts_wider(t) && (e <= up || spans) => {
            notices.push(Notice::AttentionDataParallel { tp: t, ep: e });
            (Some(e), Some(true))
        }
        _ => (tp, s.dp_attention),
    };
    let lens = (prompt, output, context);
    let setup = Setup::new(gpu, model, precisions, engine, dp_attention, *physics);
    let decoding = setup
        .with_mtp(s.mtp, s.drafts)
        .with_dp_balance(s.dp_balance);
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
                precision: precisions.weights,
                weights_gb: dep.setup.weight_bytes_total() / 1e9,
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
            precision: precisions.weights,
            weights_gb: dep.setup.weight_bytes_total() / 1e9,
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
        dp_attention: dep.setup.dp_attention,
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
