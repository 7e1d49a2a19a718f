//! Charts: one file per chart, each drawing on any plotters backend (the page and the native
//! tests both render SVG through `backend.rs`; the PNG export rasterises that SVG). The
//! numbers are computed in `model` (`series`, `claims`) and passed in.

pub mod axis;
pub mod backend;
pub mod bars;
pub mod calibration;
pub mod cost_breakdown;
pub mod cost_sensitivity;
pub mod energy_by_generation;
pub mod export_chips;
pub mod frontier;
pub mod layout;
pub mod palette;
pub mod power_split;
pub mod scale;
pub mod waterfall;

use plotters::style::RGBColor;

/// Colours of one theme. The series colours are the Okabe–Ito palette (colour-blind safe).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub series: [RGBColor; 6],
}

/// Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, orange,
/// reddish purple, sky blue.
const OKABE_ITO: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
];

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(33, 37, 41),
        grid: RGBColor(222, 226, 230),
        series: OKABE_ITO,
    };
    pub const DARK: Theme = Theme {
        background: RGBColor(24, 26, 31),
        text: RGBColor(230, 232, 235),
        grid: RGBColor(60, 64, 72),
        series: OKABE_ITO,
    };
}

/// A point of a chart with its exact value, in backend pixels: the page lays an invisible
/// target with a `<title>` over it, so hovering shows the exact figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    pub x: i32,
    pub y: i32,
    pub text: String,
}

/// The hotspots of a drawing, or its error as text (backend errors differ by backend).
pub type DrawResult = Result<Vec<Hotspot>, String>;

/// Adds a transparent, titled circle per hotspot at the end of an SVG document, so that
/// pointing at a mark shows its exact value (the browser's native tooltip).
pub fn with_hotspots(mut svg: String, spots: &[Hotspot]) -> String {
    if spots.is_empty() {
        return svg;
    }
    let Some(end) = svg.rfind("</svg>") else {
        return svg;
    };
    let mut g = String::from("<g class=\"hotspots\">");
    for h in spots {
        let text = h
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        g.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"9\" fill=\"transparent\"><title>{text}</title></circle>",
            h.x, h.y
        ));
    }
    g.push_str("</g>");
    svg.insert_str(end, &g);
    svg
}

/// The drawing without the hover targets [`with_hotspots`] added (the same text if it has
/// none): what the page shows while no pointer is over the chart, and the page built with the
/// site. A chart of many marks has more targets than marks (the frontier of gpt-oss-120b:
/// 227 of its 621 elements are targets, as many again their titles), and the browser parses
/// and lays out every one on each redraw.
pub fn without_hotspots(svg: &str) -> std::borrow::Cow<'_, str> {
    const OPEN: &str = "<g class=\"hotspots\">";
    match (svg.find(OPEN), svg.rfind("</g></svg>")) {
        (Some(a), Some(b)) if a < b => {
            let mut out = String::with_capacity(svg.len() - (b + 4 - a));
            out.push_str(&svg[..a]);
            out.push_str(&svg[b + "</g>".len()..]);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(svg),
    }
}

/// How a chart looks: colours and number format (German uses a decimal comma).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub theme: Theme,
    pub decimal_comma: bool,
}

impl Look {
    pub const LIGHT_EN: Look = Look {
        theme: Theme::LIGHT,
        decimal_comma: false,
    };

    /// A number for an axis tick or label: SI prefixes, in the language's decimal mark.
    pub fn num(&self, x: f64) -> String {
        localize(&si(x), self.decimal_comma)
    }

    /// A number as a reader writes it ([`layout::reader`]): 0.1, 2,000, 1.5 million; in
    /// German 0,1, 2.000, 1,5 Millionen.
    pub fn read(&self, x: f64) -> String {
        layout::reader(x, self.decimal_comma)
    }

    /// A number in plain reading form (see [`human`]), in the language's decimal mark.
    pub fn human(&self, x: f64) -> String {
        localize(&human(x), self.decimal_comma)
    }
}

/// Swaps the decimal point for a comma (German); thousands are never grouped by the
/// formatters here (SI prefixes take their place), so no other separator appears.
pub fn localize(s: &str, decimal_comma: bool) -> String {
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s.to_string()
    }
}

/// Formats a positive number with an SI prefix and three significant figures:
/// 0.000412 → "412 µ", 1530 → "1.53 k", 2.5e9 → "2.5 G".
pub fn si(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    const PREFIXES: [(f64, &str); 9] = [
        (1e12, " T"),
        (1e9, " G"),
        (1e6, " M"),
        (1e3, " k"),
        (1.0, ""),
        (1e-3, " m"),
        (1e-6, " µ"),
        (1e-9, " n"),
        (1e-12, " p"),
    ];
    let a = x.abs();
    let (scale, p) = PREFIXES
        .iter()
        .copied()
        .find(|(s, _)| a >= *s)
        .unwrap_or((1e-12, " p"));
    let v = x / scale;
    let digits = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{p}").trim_end().to_string()
}

