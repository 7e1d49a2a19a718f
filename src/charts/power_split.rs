//! Chart: where one GPU slot's facility power goes while serving — board idle, memory
//! traffic, arithmetic, host (CPU, network, fans), cooling and losses (PUE); scenario A's
//! split in a row of its own while two are compared.

use super::Look;
use super::bars::Stack;
use crate::model::PowerSplit;

/// The drawing's height ([`bars::stacked_height`](super::bars::stacked_height)), and the
/// drawing: the split as one stacked bar per `(label, split)`, and scenario A's after the
/// first while two are compared; `parts` names the five parts
/// ([`bars::stacked_draw`](super::bars::stacked_draw)).
pub use super::bars::{stacked_draw as draw, stacked_height as height};

/// Scenario A while two are compared: its split (a row of its own after the scenario's,
/// labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, PowerSplit>;

impl Stack<5> for PowerSplit {
    const COLOURS: [usize; 5] = [5, 0, 1, 2, 3];
    // Every row here is the reader's scenario (but A's: `Row::pinned`).
    const EVERY_ROW_RINGED: bool = true;

    fn parts(&self) -> [f64; 5] {
        [
            self.gpu_idle_w,
            self.gpu_memory_w,
            self.gpu_compute_w,
            self.host_w,
            self.cooling_and_losses_w,
        ]
    }

    fn hover(_label: &str, part: &str, v: f64, look: &Look) -> String {
        format!("{part}: {} W", look.read(v))
    }

    fn value(&self, end: f64, look: &Look) -> String {
        format!("{} W", look.read(end))
    }
}
