//! Notices: what the model or the link reader ignored, fell back from or changed, in English
//! and German. Serialised (JSON, CLI) as the English text.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// One notice in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub en: String,
    pub de: String,
}

impl Notice {
    pub fn new(en: String, de: String) -> Notice {
        Notice { en, de }
    }

    /// The text in German (`true`) or English.
    pub fn text(&self, german: bool) -> &str {
        if german { &self.de } else { &self.en }
    }
}

impl Deref for Notice {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl Borrow<str> for Notice {
    fn borrow(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl Serialize for Notice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}
