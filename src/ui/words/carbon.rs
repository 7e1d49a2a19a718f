//! The words of the carbon figures, the grid picker, the comparison of two scenarios and the
//! decade's play button, in English and German (`model::carbon` computes every number).

use super::{Explanation, Figure, Lang, count, num, plain, tr};
use crate::model::Outcome;

const SRC_CARBON: &str = "src/model/carbon.rs (carbon), src/model/economics.rs (facility energy); grids: src/data/grids.json; car, flight and reactor: src/data/constants.json";

static PER_ANSWER: Explanation = Explanation {
    formula_en: "Facility energy of one answer (Wh, all-in: GPU boards, hosts, idle time and cooling, × PUE) ÷ 1000 × the grid's intensity (g CO₂/kWh). The whole building's electricity, not the GPU board's alone.",
    formula_de: "Energie einer Antwort im ganzen Rechenzentrum (Wh, gesamt: GPU-Platinen, Hosts, Leerlauf und Kühlung, × PUE) ÷ 1000 × CO₂-Intensität des Netzes (g CO₂/kWh). Der Strom des ganzen Gebäudes, nicht nur der GPU-Platine.",
    sources: SRC_CARBON,
};
static PER_MTOK: Explanation = Explanation {
    formula_en: "All-in joules per output token × 10⁶ ÷ 3600 ÷ 1000 (kWh per million tokens) × the grid's intensity (g CO₂/kWh) ÷ 1000: kilograms per million output tokens, facility energy (× PUE).",
    formula_de: "Gesamt-Joule pro Ausgabetoken × 10⁶ ÷ 3600 ÷ 1000 (kWh pro Million Token) × CO₂-Intensität des Netzes (g CO₂/kWh) ÷ 1000: Kilogramm pro Million Ausgabetoken, Energie des ganzen Rechenzentrums (× PUE).",
    sources: SRC_CARBON,
};
static PER_YEAR: Explanation = Explanation {
    formula_en: "The factory's electricity per year at its average draw (GWh, facility energy × PUE, idle time included) × the grid's intensity (g CO₂/kWh) = tonnes of CO₂. The average draw, not the power the site is built for.",
    formula_de: "Strom der Fabrik pro Jahr bei mittlerer Leistung (GWh, Energie des ganzen Rechenzentrums × PUE, Leerlauf eingerechnet) × CO₂-Intensität des Netzes (g CO₂/kWh) = Tonnen CO₂. Die mittlere Leistung, nicht die, für die der Standort gebaut ist.",
    sources: SRC_CARBON,
};

/// The carbon figures of section 1, after [`super::HEADLINE`].
pub static CARBON: [Figure; 3] = [
    Figure {
        name: "co2-per-answer",
        label: ("CO₂ per answer", "CO₂ pro Antwort"),
        unit: ("g", "g"),
        value: |o| o.carbon.g_co2_per_answer,
        explain: &PER_ANSWER,
    },
    Figure {
        name: "co2-per-mtok",
        label: ("CO₂ per million tokens", "CO₂ pro Million Token"),
        unit: ("kg", "kg"),
        value: |o| o.carbon.kg_co2_per_million_tokens,
        explain: &PER_MTOK,
    },
    Figure {
        name: "co2-per-year",
        label: ("The factory's CO₂ per year", "CO₂ der Fabrik pro Jahr"),
        unit: ("t", "t"),
        value: |o| o.carbon.tonnes_co2_per_year,
        explain: &PER_YEAR,
    },
];

/// A grid's name in the language (`custom` for a number from the link).
pub fn grid_name(l: Lang, id: &str) -> String {
    match crate::data::catalogue().grid(id) {
        Some(g) => match l {
            Lang::En => g.name_en.clone(),
            Lang::De => g.name_de.clone(),
        },
        None => custom_grid(l).to_string(),
    }
}

/// A grid's entry in the picker: its name, intensity and year.
pub fn grid_option(l: Lang, g: &crate::data::Grid) -> String {
    let name = match l {
        Lang::En => &g.name_en,
        Lang::De => &g.name_de,
    };
    // Life-cycle figures count CO₂ equivalents over the plants' and fuels' whole life; the
    // others only what burns at the plant: the picker says which, as they do not compare.
    let (unit, method) = match (l, g.life_cycle) {
        (Lang::En, true) => ("CO₂e", "life cycle"),
        (Lang::En, false) => ("CO₂", "at the plant"),
        (Lang::De, true) => ("CO₂e", "Lebenszyklus"),
        (Lang::De, false) => ("CO₂", "im Kraftwerk"),
    };
    format!(
        "{name} ({} g {unit}/kWh, {}, {method})",
        plain(l, g.g_per_kwh),
        g.year
    )
}

