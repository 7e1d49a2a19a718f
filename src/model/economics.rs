//! The economics stage: a [`Served`] scenario turned into facility energy, cost per token,
//! the power split of one GPU slot and the whole factory, from the scenario's economic inputs
//! (PUE, electricity price, utilisation, hardware life and price, site power, token price).

use super::cost::{self, CostInputs};
use super::notice::Notice;
use super::params::{Param, Setting, row};
use super::served::Served;
use super::site;
use super::{Factory, Outcome, PhaseReport, PhaseTimes, PowerSplit, Scenario, ServingReport};
use crate::data::catalogue;

/// The value of an economic parameter, within the table's range: a number outside it is
/// clamped (with a notice), a non-finite one gives the default.
fn within(p: &'static Param, v: f64, notices: &mut Vec<Notice>) -> f64 {
    if p.accepts(v) {
        return v;
    }
    let used = if v.is_finite() {
        p.clamp(v)
    } else {
        match p.default_setting() {
            Setting::Num(d) => d,
            _ => p.min,
        }
    };
    notices.push(Notice::Clamped {
        key: p.key,
        value: v,
        min: p.min,
        max: p.max,
        used,
    });
    used
}

fn phase_report(p: &super::serving::PhaseResult, batch: f64, tokens: f64) -> PhaseReport {
    PhaseReport {
        batch,
        tokens,
        tokens_per_s_per_gpu: p.tokens_per_s_per_gpu,
        gpu_power_w: p.gpu_power_w,
        gpu_joules_per_token: p.gpu_joules_per_token,
        step_ms: p.step_s * 1e3,
        regime: p.run.regime,
        hbm_utilization: p.run.hbm_utilization,
        compute_utilization: p.run.compute_utilization,
        clock: p.run.clock,
        time_ms: PhaseTimes {
            gemm: p.run.gemm_s * 1e3,
            attention: p.run.attention_s * 1e3,
            communication: p.run.comm_s * 1e3,
            overhead: p.run.overhead_s * 1e3,
        },
    }
}

