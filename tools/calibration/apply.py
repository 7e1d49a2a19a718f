#!/usr/bin/env python3
"""Records the fitted constants: runs `fabrik-cli calibrate --fit` (release build) and writes
each fitted value into src/data/constants.json, engines.json or hardware.json, with the
constants that inherit it (as the fit's stages say). Sources are left as they are: each names
its stage. Run from the repository root after `cargo build --release --bin fabrik-cli`:
    python3 tools/calibration/apply.py
`tests/calibration.rs` fails while the recorded constants differ from the fit."""
import json, os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "src", "data")
out = subprocess.run([os.path.join(ROOT, "target", "release", "fabrik-cli"), "calibrate", "--fit"],
                     capture_output=True, text=True, check=True).stdout
fitted = {}
for line in out.splitlines()[1:]:
    if not line.strip():
        break
    name, _before, value = line.split()[-3:]
    fitted[name] = float(value)

def load(f):
    return json.load(open(os.path.join(DATA, f)))

def save(f, d):
    with open(os.path.join(DATA, f), "w") as fh:
        json.dump(d, fh, indent=2, ensure_ascii=False)
        fh.write("\n")

def r4(x):
    return float(f"{x:.4g}")

consts, engines, gpus = load("constants.json"), load("engines.json"), load("hardware.json")
INHERIT_ENGINES = {"vllm": ["sglang", "atom", "trt-llm"]}
BLACKWELL = ["b200", "gb200-nvl72", "b300", "gb300-nvl72", "rubin-nvl144"]
CHIPS = {"b200": BLACKWELL, "mi300x": ["mi300x", "mi325x"], "mi355x": ["mi355x"]}
for name, v in fitted.items():
    parts = name.split(".")
    if len(parts) == 1:
        consts[name]["value"] = r4(v)
    elif parts[0] in CHIPS:
        precs = {"bf16": ["fp32", "fp16", "bf16", "fp8"], "fp4": ["fp4"]}.get(parts[-1])
        for g in gpus:
            if g["id"] in CHIPS[parts[0]]:
                for p in g["gemm_efficiency"]:
                    if precs is None or p in precs:
                        g["gemm_efficiency"][p] = r4(v)
    else:
        eid, field = parts
        # TensorRT-LLM keeps its own GEMM factor (MLPerf stage); TensorRT-LLM and SGLang keep
        # their own per-layer costs (fitted to InferenceMAX, tests/calibration.rs).
        targets = [eid] + [t for t in INHERIT_ENGINES.get(eid, [])
                           if not (t == "trt-llm" and field == "gemm_factor")
                           and not (t in ("trt-llm", "sglang") and field == "layer_overhead_us")]
        for e in engines:
            if e["id"] in targets and not (e["id"] != eid and f"{e['id']}.{field}" in fitted):
                e[field] = r4(v)
save("constants.json", consts); save("engines.json", engines); save("hardware.json", gpus)
print(json.dumps(fitted, indent=1))
