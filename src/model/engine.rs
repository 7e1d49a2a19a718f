//! Engine choice: which serving engine (vLLM, SGLang, TensorRT-LLM, …) a scenario runs on its
//! chip. A named engine that runs on the chip's vendor is used as asked; otherwise, and for
//! [`BEST_ENGINE`], the chip's [`best_engine`]: the one that serves the baseline scenario
//! fastest there.

use super::Scenario;
use super::layout::{best_layout, fitting_gpus};
use super::notice::Notice;
use super::served::lengths;
use super::serving::{Precisions, Setup};
use super::step::Physics;
use crate::data::{Engine, Gpu, catalogue};

/// The engine id that stands for the best engine for the chip ([`best_engine`]).
pub const BEST_ENGINE: &str = "best";

/// The engine a scenario asks for on `gpu`: the named one if it runs on the chip's vendor,
/// else [`best_engine`] (with a notice when a named one does not run there).
pub(super) fn resolve_engine(
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
