//! Chart: $ per million output tokens as stacked parts (hardware, building, electricity,
//! other), for the scenario (ringed), scenario A while two are compared (a diamond at its
//! total), and for variants of the scenario that change one knob.

use super::Look;
use super::bars::Stack;
use crate::model::cost::CostBreakdown;

/// The drawing's height ([`bars::stacked_height`](super::bars::stacked_height)), and the
/// drawing: one stacked bar per `(label, breakdown)`, the first the reader's scenario, and
/// scenario A's after it while two are compared; `parts` names hardware, building,
/// electricity and other, in that order ([`bars::stacked_draw`](super::bars::stacked_draw)).
pub use super::bars::{stacked_draw as draw, stacked_height as height};

/// Scenario A while two are compared: its cost in parts (a row of its own after the
/// scenario's, labelled `label`).
pub type Pinned<'a> = super::Pinned<'a, CostBreakdown>;

impl Stack<4> for CostBreakdown {
    // Hardware, building, electricity, other: the colour indices of the house palette.
    const COLOURS: [usize; 4] = [0, 1, 3, 2];
    // The first row is the reader's scenario, the others its variants.
    const EVERY_ROW_RINGED: bool = false;

    fn parts(&self) -> [f64; 4] {
        [self.hardware, self.facility, self.electricity, self.other]
    }

    fn hover(label: &str, part: &str, v: f64, look: &Look) -> String {
        format!("{label} · {part}: {} $", look.read(v))
    }

    fn value(&self, _end: f64, look: &Look) -> String {
        format!("{} $", look.read(self.total))
    }
}