/// Formats a figure for readers: three significant figures, SI prefixes only from a
/// thousand up (1.53 k, 85 M), plain decimals below (0.505, 12.4).
pub fn human(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    if x.abs() >= 1000.0 {
        return si(x);
    }
    if x == 0.0 {
        return "0".into();
    }
    let digits = (2 - decade(x.abs())).clamp(0, 6) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `⌊log₁₀ x⌋` for positive finite `x`, exact at powers of ten (from `ln`, corrected by
/// comparing with `10ᵈ`: the wasm then needs no `log10`).
pub fn decade(x: f64) -> i32 {
    if !(x > 0.0 && x.is_finite()) {
        return 0;
    }
    let mut d = (x.ln() * std::f64::consts::LOG10_E).floor() as i32;
    if 10f64.powi(d + 1) <= x {
        d += 1;
    } else if 10f64.powi(d) > x {
        d -= 1;
    }
    d
}

/// `⌈log₁₀ x⌉` for positive finite `x`, exact at powers of ten.
pub fn decade_ceil(x: f64) -> i32 {
    let d = decade(x);
    if 10f64.powi(d) == x { d } else { d + 1 }
}

/// Range of a log axis that holds every value with some margin: whole decades around the data.
pub fn log_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.1, 10.0);
    }
    (
        10f64.powi(decade(lo)),
        10f64.powi(decade_ceil(hi).max(decade(lo) + 1)),
    )
}

/// The mark shown beside a legend entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Dot,
    Triangle,
    Line,
    Square,
    Cross,
    Ring,
    /// A short vertical bar (a median).
    Median,
    /// Scenario A while two are compared ([`Pinned`]).
    Diamond,
}

/// The text style of axis labels and titles.
pub fn label_font(look: &Look, size: u32) -> plotters::style::TextStyle<'static> {
    use plotters::style::{Color, IntoFont};
    ("sans-serif", size)
        .into_font()
        .color(&look.theme.text.to_rgba())
}

/// A chart's mesh in the house style: grid in the theme's colour, no minor lines, axis and
/// labels in the text colour. Callers add axis titles and formatters, then `draw()`.
pub fn styled_mesh<'a, 'b, DB, XT, YT, X, Y>(
    chart: &'b mut plotters::chart::ChartContext<
        'a,
        DB,
        plotters::coord::cartesian::Cartesian2d<X, Y>,
    >,
    look: &Look,
    font_size: u32,
) -> plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    DB: plotters::prelude::DrawingBackend,
    X: plotters::coord::ranged1d::Ranged<ValueType = XT>
        + plotters::coord::ranged1d::ValueFormatter<XT>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = YT>
        + plotters::coord::ranged1d::ValueFormatter<YT>,
{
    use plotters::style::Color;
    let t = look.theme;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(t.grid.mix(0.0))
        .bold_line_style(t.grid)
        .axis_style(t.text)
        .label_style(label_font(look, font_size))
        .axis_desc_style(label_font(look, font_size));
    mesh
}

/// A small filled polygon marker around a point: [`Shape::TRIANGLE`] (corners 6 px above and
/// 5 px to either side, 3 px below the point) or [`Shape::DIAMOND`] (7 px each way). plotters'
/// `TriangleMarker` places its corners with `sin`/`cos`, which pulls libm's trigonometry into
/// the wasm for three constant angles.
pub struct Shape<Coord> {
    at: Coord,
    corners: &'static [(i32, i32)],
    style: plotters::style::ShapeStyle,
}

impl<Coord> Shape<Coord> {
    pub const TRIANGLE: &'static [(i32, i32)] = &[(0, -6), (-5, 3), (5, 3)];
    pub const DIAMOND: &'static [(i32, i32)] = &[(0, -7), (7, 0), (0, 7), (-7, 0)];

    /// The shape with `corners` (offsets from the point, px) at `at`.
    pub fn new(
        at: Coord,
        corners: &'static [(i32, i32)],
        style: impl Into<plotters::style::ShapeStyle>,
    ) -> Self {
        Shape {
            at,
            corners,
            style: style.into(),
        }
    }
}

impl<'a, Coord: 'a> plotters::element::PointCollection<'a, Coord> for &'a Shape<Coord> {
    type Point = &'a Coord;
    type IntoIter = std::iter::Once<&'a Coord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<Coord, DB: plotters::prelude::DrawingBackend> plotters::element::Drawable<DB>
    for Shape<Coord>
{
    fn draw<I: Iterator<Item = plotters_backend::BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), plotters_backend::DrawingErrorKind<DB::ErrorType>> {
        if let Some((x, y)) = points.next() {
            backend.fill_polygon(
                self.corners.iter().map(|(dx, dy)| (x + dx, y + dy)),
                &self.style.color,
            )?;
        }
        Ok(())
    }
}

