//! Shared drawing for charts of named horizontal rows: bars (stacked or floating), marks on
//! a row, reference lines, on a linear or log axis. Short names sit left of their row, long
//! ones above it; each row's value is written after its last mark; the axis's title is above
//! the rows, its ticks below, the legend below that. Nothing is placed where text could
//! cover a mark, and the height follows the number of rows ([`Rows::height`]).

use super::axis::Axis;
use super::layout::{self, GridLine, LABEL, MIN_WIDTH, SMALL, text_width};
use super::{DrawResult, Hotspot, Look, Mark};
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A bar from `from` (`None`: the axis's start) to `to`, in `colour`, over the band's
/// `lane` (px above and below the row's centre line; `(-8, 8)` is the whole band).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub from: Option<f64>,
    pub to: f64,
    pub colour: RGBColor,
    pub lane: (i32, i32),
    pub hover: String,
}

impl Bar {
    /// A bar over the whole band from the axis's start.
    pub fn new(to: f64, colour: RGBColor, hover: String) -> Bar {
        Bar {
            from: None,
            to,
            colour,
            lane: (-8, 8),
            hover,
        }
    }
}

/// A mark on a row at `x`, `dy` px below its centre line.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub mark: Mark,
    pub colour: RGBColor,
    pub dy: i32,
    pub hover: String,
}

impl Point {
    /// Scenario A's mark while two are compared: a diamond in the text colour at `x` on the
    /// row's centre line, titled `hover`.
    pub fn pinned(x: f64, hover: &str, look: &Look) -> Point {
        Point {
            x,
            mark: Mark::Diamond,
            colour: look.theme.text,
            dy: 0,
            hover: hover.to_string(),
        }
    }
}

/// One row: its name, bars and marks, the text written after them, and where the reader's
/// scenario sits on it (the ring of [`super::palette::draw_scenario`]). A heading names the
/// rows below it and has no marks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub label: String,
    pub heading: bool,
    pub bars: Vec<Bar>,
    pub points: Vec<Point>,
    pub value: String,
    pub scenario: Option<f64>,
}

impl Row {
    /// The row made scenario A's while two are compared: no ring, a diamond in the text
    /// colour at the end of its bars ([`Point::pinned`]) titled `hover`.
    pub fn pinned(mut self, hover: &str, look: &Look) -> Row {
        let end = self.bars.iter().map(|b| b.to).fold(f64::NAN, f64::max);
        self.scenario = None;
        self.points.push(Point::pinned(end, hover, look));
        self
    }

    /// A vendor's claim as a row of its own, named `label`: a cross at `v` in the claims'
    /// colour ([`super::palette::claim_colour`]), `text` written after it and as its hover.
    pub fn claim(label: &str, v: f64, text: String, look: &Look) -> Row {
        Row {
            label: label.to_string(),
            points: vec![Point {
                x: v,
                mark: Mark::Cross,
                colour: super::palette::claim_colour(&look.theme),
                dy: 0,
                hover: text.clone(),
            }],
            value: text,
            ..Row::default()
        }
    }
}

/// `rows` with scenario A's entry (`label`, `at`) put after the first (the reader's
/// scenario): the data of a chart of rows while two scenarios are compared, and where A's row
/// is ([`Row::pinned`] marks it once built).
pub fn with_pinned<T: Clone>(
    rows: &[(String, T)],
    pinned: Option<super::Pinned<T>>,
) -> (Vec<(String, T)>, Option<usize>) {
    let mut list = rows.to_vec();
    let at = pinned.map(|a| {
        let i = rows.len().min(1);
        list.insert(i, (a.label.to_string(), a.at));
        i
    });
    (list, at)
}

/// The data of a chart of stacked rows ([`stacked_height`], [`stacked_draw`]): what a row's
/// parts are, their colours, and how its texts are written (the cost breakdown, the power
/// split).
pub trait Stack<const N: usize>: Clone {
    /// The parts' colours, in the order they are stacked: indices into the theme's series.
    const COLOURS: [usize; N];
    /// Whether every row is the reader's scenario (ringed), or only the first.
    const EVERY_ROW_RINGED: bool;
    /// The parts' values, in the order they are stacked.
    fn parts(&self) -> [f64; N];
    /// A part's hover text, from its row's label, its name and its value.
    fn hover(label: &str, part: &str, v: f64, look: &Look) -> String;
    /// The text after the row, from where its last part ends.
    fn value(&self, end: f64, look: &Look) -> String;
}

