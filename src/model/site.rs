//! The factory as sites are built: the power a GPU slot is provisioned for (what fixes how many
//! GPUs a grid connection feeds, and the building's capex), apart from the power it draws on
//! average (what the electricity bill and the carbon follow); and reported AI campuses
//! (`data/sites.json`) beside what the model builds for the same power and chip.

use crate::data::{Gpu, Site, catalogue};

/// The power one GPU slot is built for, W, from the server up to the grid connection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Provisioned {
    /// The server's or rack's maximum per GPU, the GPU included.
    pub server_w: f64,
    /// Plus scale-out switches, storage, management and CPU-only nodes, electrical losses.
    pub it_w: f64,
    /// Critical IT capacity built for it (operators load it to a derating factor).
    pub critical_w: f64,
    /// At the grid connection: critical IT × the design-day PUE.
    pub facility_w: f64,
}

/// The power a site provisions per GPU of `gpu`, with the annual PUE `pue`.
///
/// # Formula
/// `it = server_max · (1 + cluster_overhead_fraction)`, `critical = it / critical_it_derating`,
/// `facility = critical · (pue + design_pue_margin)` (constants in `data/constants.json`).
pub fn provisioned(gpu: &Gpu, pue: f64) -> Provisioned {
    let c = catalogue();
    let server_w = gpu.server_max_w_per_gpu;
    let it_w = server_w * (1.0 + c.sourced.cluster_overhead_fraction);
    let critical_w = it_w / c.sourced.critical_it_derating.max(1e-3);
    let facility_w = critical_w * (pue + c.sourced.design_pue_margin);
    Provisioned {
        server_w,
        it_w,
        critical_w,
        facility_w,
    }
}

/// The annual PUE the model assumes for a site with this chip when the site does not say:
/// `pue_liquid_cooled` for liquid-cooled racks, else the scenario default (`default_pue`).
pub fn typical_pue(gpu: &Gpu) -> f64 {
    let c = catalogue();
    if gpu.liquid_cooled {
        c.constant("pue_liquid_cooled")
    } else {
        c.constant("default_pue")
    }
}

/// Hardware and building capex per GPU slot, USD, as the economics stage counts it: the GPU
/// at the catalogue's price (× the server and network multiplier unless the price already
/// covers the system) and the building at `facility_capex_usd_per_w` per provisioned W.
pub fn capex_per_gpu(gpu: &Gpu, p: &Provisioned) -> (f64, f64) {
    let c = catalogue();
    let mult = if gpu.price_includes_system {
        1.0
    } else {
        c.sourced.system_capex_multiplier
    };
    (
        gpu.price_usd * mult,
        p.facility_w * c.sourced.facility_capex_usd_per_w,
    )
}

/// A reported site or claim beside what the model builds for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteCheck {
    pub site: &'static Site,
    /// The chip compared (the site's; for a claim naming none, [`DEFAULT_CLAIM_GPU`]).
    pub gpu: Option<&'static Gpu>,
    /// GPUs the model fits into the reported power.
    pub model_gpus: Option<f64>,
    pub model_racks: Option<f64>,
    /// Capex of those GPUs and their building, USD.
    pub model_capex_usd: Option<f64>,
    /// Capex per GW of facility power: everything, and the building alone.
    pub model_capex_per_gw: Option<f64>,
    pub model_facility_capex_per_gw: Option<f64>,
    /// Model ÷ reported GPU count, where the reported power is the site's whole power.
    pub gpu_ratio: Option<f64>,
    /// Why the GPU count is not compared, if it is not.
    pub not_compared: Option<NotCompared>,
    /// Model ÷ reported capex per GW (with the same scope), where one is reported.
    pub capex_ratio: Option<f64>,
    /// For a claimed capex per GW that covers everything: the hardware capex per GPU it
    /// implies (claim per W × provisioned W − the model's building per GPU), USD: the
    /// assumption that would reconcile the claim with the model.
    pub implied_hardware_per_gpu: Option<f64>,
    /// The model's hardware capex per GPU (GPU with servers and network), USD.
    pub model_hardware_per_gpu: Option<f64>,
}