/// Scenario A, pinned by the reader while two scenarios are compared: where a chart marks it
/// (`at`, in the chart's own terms: a row's value, a point, a bar's parts), the words of its
/// row or legend entry, and its exact value as hover text. Every chart marks it the same way,
/// a diamond in the text colour ([`Mark::Diamond`]), with A's own figures; the page's
/// scenario, B, keeps the ring.
#[derive(Debug, Clone, Copy)]
pub struct Pinned<'a, T> {
    pub at: T,
    pub label: &'a str,
    pub hover: &'a str,
}

/// A chart's words for an export: its title (the question it answers), its takeaway (the
/// answer for the reader's scenario) and its provenance (the model version and the link).
pub struct ExportWords<'a> {
    pub title: &'a str,
    pub takeaway: &'a str,
    pub caption: &'a str,
}

/// Sizes of an export's words, CSS px: the title's and the takeaway's font and line height.
const EXPORT_TITLE: (f64, i32) = (16.0, 20);
const EXPORT_TEXT: (f64, i32) = (13.0, 17);

/// `text` in lines no wider than `width` px at a font of `css_px` ([`layout::wrap`] takes
/// plotters' sizes; `bold` text is taken a tenth wider).
fn export_lines(text: &str, css_px: f64, bold: bool, width: f64) -> Vec<String> {
    let size = css_px * 1.24 * if bold { 1.1 } else { 1.0 };
    if text.is_empty() {
        Vec::new()
    } else {
        layout::wrap(text, size, width)
    }
}

/// An export's words laid out for a drawing `width` px wide: the title's and the takeaway's
/// lines, where the title ends and where the drawing starts, px.
fn export_layout(width: u32, words: &ExportWords) -> (Vec<String>, Vec<String>, i32, i32) {
    let room = f64::from(width as i32 - 2 * EXPORT_PAD);
    let title = export_lines(words.title, EXPORT_TITLE.0, true, room);
    let text = export_lines(words.takeaway, EXPORT_TEXT.0, false, room);
    let title_end = EXPORT_PAD + EXPORT_TITLE.1 * title.len() as i32;
    let top = title_end + 4 + EXPORT_TEXT.1 * text.len() as i32 + EXPORT_PAD;
    (title, text, title_end, top)
}

/// The height [`with_words`] adds to a drawing `width` px wide: the words above it and the
/// caption below it, px.
pub fn export_height(width: u32, words: &ExportWords) -> u32 {
    (export_layout(width, words).3 + EXPORT_CAPTION) as u32
}

const EXPORT_PAD: i32 = 8;
const EXPORT_CAPTION: i32 = 18;

/// The SVG as an export that stands alone in an article: the chart's title and takeaway above
/// the drawing, wrapped to its width, and its provenance in a small grey line below it, on the
/// theme's background. Returns the document and its size.
///
/// `svg` is a drawing of [`backend::SvgBackend`] and `size` its size: the root element is
/// everything up to the first `>`, the document ends with `</svg>` (only characters are
/// searched for, which keeps string-search code out of the wasm).
pub fn with_words(
    svg: &str,
    size: (u32, u32),
    words: &ExportWords,
    look: &Look,
) -> (String, (u32, u32)) {
    const PAD: i32 = EXPORT_PAD;
    const CAPTION: i32 = EXPORT_CAPTION;
    let (w, h) = size;
    let (title, text, title_end, top) = export_layout(w, words);
    let total = top + h as i32 + CAPTION;
    let rgb = |c: plotters::style::RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let body = svg[body_start..].trim_end();
    let body = body.strip_suffix("</svg>").unwrap_or(body);
    let mut out = format!(
        "<svg width=\"{w}\" height=\"{total}\" viewBox=\"0 0 {w} {total}\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{w}\" height=\"{total}\" fill=\"{}\"/>",
        rgb(look.theme.background)
    );
    let lines = |out: &mut String,
                 class: &str,
                 lines: &[String],
                 (px, step): (f64, i32),
                 y0: i32,
                 extra: &str| {
        for (i, l) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<text class=\"{class}\" x=\"{PAD}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"{px}\"{extra} fill=\"{}\">",
                y0 + step * i as i32,
                rgb(look.theme.text)
            ));
            push_escaped(out, l);
            out.push_str("</text>");
        }
    };
    lines(
        &mut out,
        "export-title",
        &title,
        EXPORT_TITLE,
        PAD + 15,
        " font-weight=\"bold\"",
    );
    lines(
        &mut out,
        "export-takeaway",
        &text,
        EXPORT_TEXT,
        title_end + 4 + 12,
        "",
    );
    out.push_str(&format!("<g transform=\"translate(0 {top})\">"));
    out.push_str(body);
    out.push_str("</g><text class=\"export-caption\" x=\"6\" y=\"");
    out.push_str(&(total - CAPTION + 13).to_string());
    out.push_str("\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#808080\">");
    push_escaped(&mut out, words.caption);
    out.push_str("</text></svg>\n");
    (out, (w, total as u32))
}

/// Appends `text` to `out` as XML/HTML character data: `&`, `<` and `>` escaped.
pub fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}