/// The rows and the legend of a chart of stacked rows: a row per `(label, data)` of `rows`,
/// its parts laid end to end from the axis's start in their colours, scenario A's row after
/// the first while two are compared ([`with_pinned`], [`Row::pinned`]); a square per part in
/// the legend.
fn stacked<T: Stack<N>, const N: usize>(
    rows: &[(String, T)],
    pinned: Option<super::Pinned<T>>,
    parts: [&str; N],
    look: &Look,
) -> (Vec<Row>, Vec<(String, Mark, RGBColor)>) {
    let colours = T::COLOURS.map(|i| look.theme.series[i]);
    let a_hover = pinned.as_ref().map(|a| a.hover);
    let (rows, a_at) = with_pinned(rows, pinned);
    let mut out: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, data))| {
            // Negative and non-finite parts count as 0.
            let mut end = 0.0;
            let bars = data
                .parts()
                .into_iter()
                .zip(colours)
                .zip(parts)
                .map(|((v, colour), part)| {
                    let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                    let bar = Bar {
                        from: Some(end),
                        to: end + v,
                        colour,
                        lane: (-8, 8),
                        hover: T::hover(label, part, v, look),
                    };
                    end += v;
                    bar
                })
                .collect();
            Row {
                label: label.clone(),
                bars,
                value: data.value(end, look),
                // The first row is the reader's scenario (A's is marked below).
                scenario: (T::EVERY_ROW_RINGED || i == 0).then_some(end),
                ..Row::default()
            }
        })
        .collect();
    if let (Some(hover), Some(r)) = (a_hover, a_at.and_then(|i| out.get_mut(i))) {
        *r = std::mem::take(r).pinned(hover, look);
    }
    let legend = parts
        .iter()
        .zip(colours)
        .map(|(p, c)| (p.to_string(), Mark::Square, c))
        .collect();
    (out, legend)
}

/// The height of a chart of stacked rows ([`stacked_draw`]): a row per entry of `rows` (and
/// scenario A's), and the legend.
pub fn stacked_height<T: Stack<N>, const N: usize>(
    rows: &[(String, T)],
    pinned: Option<super::Pinned<T>>,
    parts: [&str; N],
    x_axis: &str,
    look: &Look,
) -> u32 {
    let (rows, legend) = stacked(rows, pinned, parts, look);
    Rows::new(&rows, x_axis, false)
        .with_legend(&legend)
        .height()
}

/// Draws one stacked bar per `(label, data)` of `rows`, the first the reader's scenario, and
/// scenario A's after it while two are compared (`pinned`, a row of its own labelled
/// `label`); `parts` names the parts in the order [`Stack::parts`] gives them, and `x_axis`
/// is the value axis's title.
pub fn stacked_draw<DB: DrawingBackend, T: Stack<N>, const N: usize>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, T)],
    pinned: Option<super::Pinned<T>>,
    parts: [&str; N],
    x_axis: &str,
    look: &Look,
) -> DrawResult {
    let (rows, legend) = stacked(rows, pinned, parts, look);
    Rows::new(&rows, x_axis, false)
        .with_legend(&legend)
        .render(area, look)
}

/// A chart of rows.
pub struct Rows<'a> {
    pub rows: &'a [Row],
    /// The value axis's title, written above the rows.
    pub axis: &'a str,
    pub log: bool,
    /// A fixed range of the axis (else the data's).
    pub range: Option<(f64, f64)>,
    pub legend: &'a [(String, Mark, RGBColor)],
    /// Reference values drawn as a line across each row's band; `true`: emphasised.
    pub refs: &'a [(f64, bool)],
    /// The narrowest width this chart is drawn at (a panel of a split drawing: less).
    pub min_width: u32,
}

const PAD: i32 = 8;
const TITLE_LINE: i32 = 18;
/// Labels up to this wide sit left of their row.
const LEFT_LABELS_MAX: f64 = 96.0;
const AXIS_H: i32 = 32;

