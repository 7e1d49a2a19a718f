//! Writes the page's default view as static HTML, at build time, from the current model: what
//! a reader sees before the wasm arrives, and all a reader without JavaScript (or a search
//! engine, a reader mode, a link preview) ever sees.
//!
//! ```text
//! fabrik-prerender [DIR]      (default target/prerender)
//! ```
//!
//! Writes into DIR, for each language (`en`, `de`):
//! - `body.<lang>.html`: `<div id="pre">…</div>`, the page's DOM as the app builds it for
//!   the default scenario (same elements, classes and words: `fabrik::words`), with every
//!   chart drawn as the SVG the app draws (at the desktop width; a phone scales it);
//! - `head.<lang>.html`: share tags (Open Graph, Twitter card), and canonical and language
//!   links when the site's address is known (`FABRIK_SITE_URL`, e.g.
//!   `https://example.org/fabrik/`; without it nothing absolute is written, so the build
//!   still works under any path);
//! - `meta.<lang>.txt`: the page's title and description, one per line;
//!
//! - `og.<lang>.png`: the headline chart (J per token by generation) at 1200 × 630 for link
//!   previews, in the page's language: its question, NVIDIA's line of data-centre GPUs
//!   2016 → 2026 serving the model NVIDIA's energy claim is about, with the claim marked,
//!   rasterised from the app's SVG drawing (resvg, system fonts).
//!
//! Trunk runs it before every build (`Trunk.toml`, `pre_build` hook); `.ci/prerender.mjs`
//! puts its output into `dist/index.html` and `dist/de/index.html`. No inline script or
//! style is written: the page's Content-Security-Policy stays strict.

use fabrik::charts::{Look, push_escaped};
use fabrik::data::catalogue;
use fabrik::model::params::PARAMS;
use fabrik::model::step::Physics;
use fabrik::model::{Precision, Scenario, economics, physics_key, series, serve};
use fabrik::words::{self, Lang, plain, tr};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Width the charts are drawn at: the app's width on any window from 800 px up.
const CHART_WIDTH: u32 = 760;
/// The link-preview image's size (Open Graph's recommended 1.91 : 1).
const OG_SIZE: (u32, u32) = (1200, 630);
/// The preview's drawing is this many times smaller than the image (857 × 450 px), so its text
/// is as large as a preview needs and every row still fits.
#[cfg(not(target_arch = "wasm32"))]
const OG_SCALE: f64 = 1.4;

/// `text` as HTML character data or a double-quoted attribute value.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out.replace('"', "&quot;")
}

/// A chart's SVG for the built page, marked `class="pre"` (the dark theme recolours it until
/// the app redraws it) and without what only the app needs: the hover targets with exact
/// values (the app adds them back when it redraws the chart) and `opacity="1"`, which is
/// the default. 4.6 KB less gzipped over the nine charts.
fn lean(svg: &str) -> String {
    let mut out = svg.replacen("<svg ", "<svg class=\"pre\" ", 1);
    if let (Some(a), Some(b)) = (out.find("<g class=\"hotspots\">"), out.rfind("</g></svg>"))
        && a < b
    {
        out.replace_range(a..b + "</g>".len(), "");
    }
    out.replace(" opacity=\"1\"", "")
}

