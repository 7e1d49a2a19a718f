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

/// Section 8: how far off the model is where it is known to be weak (the calibration's
/// `limitation` rows, model ÷ measured).
pub fn trust() -> (&'static str, &'static str) {
    static LEAD: OnceLock<(String, String)> = OnceLock::new();
    let cmp = crate::calibration::compare(&crate::model::step::Physics::from_catalogue());
    let (lo, hi, _) = crate::calibration::ratio_range(&cmp, "limitation");
    both(&LEAD, |l| {
        let (lo, hi) = (num(l, lo), num(l, hi));
        match l {
            Lang::En => format!(
                "The model is physics: bytes moved and FLOPs done per token, at efficiencies fitted to published measurements (MLPerf, ML.ENERGY, InferenceMAX) and to power measured on a real H100. Part of the data is held out of the fit. Where it is known to be weak (mixture-of-experts models served at scale), the model gives {lo} to {hi} times the measured figure; that gap is shown, not hidden."
            ),
            Lang::De => format!(
                "Das Modell ist Physik: pro Token bewegte Bytes und ausgeführte FLOPs, mit Wirkungsgraden, die an veröffentlichte Messungen (MLPerf, ML.ENERGY, InferenceMAX) und an auf einer echten H100 gemessene Leistung angepasst sind. Ein Teil der Daten bleibt außerhalb der Anpassung. Wo es bekanntermaßen schwach ist (Mixture-of-Experts-Modelle im Großbetrieb), liefert das Modell das {lo}- bis {hi}-Fache des gemessenen Werts; diese Lücke wird gezeigt, nicht versteckt."
            ),
        }
    })
}
