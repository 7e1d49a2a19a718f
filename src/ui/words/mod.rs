//! The page's words and the figures they format, without Leptos: the components in `ui` and
//! the build-time page (`fabrik-prerender`, the HTML readers see before the wasm arrives) both
//! take their text from here, so the two cannot drift apart. Compiled natively and in the
//! wasm (`lib.rs` includes this folder as `crate::words`); everything here is a plain
//! function of the language and the model's figures.

pub mod carbon;
pub mod charts;
pub mod claims;
pub mod leads;
pub mod measured;
mod serving;
pub mod sites;

use crate::model::Outcome;
pub use crate::text::Lang;
pub use serving::serving_setup;

impl Lang {
    /// The language's tag, for `<html lang>` and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// Picks the text for the language.
pub fn tr(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// A figure as a reader writes it (issue 14): three significant figures, thousands written
/// out (2,000; German 2.000), millions and up in words (1.5 million; 1,5 Millionen), decimal
/// comma in German; no SI prefixes in text.
pub fn num(lang: Lang, x: f64) -> String {
    crate::charts::layout::reader(x, lang == Lang::De)
}

/// A value as a reader writes it: below a thousand as [`num`] (three significant figures),
/// from a thousand up written out with thousands separators (1,200 rather than 1.2 k).
pub fn plain(lang: Lang, x: f64) -> String {
    if x.abs() >= 1000.0 {
        count(lang, x)
    } else {
        num(lang, x)
    }
}

/// A large count written out with thousands separators (1,234,567 / 1.234.567).
pub fn count(lang: Lang, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let n = x.round().abs() as u64;
    let digits = n.to_string();
    let sep = if lang == Lang::De { '.' } else { ',' };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if x < 0.0 { format!("−{out}") } else { out }
}

/// The page's title (`<title>`, `og:title`).
pub fn title(l: Lang) -> &'static str {
    tr(
        l,
        "fabrik — what an AI factory's tokens cost in joules and dollars",
        "fabrik — was die Token einer KI-Fabrik in Joule und Dollar kosten",
    )
}

/// The page's description (`<meta name=description>`, `og:description`).
pub fn description(l: Lang) -> &'static str {
    tr(
        l,
        "An interactive, sourced explainer of AI-factory economics: energy per token, cost per million tokens and factory scale, from one GPU to a gigawatt.",
        "Eine interaktive Erklärung mit Quellen zur Ökonomie von KI-Fabriken: Energie pro Token, Kosten pro Million Token und die Größe der Fabrik, von einer GPU bis zu einem Gigawatt.",
    )
}

/// The sentence under the title.
pub fn lede(l: Lang) -> &'static str {
    tr(
        l,
        "An AI factory turns electricity into tokens. Turn the knobs and see what a token costs in joules and dollars — every number opens to its formula and sources.",
        "Eine KI-Fabrik macht aus Strom Token. Drehen Sie an den Reglern und sehen Sie, was ein Token in Joule und Dollar kostet – jede Zahl lässt sich bis zu Formel und Quelle aufklappen.",
    )
}

/// The one line a reader without JavaScript sees: the page shows the default scenario.
pub fn no_script(l: Lang) -> &'static str {
    tr(
        l,
        "These are the figures of the default scenario; the knobs need JavaScript and WebAssembly.",
        "Das sind die Zahlen des Standardszenarios; die Regler brauchen JavaScript und WebAssembly.",
    )
}

/// The label of the claim cards' region.
pub fn claims_label(l: Lang) -> &'static str {
    tr(
        l,
        "What the articles claim, and what the model says",
        "Was die Artikel behaupten und was das Modell sagt",
    )
}

/// A section of the page: its anchor, heading and lead (English, German).
pub struct Section {
    pub id: &'static str,
    pub title: (&'static str, &'static str),
    pub lead: (&'static str, &'static str),
}

