//! Layout helpers every chart shares, so that no label overlaps another, a tick or a mark:
//! a conservative text-width estimate (the same one the SVG backend reports to plotters), tick
//! counts that leave room between their labels, text wrapped to a width, a legend below the
//! plot (never over the data), and numbers written as a reader writes them.
//!
//! Heights never depend on the drawing's width: line counts are taken at [`MIN_WIDTH`], the
//! narrowest drawing, so the page built with the site (drawn 760 px wide) and the app's
//! drawing on a phone have the same height and nothing moves when the app redraws.

use super::{Look, Mark};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The narrowest drawing (`ui::chart::chart_width`): line counts are taken at this width.
pub const MIN_WIDTH: u32 = 300;
/// Text sizes, in plotters' units (the SVG backend writes `size / 1.24` CSS pixels).
pub const LABEL: f64 = 15.0;
pub const SMALL: f64 = 14.0;
/// Height of a legend line, px.
pub const LEGEND_LINE: i32 = 20;

/// The CSS pixel size plotters writes for a text size.
pub fn px(size: f64) -> f64 {
    size / 1.24
}

/// Advance of a character in ems, generous: DejaVu Sans's (the widest of the common sans
/// faces; Arial, Helvetica and Roboto are narrower).
fn em(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.34,
        'i' | 'j' | 'l' | 'I' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '-' | '/' | '[' | ']' => 0.42,
        'm' => 0.98,
        'w' => 0.82,
        'M' | 'W' => 1.0,
        '0'..='9' | '$' | '€' | 'µ' | '·' => 0.64,
        c if c.is_ascii_lowercase() => 0.63,
        c if c.is_ascii_uppercase() => 0.78,
        '×' | '÷' | '→' | '%' | '≈' | '−' | '±' => 0.84,
        c if c.is_alphabetic() => 0.66,
        _ => 0.84,
    }
}

/// Width of `text` at plotters size `size`, in CSS pixels, rounded up.
///
/// # Formula
/// `Σ advance(c) · size / 1.24`, advances in ems from DejaVu Sans's widths, rounded up.
pub fn text_width(text: &str, size: f64) -> f64 {
    (text.chars().map(em).sum::<f64>() * px(size)).ceil()
}

/// `text` broken into lines no wider than `width` px (a single word wider than that stays
/// whole on its own line).
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A text style of the house: sans-serif in the theme's text colour, anchored at `pos`.
pub fn font(look: &Look, size: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&look.theme.text)
        .pos(Pos::new(h, v))
}

