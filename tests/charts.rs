//! Charts render natively to SVG: the same drawing code as the page.
#![cfg(not(target_arch = "wasm32"))]

use fabrik::charts::palette::Family;
use fabrik::charts::{Look, Theme, energy_by_generation, si};
use fabrik::model::series::generations;
use fabrik::model::step::Physics;
use fabrik::model::{Scenario, claims, serve};
use plotters::prelude::*;

fn render(
    points: &[fabrik::model::series::GenerationPoint],
    claims: energy_by_generation::Claims,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (720, 400)).into_drawing_area();
        let cv = |v: f64| format!("NVIDIA: {v} J");
        let fam = |f: Family| format!("{f:?}");
        let labels = energy_by_generation::Labels {
            y_axis: "J per token",
            gpu_series: "GPU",
            facility_series: "Facility",
            claim: "Claim",
            yours: "Yours",
            claim_value: &cv,
            family: &fam,
        };
        energy_by_generation::draw(
            &area,
            points,
            Some(0),
            None,
            &labels,
            claims,
            &Look {
                theme: Theme::DARK,
                decimal_comma: true,
            },
        )
        .unwrap();
    }
    svg
}

#[test]
fn energy_by_generation_draws_a_mark_per_chip_and_series() {
    let pts = generations(&Scenario::default());
    assert_eq!(pts.len(), fabrik::data::catalogue().gpus.len());
    let svg = render(&pts, energy_by_generation::Claims::Show(claims::claimed()));
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    let circles = svg.matches("<circle").count();
    // One facility circle per chip, the highlight ring, and the legend's dot and ring.
    assert!(circles >= pts.len() + 3, "{circles} circles");
    for p in &pts {
        assert!(svg.contains(&p.label), "axis label {} missing", p.label);
    }
    assert!(svg.contains("J per token") && svg.contains("Claim"));
}

#[test]
fn an_empty_series_still_draws_axes() {
    let svg = render(&[], energy_by_generation::Claims::Show(claims::claimed()));
    assert!(svg.contains("<svg") && svg.contains("J per token"));
}

#[test]
fn claims_are_marked_only_when_asked() {
    let pts = generations(&Scenario::default());
    let with = render(&pts, energy_by_generation::Claims::Show(claims::claimed()));
    let without = render(&pts, energy_by_generation::Claims::Hide);
    assert!(with.contains("Claim") && !without.contains("Claim"));
    // Each claim is a labelled annotation beside its mark.
    assert!(with.contains("NVIDIA: 17000 J") && with.contains("NVIDIA: 0.4 J"));
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

/// Renders with a drawing function into an SVG string; fails the test on a drawing error.
fn svg_of(
    size: (u32, u32),
    f: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> fabrik::charts::DrawResult,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        f(&area).unwrap();
    }
    assert_eq!(svg.matches("<svg").count(), 1, "one SVG document");
    assert!(
        svg.trim_end().ends_with("</svg>"),
        "nothing drawn after the SVG closes"
    );
    svg
}

const LOOK: Look = Look::LIGHT_EN;