/// The eight sections, in page order (the controls sit between the first and the second).
pub fn sections() -> [Section; 8] {
    [
        Section {
            id: "tokens",
            title: (
                "1 · What an AI factory makes: tokens",
                "1 · Was eine KI-Fabrik herstellt: Token",
            ),
            lead: (
                "A token is a word piece. The factory below serves the chosen model on the chosen chips; these are its key figures.",
                "Ein Token ist ein Wortstück. Die Fabrik unten bedient das gewählte Modell auf den gewählten Chips; das sind ihre Kennzahlen.",
            ),
        },
        Section {
            id: "history",
            title: (
                "2 · Joules per token, 2016 → today",
                "2 · Joule pro Token, 2016 → heute",
            ),
            lead: leads::history(),
        },
        Section {
            id: "floor",
            title: ("3 · The factory floor", "3 · In der Fabrikhalle"),
            lead: (
                "A factory can serve many users slowly or few users fast. Each line is one chip's best trade-off between tokens per megawatt and speed per user; the ring is your scenario.",
                "Eine Fabrik kann viele Nutzer langsam oder wenige schnell bedienen. Jede Linie ist der beste Kompromiss eines Chips zwischen Token pro Megawatt und Tempo pro Nutzer; der Ring ist Ihr Szenario.",
            ),
        },
        Section {
            id: "cost",
            title: ("4 · What a token costs", "4 · Was ein Token kostet"),
            lead: (
                "Most of the cost of a token is the hardware, paid off over its life; electricity is a smaller part, even at German prices.",
                "Den größten Teil der Kosten eines Tokens macht die Hardware aus, abgeschrieben über ihre Nutzungsdauer; Strom ist ein kleinerer Teil, selbst zu deutschen Preisen.",
            ),
        },
        Section {
            id: "scale",
            title: (
                "5 · Scale: one GPU to a gigawatt",
                "5 · Größenordnung: eine GPU bis ein Gigawatt",
            ),
            lead: leads::scale(),
        },
        Section {
            id: "export",
            title: (
                "6 · Chips under export rules",
                "6 · Chips unter Exportregeln",
            ),
            lead: (
                "The H20 and H800 were cut down to meet US export rules for China; Huawei's Ascend is China's own. For memory-bound serving, bandwidth matters more than FLOPs, and a mixture of experts such as DeepSeek-R1 reads only a fraction of its weights per token.",
                "H20 und H800 wurden beschnitten, um US-Exportregeln für China zu erfüllen; Huaweis Ascend ist Chinas eigener Chip. Beim speichergebundenen Betrieb zählt Bandbreite mehr als FLOPs, und ein Mixture-of-Experts-Modell wie DeepSeek-R1 liest pro Token nur einen Bruchteil seiner Gewichte.",
            ),
        },
        Section {
            id: "joules",
            title: ("7 · Where the joules go", "7 · Wohin die Joule gehen"),
            lead: (
                "A GPU's power splits into idle draw, moving bytes from memory and doing arithmetic; servers, network and cooling come on top.",
                "Die Leistung einer GPU teilt sich in Leerlauf, Datentransport aus dem Speicher und Rechnen; Server, Netz und Kühlung kommen hinzu.",
            ),
        },
        Section {
            id: "trust",
            title: (
                "8 · How far to trust this",
                "8 · Wie weit man dem trauen kann",
            ),
            lead: leads::trust(),
        },
    ]
}

/// The section with this anchor.
pub fn section(id: &str) -> Section {
    sections()
        .into_iter()
        .find(|s| s.id == id)
        .expect("a section of the page")
}

/// The heading of the controls.
pub fn controls_title(l: Lang) -> &'static str {
    tr(l, "Your scenario", "Ihr Szenario")
}

/// How a headline figure is computed: formula and where its inputs come from.
pub struct Explanation {
    pub formula_en: &'static str,
    pub formula_de: &'static str,
    pub sources: &'static str,
}

/// One headline figure: machine name, label and unit (English, German), value, formula.
pub struct Figure {
    pub name: &'static str,
    pub label: (&'static str, &'static str),
    pub unit: (&'static str, &'static str),
    pub value: fn(&Outcome) -> f64,
    pub explain: &'static Explanation,
}

const SRC_MODEL: &str = "src/model/served.rs (serve), src/model/economics.rs (economics), src/model/serving.rs, src/model/step.rs; constants: src/data/constants.json; chips: src/data/hardware.json";