impl<'a> Rows<'a> {
    /// A chart of rows `min_width` may be as narrow as the page's narrowest drawing.
    pub fn new(rows: &'a [Row], axis: &'a str, log: bool) -> Rows<'a> {
        Rows {
            rows,
            axis,
            log,
            range: None,
            legend: &[],
            refs: &[],
            min_width: MIN_WIDTH,
        }
    }

    /// The chart with `legend` below its axis.
    pub fn with_legend(self, legend: &'a [(String, Mark, RGBColor)]) -> Rows<'a> {
        Rows { legend, ..self }
    }

    /// Draws the rows as the whole drawing: [`Rows::draw`], then presents `area`.
    pub fn render<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        look: &Look,
    ) -> DrawResult {
        let spots = self.draw(area, look)?;
        area.present().map_err(|e| e.to_string())?;
        Ok(spots)
    }

    fn label_width(&self) -> f64 {
        self.rows
            .iter()
            .filter(|r| !r.heading)
            .map(|r| text_width(&r.label, LABEL))
            .fold(0.0, f64::max)
    }

    fn labels_left(&self) -> bool {
        self.label_width() <= LEFT_LABELS_MAX
    }

    /// Vertical distance between rows, px.
    fn pitch(&self) -> i32 {
        if self.labels_left() { 26 } else { 44 }
    }

    fn title_lines(&self, width: u32) -> Vec<String> {
        if self.axis.is_empty() {
            return Vec::new();
        }
        layout::wrap(self.axis, LABEL, f64::from(width as i32 - 2 * PAD))
    }

    fn top(&self) -> i32 {
        PAD + TITLE_LINE * self.title_lines(self.min_width).len() as i32 + 4
    }

    /// Height everything takes but the rows.
    fn frame(&self) -> i32 {
        self.top() + AXIS_H + layout::legend_height(self.legend) + PAD
    }

    /// The drawing's natural height: a pitch per row, the title, axis and legend.
    pub fn height(&self) -> u32 {
        (self.frame() + self.pitch() * self.rows.len().max(1) as i32) as u32
    }

    /// Draws the rows onto `area` (filled with the background first; not presented: the
    /// caller presents once, after every panel is drawn).
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        look: &Look,
    ) -> DrawResult {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        let theme = &look.theme;
        area.fill(&theme.background).map_err(err)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let n = self.rows.len().max(1) as i32;
        let left_labels = self.labels_left();
        // Rows squeeze (an image of a fixed size), never stretch.
        let pitch = self.pitch().min(((h - self.frame()) / n).max(10));
        let top = self.top();
        // The centre line of row i's band.
        let cy =
            |i: usize| top + pitch * i as i32 + if left_labels { pitch / 2 } else { pitch - 17 };
        let value_w = self
            .rows
            .iter()
            .map(|r| text_width(&r.value, SMALL))
            .fold(0.0, f64::max) as i32;
        let ring = if self.rows.iter().any(|r| r.scenario.is_some()) {
            super::palette::SCENARIO_RING + 2
        } else {
            0
        };
        let x0 = PAD
            + if left_labels {
                self.label_width() as i32 + 10
            } else {
                0
            };
        let x1 = (w - PAD - ring - if value_w > 0 { value_w + 6 } else { 0 }).max(x0 + 20);
        let values = self.rows.iter().flat_map(|r| {
            r.bars
                .iter()
                .flat_map(|b| [b.from.unwrap_or(f64::NAN), b.to])
                .chain(r.points.iter().map(|p| p.x))
                .chain(r.scenario)
        });
        let axis = match (self.range, self.log) {
            (Some((lo, hi)), true) => Axis::log(lo..hi),
            (Some((lo, hi)), false) => Axis::linear(lo..hi),
            (None, true) => {
                let (lo, hi) = super::log_range(values.chain(self.refs.iter().map(|r| r.0)));
                Axis::log(lo..hi)
            }
            (None, false) => {
                let hi = values
                    .filter(|v| v.is_finite())
                    .fold(0.0f64, f64::max)
                    .max(1e-12);
                Axis::linear(0.0..hi * 1.02)
            }
        };
        let start = axis.range().start;
        let px = |v: f64| axis.map(&v.clamp(start, axis.range().end), (x0, x1));
        let rows_end = top + pitch * n;
        let axis_y = rows_end + 2;
        let ticks = layout::fit_ticks(&axis, (x0, x1), (2, w - 2), 8, &|v| look.read(v));
        // Grid first, under everything.
        for t in &ticks {
            area.draw(&GridLine {
                from: (t.1, top),
                to: (t.1, axis_y),
                style: theme.grid.stroke_width(1),
            })
            .map_err(err)?;
        }
        let mut spots = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let y = cy(i);
            for &(v, strong) in self.refs {
                let style = if strong {
                    theme.text.stroke_width(1)
                } else {
                    theme.grid.stroke_width(2)
                };
                if !r.heading {
                    area.draw(&PathElement::new([(px(v), y - 9), (px(v), y + 9)], style))
                        .map_err(err)?;
                }
            }
            for b in &r.bars {
                if !(b.to.is_finite() && (!self.log || b.to > 0.0)) {
                    continue;
                }
                let a = px(b.from.unwrap_or(start));
                let z = px(b.to);
                area.draw(&Rectangle::new(
                    [
                        (a.min(z), y + b.lane.0),
                        (a.max(z).max(a.min(z) + 1), y + b.lane.1),
                    ],
                    b.colour.filled(),
                ))
                .map_err(err)?;
                if !b.hover.is_empty() {
                    spots.push(Hotspot {
                        x: z,
                        y: y + (b.lane.0 + b.lane.1) / 2,
                        text: b.hover.clone(),
                    });
                }
            }
            for p in &r.points {
                if !(p.x.is_finite() && (!self.log || p.x > 0.0)) {
                    continue;
                }
                let at = (px(p.x), y + p.dy);
                super::palette::draw_glyph(area, at, p.mark, p.colour, look)?;
                if !p.hover.is_empty() {
                    spots.push(Hotspot {
                        x: at.0,
                        y: at.1,
                        text: p.hover.clone(),
                    });
                }
            }
            if let Some(v) = r.scenario.filter(|v| v.is_finite()) {
                super::palette::draw_scenario(area, (px(v), y), look)?;
            }
        }
        // Text last: labels, values, the axis and its title, the legend.
        let label = layout::font(look, LABEL, HPos::Left, VPos::Center);
        let small = layout::font(look, SMALL, HPos::Left, VPos::Center);
        for (i, r) in self.rows.iter().enumerate() {
            let y = cy(i);
            if !r.label.is_empty() {
                let at = if left_labels || r.heading {
                    (PAD, y)
                } else {
                    (x0, y - 17)
                };
                area.draw(&Text::new(r.label.clone(), at, label.clone()))
                    .map_err(err)?;
            }
            if !r.value.is_empty() {
                let end = r
                    .bars
                    .iter()
                    .filter(|b| b.to.is_finite())
                    .flat_map(|b| [px(b.to), px(b.from.unwrap_or(start))])
                    .chain(
                        r.points
                            .iter()
                            .filter(|p| p.x.is_finite())
                            .map(|p| px(p.x) + 6),
                    )
                    .chain(r.scenario.map(|v| px(v) + ring - 2))
                    // The reference lines cross the band too.
                    .chain(self.refs.iter().map(|rf| px(rf.0) + 2))
                    .max()
                    .unwrap_or(x0);
                area.draw(&Text::new(r.value.clone(), (end + 6, y), small.clone()))
                    .map_err(err)?;
            }
        }
        area.draw(&PathElement::new(
            [(x0, axis_y), (x1, axis_y)],
            theme.text.stroke_width(1),
        ))
        .map_err(err)?;
        let tick_font = layout::font(look, SMALL, HPos::Center, VPos::Top);
        for (_, x, text, centre) in &ticks {
            area.draw(&PathElement::new(
                [(*x, axis_y), (*x, axis_y + 5)],
                theme.text.stroke_width(1),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                text.clone(),
                (*centre, axis_y + 8),
                tick_font.clone(),
            ))
            .map_err(err)?;
        }
        let title = layout::font(look, LABEL, HPos::Left, VPos::Center);
        layout::draw_lines(
            area,
            &self.title_lines(w as u32),
            (PAD, PAD + TITLE_LINE / 2),
            TITLE_LINE,
            &title,
        )?;
        layout::draw_legend_below(area, self.legend, axis_y + AXIS_H - 4, look)?;
        Ok(spots)
    }
}
