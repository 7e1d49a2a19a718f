//! The address bar: read the query at start, write it back (replaceState) when the scenario
//! changes.

use crate::model::Scenario;
use crate::scenario::to_query;
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
/// kept as they are.
pub fn sync_to_address_bar(scenario: RwSignal<Scenario>, lang: RwSignal<super::i18n::Lang>) {
    let initial = lang.get_untracked();
    let link_had_lang = current_query().split('&').any(|kv| kv.starts_with("lang="));
    Effect::new(move |_| {
        let q = scenario.with(to_query);
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
        if full != current
            && let Some(w) = web_sys::window()
            && let Ok(h) = w.history()
        {
            let _ = h.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("?{full}")),
            );
        }
    });
}
