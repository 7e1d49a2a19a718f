//! The SVG backend the page draws on: plotters' `SVGBackend` with text measured by a fixed
//! rule instead of the DOM.
//!
//! In the browser, plotters measures text by inserting a styled `<span>` into the page and
//! reading its size, which forces a layout of the whole page for every tick label (most of
//! the cost of a redraw) and sets an inline `style` attribute that a strict CSP forbids. SVG
//! text is laid out by the browser anyway (anchors, not measured positions), so an estimate is
//! enough to reserve label space: the same rule plotters uses natively.

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// `SVGBackend` whose `estimate_text_size` needs no DOM.
pub struct SvgBackend<'a>(pub SVGBackend<'a>);

impl<'a> SvgBackend<'a> {
    /// An SVG document of `size` CSS pixels written into `buf`.
    pub fn with_string(buf: &'a mut String, size: (u32, u32)) -> Self {
        SvgBackend(SVGBackend::with_string(buf, size))
    }
}

type Res<E> = Result<(), DrawingErrorKind<E>>;
type SvgErr = <SVGBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = SvgErr;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Res<SvgErr> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Res<SvgErr> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res<SvgErr> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res<SvgErr> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res<SvgErr> {
        self.0.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res<SvgErr> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res<SvgErr> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res<SvgErr> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Res<SvgErr> {
        self.0.draw_text(text, style, pos)
    }

    /// # Formula
    /// Width [`super::layout::text_width`] (DejaVu Sans's advances, generous), height `size`.
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<SvgErr>> {
        let size = style.size().max(1.0);
        Ok((
            super::layout::text_width(text, size) as u32,
            size.ceil() as u32,
        ))
    }
}
