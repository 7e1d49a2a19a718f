//! One colour per chip family in every chart (NVIDIA's generations, AMD, Huawei), in both
//! colour schemes, and the one way the reader's scenario is marked (and scenario A beside it
//! while two are compared): defined here, once.
//!
//! Every family colour has a contrast of at least 4.5 : 1 against its scheme's background
//! (WCAG 1.4.11 asks 3 : 1 of graphics); `tests/charts.rs` checks it.

use super::{Look, Mark, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A chip family: NVIDIA by generation, the other vendors whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Pascal,
    Volta,
    Ampere,
    Hopper,
    Blackwell,
    Rubin,
    Amd,
    Huawei,
    Other,
}

impl Family {
    pub const ALL: [Family; 9] = [
        Family::Pascal,
        Family::Volta,
        Family::Ampere,
        Family::Hopper,
        Family::Blackwell,
        Family::Rubin,
        Family::Amd,
        Family::Huawei,
        Family::Other,
    ];

    /// The family of a chip of the catalogue: by vendor, and for NVIDIA by generation, read
    /// from the id's letter (P100, V100, A100, H…, B… and GB…, Rubin; the browser build's
    /// catalogue leaves out the architecture's text).
    pub fn of(gpu_id: &str) -> Family {
        let Some(g) = crate::data::catalogue().gpu(gpu_id) else {
            return Family::Other;
        };
        match g.vendor.as_str() {
            "AMD" => Family::Amd,
            v if v.split(' ').next() == Some("Huawei") => Family::Huawei,
            "NVIDIA" => match gpu_id.as_bytes() {
                [b'p', ..] => Family::Pascal,
                [b'v', ..] => Family::Volta,
                [b'a', ..] => Family::Ampere,
                [b'h', ..] => Family::Hopper,
                [b'b', ..] | [b'g', b'b', ..] => Family::Blackwell,
                [b'r', ..] => Family::Rubin,
                _ => Family::Other,
            },
            _ => Family::Other,
        }
    }

    /// The family's colour in the theme.
    pub fn colour(self, theme: &Theme) -> RGBColor {
        let i = self as usize;
        if theme.background == Theme::DARK.background {
            DARK[i]
        } else {
            LIGHT[i]
        }
    }
}

/// On white: darker shades.
const LIGHT: [RGBColor; 9] = [
    RGBColor(107, 107, 107), // Pascal: grey
    RGBColor(142, 68, 173),  // Volta: purple
    RGBColor(46, 133, 64),   // Ampere: green
    RGBColor(0, 114, 178),   // Hopper: blue
    RGBColor(196, 81, 0),    // Blackwell: vermillion
    RGBColor(184, 24, 90),   // Rubin: crimson
    RGBColor(138, 109, 0),   // AMD: olive gold
    RGBColor(0, 131, 143),   // Huawei: teal
    RGBColor(84, 84, 84),    // other: dark grey
];

/// On the dark background: the same hues, lighter.
const DARK: [RGBColor; 9] = [
    RGBColor(169, 172, 178),
    RGBColor(195, 155, 211),
    RGBColor(108, 199, 122),
    RGBColor(86, 180, 233),
    RGBColor(240, 136, 74),
    RGBColor(240, 98, 146),
    RGBColor(224, 192, 64),
    RGBColor(77, 208, 200),
    RGBColor(200, 200, 200),
];

/// The colour of NVIDIA's claims (a contrast of 4.5 : 1 or more in both schemes).
pub fn claim_colour(theme: &Theme) -> RGBColor {
    if theme.background == Theme::DARK.background {
        RGBColor(230, 159, 0)
    } else {
        RGBColor(166, 99, 0)
    }
}

/// `c` blended with `bg`: `share` of `c` (a lighter or darker tint of it on the page).
pub fn tint(c: RGBColor, bg: RGBColor, share: f64) -> RGBColor {
    let m = |a: u8, b: u8| (f64::from(a) * share + f64::from(b) * (1.0 - share)).round() as u8;
    RGBColor(m(c.0, bg.0), m(c.1, bg.1), m(c.2, bg.2))
}

/// WCAG contrast ratio of two colours.
///
/// # Formula
/// `(L₁ + 0.05) / (L₂ + 0.05)`, `L` the relative luminance `0.2126 R + 0.7152 G + 0.0722 B`
/// of the linearised channels (`c/12.92` up to 0.04045, else `((c + 0.055)/1.055)^2.4`), `L₁ ≥ L₂`.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lum = |c: RGBColor| {
        let lin = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Radius of the ring that marks the reader's scenario, px.
pub const SCENARIO_RING: i32 = 9;

/// Marks the reader's scenario at pixel `at`: a ring in the text colour, the same in every
/// chart (and in every legend: [`Mark::Ring`]).
pub fn draw_scenario<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    look: &Look,
) -> Result<(), String> {
    area.draw(&Circle::new(
        at,
        SCENARIO_RING as u32,
        look.theme.text.stroke_width(3),
    ))
    .map_err(|e| e.to_string())
}

/// Marks scenario A, pinned while two are compared, at pixel `at`: a diamond in the text
/// colour, the same in every chart (and in every legend: [`Mark::Diamond`]).
pub fn draw_pinned<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    look: &Look,
) -> Result<(), String> {
    draw_glyph(area, at, Mark::Diamond, look.theme.text, look)
}

/// Draws a legend's or a chart's glyph centred at pixel `at`.
pub fn draw_glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (cx, cy): (i32, i32),
    mark: Mark,
    c: RGBColor,
    look: &Look,
) -> Result<(), String> {
    match mark {
        Mark::Dot => area.draw(&Circle::new((cx, cy), 5, c.filled())),
        Mark::Ring => area.draw(&Circle::new((cx, cy), 6, look.theme.text.stroke_width(3))),
        Mark::Triangle => area.draw(&super::Shape::new(
            (cx, cy),
            super::Shape::<(i32, i32)>::TRIANGLE,
            c.filled(),
        )),
        Mark::Diamond => area.draw(&super::Shape::new(
            (cx, cy),
            super::Shape::<(i32, i32)>::DIAMOND,
            c.filled(),
        )),
        // Two strokes as paths (SVG polylines), so the overlap test sees them as marks.
        Mark::Cross => area
            .draw(&PathElement::new(
                [(cx - 5, cy - 5), (cx + 5, cy + 5)],
                c.stroke_width(3),
            ))
            .and_then(|_| {
                area.draw(&PathElement::new(
                    [(cx - 5, cy + 5), (cx + 5, cy - 5)],
                    c.stroke_width(3),
                ))
            }),
        Mark::Line => area.draw(&PathElement::new(
            [(cx - 8, cy), (cx + 8, cy)],
            c.stroke_width(3),
        )),
        Mark::Median => area.draw(&PathElement::new(
            [(cx, cy - 10), (cx, cy + 10)],
            c.stroke_width(3),
        )),
        Mark::Square => area.draw(&Rectangle::new(
            [(cx - 6, cy - 5), (cx + 6, cy + 5)],
            c.filled(),
        )),
    }
    .map_err(|e| e.to_string())
}