/// The page's body for language `l`: header, claim cards, the eight sections with the
/// controls between the first two, the footer; inside `<div id="pre">`, which the app removes
/// when it takes over.
fn body(l: Lang) -> String {
    let s = Scenario::default();
    let physics = Physics::from_catalogue();
    let sv = serve(&physics_key(&s), &physics);
    let o = economics(&s, &sv);
    let c = catalogue();
    let look = Look {
        theme: fabrik::charts::Theme::LIGHT,
        decimal_comma: l == Lang::De,
    };
    let charts = words::charts::all(l, &s, &sv, &o, None, &look, CHART_WIDTH);
    let mut h = String::new();
    h.push_str("<div id=\"pre\">");
    let _ = write!(
        h,
        "<noscript><p class=\"fault\" data-noscript>{}</p></noscript>",
        esc(words::no_script(l))
    );
    // Header.
    let pressed = |x: Lang| (x == l).to_string();
    let _ = write!(
        h,
        "<header class=\"masthead\"><div class=\"bar\"><h1>fabrik</h1><div class=\"lang\" role=\"group\" aria-label=\"Language / Sprache\"><button type=\"button\" data-lang=\"en\" aria-pressed=\"{}\">EN</button><button type=\"button\" data-lang=\"de\" aria-pressed=\"{}\">DE</button></div></div><p class=\"lede\">{}</p></header>",
        pressed(Lang::En),
        pressed(Lang::De),
        esc(words::lede(l))
    );
    // Claim cards.
    let figures = words::claims::figures(&s, &o);
    let _ = write!(
        h,
        "<section class=\"claims-top\" aria-label=\"{}\"><div class=\"claim-cards\">",
        esc(words::claims_label(l))
    );
    for ((name, href), (claim, answer)) in words::claims::CARDS
        .iter()
        .zip(words::claims::cards(l, &figures))
    {
        let _ = write!(
            h,
            "<a class=\"claim-card\" data-claim-card=\"{name}\" href=\"{href}\"><span class=\"claim\">{}</span><span class=\"answer\">{}</span></a>",
            esc(&claim),
            esc(&answer)
        );
    }
    h.push_str("</div></section><main>");
    let chart = |h: &mut String, name: &str| {
        let Some(d) = charts.iter().find(|d| d.name == name) else {
            return;
        };
        let [tools, embed, data] = words::charts::frame_words(l);
        let _ = write!(
            h,
            "<figure class=\"chart\" data-chart=\"{}\" data-drawn=\"false\"><figcaption><h3 class=\"chart-title\">{}</h3><p class=\"takeaway\">{}</p></figcaption><div class=\"plot\" role=\"img\" aria-label=\"{}\">{}</div><div class=\"tools\" role=\"group\" aria-label=\"{}\"><button type=\"button\" data-export=\"svg\">SVG</button><button type=\"button\" data-export=\"png\">PNG</button><button type=\"button\" data-export=\"csv\">CSV</button><button type=\"button\" data-export=\"embed\" aria-expanded=\"false\">{}</button></div><details class=\"data\"><summary>{}</summary></details></figure>",
            d.name,
            esc(&d.title),
            esc(&d.takeaway),
            esc(&d.summary),
            lean(&d.svg),
            esc(tools),
            esc(embed),
            esc(data)
        );
    };
    for sec in words::sections() {
        let (title, lead) = match l {
            Lang::En => (sec.title.0, sec.lead.0),
            Lang::De => (sec.title.1, sec.lead.1),
        };
        let _ = write!(
            h,
            "<section id=\"{id}\" aria-labelledby=\"h-{id}\"><h2 id=\"h-{id}\">{}</h2><p class=\"lead\">{}</p>",
            esc(title),
            esc(lead),
            id = sec.id
        );
        match sec.id {
            "tokens" => {
                headline(&mut h, l, &o);
                let _ = write!(
                    h,
                    "<p class=\"serving-setup\" data-figure=\"serving-setup\">{}</p>",
                    esc(&words::serving_setup(l, &o))
                );
                let _ = write!(
                    h,
                    "<p class=\"carbon-line\" data-figure=\"carbon-line\">{}</p><div class=\"compare-bar\" data-comparing=\"false\"><button type=\"button\" class=\"preset\" data-compare=\"pin\">{}</button></div>",
                    esc(&words::carbon::carbon_line(l, &o)),
                    esc(words::carbon::compare_words(l).pin)
                );
                if !o.warnings.is_empty() {
                    h.push_str("<ul class=\"warnings\" role=\"status\">");
                    for w in &o.warnings {
                        let _ = write!(h, "<li>{}</li>", esc(&w.text(l)));
                    }
                    h.push_str("</ul>");
                }
            }
            "history" => {
                chart(&mut h, "energy-by-generation");
                chart(&mut h, "claim-waterfall");
            }
            "floor" => {
                chart(&mut h, "frontier");
                let fronts = series::frontiers_for(&series::FrontiersKey::of(&s));
                let _ = write!(
                    h,
                    "<p class=\"claim-check\" data-claim=\"iso-power\">{}</p>",
                    esc(&words::charts::iso_sentence(
                        l,
                        &fronts,
                        o.serving.tokens_per_s_per_user
                    ))
                );
                let chip = catalogue().gpu(o.gpu).map_or(o.gpu, |g| g.short.as_str());
                let _ = write!(
                    h,
                    "<p class=\"claim-check\" data-claim=\"measured\">{}</p>",
                    esc(&words::charts::measured_sentence(
                        l,
                        &words::charts::measured_marks(l, &s, &o),
                        chip,
                        o.serving.tokens_per_s_per_user
                    ))
                );
            }
            "cost" => {
                chart(&mut h, "cost-breakdown");
                chart(&mut h, "cost-sensitivity");
            }
            "scale" => {
                h.push_str("<dl class=\"figures small\">");
                for (k, label, v) in words::scale_figures(l, &o) {
                    let _ = write!(
                        h,
                        "<div class=\"figure\" data-figure=\"{k}\"><dt>{}</dt><dd><span class=\"value\">{}</span></dd></div>",
                        esc(label),
                        esc(&v)
                    );
                }
                h.push_str("</dl>");
                chart(&mut h, "scale");
                sites(&mut h, l);
            }
            "export" => chart(&mut h, "export-chips"),
            "joules" => chart(&mut h, "power-split"),
            "trust" => {
                chart(&mut h, "calibration");
                measured(&mut h, l);
                let _ = write!(
                    h,
                    "<p class=\"sources\">{}<a href=\"data/hardware.json\">hardware.json</a>, <a href=\"data/engines.json\">engines.json</a>, <a href=\"data/models.json\">models.json</a>, <a href=\"data/constants.json\">constants.json</a>, <a href=\"data/presets.json\">presets.json</a>, <a href=\"data/calibration.json\">calibration.json</a></p>",
                    esc(words::sources_for_every_value(l))
                );
            }
            _ => {}
        }
        h.push_str("</section>");
        if sec.id == "tokens" {
            controls(&mut h, l, &s);
        }
    }
    let version = c.model_version();
    let [before, changed, after, privacy] = words::footer(l);
    let _ = write!(
        h,
        "</main><footer class=\"footer\"><p data-model-version=\"{v}\">{}{v}. <a href=\"data/changelog.json\">{}</a>{}</p><p>{}</p></footer></div>",
        esc(before),
        esc(changed),
        esc(after),
        esc(privacy),
        v = esc(version)
    );
    h
}

