//! InferenceMAX's mixture-of-experts serving benchmark against the model (`fabrik-cli
//! calibrate` prints the same per-family tables): the rows as read (layouts, pools, KV cache,
//! MTP drafts as each run set them), the bounds of issue "Model 3" on them, the grid fits of the
//! constants they pin, and the published rows of families never fitted.

#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cli.rs"]
mod cli;

use fabrik::calibration::median;
use fabrik::data::catalogue;
use fabrik::model::step::Physics;

/// |ln(model ÷ measured)| of a row's tokens/s per user under the catalogue in force (what the
/// grid fits over InferenceMAX rows minimise the median of).
fn user_log_error(r: &fabrik::calibration::ServingRow, ph: &Physics) -> f64 {
    let o = fabrik::model::evaluate_with(&fabrik::scenario::parse_query(&r.query).scenario, ph);
    (o.serving.tokens_per_s_per_user / r.tokens_per_s_per_user)
        .ln()
        .abs()
}

/// InferenceMAX's mixture-of-experts serving (issue "Model 3"): the issue asks, on
/// single-server rows without speculative decoding, median |error| ≤ 15 % and max ≤ 50 % on
/// output tokens/s per GPU and tokens/s per user: the median bound, ≤ 15 % (13.3 % and
/// 13.5 % with model 2027.03), and every row computable. The max ≤ 50 % is not met:
/// MI300X with SGLang is up to 2.5× optimistic at low concurrency and a few B200 rows report
/// less output per GPU than their concurrency and speed imply; the max is held near today's
/// level so that it cannot grow unseen (≤ 150 % until model 2027.05; 155 % with 2027.06, whose
/// refit of the HBM efficiency moved the AMD per-layer cost on its grid from 130 to 120 µs,
/// which makes MI300X's fixed-cost-bound rows faster still: ≤ 160 %; 149 % with 2027.10, which
/// reads MI300X's rows with the 16-bit KV cache their script left at SGLang's default: ≤ 150 %
/// again). With 2027.10 the medians are 13.4 % and 13.8 %; with 2028.07 13.5 % and 14.4 %; with 2028.09
/// (gpt-oss's MXFP4 experts at the arithmetic their kernels use) 13.5 % and 14.5 %.
#[test]
fn inferencemax_single_server_rows_do_not_get_worse() {
    use fabrik::calibration::inferencemax_rows;
    use fabrik::scenario::parse_query;
    let ph = Physics::from_catalogue();
    let rows: Vec<_> = inferencemax_rows()
        .iter()
        .filter(|r| !r.disaggregated && !r.speculative)
        .collect();
    assert!(rows.len() >= 250, "{} single-server rows", rows.len());
    let (mut tps, mut user) = (Vec::new(), Vec::new());
    for r in &rows {
        let p = parse_query(&r.query);
        assert!(p.warnings.is_empty(), "{}: {:?}", r.query, p.warnings);
        let o = fabrik::model::evaluate_with(&p.scenario, &ph);
        let (a, b) = (
            o.serving.output_tokens_per_s_per_gpu / r.output_tokens_per_s_per_gpu - 1.0,
            o.serving.tokens_per_s_per_user / r.tokens_per_s_per_user - 1.0,
        );
        assert!(a.is_finite() && b.is_finite(), "{}", r.query);
        tps.push(a.abs());
        user.push(b.abs());
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    let (xt, xu) = (max(&tps), max(&user));
    let (mt, mu) = (median(tps), median(user));
    println!(
        "InferenceMAX single-server rows: median |error| {mt:.3} tokens/s per GPU, {mu:.3} per user; max {xt:.3}, {xu:.3}"
    );
    assert!(mt <= 0.15 && mu <= 0.15, "{mt} {mu}");
    assert!(xt <= 1.5 && xu <= 1.5, "{xt} {xu}");
}

/// All InferenceMAX rows, speculative and disaggregated ones included (issue "Model 3" asks
/// median ≤ 20 %): every row computable, disaggregated rows served on their two pools, and
/// the median |error| of output tokens/s per GPU and per user within the 20 % (13.9 %
/// and 13.8 % with model 2027.05, disaggregated rows read over both pools).
#[test]
fn inferencemax_all_rows_with_both_pools() {
    use fabrik::calibration::inferencemax_rows;
    use fabrik::scenario::parse_query;
    let ph = Physics::from_catalogue();
    let rows = inferencemax_rows();
    assert!(rows.len() >= 390, "{} rows", rows.len());
    let (mut tps, mut user) = (Vec::new(), Vec::new());
    for r in rows {
        let p = parse_query(&r.query);
        assert!(p.warnings.is_empty(), "{}: {:?}", r.query, p.warnings);
        let o = fabrik::model::evaluate_with(&p.scenario, &ph);
        assert_eq!(o.pools.is_some(), r.disaggregated, "{}", r.query);
        let (a, b) = (
            o.serving.output_tokens_per_s_per_gpu / r.output_tokens_per_s_per_gpu - 1.0,
            o.serving.tokens_per_s_per_user / r.tokens_per_s_per_user - 1.0,
        );
        assert!(
            a.is_finite() && b.is_finite() && o.serving.ttft_s > 0.0,
            "{}",
            r.query
        );
        tps.push(a.abs());
        user.push(b.abs());
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mt, mu) = (median(tps), median(user));
    println!("InferenceMAX, all rows: median |error| {mt:.3} tokens/s per GPU, {mu:.3} per user");
    assert!(mt <= 0.20 && mu <= 0.20, "{mt} {mu}");
}

/// A measured row's output tokens/s per GPU counts every GPU of the server, both pools when
/// disaggregated (InferenceMAX's own column divides a disaggregated server's output by its
/// decode GPUs alone; the reader rescales it by `D/(P + D)`). Checked against Little's law
/// on the row's own figures: `conc` requests, each `ttft + osl/speed` long, make
/// `conc · osl / (ttft + osl/speed)` tokens/s on `P + D` GPUs. Measured throughput sits a
/// little below it (answers average 0.9 · osl at the benchmark's range ratio 0.8; medians
/// are not means), so the median ratio lies in 0.8–1.05 for either kind of server; read per
/// decode GPU, the disaggregated rows' ratio would be about 1.3 or more.
#[test]
fn measured_output_per_gpu_counts_both_pools() {
    use fabrik::calibration::inferencemax_rows;
    use fabrik::scenario::parse_query;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    for disaggregated in [false, true] {
        let ratios: Vec<f64> = inferencemax_rows()
            .iter()
            .filter(|r| r.disaggregated == disaggregated && !r.speculative)
            .map(|r| {
                let s = parse_query(&r.query).scenario;
                let gpus = if disaggregated {
                    f64::from(s.disagg.prefill_gpus.unwrap() + s.disagg.decode_gpus.unwrap())
                } else {
                    f64::from(s.gpus_per_replica)
                };
                assert_eq!(r.gpus, gpus, "{}", r.query);
                let little = r.conc * r.output / (r.ttft_s + r.output / r.tokens_per_s_per_user);
                let ratio = r.output_tokens_per_s_per_gpu * gpus / little;
                assert!((r.little_ratio() - ratio).abs() < 1e-12, "{}", r.query);
                ratio
            })
            .collect();
        assert!(ratios.len() >= 60, "{}", ratios.len());
        let m = median(ratios);
        assert!(
            (0.8..=1.05).contains(&m),
            "disaggregated {disaggregated}: median {m}"
        );
    }
}

/// `fabrik-cli calibrate --rows`: every InferenceMAX row beside the model, tab-separated, the
/// errors those of the rows' queries and the data's own Little's-law check beside them.
#[test]
fn cli_lists_every_inferencemax_row() {
    let text = String::from_utf8(cli::cli(&["calibrate", "--rows"])).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    // The rows of the fitted file, then the published rows never fitted, each said so.
    let all: Vec<(&str, &fabrik::calibration::ServingRow)> =
        fabrik::calibration::inferencemax_rows()
            .iter()
            .map(|r| ("inferencemax", r))
            .chain(
                fabrik::calibration::public_rows()
                    .iter()
                    .map(|r| ("public", r)),
            )
            .collect();
    assert_eq!(rows.len(), all.len());
    let num = |r: &[&str], name: &str| r[col(name)].parse::<f64>().unwrap();
    for (r, (set, row)) in rows.iter().zip(all) {
        assert_eq!(r.len(), header.len());
        assert_eq!(r[col("set")], set);
        assert_eq!(r[col("family")], row.family);
        assert_eq!(r[col("query")], row.query);
        let (m, g) = (num(r, "gpu_measured"), num(r, "gpu_model"));
        assert!(
            (num(r, "gpu_error") - (g / m - 1.0)).abs() < 2e-3,
            "{}",
            row.query
        );
        let (mu, u) = (num(r, "user_measured"), num(r, "user_model"));
        assert!(
            (num(r, "user_error") - (u / mu - 1.0)).abs() < 2e-3,
            "{}",
            row.query
        );
        assert!(num(r, "little") > 0.0);
    }
}

/// The frontier chart's measured marks: InferenceMAX's rows for the chip, model and precision
/// at the benchmark lengths closest to the reader's, per MW at the board limit.
#[test]
fn measured_frontier_points_follow_the_scenario() {
    use fabrik::calibration::measured_frontier;
    use fabrik::model::Precision;
    let c = fabrik::data::catalogue();
    let b200 = c.gpu("b200").unwrap();
    let (isl, osl, pts) =
        measured_frontier(b200, "deepseek-r1", Precision::Fp4, 1000.0, 900.0, 1.2);
    assert_eq!((isl, osl), (1024.0, 1024.0));
    assert!(pts.len() >= 10, "{}", pts.len());
    let (isl, osl, long) =
        measured_frontier(b200, "deepseek-r1", Precision::Fp4, 6000.0, 800.0, 1.2);
    assert_eq!((isl, osl), (8192.0, 1024.0));
    assert!(!long.is_empty());
    // Per MW: tokens/s per GPU over the board limit and host, × PUE.
    let row = fabrik::calibration::inferencemax_rows()
        .iter()
        .find(|r| {
            r.gpu == "b200" && r.model == "deepseek-r1" && r.prompt == 1024.0 && r.output == 1024.0
        })
        .unwrap();
    let watts = (b200.tdp_w + b200.host_w_per_gpu) * 1.2;
    assert!(pts.iter().any(|p| {
        (p.tokens_per_s_per_mw - row.output_tokens_per_s_per_gpu * 1e6 / watts).abs() < 1e-6
    }));
    // A model the benchmark did not run: no points.
    let (_, _, none) =
        measured_frontier(b200, "llama-3.1-70b", Precision::Fp4, 1024.0, 1024.0, 1.2);
    assert!(none.is_empty());
}

/// `inferencemax_errors` takes families in the file's order: each family's rows together, the
/// families sorted (so the CLI, the page and the tests list them alike).
#[test]
fn inferencemax_families_are_contiguous_and_sorted() {
    let rows = fabrik::calibration::inferencemax_rows();
    let mut seen: Vec<&str> = Vec::new();
    for r in rows {
        if seen.last() != Some(&r.family.as_str()) {
            assert!(
                !seen.contains(&r.family.as_str()),
                "{} split in two",
                r.family
            );
            seen.push(&r.family);
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 14);
}

/// `mtp_chain_acceptance` is what its source says: of the grid 0, 0.025, …, 0.85, the value
/// with the least median |ln(model ÷ measured)| of tokens/s per user over InferenceMAX's rows
/// with MTP, each read with the draft tokens its run set (checked on the recorded value and
/// its neighbours); and reading the drafts matters: every such row carries its `drafts`.
#[test]
fn mtp_chain_acceptance_is_the_grid_fit() {
    use fabrik::calibration::inferencemax_rows;
    let rows: Vec<_> = inferencemax_rows()
        .iter()
        .filter(|r| r.speculative)
        .collect();
    assert_eq!(rows.len(), 21);
    assert!(rows.iter().all(|r| r.query.contains("&drafts=")));
    let recorded = catalogue().constants["mtp_chain_acceptance"].value;
    assert_eq!(catalogue().sourced.mtp_chain_acceptance, recorded);
    let objective = |q: f64| {
        let mut c = catalogue().clone();
        c.sourced.mtp_chain_acceptance = q;
        let c: &'static fabrik::data::Catalogue = Box::leak(Box::new(c));
        fabrik::data::with_catalogue(c, || {
            let ph = Physics::from_catalogue();
            let e: Vec<f64> = rows.iter().map(|r| user_log_error(r, &ph)).collect();
            fabrik::calibration::median(e)
        })
    };
    let at = objective(recorded);
    for q in [recorded - 0.025, recorded + 0.025] {
        let other = objective(q);
        assert!(at <= other + 1e-12, "{recorded}: {at:.4}; {q}: {other:.4}");
    }
    // The draft's own chance (DeepSeek's report) would be far off: the fit means something.
    assert!(objective(catalogue().sourced.mtp_acceptance) > 2.0 * at);
}

/// InferenceX's published rows of families the fitted file lacks (`public_rows`: five single-
/// server families with and without MTP, eleven disaggregated ones without): no family shared
/// with the fitted rows (nothing of them was seen by a fit), every query as clean as the fitted
/// rows'; and how the model does on them, which no constant was fitted to (model 2028.08):
/// single servers without MTP a median |error| of 16.0 % (tokens/s per GPU) and 15.3 % (per
/// user; 18.0 % and 16.2 % in 2028.07, before TensorRT-LLM held prompts for its data-parallel
/// ranks as InferenceX runs it; 21.0 % and 20.7 % in 2028.06, before the all-to-all was dropped
/// where engines run none and MLA layers got their own fixed cost), with MTP 19.5 % and 19.1 %
/// (18.8 % and 19.8 % in 2028.07, 19.9 % and 20.8 % in 2028.06; 22.0 % and 20.2 % before the
/// rows were read with the drafts their scripts set and chained drafts got their own chance),
/// disaggregated 31.4 % and 17.6 % (35.2 % and 19.5 % in 2028.06); the aim for
/// configurations held back is 20 %. The bounds are those figures'
/// ceilings, so a change that makes the model generalise worse fails here even where every
/// fitted row holds.
#[test]
fn published_families_never_fitted_hold_their_median() {
    use fabrik::calibration::{inferencemax_rows, public_errors, public_rows};
    let rows = public_rows();
    assert_eq!(rows.len(), 296);
    let fitted: Vec<&str> = inferencemax_rows()
        .iter()
        .map(|r| r.family.as_str())
        .collect();
    for r in rows {
        assert!(
            !fitted.contains(&r.family.as_str()),
            "{} is fitted",
            r.family
        );
        let p = fabrik::scenario::parse_query(&r.query);
        assert!(p.warnings.is_empty(), "{}: {:?}", r.query, p.warnings);
        assert!(r.output_tokens_per_s_per_gpu > 0.0 && r.tokens_per_s_per_user > 0.0);
        // Each MTP row is read with the drafts its launch script set; disaggregated rows
        // are kept only without MTP (their recipes' drafts are not recorded).
        assert!(
            !r.speculative || r.query.contains("&drafts="),
            "{}",
            r.query
        );
        assert!(!(r.speculative && r.disaggregated), "{}", r.query);
        // A family is all single servers or all disaggregated, all with MTP or all without
        // (public_groups puts whole families in a group).
        let first = rows.iter().find(|f| f.family == r.family).unwrap();
        assert_eq!(
            (first.disaggregated, first.speculative),
            (r.disaggregated, r.speculative),
            "{}",
            r.family
        );
    }
    let families = public_errors(&Physics::from_catalogue());
    assert_eq!(families.len(), 21);
    let groups = fabrik::calibration::public_groups(&Physics::from_catalogue());
    let counts: Vec<usize> = groups.iter().map(|g| g.rows).collect();
    assert_eq!(counts, [98, 61, 137]);
    for g in &groups {
        println!(
            "published rows never fitted, {}: median |error| {:.3} per GPU, {:.3} per user",
            g.name, g.median_gpu, g.median_user
        );
    }
    // Single servers, without and with MTP: within the ceiling of today's figures.
    let (single, mtp) = (&groups[0], &groups[1]);
    assert!(
        single.median_gpu <= 0.17 && single.median_user <= 0.16,
        "{single:?}"
    );
    assert!(mtp.median_gpu <= 0.20 && mtp.median_user <= 0.20, "{mtp:?}");
    // Disaggregated serving: per user as close; per GPU over both pools further off (the
    // model's pools never queue; its times to first token are far short of these rows').
    assert!(
        groups[2].median_user <= 0.18 && groups[2].median_gpu <= 0.32,
        "{:?}",
        groups[2]
    );
}

/// `all_to_all_peer_latency_us` is what its source says: of the grid 0, 0.25, …, 3 µs, the
/// value with the least median |ln(model ÷ measured)| of tokens/s per user over InferenceMAX's
/// GB200 Dynamo + TensorRT-LLM DeepSeek-R1 rows (checked here on the recorded value and its
/// neighbours; the held-out SGLang rows are reported by `fabrik-cli calibrate`).
/// The per-layer cost of SGLang and ATOM on AMD chips (`engines.json`,
/// `layer_overhead_us_amd`) is the value of 0, 10, …, 300 µs that minimises the median
/// |ln(model ÷ measured)| of tokens/s per user over their single-server InferenceMAX rows
/// without speculative decoding (MI300X and MI355X, both engines at once).
#[test]
fn amd_layer_overhead_is_the_grid_fit() {
    use fabrik::calibration::inferencemax_rows;
    let recorded = |id: &str| {
        catalogue()
            .engine(id)
            .unwrap()
            .layer_overhead_us_amd
            .unwrap()
    };
    assert_eq!(recorded("sglang"), recorded("atom"));
    // vLLM on ROCm inherits it (no low-batch measurement of its own).
    assert_eq!(recorded("sglang"), recorded("vllm"));
    let recorded = recorded("sglang");
    let objective = |us: f64| {
        let mut c = catalogue().clone();
        for e in c
            .engines
            .iter_mut()
            .filter(|e| e.id == "sglang" || e.id == "atom")
        {
            e.layer_overhead_us_amd = Some(us);
        }
        let c: &'static fabrik::data::Catalogue = Box::leak(Box::new(c));
        fabrik::data::with_catalogue(c, || {
            let ph = Physics::from_catalogue();
            let mut e: Vec<f64> = inferencemax_rows()
                .iter()
                .filter(|r| {
                    (r.gpu == "mi300x" || r.gpu == "mi355x")
                        && (r.framework == "sglang" || r.framework == "atom")
                        && !r.speculative
                        && !r.disaggregated
                })
                .map(|r| user_log_error(r, &ph))
                .collect();
            assert_eq!(e.len(), 89);
            e.sort_by(f64::total_cmp);
            e[44]
        })
    };
    let at = objective(recorded);
    for neighbour in [recorded - 10.0, recorded + 10.0, 57.0] {
        let other = objective(neighbour);
        assert!(
            at <= other + 1e-12,
            "{recorded} µs: {at:.4}; {neighbour} µs: {other:.4}"
        );
    }
}

/// The all-to-all cost per peer GPU and the fixed cost per MLA layer (`constants.json`) and
/// the per-layer costs of TensorRT-LLM and of SGLang on NVIDIA chips (`engines.json`) are the
/// quadruple on the grid (0.25 µs, 5 µs, 2.5 µs, 5 µs steps) that minimises, around it, the
/// sum of three medians of |ln(model ÷ measured)| of tokens/s per user: over the DeepSeek-R1
/// rows on B200 and GB200 NVL72 (both engines; the all-to-alls of those with data-parallel
/// attention are what the first times), over TensorRT-LLM's rows (gpt-oss-120b's GQA layers
/// and DeepSeek-R1's MLA layers: what tells the MLA cost from the engine's) and over SGLang's
/// rows on NVIDIA chips, both without speculative decoding.
#[test]
fn peer_latency_and_layer_costs_are_the_joint_grid_fit() {
    use fabrik::calibration::inferencemax_rows;
    let peer = catalogue().constants["all_to_all_peer_latency_us"].value;
    let mla = catalogue().constants["mla_layer_overhead_us"].value;
    let layer = |id: &str| catalogue().engine(id).unwrap().layer_overhead_us;
    let (trt, sglang) = (layer("trt-llm"), layer("sglang"));
    let objective = |peer_us: f64, trt_us: f64, sglang_us: f64, mla_us: f64| {
        let mut c = catalogue().clone();
        c.sourced.peer_latency_s = peer_us * 1e-6;
        c.sourced.mla_layer_overhead_s = mla_us * 1e-6;
        for e in c.engines.iter_mut() {
            match e.id.as_str() {
                "trt-llm" => e.layer_overhead_us = trt_us,
                "sglang" => e.layer_overhead_us = sglang_us,
                _ => {}
            }
        }
        let c: &'static fabrik::data::Catalogue = Box::leak(Box::new(c));
        fabrik::data::with_catalogue(c, || {
            let ph = Physics::from_catalogue();
            let median = |keep: &dyn Fn(&fabrik::calibration::ServingRow) -> bool, n: usize| {
                let mut e: Vec<f64> = inferencemax_rows()
                    .iter()
                    .filter(|r| keep(r))
                    .map(|r| user_log_error(r, &ph))
                    .collect();
                assert_eq!(e.len(), n);
                e.sort_by(f64::total_cmp);
                e[n / 2]
            };
            let nvidia_sglang = |r: &fabrik::calibration::ServingRow| {
                r.framework.contains("sglang") && !r.gpu.starts_with("mi") && !r.speculative
            };
            median(
                &|r| r.model == "deepseek-r1" && (r.gpu == "b200" || r.gpu == "gb200-nvl72"),
                101,
            ) + median(&|r| r.framework.contains("trt") && !r.speculative, 118)
                + median(&nvidia_sglang, 71)
        })
    };
    let at = objective(peer, trt, sglang, mla);
    println!("objective at {peer}, {trt}, {sglang}, {mla} µs: {at:.4}");
    for dp in [-0.25, 0.0, 0.25] {
        for dt in [-5.0, 0.0, 5.0] {
            for ds in [-2.5, 0.0, 2.5] {
                for dm in [-5.0, 0.0, 5.0] {
                    let (p, t, s, m) = (peer + dp, trt + dt, sglang + ds, mla + dm);
                    let other = objective(p.max(0.0), t.max(0.0), s.max(0.0), m.max(0.0));
                    assert!(
                        at <= other + 1e-12,
                        "{peer}, {trt}, {sglang}, {mla} µs: {at:.4}; {p}, {t}, {s}, {m} µs: {other:.4}"
                    );
                }
            }
        }
    }
}

/// The engine's release as section 8 and the frontier's marks name it: the container tag
/// without its platform parts.
#[test]
fn engine_release_drops_the_platform_from_the_tag() {
    use fabrik::calibration::engine_release;
    for (tag, release) in [
        ("v0.5.5.post3-rocm700-mi30x", "0.5.5.post3"),
        ("v0.5.7-rocm700-mi35x", "0.5.7"),
        ("v0.5.6-cu129-amd64", "0.5.6"),
        ("v0.13.0", "0.13.0"),
        ("1.2.0rc2", "1.2.0rc2"),
        ("0.5.1-rc0.pre3", "0.5.1-rc0.pre3"),
        ("rocm7.1.1-ubuntu24.04-pytorch2.9-atom0.1.1-MI350x", "0.1.1"),
        ("", ""),
    ] {
        assert_eq!(engine_release(tag), release, "{tag}");
    }
    // Every tag in the data gives a release with a digit in it.
    for r in fabrik::calibration::inferencemax_rows() {
        let rel = engine_release(r.version);
        assert!(
            rel.chars().any(|c| c.is_ascii_digit()),
            "{}: {rel}",
            r.version
        );
    }
}

/// Section 8's sentence on software: the widest median gap between two measured families of
/// one chip, model and precision at identical settings, recomputed here by brute force.
#[test]
fn the_software_gap_is_the_widest_between_matched_families() {
    use fabrik::calibration::{inferencemax_rows, software_gap};
    let g = software_gap().expect("the data has families that share a chip, model and precision");
    let rows: Vec<_> = inferencemax_rows()
        .iter()
        .filter(|r| !r.disaggregated && !r.speculative)
        .collect();
    let mut fams: Vec<&str> = rows.iter().map(|r| r.family.as_str()).collect();
    fams.sort();
    fams.dedup();
    let (mut pairs, mut widest) = (0, (0.0_f64, String::new(), String::new(), 0.0_f64));
    for a in &fams {
        for b in &fams {
            if a >= b {
                continue;
            }
            let mut ratios = Vec::new();
            for x in rows.iter().filter(|r| r.family == *a) {
                for y in rows.iter().filter(|r| r.family == *b) {
                    if x.gpu == y.gpu
                        && x.model == y.model
                        && x.precision == y.precision
                        && x.tp == y.tp
                        && x.ep == y.ep
                        && x.dp_attention == y.dp_attention
                        && x.prompt == y.prompt
                        && x.output == y.output
                        && x.conc == y.conc
                    {
                        ratios.push(x.output_tokens_per_s_per_gpu / y.output_tokens_per_s_per_gpu);
                    }
                }
            }
            if ratios.is_empty() {
                continue;
            }
            pairs += ratios.len();
            let m = median(ratios.clone());
            let (fast, slow, rs) = if m >= 1.0 {
                (a, b, ratios)
            } else {
                (b, a, ratios.iter().map(|r| 1.0 / r).collect::<Vec<_>>())
            };
            let md = median(rs.clone());
            if md.ln() > widest.0 {
                let max = rs.iter().cloned().fold(1.0, f64::max);
                widest = (md.ln(), fast.to_string(), slow.to_string(), max);
            }
        }
    }
    assert_eq!(g.pairs, pairs);
    let fam = |(f, _): (&str, &str)| {
        rows.iter()
            .find(|r| {
                r.framework == f
                    && r.gpu == g.gpu
                    && r.precision == g.precision
                    && r.model == g.model
            })
            .map(|r| r.family.clone())
            .unwrap_or_default()
    };
    assert_eq!(fam(g.faster), widest.1);
    assert_eq!(fam(g.slower), widest.2);
    assert!((g.median_ratio.ln() - widest.0).abs() < 1e-12);
    assert!((g.max_ratio - widest.3).abs() < 1e-12);
    assert!(g.median_ratio > 1.0 && g.max_ratio >= g.median_ratio);
    eprintln!("{g:?}");
}

/// Disaggregated rows ask the workers that ran: SGLang's wide expert-parallel pools, which
/// InferenceMAX lists as `tp = ep = 1`, as one worker of the pool's GPUs over its workers
/// (attention data-parallel, experts over all of them); TensorRT-LLM's as listed.
#[test]
fn disaggregated_rows_ask_the_workers_they_ran() {
    use fabrik::calibration::inferencemax_rows;
    use fabrik::scenario::parse_query;
    let mut sglang = 0;
    for r in inferencemax_rows().iter().filter(|r| r.disaggregated) {
        let s = parse_query(&r.query).scenario;
        let decode = s.disagg.decode_gpus.expect("decode pool");
        let prefill = s.disagg.prefill_gpus.expect("prefill pool");
        let prefill_tp = s.disagg.prefill_tp.expect("prefill worker");
        assert_eq!(s.tp, Some(r.tp), "{}", r.query);
        assert_eq!(decode % r.tp, 0, "{}", r.query);
        assert_eq!(prefill % prefill_tp, 0, "{}", r.query);
        if r.framework == "dynamo-sglang" {
            sglang += 1;
            assert!(r.tp >= 4 && r.ep == r.tp && r.dp_attention, "{}", r.query);
            assert_eq!(
                (prefill_tp, s.disagg.prefill_ep),
                (4, Some(4)),
                "{}",
                r.query
            );
        }
    }
    assert_eq!(sglang, 23);
}

/// Section 8's notes under the measured families: each published caveat on an engine's
/// software names catalogue chips and models and links its pages, and is printed under the
/// families it concerns and no other; each family's count of rows that contradict Little's
/// law is the brute-force count; every note has its mark in the table.
#[test]
fn measured_family_notes_follow_the_data() {
    use fabrik::calibration::{LITTLE_INCONSISTENT, inferencemax_rows};
    use fabrik::words::Lang;
    use fabrik::words::measured::{families, family_notes, notes_html, rows_html};
    let c = catalogue();
    let mut caveats = 0;
    for e in &c.engines {
        for cv in &e.caveats {
            caveats += 1;
            assert!(cv.gpus.iter().all(|g| c.gpu(g).is_some()), "{:?}", cv.gpus);
            assert!(
                cv.models.iter().all(|m| c.model(m).is_some()),
                "{:?}",
                cv.models
            );
            assert!(!cv.en.is_empty() && !cv.de.is_empty() && !cv.links.is_empty());
            assert!(
                cv.links
                    .iter()
                    .all(|k| k.url.starts_with("https://") && !k.text.is_empty())
            );
        }
    }
    assert!(caveats >= 1);
    let mut noted = 0;
    for f in families() {
        let rows: Vec<_> = inferencemax_rows()
            .iter()
            .filter(|r| r.family == f.family)
            .collect();
        let r = rows[0];
        let expected: Vec<&str> = c
            .engines
            .iter()
            .filter(|e| e.id == r.engine)
            .flat_map(|e| &e.caveats)
            .filter(|cv| {
                cv.gpus.iter().any(|g| g == r.gpu) && cv.models.iter().any(|m| m == r.model)
            })
            .map(|cv| cv.en.as_str())
            .collect();
        let bad = rows
            .iter()
            .filter(|r| r.little_ratio() < LITTLE_INCONSISTENT)
            .count();
        match family_notes(&f.family) {
            Some(n) => {
                noted += 1;
                let got: Vec<&str> = n.caveats.iter().map(|cv| cv.en.as_str()).collect();
                assert_eq!(got, expected, "{}", f.family);
                assert_eq!((n.inconsistent, n.rows), (bad, rows.len()), "{}", f.family);
            }
            None => assert!(expected.is_empty() && bad == 0, "{}", f.family),
        }
    }
    // The MI300X's SGLang rows carry the caveat on its software; the B200's SGLang rows
    // include some that contradict Little's law (the data as recorded).
    let mi300x = family_notes("mi300x/deepseek-r1/fp8/sglang/none").expect("MI300X notes");
    assert_eq!(mi300x.caveats.len(), 1);
    assert!(family_notes("b200/deepseek-r1/fp4/sglang/none").is_some_and(|n| n.inconsistent > 0));
    for l in [Lang::En, Lang::De] {
        let (notes, rows) = (notes_html(l), rows_html(l));
        assert_eq!(notes.matches("<li>").count(), noted);
        assert_eq!(rows.matches("<sup>").count(), noted);
        assert!(notes.contains("https://github.com/sgl-project/sglang/pull/18242"));
    }
}
