//! Carbon: the CO₂ of the factory's electricity, for the grid the reader picks (`grid=`: a
//! grid of `data/grids.json`, or a number in g/kWh), with relatable units beside it.
//!
//! Everything here starts from the facility's energy (all-in: GPU boards, hosts, idle time
//! and cooling, × PUE; see [`super::economics()`]), never the GPU board's alone: the grid
//! supplies the whole building. Units: grams of CO₂ per kWh in, grams, kilograms and tonnes
//! out, each in the field's name.

use super::{Factory, ServingReport};
use serde::Serialize;

/// The grid the scenario names when the link says nothing: the US average, the same
/// country as the default electricity price (`default_usd_per_kwh`, EIA).
pub const DEFAULT_GRID: &str = "us";

/// Highest intensity a link may set, g/kWh: above any grid's yearly average (coal plants
/// emit about 1,000 g/kWh).
pub const MAX_G_PER_KWH: f64 = 1500.0;

/// The grid a scenario draws from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GridUsed {
    /// The catalogue id (`de`, `tx`, …), or `custom` for a number from the link.
    pub id: &'static str,
    pub g_co2_per_kwh: f64,
    /// The year the catalogue's intensity describes (none for a custom number: left out of
    /// the JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}

/// The carbon figures of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Carbon {
    pub grid: GridUsed,
    /// CO₂ of one answer's facility energy (prompt and answer), g.
    pub g_co2_per_answer: f64,
    /// CO₂ per million output tokens, facility energy, kg.
    pub kg_co2_per_million_tokens: f64,
    /// The factory's CO₂ over a year at its average draw, tonnes.
    pub tonnes_co2_per_year: f64,
    /// One answer's CO₂ as metres driven by a typical car (`car_g_co2_per_km`).
    pub car_m_per_answer: f64,
    /// The factory's yearly CO₂ as one-way Frankfurt–New York flights of one passenger
    /// (`flight_fra_jfk_kg_co2`).
    pub flights_per_year: f64,
    /// The factory's average draw as a share of a 1 GW reactor's output (`reactor_mw`).
    pub reactor_share: f64,
}

/// The grid's intensity: the named grid's from the catalogue, or the link's number (which
/// wins where both are set). An unknown id (only a hand-built scenario can hold one; links
/// are checked when read) falls back to [`DEFAULT_GRID`].
pub fn grid_used(grid: &str, custom_g_per_kwh: Option<f64>) -> GridUsed {
    if let Some(g) = custom_g_per_kwh.filter(|g| g.is_finite()) {
        return GridUsed {
            id: "custom",
            g_co2_per_kwh: g.clamp(0.0, MAX_G_PER_KWH),
            year: None,
        };
    }
    let c = crate::data::catalogue();
    match c.grid(grid).or_else(|| c.grid(DEFAULT_GRID)) {
        Some(g) => GridUsed {
            id: &g.id,
            g_co2_per_kwh: g.g_per_kwh,
            year: Some(g.year),
        },
        None => GridUsed {
            id: "custom",
            g_co2_per_kwh: 0.0,
            year: None,
        },
    }
}

/// The carbon of a served scenario's facility energy on a grid.
///
/// # Formula
/// With `I` the grid's intensity in g CO₂/kWh and all energies the facility's (all-in, × PUE):
/// - per answer: `Wh per answer ÷ 1000 × I` g;
/// - per million output tokens: `J per output token × 10⁶ ÷ 3.6·10⁶ × I ÷ 1000` kg;
/// - per year: `GWh per year × 10⁶ kWh × I ÷ 10⁶` t (the factory's average draw, not the
///   power it is built for);
/// - car-metres per answer: `g per answer ÷ car_g_co2_per_km × 1000`;
/// - flights per year: `t per year × 1000 ÷ flight_fra_jfk_kg_co2`;
/// - reactor share: `average facility MW ÷ reactor_mw`.
pub fn carbon(grid: GridUsed, serving: &ServingReport, factory: &Factory) -> Carbon {
    let c = crate::data::catalogue();
    let i = grid.g_co2_per_kwh;
    let g_answer = serving.wh_per_request / 1000.0 * i;
    let tonnes = factory.energy_gwh_per_year * i;
    let ratio = |x: f64, d: f64| if d > 0.0 { x / d } else { f64::NAN };
    Carbon {
        grid,
        g_co2_per_answer: g_answer,
        kg_co2_per_million_tokens: serving.facility_joules_per_output_token / 3.6 * i / 1000.0,
        tonnes_co2_per_year: tonnes,
        car_m_per_answer: ratio(g_answer, c.sourced.car_g_co2_per_km) * 1000.0,
        flights_per_year: ratio(tonnes * 1000.0, c.sourced.flight_fra_jfk_kg_co2),
        reactor_share: ratio(factory.average_facility_mw, c.sourced.reactor_mw),
    }
}
