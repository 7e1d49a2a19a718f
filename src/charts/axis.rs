//! One coordinate type for every axis, linear or logarithmic.
//!
//! plotters compiles its whole mesh and axis machinery once per pair of coordinate types
//! (`RangedCoordf64`, `LogCoord<f64>`, …); with every chart on `Cartesian2d<Axis, Axis>` the
//! browser build carries one copy of the mesh code instead of one per axis type. The axis also picks its own ticks
//! (plotters' linear ticks use `powf`, its log ticks `powf` and `ln` per tick) and offers no
//! minor ticks: the house style draws no minor grid lines.

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use std::ops::Range;

/// A linear or base-10 logarithmic axis over `lo..hi`.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    lo: f64,
    hi: f64,
    log: bool,
}

impl Axis {
    /// A linear axis over `lo..hi`.
    pub fn linear(range: Range<f64>) -> Axis {
        Axis {
            lo: range.start,
            hi: range.end,
            log: false,
        }
    }

    /// A logarithmic axis over `lo..hi` (both positive; see [`super::log_range`]).
    pub fn log(range: Range<f64>) -> Axis {
        let lo = if range.start > 0.0 {
            range.start
        } else {
            1e-12
        };
        let hi = if range.end > lo { range.end } else { lo * 10.0 };
        Axis { lo, hi, log: true }
    }

    /// Position of `v` along the axis, 0 at `lo` and 1 at `hi`.
    ///
    /// # Formula
    /// Linear: `(v − lo)/(hi − lo)`; log: `(ln v − ln lo)/(ln hi − ln lo)` (values ≤ 0 at `lo`).
    pub fn fraction(&self, v: f64) -> f64 {
        if self.log {
            let v = if v > 0.0 { v } else { self.lo };
            (v / self.lo).ln() / (self.hi / self.lo).ln()
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
    }

    /// Tick values, at most `max` of them (fewer if the axis is short).
    ///
    /// # Formula
    /// Linear: multiples of the smallest step in {1, 2, 5}·10ᵏ that gives at most `max` ticks.
    /// Log: {1, 2, 5}·10ᵏ over at most 2.5 decades if that fits, else every decade, else every
    /// 2nd, 3rd, … decade.
    pub fn ticks(&self, max: usize) -> Vec<f64> {
        let max = max.max(2);
        if !(self.lo.is_finite() && self.hi.is_finite() && self.hi > self.lo) {
            return Vec::new();
        }
        if self.log {
            let (d0, d1) = (super::decade(self.lo), super::decade_ceil(self.hi));
            let inside = |v: &f64| *v >= self.lo * (1.0 - 1e-9) && *v <= self.hi * (1.0 + 1e-9);
            let fine: Vec<f64> = (d0..=d1)
                .flat_map(|d| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(d)))
                .filter(inside)
                .collect();
            // 1-2-5 labels crowd each other beyond a couple of decades (10^2.5 = 316.2…).
            if fine.len() <= max && self.hi / self.lo <= 316.227_766_016_837_94 {
                return fine;
            }
            let decades = (d1 - d0 + 1) as usize;
            let every = decades.div_ceil(max).max(1) as i32;
            return (d0..=d1)
                .filter(|d| d.rem_euclid(every) == 0)
                .map(|d| 10f64.powi(d))
                .filter(inside)
                .collect();
        }
        let span = self.hi - self.lo;
        let mut k = super::decade(span / max as f64).clamp(-300, 300);
        while k <= 308 {
            for m in [1.0, 2.0, 5.0] {
                let step = m * 10f64.powi(k);
                let first = (self.lo / step - 1e-9).ceil() as i64;
                let last = (self.hi / step + 1e-9).floor() as i64;
                if last - first < max as i64 {
                    return (first..=last).map(|i| i as f64 * step).collect();
                }
            }
            k += 1;
        }
        vec![self.lo, self.hi]
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let f = self.fraction(*value);
        let px = f64::from(limit.0) + f * f64::from(limit.1 - limit.0);
        // Clamped far outside the area, so a stray value cannot overflow the pixel type.
        px.round().clamp(-1e6, 1e6) as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Minor ticks are asked for with weight `Any`; the house style has none.
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        self.ticks(hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Tick labels when a chart sets no formatter of its own (all of them do): [`super::human`].
impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        super::human(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::Axis;
    use plotters::coord::ranged1d::Ranged;

    #[test]
    fn linear_ticks_step_by_one_two_or_five() {
        assert_eq!(
            Axis::linear(0.0..1.0).ticks(6),
            [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        assert_eq!(Axis::linear(-0.5..4.5).ticks(5), [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(Axis::linear(0.0..1000.0).ticks(3), [0.0, 500.0, 1000.0]);
        assert!(Axis::linear(1.0..1.0).ticks(5).is_empty());
    }

    #[test]
    fn log_ticks_are_one_two_five_or_decades() {
        assert_eq!(
            Axis::log(0.1..20.0).ticks(10),
            [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0]
        );
        assert_eq!(Axis::log(1e4..1e7).ticks(10), [1e4, 1e5, 1e6, 1e7]);
        assert_eq!(Axis::log(1e-1..1e9).ticks(5), [1.0, 1e3, 1e6, 1e9]);
    }

    #[test]
    fn decades_are_exact_at_powers_of_ten() {
        use super::super::{decade, decade_ceil};
        for d in -12..=12 {
            let x = 10f64.powi(d);
            assert_eq!((decade(x), decade_ceil(x)), (d, d), "10^{d}");
            assert_eq!(
                (decade(x * 1.5), decade_ceil(x * 1.5)),
                (d, d + 1),
                "1.5·10^{d}"
            );
            assert_eq!(
                (decade(x * 0.999), decade_ceil(x * 0.999)),
                (d - 1, d),
                "0.999·10^{d}"
            );
        }
        assert_eq!(decade(0.0), 0);
        assert_eq!(decade(f64::NAN), 0);
    }

    #[test]
    fn values_map_linearly_or_logarithmically_onto_pixels() {
        let lin = Axis::linear(0.0..10.0);
        assert_eq!(
            (
                lin.map(&0.0, (0, 100)),
                lin.map(&2.5, (0, 100)),
                lin.map(&10.0, (0, 100))
            ),
            (0, 25, 100)
        );
        let log = Axis::log(1.0..1000.0);
        assert_eq!(
            (
                log.map(&1.0, (100, 0)),
                log.map(&10.0, (100, 0)),
                log.map(&1000.0, (100, 0))
            ),
            (100, 67, 0)
        );
        // Non-positive values sit at the bottom of a log axis; NaN does not panic.
        assert_eq!(log.map(&0.0, (0, 90)), 0);
        let _ = log.map(&f64::NAN, (0, 90));
    }
}
