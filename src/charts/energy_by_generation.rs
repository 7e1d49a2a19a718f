//! Chart: energy per output token by hardware generation, GPU board only and all-in facility,
//! on a log axis, with NVIDIA's 17,000 J (Pascal) and 0.4 J (Blackwell) claims marked.

use super::axis::Axis;
use super::{DrawResult, Look, log_range};
use crate::model::claims::Claimed;
use crate::model::series::GenerationPoint;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Texts of the chart (the caller picks the language).
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub y_axis: &'a str,
    pub gpu_series: &'a str,
    pub facility_series: &'a str,
    pub claim: &'a str,
}

/// Which vendor claims to mark: only when the model is the one the claim is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claims {
    /// NVIDIA's claimed Pascal and Blackwell figures for GPT-MoE-1.8T.
    Show(Claimed),
    Hide,
}

/// Draws the chart onto `area`. `highlight` is the index of the scenario's chip.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[GenerationPoint],
    highlight: Option<usize>,
    labels: &Labels,
    claims: Claims,
    look: &Look,
) -> DrawResult {
    let theme = &look.theme;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&theme.background).map_err(err)?;
    let values = points
        .iter()
        .flat_map(|p| {
            [
                p.gpu_joules_per_output_token,
                p.facility_joules_per_output_token,
            ]
        })
        .chain(if let Claims::Show(c) = claims {
            vec![c.pascal_j, c.blackwell_j]
        } else {
            vec![]
        });
    let (lo, hi) = log_range(values);
    let n = points.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(56)
        .y_label_area_size(64)
        .build_cartesian_2d(Axis::linear(-0.5..(n as f64 - 0.5)), Axis::log(lo..hi))
        .map_err(err)?;
    let text = TextStyle::from(("sans-serif", 13).into_font()).color(&theme.text);
    let label_of = |x: &f64| {
        let i = x.round();
        if (x - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        points
            .get(i as usize)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    super::styled_mesh(&mut chart, look, 13)
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&label_of)
        .x_label_style(
            text.clone()
                .transform(FontTransform::Rotate90)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )
        .y_desc(labels.y_axis)
        .y_label_formatter(&|y| look.num(*y))
        .y_label_style(text.clone())
        .draw()
        .map_err(err)?;

    let gpu_c = theme.series[0];
    let fac_c = theme.series[1];
    let claim_c = theme.series[3];
    let xs = |f: fn(&GenerationPoint) -> f64| {
        points
            .iter()
            .enumerate()
            .map(move |(i, p)| (i as f64, f(p)))
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .collect::<Vec<_>>()
    };
    let fac = xs(|p| p.facility_joules_per_output_token);
    let gpu = xs(|p| p.gpu_joules_per_output_token);
    let mut spots = Vec::new();
    for (i, p) in points.iter().enumerate() {
        for (v, what) in [
            (p.facility_joules_per_output_token, labels.facility_series),
            (p.gpu_joules_per_output_token, labels.gpu_series),
        ] {
            if v.is_finite() && v > 0.0 {
                let (x, y) = chart.backend_coord(&(i as f64, v));
                spots.push(super::Hotspot {
                    x,
                    y,
                    text: format!(
                        "{} ({}, {}): {} J · {what}",
                        p.label,
                        p.year,
                        p.outcome_precision.to_ascii_uppercase(),
                        look.human(v)
                    ),
                });
            }
        }
    }
    chart
        .draw_series(
            fac.iter()
                .map(|&(x, y)| Circle::new((x, y), 5, fac_c.filled())),
        )
        .map_err(err)?;
    chart
        .draw_series(
            gpu.iter()
                .map(|&(x, y)| super::Triangle::new((x, y), gpu_c.filled())),
        )
        .map_err(err)?;
    if let Some(i) = highlight.filter(|i| *i < points.len()) {
        let p = &points[i];
        let y = p.facility_joules_per_output_token;
        if y.is_finite() && y > 0.0 {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (i as f64, y),
                    9,
                    theme.text.stroke_width(2),
                )))
                .map_err(err)?;
        }
    }
    // The claims, placed at the first Pascal and first Blackwell entries.
    if let Claims::Show(c) = claims {
        let at = |prefix: &str| points.iter().position(|p| p.gpu_id.starts_with(prefix));
        let marks: Vec<(f64, f64)> = [(at("p100"), c.pascal_j), (at("b200"), c.blackwell_j)]
            .into_iter()
            .filter_map(|(i, v)| i.map(|i| (i as f64, v)))
            .collect();
        chart
            .draw_series(
                marks
                    .iter()
                    .map(|&(x, y)| Cross::new((x, y), 7, claim_c.stroke_width(3))),
            )
            .map_err(err)?;
    }
    let mut legend = vec![
        (labels.facility_series.to_string(), super::Mark::Dot, fac_c),
        (labels.gpu_series.to_string(), super::Mark::Triangle, gpu_c),
    ];
    if matches!(claims, Claims::Show(_)) {
        legend.push((labels.claim.to_string(), super::Mark::Cross, claim_c));
    }
    super::draw_legend(area, &legend, false, 14, look)?;
    area.present().map_err(err)?;
    Ok(spots)
}
