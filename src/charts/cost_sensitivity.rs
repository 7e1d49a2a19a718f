//! Chart: how $ per million output tokens moves with the electricity price, one line per
//! utilisation, the reader's price ringed (scenario A's price and cost a diamond while two
//! are compared), the legend below the plot.

use super::axis::Axis;
use super::layout::Xy;
use super::palette::{draw_pinned, draw_scenario};
use super::{DrawResult, Look, Mark};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart; `utilization` formats a line's legend from its utilisation.
pub struct Labels<'a> {
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub utilization: &'a dyn Fn(f64) -> String,
    pub current: &'a str,
}

/// The highest price drawn, $/kWh.
const MAX_PRICE: f64 = 0.4;

/// Scenario A while two are compared: its electricity price and its cost per million output
/// tokens.
pub type Pinned<'a> = super::Pinned<'a, (f64, f64)>;

fn legend(
    lines: &[(f64, Vec<(f64, f64)>)],
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> Vec<(String, Mark, RGBColor)> {
    let t = &look.theme;
    let mut l: Vec<(String, Mark, RGBColor)> = lines
        .iter()
        .enumerate()
        .map(|(i, (u, _))| {
            (
                (labels.utilization)(*u),
                Mark::Line,
                t.series[i % t.series.len()],
            )
        })
        .collect();
    l.push((labels.current.to_string(), Mark::Ring, t.text));
    if let Some(a) = pinned {
        l.push((a.label.to_string(), Mark::Diamond, t.text));
    }
    l
}

fn frame<'a>(
    lines: &[(f64, Vec<(f64, f64)>)],
    current: Option<(f64, f64)>,
    pinned: Option<Pinned>,
    labels: &'a Labels,
    legend: &'a [(String, Mark, RGBColor)],
) -> Xy<'a> {
    let ymax = lines
        .iter()
        .flat_map(|(_, p)| p.iter().map(|q| q.1))
        .chain(current.map(|c| c.1))
        .chain(pinned.filter(|a| a.at.0 <= MAX_PRICE).map(|a| a.at.1))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.1;
    Xy {
        x: Axis::linear(0.0..MAX_PRICE),
        y: Axis::linear(0.0..ymax),
        x_title: labels.x_axis,
        y_title: labels.y_axis,
        legend,
    }
}

/// The drawing's height, the same at every width.
pub fn height(
    lines: &[(f64, Vec<(f64, f64)>)],
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> u32 {
    let l = legend(lines, pinned, labels, look);
    frame(lines, None, pinned, labels, &l).height()
}

/// Draws `(utilisation, [(price, $/Mtok)])` lines, a ring at `current` and, while two
/// scenarios are compared, a diamond at scenario A's own price and cost.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[(f64, Vec<(f64, f64)>)],
    current: Option<(f64, f64)>,
    pinned: Option<Pinned>,
    labels: &Labels,
    look: &Look,
) -> DrawResult {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    let l = legend(lines, pinned, labels, look);
    let plot = frame(lines, current, pinned, labels, &l).frame(area, look)?;
    let mut spots = Vec::new();
    for (i, (u, pts)) in lines.iter().enumerate() {
        let pts: Vec<(f64, f64)> = pts.iter().copied().filter(|p| p.1.is_finite()).collect();
        for &(x, y) in &pts {
            let (px, py) = plot.at((x, y));
            spots.push(super::Hotspot {
                x: px,
                y: py,
                text: format!(
                    "{}: {} $/kWh → {} $",
                    (labels.utilization)(*u),
                    look.read(x),
                    look.read(y)
                ),
            });
        }
        let c = theme.series[i % theme.series.len()];
        area.draw(&PathElement::new(
            pts.iter().map(|&p| plot.at(p)).collect::<Vec<_>>(),
            c.stroke_width(2),
        ))
        .map_err(err)?;
    }
    if let Some(a) = pinned.filter(|a| a.at.1.is_finite() && a.at.0 <= MAX_PRICE) {
        let (x, y) = plot.at(a.at);
        draw_pinned(area, (x, y), look)?;
        spots.push(super::Hotspot {
            x,
            y,
            text: a.hover.to_string(),
        });
    }
    if let Some(p) = current.filter(|p| p.1.is_finite() && p.0 <= MAX_PRICE) {
        draw_scenario(area, plot.at(p), look)?;
    }
    area.present().map_err(err)?;
    Ok(spots)
}
