//! Notices: what the link reader ignored, or what the model fell back from, raised or reduced,
//! as data. The words (English and German) are written in one place, `crate::text`, which
//! also gives each notice's stable machine-readable code and its JSON form.

use super::Precision;

/// One notice, with the values it reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    // The link reader (`scenario::parse_query`): the pair is ignored, the default used.
    /// A value longer than the reader considers.
    ValueTooLong { key: String, max_chars: usize },
    /// `v=` names a format version this build does not know.
    UnknownVersion { raw: String, read_as: u32 },
    /// `gpu=` or `model=` names no catalogue entry.
    NotInCatalogue { key: &'static str, raw: String },
    /// `precision=` is not one of the known precisions.
    UnknownPrecision { raw: String },
    /// A numeric parameter's value is not a number.
    NotANumber { key: &'static str, raw: String },
    /// A numeric parameter's value lies outside the parameter table's range.
    OutOfRange {
        key: &'static str,
        raw: String,
        min: f64,
        max: f64,
    },
    /// A key the reader does not know.
    UnknownKey { key: String },
    /// A notice about the second scenario of a comparison (a `b.` pair of the link).
    ForB(Box<Notice>),
    /// The link was made with another version of the model (`m=`): the figures shown come
    /// from `current`. Not an error: the link's inputs are read as they are.
    ModelVersion { link: String, current: &'static str },

    // The model (`model::serve`, `model::economics`).
    /// The scenario's chip id is not in the catalogue.
    UnknownGpu { asked: String, used: &'static str },
    /// The scenario's model id is not in the catalogue.
    UnknownModel { asked: String, used: &'static str },
    /// The chip lacks the arithmetic asked for; the nearest it has is used (the weights stay
    /// stored as `weights`).
    PrecisionFallback {
        asked: Precision,
        used: Precision,
        gpu: &'static str,
        weights: Precision,
    },
    /// The engine asked for does not run on the chip's vendor: the chip's best is used.
    EngineNotForChip {
        engine: &'static str,
        gpu: &'static str,
        used: &'static str,
    },
    /// The forced tensor-parallel width does not hold the weights: pipeline stages are added.
    PipelineAdded { tp: u32, pp: u32 },
    /// The forced tensor-parallel width exceeds the chip's scale-up domain: the domain's
    /// width is used.
    TpTooWide { asked: u32, max: u32 },
    /// An MoE model's experts forced over more GPUs than attention's tensor-parallel width
    /// (`tp` < `ep`): one instance of `ep` GPUs, attention data-parallel across them.
    AttentionDataParallel { tp: u32, ep: u32 },
    /// The forced expert-parallel width does not divide the instance's GPUs (or the model has
    /// no experts): the nearest that does is used.
    EpAdjusted { asked: u32, used: u32 },
    /// Disaggregated serving: a pool's forced worker width (`tp=` for decode, `prefill_tp=`
    /// for prefill) cannot hold the model without pipeline stages; the model lays the pool
    /// out itself.
    WorkerWidened { pool: &'static str, tp: u32 },
    /// `mtp=1` for a model without multi-token-prediction layers (or an engine that drafts
    /// none): decoded without drafts.
    NoDrafts {
        model: &'static str,
        engine: &'static str,
    },
    /// An economic input outside the parameter table's range (only a scenario built in code
    /// can hold one: the link reader refuses them).
    Clamped {
        key: &'static str,
        value: f64,
        min: f64,
        max: f64,
        used: f64,
    },
    /// The replica was enlarged until the weights fit.
    ReplicaRaised {
        model: &'static str,
        /// The weights' precision (what sets their size).
        precision: Precision,
        weights_gb: f64,
        asked: u32,
        gpu: &'static str,
        hbm_gb: f64,
        used: u32,
    },
    /// The requested GPUs do not split into whole scale-up groups (tensor-parallel width ×
    /// pipeline stages): the next count that does is used.
    ReplicaRounded { asked: u32, used: u32, group: u32 },
    /// Not even the largest replica holds the model.
    DoesNotFit {
        model: &'static str,
        gpus: u32,
        gpu: &'static str,
        max: u32,
    },
    /// The fixed batch does not fit in memory or the scheduler's limit.
    BatchReduced { asked: u32, used: f64 },
    /// The site's power is less than one GPU slot: one GPU is shown.
    BelowOneSlot {
        power_mw: f64,
        gpu: &'static str,
        slot_kw: f64,
    },
}
