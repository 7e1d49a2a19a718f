//! fabrik on the command line: the same model and URL codec as the page, printing JSON.
//!
//! ```text
//! fabrik-cli eval QUERY...        one JSON object per query, one per line
//! fabrik-cli eval -               queries from stdin, one per line
//! fabrik-cli list gpus|engines|models|presets|params|changelog|constants
//! fabrik-cli frontier QUERY       the Pareto frontier for the query's chip and model
//! fabrik-cli claims               NVIDIA's claims next to the model's figures
//! fabrik-cli calibrate [--fit]    model vs measurements, per row and per group; --fit refits the constants
//! fabrik-cli calibrate --rows     every InferenceMAX row beside the model (tab-separated)
//! ```

use fabrik::data::catalogue;
use fabrik::model::frontier::{self, FrontierInputs};
use fabrik::model::step::Physics;
use fabrik::model::{Precision, claims};
use fabrik::scenario::{evaluate_query, parse_query, to_query};
use serde_json::{Value, json};
use std::io::{BufRead, Write};

const USAGE: &str = "usage:
  fabrik-cli eval QUERY...          evaluate URL queries (e.g. 'gpu=b200&model=llama-3.1-70b&precision=fp4')
  fabrik-cli eval -                 read one query per line from stdin
  fabrik-cli list gpus|engines|models|presets|params|changelog|constants   (list params --markdown: the README's table)
  fabrik-cli frontier QUERY         Pareto frontier (tokens/s per MW vs tokens/s per user)
  fabrik-cli claims                 vendor claims beside the model's figures
  fabrik-cli sites                  reported AI campuses beside what the model builds for them
  fabrik-cli calibrate [--fit]      model vs published measurements; --fit refits the constants
  fabrik-cli calibrate --rows       every InferenceMAX row beside the model, tab-separated";

fn eval_line(query: &str, out: &mut impl Write) -> std::io::Result<()> {
    let o = evaluate_query(query);
    for w in &o.warnings {
        eprintln!("warning: {w}");
    }
    let mut v = serde_json::to_value(&o).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert(
            "query".into(),
            json!(to_query(&parse_query(query).scenario)),
        );
        map.insert("model_version".into(), json!(catalogue().model_version()));
    }
    writeln!(out, "{v}")
}

/// A parameter's default as JSON: a number, or null where it is unset by default.
fn params_default(p: &fabrik::model::params::Param) -> Value {
    match p.default_setting() {
        fabrik::model::params::Setting::Num(x) => json!(x),
        _ => Value::Null,
    }
}

/// The README's parameter table, from the parameter table (`tests/params.rs` checks that
/// the README holds exactly this).
fn params_markdown() -> String {
    use fabrik::model::params::{Default, PARAMS};
    let mut out =
        String::from("| key | meaning | unit | range | default |\n|---|---|---|---|---|\n");
    for p in PARAMS {
        let word = p.word.map_or(String::new(), |w| format!(" or `{w}`"));
        let default = match p.default {
            Default::Unset => "—".to_string(),
            Default::Value(x) => fabrik::scenario::fmt_num(x),
            Default::Constant(name) => format!(
                "{} (`{name}`)",
                fabrik::scenario::fmt_num(catalogue().constant(name))
            ),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} … {}{word} | {default} |\n",
            p.key,
            p.about(),
            p.unit.0,
            fabrik::scenario::fmt_num(p.min),
            fabrik::scenario::fmt_num(p.max),
        ));
    }
    out
}

