//! German and English. Texts sit side by side in the code (`tr(lang, en, de)`), so a
//! reviewer sees both at once; numbers follow the language (decimal comma in German).
//!
//! A dedicated i18n crate (leptos_i18n, fluent) was weighed: both add a build step or a
//! runtime and a dependency pinned to Leptos' version, for ~150 short strings in two
//! languages; pairs in code are smaller and cannot drift apart.

use leptos::prelude::*;

pub use crate::words::{Lang, count, num, plain, tr};

impl Lang {
    /// From `?lang=`, else the page's own language where it is German (the German copy of
    /// the page, `de/`, says `<html lang="de">`), else the browser's preferred language, else
    /// English.
    pub fn detect(page_keys: &[(String, String)]) -> Lang {
        let from_url = page_keys
            .iter()
            .rev()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.to_ascii_lowercase());
        let document = web_sys::window().and_then(|w| w.document());
        let page_de = document
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .filter(|l| l.starts_with("de"));
        let tag = from_url.or(page_de).or_else(|| {
            web_sys::window()
                .and_then(|w| w.navigator().language())
                .map(|l| l.to_ascii_lowercase())
        });
        match tag.as_deref() {
            Some(t) if t.starts_with("de") => Lang::De,
            _ => Lang::En,
        }
    }
}

/// The language, provided to every component.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);
