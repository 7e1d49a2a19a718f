//! No sourced number is typed into the page's text: every number in a string literal of the
//! UI (`src/ui/`, headline and chart texts, section leads) is either a value of a catalogue
//! (a chip's or model's field, a constant of `constants.json`) or one of the few listed
//! exceptions (section numbers, unit conversions, the cost chart's own variants). Figures the
//! page quotes (NVIDIA's claims, Abilene, the build-out, the calibration's spread) are
//! formatted from the data instead (`src/ui/leads.rs`).
#![cfg(not(target_arch = "wasm32"))]

use fabrik::data::catalogue;
use std::path::Path;

/// Numbers that are not data, with why.
const EXCEPTIONS: &[(f64, &str)] = &[
    (0.0, "slider positions 0..1000 and zero padding"),
    (1.0, "section number, one GPU slot"),
    (2.0, "section number"),
    (
        3.0,
        "section number; the cost chart's 3-year variant (series::CostVariant)",
    ),
    (4.0, "section number"),
    (5.0, "section number"),
    (6.0, "section number"),
    (7.0, "section number"),
    (
        8.0,
        "section number; the cost chart's 8-year variant (series::CostVariant)",
    ),
    (10.0, "10⁶ in a formula (per million)"),
    (
        30.0,
        "the cost chart's 30 % utilisation variant (series::CostVariant)",
    ),
    (1000.0, "slider positions 0..1000"),
    (3600.0, "seconds per hour in a formula"),
];

/// Every number in every string literal of the Rust files under `dir`, with its file.
fn numbers_in_literals(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            numbers_in_literals(&path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let name = path.display().to_string();
        let mut chars = text.chars().peekable();
        let mut in_str = false;
        let mut lit = String::new();
        while let Some(c) = chars.next() {
            if in_str {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        in_str = false;
                        for n in numbers(&lit) {
                            out.push((name.clone(), n));
                        }
                        lit.clear();
                    }
                    _ => lit.push(c),
                }
            } else if c == '"' {
                in_str = true;
            } else if c == '/' && chars.peek() == Some(&'/') {
                // A comment: skip to the end of the line.
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            } else if c == '\'' {
                // A char literal such as '"': skip it.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") || rest.starts_with("\\\"") {
                    chars.next();
                    chars.next();
                }
            }
        }
    }
}

/// Numbers standing alone in a text (not part of a name such as `H100`, `FP8` or `fp4`).
fn numbers(text: &str) -> Vec<String> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], '.' | ',')) {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| b[j]);
            let after = b.get(i).copied();
            let glued =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if !glued(before) && !glued(after) {
                out.push(
                    b[start..i]
                        .iter()
                        .collect::<String>()
                        .trim_end_matches(['.', ','])
                        .to_string(),
                );
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The values a number text may stand for (English 17,000.5 or German 17.000,5).
fn readings(n: &str) -> Vec<f64> {
    let en = n.replace(',', "");
    let de = n.replace('.', "").replace(',', ".");
    [en, de].iter().filter_map(|s| s.parse().ok()).collect()
}

fn catalogue_values() -> Vec<f64> {
    let c = catalogue();
    let mut v: Vec<f64> = c.constants.values().map(|k| k.value).collect();
    for g in &c.gpus {
        v.extend([
            f64::from(g.year),
            g.hbm_gb,
            g.hbm_tb_s,
            g.tdp_w,
            f64::from(g.scale_up_gpus),
            g.price_usd,
        ]);
    }
    for m in &c.models {
        v.extend([f64::from(m.year), m.params_total_b, m.params_active_b]);
    }
    v
}

#[test]
fn ui_texts_carry_no_number_outside_the_catalogues() {
    let mut found = Vec::new();
    numbers_in_literals(Path::new("src/ui"), &mut found);
    assert!(
        found.len() > 20,
        "the scan found the texts ({} numbers)",
        found.len()
    );
    let known = catalogue_values();
    let allowed = |x: f64| {
        EXCEPTIONS.iter().any(|(e, _)| *e == x)
            || known
                .iter()
                .any(|k| (k - x).abs() < 1e-9 * k.abs().max(1.0))
    };
    let bad: Vec<String> = found
        .iter()
        .filter(|(_, n)| !readings(n).into_iter().any(allowed))
        .map(|(f, n)| format!("{f}: {n}"))
        .collect();
    assert!(
        bad.is_empty(),
        "numbers typed into UI text:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_finds_a_typed_number() {
    assert_eq!(
        numbers("about 1.2 GW on H100 in FP8, 17,000 J"),
        ["1.2", "17,000"]
    );
    assert!(
        !readings("42,5")
            .into_iter()
            .any(|x| catalogue_values().contains(&x))
    );
}
