#!/usr/bin/env python3
"""Derive physical power and efficiency constants from tools/measure/results/h200-measured.csv.

Run from the repository root:  python3 tools/measure/analyse.py
Standard library only. Prints the Markdown tables that tools/measure/ANALYSIS.md quotes.

Model under test (per GPU board, SI units):
    P = P_idle + P_busy + e_B * (HBM bytes/s) + sum_p e_F,p(f) * (FLOP/s at precision p)
    e_F,p(f) = e_F,p(f_ref) * (f / f_ref)^(alpha - 1)        (V ~ f, so compute power ~ f^alpha)
Model A is the three-term form of the issue (P_busy = 0); model B adds a constant "busy floor"
P_busy that is drawn whenever kernels run; "+act" adds a rough estimate of prefill activation traffic;
model C adds an extra energy per KV-cache byte (decode attention in this engine). ANALYSIS.md explains
which rows fit which constant.
"""

import csv
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
H200_CSV = os.path.join(HERE, "results", "h200-measured.csv")

# ---------------------------------------------------------------------------------------------
# Reference figures (shared/data/hardware-reference.csv rows "NVIDIA H100 SXM5 80GB" and
# "NVIDIA H200 SXM 141GB"; same values in src/data/hardware.json).
# ---------------------------------------------------------------------------------------------
PEAK_BF16 = 989.4e12      # dense FLOP/s, H100 and H200
PEAK_FP8 = 1978.9e12
HBM_H200 = 4.8e12         # B/s
HBM_H100 = 3.35e12
TDP = 700.0
SMS = 132
F_MAX = 1980.0            # MHz, max SM clock (results/h200-env.json)
# Dense tensor-core FLOP per SM per clock (Hopper: 2x A100's 312e12/(108*1.41e9) = 2048 for bf16).
# 989.4e12 / (132 * 4096) = 1830 MHz: the clock the datasheet peak assumes.
FLOP_PER_CLK_SM = {"bf16": 4096, "fp8": 8192}


def peak_at(prec, mhz):
    """Tensor-core peak FLOP/s at SM clock `mhz`."""
    return SMS * FLOP_PER_CLK_SM[prec] * mhz * 1e6


# shared/data/h100-measured.csv (H100 SXM, 700 W, same engine family; no clock column)
H100_ROWS = [
    # phase, batch, ctx/prompt, tokens/s, board W
    ("idle", None, None, None, 121.1),
    ("decode", 1, 1024, 142.5, 406.1),
    ("decode", 64, 1024, 6467.3, 603.6),
    ("decode", 256, 1024, 12461.9, 695.7),
    ("prefill", 8, 1024, 40611.2, 710.5),
]


# ---------------------------------------------------------------------------------------------
# Model shapes (tools/measure/README.md, gpu_bench.py Cfg) and per-step bytes / FLOPs
# ---------------------------------------------------------------------------------------------
class Shape:
    def __init__(self, hidden, layers, nq, nkv, hd, ffn, vocab, experts=0, topk=0, eff=0):
        self.H, self.L, self.nq, self.nkv, self.hd = hidden, layers, nq, nkv, hd
        self.F, self.V, self.E, self.k, self.eff = ffn, vocab, experts, topk, eff

    def attn_params(self):
        return self.H * (self.nq + 2 * self.nkv) * self.hd + self.nq * self.hd * self.H

    def dense_lin(self):
        return self.attn_params() + 3 * self.H * self.F

    def kv_b_tok_layer(self):
        return 2 * self.nkv * self.hd * 2  # bf16 k and v


SHAPES = {
    "llama-3.1-8b": Shape(4096, 32, 32, 8, 128, 14336, 128256),
    "llama-3.1-70b": Shape(8192, 80, 64, 8, 128, 28672, 128256),
    "qwen3-30b-a3b": Shape(2048, 48, 32, 4, 128, 0, 151936, experts=128, topk=8, eff=768),
}