/// The scenario's economics on top of its physics.
///
/// # Formula
/// 1. facility energy per output token: `(u·(P_gpu + P_host) + (1−u)·(P_idle + P_host))·PUE
///    / (u·tokens/s)`, i.e. idle capacity is charged to the tokens made;
/// 2. cost: [`cost::annual_cost`] per GPU slot ÷ output tokens per year;
/// 3. factory: `GPUs = ⌊MW · 10⁶ / facility_w⌋` slots at provisioned power
///    ([`site::provisioned`]: server maximum, cluster overhead, derating, design-day PUE),
///    each making the served rate while busy; the building's capex per provisioned W. The
///    energy per year and the electricity follow the average draw of step 1, not the
///    provisioned power;
/// 4. carbon: [`super::carbon::carbon`] of that facility energy on the scenario's grid.
pub fn economics(s: &Scenario, served: &Served) -> Outcome {
    let c = catalogue();
    let mut notices = served.notices.clone();
    let gpu = served.gpu;
    // The table's rows for the economic inputs, looked up once (this runs dozens of times
    // per slider move: every cost and energy series re-runs it).
    static ROWS: std::sync::OnceLock<[&'static Param; 8]> = std::sync::OnceLock::new();
    let [pue_p, kwh_p, util_p, life_p, mw_p, mtok_p, price_p, grid_p] = *ROWS.get_or_init(|| {
        [
            "pue",
            "usd_per_kwh",
            "utilization",
            "lifetime_years",
            "power_mw",
            "usd_per_mtok",
            "gpu_price_usd",
            "grid",
        ]
        .map(row)
    });
    let pue = within(pue_p, s.pue, &mut notices);
    let usd_per_kwh = within(kwh_p, s.usd_per_kwh, &mut notices);
    let utilization = within(util_p, s.utilization, &mut notices);
    let lifetime = within(life_p, s.lifetime_years, &mut notices);
    let facility_mw = within(mw_p, s.facility_mw, &mut notices);
    let usd_per_mtok = within(mtok_p, s.usd_per_mtok, &mut notices);
    let gpu_price = match s.gpu_price_usd {
        Some(p) => within(price_p, p, &mut notices),
        None => gpu.price_usd,
    };
    let srv = &served.serving;
    let (prompt, output) = (served.prompt, served.output);

    // Facility: host power and cooling, with idle time charged to the tokens made.
    let host = gpu.host_w_per_gpu;
    let busy_it_w = srv.gpu_power_w + host;
    let idle_it_w = gpu.idle_w + host;
    let avg_facility_w = (utilization * busy_it_w + (1.0 - utilization) * idle_it_w) * pue;
    let out_rate = srv.output_tokens_per_s_per_gpu;
    let facility_j_out = avg_facility_w / (utilization * out_rate);
    let total_ratio = output / (output + prompt);

    let prov = site::provisioned(gpu, pue);
    // Prices that already include the server (a DGX price ÷ 8) get no multiplier on top.
    let system_mult = if gpu.price_includes_system && s.gpu_price_usd.is_none() {
        1.0
    } else {
        c.sourced.system_capex_multiplier
    };
    let cost_in = CostInputs {
        gpu_price_usd: gpu_price,
        system_capex_multiplier: system_mult,
        provisioned_facility_w: prov.facility_w,
        facility_capex_usd_per_w: c.sourced.facility_capex_usd_per_w,
        facility_lifetime_years: c.sourced.facility_lifetime_years,
        hardware_lifetime_years: lifetime,
        cost_of_capital: c.sourced.cost_of_capital,
        other_opex_fraction: c.sourced.other_opex_fraction,
        average_facility_w: avg_facility_w,
        usd_per_kwh,
        output_tokens_per_year: out_rate * utilization * cost::HOURS_PER_YEAR * 3600.0,
    };
    let annual = cost::annual_cost(&cost_in);
    let breakdown = cost::per_million(&annual, cost_in.output_tokens_per_year);

    let (dec, pre) = (&served.decode.run, &served.prefill.run);
    let (pre_share, idle_share) = (srv.prefill_time_share, srv.idle_time_share);
    // GPU time in decode, in prefill, and idle (a disaggregated prefill pool waiting).
    let mix = |a: f64, b: f64, idle: f64| {
        (1.0 - pre_share - idle_share) * a + pre_share * b + idle_share * idle
    };
    let power = PowerSplit {
        gpu_idle_w: mix(dec.idle_w, pre.idle_w, gpu.idle_w),
        gpu_memory_w: mix(dec.memory_w, pre.memory_w, 0.0),
        gpu_compute_w: mix(dec.compute_w, pre.compute_w, 0.0),
        host_w: host,
        cooling_and_losses_w: busy_it_w * (pue - 1.0),
        total_w: busy_it_w * pue,
    };

    // Factory: as many GPU slots as the grid connection feeds at provisioned power.
    let slots = (facility_mw * 1e6 / prov.facility_w).floor();
    if slots < 1.0 {
        notices.push(Notice::BelowOneSlot {
            power_mw: facility_mw,
            gpu: &gpu.short,
            slot_kw: prov.facility_w / 1e3,
        });
    }
    let n = slots.max(1.0);
    let it_mw = n * prov.it_w / 1e6;
    let hw_capex = n * gpu_price * system_mult;
    let fac_capex = n * prov.facility_w * c.sourced.facility_capex_usd_per_w;
    let tokens_per_year = n * cost_in.output_tokens_per_year;
    let revenue = tokens_per_year / 1e6 * usd_per_mtok;
    let running = n * (annual.electricity + annual.other);
    let payback = if revenue > running {
        Some((hw_capex + fac_capex) / (revenue - running))
    } else {
        None
    };
    let factory = Factory {
        gpus: n,
        replicas: (n / f64::from(served.replica_gpus())).floor(),
        racks: (n / f64::from(gpu.gpus_per_rack.max(1))).ceil(),
        it_mw,
        facility_mw: n * prov.facility_w / 1e6,
        average_facility_mw: n * avg_facility_w / 1e6,
        tokens_per_s: n * out_rate,
        tokens_per_day: n * out_rate * utilization * 86400.0,
        energy_gwh_per_year: n * avg_facility_w * cost::HOURS_PER_YEAR / 1e9,
        capex_usd: hw_capex + fac_capex,
        hardware_capex_usd: hw_capex,
        facility_capex_usd: fac_capex,
        annual_cost_usd: n * annual.total,
        revenue_usd_per_year: revenue,
        margin_usd_per_year: revenue - n * annual.total,
        payback_years: payback,
    };

    let serving = ServingReport {
        batch: served.batch,
        output_tokens_per_s_per_gpu: out_rate,
        total_tokens_per_s_per_gpu: srv.total_tokens_per_s_per_gpu,
        tokens_per_s_per_user: srv.tokens_per_s_per_user,
        gpu_power_w: srv.gpu_power_w,
        gpu_joules_per_output_token: srv.gpu_joules_per_output_token,
        gpu_joules_per_total_token: srv.gpu_joules_per_total_token,
        facility_joules_per_output_token: facility_j_out,
        facility_joules_per_total_token: facility_j_out * total_ratio,
        wh_per_request: facility_j_out * output / 3600.0,
        gpu_wh_per_request: srv.gpu_joules_per_output_token * output / 3600.0,
        usd_per_million_output_tokens: breakdown.total,
        cost_breakdown: breakdown,
        prefill_time_share: srv.prefill_time_share,
        ttft_s: srv.ttft_s,
        tokens_per_s_per_mw: out_rate / (busy_it_w * pue) * 1e6,
    };
    let custom_grid = s.grid_g_per_kwh.map(|g| within(grid_p, g, &mut notices));
    let carbon = super::carbon::carbon(
        super::carbon::grid_used(&s.grid, custom_grid),
        &serving,
        &factory,
    );

    Outcome {
        gpu: &gpu.id,
        model: &served.model.id,
        precision: served.precision,
        precisions: served.precisions,
        engine: &served.engine.id,
        layout: served.layout,
        dp_attention: served.dp_attention,
        pools: served.pools,
        decode: phase_report(&served.decode, served.batch, served.context),
        prefill: phase_report(&served.prefill, served.batch, prompt),
        serving,
        power,
        carbon,
        factory,
        warnings: notices,
    }
}
