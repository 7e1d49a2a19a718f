//! Arithmetic for the model's hot path, where a Pareto sweep evaluates ten thousand
//! configurations within a frame.
//!
//! In WebAssembly `f64::max`/`f64::min` become calls into libm's `fmax`/`fmin` (the
//! instructions `f64.max`/`f64.min` treat NaN differently), which took a tenth of a sweep's
//! time; so do they in the size-optimised native build. [`at_least`] and [`at_most`] are plain
//! comparisons; like `f64::max(x, bound)` they return the bound when `x` is NaN.
//! [`max_num`] and [`min_num`] are `f64::max` and `f64::min` exactly (libm's code, inlined). `f64::exp`/`f64::ln` are out-of-line libm routines there;
//! [`exp_near_zero`] and [`ln_near_one`] replace them by short series where the argument is
//! close enough for the series to agree with them within a few ulps (tested in `tests/model.rs`).

/// `x` if it exceeds `floor`, else `floor` (also when `x` is NaN).
#[inline(always)]
pub fn at_least(x: f64, floor: f64) -> f64 {
    if x > floor { x } else { floor }
}

/// `x` if it is below `ceiling`, else `ceiling` (also when `x` is NaN).
#[inline(always)]
pub fn at_most(x: f64, ceiling: f64) -> f64 {
    if x < ceiling { x } else { ceiling }
}

/// `x.max(y)`, exactly as libm's `fmax` computes it (IEEE 754 maxNum): the larger, the other
/// one when one is NaN, `x` when they are equal. Inlined comparisons instead of the call.
#[inline(always)]
pub fn max_num(x: f64, y: f64) -> f64 {
    if x.is_nan() || x < y { y } else { x }
}

/// `x.min(y)`, exactly as libm's `fmin` computes it (IEEE 754 minNum): the smaller, the other
/// one when one is NaN, `y` when they are equal. Inlined comparisons instead of the call.
#[inline(always)]
pub fn min_num(x: f64, y: f64) -> f64 {
    if y.is_nan() || x < y { x } else { y }
}

/// `x.clamp(lo, hi)` for bounds with `lo ≤ hi` (NaN stays NaN), without the bounds' check.
#[inline(always)]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// `e^δ`, by its Taylor series to `δ⁶/720` when `|δ| < 1/64` (truncation below `10⁻¹⁶`
/// relative), else `f64::exp`. For the last steps of an iteration, whose corrections are
/// small: `exp` is an out-of-line libm call in WebAssembly.
#[inline]
pub fn exp_near_zero(d: f64) -> f64 {
    if d.abs() < 1.0 / 64.0 {
        1.0 + d
            * (1.0
                + d * (1.0 / 2.0
                    + d * (1.0 / 6.0 + d * (1.0 / 24.0 + d * (1.0 / 120.0 + d * (1.0 / 720.0))))))
    } else {
        d.exp()
    }
}

/// `ln f`, by the series `d − d²/2 + d³/3 − … − d⁸/8` in `d = f − 1` when `|d| < 1/64`
/// (truncation below `10⁻¹⁷`), else `f64::ln` (see [`exp_near_zero`]).
#[inline]
pub fn ln_near_one(f: f64) -> f64 {
    let d = f - 1.0;
    if d.abs() < 1.0 / 64.0 {
        d * (1.0
            - d * (1.0 / 2.0
                - d * (1.0 / 3.0
                    - d * (1.0 / 4.0
                        - d * (1.0 / 5.0 - d * (1.0 / 6.0 - d * (1.0 / 7.0 - d * (1.0 / 8.0))))))))
    } else {
        f.ln()
    }
}
