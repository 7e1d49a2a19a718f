//! Carbon (`model::carbon`): CO₂ of the facility's energy on the grid the reader picks, checked
//! by hand against the formulas, and every grid's intensity sourced in `data/grids.json`.

#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cli.rs"]
mod cli;

use fabrik::data::catalogue;
use fabrik::model::{Notice, Scenario, evaluate};
use fabrik::scenario::{evaluate_query, parse_query, to_query};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

#[test]
fn every_grid_is_sourced_with_its_year() {
    let c = catalogue();
    let ids: Vec<&str> = c.grids.iter().map(|g| g.id.as_str()).collect();
    for id in ["de", "fr", "us", "tx", "va", "cn", "no", "world"] {
        assert!(ids.contains(&id), "grids.json lacks {id}");
    }
    for g in &c.grids {
        let src = g.sources.get("g_per_kwh").map_or("", String::as_str);
        assert!(src.contains("http"), "{}: no source URL", g.id);
        assert!(
            (2020..=2026).contains(&g.year) && src.contains(&g.year.to_string()),
            "{}: year {} not in its source",
            g.id,
            g.year
        );
        assert!(g.g_per_kwh > 0.0 && g.g_per_kwh < 1000.0, "{}", g.id);
        assert!(!g.name_en.is_empty() && !g.name_de.is_empty(), "{}", g.id);
        // The source quotes the figure itself ("381 g CO2e/kWh") or the arithmetic that ends
        // in it ("= 318 g/kWh").
        let v = g.g_per_kwh;
        assert!(
            src.contains(&format!("{v} g")) || src.contains(&format!("= {v} g/kWh")),
            "{}: {v} g/kWh is not in its source",
            g.id
        );
    }
    for k in ["car_g_co2_per_km", "flight_fra_jfk_kg_co2", "reactor_mw"] {
        assert!(c.constant(k) > 0.0, "constants.json lacks {k}");
        assert!(c.constants[k].source.len() > 40, "{k}: no source");
    }
}

/// What a grid's intensity counts, from the first words of its notes.
#[derive(Debug, PartialEq)]
enum Method {
    /// Stack CO₂ of the fuel burned (EIA, eGRID, PJM, UBA).
    Direct,
    /// CO₂ equivalents over the life cycle: upstream methane, supply chain, plant manufacturing
    /// (Ember).
    LifeCycle,
}

fn method(g: &fabrik::data::Grid) -> Method {
    if g.notes.starts_with("Method: direct CO2") {
        Method::Direct
    } else if g.notes.starts_with("Method: life-cycle CO2e") {
        Method::LifeCycle
    } else {
        panic!(
            "{}: the notes must begin with its method ('Method: direct CO2' or 'Method: life-cycle CO2e'), not {:?}",
            g.id, g.notes
        )
    }
}

#[test]
fn every_grid_says_its_method_and_those_compared_share_one() {
    let c = catalogue();
    for g in &c.grids {
        let src = g.sources.get("g_per_kwh").map_or("", String::as_str);
        // Ember counts the life cycle; EIA, EPA's eGRID and PJM the CO₂ from the stack.
        let ember = src.starts_with("Ember");
        assert_eq!(
            method(g) == Method::LifeCycle,
            ember,
            "{}: the method in the notes does not match the source",
            g.id
        );
        // The flag the page's picker shows ("life cycle" / "at the plant") says the same.
        assert_eq!(
            g.life_cycle,
            method(g) == Method::LifeCycle,
            "{}: life_cycle disagrees with the notes",
            g.id
        );
        assert!(
            g.notes.contains("per kWh") || g.notes.contains("per MWh"),
            "{}: the notes say not what the intensity is per (generated or consumed)",
            g.id
        );
    }
    // The countries and the world compare with each other, on Ember's one method; the US
    // average and its two grids with each other, on the direct one.
    for id in ["de", "fr", "cn", "no", "world"] {
        assert_eq!(method(c.grid(id).unwrap()), Method::LifeCycle, "{id}");
    }
    for id in ["us", "tx", "va"] {
        assert_eq!(method(c.grid(id).unwrap()), Method::Direct, "{id}");
    }
}

