//! Mounting: the app takes over the page the build left (its drawings moved, not redrawn),
//! and the one-line notice a panic leaves.

use super::App;
use leptos::prelude::*;

/// Mounts the app and removes the page the build left (`<div id="pre">`: the default view,
/// readable before the wasm arrived), in the same task, so no frame shows both or neither;
/// the charts start from its drawings (see `chart::Frame`). Measured as `fabrik:mount`.
///
/// Where that page is showing, the app waits until the browser has recorded its first large
/// paint (`boot.js` sets `html[data-painted]` and sends `fabrik:painted`), or 1 s in a tab
/// that paints nothing: Chromium forgets a paint candidate whose element is removed before
/// the frame is presented, and the reader's first large text would then count as painted
/// only by the app, after the wasm.
pub fn start() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static MOUNTED: AtomicBool = AtomicBool::new(false);
    fn mount() {
        if MOUNTED.swap(true, Ordering::Relaxed) {
            return;
        }
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("fabrik:mount:start");
        }
        leptos::mount::mount_to_body(App);
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(pre) = document.as_ref().and_then(|d| d.get_element_by_id("pre")) {
            take_drawings(&pre);
            pre.remove();
        }
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("fabrik:mount", "fabrik:mount:start");
        }
    }
    let built = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("pre"))
        .is_some();
    let painted = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-painted"));
    if built && !painted {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let cb = Closure::<dyn FnMut()>::new(mount);
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("fabrik:painted", cb.as_ref().unchecked_ref());
        }
        cb.forget();
        set_timeout(mount, std::time::Duration::from_millis(1000));
    } else {
        mount();
    }
}

/// Moves each chart's drawing from the page built with the site into the app's chart of the
/// same name (the nodes themselves: nothing is serialised or parsed again), so taking over
/// changes no height; the app redraws a chart for the reader's scenario, width, language and
/// colours when it comes near the screen.
fn take_drawings(pre: &web_sys::Element) {
    let Ok(plots) = pre.query_selector_all("[data-chart] .plot") else {
        return;
    };
    let Some(document) = pre.owner_document() else {
        return;
    };
    for i in 0..plots.length() {
        use wasm_bindgen::JsCast;
        let Some(plot) = plots
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(name) = plot
            .parent_element()
            .and_then(|f| f.get_attribute("data-chart"))
        else {
            continue;
        };
        let target = document
            .query_selector(&format!("body > :not(#pre) [data-chart=\"{name}\"] .plot"))
            .ok()
            .flatten();
        if let (Some(target), Some(svg)) = (target, plot.first_element_child())
            && target.child_element_count() == 0
        {
            let _ = target.append_child(&svg);
        }
    }
}

/// Tells the reader, in one line in the page's language (`<html lang>`), that fabrik stopped,
/// with a link to reload with the default scenario. Plain DOM calls: after a panic the
/// reactive system cannot be trusted.
pub fn show_panic_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.query_selector("[data-fault]").ok().flatten().is_some() {
        return;
    }
    let de = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("de"));
    let (text, link) = if de {
        (
            "In fabrik ist ein Fehler aufgetreten; die Seite reagiert nicht mehr. ",
            "Mit dem Standardszenario neu laden",
        )
    } else {
        (
            "Something went wrong inside fabrik and the page stopped responding. ",
            "Reload with the default scenario",
        )
    };
    let (Ok(p), Ok(a), Some(body)) = (doc.create_element("p"), doc.create_element("a"), doc.body())
    else {
        return;
    };
    let _ = p.set_attribute("class", "fault");
    let _ = p.set_attribute("role", "alert");
    let _ = p.set_attribute("data-fault", "panic");
    p.set_text_content(Some(text));
    // The page's own path without the query: the default scenario, in the same language.
    let _ = a.set_attribute("href", if de { "?lang=de" } else { "?lang=en" });
    a.set_text_content(Some(link));
    let _ = p.append_child(&a);
    let _ = body.prepend_with_node_1(&p);
}