static TOKENS: Explanation = Explanation {
    formula_en: "GPUs × output tokens/s per GPU. GPUs = ⌊facility MW ÷ power provisioned per GPU⌋ (server or rack maximum per GPU + network, storage and CPU nodes, ÷ the loading headroom, × the hottest day's PUE; src/model/site.rs); tokens/s per GPU = batch ÷ (decode step + prefill share) ÷ GPUs per instance; each step sums its operators (weight GEMMs, attention, communication, the engine's fixed costs), each the slower of bytes ÷ bandwidth and FLOPs ÷ (peak × the chip's GEMM efficiency × clock), the clock lowered where the board limit binds; the replica is split into the instances (tensor parallel × data parallel) that serve most tokens per GPU.",
    formula_de: "GPUs × Ausgabetoken/s pro GPU. GPUs = ⌊MW ÷ bereitgestellte Leistung pro GPU⌋ (Höchstleistung von Server oder Rack pro GPU + Netz, Speicher und CPU-Knoten, ÷ Lastreserve, × PUE des heißesten Tages; src/model/site.rs); Token/s pro GPU = Batch ÷ (Dekodierschritt + Prefill-Anteil) ÷ GPUs pro Instanz; jeder Schritt summiert seine Operatoren (Gewichts-GEMMs, Attention, Kommunikation, feste Kosten der Engine), jeder das Langsamere aus Bytes ÷ Bandbreite und FLOPs ÷ (Spitzenleistung × GEMM-Effizienz des Chips × Takt), der Takt gesenkt, wo die Leistungsgrenze greift; das Replikat wird in die Instanzen (tensorparallel × datenparallel) geteilt, die die meisten Token pro GPU liefern.",
    sources: SRC_MODEL,
};
static GPU_J: Explanation = Explanation {
    formula_en: "Board power × time of a decode step and its share of prefill ÷ output tokens. Board power = idle + (energy per HBM byte × bytes + the processors' power while compute-bound × the time they are busy) ÷ step time; above the board limit the clock drops until the power equals it (core power ∝ clock^1.8, HBM time unchanged). Measured on an H100 and an H200 with NVML, fitted to ML.ENERGY and MLPerf. GPU board only: no CPU, network or cooling.",
    formula_de: "Platinenleistung × Zeit eines Dekodierschritts samt Prefill-Anteil ÷ Ausgabetoken. Platinenleistung = Leerlauf + (Energie pro HBM-Byte × Bytes + Leistung der Recheneinheiten in rechengebundenen Kernels × deren Laufzeit) ÷ Schrittzeit; über der Leistungsgrenze sinkt der Takt, bis die Leistung ihr gleicht (Kernleistung ∝ Takt^1,8, HBM-Zeit unverändert). Gemessen auf einer H100 und einer H200 mit NVML, angepasst an ML.ENERGY und MLPerf. Nur die GPU-Platine: ohne CPU, Netz und Kühlung.",
    sources: SRC_MODEL,
};
static FAC_J: Explanation = Explanation {
    formula_en: "(u × (GPU + host power) + (1 − u) × (idle GPU + host power)) × PUE ÷ (u × tokens/s), with u the utilisation: idle capacity, servers, network and cooling are charged to the tokens made.",
    formula_de: "(u × (GPU- + Host-Leistung) + (1 − u) × (GPU-Leerlauf + Host-Leistung)) × PUE ÷ (u × Token/s), u = Auslastung: Leerlauf, Server, Netz und Kühlung werden den erzeugten Token angerechnet.",
    sources: SRC_MODEL,
};
static WH: Explanation = Explanation {
    formula_en: "All-in joules per output token × answer length ÷ 3,600 (the prompt's prefill energy is included in the per-token figure).",
    formula_de: "Gesamt-Joule pro Ausgabetoken × Antwortlänge ÷ 3.600 (die Prefill-Energie der Eingabe steckt im Wert pro Token).",
    sources: SRC_MODEL,
};
static USD: Explanation = Explanation {
    formula_en: "(hardware capex × capital recovery factor + building capex per W × provisioned W × its recovery factor + electricity + other opex) per GPU-year ÷ output tokens per GPU-year × 10⁶. Capital recovery: r(1+r)ⁿ/((1+r)ⁿ−1) at the cost of capital r (cost_of_capital) over the hardware life n; the building at facility_capex_usd_per_w over facility_lifetime_years (constants.json).",
    formula_de: "(Hardware-Capex × Annuitätenfaktor + Gebäude-Capex pro W × bereitgestellte W × dessen Faktor + Strom + sonstige Kosten) pro GPU-Jahr ÷ Ausgabetoken pro GPU-Jahr × 10⁶. Annuitätenfaktor r(1+r)ⁿ/((1+r)ⁿ−1) mit dem Kapitalkostensatz r (cost_of_capital) über die Nutzungsdauer n; Gebäude mit facility_capex_usd_per_w über facility_lifetime_years (constants.json).",
    sources: "src/model/cost.rs; src/data/constants.json (facility_capex_usd_per_w, cost_of_capital, system_capex_multiplier, other_opex_fraction)",
};
static MW: Explanation = Explanation {
    formula_en: "GPUs × power provisioned per GPU (server or rack maximum, + network, storage and CPU nodes, ÷ the loading headroom, × the hottest day's PUE): the grid connection the site is built for (provisioned, not average, power; the average draw is lower).",
    formula_de: "GPUs × bereitgestellte Leistung pro GPU (Höchstleistung von Server oder Rack, + Netz, Speicher und CPU-Knoten, ÷ Lastreserve, × PUE des heißesten Tages): der Netzanschluss, für den der Standort gebaut ist (bereitgestellte, nicht mittlere Leistung; die mittlere ist niedriger).",
    sources: "src/model/economics.rs (economics: the factory); PUE: shared facility reference §1 (Uptime Institute, InferenceX)",
};

