//! What the page's components share through Leptos context: the scenario, the physics stage
//! remembered apart from the economics on top of it, the outcome, the comparison with a
//! pinned scenario A, and the chart theme.

use crate::charts::Theme;
use crate::model::step::Physics;
use crate::model::{Outcome, Scenario, Served, economics, physics_key, serve};
use leptos::prelude::*;

/// The scenario the page shows (one signal for the whole page).
#[derive(Clone, Copy)]
pub struct ScenarioCtx(pub RwSignal<Scenario>);

/// The physics stage of the page or of a chart's series, remembered with its key and recomputed only when
/// the key changes, so a price or PUE slider re-runs only the economics on top. A plain cell
/// the chart's series memo reads, not a memo itself: nothing subscribes to it, and its value
/// is never compared.
pub struct PhysicsCell<K: 'static, V: 'static>(StoredValue<Option<(K, V)>>);

impl<K: PartialEq + Send + Sync + 'static, V: Send + Sync + 'static> PhysicsCell<K, V> {
    pub fn new() -> Self {
        PhysicsCell(StoredValue::new(None))
    }

    /// `f` of the value for `key`, computing it with `compute` if the key changed.
    pub fn with<R>(&self, key: K, compute: impl FnOnce(&K) -> V, f: impl FnOnce(&V) -> R) -> R {
        self.0
            .try_update_value(|cell| {
                if cell.as_ref().is_none_or(|(k, _)| *k != key) {
                    let v = compute(&key);
                    *cell = Some((key, v));
                }
                cell.as_ref().map(|(_, v)| f(v))
            })
            .flatten()
            .expect("physics cell disposed")
    }
}

impl<K: PartialEq + Send + Sync + 'static, V: Send + Sync + 'static> Default for PhysicsCell<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V> Clone for PhysicsCell<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, V> Copy for PhysicsCell<K, V> {}

/// The physics stage of the scenario (chip, model, layout, batch, lengths), re-run only
/// when one of those changes: read it with `served(scenario, |sv| …)`.
#[derive(Clone, Copy)]
pub struct ServedCtx(pub PhysicsCell<Scenario, Served>);

impl ServedCtx {
    /// `f` of the scenario's physics stage (computed only if its physics inputs changed).
    pub fn with<R>(&self, s: &Scenario, f: impl FnOnce(&Served) -> R) -> R {
        static PHYSICS: std::sync::OnceLock<Physics> = std::sync::OnceLock::new();
        let physics = PHYSICS.get_or_init(Physics::from_catalogue);
        self.0.with(physics_key(s), |k| serve(k, physics), f)
    }
}

/// The economics stage of `s` on top of its physics stage, kept in `served` (one copy of
/// this code for the page's scenario and a pinned one).
#[inline(never)]
pub(super) fn outcome_of(served: ServedCtx, s: &Scenario) -> Outcome {
    served.with(s, |sv| economics(s, sv))
}

/// The outcome of the scenario: the economics stage on top of [`ServedCtx`], re-run on
/// every change (a price or PUE slider re-runs only this).
#[derive(Clone, Copy)]
pub struct OutcomeCtx(pub Memo<Outcome>);

/// Two scenarios compared: A, pinned by the reader, beside B, the page's scenario
/// ([`ScenarioCtx`], which the controls keep changing). Charts draw the page's scenario (B);
/// to mark the other one they read `a` and `a_outcome`, and `b_outcome` says whether a
/// comparison is on (it is B's outcome then, the same as [`OutcomeCtx`]'s).
#[derive(Clone, Copy)]
pub struct CompareCtx {
    /// The pinned scenario A, while comparing.
    pub a: RwSignal<Option<Scenario>>,
    /// A's outcome, while comparing.
    pub a_outcome: Memo<Option<Outcome>>,
    /// B's outcome (the page's), while comparing; `None` otherwise.
    pub b_outcome: Signal<Option<Outcome>>,
}

impl CompareCtx {
    /// The context for the page's scenario and outcome: A evaluated on a physics cell of its
    /// own, so moving B's knobs never re-runs A's physics.
    pub(super) fn new(a: RwSignal<Option<Scenario>>, outcome: Memo<Outcome>) -> CompareCtx {
        let served = ServedCtx(PhysicsCell::new());
        // Never compared field by field (as the page's outcome: see `App`).
        let a_outcome = Memo::new_with_compare(
            move |_| a.with(|a| a.as_ref().map(|s| outcome_of(served, s))),
            |_, _| true,
        );
        let b_outcome = Signal::derive(move || a.with(Option::is_some).then(|| outcome.get()));
        CompareCtx {
            a,
            a_outcome,
            b_outcome,
        }
    }
}

/// The chart colours (light or dark, from `prefers-color-scheme`).
#[derive(Clone, Copy)]
pub struct ThemeCtx(pub RwSignal<Theme>);