/// The picker's entry for an intensity typed as a number.
pub fn custom_grid(l: Lang) -> &'static str {
    tr(
        l,
        "Your own number (slider)",
        "Eigener Wert (Schieberegler)",
    )
}

/// The grid picker's label.
pub fn grid_label(l: Lang) -> &'static str {
    tr(l, "Electricity grid", "Stromnetz")
}

/// The grid and the carbon in relatable units, one sentence under the figures.
pub fn carbon_line(l: Lang, o: &Outcome) -> String {
    let k = &o.carbon;
    let grid = grid_name(l, k.grid.id);
    let year = k.grid.year.map(|y| format!(", {y}")).unwrap_or_default();
    let intensity = plain(l, k.grid.g_co2_per_kwh);
    // Life-cycle intensities are in CO₂ equivalents (the picker says which method).
    let life_cycle = crate::data::catalogue()
        .grid(k.grid.id)
        .is_some_and(|g| g.life_cycle);
    let unit = if life_cycle { "CO₂e" } else { "CO₂" };
    let metres = plain(l, k.car_m_per_answer);
    let flights = count(l, k.flights_per_year);
    let share = num(l, k.reactor_share * 100.0);
    match l {
        Lang::En => format!(
            "On the grid of {grid} ({intensity} g {unit}/kWh{year}): one answer emits as much as a typical car driving {metres} m; the factory's year as {flights} passengers flying Frankfurt–New York one way; it draws {share} % of a 1 GW reactor's output."
        ),
        Lang::De => format!(
            "Im Stromnetz {grid} ({intensity} g {unit}/kWh{year}): eine Antwort verursacht so viel CO₂ wie ein typisches Auto auf {metres} m; das Jahr der Fabrik so viel wie {flights} Fluggäste von Frankfurt nach New York (einfach); sie braucht {share} % der Leistung eines 1-GW-Reaktors."
        ),
    }
}

/// Words of the comparison: the pin button, the leave button, the explanation while comparing.
pub struct CompareWords {
    pub pin: &'static str,
    pub leave: &'static str,
    pub comparing: &'static str,
    pub ratio: &'static str,
}

/// The comparison's words in the language.
pub fn compare_words(l: Lang) -> CompareWords {
    match l {
        Lang::En => CompareWords {
            pin: "Pin this scenario as A and compare",
            leave: "Leave the comparison",
            comparing: "Comparing: A is pinned; the controls change B. Each figure shows B, then A and B ÷ A.",
            ratio: "B ÷ A",
        },
        Lang::De => CompareWords {
            pin: "Dieses Szenario als A festhalten und vergleichen",
            leave: "Vergleich beenden",
            comparing: "Vergleich: A ist festgehalten; die Regler ändern B. Jede Zahl zeigt B, dann A und B ÷ A.",
            ratio: "B ÷ A",
        },
    }
}

/// A figure's values compared: A's value and B ÷ A (`×2.9`), or a dash where A is zero or
/// not computable.
pub fn compare_text(l: Lang, fig: &Figure, a: &Outcome, b: &Outcome) -> (String, String) {
    let (va, vb) = ((fig.value)(a), (fig.value)(b));
    let ratio = vb / va;
    let r = if ratio.is_finite() {
        format!("×{}", num(l, ratio))
    } else {
        "–".to_string()
    };
    (fig.text(l, a), r)
}

/// The play button's label (it names the decade from the timeline's first and last chips),
/// and the line that says why it only steps when the reader asks for reduced motion.
pub fn play_words(l: Lang, first: u16, last: u16) -> (String, String, &'static str) {
    match l {
        Lang::En => (
            format!("Play the decade {first} → {last}"),
            "Next generation".to_string(),
            "Your system asks for reduced motion, so the decade does not play by itself: each press steps to the next generation.",
        ),
        Lang::De => (
            format!("Das Jahrzehnt {first} → {last} abspielen"),
            "Nächste Generation".to_string(),
            "Ihr System wünscht weniger Bewegung; das Jahrzehnt läuft daher nicht von selbst: jeder Druck geht eine Generation weiter.",
        ),
    }
}

/// The years of the timeline's first and last chips.
pub fn decade() -> (u16, u16) {
    let c = crate::data::catalogue();
    let year = |id: &str| c.gpu(id).map_or(0, |g| g.year);
    let t = &super::TIMELINE;
    (year(t[0]), year(t[t.len() - 1]))
}
