//! Charts render natively to SVG: the same drawing code as the page.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::charts::{Theme, energy_by_generation, si};
use fabrik::model::Scenario;
use fabrik::model::series::generations;
use plotters::prelude::*;

fn render(
    points: &[fabrik::model::series::GenerationPoint],
    claims: energy_by_generation::Claims,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (720, 400)).into_drawing_area();
        let labels = energy_by_generation::Labels {
            y_axis: "J per token",
            gpu_series: "GPU",
            facility_series: "Facility",
            claim: "Claim",
        };
        energy_by_generation::draw(&area, points, Some(0), &labels, claims, &Theme::DARK).unwrap();
    }
    svg
}

#[test]
fn energy_by_generation_draws_a_mark_per_chip_and_series() {
    let pts = generations(&Scenario::default());
    assert_eq!(pts.len(), fabrik::data::catalogue().gpus.len());
    let svg = render(&pts, energy_by_generation::Claims::Show);
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    let circles = svg.matches("<circle").count();
    // One facility circle per chip, the highlight ring, and the legend's circle.
    assert!(circles >= pts.len() + 2, "{circles} circles");
    for p in &pts {
        assert!(svg.contains(&p.label), "axis label {} missing", p.label);
    }
    assert!(svg.contains("J per token") && svg.contains("Claim"));
}

#[test]
fn an_empty_series_still_draws_axes() {
    let svg = render(&[], energy_by_generation::Claims::Show);
    assert!(svg.contains("<svg") && svg.contains("J per token"));
}

#[test]
fn claims_are_marked_only_when_asked() {
    let pts = generations(&Scenario::default());
    let with = render(&pts, energy_by_generation::Claims::Show);
    let without = render(&pts, energy_by_generation::Claims::Hide);
    assert!(with.contains("Claim") && !without.contains("Claim"));
}

#[test]
fn human_numbers_read_well() {
    use fabrik::charts::human;
    assert_eq!(human(0.505), "0.505");
    assert_eq!(human(0.081), "0.081");
    assert_eq!(human(12.44), "12.4");
    assert_eq!(human(85_000_000.0), "85 M");
}

#[test]
fn si_prefixes_read_well() {
    assert_eq!(si(0.000412), "412 µ");
    assert_eq!(si(1530.0), "1.53 k");
    assert_eq!(si(2.5e9), "2.5 G");
    assert_eq!(si(17000.0), "17 k");
    assert_eq!(si(0.4), "400 m");
    assert_eq!(si(f64::NAN), "–");
}