#[test]
fn every_chart_draws_its_marks() {
    use fabrik::charts::*;
    use fabrik::model::series;
    let s = Scenario::default();
    let o = fabrik::model::evaluate(&s);

    let fronts = series::frontiers(&s);
    assert_eq!(fronts.len(), series::FRONTIER_GPUS.len());
    let labels = frontier::Labels {
        x_axis: "per user",
        y_axis: "per MW",
        current: "now",
        per_user: "tok/s per user",
        per_mw: "tok/s per MW",
    };
    let svg = svg_of((760, 420), |a| {
        frontier::draw(
            a,
            &fronts,
            Some((
                o.serving.tokens_per_s_per_user,
                o.serving.tokens_per_s_per_mw,
            )),
            None,
            None,
            &labels,
            &LOOK,
        )
    });
    assert!(
        svg.matches("<polyline").count() >= fronts.len(),
        "a line per chip"
    );
    assert!(svg.contains("GB200 FP4") && svg.contains("H100 FP8"));

    let variants: Vec<(String, fabrik::model::cost::CostBreakdown)> =
        series::cost_variants(&s, &serve(&s, &Physics::from_catalogue()))
            .into_iter()
            .map(|(k, b)| (format!("{k:?}"), b))
            .collect();
    let svg = svg_of((760, 420), |a| {
        cost_breakdown::draw(
            a,
            &variants,
            None,
            ["HW", "Bldg", "Power", "Other"],
            "$/M",
            &LOOK,
        )
    });
    assert!(
        svg.matches("<rect").count() >= 4 * variants.len(),
        "four parts per bar"
    );
    assert!(svg.contains("GermanElectricity") && svg.contains("Power"));

    let lines = series::cost_vs_electricity(&s, &serve(&s, &Physics::from_catalogue()));
    let fmt = |u: f64| format!("u={u}");
    let l = cost_sensitivity::Labels {
        x_axis: "$/kWh",
        y_axis: "$/M",
        utilization: &fmt,
        current: "now",
    };
    let svg = svg_of((760, 420), |a| {
        cost_sensitivity::draw(a, &lines, Some((0.081, 0.5)), None, &l, &LOOK)
    });
    assert!(svg.matches("<polyline").count() >= 3);

    let rows = vec![
        ("ours".to_string(), 0.6, 0),
        ("Germany".to_string(), 465.0, 2),
    ];
    let svg = svg_of((760, 300), |a| {
        scale::draw(a, &rows, None, "TWh", "TWh", &LOOK)
    });
    assert!(svg.contains("Germany") && svg.matches("<rect").count() >= 2);

    let pts = series::export_chips(&s);
    assert_eq!(
        pts.len(),
        series::EXPORT_GPUS.len() * series::EXPORT_MODELS.len()
    );
    let value = |a: f64, b: f64| format!("{a:.0} % · {b:.0} %");
    let hover = |p: &series::ChipModelPoint, what: &str, v: f64, _: f64| {
        format!("{} {what} {v}", p.gpu_label)
    };
    let el = export_chips::Labels {
        axis: "share of the H100's",
        per_kj: "per kJ",
        per_usd: "per $",
        value: &value,
        hover: &hover,
    };
    let svg = svg_of((760, 420), |a| {
        export_chips::draw(a, &pts, Some(("h20", "deepseek-r1")), None, &el, &LOOK)
    });
    assert!(
        svg.contains("per kJ") && svg.contains("per $") && svg.contains("100 % · 100 %"),
        "both measures in one drawing, the H100 at 100 %"
    );

    let svg = svg_of((760, 240), |a| {
        power_split::draw(
            a,
            &[("slot".into(), o.power)],
            None,
            ["idle", "mem", "math", "host", "cool"],
            "W",
            &LOOK,
        )
    });
    assert!(svg.contains("cool") && svg.matches("<rect").count() >= 5);

    let c = fabrik::data::catalogue();
    let steps = fabrik::model::claims::waterfall(
        (c.gpu("p100-sxm2").unwrap(), fabrik::model::Precision::Fp16),
        (c.gpu("gb200-nvl72").unwrap(), fabrik::model::Precision::Fp4),
        c.model("gpt-moe-1.8t").unwrap(),
        1024.0,
        512.0,
        &fabrik::model::step::Physics::from_catalogue(),
    );
    assert_eq!(steps.len(), 5);
    let names: Vec<String> = steps.iter().map(|s| format!("{:?}", s.key)).collect();
    let cv = |v: f64| format!("NVIDIA: {v} J");
    let sv = |j: f64, f: f64| format!("{j} J, ×{f}");
    let wl = waterfall::Labels {
        steps: &names,
        unexplained: "gap",
        axis: "J",
        claim_rows: ["2016", "2024"],
        claim_value: &cv,
        step_value: &sv,
    };
    let svg = svg_of((760, 420), |a| {
        waterfall::draw(a, &steps, &claims::claimed(), &wl, &LOOK)
    });
    assert!(svg.contains("ComputePerWatt") && svg.contains("gap"));

    let cmp = fabrik::calibration::compare(&fabrik::model::step::Physics::from_catalogue());
    let groups = fabrik::calibration::group_errors(&cmp);
    let group = |g: &fabrik::calibration::GroupError| format!("{} {}", g.group, g.metric);
    let row = |c: &fabrik::calibration::Comparison| c.id.clone();
    let median = |m: f64| format!("median {m}");
    let cl = calibration::Labels {
        group: &group,
        row: &row,
        splits: ["fit", "held out", "limit", "median"],
        median: &median,
        axis: "ratio",
    };
    let svg = svg_of((760, calibration::height(&cmp, &groups, &cl, &LOOK)), |a| {
        calibration::draw(a, &cmp, &groups, &cl, &LOOK)
    });
    assert!(svg.matches("<circle").count() >= cmp.len(), "a dot per row");
    assert!(svg.contains("mlperf throughput") && svg.contains("h100-steps power"));
}