/// Section 1's figures, each with its formula (closed).
fn headline(h: &mut String, l: Lang, o: &fabrik::model::Outcome) {
    h.push_str("<dl class=\"figures\">");
    for f in words::HEADLINE.iter().chain(&words::carbon::CARBON) {
        let (label, unit, formula) = match l {
            Lang::En => (f.label.0, f.unit.0, f.explain.formula_en),
            Lang::De => (f.label.1, f.unit.1, f.explain.formula_de),
        };
        let _ = write!(
            h,
            "<div class=\"figure\" data-figure=\"{}\"><dt>{}</dt><dd><span class=\"value\">{}</span> <span class=\"unit\">{}</span><details class=\"explain\"><summary>{}</summary><p class=\"formula\">{}</p><p class=\"sources\">{}<code>{}</code></p></details></dd></div>",
            f.name,
            esc(label),
            esc(&f.text(l, o)),
            esc(unit),
            esc(words::how_computed(l)),
            esc(formula),
            esc(words::code_and_data(l)),
            esc(f.explain.sources)
        );
    }
    h.push_str("</dl>");
}

/// The controls as the app lays them out, set to scenario `s` (they need the app to move).
fn controls(h: &mut String, l: Lang, s: &Scenario) {
    let c = catalogue();
    let de = l == Lang::De;
    let (presets_label, reset_all) = words::presets_words(l);
    let _ = write!(
        h,
        "<section id=\"controls\" class=\"controls-section\" aria-labelledby=\"h-controls\"><h2 id=\"h-controls\">{}</h2><div class=\"presets\" role=\"group\" aria-label=\"{}\">",
        esc(words::controls_title(l)),
        esc(presets_label)
    );
    // Without their hover text (the app adds it): it shows only on a button that needs the app.
    for p in &c.presets {
        let title = if de { &p.title_de } else { &p.title_en };
        let _ = write!(
            h,
            "<button type=\"button\" class=\"preset\" data-preset=\"{}\">{}</button>",
            esc(&p.id),
            esc(title)
        );
    }
    let _ = write!(
        h,
        "<button type=\"button\" class=\"preset reset-all\" data-preset=\"default\">{}</button></div><div class=\"controls\">",
        esc(reset_all)
    );
    let [timeline, chip, model, precision] = words::control_labels(l);
    let pos = words::TIMELINE
        .iter()
        .position(|g| *g == s.gpu)
        .unwrap_or(3);
    let generation = c
        .gpu(&s.gpu)
        .map(|g| format!("{} ({})", g.short, g.year))
        .unwrap_or_default();
    let (first, last) = words::carbon::decade();
    let _ = write!(
        h,
        "<div class=\"control timeline\" data-control=\"timeline\"><label for=\"ctl-timeline\">{}: <output for=\"ctl-timeline\">{}</output></label><input type=\"range\" id=\"ctl-timeline\" min=\"0\" max=\"{}\" step=\"1\" value=\"{pos}\"><button type=\"button\" class=\"play\" data-play=\"play\" aria-pressed=\"false\"><span aria-hidden=\"true\">▶ </span>{}</button></div>",
        esc(timeline),
        esc(&generation),
        words::TIMELINE.len() - 1,
        esc(&words::carbon::play_words(l, first, last).0)
    );
    let select = |h: &mut String,
                  key: &str,
                  label: &str,
                  options: Vec<(String, String)>,
                  current: &str| {
        let _ = write!(
            h,
            "<div class=\"control\" data-control=\"{key}\"><label for=\"ctl-{key}\">{}</label><select id=\"ctl-{key}\">",
            esc(label)
        );
        // Only the chosen option: the picker's size does not depend on the others, and
        // without the app it cannot change (the app builds the full list).
        for (value, text) in options.into_iter().filter(|(v, _)| v == current) {
            let _ = write!(
                h,
                "<option value=\"{}\" selected>{}</option>",
                esc(&value),
                esc(&text)
            );
        }
        h.push_str("</select></div>");
    };
    select(
        h,
        "gpu",
        chip,
        c.gpus
            .iter()
            .map(|g| {
                (
                    g.id.clone(),
                    format!("{} ({}, {})", g.name, g.vendor, g.year),
                )
            })
            .collect(),
        &s.gpu,
    );
    select(
        h,
        "model",
        model,
        c.models
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        &s.model,
    );
    select(
        h,
        "precision",
        precision,
        c.gpu(&s.gpu)
            .map(Precision::supported)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.as_str().to_string(), p.as_str().to_ascii_uppercase()))
            .collect(),
        s.precision.as_str(),
    );
    let (engine, best) = words::engine_words(l);
    let engines = std::iter::once((fabrik::model::BEST_ENGINE.to_string(), best.to_string()))
        .chain(c.engines.iter().map(|e| (e.id.clone(), e.name.clone())))
        .collect();
    select(h, "engine", engine, engines, &s.engine);
    let grid_now = if s.grid_g_per_kwh.is_some() {
        "custom"
    } else {
        s.grid.as_str()
    };
    select(
        h,
        "grid-name",
        words::carbon::grid_label(l),
        c.grids
            .iter()
            .map(|g| (g.id.clone(), words::carbon::grid_option(l, g)))
            .chain(std::iter::once((
                "custom".to_string(),
                words::carbon::custom_grid(l).to_string(),
            )))
            .collect(),
        grid_now,
    );
    for spec in PARAMS.iter().filter(|p| p.panel) {
        let (label, unit) = if de {
            (spec.label.1, spec.unit.1)
        } else {
            (spec.label.0, spec.unit.0)
        };
        let v = spec.value(s);
        let shown = plain(l, v);
        let _ = write!(
            h,
            "<div class=\"control\" data-control=\"{key}\"><label for=\"ctl-{key}\">{}: <output for=\"ctl-{key}\">{}</output> {}</label><input type=\"range\" id=\"ctl-{key}\" min=\"0\" max=\"1000\" step=\"1\" value=\"{}\" aria-valuetext=\"{}\"><button type=\"button\" class=\"reset\" aria-label=\"{}\">↺</button></div>",
            esc(label),
            esc(&shown),
            esc(unit),
            spec.to_slider(v),
            esc(format!("{shown} {unit}").trim_end()),
            esc(&format!("{} {label}", words::reset_word(l))),
            key = spec.key
        );
    }
    let _ = write!(
        h,
        "</div><button type=\"button\" class=\"preset\" data-export=\"scenario-json\">{}</button></section>",
        esc(words::scenario_json(l))
    );
}

