//! Section lead texts that quote figures: every number in them is read from the catalogue
//! (`data/constants.json`) or computed by the calibration, never typed into a sentence.

use super::{Lang, count, num};
use crate::data::catalogue;
use crate::model::claims::claimed;
use std::sync::OnceLock;

/// A lead in both languages, written once per page load (the catalogue does not change
/// while the page is open) and kept for its lifetime.
fn both(
    once: &'static OnceLock<(String, String)>,
    f: impl Fn(Lang) -> String,
) -> (&'static str, &'static str) {
    let (en, de) = once.get_or_init(|| (f(Lang::En), f(Lang::De)));
    (en, de)
}

/// Section 2: NVIDIA's energy claim (`claim_*_j_per_token`).
pub fn history() -> (&'static str, &'static str) {
    static LEAD: OnceLock<(String, String)> = OnceLock::new();
    let c = claimed();
    both(&LEAD, |l| {
        let (p, b) = (count(l, c.pascal_j), num(l, c.blackwell_j));
        match l {
            Lang::En => format!(
                "Each generation of chips serves the same model with less energy per token. NVIDIA claims {p} J per token on Pascal (2016) and {b} J on Blackwell (2024) for a GPT-4-class model; choose GPT-MoE-1.8T to see the claim beside the model. The waterfall splits the model's own ratio into its causes."
            ),
            Lang::De => format!(
                "Jede Chip-Generation bedient dasselbe Modell mit weniger Energie pro Token. NVIDIA nennt für ein Modell der GPT-4-Klasse {p} J pro Token auf Pascal (2016) und {b} J auf Blackwell (2024); wählen Sie GPT-MoE-1.8T, um die Behauptung neben dem Modell zu sehen. Der Wasserfall zerlegt das Verhältnis des Modells in seine Ursachen."
            ),
        }
    })
}

/// Section 5: Abilene's power (`abilene_campus_mw`) and the announced build-out
/// (`stargate_announced_usd`).
pub fn scale() -> (&'static str, &'static str) {
    static LEAD: OnceLock<(String, String)> = OnceLock::new();
    let c = catalogue();
    let gw = c.constant("abilene_campus_mw") / 1000.0;
    let bn = c.constant("stargate_announced_usd") / 1e9;
    both(&LEAD, |l| {
        let (gw, bn) = (num(l, gw), count(l, bn));
        match l {
            Lang::En => format!(
                "Move the factory-power slider from a single GPU to a gigawatt. Stargate in Abilene, Texas, is reported at about {gw} GW; the announced build-out is ${bn} billion over four years."
            ),
            Lang::De => format!(
                "Schieben Sie den Leistungsregler von einer einzelnen GPU bis zu einem Gigawatt. Stargate in Abilene (Texas) soll rund {gw} GW haben; angekündigt sind {bn} Milliarden Dollar in vier Jahren."
            ),
        }
    })
}

/// Section 8: what the model is, and its errors where it claims to hold (dense models on
/// MLPerf and ML.ENERGY, median |error|) and where it is weakest (mixture of experts at
/// scale: the InferenceMAX table below it, `words::measured`).
pub fn trust() -> (&'static str, &'static str) {
    static LEAD: OnceLock<(String, String)> = OnceLock::new();
    if let Some((en, de)) = LEAD.get() {
        return (en, de);
    }
    let m = crate::calibration::TRUST_MEDIANS;
    let (mlperf, mle_j, mle_t) = (
        m.mlperf_throughput,
        m.mlenergy_energy,
        m.mlenergy_throughput,
    );
    both(&LEAD, |l| {
        let (mlperf, mle_j, mle_t) = (num(l, mlperf), num(l, mle_j), num(l, mle_t));
        match l {
            Lang::En => format!(
                "The model is physics: per step, bytes moved and FLOPs done by each operator, communication between GPUs, and a power model that lowers the clock at the board limit. Each constant means one thing and is fitted to the data that measures it: power and fixed costs to steps measured on an H100, each chip's GEMM efficiency to MLPerf, the serving engines' costs to ML.ENERGY and InferenceMAX. Part of the data is held out. For dense models the median error is {mlperf} % on MLPerf throughput and, on ML.ENERGY, {mle_j} % on energy and {mle_t} % on tokens/s. Mixture-of-experts models served at scale are where the articles' claims live and where the model is weakest: the table below sets it beside every configuration InferenceMAX measured, its errors shown, not hidden."
            ),
            Lang::De => format!(
                "Das Modell ist Physik: pro Schritt die Bytes und FLOPs jedes Operators, die Kommunikation zwischen GPUs und ein Leistungsmodell, das an der Leistungsgrenze den Takt senkt. Jede Konstante bedeutet genau eine Sache und ist an die Daten angepasst, die sie messen: Leistung und feste Kosten an Schritte, gemessen auf einer H100, die GEMM-Effizienz jedes Chips an MLPerf, die Kosten der Inferenz-Engines an ML.ENERGY und InferenceMAX. Ein Teil der Daten bleibt außerhalb der Anpassung. Für dichte Modelle liegt der Medianfehler bei {mlperf} % für den MLPerf-Durchsatz und bei ML.ENERGY bei {mle_j} % für die Energie und {mle_t} % für Token/s. Mixture-of-Experts-Modelle im Großbetrieb sind, wo die Behauptungen der Artikel spielen und wo das Modell am schwächsten ist: die Tabelle unten stellt es neben jede Konfiguration, die InferenceMAX gemessen hat, und zeigt seine Fehler, statt sie zu verstecken."
            ),
        }
    })
}
