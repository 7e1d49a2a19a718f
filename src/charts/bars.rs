//! Shared drawing for horizontal bar charts (stacked or simple) with named rows.

use super::Look;
use super::axis::Axis;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One row: its name and its segments (value, colour index).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub segments: Vec<(f64, usize)>,
}

/// Draws stacked horizontal bars; `legend` names the colour indices; `log` uses a log axis
/// (segments are then not stacked: one value per row). Does not present the area: the
/// caller does, once, after everything on it is drawn (two panels share one SVG).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Row],
    legend: &[&str],
    x_axis: &str,
    log: bool,
    look: &Look,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let theme = &look.theme;
    area.fill(&theme.background).map_err(err)?;
    let n = rows.len().max(1);
    let totals = rows
        .iter()
        .map(|r| r.segments.iter().map(|s| s.0.max(0.0)).sum::<f64>());
    let label_width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(4) as u32
        * 8
        + 12;
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(label_width.clamp(40, 260));
    // Room above the bars for the legend, so it never covers a bar.
    let legend_rows = if legend.iter().any(|l| !l.is_empty()) && !log {
        1.0 + 0.3 * legend.len() as f64
    } else {
        0.0
    };
    let y_range = -0.5f64..(n as f64 - 0.5 + legend_rows);
    // Enough tick requests that plotters steps by one, so every row gets its label.
    let y_ticks = (n as f64 + legend_rows).ceil() as usize + 1;
    let row_label = |y: &f64| {
        let i = y.round();
        if (y - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        rows.get(i as usize)
            .map(|r| r.label.clone())
            .unwrap_or_default()
    };
    if log {
        let (lo, hi) = super::log_range(totals);
        let mut chart = builder
            .build_cartesian_2d(Axis::log(lo..hi), Axis::linear(y_range.clone()))
            .map_err(err)?;
        super::styled_mesh(&mut chart, look, 13)
            .disable_y_mesh()
            .x_desc(x_axis)
            .y_labels(y_ticks)
            .x_label_formatter(&|x| look.num(*x))
            .y_label_formatter(&row_label)
            .draw()
            .map_err(err)?;
        for (i, r) in rows.iter().enumerate() {
            let v: f64 = r.segments.iter().map(|s| s.0).sum();
            let c = theme.series[r.segments.first().map_or(0, |s| s.1) % theme.series.len()];
            if v > 0.0 && v.is_finite() {
                let y = i as f64;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(lo, y - 0.35), (v, y + 0.35)],
                        c.filled(),
                    )))
                    .map_err(err)?;
            }
        }
    } else {
        let hi = totals.fold(0.0f64, f64::max).max(1e-12) * 1.08;
        let mut chart = builder
            .build_cartesian_2d(Axis::linear(0.0..hi), Axis::linear(y_range))
            .map_err(err)?;
        super::styled_mesh(&mut chart, look, 13)
            .disable_y_mesh()
            .x_desc(x_axis)
            .y_labels(y_ticks)
            .x_label_formatter(&|x| look.human(*x))
            .y_label_formatter(&row_label)
            .draw()
            .map_err(err)?;
        for (i, r) in rows.iter().enumerate() {
            let y = i as f64;
            let mut x = 0.0;
            for &(v, ci) in &r.segments {
                let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                let c = theme.series[ci % theme.series.len()];
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x, y - 0.35), (x + v, y + 0.35)],
                        c.filled(),
                    )))
                    .map_err(err)?;
                x += v;
            }
        }
        if legend_rows > 0.0 {
            let entries: Vec<(String, super::Mark, RGBColor)> = legend
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, l)| {
                    (
                        l.to_string(),
                        super::Mark::Square,
                        theme.series[i % theme.series.len()],
                    )
                })
                .collect();
            super::draw_legend(area, &entries, false, 14, look)?;
        }
    }
    Ok(())
}
