//! Downloads: a chart as SVG, PNG or CSV, the scenario as JSON. Everything is made in the
//! browser (Blob + object URL); nothing is sent anywhere.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A file name part from free text: lowercase letters, digits and dashes only.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// What an export says about where it comes from: the model version and the link that made
/// it (`fabrik, model 2026.11: https://…`).
pub fn provenance() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    format!(
        "fabrik, model {}: {href}",
        crate::data::catalogue().model_version()
    )
}

/// CSV text: the chart's title and takeaway as `# ` comment lines (`notes`, as CSV readers skip
/// them), a header row then data rows, each field quoted when it needs it, and a last comment
/// line `# fabrik, model …: link`.
pub fn csv(notes: &[String], headers: &[String], rows: &[Vec<String>]) -> String {
    let field = |f: &str| {
        if f.contains([',', '"', '\n']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let line = |r: &[String]| r.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    let mut out = String::new();
    for n in notes {
        out.push_str("# ");
        out.push_str(n);
        out.push('\n');
    }
    out.push_str(&line(headers));
    for r in rows {
        out.push('\n');
        out.push_str(&line(r));
    }
    out.push_str("\n# ");
    out.push_str(&provenance());
    out.push('\n');
    out
}

fn blob(content: &str, mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()
}

fn click_download(url: &str, name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
}

/// Offers `content` as a download named `name`.
pub fn download_text(content: &str, mime: &str, name: &str) {
    let Some(b) = blob(content, mime) else { return };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&b) {
        click_download(&url, name);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// Renders the SVG onto a canvas at twice its size and offers it as a PNG.
pub fn download_png(svg: &str, size: (u32, u32), name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(b) = blob(svg, "image/svg+xml") else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&b) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let scale = 2;
        let Ok(canvas) = doc.create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(size.0 * scale);
        canvas.set_height(size.1 * scale);
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        if let Some(ctx) = ctx {
            let _ = ctx.scale(f64::from(scale), f64::from(scale));
            let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
            if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                click_download(&data, &name);
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