/// Draws `lines` from `(x, y)` down, one per `step` px, anchored left and centred.
pub fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
    (x, y): (i32, i32),
    step: i32,
    style: &TextStyle,
) -> Result<(), String> {
    for (i, l) in lines.iter().enumerate() {
        area.draw(&Text::new(
            l.clone(),
            (x, y + step * i as i32),
            style.clone(),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Ticks of `axis` whose labels fit between `lo` and `hi` px (the drawing's edges; the axis
/// runs `from` → `to`) with at least 12 px between neighbours: the most ticks, up to `max`,
/// that do. A label at an edge is moved inward to fit. Returns (value, tick's pixel, label,
/// label's centre).
pub fn fit_ticks(
    axis: &super::axis::Axis,
    (from, to): (i32, i32),
    (lo, hi): (i32, i32),
    max: usize,
    label: &dyn Fn(f64) -> String,
) -> Vec<(f64, i32, String, i32)> {
    use plotters::coord::ranged1d::Ranged;
    let place = |n: usize| -> Vec<(f64, i32, String, i32)> {
        axis.ticks(n)
            .into_iter()
            .map(|v| {
                let x = axis.map(&v, (from, to));
                let s = label(v);
                let half = (text_width(&s, SMALL) / 2.0).ceil() as i32;
                let c = x.clamp(lo + half, (hi - half).max(lo + half));
                (v, x, s, c)
            })
            .collect()
    };
    let fits = |ts: &[(f64, i32, String, i32)]| {
        ts.windows(2).all(|w| {
            f64::from((w[1].3 - w[0].3).abs())
                >= (text_width(&w[0].2, SMALL) + text_width(&w[1].2, SMALL)) / 2.0 + 12.0
        })
    };
    for n in (2..=max.max(2)).rev() {
        let ticks = place(n);
        if ticks.len() >= 2 && fits(&ticks) {
            return ticks;
        }
    }
    // Not even two fit: the first alone.
    place(2).into_iter().take(1).collect()
}

/// Width of one legend entry, px: its mark, the text and the gap after it.
fn entry_width(label: &str) -> i32 {
    22 + text_width(label, SMALL) as i32 + 16
}

/// The legend's entries in lines for a drawing `width` px wide (inner width `width − 16`).
fn legend_rows(entries: &[(String, Mark, RGBColor)], width: u32) -> Vec<Vec<usize>> {
    let room = width as i32 - 16;
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| !e.0.is_empty()) {
        let w = entry_width(&e.0);
        match rows.last_mut() {
            Some(row) if used + w <= room => {
                row.push(i);
                used += w;
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// Height of a legend below a plot, px, at [`MIN_WIDTH`] (so the same at every width).
pub fn legend_height(entries: &[(String, Mark, RGBColor)]) -> i32 {
    let n = legend_rows(entries, MIN_WIDTH).len() as i32;
    if n == 0 { 0 } else { 6 + LEGEND_LINE * n }
}

/// Draws a legend in lines from `top` down, left-aligned at 8 px: below the plot, never over
/// the data.
pub fn draw_legend_below<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, Mark, RGBColor)],
    top: i32,
    look: &Look,
) -> Result<(), String> {
    let (w, _) = area.dim_in_pixel();
    let style = font(look, SMALL, HPos::Left, VPos::Center);
    for (r, row) in legend_rows(entries, w).iter().enumerate() {
        let cy = top + 6 + LEGEND_LINE * r as i32 + LEGEND_LINE / 2;
        let mut x = 8;
        for &i in row {
            let (label, mark, colour) = &entries[i];
            super::palette::draw_glyph(area, (x + 8, cy), *mark, *colour, look)?;
            area.draw(&Text::new(label.clone(), (x + 22, cy), style.clone()))
                .map_err(|e| e.to_string())?;
            x += entry_width(label);
        }
    }
    Ok(())
}

/// A grid line: drawn as an SVG `<line>` (the backend's `draw_line`), which the page's
/// overlap test knows as grid, not as a mark.
pub struct GridLine {
    pub from: (i32, i32),
    pub to: (i32, i32),
    pub style: ShapeStyle,
}

impl<'a> plotters::element::PointCollection<'a, (i32, i32)> for &'a GridLine {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Empty<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::empty()
    }
}

impl<DB: DrawingBackend> plotters::element::Drawable<DB> for GridLine {
    fn draw<I: Iterator<Item = plotters_backend::BackendCoord>>(
        &self,
        _: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), plotters_backend::DrawingErrorKind<DB::ErrorType>> {
        backend.draw_line(self.from, self.to, &self.style)
    }
}

/// The size an SVG drawing of this module declares on its root (`width="…" height="…"`).
pub fn svg_size(svg: &str) -> Option<(u32, u32)> {
    // Bytes compared one by one: no substring search (its code) in the wasm.
    let root = svg.as_bytes().split(|b| *b == b'>').next()?;
    let attr = |name: &[u8]| -> Option<u32> {
        let at = root.windows(name.len() + 3).position(|w| {
            w[0] == b' ' && &w[1..=name.len()] == name && &w[name.len() + 1..] == b"=\""
        })?;
        let digits = &root[at + name.len() + 3..];
        let mut v: u32 = 0;
        let mut any = false;
        for b in digits.iter().take_while(|b| b.is_ascii_digit()) {
            v = v.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
            any = true;
        }
        any.then_some(v)
    };
    Some((attr(b"width")?, attr(b"height")?))
}

/// A figure written as a reader writes it: below a thousand with three significant figures
/// (0.1, 0.0123, 12.4, 505), then with thousands separators (2,000; 17,000; 155,000), from a
/// million in words (1.5 million, 2 billion; German 1,5 Millionen, 2 Milliarden).
pub fn reader(x: f64, german: bool) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    if a < 999.5 {
        return super::localize(&super::human(x), german);
    }
    // Three significant figures.
    let d = super::decade(a);
    let unit = 10f64.powi(d - 2);
    let r = (a / unit).round() * unit;
    let sign = if x < 0.0 { "−" } else { "" };
    const WORDS: [(f64, &str, &str, &str, &str); 3] = [
        (1e12, "trillion", "trillion", "Billion", "Billionen"),
        (1e9, "billion", "billion", "Milliarde", "Milliarden"),
        (1e6, "million", "million", "Million", "Millionen"),
    ];
    for (scale, en1, en, de1, de) in WORDS {
        if r >= scale * 0.9995 {
            let v = r / scale;
            let n = super::localize(&super::human(v), german);
            let word = match (german, v == 1.0) {
                (false, true) => en1,
                (false, false) => en,
                (true, true) => de1,
                (true, false) => de,
            };
            return format!("{sign}{n} {word}");
        }
    }
    let digits = (r as u64).to_string();
    let sep = if german { '.' } else { ',' };
    let mut out = String::from(sign);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Height of the plot of an x–y chart, px.
pub const PLOT_H: i32 = 270;
const PAD: i32 = 8;
const TITLE_LINE: i32 = 18;

/// The frame of an x–y chart: the y axis's title above the plot (written across, never
/// turned), its ticks left of it, the x axis's ticks and title below it, the legend under
/// everything. [`Xy::frame`] draws it and returns the plot's pixels.
pub struct Xy<'a> {
    pub x: super::axis::Axis,
    pub y: super::axis::Axis,
    pub x_title: &'a str,
    pub y_title: &'a str,
    pub legend: &'a [(String, Mark, RGBColor)],
}

/// Where an x–y chart's plot lies, and its axes to map values.
pub struct Plot {
    pub x0: i32,
    pub x1: i32,
    pub y0: i32,
    pub y1: i32,
    x: super::axis::Axis,
    y: super::axis::Axis,
}

impl Plot {
    /// The pixel of `(x, y)`.
    pub fn at(&self, (x, y): (f64, f64)) -> (i32, i32) {
        use plotters::coord::ranged1d::Ranged;
        (
            self.x.map(&x, (self.x0, self.x1)),
            self.y.map(&y, (self.y1, self.y0)),
        )
    }
}

impl Xy<'_> {
    fn lines(text: &str, width: u32) -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            wrap(text, LABEL, f64::from(width as i32 - 2 * PAD))
        }
    }

    fn top(&self) -> i32 {
        PAD + TITLE_LINE * Self::lines(self.y_title, MIN_WIDTH).len() as i32 + 12
    }

    fn below(&self) -> i32 {
        28 + TITLE_LINE * Self::lines(self.x_title, MIN_WIDTH).len() as i32
    }

    /// The drawing's height, the same at every width.
    pub fn height(&self) -> u32 {
        (self.top() + PLOT_H + self.below() + legend_height(self.legend) + PAD) as u32
    }

    /// Fills the background and draws the frame; returns the plot.
    pub fn frame<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        look: &Look,
    ) -> Result<Plot, String> {
        use plotters::coord::ranged1d::Ranged;
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        let t = &look.theme;
        area.fill(&t.background).map_err(err)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let y0 = self.top();
        let y1 = (h - self.below() - legend_height(self.legend) - PAD).max(y0 + 40);
        // The y ticks: as many as leave 24 px between labels.
        let y_ticks: Vec<(f64, i32, String)> = (2..=8)
            .rev()
            .map(|n| {
                self.y
                    .ticks(n)
                    .into_iter()
                    .map(|v| (v, self.y.map(&v, (y1, y0)), look.read(v)))
                    .collect::<Vec<_>>()
            })
            .find(|ts| ts.windows(2).all(|p| (p[0].1 - p[1].1).abs() >= 24))
            .unwrap_or_default();
        let label_w = y_ticks
            .iter()
            .map(|t| text_width(&t.2, SMALL))
            .fold(0.0, f64::max) as i32;
        let x0 = PAD + label_w + 10;
        let x1 = w - PAD - 12;
        let x_ticks = fit_ticks(&self.x, (x0, x1), (2, w - 2), 8, &|v| look.read(v));
        for (_, x, _, _) in &x_ticks {
            area.draw(&GridLine {
                from: (*x, y0),
                to: (*x, y1),
                style: t.grid.stroke_width(1),
            })
            .map_err(err)?;
        }
        for (_, y, _) in &y_ticks {
            area.draw(&GridLine {
                from: (x0, *y),
                to: (x1, *y),
                style: t.grid.stroke_width(1),
            })
            .map_err(err)?;
        }
        let axis = t.text.stroke_width(1);
        area.draw(&PathElement::new([(x0, y0), (x0, y1), (x1, y1)], axis))
            .map_err(err)?;
        let right = font(look, SMALL, HPos::Right, VPos::Center);
        for (_, y, s) in &y_ticks {
            area.draw(&PathElement::new([(x0 - 5, *y), (x0, *y)], axis))
                .map_err(err)?;
            area.draw(&Text::new(s.clone(), (x0 - 8, *y), right.clone()))
                .map_err(err)?;
        }
        let under = font(look, SMALL, HPos::Center, VPos::Top);
        for (_, x, s, c) in &x_ticks {
            area.draw(&PathElement::new([(*x, y1), (*x, y1 + 5)], axis))
                .map_err(err)?;
            area.draw(&Text::new(s.clone(), (*c, y1 + 11), under.clone()))
                .map_err(err)?;
        }
        let title = font(look, LABEL, HPos::Left, VPos::Center);
        draw_lines(
            area,
            &Self::lines(self.y_title, w as u32),
            (PAD, PAD + TITLE_LINE / 2),
            TITLE_LINE,
            &title,
        )?;
        draw_lines(
            area,
            &Self::lines(self.x_title, w as u32),
            (PAD, y1 + 28 + TITLE_LINE / 2),
            TITLE_LINE,
            &title,
        )?;
        draw_legend_below(area, self.legend, y1 + self.below() - 2, look)?;
        Ok(Plot {
            x0,
            x1,
            y0,
            y1,
            x: self.x.clone(),
            y: self.y.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{reader, svg_size, wrap};

    #[test]
    fn figures_read_as_a_reader_writes_them() {
        assert_eq!(reader(0.1, false), "0.1");
        assert_eq!(reader(0.1, true), "0,1");
        assert_eq!(reader(2000.0, false), "2,000");
        assert_eq!(reader(2000.0, true), "2.000");
        assert_eq!(reader(17_000.0, false), "17,000");
        assert_eq!(reader(123_456.0, false), "123,000");
        assert_eq!(reader(1.5e6, false), "1.5 million");
        assert_eq!(reader(1.5e6, true), "1,5 Millionen");
        assert_eq!(reader(1e6, true), "1 Million");
        assert_eq!(reader(2e9, false), "2 billion");
        assert_eq!(reader(999.7, false), "1,000");
        assert_eq!(reader(f64::NAN, false), "–");
    }

    #[test]
    fn text_wraps_at_word_boundaries() {
        let lines = wrap("one two three four five six seven", 15.0, 60.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six seven");
    }

    #[test]
    fn the_size_of_a_drawing_is_read_from_its_root() {
        assert_eq!(
            svg_size("<svg width=\"760\" height=\"312\" viewBox=\"0 0 760 312\">"),
            Some((760, 312))
        );
        assert_eq!(svg_size("nothing"), None);
    }
}