/// The table of reported campuses (section 5).
fn sites(h: &mut String, l: Lang) {
    let (title, lead, headers, sources) = words::sites::words(l);
    let _ = write!(
        h,
        "<div class=\"sites\" data-table=\"sites\"><h3>{}</h3><p class=\"lead\">{}</p><div class=\"table-scroll\"><table><thead><tr>",
        esc(title),
        esc(lead)
    );
    for c in headers {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c));
    }
    let _ = write!(
        h,
        "</tr></thead><tbody>{}</tbody></table></div><p class=\"sources\">{}<a href=\"data/sites.json\">sites.json</a></p></div>",
        words::sites::rows_html(l, &fabrik::model::site::checks()),
        esc(sources)
    );
}

/// The table of InferenceMAX's measured serving beside the model, per family (section 8).
fn measured(h: &mut String, l: Lang) {
    let (title, lead, headers, sources) = words::measured::words(l);
    let _ = write!(
        h,
        "<div class=\"sites\" data-table=\"inferencemax\"><h3>{}</h3><p class=\"lead\">{}</p><div class=\"table-scroll\"><table><thead><tr>",
        esc(title),
        esc(&lead)
    );
    for c in headers {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c));
    }
    let _ = write!(
        h,
        "</tr></thead><tbody>{}</tbody></table></div><p class=\"sources\">{}<a href=\"data/inferencemax.csv\">inferencemax.csv</a> · <a href=\"https://github.com/InferenceMAX/InferenceMAX\" rel=\"external noopener\">InferenceMAX</a></p></div>",
        words::measured::rows_html(l),
        esc(sources)
    );
}

