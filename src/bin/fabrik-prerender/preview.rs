//! The link-preview image: the headline chart (J per token by generation) at 1200 × 630,
//! rasterised from the app's SVG drawing with the machine's fonts (resvg, native only).

use super::*;

/// The preview's drawing is this many times smaller than the image (857 × 450 px), so its text
/// is as large as a preview needs and every row still fits.
#[cfg(not(target_arch = "wasm32"))]
const OG_SCALE: f64 = 1.4;

/// The generation points the preview image shows: the default scenario serving the model
/// NVIDIA's energy claim is about, so the claim can be marked beside it.
fn preview_points() -> Vec<series::GenerationPoint> {
    let s = Scenario {
        model: fabrik::model::claims::ENERGY_CLAIM_MODEL.into(),
        ..Scenario::default()
    };
    series::generations(&s)
}

/// What the preview image shows, in words: its title and the line under it.
pub(super) fn og_alt(l: Lang) -> String {
    let (title, what) = words::charts::preview_words(l, &preview_points());
    format!("{title} {what}")
}

/// The rasteriser's settings: the machine's fonts, loaded once for both languages. (resvg is
/// a native dependency only: `cargo clippy --target wasm32-unknown-unknown --all-targets`
/// still compiles this file.)
#[cfg(target_arch = "wasm32")]
pub(super) struct Raster;

#[cfg(not(target_arch = "wasm32"))]
pub(super) type Raster = resvg::usvg::Options<'static>;

#[cfg(target_arch = "wasm32")]
pub(super) fn raster() -> Raster {
    Raster
}

/// The machine's fonts, with `sans-serif` (what the SVG asks for) set to the first of these
/// the machine has (Liberation Sans has Arial's metrics, which the chart's text estimate
/// assumes).
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn raster() -> Raster {
    let mut opt = resvg::usvg::Options::default();
    let fonts = opt.fontdb_mut();
    fonts.load_system_fonts();
    let have = |name: &str| {
        fonts
            .faces()
            .any(|f| f.families.iter().any(|(n, _)| n == name))
    };
    if let Some(family) = ["Liberation Sans", "Arial", "DejaVu Sans", "Noto Sans"]
        .into_iter()
        .find(|n| have(n))
    {
        fonts.set_sans_serif_family(family);
    }
    opt
}

#[cfg(target_arch = "wasm32")]
pub(super) fn og_png(_: Lang, _: &Raster) -> Result<Vec<u8>, String> {
    Err("fabrik-prerender runs natively".into())
}

/// The headline chart at the preview's size, as PNG, in language `l`: drawn at [`OG_SCALE`]
/// times less than the image and rasterised at that scale, so its text reads in a preview.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn og_png(l: Lang, opt: &Raster) -> Result<Vec<u8>, String> {
    let size = (
        (f64::from(OG_SIZE.0) / OG_SCALE).round() as u32,
        (f64::from(OG_SIZE.1) / OG_SCALE).round() as u32,
    );
    let look = Look {
        decimal_comma: l == Lang::De,
        ..Look::LIGHT_EN
    };
    let svg = words::charts::preview_svg(l, &preview_points(), &look, size);
    let tree = resvg::usvg::Tree::from_str(&svg, opt).map_err(|e| e.to_string())?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(OG_SIZE.0, OG_SIZE.1).ok_or("no pixmap of that size")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(OG_SCALE as f32, OG_SCALE as f32),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}