def work(model, prec, phase, B, C, distinct=None):
    """Per-step (per-iteration) HBM bytes and FLOPs split by precision, as gpu_bench.py counts them.

    Returns dict: bytes, flops_bf16, flops_fp8, act_bytes (rough prefill activation traffic, see
    ANALYSIS.md section 4.3; 0 for decode).
    """
    s = SHAPES[model]
    wb = 1 if prec == "fp8" else 2
    attn_f = 0.0
    if s.E:  # MoE decode, bf16
        fixed = s.L * (s.attn_params() + s.E * s.H) * 2 + s.V * s.H * 2
        ebytes = 3 * s.H * s.eff * 2
        weights = fixed + distinct * s.L * ebytes
        lin = s.L * (s.attn_params() + s.E * s.H) + s.V * s.H + s.L * s.k * 3 * s.H * s.eff
        kv = B * (C + 1) * s.L * s.kv_b_tok_layer()
        attn_f = s.L * 4 * B * s.nq * (C + 1) * s.hd
        return {"bytes": weights + kv, "flops_bf16": 2 * B * lin + attn_f, "flops_fp8": 0.0, "act_bytes": 0.0}
    layer_lin = s.L * s.dense_lin()
    head = s.V * s.H
    weights = layer_lin * wb + head * 2 + (2 * s.L + 1) * s.H * 2
    if phase == "decode":
        kv = B * (C + 1) * s.L * s.kv_b_tok_layer()
        attn_f = s.L * 4 * B * s.nq * (C + 1) * s.hd
        lin_f, head_f = 2 * B * layer_lin, 2 * B * head
        act = 0.0
    else:  # prefill of B prompts of C tokens; lm_head on the last position only
        kv = 0
        N = B * C
        attn_f = s.L * 4 * B * s.nq * s.hd * (C * (C + 1) // 2)
        lin_f, head_f = 2 * N * layer_lin, 2 * B * head
        # Rough unfused-eager activation traffic per token per layer (bf16): 19 H-wide and 8 FFN-wide
        # tensor passes (norms, GEMM inputs/outputs, SDPA in/out, SiLU, mul, residual adds); fp8 adds
        # amax (2 B), divide (4 B) and cast (3 B) per GEMM-input element (3 H-wide + 1 FFN-wide inputs).
        per_tok_layer = 2 * (19 * s.H + 8 * s.F)
        if prec == "fp8":
            per_tok_layer += 9 * (3 * s.H + s.F)
        act = N * s.L * per_tok_layer
    if prec == "fp8":
        return {"bytes": weights + kv, "flops_bf16": head_f + attn_f, "flops_fp8": lin_f, "act_bytes": act}
    return {"bytes": weights + kv, "flops_bf16": lin_f + head_f + attn_f, "flops_fp8": 0.0, "act_bytes": act}


# ---------------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------------
def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def load():
    rows = []
    with open(H200_CSV, newline="") as fh:
        for r in csv.DictReader(fh):
            for k in ("batch", "context_or_prompt", "tokens_per_s", "board_power_w", "sm_clock_mhz", "achieved",
                      "step_ms", "power_sampled_mean_w", "est_bytes_per_iter", "est_flops_per_iter",
                      "est_tb_per_s", "est_tflop_per_s", "seconds", "layers"):
                r[k] = num(r.get(k))
            r["capped"] = r.get("clock_event_reasons") == "0x4"
            rows.append(r)
    return rows


def label(r):
    if r["phase"] == "idle":
        return "idle (%s)" % r["note"].split(",")[0].replace("board idle ", "")
    if r["model"] == "micro":
        n = r["note"]
        if r["phase"] == "hbm-stream":
            return "HBM " + n.split(" over")[0]
        if r["batch"]:
            return "%s GEMM 64x8192x28672" % r["precision"]
        return "%s GEMM 8192^3%s" % (r["precision"], " fast-acc" if "fast_accum=True" in n else
                                    (" no-fast-acc" if "fast_accum=False" in n else ""))
    tag = " static" if "STATIC" in r["note"] else ""
    short = {"llama-3.1-8b": "8B", "llama-3.1-70b": "70B", "qwen3-30b-a3b": "MoE-30B"}[r["model"]]
    if r["phase"] == "prefill":
        return "%s %s%s prefill %dx%d" % (short, r["precision"], tag, r["batch"], r["context_or_prompt"])
    return "%s %s%s decode b%d c%d" % (short, r["precision"], tag, r["batch"], r["context_or_prompt"])


def distinct_experts(note):
    m = re.search(r"distinct experts per layer per step ([0-9.]+)", note or "")
    return float(m.group(1)) if m else None


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    print("\n".join(out))
    print()


def f(x, nd=1):
    if x is None:
        return "–"
    return ("%." + str(nd) + "f") % x


def pct(x, nd=1):
    return "–" if x is None else ("%+." + str(nd) + "f%%") % (100 * x)


def linfit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx
    a = my - b * mx
    res = [y - (a + b * x) for x, y in zip(xs, ys)]
    s2 = sum(e * e for e in res) / max(1, n - 2)
    se_b = math.sqrt(s2 / sxx)
    se_a = math.sqrt(s2 * (1.0 / n + mx * mx / sxx))
    return a, b, se_a, se_b, res


def main():
    rows = load()
    by = {label(r): r for r in rows}
    models = [r for r in rows if r["model"] not in ("none", "micro") and r["phase"] in ("decode", "prefill")]

    # Attach independent per-step work counts; check them against the CSV's est columns.
    print("## 0. Per-step work recomputed from the shapes (check against the CSV)\n")
    chk = []
    for r in models:
        w = work(r["model"], r["precision"], r["phase"], int(r["batch"]), int(r["context_or_prompt"]),
                 distinct_experts(r["note"]))
        r["w"] = w
        t = r["step_ms"] / 1e3
        r["bw"] = w["bytes"] / t
        r["fl_bf16"] = w["flops_bf16"] / t
        r["fl_fp8"] = w["flops_fp8"] / t
        r["act_bw"] = w["act_bytes"] / t
        fl = w["flops_bf16"] + w["flops_fp8"]
        chk.append((label(r), "%.4e" % w["bytes"], "%.4e" % r["est_bytes_per_iter"], "%.4e" % fl,
                    "%.4e" % r["est_flops_per_iter"], f(r["bw"] / 1e12, 3), f(r["fl_bf16"] / 1e12),
                    f(r["fl_fp8"] / 1e12), f(r["act_bw"] / 1e12, 2)))
    table(["row", "bytes/step (here)", "bytes (CSV)", "FLOP/step (here)", "FLOP (CSV)", "TB/s",
           "bf16 TFLOP/s", "fp8 TFLOP/s", "prefill act. TB/s (rough)"], chk)

    # ----------------------------------------------------------------------------------------
    print("## 1. Idle\n")
    idles = [r for r in rows if r["phase"] == "idle"]
    iv = [r["board_power_w"] for r in idles]
    idle = sum(iv) / len(iv)
    idle_sd = math.sqrt(sum((x - idle) ** 2 for x in iv) / (len(iv) - 1))
    table(["row", "board W (counter)", "sampled mean W", "SM MHz", "temp max C"],
          [(label(r), f(r["board_power_w"]), f(r["power_sampled_mean_w"]), f(r["sm_clock_mhz"], 0),
            r["temp_max_c"]) for r in idles])
    print("P_idle = mean %.1f W, s.d. %.1f W (n=3). H100 (shared/data/h100-measured.csv): %.1f W.\n"
          % (idle, idle_sd, H100_ROWS[0][4]))

    # ----------------------------------------------------------------------------------------
    print("## 2. Energy per HBM byte from the streams (no busy floor: (P - P_idle) / bytes/s)\n")
    streams = [r for r in rows if r["phase"] == "hbm-stream"]
    srows = []
    for r in streams:
        bw = r["achieved"] * 1e12
        e = (r["board_power_w"] - idle) / bw * 1e12
        es = (r["power_sampled_mean_w"] - idle) / bw * 1e12
        srows.append((label(r), f(r["achieved"], 3), f(r["achieved"] * 1e12 / HBM_H200 * 100) + " %",
                      f(r["board_power_w"]), f(r["sm_clock_mhz"], 0), "yes" if r["capped"] else "no",
                      f(e), f(es)))
    table(["row", "TB/s", "of 4.8 TB/s", "board W", "SM MHz", "at cap", "pJ/B (counter)", "pJ/B (sampled)"],
          srows)
    e_copy = (by["HBM copy"]["board_power_w"] - idle) / (by["HBM copy"]["achieved"] * 1e12)

    # ----------------------------------------------------------------------------------------
    print("## 3. Energy per FLOP from the 8192^3 GEMMs (all at the 700 W cap), model A (no floor)\n")
    gemms = [by["bf16 GEMM 8192^3"], by["fp8 GEMM 8192^3 no-fast-acc"], by["fp8 GEMM 8192^3 fast-acc"]]
    grows = []
    for r in gemms:
        prec = r["precision"]
        fl = r["achieved"] * 1e12
        pk = PEAK_BF16 if prec == "bf16" else PEAK_FP8
        mhz = r["sm_clock_mhz"]
        bmin = r["est_bytes_per_iter"] / (r["step_ms"] / 1e3)
        pmem = e_copy * bmin
        e = (r["board_power_w"] - idle - pmem) / fl
        es = (r["power_sampled_mean_w"] - idle - pmem) / fl
        grows.append((label(r), f(r["achieved"]), f(fl / pk * 100) + " %", f(mhz, 0),
                      f(fl / peak_at(prec, mhz) * 100) + " %", f(r["board_power_w"]), f(pmem),
                      f(e * 1e12, 3), f(es * 1e12, 3)))
    table(["row", "TFLOP/s", "of datasheet", "SM MHz", "of peak at that clock", "board W",
           "HBM W (min traffic)", "pJ/FLOP (counter)", "pJ/FLOP (sampled)"], grows)

    # ----------------------------------------------------------------------------------------
    print("## 4. Busy floor: fit P - P_idle - P_flop = P_busy + e_B * bytes/s over low-FLOP rows\n")
    # e_F for the (small) FLOP term of these rows: model-A bf16 value, scaled to 1980 MHz with alpha = 2.5.
    g = by["bf16 GEMM 8192^3"]
    e_bf16_A = (g["board_power_w"] - idle - e_copy * g["est_bytes_per_iter"] / (g["step_ms"] / 1e3)) / (
        g["achieved"] * 1e12)
    fitnames = ["HBM copy", "HBM scale", "8B bf16 decode b1 c1024", "8B bf16 decode b1 c4096",
                "8B fp8 decode b1 c1024", "8B fp8 static decode b1 c1024", "70B fp8 decode b1 c1024",
                "MoE-30B bf16 decode b1 c1024"]
    xs, ys = [], []
    e_f_guess = e_bf16_A * (F_MAX / g["sm_clock_mhz"]) ** 1.5
    for n in fitnames:
        r = by[n]
        if r["phase"] == "hbm-stream":
            bw, pfl = r["achieved"] * 1e12, 0.0
        else:
            bw = r["bw"]
            pfl = e_f_guess * r["fl_bf16"] + 0.5 * e_f_guess * r["fl_fp8"]
        xs.append(bw / 1e12)
        ys.append(r["board_power_w"] - idle - pfl)
    a, b, se_a, se_b, res = linfit(xs, ys)
    table(["row", "TB/s", "P - idle - P_flop (W)", "fit (W)", "residual W"],
          [(n, f(x, 3), f(y), f(a + b * x), f(e)) for n, x, y, e in zip(fitnames, xs, ys, res)])
    print("P_busy = %.1f +- %.1f W, e_B = %.1f +- %.1f pJ/B (least squares, %d rows; +- = 1 s.e.)\n"
          % (a, se_a, b, se_b, len(xs)))
    busy, e_B = a, b * 1e-12
    rs = by["HBM read-sum"]
    print("read-sum (not in fit, at cap 1934 MHz): (P - idle - P_busy)/BW = %.1f pJ/B; copy %.1f; scale %.1f\n"
          % ((rs["board_power_w"] - idle - busy) / (rs["achieved"] * 1e12) * 1e12,
             (by["HBM copy"]["board_power_w"] - idle - busy) / (by["HBM copy"]["achieved"] * 1e12) * 1e12,
             (by["HBM scale"]["board_power_w"] - idle - busy) / (by["HBM scale"]["achieved"] * 1e12) * 1e12))

    # Model-B e_F from the GEMMs.
    eF = {}
    brows = []
    for r in gemms:
        fl = r["achieved"] * 1e12
        bmin = r["est_bytes_per_iter"] / (r["step_ms"] / 1e3)
        e = (r["board_power_w"] - idle - busy - e_B * bmin) / fl
        brows.append((label(r), f(r["sm_clock_mhz"], 0), f(e * 1e12, 3),
                      f(e * 1e12 * (F_MAX / r["sm_clock_mhz"]) ** 1.0, 3),
                      f(e * 1e12 * (F_MAX / r["sm_clock_mhz"]) ** 1.5, 3),
                      f(e * 1e12 * (F_MAX / r["sm_clock_mhz"]) ** 2.0, 3)))
    table(["row (model B)", "SM MHz", "pJ/FLOP at that clock", "at 1980 MHz, alpha=2", "alpha=2.5",
           "alpha=3"], brows)
    eF["A"] = {"bf16": (e_bf16_A, g["sm_clock_mhz"])}
    gf = by["fp8 GEMM 8192^3 fast-acc"]
    eF["A"]["fp8"] = ((gf["board_power_w"] - idle - e_copy * gf["est_bytes_per_iter"] / (gf["step_ms"] / 1e3))
                      / (gf["achieved"] * 1e12), gf["sm_clock_mhz"])
    eF["B"] = {}
    for prec, r in (("bf16", g), ("fp8", gf)):
        eF["B"][prec] = ((r["board_power_w"] - idle - busy - e_B * r["est_bytes_per_iter"] / (r["step_ms"] / 1e3))
                         / (r["achieved"] * 1e12), r["sm_clock_mhz"])
    print("fp8/bf16 energy-per-FLOP ratio (model B, fast-acc fp8 at 1422 vs bf16 at 1447 MHz, "
          "bf16 moved to 1422 MHz with alpha=2.5): %.2f\n"
          % (eF["B"]["fp8"][0] / (eF["B"]["bf16"][0] * (1422.0 / 1447.0) ** 1.5)))

    # Tensor-pipe view: power at full tensor occupancy, as a function of clock.
    print("Tensor-pipe power P_TC = compute W / occupancy (occupancy = FLOP/s / peak at the clock), model B:\n")
    trows = []
    for r in gemms:
        prec = r["precision"]
        fl = r["achieved"] * 1e12
        occ = fl / peak_at(prec, r["sm_clock_mhz"])
        bmin = r["est_bytes_per_iter"] / (r["step_ms"] / 1e3)
        pc = r["board_power_w"] - idle - busy - e_B * bmin
        row = [label(r), f(r["sm_clock_mhz"], 0), f(occ, 3), f(pc), f(pc / occ)]
        for al in (2.0, 2.5, 3.0):
            ptc = pc / occ * (F_MAX / r["sm_clock_mhz"]) ** al
            # occupancy at which the cap binds at 1980 MHz, and the uncapped board power of this GEMM at 1980
            row += [f(ptc, 0), f((TDP - idle - busy) / ptc * 100, 0) + " %",
                    f(idle + busy + e_B * bmin + ptc * occ, 0)]
        trows.append(row)
    table(["row", "MHz", "occupancy", "compute W", "P_TC at clock",
           "P_TC@1980 a=2", "cap binds at (a=2, no HBM traffic)", "uncapped W (a=2)",
           "P_TC@1980 a=2.5", "cap binds at (a=2.5)", "uncapped W (a=2.5)",
           "P_TC@1980 a=3", "cap binds at (a=3)", "uncapped W (a=3)"], trows)

    # ----------------------------------------------------------------------------------------
    print("## 5. Predicted board power for every model row\n")
    print("Inputs per row: measured step time -> bytes/s and FLOP/s (section 0); measured SM clock.\n"
          "A: idle + e_B(copy) * BW + e_F(f) * FLOP/s.  B: adds P_busy, e_B from the fit.  "
          "B+act: B plus e_B * rough prefill activation traffic (prefill rows only; '=' means same as B).\n")

    for r in models:
        s_ = SHAPES[r["model"]]
        kvb = int(r["batch"]) * (int(r["context_or_prompt"]) + 1) * s_.L * s_.kv_b_tok_layer() \
            if r["phase"] == "decode" else 0
        r["kv_bw"] = kvb / (r["step_ms"] / 1e3)

    def p_flops(r, var, alpha, fl_bf16=None):
        mhz = r["sm_clock_mhz"]
        p = 0.0
        for prec, fl in (("bf16", r["fl_bf16"] if fl_bf16 is None else fl_bf16), ("fp8", r["fl_fp8"])):
            e0, f0 = eF[var][prec]
            p += e0 * (mhz / f0) ** (alpha - 1.0) * fl
        return p

    def predict(r, var, alpha, act=False, e_kv=0.0):
        eb = e_copy if var == "A" else e_B
        p = idle + (busy if var == "B" else 0.0) + eb * (r["bw"] + (r["act_bw"] if act else 0.0))
        return p + p_flops(r, var, alpha) + e_kv * r.get("kv_bw", 0.0)

    def summarise(title, preds, more_fit=()):
        """preds: list of (row, predicted W); more_fit: rows also used to fit this variant."""
        out = []
        for name, sel in (("all model rows", lambda r: True),
                          ("uncapped decode", lambda r: r["phase"] == "decode" and not r["capped"]),
                          ("capped rows", lambda r: r["capped"]),
                          ("prefill", lambda r: r["phase"] == "prefill"),
                          ("test rows only", lambda r: label(r) not in fit_set and r not in more_fit)):
            es = [p / r["board_power_w"] - 1 for r, p in preds if sel(r)]
            if not es:
                continue
            rms_ = math.sqrt(sum(e * e for e in es) / len(es))
            out.append((title, name, len(es), pct(sum(es) / len(es)), f(rms_ * 100) + " %",
                        pct(max(es, key=abs))))
        return out

    fit_set = set(fitnames)
    prow = []
    summ = []
    variants = [("A", False, 2.0), ("A", False, 3.0), ("B", False, 2.0), ("B", False, 3.0),
                ("B", True, 2.0), ("B", True, 3.0)]
    preds = {v: [] for v in variants}
    for r in models:
        lab = label(r)
        row = [lab, "fit" if lab in fit_set else "test", f(r["sm_clock_mhz"], 0), "cap" if r["capped"] else "",
               f(r["board_power_w"])]
        for v in variants:
            var, act, al = v
            p = predict(r, var, al, act and r["phase"] == "prefill")
            preds[v].append((r, p))
            if act and r["phase"] != "prefill":
                row.append("=")
            else:
                row.append(f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")")
        prow.append(row)
    table(["row", "role", "MHz", "", "measured W", "A a=2", "A a=3", "B a=2", "B a=3", "B+act a=2", "B+act a=3"],
          prow)

    # Micro-benchmark rows through model B (the 8192^3 bf16 and fp8 fast-acc GEMMs are exact by construction).
    print("Micro-benchmark rows through model B (measured clock):\n")
    mrows_ = []
    for r in rows:
        if r["model"] != "micro":
            continue
        t = r["step_ms"] / 1e3
        bw = r["est_bytes_per_iter"] / t
        fl = (r["est_flops_per_iter"] or 0.0) / t
        rr = {"sm_clock_mhz": r["sm_clock_mhz"], "fl_bf16": fl if r["precision"] == "bf16" else 0.0,
              "fl_fp8": fl if r["precision"] == "fp8" else 0.0}
        out = [label(r), f(r["sm_clock_mhz"], 0), f(bw / 1e12, 3), f(fl / 1e12), f(r["board_power_w"])]
        for al in (2.0, 3.0):
            p = idle + busy + e_B * bw + p_flops(rr, "B", al)
            out.append(f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")")
        if r["phase"] == "gemm" and r["batch"]:
            # e_B that would make this GEMM row exact
            out.append(f((r["board_power_w"] - idle - busy - p_flops(rr, "B", 2.5)) / bw * 1e12, 1))
        else:
            out.append("")
        mrows_.append(out)
    table(["row", "MHz", "TB/s", "TFLOP/s", "measured W", "B a=2", "B a=3", "e_B making it exact (a=2.5), pJ/B"],
          mrows_)

    # Where the residual goes (model B, alpha = 2.5).
    print("Residual of model B (alpha = 2.5) on decode rows: measured - predicted, per useful FLOP and per KV byte:\n")
    drows = []
    for r in models:
        if r["phase"] != "decode":
            continue
        pb = predict(r, "B", 2.5)
        pf = p_flops(r, "B", 2.5)
        extra = r["board_power_w"] - pb
        drows.append((label(r), f(r["sm_clock_mhz"], 0), f(extra, 0), f(r["fl_bf16"] / 1e12 + r["fl_fp8"] / 1e12),
                      f(pf, 0), f((extra + pf) / pf, 2) if pf > 1 else "–", f(r["kv_bw"] / 1e12, 2),
                      f(extra / r["kv_bw"] * 1e12, 0) if r["kv_bw"] > 0.1e12 else "–"))
    table(["decode row", "MHz", "residual W", "TFLOP/s", "FLOP term W", "needed e_F / GEMM e_F",
           "KV TB/s", "residual pJ per KV byte"], drows)

    # Model C: B plus an extra energy per KV byte, fitted on the 8B bf16 batched rows (b >= 32).
    cfit = [r for r in models if r["model"] == "llama-3.1-8b" and r["precision"] == "bf16"
            and r["phase"] == "decode" and r["batch"] >= 32]
    e_kv = {}
    for al in (2.0, 2.5, 3.0):
        num_ = sum((r["board_power_w"] - predict(r, "B", al)) * r["kv_bw"] for r in cfit)
        den_ = sum(r["kv_bw"] ** 2 for r in cfit)
        e_kv[al] = num_ / den_
    print("Model C = B + e_KV * (KV bytes/s): e_KV fitted (least squares through 0) on the %d 8B bf16 decode rows "
          "with batch >= 32: %s pJ/B extra per KV byte (KV bytes then cost e_B + e_KV = %s pJ/B).\n"
          % (len(cfit), ", ".join("%.0f (a=%g)" % (e_kv[a] * 1e12, a) for a in sorted(e_kv)),
             ", ".join("%.0f" % ((e_B + e_kv[a]) * 1e12) for a in sorted(e_kv))))
    crow = []
    for v in ((2.0,), (2.5,), (3.0,)):
        al = v[0]
        preds[("C", True, al)] = [(r, predict(r, "B", al, r["phase"] == "prefill", e_kv[al])) for r in models]
    for r in models:
        if r["phase"] != "decode":
            continue
        role = "fit (e_KV)" if r in cfit else ("fit (floor)" if label(r) in fit_set else "test")
        out = [label(r), role, f(r["board_power_w"])]
        for al in (2.0, 2.5, 3.0):
            p = predict(r, "B", al, False, e_kv[al])
            out.append(f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")")
        crow.append(out)
    table(["decode row", "role", "measured W", "C a=2", "C a=2.5", "C a=3"], crow)

    # MoE: tensor work on padded expert tiles (hypothesis).
    print("MoE hypothesis: each active expert's GEMMs run one 64-row tile (wgmma M = 64) whatever its token count.\n"
          "Hardware FLOP/s = 64 x distinct experts x layers x 2 x 3 x H x F_e / step time (plus the non-expert FLOPs).\n")
    s_m = SHAPES["qwen3-30b-a3b"]
    hrows_ = []
    pad_fl = {}
    for r in models:
        if r["model"] != "qwen3-30b-a3b":
            continue
        B = int(r["batch"])
        d = distinct_experts(r["note"])
        t = r["step_ms"] / 1e3
        useful_ex = 2 * B * s_m.k * s_m.L * 3 * s_m.H * s_m.eff
        rows_hw = d * 64 * max(1, math.ceil(B * s_m.k / d / 64))
        hw_ex = 2 * rows_hw * s_m.L * 3 * s_m.H * s_m.eff
        fl_hw = r["fl_bf16"] + (hw_ex - useful_ex) / t
        pad_fl[id(r)] = fl_hw
        out = [label(r), f(B * s_m.k / d, 2), f(r["fl_bf16"] / 1e12), f(fl_hw / 1e12), f(r["board_power_w"])]
        for al in (2.0, 3.0):
            p = idle + busy + e_B * r["bw"] + e_kv[al] * r["kv_bw"] + p_flops(r, "B", al, fl_hw)
            out.append(f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")")
        hrows_.append(out)
    table(["MoE row", "tokens/expert", "useful TFLOP/s", "padded TFLOP/s", "measured W", "C+pad a=2", "C+pad a=3"],
          hrows_)

    al = 2.5
    preds[("C+pad", True, al)] = [
        (r, predict(r, "B", al, r["phase"] == "prefill", e_kv[al]) if id(r) not in pad_fl else
         idle + busy + e_B * r["bw"] + e_kv[al] * r["kv_bw"] + p_flops(r, "B", al, pad_fl[id(r)])) for r in models]
    print("Error summary (predicted/measured - 1). 'test rows only' leaves out every row used to fit that variant "
          "(the 8 floor rows; for C also the 5 e_KV rows):\n")
    for v, lst in preds.items():
        var, act, al = v
        title = "%s%s a=%g" % (var, "+act" if (act and var == "B") else "", al)
        if var == "C":
            title = "C (B+act+e_KV) a=%g" % al
        if var == "C+pad":
            title = "C + MoE 64-row tiles a=%g" % al
        summ += summarise(title, lst, cfit if var.startswith("C") else ())
    table(["model", "rows", "n", "mean error", "rms error", "worst"], summ)

    # Alpha that makes model B exact on each capped row (if one exists in 0..8).
    print("alpha that makes the model exact on each capped row (B; B+act for prefill; C for decode):\n")
    arows = []

    def solve_alpha(r, act, ekv_fn):
        lo, hi = 0.0, 8.0
        flo = predict(r, "B", lo, act, ekv_fn(lo)) - r["board_power_w"]
        fhi = predict(r, "B", hi, act, ekv_fn(hi)) - r["board_power_w"]
        if flo * fhi > 0:
            return "none in 0..8"
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            fm = predict(r, "B", mid, act, ekv_fn(mid)) - r["board_power_w"]
            if (fm > 0) == (fhi > 0):
                hi, fhi = mid, fm
            else:
                lo, flo = mid, fm
        return f(0.5 * (lo + hi), 2)

    def implied_mhz(r, act, ekv, al=2.5):
        """SM clock at which the model, with the row's measured bytes/s and FLOP/s, draws the measured power."""
        lo, hi = 200.0, 4000.0
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            q = dict(r, sm_clock_mhz=mid)
            if predict(q, "B", al, act, ekv) > r["board_power_w"]:
                hi = mid
            else:
                lo = mid
        return 0.5 * (lo + hi)

    for r in models:
        if not r["capped"]:
            continue
        out = [label(r), f(r["sm_clock_mhz"], 0), f(r["board_power_w"]), solve_alpha(r, False, lambda a: 0.0)]
        act = r["phase"] == "prefill"
        if act:
            out += [solve_alpha(r, True, lambda a: 0.0), "="]
        else:
            out += ["=", solve_alpha(r, False, lambda a: e_kv[2.5]) + (" (fit row)" if r in cfit else "")]
        out += [(lambda m: "none below 4000" if m > 3990 else f(m, 0))(implied_mhz(r, False, 0.0)),
                (lambda m: "none below 4000" if m > 3990 else f(m, 0))(implied_mhz(r, act, e_kv[2.5]))]
        arows.append(out)
    table(["capped row", "MHz", "W", "alpha (B)", "alpha (B+act)", "alpha (C, e_KV at a=2.5)",
           "MHz where B draws this W (a=2.5)", "MHz where B+act / C draws it (a=2.5)"], arows)

    print("## 5b. Today's power equation (src/model/step.rs, src/data/constants.json) on the same measured loads\n")
    K_MEM, K_COMP, GAMMA, IDLE_CAT = 0.6788, 1.7509, 0.6595, 121.0  # constants.json; hardware.json h200-sxm idle_w
    print("P = idle + (TDP - idle) * min(1, k_mem * u_mem + k_comp * u_comp^gamma), k_mem %.4f, k_comp %.4f, "
          "gamma %.4f, idle %.0f W (catalogue); u_mem = TB/s / 4.8, u_comp = bf16 FLOP/s / 989.4T + fp8 FLOP/s / "
          "1978.9T, both from the measured step time. Full power is reached at u_comp = %.3f with no memory "
          "traffic.\n" % (K_MEM, K_COMP, GAMMA, IDLE_CAT, (1 / K_COMP) ** (1 / GAMMA)))
    trow = []
    tod = []
    for r in models:
        um = r["bw"] / HBM_H200
        uc = r["fl_bf16"] / PEAK_BF16 + r["fl_fp8"] / PEAK_FP8
        fr = K_MEM * um + K_COMP * uc ** GAMMA
        p = IDLE_CAT + (TDP - IDLE_CAT) * min(1.0, fr)
        tod.append((r, p))
        trow.append((label(r), f(um, 3), f(uc, 3), f(fr, 2), f(r["board_power_w"]),
                     f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")"))
    table(["row", "u_mem", "u_comp", "f", "measured W", "today"], trow)
    table(["model", "rows", "n", "mean error", "rms error", "worst"], summarise("today (step.rs)", tod))

    print("## 5c. Compact comparison at alpha = 2.5 (predicted W and error per row)\n")
    al = 2.5
    crow2 = []
    tod_by = {id(r): p for r, p in tod}
    pad_by = {id(r): p for r, p in preds[("C+pad", True, al)]}
    for r in models:
        cells = [label(r), "cap" if r["capped"] else "", f(r["board_power_w"])]
        ps = [tod_by[id(r)], predict(r, "A", al), predict(r, "B", al),
              predict(r, "B", al, r["phase"] == "prefill"),
              predict(r, "B", al, r["phase"] == "prefill", e_kv[al]), pad_by[id(r)]]
        for p in ps:
            cells.append(f(p, 0) + " (" + pct(p / r["board_power_w"] - 1, 0) + ")")
        crow2.append(cells)
    table(["row", "", "measured W", "today (step.rs eq.)", "A", "B", "B+act", "C", "C + MoE tiles"], crow2)
    summ2 = []
    for title, lst in (("A a=2.5", [(r, predict(r, "A", al)) for r in models]),
                       ("B a=2.5", [(r, predict(r, "B", al)) for r in models]),
                       ("B+act a=2.5", [(r, predict(r, "B", al, r["phase"] == "prefill")) for r in models])):
        summ2 += summarise(title, lst)
    table(["model", "rows", "n", "mean error", "rms error", "worst"], summ2)

    print("## 6. Achieved fractions of peak\n")
    frows = []
    rd = by["HBM read-sum"]["achieved"] * 1e12
    for r in rows:
        lab = label(r)
        if r["phase"] == "hbm-stream":
            frows.append((lab, "HBM", f(r["achieved"], 3) + " TB/s", f(r["achieved"] * 1e12 / HBM_H200 * 100) + " %",
                          "–"))
        elif r["phase"] == "gemm" and r["batch"]:
            fl = float(re.search(r"([0-9.]+) TFLOP/s", r["note"]).group(1))
            frows.append((lab, "HBM (weights+x+y)", f(r["achieved"], 3) + " TB/s",
                          f(r["achieved"] * 1e12 / HBM_H200 * 100) + " %",
                          "%.1f TFLOP/s = %.1f %% of %s peak" % (
                              fl, fl * 1e12 / (PEAK_BF16 if r["precision"] == "bf16" else PEAK_FP8) * 100,
                              r["precision"])))
        elif r["phase"] == "gemm":
            pk = PEAK_BF16 if r["precision"] == "bf16" else PEAK_FP8
            fl = r["achieved"] * 1e12
            frows.append((lab, "%s FLOP" % r["precision"], f(r["achieved"]) + " TFLOP/s", f(fl / pk * 100) + " %",
                          "%.1f %% of peak at %d MHz" % (fl / peak_at(r["precision"], r["sm_clock_mhz"]) * 100,
                                                         r["sm_clock_mhz"])))
    for r in models:
        lab = label(r)
        if r["phase"] == "decode":
            frows.append((lab, "HBM", f(r["bw"] / 1e12, 3) + " TB/s", f(r["bw"] / HBM_H200 * 100) + " %",
                          "%.0f %% of read stream" % (r["bw"] / rd * 100)))
        else:
            fl = r["fl_bf16"] + r["fl_fp8"]
            pk = PEAK_BF16 if r["precision"] == "bf16" else PEAK_FP8
            pkc = peak_at(r["precision"], r["sm_clock_mhz"])
            frows.append((lab, "%s FLOP" % r["precision"], f(fl / 1e12) + " TFLOP/s", f(fl / pk * 100) + " %",
                          "%.1f %% of peak at %d MHz" % (fl / pkc * 100, r["sm_clock_mhz"])))
    # H100 rows
    for ph, B, C, tps, w in H100_ROWS[1:]:
        wk = work("llama-3.1-8b", "bf16", ph, B, C)
        t = (B * (C if ph == "prefill" else 1)) / tps
        if ph == "decode":
            bw = wk["bytes"] / t
            frows.append(("H100 8B bf16 decode b%d c%d" % (B, C), "HBM", f(bw / 1e12, 3) + " TB/s",
                          f(bw / HBM_H100 * 100) + " %", "step %.2f ms, %.1f TFLOP/s, %.1f W" % (
                              t * 1e3, wk["flops_bf16"] / t / 1e12, w)))
        else:
            fl = wk["flops_bf16"] / t
            frows.append(("H100 8B bf16 prefill %dx%d" % (B, C), "bf16 FLOP", f(fl / 1e12) + " TFLOP/s",
                          f(fl / PEAK_BF16 * 100) + " %", "%.1f W (no clock recorded)" % w))
    table(["row", "what", "achieved", "of datasheet", "note"], frows)

    # ----------------------------------------------------------------------------------------
    print("## 7. Fixed per-step time at batch 1: t_step - bytes / BW_ref\n")
    bw_read = by["HBM read-sum"]["achieved"] * 1e12
    bw_gemm = {"bf16": by["bf16 GEMM 64x8192x28672"]["achieved"] * 1e12,
               "fp8": by["fp8 GEMM 64x8192x28672"]["achieved"] * 1e12}
    xrows = []
    for r in models:
        if r["phase"] != "decode" or r["batch"] != 1:
            continue
        t = r["step_ms"] / 1e3
        L = SHAPES[r["model"]].L
        t1 = t - r["w"]["bytes"] / bw_read
        t2 = t - r["w"]["bytes"] / bw_gemm[r["precision"]]
        xrows.append((label(r), f(r["step_ms"], 3), "%.3f" % (r["w"]["bytes"] / 1e9),
                      f(r["w"]["bytes"] / bw_read * 1e3, 3), f(t1 * 1e3, 3), f(t1 / L * 1e6, 0),
                      f(t1 / t * 100, 0) + " %", f(t2 * 1e3, 3), f(t2 / L * 1e6, 0)))
    # H100 batch 1, with the H200 read-stream fraction applied to 3.35 TB/s (assumption)
    wk = work("llama-3.1-8b", "bf16", "decode", 1, 1024)
    t = 1 / 142.5
    bw_h = HBM_H100 * bw_read / HBM_H200
    th = t - wk["bytes"] / bw_h
    xrows.append(("H100 8B bf16 decode b1 c1024 (BW_ref = 3.35 x %.3f, assumed)" % (bw_read / HBM_H200),
                  f(t * 1e3, 3), "%.3f" % (wk["bytes"] / 1e9), f(wk["bytes"] / bw_h * 1e3, 3), f(th * 1e3, 3),
                  f(th / 32 * 1e6, 0), f(th / t * 100, 0) + " %", "–", "–"))
    table(["row", "step ms", "GB/step", "bytes/read-stream ms", "fixed ms (read stream 4.196)",
           "us/layer", "share of step", "fixed ms (decode GEMM 3.91/3.77)", "us/layer"], xrows)
    r1, r4 = by["8B bf16 decode b1 c1024"], by["8B bf16 decode b1 c4096"]
    dB = r4["w"]["bytes"] - r1["w"]["bytes"]
    dt = (r4["step_ms"] - r1["step_ms"]) / 1e3
    print("Marginal KV read rate at batch 1 (ctx 1024 -> 4096): %.3f GB in %.3f ms = %.2f TB/s\n"
          % (dB / 1e9, dt * 1e3, dB / dt / 1e12))

    # ----------------------------------------------------------------------------------------
    print("## 8. MoE (Qwen3-30B-A3B shape, bf16, grouped GEMM)\n")
    moe = [r for r in models if r["model"] == "qwen3-30b-a3b"]
    s = SHAPES["qwen3-30b-a3b"]
    eb = 3 * s.H * s.eff * 2
    mrows = []
    prev = None
    for r in moe:
        B = int(r["batch"])
        d = distinct_experts(r["note"])
        tpe = B * s.k / d
        ex_bytes = d * s.L * eb
        t = r["step_ms"] / 1e3
        marg = "–"
        if prev is not None:
            marg = f((r["w"]["bytes"] - prev[0]) / (t - prev[1]) / 1e12, 2)
        mrows.append(("b%d" % B, f(d, 2), f(tpe, 2), "%.2f" % (ex_bytes / 1e9), "%.2f" % (r["w"]["bytes"] / 1e9),
                      f(ex_bytes / r["w"]["bytes"] * 100, 0) + " %", f(r["step_ms"], 2), f(r["bw"] / 1e12, 3),
                      marg, f(r["board_power_w"]), "0x4" if r["capped"] else ""))
        prev = (r["w"]["bytes"], t)
    table(["batch", "distinct experts/layer", "tokens per expert", "expert GB/step", "total GB/step",
           "expert share", "step ms", "avg TB/s", "marginal TB/s vs previous row", "W", "cap"], mrows)
    pts = [(r["w"]["bytes"], r["step_ms"] / 1e3) for r in moe if not r["capped"]]
    a_m, b_m, sa_m, sb_m, res_m = linfit([p[0] / 1e9 for p in pts], [p[1] * 1e3 for p in pts])
    bw_fit = 1 / (b_m * 1e-3 / 1e9)
    print("Line t = t0 + bytes/BW over the uncapped MoE rows (b1, b16, b64): t0 = %.2f ms (%.0f us/layer), "
          "BW = %.2f TB/s (%.0f %% of 4.8, %.0f %% of the read stream); residuals %s ms\n"
          % (a_m, a_m * 1e3 / s.L, bw_fit / 1e12, bw_fit / HBM_H200 * 100, bw_fit / bw_read * 100,
             ", ".join("%.2f" % e for e in res_m)))
    for r in moe:
        B = int(r["batch"])
        d = distinct_experts(r["note"])
        ex_bytes = d * s.L * eb
        ex_fl = 2 * B * s.L * s.k * 3 * s.H * s.eff
        t_ex = ex_bytes / bw_fit
        print("  b%-3d expert GEMMs: %.2f GB at the fitted %.2f TB/s = %.2f ms (%.0f %% of the step); "
              "%.2f TFLOP/s in them = %.2f %% of bf16 peak; arithmetic intensity %.1f FLOP/B"
              % (B, ex_bytes / 1e9, bw_fit / 1e12, t_ex * 1e3, t_ex / (r["step_ms"] / 1e3) * 100,
                 ex_fl / t_ex / 1e12, ex_fl / t_ex / PEAK_BF16 * 100, ex_fl / ex_bytes))
    print()
    d8 = by["8B bf16 decode b1 c1024"]
    print("Compare: dense 8B bf16 b1 %.2f TB/s; decode-shaped dense GEMM (M=64) %.2f TB/s.\n"
          % (d8["bw"] / 1e12, bw_gemm["bf16"] / 1e12))

    # ----------------------------------------------------------------------------------------
    print("## 9. H100 rows with the H200 constants (H100 idle 121.1 W; no clock recorded)\n")
    hrows = []
    idle_h = H100_ROWS[0][4]
    al = 2.5
    for ph, B, C, tps, w in H100_ROWS[1:]:
        wk = work("llama-3.1-8b", "bf16", ph, B, C)
        t = (B * (C if ph == "prefill" else 1)) / tps
        s8 = SHAPES["llama-3.1-8b"]
        rr = {"bw": wk["bytes"] / t, "fl_bf16": wk["flops_bf16"] / t, "fl_fp8": 0.0,
              "act_bw": wk["act_bytes"] / t,
              "kv_bw": (B * (C + 1) * s8.L * s8.kv_b_tok_layer() / t) if ph == "decode" else 0.0}

        def p_at(mhz, rr=rr, ph=ph):
            q = dict(rr, sm_clock_mhz=mhz)
            return (idle_h + busy + e_B * (q["bw"] + q["act_bw"]) + e_kv[al] * q["kv_bw"] + p_flops(q, "B", al))

        p_max = p_at(F_MAX)
        # clock that reproduces the measured power, if any below the max clock
        lo, hi = 300.0, F_MAX
        if p_flops(dict(rr, sm_clock_mhz=F_MAX), "B", al) < 10.0:
            fimp = "– (FLOP term < 10 W)"
        elif p_at(hi) < w:
            fimp = "above max (model low by %.0f W)" % (w - p_at(hi))
        else:
            for _ in range(60):
                mid = 0.5 * (lo + hi)
                if p_at(mid) > w:
                    hi = mid
                else:
                    lo = mid
            fimp = "%.0f" % (0.5 * (lo + hi))
        hrows.append(("H100 %s b%d" % (ph, B), f(t * 1e3, 2), f(rr["bw"] / 1e12, 3), f(rr["fl_bf16"] / 1e12),
                      f(rr["kv_bw"] / 1e12, 2), f(w), "%.0f (%s)" % (p_max, pct(p_max / w - 1, 0)), fimp))
    table(["row", "step ms", "TB/s", "TFLOP/s", "KV TB/s", "measured W", "model C at 1980 MHz (a=2.5)",
           "SM MHz that reproduces it"], hrows)
    print("Constants used: P_idle %.1f W, P_busy %.1f W, e_B %.1f pJ/B (model B), e_B %.1f pJ/B (model A, copy), "
          "e_F bf16 %.3f pJ/FLOP at %.0f MHz (B), fp8 %.3f pJ/FLOP at %.0f MHz (B), e_KV %.0f pJ/B (C, a=2.5)."
          % (idle, busy, e_B * 1e12, e_copy * 1e12, eF["B"]["bf16"][0] * 1e12, eF["B"]["bf16"][1],
             eF["B"]["fp8"][0] * 1e12, eF["B"]["fp8"][1], e_kv[2.5] * 1e12))


if __name__ == "__main__":
    sys.exit(main())