/// Share tags: Open Graph and Twitter card with the page's title and description and the
/// preview image; canonical and language links only with the site's address (`site`, ending
/// in `/`), since a relative canonical link is invalid.
fn head(l: Lang, site: Option<&str>) -> String {
    let (title, description) = (words::title(l), words::description(l));
    // Each page's preview in its language, beside it: `og.png` and `de/og.png`.
    let here = match l {
        Lang::En => "",
        Lang::De => "de/",
    };
    let image = match site {
        Some(base) => format!("{base}{here}og.png"),
        None => "og.png".into(),
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<meta property=\"og:type\" content=\"website\"><meta property=\"og:site_name\" content=\"fabrik\"><meta property=\"og:locale\" content=\"{}\"><meta property=\"og:title\" content=\"{}\"><meta property=\"og:description\" content=\"{}\"><meta property=\"og:image\" content=\"{}\"><meta property=\"og:image:width\" content=\"{}\"><meta property=\"og:image:height\" content=\"{}\"><meta property=\"og:image:alt\" content=\"{}\"><meta name=\"twitter:card\" content=\"summary_large_image\"><meta name=\"twitter:title\" content=\"{}\"><meta name=\"twitter:description\" content=\"{}\"><meta name=\"twitter:image\" content=\"{}\">",
        tr(l, "en_US", "de_DE"),
        esc(title),
        esc(description),
        esc(&image),
        OG_SIZE.0,
        OG_SIZE.1,
        esc(&og_alt(l)),
        esc(title),
        esc(description),
        esc(&image)
    );
    if let Some(base) = site {
        let _ = write!(
            h,
            "<link rel=\"canonical\" href=\"{base}{here}\"><meta property=\"og:url\" content=\"{base}{here}\"><link rel=\"alternate\" hreflang=\"en\" href=\"{base}\"><link rel=\"alternate\" hreflang=\"de\" href=\"{base}de/\"><link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}\">"
        );
    }
    h
}

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
fn og_alt(l: Lang) -> String {
    let (title, what) = words::charts::preview_words(l, &preview_points());
    format!("{title} {what}")
}

