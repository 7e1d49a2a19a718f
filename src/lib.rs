//! fabrik: an interactive explainer of AI-factory economics.
//!
//! - [`model`]: the physics and economics, pure Rust (`Scenario` → `Outcome`);
//! - [`data`]: catalogues with sources, embedded at compile time;
//! - [`scenario`]: the versioned, lenient URL codec, derived from the parameter table
//!   (`model::params`);
//! - [`text`]: the words of the model's notices, English and German, for page and CLI;
//! - [`charts`]: one chart per file, drawing on any plotters backend;
//! - `ui` (wasm only): Leptos components, no model logic.

pub mod calibration;
pub mod charts;
pub mod data;
pub mod model;
pub mod scenario;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod ui;
