//! xorshift64*: the fixed-seed generator the property tests and the model benchmark share, so
//! every run checks (or times) the same cases. Included with `#[path]`: each user calls only
//! some of the helpers.
#![allow(dead_code)]

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Log-uniform in [lo, hi].
    pub fn log(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }
    /// Log-uniform, rounded to a whole number.
    pub fn whole(&mut self, lo: f64, hi: f64) -> u32 {
        self.log(lo, hi).round() as u32
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    /// Log-uniform in `lo..=hi` (lengths and batches span orders of magnitude).
    pub fn log_range(&mut self, lo: u32, hi: u32) -> u32 {
        let u = self.unit();
        let (a, b) = (f64::from(lo).ln(), f64::from(hi).ln());
        ((a + u * (b - a)).exp().round() as u32).clamp(lo, hi)
    }
}
