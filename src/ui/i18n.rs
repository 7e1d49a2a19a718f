//! German and English. Texts sit side by side in the code (`tr(lang, en, de)`), so a
//! reviewer sees both at once; numbers follow the language (decimal comma in German).
//!
//! A dedicated i18n crate (leptos_i18n, fluent) was weighed: both add a build step or a
//! runtime and a dependency pinned to Leptos' version, for ~150 short strings in two
//! languages; pairs in code are smaller and cannot drift apart.

use leptos::prelude::*;

pub use crate::text::Lang;

impl Lang {
    /// From `?lang=`, else the browser's preferred language, else English.
    pub fn detect(page_keys: &[(String, String)]) -> Lang {
        let from_url = page_keys
            .iter()
            .rev()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.to_ascii_lowercase());
        let tag = from_url.or_else(|| {
            web_sys::window()
                .and_then(|w| w.navigator().language())
                .map(|l| l.to_ascii_lowercase())
        });
        match tag.as_deref() {
            Some(t) if t.starts_with("de") => Lang::De,
            _ => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// The language, provided to every component.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

/// Picks the text for the language.
pub fn tr(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// A figure in reading form for the language (three significant figures, SI prefixes from a
/// thousand up, decimal comma in German).
pub fn num(lang: Lang, x: f64) -> String {
    crate::charts::localize(&crate::charts::human(x), lang == Lang::De)
}

/// A value as a reader writes it: below a thousand as [`num`] (three significant figures),
/// from a thousand up written out with thousands separators (1,200 rather than 1.2 k).
pub fn plain(lang: Lang, x: f64) -> String {
    if x.abs() >= 1000.0 {
        count(lang, x)
    } else {
        num(lang, x)
    }
}

/// A large count written out with thousands separators (1,234,567 / 1.234.567).
pub fn count(lang: Lang, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let n = x.round().abs() as u64;
    let digits = n.to_string();
    let sep = if lang == Lang::De { '.' } else { ',' };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if x < 0.0 { format!("−{out}") } else { out }
}
