//! The table of reported AI campuses beside what the model builds (`model::site::checks`):
//! its words and its body as HTML, for the page's component (`ui::sites`) and the build-time
//! page.

use super::{Lang, count, num, tr};
use crate::charts::push_escaped;
use crate::model::site::{NotCompared, SiteCheck};

/// The table's heading, lead, column headers and the label before its sources.
pub fn words(l: Lang) -> (&'static str, &'static str, [&'static str; 5], &'static str) {
    (
        tr(
            l,
            "The model against reported AI campuses",
            "Das Modell neben gemeldeten KI-Campus",
        ),
        tr(
            l,
            "For each reported site: the GPUs the model fits into the same power with the same chip, building for peak power (servers at their maximum, network and storage, headroom, the hottest day's cooling). Energy per year follows the average draw instead.",
            "Für jeden gemeldeten Standort: wie viele GPUs das Modell mit demselben Chip in dieselbe Leistung packt, gebaut für die Spitzenleistung (Server unter Volllast, Netz und Speicher, Reserve, Kühlung am heißesten Tag). Der Strom pro Jahr folgt dagegen der mittleren Leistung.",
        ),
        [
            tr(l, "Site or claim", "Standort oder Angabe"),
            tr(l, "Chip", "Chip"),
            tr(l, "Reported", "Gemeldet"),
            tr(l, "Model, same power", "Modell, gleiche Leistung"),
            tr(l, "Model ÷ reported", "Modell ÷ gemeldet"),
        ],
        tr(l, "Sources of every figure: ", "Quellen jeder Zahl: "),
    )
}

/// What the reported figures are, in words.
fn reported(l: Lang, c: &SiteCheck) -> String {
    let s = c.site;
    let mut parts = Vec::new();
    if let Some(n) = s.gpus {
        parts.push(format!("{} GPUs", count(l, n)));
    }
    if let Some(mw) = s.power_mw {
        parts.push(format!("{} MW", count(l, mw)));
    }
    if let Some(per_gw) = s.capex_usd_per_gw {
        parts.push(format!(
            "${} {}",
            num(l, per_gw / 1e9),
            tr(l, "billion per GW", "Mrd. pro GW")
        ));
    }
    parts.join(", ")
}

/// What the model builds, in words, and how it compares.
fn model(l: Lang, c: &SiteCheck) -> (String, String) {
    let built = match (c.model_gpus, c.site.capex_usd_per_gw, c.model_capex_per_gw) {
        (Some(n), _, _) => format!("{} GPUs", count(l, n)),
        (None, Some(_), Some(per_gw)) => format!(
            "${} {}",
            num(l, per_gw / 1e9),
            tr(l, "billion per GW", "Mrd. pro GW")
        ),
        _ => "—".into(),
    };
    let verdict = match (c.gpu_ratio, c.not_compared, c.capex_ratio) {
        (Some(r), _, _) => format!("×{}", num(l, r)),
        (None, Some(NotCompared::GridAllocation), _) => tr(
            l,
            "not compared: the MW are a grid allocation; on-site generation supplied the rest",
            "nicht verglichen: die MW sind eine Netzzuteilung; den Rest lieferte eigene Erzeugung",
        )
        .into(),
        (None, Some(NotCompared::BelowRackPower), _) => tr(
            l,
            "not compared: the MW are less than the racks alone draw at full power (a first phase)",
            "nicht verglichen: die MW sind weniger, als die Racks allein unter Volllast ziehen (eine erste Phase)",
        )
        .into(),
        (None, _, Some(r)) => {
            let mut v = format!("×{}", num(l, r));
            if let (Some(implied), Some(hw)) = (c.implied_hardware_per_gpu, c.model_hardware_per_gpu)
            {
                v.push_str(&match l {
                    Lang::En => format!(
                        "; the claim implies ${} of hardware per GPU, {} times the catalogue's",
                        count(l, implied),
                        num(l, implied / hw)
                    ),
                    Lang::De => format!(
                        "; die Angabe unterstellt {} $ Hardware pro GPU, das {}-Fache des Katalogs",
                        count(l, implied),
                        num(l, implied / hw)
                    ),
                });
            }
            v
        }
        _ => "—".into(),
    };
    (built, verdict)
}

/// The table's body rows as HTML (one string: the table is static but for its language).
pub fn rows_html(l: Lang, rows: &[SiteCheck]) -> String {
    let mut html = String::new();
    for c in rows {
        let s = c.site;
        let chip = c.gpu.map_or("—", |g| g.short.as_str());
        let (built, verdict) = model(l, c);
        let cells = [
            format!("{} ({}, {})", s.name, s.date, s.status),
            chip.to_string(),
            reported(l, c),
            built,
            verdict,
        ];
        html.push_str("<tr data-site=\"");
        push_escaped(&mut html, &s.id);
        html.push_str("\"><th scope=\"row\">");
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                html.push_str(if i == 1 { "</th><td>" } else { "</td><td>" });
            }
            push_escaped(&mut html, cell);
        }
        html.push_str("</td></tr>");
    }
    html
}
