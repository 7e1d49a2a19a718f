//! The factory as sites are really built: for every reported campus (`data/sites.json`) the
//! model's GPU count for the reported power and chip, and its capex per GW beside reported
//! capex figures. Prints the table (run with `--nocapture`, or `fabrik-cli sites`).
//!
//! Bounds: GPU count within 25 % where the reported MW is the site's whole power; capex per
//! GW within 30 % of reported (non-vendor) capex figures of the same scope. Vendor claims are
//! shown, not bounded: the page says which assumptions would reconcile them.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use fabrik::model::site::{NotCompared, checks};

#[test]
fn reported_sites_against_the_model() {
    let all = checks();
    assert_eq!(all.len(), catalogue().sites.len());
    let (mut gpu_checked, mut capex_checked) = (0, 0);
    println!(
        "{:<32} {:<12} {:>9} {:>7} {:>9} {:>6} {:>8} {:>8} {:>6}",
        "site", "chip", "GPUs", "MW", "model", "ratio", "$B/GW", "claimed", "ratio"
    );
    for c in &all {
        let s = c.site;
        let fmt = |x: Option<f64>, k: f64| x.map_or("—".into(), |v| format!("{:.0}", v / k));
        println!(
            "{:<32} {:<12} {:>9} {:>7} {:>9} {:>6} {:>8} {:>8} {:>6}   {:?}",
            s.id,
            c.gpu.map_or("—", |g| g.id.as_str()),
            fmt(s.gpus, 1.0),
            fmt(s.power_mw, 1.0),
            fmt(c.model_gpus, 1.0),
            c.gpu_ratio.map_or("—".into(), |r| format!("{r:.2}")),
            c.model_capex_per_gw
                .map_or("—".into(), |v| format!("{:.1}", v / 1e9)),
            s.capex_usd_per_gw
                .map_or("—".into(), |v| format!("{:.0}", v / 1e9)),
            c.capex_ratio.map_or("—".into(), |r| format!("{r:.2}")),
            c.not_compared,
        );
        if let Some(r) = c.gpu_ratio {
            assert!(
                (0.75..=1.25).contains(&r),
                "{}: model ÷ reported GPUs = {r:.2}",
                s.id
            );
            gpu_checked += 1;
        } else if s.gpus.is_some() && s.power_mw.is_some() {
            // Only a power figure that cannot be the whole site's is left out, and says why.
            assert!(
                matches!(
                    c.not_compared,
                    Some(NotCompared::GridAllocation | NotCompared::BelowRackPower)
                ),
                "{}: {:?}",
                s.id,
                c.not_compared
            );
        }
        if let Some(r) = c.capex_ratio
            && s.status != "vendor claim"
        {
            assert!(
                (0.7..=1.3).contains(&r),
                "{}: model ÷ reported capex per GW = {r:.2}",
                s.id
            );
            capex_checked += 1;
        }
    }
    assert!(
        gpu_checked >= 4,
        "GPU count compared for {gpu_checked} sites"
    );
    assert!(
        capex_checked >= 2,
        "capex per GW compared for {capex_checked} figures"
    );
}
