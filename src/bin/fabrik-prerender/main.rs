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

mod controls;
mod preview;

use controls::controls;
use preview::{og_alt, og_png, raster};

/// Width the charts are drawn at: the app's width on any window from 800 px up.
const CHART_WIDTH: u32 = 760;
/// The link-preview image's size (Open Graph's recommended 1.91 : 1).
const OG_SIZE: (u32, u32) = (1200, 630);

/// `text` as HTML character data or a double-quoted attribute value.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out.replace('"', "&quot;")
}

/// A chart's SVG for the built page, marked `class="pre"` (the dark theme recolours it until
/// the app redraws it) and without what only the app needs: the hover targets with exact
/// values (the app adds them while a pointer is over the chart) and `opacity="1"`, which is
/// the default. 4.6 KB less gzipped over the nine charts.
fn lean(svg: &str) -> String {
    fabrik::charts::without_hotspots(svg)
        .replacen("<svg ", "<svg class=\"pre\" ", 1)
        .replace(" opacity=\"1\"", "")
}

/// The page's body for language `l`: header, claim cards, the eight sections with the
/// controls between the first two, the footer; inside `<div id="pre">`, which the app removes
/// when it takes over.
fn body(l: Lang) -> String {
    let s = Scenario::default();
    let physics = Physics::from_catalogue();
    let sv = serve(&physics_key(&s), &physics);
    let o = economics(&s, &sv);
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
    masthead(&mut h, l);
    claim_cards(&mut h, l, &s, &o);
    h.push_str("<main>");
    let page = Page {
        l,
        s: &s,
        o: &o,
        charts: &charts,
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
        page.section(&mut h, sec.id);
        h.push_str("</section>");
        if sec.id == "tokens" {
            controls(&mut h, l, &s);
        }
    }
    footer(&mut h, l);
    h
}

/// The header: the name, the language buttons, the lede.
fn masthead(h: &mut String, l: Lang) {
    let pressed = |x: Lang| (x == l).to_string();
    let _ = write!(
        h,
        "<header class=\"masthead\"><div class=\"bar\"><h1>fabrik</h1><div class=\"lang\" role=\"group\" aria-label=\"Language / Sprache\"><button type=\"button\" data-lang=\"en\" aria-pressed=\"{}\">EN</button><button type=\"button\" data-lang=\"de\" aria-pressed=\"{}\">DE</button></div></div><p class=\"lede\">{}</p></header>",
        pressed(Lang::En),
        pressed(Lang::De),
        esc(words::lede(l))
    );
}

/// The claim cards above the sections: each claim and the model's answer, linking to where
/// the page checks it.
fn claim_cards(h: &mut String, l: Lang, s: &Scenario, o: &fabrik::model::Outcome) {
    let figures = words::claims::figures(s, o);
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
    h.push_str("</div></section>");
}

/// The footer: the model's version, its changelog and the privacy sentence; closes `<main>`
/// and the built page's `<div>`.
fn footer(h: &mut String, l: Lang) {
    let version = catalogue().model_version();
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
}

/// What the sections draw from: the language, the default scenario, its outcome and its
/// charts.
struct Page<'a> {
    l: Lang,
    s: &'a Scenario,
    o: &'a fabrik::model::Outcome,
    charts: &'a [words::charts::Drawn],
}

impl Page<'_> {
    /// A section's content under its title and lead.
    fn section(&self, h: &mut String, id: &str) {
        match id {
            "tokens" => self.tokens(h),
            "history" => {
                self.chart(h, "energy-by-generation");
                self.chart(h, "claim-waterfall");
            }
            "floor" => self.floor(h),
            "cost" => {
                self.chart(h, "cost-breakdown");
                self.chart(h, "cost-sensitivity");
            }
            "scale" => self.scale(h),
            "export" => self.chart(h, "export-chips"),
            "joules" => self.chart(h, "power-split"),
            "trust" => self.trust(h),
            _ => {}
        }
    }

    /// A chart as the app frames it (title, takeaway, drawing, tools, data), drawn.
    fn chart(&self, h: &mut String, name: &str) {
        let Some(d) = self.charts.iter().find(|d| d.name == name) else {
            return;
        };
        let [tools, embed, data] = words::charts::frame_words(self.l);
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
    }

    /// Section 1: the headline figures, how the scenario is served, its carbon, the compare
    /// button and the scenario's notices.
    fn tokens(&self, h: &mut String) {
        let (l, o) = (self.l, self.o);
        headline(h, l, o);
        let _ = write!(
            h,
            "<p class=\"serving-setup\" data-figure=\"serving-setup\">{}</p>",
            esc(&words::serving_setup(l, o))
        );
        let _ = write!(
            h,
            "<p class=\"carbon-line\" data-figure=\"carbon-line\">{}</p><div class=\"compare-bar\" data-comparing=\"false\"><button type=\"button\" class=\"preset\" data-compare=\"pin\">{}</button></div>",
            esc(&words::carbon::carbon_line(l, o)),
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

    /// The frontier, the ISO-power check and the measured points' sentence.
    fn floor(&self, h: &mut String) {
        let (l, s, o) = (self.l, self.s, self.o);
        self.chart(h, "frontier");
        let fronts = series::frontiers(s);
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
                &words::charts::measured_marks(l, s, o),
                chip,
                o.serving.tokens_per_s_per_user
            ))
        );
    }

    /// The factory in relatable units, its chart and the reported sites.
    fn scale(&self, h: &mut String) {
        h.push_str("<dl class=\"figures small\">");
        for (k, label, v) in words::scale_figures(self.l, self.o) {
            let _ = write!(
                h,
                "<div class=\"figure\" data-figure=\"{k}\"><dt>{}</dt><dd><span class=\"value\">{}</span></dd></div>",
                esc(label),
                esc(&v)
            );
        }
        h.push_str("</dl>");
        self.chart(h, "scale");
        sites(h, self.l);
    }

    /// The calibration chart, the measured families and the data files' links.
    fn trust(&self, h: &mut String) {
        self.chart(h, "calibration");
        measured(h, self.l);
        let _ = write!(
            h,
            "<p class=\"sources\">{}<a href=\"data/hardware.json\">hardware.json</a>, <a href=\"data/engines.json\">engines.json</a>, <a href=\"data/models.json\">models.json</a>, <a href=\"data/constants.json\">constants.json</a>, <a href=\"data/presets.json\">presets.json</a>, <a href=\"data/calibration.json\">calibration.json</a></p>",
            esc(words::sources_for_every_value(self.l))
        );
    }
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
        "</tr></thead><tbody>{}</tbody></table></div><ol class=\"notes\">{}</ol><p class=\"sources\">{}<a href=\"data/inferencemax.csv\">inferencemax.csv</a> · <a href=\"https://github.com/InferenceMAX/InferenceMAX\" rel=\"external noopener\">InferenceMAX</a></p></div>",
        words::measured::rows_html(l),
        words::measured::notes_html(l),
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