/// The rasteriser's settings: the machine's fonts, loaded once for both languages. (resvg is
/// a native dependency only: `cargo clippy --target wasm32-unknown-unknown --all-targets`
/// still compiles this file.)
#[cfg(target_arch = "wasm32")]
struct Raster;

#[cfg(not(target_arch = "wasm32"))]
type Raster = resvg::usvg::Options<'static>;

#[cfg(target_arch = "wasm32")]
fn raster() -> Raster {
    Raster
}

/// The machine's fonts, with `sans-serif` (what the SVG asks for) set to the first of these
/// the machine has (Liberation Sans has Arial's metrics, which the chart's text estimate
/// assumes).
#[cfg(not(target_arch = "wasm32"))]
fn raster() -> Raster {
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
fn og_png(_: Lang, _: &Raster) -> Result<Vec<u8>, String> {
    Err("fabrik-prerender runs natively".into())
}

/// The headline chart at the preview's size, as PNG, in language `l`: drawn at [`OG_SCALE`]
/// times less than the image and rasterised at that scale, so its text reads in a preview.
#[cfg(not(target_arch = "wasm32"))]
fn og_png(l: Lang, opt: &Raster) -> Result<Vec<u8>, String> {
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

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    // Unchanged files are left alone (no rebuild for `trunk serve`'s watcher to notice).
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return;
    }
    if let Err(e) = std::fs::write(&path, bytes) {
        eprintln!("fabrik-prerender: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

fn main() {
    let dir: PathBuf = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/prerender".into())
        .into();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("fabrik-prerender: cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let site = std::env::var("FABRIK_SITE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    let raster = raster();
    for l in [Lang::En, Lang::De] {
        let code = l.code();
        write(&dir, &format!("body.{code}.html"), body(l).as_bytes());
        write(
            &dir,
            &format!("head.{code}.html"),
            head(l, site.as_deref()).as_bytes(),
        );
        let meta = format!("{}\n{}\n", words::title(l), words::description(l));
        write(&dir, &format!("meta.{code}.txt"), meta.as_bytes());
        match og_png(l, &raster) {
            Ok(png) => write(&dir, &format!("og.{code}.png"), &png),
            Err(e) => {
                eprintln!("fabrik-prerender: the preview image could not be drawn: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "fabrik-prerender: default view and preview image (en, de) written to {}",
        dir.display()
    );
}
