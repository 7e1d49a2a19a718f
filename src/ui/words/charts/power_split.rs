//! 7 · Where one GPU slot's power goes.

use super::{ScenarioA, a_sentence, ab_rows, pct, pinned, pinned_hover, rd, render_svg};
use crate::charts::{self, Look};
use crate::model::PowerSplit;
use crate::words::{Lang, tr};

/// The chart's title: the question it answers.
pub fn title(l: Lang) -> String {
    tr(
        l,
        "Where does a GPU's power go while it serves?",
        "Wohin geht die Leistung einer GPU im Betrieb?",
    )
    .to_string()
}

pub fn power_parts(l: Lang) -> [&'static str; 5] {
    [
        tr(l, "GPU idle", "GPU Leerlauf"),
        tr(l, "GPU memory traffic", "GPU Speicherzugriffe"),
        tr(l, "GPU arithmetic", "GPU Rechenwerke"),
        tr(l, "Host: CPU, network, fans", "Host: CPU, Netz, Lüfter"),
        tr(l, "Cooling and losses (PUE)", "Kühlung und Verluste (PUE)"),
    ]
}

/// One GPU slot's watts in parts, and scenario A's slot in a row after it (then named B)
/// while two are compared.
pub fn power_split_svg(
    l: Lang,
    split: PowerSplit,
    a: Option<ScenarioA>,
    look: &Look,
    width: u32,
) -> String {
    let (b_row, a_row) = ab_rows(
        l,
        ("one GPU slot", "ein GPU-Platz"),
        ("one GPU slot", "ein GPU-Platz"),
    );
    let name = match a {
        Some(_) => b_row,
        None => tr(l, "One GPU slot", "Ein GPU-Platz").to_string(),
    };
    let rows = vec![(name, split)];
    let hover = a.map(|a| pinned_hover(l, &power_a(l, a)));
    let pinned = pinned(a.map(|a| a.o.power), &a_row, hover.as_deref());
    let axis = tr(
        l,
        "Watts one GPU slot draws while serving",
        "Watt, die ein GPU-Platz im Betrieb zieht",
    );
    let h = charts::power_split::height(&rows, pinned, power_parts(l), axis, look);
    render_svg((width, h), |area| {
        charts::power_split::draw(area, &rows, pinned, power_parts(l), axis, look)
    })
}

pub fn power_split_summary(l: Lang, p: PowerSplit) -> String {
    format!(
        "{} {} W: {} {} W.",
        tr(l, "One GPU slot draws", "Ein GPU-Platz zieht"),
        rd(l, p.total_w),
        tr(l, "of which the GPU board", "davon die GPU-Platine"),
        rd(l, p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w)
    )
}

/// The power split's takeaway: the board's, the cooling's and the arithmetic's shares.
pub fn power_split_takeaway(l: Lang, p: PowerSplit) -> String {
    let board = (p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w) / p.total_w;
    let cool = p.cooling_and_losses_w / p.total_w;
    let math = p.gpu_compute_w / p.total_w;
    let (total, board, cool, math) = (rd(l, p.total_w), pct(l, board), pct(l, cool), pct(l, math));
    match l {
        Lang::En => format!(
            "Of the {total} W one GPU slot draws, {board} is the GPU board and {cool} cooling and losses; the arithmetic itself takes {math}."
        ),
        Lang::De => format!(
            "Von den {total} W eines GPU-Platzes entfallen {board} auf die GPU-Platine und {cool} auf Kühlung und Verluste; das Rechnen selbst braucht {math}."
        ),
    }
}

/// What scenario A is on this chart: what one GPU slot draws and the board's share.
fn power_a(l: Lang, a: ScenarioA) -> String {
    let p = a.o.power;
    format!(
        "{} W {}, {} {}",
        rd(l, p.total_w),
        tr(l, "per GPU slot", "pro GPU-Platz"),
        pct(
            l,
            (p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w) / p.total_w
        ),
        tr(l, "of it the GPU board", "davon die GPU-Platine")
    )
}

/// The power split's sentence about scenario A while two are compared.
pub fn power_split_compared(l: Lang, a: ScenarioA, b: PowerSplit) -> String {
    a_sentence(l, &power_a(l, a), Some((b.total_w, a.o.power.total_w)))
}