fn list(what: &str) -> Result<(), String> {
    let c = catalogue();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let rows: Vec<Value> = match what {
        "gpus" => c.gpus.iter().map(|g| json!(g)).collect(),
        "engines" => c
            .engines
            .iter()
            .map(|e| {
                let mut v = json!(e);
                v["best_on"] = json!(
                    c.gpus
                        .iter()
                        .filter(|g| std::ptr::eq(
                            fabrik::model::served::best_engine(g, &Physics::from_catalogue()),
                            e
                        ))
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                );
                v
            })
            .collect(),
        "models" => c.models.iter().map(|m| json!(m)).collect(),
        "presets" => c.presets.iter().map(|p| json!(p)).collect(),
        "params" => fabrik::model::params::PARAMS
            .iter()
            .map(|p| {
                json!({"key": p.key, "label": p.label.0, "about": p.about(), "unit": p.unit.0, "min": p.min, "max": p.max,
                       "step": p.step, "log": p.log, "word": p.word, "default": params_default(p),
                       "panel": p.panel})
            })
            .collect(),
        "changelog" => c.changelog.iter().map(|v| json!(v)).collect(),
        "sites" => c.sites.iter().map(|v| json!(v)).collect(),
        "constants" => c
            .constants
            .iter()
            .map(|(k, v)| json!({"name": k, "value": v.value, "unit": v.unit, "source": v.source}))
            .collect(),
        _ => {
            return Err(format!(
                "unknown list '{what}': gpus, models, presets, params, changelog, sites or constants"
            ));
        }
    };
    for r in rows {
        writeln!(out, "{r}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn frontier_cmd(query: &str) {
    let p = parse_query(query);
    let c = catalogue();
    let s = &p.scenario;
    let (Some(gpu), Some(model)) = (c.gpu(&s.gpu), c.model(&s.model)) else {
        return;
    };
    let inputs = FrontierInputs {
        engine: fabrik::model::series::engine_id(&s.engine),
        prompt: f64::from(s.prompt_tokens),
        output: f64::from(s.output_tokens),
        pue: s.pue,
    };
    let prec = s.precision.supported_on(gpu);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for pt in frontier::frontier(gpu, model, prec, &inputs, &Physics::from_catalogue()) {
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{}", json!(pt)).is_err() {
            return;
        }
    }
}

fn claims_cmd() {
    let c = catalogue();
    let ph = Physics::from_catalogue();
    let claimed = claims::claimed();
    let (Some(model), Some(old), Some(new)) = (
        c.model(claims::ENERGY_CLAIM_MODEL),
        c.gpu(claims::ISO_POWER_OLD.0),
        c.gpu(claims::ISO_POWER_NEW.0),
    ) else {
        eprintln!("catalogue lacks an entry the claims need");
        return;
    };
    for to in [("b200", Precision::Fp4), claims::ENERGY_CLAIM_TO] {
        let steps = claims::energy_claim_waterfall(Some(to), 1024.0, 512.0, &ph);
        println!(
            "{}",
            json!({"claim": "17000 J -> 0.4 J per token", "from": claims::ENERGY_CLAIM_FROM.0, "to": to.0, "steps": steps,
                   "claimed_ratio": claimed.pascal_j / claimed.blackwell_j})
        );
    }
    let inputs = FrontierInputs {
        engine: fabrik::model::BEST_ENGINE,
        prompt: 1024.0,
        output: 1024.0,
        pue: 1.3,
    };
    let speeds = [10.0, 25.0, 50.0, 100.0, 200.0];
    for m in [model.id.as_str(), "deepseek-r1"] {
        let Some(model) = c.model(m) else { continue };
        let pts = claims::iso_power(
            (old, claims::ISO_POWER_OLD.1),
            (new, claims::ISO_POWER_NEW.1),
            model,
            &inputs,
            &speeds,
            &ph,
        );
        println!(
            "{}",
            json!({"claim": "25x Blackwell over Hopper at iso power", "model": m, "points": pts,
                   "claimed_ratio": claimed.iso_power_ratio})
        );
    }
}

/// Reported AI campuses beside what the model builds for their power and chip.
fn sites_cmd() {
    for c in fabrik::model::site::checks() {
        let s = c.site;
        println!(
            "{}",
            json!({"id": s.id, "name": s.name, "kind": s.kind, "status": s.status, "date": s.date,
                   "gpu": c.gpu.map(|g| g.id.as_str()), "reported_gpus": s.gpus,
                   "reported_mw": s.power_mw, "power_basis": s.power_basis,
                   "model_gpus": c.model_gpus, "model_racks": c.model_racks,
                   "model_capex_usd": c.model_capex_usd,
                   "model_capex_usd_per_gw": c.model_capex_per_gw,
                   "model_facility_capex_usd_per_gw": c.model_facility_capex_per_gw,
                   "gpu_ratio": c.gpu_ratio,
                   "not_compared": c.not_compared.map(|n| format!("{n:?}")),
                   "claimed_capex_usd_per_gw": s.capex_usd_per_gw, "capex_ratio": c.capex_ratio,
                   "implied_hardware_per_gpu": c.implied_hardware_per_gpu,
                   "model_hardware_per_gpu": c.model_hardware_per_gpu,
                   "model_version": catalogue().model_version()})
        );
    }
}

fn calibrate(refit: bool) {
    #[cfg(not(target_arch = "wasm32"))]
    if refit {
        return refit_and_print();
    }
    let _ = refit;
    print_calibration(&fabrik::calibration::compare(&Physics::from_catalogue()));
    #[cfg(not(target_arch = "wasm32"))]
    print_inferencemax();
}

/// InferenceMAX's mixture-of-experts serving, per family; then InferenceX's published rows of
/// families the repo's file lacks (never fitted), per family and in sum.
#[cfg(not(target_arch = "wasm32"))]
fn print_inferencemax() {
    let ph = Physics::from_catalogue();
    print_families(
        "InferenceMAX family",
        &fabrik::calibration::inferencemax_errors(&ph),
    );
    let (public, groups) = fabrik::calibration::public_report(&ph);
    print_families("InferenceX public family (never fitted)", &public);
    for g in groups {
        println!(
            "  {}: {} rows, median |e| {:.1} % tok/s/GPU, {:.1} % tok/s/user; max {:.0} % / {:.0} %",
            g.name,
            g.rows,
            g.median_gpu * 100.0,
            g.median_user * 100.0,
            g.max_gpu * 100.0,
            g.max_user * 100.0
        );
    }
    print_prefill_slopes(&ph);
}

/// The prefill rate and latency the rows' times to first token measure, beside the model's
/// read the same way (`fabrik::calibration::prefill_slopes`), for the fitted and the
/// never-fitted rows.
#[cfg(not(target_arch = "wasm32"))]
fn print_prefill_slopes(ph: &Physics) {
    use fabrik::calibration::{SLOPE_MAX_CONC, inferencemax_rows, prefill_slopes, public_rows};
    println!();
    println!(
        "Prefill read off time to first token (two prompts, same setup, <= {SLOPE_MAX_CONC} requests): tok/s per GPU and latency at no prompt"
    );
    println!(
        "{:<44} {:>4} {:>3} {:>3} {:>4} {:>10} {:>10} {:>6} {:>9} {:>9}",
        "family", "conc", "tp", "ep", "dpa", "measured", "model", "ratio", "lat meas", "lat model"
    );
    let slopes: Vec<_> = [inferencemax_rows(), public_rows()]
        .into_iter()
        .flat_map(|rows| prefill_slopes(rows, ph))
        .collect();
    for p in &slopes {
        let ratio = p.model / p.measured;
        println!(
            "{:<44} {:>4} {:>3} {:>3} {:>4} {:>10.0} {:>10.0} {:>6.2} {:>8.0}ms {:>8.0}ms",
            p.family,
            p.conc,
            p.tp,
            p.ep,
            u8::from(p.dp_attention),
            p.measured,
            p.model,
            ratio,
            p.measured_latency_s * 1e3,
            p.model_latency_s * 1e3
        );
    }
    let (n, ratio) = fabrik::calibration::slopes_summary(&slopes);
    println!("  {n} setups: the model prefills a median {ratio:.2}x as fast as measured");
    print_pool_rates(ph);
    print_decode_slopes(ph);
}

/// The prefill pools of the disaggregated rows at their busiest, beside the model's pools
/// (`fabrik::calibration::pool_rates`), for the fitted and the never-fitted rows: the setups
/// whose busiest row queues for prefill, where the measured figure is the pool's rate.
#[cfg(not(target_arch = "wasm32"))]
fn print_pool_rates(ph: &Physics) {
    use fabrik::calibration::{QUEUE_FACTOR, inferencemax_rows, pool_rates, public_rows};
    println!();
    println!(
        "Prefill pools at their busiest (disaggregated setups whose busiest row waits >= {QUEUE_FACTOR}x the setup's lowest time to first token): prompt tok/s per prefill GPU"
    );
    println!(
        "{:<48} {:>5} {:>3} {:>3} {:>9} {:>10} {:>10} {:>6} {:>15}",
        "family", "isl", "tp", "ep", "rows (q)", "measured", "model", "ratio", "TTFT low→busy"
    );
    let pools: Vec<_> = [inferencemax_rows(), public_rows()]
        .into_iter()
        .flat_map(|rows| pool_rates(rows, ph))
        .collect();
    let mut left = 0;
    for p in &pools {
        if !p.busiest_queued {
            left += 1;
            continue;
        }
        let ratio = p.model / p.measured;
        println!(
            "{:<48} {:>5} {:>3} {:>3} {:>9} {:>10.0} {:>10.0} {:>6.2} {:>6.2}s→{:>6.2}s",
            p.family,
            p.prompt,
            p.prefill_tp,
            p.prefill_ep,
            format!("{} ({})", p.rows, p.queued),
            p.measured,
            p.model,
            ratio,
            p.ttft_low_s,
            p.ttft_busiest_s
        );
    }
    let (n, ratio) = fabrik::calibration::pools_summary(&pools);
    println!(
        "  {n} setups: the model's prefill pools prefill a median {ratio:.2}x as fast as measured ({left} setups never queue: their rates are lower bounds, not shown)"
    );
}

/// The decode step's fixed cost and cost per sequence the rows' speeds per user measure at
/// their two lowest concurrencies, beside the model's read the same way
/// (`fabrik::calibration::decode_slopes`), for the fitted and the never-fitted rows.
#[cfg(not(target_arch = "wasm32"))]
fn print_decode_slopes(ph: &Physics) {
    use fabrik::calibration::{DECODE_MAX_CONC, decode_slopes, inferencemax_rows, public_rows};
    println!();
    println!(
        "Decode read off the speed per user (two concurrencies <= {DECODE_MAX_CONC}, same setup): ms per output token at no request, and per request more"
    );
    println!(
        "{:<44} {:>5} {:>5} {:>3} {:>3} {:>4} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "family", "isl", "osl", "tp", "ep", "dpa", "conc", "fixed", "model", "per req", "model"
    );
    let (mut fixed, mut per) = (Vec::new(), Vec::new());
    for rows in [inferencemax_rows(), public_rows()] {
        for d in decode_slopes(rows, ph) {
            fixed.push(d.model_fixed_s - d.measured_fixed_s);
            per.push(d.model_per_seq_s / d.measured_per_seq_s);
            println!(
                "{:<44} {:>5} {:>5} {:>3} {:>3} {:>4} {:>7} {:>8.2}ms {:>8.2}ms {:>8.3}ms {:>8.3}ms",
                d.family,
                d.prompt,
                d.output,
                d.tp,
                d.ep,
                u8::from(d.dp_attention),
                format!("{}-{}", d.conc.0, d.conc.1),
                d.measured_fixed_s * 1e3,
                d.model_fixed_s * 1e3,
                d.measured_per_seq_s * 1e3,
                d.model_per_seq_s * 1e3
            );
        }
    }
    println!(
        "  {} setups: the model's fixed cost per token is a median {:+.2} ms off, its cost per request a median {:.2}x the measured",
        fixed.len(),
        fabrik::calibration::median(fixed) * 1e3,
        fabrik::calibration::median(per.into_iter().filter(|x| x.is_finite()).collect())
    );
}

/// One table of per-family errors.
#[cfg(not(target_arch = "wasm32"))]
fn print_families(title: &str, families: &[fabrik::calibration::FamilyError]) {
    println!();
    println!(
        "{:<52} {:>4} {:>16} {:>8} {:>17} {:>8} {:>12} {:>8}",
        title,
        "rows",
        "tok/s/GPU median",
        "max |e|",
        "tok/s/user median",
        "max |e|",
        "TTFT median",
        "max |e|"
    );
    for f in families {
        let (fam, n) = (&f.family, f.rows);
        let (mt, xt) = (
            f.median(&f.tokens_per_s_per_gpu),
            f.max_abs(&f.tokens_per_s_per_gpu),
        );
        let (mu, xu) = (
            f.median(&f.tokens_per_s_per_user),
            f.max_abs(&f.tokens_per_s_per_user),
        );
        let (mf, xf) = (f.median(&f.ttft), f.max_abs(&f.ttft));
        println!(
            "{fam:<52} {n:>4} {:>+15.0}% {:>7.0}% {:>+16.0}% {:>7.0}% {:>+11.0}% {:>7.0}%",
            mt * 100.0,
            xt * 100.0,
            mu * 100.0,
            xu * 100.0,
            mf * 100.0,
            xf * 100.0
        );
    }
}

/// `calibrate --rows`: every InferenceMAX row as the model is asked it, measured beside
/// modelled, tab-separated with a header (for a spreadsheet or `sort`). `little` checks the
/// row against itself: its output per GPU times its GPUs over Little's law on its own figures,
/// `conc · osl / (ttft + osl / tokens/s per user)` (about 0.9–1.0 for a consistent row; see
/// `tests/inferencemax.rs`).
#[cfg(not(target_arch = "wasm32"))]
fn print_inferencemax_rows() -> std::io::Result<()> {
    let ph = Physics::from_catalogue();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "family\tdisagg\tisl\tosl\tconc\tgpus\ttp\tep\tdp_attention\tgpu_measured\tgpu_model\tgpu_error\tuser_measured\tuser_model\tuser_error\tttft_measured\tttft_model\tlittle\tquery\tset"
    )?;
    let sets = [
        ("inferencemax", fabrik::calibration::inferencemax_rows()),
        ("public", fabrik::calibration::public_rows()),
    ];
    for (set, r) in sets
        .iter()
        .flat_map(|(n, rows)| rows.iter().map(move |r| (*n, r)))
    {
        let p = parse_query(&r.query);
        let o = fabrik::model::evaluate_with(&p.scenario, &ph);
        let s = &p.scenario;
        let (gpus, little) = (r.gpus, r.little_ratio());
        let (g, u) = (
            &o.serving.output_tokens_per_s_per_gpu,
            &o.serving.tokens_per_s_per_user,
        );
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{gpus}\t{}\t{}\t{}\t{:.3}\t{g:.3}\t{:+.4}\t{:.3}\t{u:.3}\t{:+.4}\t{:.3}\t{:.3}\t{little:.2}\t{}\t{set}",
            r.family,
            u8::from(r.disaggregated),
            r.prompt,
            r.output,
            r.conc,
            s.tp.map_or("auto".into(), |t| t.to_string()),
            s.ep.map_or("auto".into(), |e| e.to_string()),
            s.dp_attention.map_or("auto", |d| if d { "1" } else { "0" }),
            r.output_tokens_per_s_per_gpu,
            g / r.output_tokens_per_s_per_gpu - 1.0,
            r.tokens_per_s_per_user,
            u / r.tokens_per_s_per_user - 1.0,
            r.ttft_s,
            o.serving.ttft_s,
            r.query
        )?;
    }
    Ok(())
}