/// The headline figures of section 1, in page order.
pub static HEADLINE: [Figure; 6] = [
    Figure {
        name: "tokens-per-s",
        label: ("Factory output", "Ausstoß der Fabrik"),
        unit: ("tokens/s", "Token/s"),
        value: |o| o.factory.tokens_per_s,
        explain: &TOKENS,
    },
    Figure {
        name: "gpu-j-per-token",
        label: ("Energy per token, GPU only", "Energie pro Token, nur GPU"),
        unit: ("J", "J"),
        value: |o| o.serving.gpu_joules_per_output_token,
        explain: &GPU_J,
    },
    Figure {
        name: "facility-j-per-token",
        label: ("Energy per token, all-in", "Energie pro Token, gesamt"),
        unit: ("J", "J"),
        value: |o| o.serving.facility_joules_per_output_token,
        explain: &FAC_J,
    },
    Figure {
        name: "wh-per-answer",
        label: ("Energy per answer, all-in", "Energie pro Antwort, gesamt"),
        unit: ("Wh", "Wh"),
        value: |o| o.serving.wh_per_request,
        explain: &WH,
    },
    Figure {
        name: "usd-per-mtok",
        label: ("Cost per million tokens", "Kosten pro Million Token"),
        unit: ("$", "$"),
        value: |o| o.serving.usd_per_million_output_tokens,
        explain: &USD,
    },
    Figure {
        name: "facility-mw",
        label: ("Factory power", "Leistung der Fabrik"),
        unit: ("MW", "MW"),
        value: |o| o.factory.facility_mw,
        explain: &MW,
    },
];

impl Figure {
    /// The figure's value as the page writes it.
    pub fn text(&self, l: Lang, o: &Outcome) -> String {
        let v = (self.value)(o);
        if v.is_finite() {
            num(l, v)
        } else {
            tr(l, "not computable", "nicht berechenbar").to_string()
        }
    }
}

/// The question that opens a figure's formula.
pub fn how_computed(l: Lang) -> &'static str {
    tr(l, "How is this computed?", "Wie wird das berechnet?")
}

/// The label before a formula's code and data.
pub fn code_and_data(l: Lang) -> &'static str {
    tr(l, "Code and data: ", "Code und Daten: ")
}

