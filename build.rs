//! Embeds the catalogue (`src/data/*.json`) minified. For the browser build (wasm32) it also
//! drops the per-value source texts (`sources`, `notes`, `source`): the page does not show
//! them, it links to the full files, which are shipped beside it (`index.html`, copy-file to
//! `data/`). Native builds (CLI, tests) keep everything, so every value stays checkably
//! sourced.
use std::{env, fs, path::Path};

const FILES: [&str; 4] = [
    "hardware.json",
    "models.json",
    "presets.json",
    "constants.json",
];
const SOURCE_KEYS: [&str; 3] = ["sources", "notes", "source"];

fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for k in SOURCE_KEYS {
                m.remove(k);
            }
            m.values_mut().for_each(strip);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// `"attention": {"kind": "gqa", …}` → `"attention": {"gqa": {…}}`: serde's default enum
/// form, which parses without buffering (an internally tagged enum costs the wasm 10 KB).
fn retag(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::Object(a)) = m.get_mut("attention")
                && let Some(serde_json::Value::String(kind)) = a.remove("kind")
            {
                let inner = std::mem::take(a);
                a.insert(kind, serde_json::Value::Object(inner));
            }
            m.values_mut().for_each(retag);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(retag),
        _ => {}
    }
}

fn main() {
    let slim = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for f in FILES {
        let src = Path::new("src/data").join(f);
        println!("cargo::rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let mut v: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        if slim {
            strip(&mut v);
        }
        retag(&mut v);
        fs::write(Path::new(&out).join(f), v.to_string()).expect("write to OUT_DIR");
    }
}