#[test]
fn the_waterfall_factors_multiply_to_the_total_ratio() {
    let c = fabrik::data::catalogue();
    let steps = fabrik::model::claims::waterfall(
        (c.gpu("p100-sxm2").unwrap(), fabrik::model::Precision::Fp16),
        (c.gpu("b200").unwrap(), fabrik::model::Precision::Fp4),
        c.model("gpt-moe-1.8t").unwrap(),
        1024.0,
        512.0,
        &fabrik::model::step::Physics::from_catalogue(),
    );
    let product: f64 = steps.iter().map(|s| s.factor).product();
    let total =
        steps[0].gpu_joules_per_output_token / steps[steps.len() - 1].gpu_joules_per_output_token;
    assert!((product / total - 1.0).abs() < 1e-9, "{product} vs {total}");
    assert!(
        total > 10.0,
        "eight years of hardware save more than ×10: {total}"
    );
}

/// The waterfall's bars end where the claim card's figures do: its first bar is the old
/// chip's own figure and its last the new chip's (model 2027.03; before, the last bar was the
/// old chip with the new one's datasheet and ended 6 % above the card's figure).
#[test]
fn the_waterfall_ends_at_the_claims_own_figures() {
    let ph = fabrik::model::step::Physics::from_catalogue();
    let (from, to) = fabrik::model::claims::energy_claim_ends(1024.0, 512.0, &ph).unwrap();
    let steps = fabrik::model::claims::energy_claim_waterfall(None, 1024.0, 512.0, &ph);
    assert_eq!(steps[0].gpu_joules_per_output_token, from);
    assert_eq!(steps[steps.len() - 1].gpu_joules_per_output_token, to);
}

#[test]
fn hotspots_carry_exact_values_as_titles() {
    let pts = generations(&Scenario::default());
    let mut svg = String::new();
    let spots = {
        let area = SVGBackend::with_string(&mut svg, (720, 640)).into_drawing_area();
        let cv = |v: f64| format!("NVIDIA: {v} J");
        let fam = |f: Family| format!("{f:?}");
        let labels = energy_by_generation::Labels {
            y_axis: "J",
            gpu_series: "GPU",
            facility_series: "all-in",
            claim: "claim",
            yours: "yours",
            claim_value: &cv,
            family: &fam,
        };
        energy_by_generation::draw(
            &area,
            &pts,
            None,
            None,
            &labels,
            energy_by_generation::Claims::Hide,
            &LOOK,
        )
        .unwrap()
    };
    assert_eq!(spots.len(), 2 * pts.len(), "one per mark");
    assert!(
        spots
            .iter()
            .all(|h| h.x > 0 && h.x < 720 && h.y > 0 && h.y < 640),
        "inside the drawing"
    );
    let out = fabrik::charts::with_hotspots(svg.clone(), &spots);
    assert_eq!(out.matches("<title>").count(), spots.len());
    assert!(out.contains("H100 (2022, FP8)") && out.trim_end().ends_with("</svg>"));
    // Without a pointer over it, the page shows the drawing as it was before the targets.
    assert_eq!(fabrik::charts::without_hotspots(&out), svg.as_str());
    assert_eq!(fabrik::charts::without_hotspots(&svg), svg.as_str());
}

