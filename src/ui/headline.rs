//! Headline figures for the current scenario, each opening to its formula and sources.

use super::OutcomeCtx;
use super::i18n::{Lang, LangCtx, num, tr};
use crate::model::Outcome;
use leptos::prelude::*;

/// How a figure is computed: formula and where its inputs come from, in both languages.
struct Explanation {
    formula_en: &'static str,
    formula_de: &'static str,
    sources: &'static str,
}

const SRC_MODEL: &str = "src/model/served.rs (serve), src/model/economics.rs (economics), src/model/serving.rs, src/model/step.rs; constants: src/data/constants.json; chips: src/data/hardware.json";

/// One figure: value, unit and the way to its formula.
#[component]
fn Figure(
    /// Machine name of the figure, for tests and embedding.
    name: &'static str,
    /// What the number is (English, German).
    label: (&'static str, &'static str),
    /// Unit shown after the value (English, German).
    unit: (&'static str, &'static str),
    /// The value from the outcome.
    value: fn(&Outcome) -> f64,
    /// Formula and sources.
    explain: &'static Explanation,
) -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let text = move || {
        let l = lang.get();
        out.with(|o| {
            let v = value(o);
            if v.is_finite() {
                num(l, v)
            } else {
                tr(l, "not computable", "nicht berechenbar").to_string()
            }
        })
    };
    view! {
        <div class="figure" data-figure=name>
            <dt>{move || tr(lang.get(), label.0, label.1)}</dt>
            <dd>
                <span class="value">{text}</span>" "<span class="unit">{move || tr(lang.get(), unit.0, unit.1)}</span>
                <details class="explain">
                    <summary>{move || tr(lang.get(), "How is this computed?", "Wie wird das berechnet?")}</summary>
                    <p class="formula">{move || if lang.get() == Lang::De { explain.formula_de } else { explain.formula_en }}</p>
                    <p class="sources">{move || tr(lang.get(), "Code and data: ", "Code und Daten: ")}<code>{explain.sources}</code></p>
                </details>
            </dd>
        </div>
    }
}

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

/// Tokens/s, joules per token (GPU and facility), Wh per answer, $ per million tokens, power.
#[component]
pub fn Headline() -> impl IntoView {
    view! {
        <dl class="figures">
            <Figure name="tokens-per-s" label=("Factory output", "Ausstoß der Fabrik") unit=("tokens/s", "Token/s") value=|o| o.factory.tokens_per_s explain=&TOKENS/>
            <Figure name="gpu-j-per-token" label=("Energy per token, GPU only", "Energie pro Token, nur GPU") unit=("J", "J") value=|o| o.serving.gpu_joules_per_output_token explain=&GPU_J/>
            <Figure name="facility-j-per-token" label=("Energy per token, all-in", "Energie pro Token, gesamt") unit=("J", "J") value=|o| o.serving.facility_joules_per_output_token explain=&FAC_J/>
            <Figure name="wh-per-answer" label=("Energy per answer, all-in", "Energie pro Antwort, gesamt") unit=("Wh", "Wh") value=|o| o.serving.wh_per_request explain=&WH/>
            <Figure name="usd-per-mtok" label=("Cost per million tokens", "Kosten pro Million Token") unit=("$", "$") value=|o| o.serving.usd_per_million_output_tokens explain=&USD/>
            <Figure name="facility-mw" label=("Factory power", "Leistung der Fabrik") unit=("MW", "MW") value=|o| o.factory.facility_mw explain=&MW/>
        </dl>
        <ServingSetup/>
    }
}

/// How the scenario is served: the replica's split into instances, the engine, the batch, and
/// whether the board limit lowers the clock.
#[component]
fn ServingSetup() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let text = move || {
        let l = lang.get();
        out.with(|o| {
            let c = crate::data::catalogue();
            let chip = c.gpu(o.gpu).map_or(o.gpu, |g| g.short.as_str());
            let engine = c.engine(o.engine).map_or(o.engine, |e| e.name.as_str());
            let y = o.layout;
            let (n, dp, tp, pp) = (num(l, f64::from(y.gpus)), num(l, f64::from(y.dp)), num(l, f64::from(y.tp)), num(l, f64::from(y.pp)));
            let batch = num(l, o.serving.batch);
            let clock = (o.decode.clock * 100.0).round();
            let clock_text = |l: Lang| match (l, clock < 100.0) {
                (Lang::En, true) => format!("; the board limit lowers the clock to {} % of the datasheet's", num(l, clock)),
                (Lang::De, true) => format!("; die Leistungsgrenze senkt den Takt auf {} % des Datenblattwerts", num(l, clock)),
                _ => String::new(),
            };
            let stages = |l: Lang| match (l, y.pp > 1) {
                (Lang::En, true) => format!(" × {pp} pipeline stages"),
                (Lang::De, true) => format!(" × {pp} Pipeline-Stufen"),
                _ => String::new(),
            };
            match l {
                Lang::En => format!(
                    "Served on {n} {chip} as {dp} × {tp} GPUs (data × tensor parallel{}) with {engine}, {batch} sequences at a time{}.",
                    stages(l), clock_text(l)
                ),
                Lang::De => format!(
                    "Betrieben auf {n} {chip} als {dp} × {tp} GPUs (daten- × tensorparallel{}) mit {engine}, {batch} Sequenzen gleichzeitig{}.",
                    stages(l), clock_text(l)
                ),
            }
        })
    };
    view! { <p class="serving-setup" data-figure="serving-setup">{text}</p> }
}
