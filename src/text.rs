//! The words for the model's notices, in English and German, written once for the page and
//! the CLI. The model only reports data ([`Notice`]); this module says it.
//!
//! In JSON (CLI, the page's download) a notice is `{"code": "...", "text": "..."}`: `code` is
//! stable and machine-readable, `text` the English sentence.

use crate::model::Notice;
use serde::{Serialize, Serializer, ser::SerializeStruct};
use std::fmt;

/// The page's or the CLI's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
}

impl Notice {
    /// The stable machine-readable code of the notice (snake case).
    pub fn code(&self) -> &'static str {
        match self {
            Notice::ValueTooLong { .. } => "value_too_long",
            Notice::UnknownVersion { .. } => "unknown_version",
            Notice::NotInCatalogue { .. } => "not_in_catalogue",
            Notice::UnknownPrecision { .. } => "unknown_precision",
            Notice::NotANumber { .. } => "not_a_number",
            Notice::OutOfRange { .. } => "out_of_range",
            Notice::UnknownKey { .. } => "unknown_key",
            Notice::ForB(n) => n.code(),
            Notice::ModelVersion { .. } => "model_version",
            Notice::UnknownGpu { .. } => "unknown_gpu",
            Notice::UnknownModel { .. } => "unknown_model",
            Notice::PrecisionFallback { .. } => "precision_fallback",
            Notice::Clamped { .. } => "clamped",
            Notice::ReplicaRaised { .. } => "replica_raised",
            Notice::ReplicaRounded { .. } => "replica_rounded",
            Notice::EngineNotForChip { .. } => "engine_not_for_chip",
            Notice::PipelineAdded { .. } => "pipeline_added",
            Notice::TpTooWide { .. } => "tp_too_wide",
            Notice::AttentionDataParallel { .. } => "attention_data_parallel",
            Notice::EpAdjusted { .. } => "ep_adjusted",
            Notice::WorkerWidened { .. } => "worker_widened",
            Notice::NoDrafts { .. } => "no_drafts",
            Notice::DoesNotFit { .. } => "does_not_fit",
            Notice::BatchReduced { .. } => "batch_reduced",
            Notice::BelowOneSlot { .. } => "below_one_slot",
        }
    }

    /// The notice as a sentence in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Notice::ForB(n) => format!(
                "{} {}",
                if de { "Szenario B:" } else { "Scenario B:" },
                n.text(lang)
            ),
            Notice::ValueTooLong { key, max_chars } => {
                if de {
                    format!("{key}: Wert länger als {max_chars} Zeichen: ignoriert")
                } else {
                    format!("{key}: value longer than {max_chars} characters: ignored")
                }
            }
            Notice::UnknownVersion { raw, read_as } => {
                if de {
                    format!("v={raw}: unbekannte Version, gelesen als v={read_as}")
                } else {
                    format!("v={raw}: unknown version, read as v={read_as}")
                }
            }
            Notice::NotInCatalogue { key, raw } => {
                if de {
                    format!("{key}={raw} steht nicht im Katalog: ignoriert")
                } else {
                    format!("{key}={raw} is not in the catalogue: ignored")
                }
            }
            Notice::UnknownPrecision { raw } => {
                if de {
                    format!("precision={raw} ist keine von fp32, fp16, bf16, fp8, fp4: ignoriert")
                } else {
                    format!("precision={raw} is not one of fp32, fp16, bf16, fp8, fp4: ignored")
                }
            }
            Notice::NotANumber { key, raw } => {
                if de {
                    format!("{key}={raw} ist keine Zahl: ignoriert")
                } else {
                    format!("{key}={raw} is not a number: ignored")
                }
            }
            Notice::OutOfRange { key, raw, min, max } => {
                if de {
                    format!("{key}={raw} liegt außerhalb von [{min}, {max}]: ignoriert")
                } else {
                    format!("{key}={raw} is outside [{min}, {max}]: ignored")
                }
            }
            Notice::UnknownKey { key } => {
                if de {
                    format!("unbekannter Schlüssel '{key}': ignoriert")
                } else {
                    format!("unknown key '{key}': ignored")
                }
            }
            Notice::ModelVersion { link, current } => model_version(link, current, lang),
            Notice::UnknownGpu { asked, used } => {
                if de {
                    format!("unbekannte GPU '{asked}': verwendet wird {used}")
                } else {
                    format!("unknown gpu '{asked}': using {used}")
                }
            }
            Notice::UnknownModel { asked, used } => {
                if de {
                    format!("unbekanntes Modell '{asked}': verwendet wird {used}")
                } else {
                    format!("unknown model '{asked}': using {used}")
                }
            }
            Notice::PrecisionFallback {
                asked,
                used,
                gpu,
                weights,
            } => {
                let (a, u, w) = (asked.as_str(), used.as_str(), weights.as_str());
                let kept = weights.bits() < used.bits();
                match (de, kept) {
                    (true, true) => format!(
                        "{gpu} rechnet nicht in {a}: gerechnet wird in {u}, die Gewichte bleiben in {w} gespeichert"
                    ),
                    (true, false) => {
                        format!(
                            "Präzision {a} wird von {gpu} nicht unterstützt: verwendet wird {u}"
                        )
                    }
                    (false, true) => format!(
                        "{gpu} has no {a} arithmetic: computing in {u}, the weights stay stored in {w}"
                    ),
                    (false, false) => format!("precision {a} is not supported on {gpu}: using {u}"),
                }
            }
            Notice::Clamped {
                key,
                value,
                min,
                max,
                used,
            } => {
                if de {
                    format!(
                        "{key}={value} liegt außerhalb von [{min}, {max}]: verwendet wird {used}"
                    )
                } else {
                    format!("{key}={value} is outside [{min}, {max}]: using {used}")
                }
            }
            Notice::ReplicaRaised {
                model,
                precision,
                weights_gb,
                asked,
                gpu: _,
                hbm_gb,
                used,
            } => {
                let p = precision.as_str();
                if de {
                    format!(
                        "{model} in {p} braucht {weights_gb:.0} GB für die Gewichte: {asked} GPU(s) mit {hbm_gb} GB reichen nicht, verwendet werden {used}"
                    )
                } else {
                    format!(
                        "{model} in {p} needs {weights_gb:.0} GB for weights: {asked} GPU(s) of {hbm_gb} GB are too few, using {used}"
                    )
                }
            }
            Notice::ReplicaRounded { asked, used, group } => {
                if de {
                    format!(
                        "gpus={asked} lässt sich nicht in Gruppen von {group} GPUs teilen: verwendet werden {used}"
                    )
                } else {
                    format!("gpus={asked} does not split into groups of {group} GPUs: using {used}")
                }
            }
            Notice::EngineNotForChip { engine, gpu, used } => {
                if de {
                    format!("{engine} läuft nicht auf {gpu}: verwendet wird {used}")
                } else {
                    format!("{engine} does not run on {gpu}: using {used}")
                }
            }
            Notice::PipelineAdded { tp, pp } => {
                if de {
                    format!(
                        "tp={tp} fasst die Gewichte nicht: verwendet werden {pp} Pipeline-Stufen zu je {tp} GPUs"
                    )
                } else {
                    format!(
                        "tp={tp} does not hold the weights: using {pp} pipeline stages of {tp} GPUs"
                    )
                }
            }
            Notice::TpTooWide { asked, max } => {
                if de {
                    format!(
                        "tp={asked} ist breiter als die Scale-up-Domäne des Chips: verwendet wird tp={max}"
                    )
                } else {
                    format!("tp={asked} is wider than the chip's scale-up domain: using tp={max}")
                }
            }
            Notice::WorkerWidened { pool, tp } => {
                let key = if *pool == "prefill" {
                    "prefill_tp"
                } else {
                    "tp"
                };
                if de {
                    let pool = if *pool == "prefill" {
                        "Prefill"
                    } else {
                        "Decode"
                    };
                    format!(
                        "{key}={tp}: ein {pool}-Worker dieser Breite fasst das Modell nicht ohne Pipeline-Stufen; das Modell teilt den {pool}-Pool selbst auf"
                    )
                } else {
                    format!(
                        "{key}={tp}: a {pool} worker that wide cannot hold the model without pipeline stages; the model lays out the {pool} pool itself"
                    )
                }
            }
            Notice::AttentionDataParallel { tp, ep } => {
                if de {
                    format!(
                        "tp={tp} mit ep={ep}: eine Instanz aus {ep} GPUs, die Experten über alle verteilt, die Attention datenparallel (jede GPU ihre eigenen Sequenzen; vLLM: --data-parallel-size {ep} --enable-expert-parallel)"
                    )
                } else {
                    format!(
                        "tp={tp} with ep={ep}: one instance of {ep} GPUs, experts spread over all of them, attention data-parallel (each GPU its own sequences; vLLM: --data-parallel-size {ep} --enable-expert-parallel)"
                    )
                }
            }
            Notice::EpAdjusted { asked, used } => {
                if de {
                    format!(
                        "ep={asked} passt nicht zu den GPUs einer Instanz (oder das Modell hat keine Experten): verwendet wird ep={used}"
                    )
                } else {
                    format!(
                        "ep={asked} does not divide an instance's GPUs (or the model has no experts): using ep={used}"
                    )
                }
            }
            Notice::NoDrafts { model, engine } => {
                if de {
                    format!(
                        "mtp=1: {model} hat keine Schichten für Multi-Token-Vorhersage (oder {engine} entwirft keine Token): dekodiert wird ohne Entwürfe"
                    )
                } else {
                    format!(
                        "mtp=1: {model} has no multi-token-prediction layers (or {engine} drafts none): decoding without drafts"
                    )
                }
            }
            Notice::DoesNotFit {
                model,
                gpus,
                gpu,
                max,
            } => {
                if de {
                    format!(
                        "{model} passt selbst auf {gpus} {gpu} ({max} GPUs pro Replikat) nicht: die Zahlen tun so, als ob"
                    )
                } else {
                    format!(
                        "{model} does not fit on {gpus} {gpu} even at {max} GPUs per replica: figures assume it did"
                    )
                }
            }
            Notice::BatchReduced { asked, used } => {
                if de {
                    format!(
                        "der KV-Cache von batch={asked} passt nicht in den Speicher: verwendet wird {used}"
                    )
                } else {
                    format!("the KV cache of batch={asked} does not fit in memory: using {used}")
                }
            }
            Notice::BelowOneSlot {
                power_mw,
                gpu,
                slot_kw,
            } => {
                if de {
                    format!(
                        "power_mw={power_mw} ist weniger als ein {gpu}-Platz ({slot_kw:.1} kW mit PUE): gezeigt wird eine GPU"
                    )
                } else {
                    format!(
                        "power_mw={power_mw} is less than one {gpu} slot ({slot_kw:.1} kW with PUE): showing one GPU"
                    )
                }
            }
        }
    }
}

