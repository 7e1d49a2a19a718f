//! fabrik: an interactive explainer of AI-factory economics.
//!
//! - [`model`]: the physics and economics, pure Rust (`Scenario` → `Outcome`);
//! - [`data`]: catalogues with sources, embedded at compile time;
//! - [`scenario`]: parameter table and the versioned, lenient URL codec;
//! - [`charts`]: one chart per file, drawing on any plotters backend;
//! - `ui` (wasm only): Leptos components, no model logic.

pub mod calibration;
pub mod charts;
pub mod data;
pub mod model;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod ui;