/// Exports stand alone: the chart's title and takeaway above the drawing (wrapped to its
/// width), the provenance line below it, all escaped, the drawing kept whole below the words,
/// on the theme's background.
#[test]
fn an_exported_chart_carries_its_title_takeaway_and_caption() {
    use fabrik::charts::layout::text_width;
    let pts = generations(&Scenario::default());
    let svg = render(&pts, energy_by_generation::Claims::Hide);
    let words = fabrik::charts::ExportWords {
        title: "How much energy does one token take, chip by chip?",
        takeaway: "For Llama 3.1 70B, the Rubin needs 4.7× less energy per token than your H100: 0.295 J against 1.39 J, all-in & <more>.",
        caption: "fabrik, model 2026.11: https://x/?a=1&b=<2>",
    };
    let (out, (w, h)) = fabrik::charts::with_words(&svg, (360, 420), &words, &LOOK);
    assert!(
        out.starts_with(&format!(
            "<svg width=\"360\" height=\"{h}\" viewBox=\"0 0 360 {h}\""
        )),
        "{}",
        &out[..120]
    );
    assert_eq!(w, 360);
    let texts = |class: &str| -> Vec<String> {
        out.split(&format!("<text class=\"{class}\""))
            .skip(1)
            .map(|s| s[s.find('>').unwrap() + 1..s.find("</text>").unwrap()].to_string())
            .collect()
    };
    let (title, takeaway) = (texts("export-title"), texts("export-takeaway"));
    assert!(
        title.len() >= 2 && takeaway.len() >= 3,
        "wrapped at 360 px: {title:?} {takeaway:?}"
    );
    assert_eq!(title.join(" "), words.title);
    assert_eq!(
        takeaway.join(" "),
        words
            .takeaway
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    );
    // Every line fits the width at its size (bold taken a tenth wider).
    for (lines, size) in [(&title, 16.0 * 1.24 * 1.1), (&takeaway, 13.0 * 1.24)] {
        for l in lines {
            assert!(text_width(l, size) <= 360.0 - 16.0, "{l}");
        }
    }
    assert_eq!(
        texts("export-caption"),
        ["fabrik, model 2026.11: https://x/?a=1&amp;b=&lt;2&gt;"]
    );
    // The drawing whole, below the words: 420 px of it, the words above, the caption below.
    let top = out
        .split("<g transform=\"translate(0 ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap();
    assert_eq!(h, top + 420 + 18);
    assert!(top >= 20 * title.len() as u32 + 17 * takeaway.len() as u32);
    let body_start = svg.find('>').unwrap() + 1;
    let body = svg[body_start..].trim_end().strip_suffix("</svg>").unwrap();
    assert!(
        body.len() > 1000 && out.contains(body),
        "the drawing is kept whole"
    );
    assert_eq!(out.matches("<svg").count(), 1);
    assert!(
        out.contains("fill=\"rgb(255,255,255)\""),
        "the theme's background"
    );
}

/// Every family colour and the claims' colour stand out from the background in both colour
/// schemes (WCAG 1.4.11 asks 3 : 1 of graphics; these reach 4.5 : 1), and no two families
/// share a colour.
#[test]
fn chip_families_have_one_contrasting_colour_each() {
    use fabrik::charts::palette::{claim_colour, contrast};
    for theme in [Theme::LIGHT, Theme::DARK] {
        let colours: Vec<RGBColor> = Family::ALL.iter().map(|f| f.colour(&theme)).collect();
        for (f, c) in Family::ALL.iter().zip(&colours) {
            let r = contrast(*c, theme.background);
            assert!(r >= 4.5, "{f:?} on {:?}: {r:.2}", theme.background);
        }
        assert!(contrast(claim_colour(&theme), theme.background) >= 4.5);
        for (i, a) in colours.iter().enumerate() {
            assert!(
                colours[i + 1..].iter().all(|b| b != a),
                "{:?} shares its colour",
                Family::ALL[i]
            );
        }
    }
    assert_eq!(Family::of("h100-sxm"), Family::Hopper);
    assert_eq!(Family::of("h20"), Family::Hopper);
    assert_eq!(Family::of("gb300-nvl72"), Family::Blackwell);
    assert_eq!(Family::of("mi355x"), Family::Amd);
    assert_eq!(Family::of("ascend-910c"), Family::Huawei);
    assert_eq!(Family::of("p100-sxm2"), Family::Pascal);
}

/// The page's charts as the page draws them, at a phone's and at the desktop's width.
fn page_charts(width: u32, l: fabrik::words::Lang) -> Vec<fabrik::words::charts::Drawn> {
    let s = Scenario::default();
    let sv = serve(&s, &Physics::from_catalogue());
    let o = fabrik::model::economics(&s, &sv);
    let look = Look {
        theme: Theme::LIGHT,
        decimal_comma: l == fabrik::words::Lang::De,
    };
    fabrik::words::charts::all(l, &s, &sv, &o, None, &look, width)
}

/// A chart's height follows its rows, never the width: the page built with the site (drawn
/// 760 px wide) and the app's drawing on a phone take the same room, so nothing moves when
/// the app redraws; and the short charts are short.
#[test]
fn heights_follow_the_rows_not_the_width() {
    use fabrik::words::Lang;
    let wide = page_charts(760, Lang::En);
    let narrow = page_charts(300, Lang::En);
    for (a, b) in wide.iter().zip(&narrow) {
        assert_eq!(a.height, b.height, "{}", a.name);
        assert!(a.height > 100, "{} is drawn", a.name);
        assert!(
            a.svg.contains(&format!("height=\"{}\"", a.height)),
            "{}",
            a.name
        );
    }
    let h = |n: &str| wide.iter().find(|d| d.name == n).unwrap().height;
    assert!(h("power-split") < 200, "one row: {}", h("power-split"));
    assert!(
        h("scale") < h("calibration"),
        "five rows, fewer than the groups"
    );
}

/// No label is turned, no tick reads "100 m" or "1.5 k": numbers are written as a reader
/// writes them, in both languages; every chart has a question for a title and a takeaway.
#[test]
fn labels_are_level_and_numbers_read_as_readers_write_them() {
    use fabrik::words::Lang;
    for l in [Lang::En, Lang::De] {
        for d in page_charts(300, l) {
            assert!(!d.svg.contains("rotate("), "{}: a turned label", d.name);
            let texts: Vec<&str> = d
                .svg
                .split("<text")
                .skip(1)
                .filter_map(|t| t.split('>').nth(1))
                .map(|t| t.split('<').next().unwrap_or("").trim())
                .collect();
            assert!(texts.len() > 5, "{}: {texts:?}", d.name);
            for t in texts {
                let si = [" k", " m", " µ", " M", " G"]
                    .iter()
                    .any(|p| t.ends_with(p) && t.len() > p.len());
                assert!(!si, "{}: an SI prefix in {t:?}", d.name);
                if l == Lang::De {
                    assert!(!t.contains("million"), "{}: English in {t:?}", d.name);
                }
            }
            assert!(d.title.ends_with('?'), "{}: {}", d.name, d.title);
            assert!(d.takeaway.len() > 30, "{}: {}", d.name, d.takeaway);
            assert!(!d.takeaway.contains("NaN") && !d.takeaway.contains("inf"));
        }
    }
}

/// Takeaways are computed, not typed: they follow the scenario.
#[test]
fn takeaways_follow_the_scenario() {
    use fabrik::words::Lang;
    use fabrik::words::charts as w;
    let pts = generations(&Scenario::default());
    let h100 = pts.iter().position(|p| p.gpu_id == "h100-sxm");
    let b200 = pts.iter().position(|p| p.gpu_id == "b200");
    let a = w::energy_takeaway(Lang::En, &pts, h100, "llama-3.1-70b");
    let b = w::energy_takeaway(Lang::En, &pts, b200, "llama-3.1-70b");
    assert_ne!(a, b);
    assert!(a.contains("H100") && a.contains("Llama"), "{a}");
    let (cmp, _) = w::calibration();
    assert_ne!(
        w::calibration_takeaway(Lang::En, cmp, "h100-sxm"),
        w::calibration_takeaway(Lang::En, cmp, "b200")
    );
    assert!(w::calibration_takeaway(Lang::De, cmp, "rubin-nvl144").starts_with("Keine Messung"));
}

/// The frontier's measured marks: InferenceMAX's configurations of the scenario's chip, model
/// and precision as crosses with a legend entry, and the sentence that sets the nearest one
/// beside the model's frontier; none (and a sentence saying what was measured) elsewhere.
#[test]
fn frontier_draws_measured_configurations_beside_the_model() {
    use fabrik::model::series;
    use fabrik::text::Lang;
    use fabrik::words::charts::{frontier_svg, measured_marks, measured_sentence};
    let s = fabrik::scenario::parse_query(
        "gpu=b200&model=deepseek-r1&precision=fp4&prompt=1024&output=1024",
    )
    .scenario;
    let o = fabrik::model::evaluate(&s);
    let marks = measured_marks(Lang::En, &s, &o);
    assert!(marks.points.len() >= 10, "{}", marks.points.len());
    assert_eq!((marks.prompt, marks.output), (1024.0, 1024.0));
    assert!(!marks.model.is_empty());
    let fronts = series::frontiers(&s);
    let current = (
        o.serving.tokens_per_s_per_user,
        o.serving.tokens_per_s_per_mw,
    );
    let with = frontier_svg(Lang::En, &fronts, current, &marks, None, &LOOK, 760);
    let mut none = marks.clone();
    none.points.clear();
    let without = frontier_svg(Lang::En, &fronts, current, &none, None, &LOOK, 760);
    // Two strokes per cross, one more entry in the legend.
    assert!(
        with.matches("<polyline").count()
            >= without.matches("<polyline").count() + 2 * marks.points.len()
    );
    assert!(with.contains("Measured, 1,024 → 1,024 tokens (InferenceMAX)"));
    let sentence = measured_sentence(Lang::En, &marks, "B200", o.serving.tokens_per_s_per_user);
    assert!(
        sentence.contains("configurations InferenceMAX measured"),
        "{sentence}"
    );
    assert!(sentence.contains("SGLang"), "{sentence}");
    // A chip and model the benchmark did not run: no marks, and the sentence says so.
    let d = fabrik::model::Scenario::default();
    let od = fabrik::model::evaluate(&d);
    let empty = measured_marks(Lang::De, &d, &od);
    assert!(empty.points.is_empty() && empty.model.is_empty());
    assert!(measured_sentence(Lang::De, &empty, "H100", 20.0).contains("keine Konfiguration"));
}

/// Compare mode: every chart that shows the reader's scenario marks scenario A beside it (a
/// diamond titled with A's own figure) and says so in its takeaway; the two charts that do not
/// show the reader's scenario (the claim's waterfall, the calibration) stay as they are, and
/// nothing of A is drawn without a comparison.
#[test]
fn compare_mode_marks_scenario_a_with_its_own_figures() {
    use fabrik::words::Lang;
    use fabrik::words::charts as w;
    // A: the default (H100, Llama 3.1 70B); B: the same chip and model with longer answers and
    // dearer power, so A's figures differ from B's at the same chip.
    let a_s = Scenario::default();
    let b_s = fabrik::scenario::parse_query("output=4096&usd_per_kwh=0.2&power_mw=300").scenario;
    let (a_o, b_o) = (fabrik::model::evaluate(&a_s), fabrik::model::evaluate(&b_s));
    let sv = serve(
        &fabrik::model::physics_key(&b_s),
        &Physics::from_catalogue(),
    );
    let a = w::ScenarioA { s: &a_s, o: &a_o };
    let marked = [
        "energy-by-generation",
        "frontier",
        "cost-breakdown",
        "cost-sensitivity",
        "scale",
        "export-chips",
        "power-split",
    ];
    for l in [Lang::En, Lang::De] {
        let look = Look {
            theme: Theme::LIGHT,
            decimal_comma: l == Lang::De,
        };
        let with = w::all(l, &b_s, &sv, &b_o, Some(a), &look, 760);
        let without = w::all(l, &b_s, &sv, &b_o, None, &look, 760);
        let label = w::pinned_label(l);
        for (c, n) in with.iter().zip(&without) {
            assert!(
                !n.svg.contains(label),
                "{}: no A without a comparison",
                n.name
            );
            if marked.contains(&c.name) {
                assert!(
                    c.svg.contains(&format!("<title>{label}: ")),
                    "{}: A's mark with its hover text",
                    c.name
                );
                assert!(
                    c.takeaway.starts_with(&n.takeaway) && c.takeaway.len() > n.takeaway.len() + 20,
                    "{}: the takeaway adds a sentence about A: {}",
                    c.name,
                    c.takeaway
                );
                assert!(
                    c.takeaway.contains("Szenario A")
                        || c.takeaway.contains("scenario A")
                        || c.takeaway.contains("factory A")
                        || c.takeaway.contains("Fabrik A"),
                    "{}: {}",
                    c.name,
                    c.takeaway
                );
            } else {
                assert_eq!(c.svg, n.svg, "{}: unchanged", c.name);
                assert_eq!(c.takeaway, n.takeaway, "{}: unchanged", c.name);
            }
        }
    }
    // A's own figures, never B's at A's chip: the energy chart's diamond says A's joules per
    // token (its chip's generation point is its outcome), which differ from B's on that row.
    let pts = generations(&a_s);
    let own = pts.iter().find(|p| p.gpu_id == a_o.gpu).unwrap();
    assert_eq!(
        own.facility_joules_per_output_token,
        a_o.serving.facility_joules_per_output_token
    );
    let (ja, jb) = (
        w::rd(Lang::En, a_o.serving.facility_joules_per_output_token),
        w::rd(Lang::En, b_o.serving.facility_joules_per_output_token),
    );
    assert_ne!(ja, jb);
    let energy = &w::all(Lang::En, &b_s, &sv, &b_o, Some(a), &LOOK, 760)[0];
    assert!(
        energy
            .svg
            .contains(&format!("<title>Scenario A (pinned): H100 with Llama 3.1 70B (FP8), {ja} J per token, all-in</title>")),
        "{}",
        energy.takeaway
    );
    assert!(energy.takeaway.contains(&format!("{ja} J per token")));
}

/// The link preview (og.png) at its drawing's size: the chart's question and what it shows,
/// every chip of NVIDIA's line 2016 → 2026 and NVIDIA's two claims, the model version, and no
/// text outside the picture (its size is fixed: the rows squeeze, nothing is clipped).
#[test]
fn the_link_preview_shows_the_whole_line_and_the_claim_unclipped() {
    use fabrik::charts::layout::text_width;
    use fabrik::words::Lang;
    let s = Scenario {
        model: claims::ENERGY_CLAIM_MODEL.into(),
        ..Scenario::default()
    };
    let pts = generations(&s);
    let (w, h) = (857, 450);
    let svg = fabrik::words::charts::preview_svg(Lang::En, &pts, &LOOK, (w, h));
    assert_eq!(fabrik::charts::layout::svg_size(&svg), Some((w, h)));
    // Every text element: its anchor point, size, anchor and words.
    let texts: Vec<(f64, f64, f64, bool, String)> = svg
        .split("<text ")
        .skip(1)
        .map(|t| {
            let attr = |name: &str| {
                t.split(&format!(" {name}=\""))
                    .nth(1)
                    .or_else(|| t.strip_prefix(&format!("{name}=\"")))
                    .and_then(|v| v.split('"').next())
                    .unwrap_or("")
                    .to_string()
            };
            let num = |name: &str| attr(name).parse::<f64>().unwrap_or(f64::NAN);
            let words = t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()]
                .trim()
                .to_string();
            let start = attr("text-anchor").is_empty() || attr("text-anchor") == "start";
            (num("x"), num("y"), num("font-size"), start, words)
        })
        .collect();
    let all: String = texts
        .iter()
        .map(|t| t.4.as_str())
        .collect::<Vec<_>>()
        .join("|");
    let c = fabrik::data::catalogue();
    for id in fabrik::words::TIMELINE {
        let short = &c.gpu(id).unwrap().short;
        assert!(texts.iter().any(|t| &t.4 == short), "{short} in {all}");
    }
    for claim in ["NVIDIA: 17,000 J", "NVIDIA: 0.4 J"] {
        assert!(texts.iter().any(|t| t.4 == claim), "{claim} in {all}");
    }
    assert!(all.contains("How much energy does one token take, chip by chip?"));
    assert!(all.contains("GPT-MoE-1.8T") && all.contains(c.model_version()));
    for (x, y, size, start, words) in &texts {
        assert!(*y > 0.0 && *y < f64::from(h), "{words} at y = {y}");
        let right = if *start {
            x + text_width(words, size * 1.24)
        } else {
            *x
        };
        assert!(
            *x >= 0.0 && right <= f64::from(w),
            "{words} from x = {x} to {right}"
        );
    }
}