/// The picker names each grid's method, so a reader does not set a life-cycle figure beside a
/// plant's as if they counted the same.
#[test]
fn the_grid_picker_says_each_method() {
    use fabrik::text::Lang;
    let c = catalogue();
    let de = fabrik::words::carbon::grid_option(Lang::En, c.grid("de").unwrap());
    let us = fabrik::words::carbon::grid_option(Lang::De, c.grid("us").unwrap());
    assert!(de.contains("CO₂e/kWh") && de.contains("life cycle"), "{de}");
    assert!(
        us.contains("CO₂/kWh") && us.contains("im Kraftwerk"),
        "{us}"
    );
}

#[test]
fn the_intensities_follow_from_the_figures_their_sources_publish() {
    let c = catalogue();
    const LB_G: f64 = 453.592_37;
    // (grid, figure as the source publishes it, that figure in g CO₂/kWh)
    for (id, quoted, g_per_kwh) in [
        // EIA: 0.81 lb CO₂ per kWh.
        ("us", "0.81 pounds", 0.81 * LB_G),
        // eGRID2024, ERCT total output rate: 700.7 lb CO₂ per MWh.
        ("tx", "700.7 lb/MWh", 700.7 * LB_G / 1000.0),
        // PJM system average 2023: 732 lb CO₂ per MWh.
        ("va", "732 lb/MWh", 732.0 * LB_G / 1000.0),
        // Ember via OWID, read in g CO₂e per kWh.
        ("de", "381 g CO2e/kWh in 2023", 381.0),
    ] {
        let g = c.grid(id).unwrap();
        let src = &g.sources["g_per_kwh"];
        assert!(
            src.contains(quoted),
            "{id}: its source no longer quotes {quoted}"
        );
        assert_eq!(
            g.g_per_kwh,
            g_per_kwh.round(),
            "{id}: {quoted} is {g_per_kwh:.1} g/kWh"
        );
    }
    // EIA's unrounded figures (1,532 million t over 4,183,271 million kWh) agree within EIA's
    // rounding to 0.81 lb.
    assert!((1532e12 / 4_183_271e6 - c.grid("us").unwrap().g_per_kwh).abs() < 1.5);
    // PJM's 2019 rate (851.19 lb/MWh, 34 % below 2005) at 43 % below 2005 in 2023: within the
    // rounding of the two percentages of the 732 lb/MWh reported.
    let pjm_2023: f64 = 851.19 * 0.57 / 0.66;
    assert!((pjm_2023 - 732.0).abs() / 732.0 < 0.02, "{pjm_2023}");
}

#[test]
fn the_flight_is_the_great_circle_times_the_epa_long_haul_factor() {
    let c = catalogue();
    let src = &c.constants["flight_fra_jfk_kg_co2"].source;
    for quoted in [
        "50.033 N, 8.571 E",
        "40.641 N, 73.778 W",
        "0.143 kg CO2 per passenger-mile",
    ] {
        assert!(
            src.contains(quoted),
            "the flight's source no longer quotes {quoted}"
        );
    }
    // Haversine on the mean Earth radius.
    let (lat1, lon1, lat2, lon2) = (
        50.033_f64.to_radians(),
        8.571_f64.to_radians(),
        40.641_f64.to_radians(),
        (-73.778_f64).to_radians(),
    );
    let a = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    let km = 2.0 * 6371.0 * a.sqrt().asin();
    let miles = km / 1.609_344;
    assert_eq!(km.round(), 6189.0);
    assert_eq!(miles.round(), 3846.0);
    // At least 2,300 miles: EPA's long-haul class.
    assert!(miles >= 2300.0);
    assert_eq!(c.constant("flight_fra_jfk_kg_co2"), (miles * 0.143).round());
}