/// The factory in relatable units (section 5): machine name, label, value.
pub fn scale_figures(l: Lang, o: &Outcome) -> Vec<(&'static str, &'static str, String)> {
    let c = crate::data::catalogue();
    let de_house = c.constant("de_household_kwh_per_year");
    let us_house = c.constant("us_household_kwh_per_year");
    let de_twh = c.constant("de_electricity_twh_per_year");
    let f = &o.factory;
    let kwh = f.energy_gwh_per_year * 1e6;
    vec![
        ("gpus", tr(l, "GPUs", "GPUs"), count(l, f.gpus)),
        ("racks", tr(l, "Racks", "Racks"), count(l, f.racks)),
        (
            "mw",
            tr(
                l,
                "Grid connection, as built (MW)",
                "Netzanschluss, wie gebaut (MW)",
            ),
            num(l, f.facility_mw),
        ),
        (
            "average-mw",
            tr(
                l,
                "Average draw over the year (MW)",
                "Mittlere Leistung übers Jahr (MW)",
            ),
            num(l, f.average_facility_mw),
        ),
        (
            "capex",
            tr(l, "Capex ($)", "Investition ($)"),
            num(l, f.capex_usd),
        ),
        (
            "energy",
            tr(
                l,
                "Electricity per year, average draw (GWh)",
                "Strom pro Jahr, mittlere Leistung (GWh)",
            ),
            num(l, f.energy_gwh_per_year),
        ),
        (
            "de-households",
            tr(
                l,
                "German households' worth",
                "entspricht deutschen Haushalten",
            ),
            count(l, kwh / de_house),
        ),
        (
            "us-households",
            tr(l, "US households' worth", "entspricht US-Haushalten"),
            count(l, kwh / us_house),
        ),
        (
            "de-share",
            tr(
                l,
                "Share of German electricity (%)",
                "Anteil am deutschen Strom (%)",
            ),
            num(l, f.energy_gwh_per_year / 1000.0 / de_twh * 100.0),
        ),
        (
            "revenue",
            tr(l, "Revenue per year ($)", "Umsatz pro Jahr ($)"),
            num(l, f.revenue_usd_per_year),
        ),
        (
            "payback",
            tr(l, "Payback (years)", "Amortisation (Jahre)"),
            f.payback_years
                .map(|y| num(l, y))
                .unwrap_or_else(|| tr(l, "never", "nie").to_string()),
        ),
    ]
}

/// NVIDIA's data-centre line in order of year, for the timeline slider.
pub const TIMELINE: [&str; 10] = [
    "p100-sxm2",
    "v100-sxm2",
    "a100-sxm",
    "h100-sxm",
    "h200-sxm",
    "b200",
    "gb200-nvl72",
    "b300",
    "gb300-nvl72",
    "rubin-nvl144",
];

/// Words of the controls: (label of the timeline, of the chip, of the model, of the
/// precision picker).
pub fn control_labels(l: Lang) -> [&'static str; 4] {
    [
        tr(l, "Hardware generation", "Hardware-Generation"),
        tr(l, "Chip (all vendors)", "Chip (alle Hersteller)"),
        tr(l, "Model served", "Bedientes Modell"),
        tr(l, "Precision", "Präzision"),
    ]
}

/// The engine picker's label, and its first option (the best engine for the chip).
pub fn engine_words(l: Lang) -> (&'static str, &'static str) {
    (
        tr(l, "Serving engine", "Inferenz-Engine"),
        tr(l, "the best for the chip", "die beste für den Chip"),
    )
}

/// The label of the preset group, and of its button back to the default.
pub fn presets_words(l: Lang) -> (&'static str, &'static str) {
    (
        tr(l, "Presets", "Voreinstellungen"),
        tr(l, "Reset all", "Alles zurücksetzen"),
    )
}

/// The reset button's label before a slider's name.
pub fn reset_word(l: Lang) -> &'static str {
    tr(l, "Reset", "Zurücksetzen:")
}

/// The scenario download's button.
pub fn scenario_json(l: Lang) -> &'static str {
    tr(
        l,
        "Download scenario (JSON)",
        "Szenario herunterladen (JSON)",
    )
}

/// Before the list of the catalogue files (section 8).
pub fn sources_for_every_value(l: Lang) -> &'static str {
    tr(l, "Sources for every value: ", "Quellen zu jedem Wert: ")
}

/// The footer's three sentences about the model version (around the version itself and
/// the link to the changelog), and its privacy sentence.
pub fn footer(l: Lang) -> [&'static str; 4] {
    [
        tr(
            l,
            "Figures from fabrik's model of ",
            "Zahlen aus fabriks Modell vom Stand ",
        ),
        tr(
            l,
            "What changed between versions",
            "Was sich zwischen den Versionen geändert hat",
        ),
        tr(
            l,
            ". A link made today names this version (m=); opened with a later model, the page says what changed.",
            ". Ein heute erstellter Link nennt diese Version (m=); mit einem späteren Modell geöffnet, sagt die Seite, was sich geändert hat.",
        ),
        tr(
            l,
            "fabrik stores nothing and sends nothing: no cookies, no tracking, no third-party requests.",
            "fabrik speichert nichts und sendet nichts: keine Cookies, kein Tracking, keine Anfragen an Dritte.",
        ),
    ]
}