/// "These figures come from the model of …; the link was made with …. What changed: …",
/// with every changelog entry after the link's version, in the reader's language.
fn model_version(link: &str, current: &str, lang: Lang) -> String {
    let log = &crate::data::catalogue().changelog;
    let de = lang == Lang::De;
    match log.iter().position(|v| v.version == link) {
        Some(i) => {
            let changes: Vec<&str> = log[i + 1..]
                .iter()
                .map(|v| if de { v.de.as_str() } else { v.en.as_str() })
                .collect();
            let changes = changes.join(" ");
            if de {
                format!(
                    "Diese Zahlen stammen aus dem Modell {current}; der Link wurde mit dem Modell {link} erstellt. Was sich geändert hat: {changes}"
                )
            } else {
                format!(
                    "These figures come from the model of {current}; the link was made with the model of {link}. What changed: {changes}"
                )
            }
        }
        None => {
            if de {
                format!(
                    "Diese Zahlen stammen aus dem Modell {current}; der Link nennt eine Modellversion, die diese Seite nicht kennt ({link})."
                )
            } else {
                format!(
                    "These figures come from the model of {current}; the link names a model version this page does not know ({link})."
                )
            }
        }
    }
}

impl fmt::Display for Notice {
    /// The English sentence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Serialize for Notice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Notice", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("text", &self.text(Lang::En))?;
        st.end()
    }
}
