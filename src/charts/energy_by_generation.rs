//! Chart: energy per output token, chip by chip, GPU board only and all-in facility, on a log
//! axis: a row per chip in its family's colour, the reader's chip ringed (and scenario A's
//! figure as a diamond on its chip's row while two are compared), NVIDIA's 17,000 J
//! (Pascal) and 0.4 J (Blackwell) claims as labelled rows under the chips they are about.

use super::bars::{Point, Row, Rows};
use super::palette::{Family, claim_colour};
use super::{DrawResult, Look, Mark};
use crate::model::claims::Claimed;
use crate::model::series::GenerationPoint;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts of the chart (the caller picks the language).
#[derive(Clone, Copy)]
pub struct Labels<'a> {
    pub y_axis: &'a str,
    pub gpu_series: &'a str,
    pub facility_series: &'a str,
    /// The legend's name of the claims.
    pub claim: &'a str,
    /// The legend's name of the reader's chip.
    pub yours: &'a str,
    /// A claim's annotation from its value ("NVIDIA: 17,000 J").
    pub claim_value: &'a dyn Fn(f64) -> String,
    /// A family's name in the legend.
    pub family: &'a dyn Fn(Family) -> String,
}

/// Which vendor claims to mark: only when the model is the one the claim is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claims {
    /// NVIDIA's claimed Pascal and Blackwell figures for GPT-MoE-1.8T.
    Show(Claimed),
    Hide,
}

/// Scenario A while two are compared: its chip's id and its energy per output token, all-in.
pub type Pinned<'a> = super::Pinned<'a, (&'a str, f64)>;

fn build(
    points: &[GenerationPoint],
    highlight: Option<usize>,
    pinned: Option<Pinned>,
    labels: &Labels,
    claims: Claims,
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let t = &look.theme;
    let mut rows = Vec::new();
    let mut families: Vec<Family> = Vec::new();
    let claim_row = |v: f64| Row::claim("", v, (labels.claim_value)(v), look);
    for (i, p) in points.iter().enumerate() {
        let f = Family::of(&p.gpu_id);
        if !families.contains(&f) {
            families.push(f);
        }
        let c = f.colour(t);
        let hover = |v: f64, what: &str| {
            format!(
                "{} ({}, {}): {} J · {what}",
                p.label,
                p.year,
                p.outcome_precision.to_ascii_uppercase(),
                look.read(v)
            )
        };
        let fac = p.facility_joules_per_output_token;
        let gpu = p.gpu_joules_per_output_token;
        let mut row = Row {
            label: p.label.clone(),
            points: vec![
                Point {
                    x: gpu,
                    mark: Mark::Triangle,
                    colour: c,
                    dy: 0,
                    hover: hover(gpu, labels.gpu_series),
                },
                Point {
                    x: fac,
                    mark: Mark::Dot,
                    colour: c,
                    dy: 0,
                    hover: hover(fac, labels.facility_series),
                },
            ],
            value: if fac.is_finite() && fac > 0.0 {
                format!("{} J", look.read(fac))
            } else {
                "–".into()
            },
            scenario: (highlight == Some(i)).then_some(fac),
            ..Row::default()
        };
        // Scenario A's own figure, on its chip's row.
        if let Some(a) = pinned.filter(|a| a.at.0 == p.gpu_id) {
            row.points.push(Point::pinned(a.at.1, a.hover, look));
        }
        rows.push(row);
        // The claims, under the first Pascal and the first Blackwell entries.
        if let Claims::Show(cl) = claims {
            let first = |prefix: &str| points.iter().position(|q| q.gpu_id.starts_with(prefix));
            if first("p100") == Some(i) {
                rows.push(claim_row(cl.pascal_j));
            }
            if first("b200") == Some(i) {
                rows.push(claim_row(cl.blackwell_j));
            }
        }
    }
    let mut legend = vec![
        (labels.facility_series.to_string(), Mark::Dot, t.text),
        (labels.gpu_series.to_string(), Mark::Triangle, t.text),
        (labels.yours.to_string(), Mark::Ring, t.text),
    ];
    if let Some(a) = pinned {
        legend.push((a.label.to_string(), Mark::Diamond, t.text));
    }
    if matches!(claims, Claims::Show(_)) {
        legend.push((labels.claim.to_string(), Mark::Cross, claim_colour(t)));
    }
    legend.extend(
        families
            .into_iter()
            .map(|f| ((labels.family)(f), Mark::Square, f.colour(t))),
    );
    (rows, legend)
}

/// The drawing's height for these points: a row per chip and claim.
pub fn height(
    points: &[GenerationPoint],
    pinned: Option<Pinned>,
    labels: &Labels,
    claims: Claims,
    look: &Look,
) -> u32 {
    let (rows, legend) = build(points, None, pinned, labels, claims, look);
    Rows::new(&rows, labels.y_axis, true)
        .with_legend(&legend)
        .height()
}

/// Draws the chart onto `area`. `highlight` is the index of the scenario's chip; `pinned`,
/// scenario A while two are compared.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[GenerationPoint],
    highlight: Option<usize>,
    pinned: Option<Pinned>,
    labels: &Labels,
    claims: Claims,
    look: &Look,
) -> DrawResult {
    let (rows, legend) = build(points, highlight, pinned, labels, claims, look);
    Rows::new(&rows, labels.y_axis, true)
        .with_legend(&legend)
        .render(area, look)
}