/// Why a site's reported power does not size its GPUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCompared {
    /// The power or the GPU count is not reported.
    Missing,
    /// The reported MW is an allocation from the grid, with on-site generation beside it.
    GridAllocation,
    /// The reported MW is less than the reported GPUs' own racks draw at full power, so it
    /// cannot be the site's whole power (a first phase, or part of the supply).
    BelowRackPower,
}

/// The chip compared with a capex-per-GW claim that names none: Blackwell Ultra in NVL72
/// racks, what NVIDIA sold when the claim was made (August 2025).
pub const DEFAULT_CLAIM_GPU: &str = "gb300-nvl72";

/// What the model builds for a reported site's power and chip.
///
/// # Formula
/// `GPUs = ⌊MW · 10⁶ / facility_w⌋` with [`provisioned`] at [`typical_pue`]; racks =
/// `⌈GPUs / gpus_per_rack⌉`; capex = GPUs · ([`capex_per_gpu`]); capex per GW = capex per
/// GPU / facility_w · 10⁹. The GPU count is compared when the reported MW is the site's whole
/// power ([`NotCompared`] otherwise); the capex per GW when one is reported, with its scope
/// (a building-only figure against the model's building capex).
pub fn check(site: &'static Site) -> SiteCheck {
    let c = catalogue();
    let gpu = site
        .gpu
        .as_deref()
        .or(site.capex_usd_per_gw.map(|_| DEFAULT_CLAIM_GPU))
        .and_then(|id| c.gpu(id));
    let per = gpu.map(|g| {
        let p = provisioned(g, typical_pue(g));
        let (hw, building) = capex_per_gpu(g, &p);
        (g, p, hw, building)
    });
    let model_capex_per_gw = per.map(|(_, p, hw, b)| (hw + b) / p.facility_w * 1e9);
    let model_facility_capex_per_gw = per.map(|(_, p, _, b)| b / p.facility_w * 1e9);
    let model_gpus = match (per, site.power_mw) {
        (Some((_, p, _, _)), Some(mw)) => Some((mw * 1e6 / p.facility_w).floor()),
        _ => None,
    };
    let not_compared = match (per, site.power_mw, site.gpus) {
        (Some(_), Some(_), Some(_)) if site.power_basis == "grid" => {
            Some(NotCompared::GridAllocation)
        }
        (Some((_, p, _, _)), Some(mw), Some(n)) if mw * 1e6 < n * p.server_w => {
            Some(NotCompared::BelowRackPower)
        }
        (Some(_), Some(_), Some(_)) => None,
        _ => Some(NotCompared::Missing),
    };
    let gpu_ratio = match (not_compared, model_gpus, site.gpus) {
        (None, Some(m), Some(n)) if n > 0.0 => Some(m / n),
        _ => None,
    };
    let building_only = site
        .capex_scope
        .as_deref()
        .is_some_and(|s| s.starts_with("facility without"));
    let capex_ratio = match (site.capex_usd_per_gw, site.capex_usd, site.power_mw) {
        (Some(claimed), _, _) => model_capex_per_gw.map(|m| m / claimed),
        (None, Some(capex), Some(mw)) if building_only => {
            model_facility_capex_per_gw.map(|m| m / (capex / (mw / 1e3)))
        }
        _ => None,
    };
    SiteCheck {
        site,
        gpu: per.map(|(g, ..)| g),
        model_gpus,
        model_racks: per
            .zip(model_gpus)
            .map(|((g, ..), n)| (n / f64::from(g.gpus_per_rack.max(1))).ceil()),
        model_capex_usd: per.zip(model_gpus).map(|((_, _, hw, b), n)| n * (hw + b)),
        model_capex_per_gw,
        model_facility_capex_per_gw,
        gpu_ratio,
        not_compared,
        capex_ratio,
        implied_hardware_per_gpu: site
            .capex_usd_per_gw
            .zip(per)
            .map(|(claimed, (_, p, _, b))| claimed / 1e9 * p.facility_w - b),
        model_hardware_per_gpu: per.map(|(_, _, hw, _)| hw),
    }
}

/// Every site of the catalogue, checked.
pub fn checks() -> Vec<SiteCheck> {
    catalogue().sites.iter().map(check).collect()
}