#[test]
fn the_figures_follow_the_facility_energy_and_the_intensity() {
    let c = catalogue();
    for q in [
        "",
        "grid=de",
        "grid=no&gpu=b200&precision=fp4",
        "grid=350&pue=1.6",
        "grid=cn&model=deepseek-r1&gpu=gb200-nvl72&utilization=0.3",
    ] {
        let o = evaluate_query(q);
        let i = o.carbon.grid.g_co2_per_kwh;
        let k = &o.carbon;
        // Facility (all-in) energy, never the GPU board's alone.
        assert!(
            close(k.g_co2_per_answer, o.serving.wh_per_request / 1000.0 * i),
            "{q}"
        );
        assert!(
            close(
                k.kg_co2_per_million_tokens,
                o.serving.facility_joules_per_output_token * 1e6 / 3.6e6 * i / 1000.0
            ),
            "{q}"
        );
        assert!(
            close(k.tonnes_co2_per_year, o.factory.energy_gwh_per_year * i),
            "{q}"
        );
        assert!(
            close(
                k.car_m_per_answer,
                k.g_co2_per_answer / c.constant("car_g_co2_per_km") * 1000.0
            ),
            "{q}"
        );
        assert!(
            close(
                k.flights_per_year,
                k.tonnes_co2_per_year * 1000.0 / c.constant("flight_fra_jfk_kg_co2")
            ),
            "{q}"
        );
        assert!(
            close(
                k.reactor_share,
                o.factory.average_facility_mw / c.constant("reactor_mw")
            ),
            "{q}"
        );
        assert!(
            k.g_co2_per_answer > 0.0 && k.tonnes_co2_per_year > 0.0,
            "{q}"
        );
    }
}

#[test]
fn the_grid_changes_only_the_carbon() {
    let c = catalogue();
    let us = evaluate(&Scenario::default());
    assert_eq!(us.carbon.grid.id, "us");
    assert_eq!(us.carbon.grid.g_co2_per_kwh, 367.0);
    let de = evaluate_query("grid=de");
    let fr = evaluate_query("grid=FR");
    assert_eq!((de.carbon.grid.id, fr.carbon.grid.id), ("de", "fr"));
    // The same energy, the intensities' ratio in CO₂.
    assert_eq!(de.serving, fr.serving);
    assert_eq!(de.factory, fr.factory);
    assert!(close(
        de.carbon.g_co2_per_answer / fr.carbon.g_co2_per_answer,
        c.grid("de").unwrap().g_per_kwh / c.grid("fr").unwrap().g_per_kwh
    ));
    // A number from the link wins over the named grid, and is named `custom`.
    let n = evaluate_query("grid=de&grid=350");
    assert_eq!(
        (n.carbon.grid.id, n.carbon.grid.g_co2_per_kwh),
        ("custom", 350.0)
    );
    assert_eq!(n.carbon.grid.year, None);
    let zero = evaluate_query("grid=0");
    assert_eq!(zero.carbon.tonnes_co2_per_year, 0.0);
}

#[test]
fn grids_round_trip_and_bad_values_are_named() {
    for q in ["grid=tx", "grid=va&grid=120.5", "grid=1500", "grid=0"] {
        let p = parse_query(q);
        assert!(p.warnings.is_empty(), "{q}: {:?}", p.warnings);
        let again = parse_query(&to_query(&p.scenario));
        assert_eq!(again.scenario, p.scenario, "{q}");
    }
    assert!(
        to_query(&parse_query("grid=us").scenario)
            .ends_with(&format!("m={}", catalogue().model_version()))
    );
    let p = parse_query("grid=mars&grid=-5&grid=99999");
    let codes: Vec<&str> = p.warnings.iter().map(Notice::code).collect();
    assert_eq!(codes, ["not_in_catalogue", "out_of_range", "out_of_range"]);
    assert_eq!(p.scenario, Scenario::default());
    // A scenario built in code is clamped to the same range, with a notice.
    let s = Scenario {
        grid_g_per_kwh: Some(1e6),
        ..Scenario::default()
    };
    let o = evaluate(&s);
    assert_eq!(o.carbon.grid.g_co2_per_kwh, 1500.0);
    assert!(o.warnings.iter().any(|w| w.code() == "clamped"));
}

#[test]
fn the_cli_prints_the_carbon() {
    let v: serde_json::Value =
        serde_json::from_slice(&cli::cli(&["eval", "grid=no"])).expect("JSON");
    assert_eq!(v["carbon"]["grid"]["id"], "no");
    assert_eq!(v["carbon"]["grid"]["g_co2_per_kwh"], 30.0);
    assert!(
        v["carbon"]["g_co2_per_answer"]
            .as_f64()
            .is_some_and(|g| g > 0.0)
    );
    assert!(
        v["carbon"]["tonnes_co2_per_year"]
            .as_f64()
            .is_some_and(|t| t > 0.0)
    );
}
