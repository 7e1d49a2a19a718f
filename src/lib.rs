//! fabrik: an interactive explainer of AI-factory economics.
//!
//! - [`model`]: the physics and economics, pure Rust (`Scenario` → `Outcome`);
//! - [`data`]: catalogues with sources, embedded at compile time;
//! - [`scenario`]: the versioned, lenient URL codec, derived from the parameter table
//!   (`model::params`);
//! - [`text`]: the words of the model's notices, English and German, for page and CLI;
//! - [`charts`]: one chart per file, drawing on any plotters backend;
//! - [`words`]: the page's words, for its components and the build-time page;
//! - `ui` (wasm only): Leptos components, no model logic.

pub mod calibration;
pub mod charts;
pub mod data;
pub mod model;
pub mod scenario;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The page's words and the figures they format, without Leptos: shared by the page's
/// components (`ui`) and the build-time page (`fabrik-prerender`). Kept under `src/ui/` with
/// the rest of the page's text, where `tests/texts.rs` checks it.
#[path = "ui/words/mod.rs"]
pub mod words;