/// `calibrate --fit`: the fit by component, then the tables under the fitted constants.
#[cfg(not(target_arch = "wasm32"))]
fn refit_and_print() {
    let (cat, report) = fabrik::calibration::fit_stages(400);
    println!(
        "{:<48} {:<32} {:>10} {:>10}",
        "stage", "constant", "before", "fitted"
    );
    for (stage, knob, before, after) in &report {
        println!("{stage:<48} {knob:<32} {before:>10.4} {after:>10.4}");
    }
    println!();
    let cat: &'static fabrik::data::Catalogue = Box::leak(Box::new(cat));
    fabrik::data::with_catalogue(cat, || {
        print_calibration(&fabrik::calibration::compare(&Physics::from_catalogue()))
    });
}

fn print_calibration(cmp: &[fabrik::calibration::Comparison]) {
    println!(
        "{:<40} {:<11} {:<12} {:>12} {:>12} {:>7}  metric",
        "row", "group", "split", "measured", "model", "ratio"
    );
    for c in cmp {
        println!(
            "{:<40} {:<11} {:<12} {:>12.4} {:>12.4} {:>7.3}  {}",
            c.id, c.group, c.split, c.measured, c.model, c.ratio, c.metric
        );
    }
    println!();
    print!("{}", fabrik::calibration::group_table(cmp));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let code = match args.first().map(String::as_str) {
        Some("eval") if args.get(1).map(String::as_str) == Some("-") => {
            let mut out = stdout.lock();
            let stdin = std::io::stdin();
            let mut ok = true;
            for line in stdin.lock().lines() {
                match line {
                    Ok(l) if l.trim().is_empty() => {}
                    Ok(l) => ok &= eval_line(l.trim(), &mut out).is_ok(),
                    Err(e) => {
                        eprintln!("stdin: {e}");
                        ok = false;
                        break;
                    }
                }
            }
            if ok { 0 } else { 1 }
        }
        Some("eval") if args.len() > 1 => {
            let mut out = stdout.lock();
            let ok = args[1..].iter().all(|q| eval_line(q, &mut out).is_ok());
            if ok { 0 } else { 1 }
        }
        Some("list") if args.len() == 3 && args[1] == "params" && args[2] == "--markdown" => {
            print!("{}", params_markdown());
            0
        }
        Some("list") if args.len() == 2 => match list(&args[1]) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                2
            }
        },
        Some("frontier") if args.len() == 2 => {
            frontier_cmd(&args[1]);
            0
        }
        Some("claims") => {
            claims_cmd();
            0
        }
        Some("sites") => {
            sites_cmd();
            0
        }
        #[cfg(not(target_arch = "wasm32"))]
        Some("calibrate") if args.get(1).map(String::as_str) == Some("--rows") => {
            // A closed pipe (`| head`) ends the listing quietly.
            let _ = print_inferencemax_rows();
            0
        }
        Some("calibrate") => {
            calibrate(args.get(1).map(String::as_str) == Some("--fit"));
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
