//! Numeric precision of weights and arithmetic: bytes per parameter, KV-cache bytes, and which
//! peak FLOP/s figure applies.

use crate::data::{Gpu, PeakTflops};
use serde::Serialize;

/// Precision of the served weights and the matrix arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Fp32,
    Fp16,
    Bf16,
    Fp8,
    Fp4,
}

impl Precision {
    pub const ALL: [Precision; 5] = [
        Precision::Fp32,
        Precision::Fp16,
        Precision::Bf16,
        Precision::Fp8,
        Precision::Fp4,
    ];

    /// The name used in URLs and JSON (`fp32`, `fp16`, `bf16`, `fp8`, `fp4`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Fp32 => "fp32",
            Precision::Fp16 => "fp16",
            Precision::Bf16 => "bf16",
            Precision::Fp8 => "fp8",
            Precision::Fp4 => "fp4",
        }
    }

    pub fn parse(s: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Bits per element (fp4: 4).
    pub fn bits(self) -> u32 {
        match self {
            Precision::Fp32 => 32,
            Precision::Fp16 | Precision::Bf16 => 16,
            Precision::Fp8 => 8,
            Precision::Fp4 => 4,
        }
    }

    /// Bytes per weight parameter.
    ///
    /// # Formula
    /// fp32 4, fp16/bf16 2, fp8 1, fp4 0.5625 = 4 bits + one 8-bit scale per block of 16
    /// (NVFP4; MXFP4 uses one per 32, 4.25 bits — the difference is under 6 %).
    pub fn weight_bytes(self) -> f64 {
        match self {
            Precision::Fp32 => 4.0,
            Precision::Fp16 | Precision::Bf16 => 2.0,
            Precision::Fp8 => 1.0,
            Precision::Fp4 => 0.5625,
        }
    }

    /// Bytes per cached key or value element. Engines serving fp8 or fp4 weights keep an fp8
    /// KV cache (FP4 KV caches are not in general use); fp16/bf16 keep 16-bit, fp32 32-bit.
    pub fn kv_bytes(self) -> f64 {
        match self {
            Precision::Fp32 => 4.0,
            Precision::Fp16 | Precision::Bf16 => 2.0,
            Precision::Fp8 | Precision::Fp4 => 1.0,
        }
    }

    /// This precision's entry in a chip's table of dense peaks, if the chip supports it.
    pub fn peak_tflops(self, peaks: &PeakTflops) -> Option<f64> {
        match self {
            Precision::Fp32 => peaks.fp32,
            Precision::Fp16 => peaks.fp16,
            Precision::Bf16 => peaks.bf16,
            Precision::Fp8 => peaks.fp8,
            Precision::Fp4 => peaks.fp4,
        }
    }

    /// The precision actually used on `gpu` when `self` is asked for: itself if supported,
    /// else bf16↔fp16 (same width), else the next wider precision the chip has.
    pub fn supported_on(self, gpu: &Gpu) -> Precision {
        let peaks = &gpu.dense_tflops;
        if self.peak_tflops(peaks).is_some() {
            return self;
        }
        let twin = match self {
            Precision::Bf16 => Some(Precision::Fp16),
            Precision::Fp16 => Some(Precision::Bf16),
            _ => None,
        };
        if let Some(t) = twin.filter(|t| t.peak_tflops(peaks).is_some()) {
            return t;
        }
        // Wider precisions, nearest first.
        let wider: &[Precision] = match self {
            Precision::Fp4 => &[
                Precision::Fp8,
                Precision::Bf16,
                Precision::Fp16,
                Precision::Fp32,
            ],
            Precision::Fp8 => &[Precision::Bf16, Precision::Fp16, Precision::Fp32],
            Precision::Fp16 | Precision::Bf16 => &[Precision::Fp32],
            Precision::Fp32 => &[Precision::Bf16, Precision::Fp16],
        };
        wider
            .iter()
            .copied()
            .find(|p| p.peak_tflops(peaks).is_some())
            .unwrap_or(Precision::Fp32)
    }

    /// Every precision the chip supports natively, narrowest last.
    pub fn supported(gpu: &Gpu) -> Vec<Precision> {
        Precision::ALL
            .into_iter()
            .filter(|p| p.peak_tflops(&gpu.dense_tflops).is_some())
            .collect()
    }

    /// The narrowest precision the chip supports (what a throughput-optimised deployment uses).
    pub fn narrowest(gpu: &Gpu) -> Precision {
        Precision::supported(gpu)
            .last()
            .copied()
            .unwrap_or(Precision::Fp32)
    }
}
