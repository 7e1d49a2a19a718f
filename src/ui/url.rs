//! The address bar: read the query at start, write it back (replaceState) when the scenario
//! changes.

use crate::model::Scenario;
use crate::scenario::{to_query, to_query_compare};
use leptos::prelude::*;

/// The page's current query string (without `?`), empty if unavailable.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// Keeps the address bar equal to the scenario: `history.replaceState` only when the text
/// differs, so moving a slider adds no history entries. Page keys (`lang`, `embed`, …) are
/// kept as they are. While two scenarios are compared, the link carries the pinned A and B's
/// differences from it (`b.` keys).
pub fn sync_to_address_bar(
    scenario: RwSignal<Scenario>,
    pinned: RwSignal<Option<Scenario>>,
    lang: RwSignal<super::i18n::Lang>,
) {
    let initial = lang.get_untracked();
    let link_had_lang = current_query().split('&').any(|kv| kv.starts_with("lang="));
    Effect::new(move |_| {
        let q = pinned.with(|a| match a {
            Some(a) => scenario.with(|b| to_query_compare(a, b)),
            None => scenario.with(to_query),
        });
        let l = lang.get();
        let current = current_query();
        let page: Vec<&str> = current
            .split('&')
            .filter(|kv| {
                let k = kv.split('=').next().unwrap_or("");
                k != "lang" && crate::scenario::PAGE_KEYS.contains(&k)
            })
            .collect();
        let mut full = q;
        // The language goes into the link if the link had it or the reader changed it.
        if link_had_lang || l != initial {
            full.push_str("&lang=");
            full.push_str(l.code());
        }
        for kv in page {
            full.push('&');
            full.push_str(kv);
        }
        if full != current {
            schedule_replace(full);
        }
    });
}

thread_local! {
    /// The address waiting to be written, and whether a write is scheduled.
    static PENDING: std::cell::RefCell<(Option<String>, bool)> =
        const { std::cell::RefCell::new((None, false)) };
}

/// Writes the address at most every 200 ms, at an idle moment (within 300 ms more; the last
/// value wins):
/// `history.replaceState` is a round trip to the browser process that costs milliseconds,
/// too slow for every step of a slider, and it must not land inside an update.
fn schedule_replace(query: String) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let already = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.0 = Some(query);
        std::mem::replace(&mut p.1, true)
    });
    if already {
        return;
    }
    let write = Closure::once_into_js(|| {
        let q = PENDING.with(|p| {
            let mut p = p.borrow_mut();
            p.1 = false;
            p.0.take()
        });
        if let (Some(q), Some(w)) = (q, web_sys::window())
            && let Ok(h) = w.history()
        {
            let _ =
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{q}")));
        }
    });
    let idle = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window()
            && w.request_idle_callback_with_options(write.unchecked_ref(), &{
                // Written within 300 ms even on a page that never idles.
                let o = web_sys::IdleRequestOptions::new();
                o.set_timeout(300);
                o
            })
            .is_err()
        {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(write.unchecked_ref(), 0);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(idle.unchecked_ref(), 200);
    }
}
