//! Energy and money per token, per GPU and for a whole factory.
//!
//! Everything here is per GPU-year first, then divided by the tokens that GPU makes in a year,
//! so the parts of the cost add up to the total by construction.

use serde::Serialize;

/// Hours in an average year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 8766.0;

/// Capital recovery factor: the constant annual payment that repays 1 over `years` at rate `r`.
///
/// # Formula
/// `CRF = r·(1+r)^n / ((1+r)^n − 1)`, and `1/n` when `r = 0`.
///
/// # Examples
/// ```
/// let crf = fabrik::model::cost::capital_recovery_factor(0.0, 4.0);
/// assert!((crf - 0.25).abs() < 1e-12);
/// ```
pub fn capital_recovery_factor(rate: f64, years: f64) -> f64 {
    let n = years.max(0.1);
    let r = rate.max(0.0);
    if r < 1e-9 {
        return 1.0 / n;
    }
    // (1+r)^n as exp(n·ln(1+r)): no `powf` (and its tables) in the wasm.
    let g = (n * r.ln_1p()).exp();
    r * g / (g - 1.0)
}

/// Inputs of the cost model for one GPU slot in a facility.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostInputs {
    /// GPU price, USD.
    pub gpu_price_usd: f64,
    /// Server and network capex per GPU as a multiple of the GPU price.
    pub system_capex_multiplier: f64,
    /// Power the site provisions per GPU slot at its grid connection, W
    /// (`site::provisioned`).
    pub provisioned_facility_w: f64,
    /// Facility capex per provisioned W, USD/W.
    pub facility_capex_usd_per_w: f64,
    pub facility_lifetime_years: f64,
    pub hardware_lifetime_years: f64,
    pub cost_of_capital: f64,
    pub other_opex_fraction: f64,
    /// Average facility power per GPU over the year (busy and idle, × PUE), W.
    pub average_facility_w: f64,
    pub usd_per_kwh: f64,
    /// Output tokens per GPU per year.
    pub output_tokens_per_year: f64,
}

/// USD per million output tokens, by part. The parts sum to `total`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct CostBreakdown {
    /// GPUs, servers, network: annualised over the hardware lifetime.
    pub hardware: f64,
    /// Building, power and cooling plant: annualised over the facility lifetime.
    pub facility: f64,
    pub electricity: f64,
    /// Maintenance, staff, transit, software.
    pub other: f64,
    pub total: f64,
}

/// Annual costs of one GPU slot, USD per year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct AnnualCost {
    pub hardware: f64,
    pub facility: f64,
    pub electricity: f64,
    pub other: f64,
    pub total: f64,
}

/// Annual cost of one GPU slot.
///
/// # Formula
/// - hardware: `price · system_multiplier · CRF(r, hardware_life)`;
/// - facility: `provisioned facility W · $/W · CRF(r, facility_life)`;
/// - electricity: `average_facility_W · 8766 h / 1000 · $/kWh`;
/// - other: `other_opex_fraction · price · system_multiplier`.
pub fn annual_cost(c: &CostInputs) -> AnnualCost {
    let it_capex = c.gpu_price_usd.max(0.0) * c.system_capex_multiplier.max(0.0);
    let hardware = it_capex * capital_recovery_factor(c.cost_of_capital, c.hardware_lifetime_years);
    let facility = c.provisioned_facility_w.max(0.0)
        * c.facility_capex_usd_per_w.max(0.0)
        * capital_recovery_factor(c.cost_of_capital, c.facility_lifetime_years);
    let electricity =
        c.average_facility_w.max(0.0) * HOURS_PER_YEAR / 1000.0 * c.usd_per_kwh.max(0.0);
    let other = c.other_opex_fraction.max(0.0) * it_capex;
    AnnualCost {
        hardware,
        facility,
        electricity,
        other,
        total: hardware + facility + electricity + other,
    }
}

/// USD per million output tokens, by part.
///
/// # Formula
/// `part / output_tokens_per_year · 10⁶` for each part of [`annual_cost`].
pub fn per_million_tokens(c: &CostInputs) -> CostBreakdown {
    per_million(&annual_cost(c), c.output_tokens_per_year)
}

/// USD per million output tokens from an [`annual_cost`] already worked out.
///
/// # Formula
/// `part / output_tokens_per_year · 10⁶` for each part.
pub fn per_million(a: &AnnualCost, output_tokens_per_year: f64) -> CostBreakdown {
    let per = 1e6 / output_tokens_per_year.max(1e-9);
    CostBreakdown {
        hardware: a.hardware * per,
        facility: a.facility * per,
        electricity: a.electricity * per,
        other: a.other * per,
        total: a.total * per,
    }
}
