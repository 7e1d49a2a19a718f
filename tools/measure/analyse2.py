#!/usr/bin/env python3
"""analyse2.py: the numbers in ANALYSIS.md section 12 ("Second run"), from results/h200-measured2.csv.

Standard library only. Run from the repository root: python3 tools/measure/analyse2.py [CSV]
(CSV: another run of the same items, e.g. results/h100-measured6.csv, the sixth run: items 1 and 2
on an H100; the items a file lacks are skipped).
"""

import csv
import math
import os
import statistics as st

HERE = os.path.dirname(os.path.abspath(__file__))
import sys

R2 = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "results", "h200-measured2.csv")
R1 = os.path.join(HERE, "results", "h200-measured.csv")
PEAK_BF16_PER_MHZ = 132 * 4096 * 1e6  # FLOP/s per MHz of SM clock (dense bf16); x2 for fp8
F_MAX = 1980.0
E_B_STREAM = 105e-12  # J/B, this run's copy stream (see section 2 of the output)
FLOOR_RUN1 = 49.2  # W, first run's fitted busy floor (ANALYSIS.md 3.2)

rows = list(csv.DictReader(open(R2)))


def fl(r, k):
    v = r.get(k, "")
    return float(v) if v not in ("", None) else None


def pts(test, prec=None, value=None):
    out = []
    for r in rows:
        if r["test"] != test or not r["seconds"]:
            continue
        if prec is not None and r["precision"] != prec:
            continue
        if value is not None and r["value"] != value:
            continue
        out.append(r)
    return out


def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    return st.stdev(xs) if len(xs) > 1 else 0.0


def p_counter(rs):
    """Energy-weighted mean board power over the windows (counter)."""
    return sum(fl(r, "energy_j") for r in rs) / sum(fl(r, "seconds") for r in rs)


def p_sampled(rs):
    """Sampled mean over the windows after the first (the 50 ms samples lag a load change by about 1 s)."""
    use = rs[1:] if len(rs) > 1 else rs
    return mean([fl(r, "power_sampled_mean_w") for r in use])


def linfit(xy):
    n = len(xy)
    mx = mean([x for x, _ in xy])
    my = mean([y for _, y in xy])
    sxx = sum((x - mx) ** 2 for x, _ in xy)
    b = sum((x - mx) * (y - my) for x, y in xy) / sxx
    a = my - b * mx
    res = [y - a - b * x for x, y in xy]
    s2 = sum(e * e for e in res) / (n - 2) if n > 2 else 0.0
    return a, b, math.sqrt(s2 / sxx), math.sqrt(s2 * (1 / n + mx * mx / sxx)), max(abs(e) for e in res)


print("# 0. Counter granularity")
for test, prec, val in (("gemm-duty", "bf16", "1"), ("gemm-duty", "fp8", "1"), ("attn-decode", "bf16", "64x1024")):
    rs = pts(test, prec, val)
    print("%s %s %s: window energies %s J over %s s" % (test, prec, val, [round(fl(r, "energy_j")) for r in rs],
                                                        [r["seconds"] for r in rs]))

idle = [fl(r, "board_power_w") for r in rows if r["test"] == "idle"]
spin = pts("gemm-duty", "bf16", "0")
P0c = p_counter(spin)
P0s = mean([fl(r, "power_sampled_mean_w") for r in spin])
print("\n# 1. Idle and spin baseline")
print("idle (no kernels) start/end: %s W" % idle)
print("spin-only baseline (1-thread spin kernel): counter %.1f W, sampled %.1f W, per window %s" % (
    P0c, P0s, [r["board_power_w"] for r in spin]))
end = [r for r in rows if r["test"] == "gemm-duty" and r["repeat"] == "end"]
if end:
    print("spin-only again after the full-duty GEMMs: %s W (counter), %s W (sampled)" % (
        end[0]["board_power_w"], end[0]["power_sampled_mean_w"]))

print("\n# 2. alpha from duty-cycled GEMMs")
ALPHA = {}
for prec, kpeak, min_bytes in (("bf16", 1, 3 * 8192 * 8192 * 2), ("fp8", 2, 4 * 8192 * 8192)):
    duties = sorted({r["value"] for r in pts("gemm-duty", prec) if r["value"] != "0"}, key=float)
    print("\n%s: duty, avg TFLOP/s, in-burst TFLOP/s, in-burst eff. at 1980 MHz, W counter (s.d.), W sampled, "
          "SM MHz, T" % prec)
    xy_c, xy_s = [(0.0, fl(r, "board_power_w")) for r in spin], [(0.0, fl(r, "power_sampled_mean_w")) for r in spin[1:]]
    burst = []
    cap = None
    for d in duties:
        rs = pts("gemm-duty", prec, d)
        F = mean([fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs])
        bf = mean([fl(r, "burst_flops_per_s") for r in rs])
        clk = mean([fl(r, "sm_clock_mhz") for r in rs])
        eff = bf / (kpeak * PEAK_BF16_PER_MHZ * clk)
        Pw = [fl(r, "board_power_w") for r in rs]
        print("  %s  %.1f  %.1f  %.3f  %.1f (%.1f)  %.1f  %.0f  %s" % (
            d, F / 1e12, bf / 1e12, eff, p_counter(rs), sd(Pw), p_sampled(rs), clk,
            "/".join(r["temp_c"] for r in rs)))
        if float(d) < 1.0:
            xy_c += [(fl(r, "tokens_or_bytes_or_flops_per_s"), fl(r, "board_power_w")) for r in rs]
            xy_s += [(fl(r, "tokens_or_bytes_or_flops_per_s"), fl(r, "power_sampled_mean_w")) for r in rs[1:]]
            burst.append(bf)
        else:
            cap = (F, p_counter(rs), p_sampled(rs), clk, sd(Pw), eff, [fl(r, "sm_clock_mhz") for r in rs])
    Fb = mean(burst)
    for src, xy, Pcap in (("counter", xy_c, cap[1]), ("sampled", xy_s, cap[2])):
        a, b, sb, sa, mres = linfit(xy)
        print("  fit (%s, n=%d): P = %.1f (+-%.1f) W + %.4f (+-%.4f) pJ/FLOP x F; max |residual| %.1f W" % (
            src, len(xy), a, sa, b * 1e12, sb * 1e12, mres))
        fcap = cap[3]
        lnf = math.log(F_MAX / fcap)
        ecap_raw = (Pcap - a) / cap[0]
        sig_cap = (cap[4] / math.sqrt(3)) / cap[0] if src == "counter" else 3.0 / cap[0]
        for label, sub_1980, sub_cap in (
                ("raw: all power above the baseline scales", 0.0, 0.0),
                ("HBM (min traffic, %.0f pJ/B) held constant" % (E_B_STREAM * 1e12),
                 E_B_STREAM * min_bytes / (2.0 * 8192 ** 3), E_B_STREAM * min_bytes / (2.0 * 8192 ** 3)),
                ("HBM + 49 W floor held constant", E_B_STREAM * min_bytes / (2.0 * 8192 ** 3) + FLOOR_RUN1 / Fb,
                 E_B_STREAM * min_bytes / (2.0 * 8192 ** 3) + FLOOR_RUN1 / cap[0])):
            e1 = b - sub_1980
            e2 = ecap_raw - sub_cap
            alpha = 1 + math.log(e1 / e2) / lnf
            sig = math.sqrt((sb / e1) ** 2 + (sig_cap / e2) ** 2 + ((alpha - 1) * 10.0 / fcap) ** 2) / lnf
            ptc1980 = e1 * Fb / (Fb / (kpeak * PEAK_BF16_PER_MHZ * F_MAX))
            print("    %-42s e(1980)=%.3f  e(%.0f)=%.3f pJ/FLOP  alpha=%.2f +- %.2f (stat)  P_TC(1980)=%.0f W" % (
                label, e1 * 1e12, fcap, e2 * 1e12, alpha, sig, ptc1980))
            ALPHA[(prec, src, label[:3])] = alpha
    print("  capped point: %.1f TFLOP/s at %.0f MHz (windows %s), per-clock efficiency %.3f; in-burst at 1980: "
          "%.1f TFLOP/s, efficiency %.3f" % (cap[0] / 1e12, cap[3], cap[6], cap[5], Fb / 1e12,
                                              Fb / (kpeak * PEAK_BF16_PER_MHZ * F_MAX)))
    print("  throughput vs clock: F(1980)/F(cap) = %.3f against f ratio %.3f -> F ~ f^%.2f" % (
        Fb / cap[0], F_MAX / cap[3], math.log(Fb / cap[0]) / math.log(F_MAX / cap[3])))
print("\nalpha across variants: min %.2f, max %.2f" % (min(ALPHA.values()), max(ALPHA.values())))

print("\n# 3. HBM read / write / copy (8 GiB tensors)")
base = P0c
hb = {}
for t in ("hbm-write-const", "hbm-write-rand", "hbm-read", "hbm-copy", "hbm-read-duty", "hbm-write-rand-duty"):
    rs = pts(t)
    bw = mean([fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs])
    pc, ps = p_counter(rs), p_sampled(rs) if len(rs) > 1 else None
    hb[t] = (bw, pc, ps)
    print("%-20s %.3f TB/s  W counter %.1f  sampled(reps>0) %s  -> (W - %.1f)/BW = %.1f pJ/B (counter)%s" % (
        t, bw / 1e12, pc, ("%.1f" % ps) if ps else "-", base, (pc - base) / bw * 1e12,
        ("  %.1f (sampled)" % ((ps - base) / bw * 1e12)) if ps else ""))
for t_full, t_half in (("hbm-read", "hbm-read-duty"), ("hbm-write-rand", "hbm-write-rand-duty")):
    (b1, p1, _), (b2, p2, _) = hb[t_full], hb[t_half]
    slope = (p1 - p2) / (b1 - b2)
    icpt = p2 - slope * b2
    print("two-point (full, half duty) %s: %.1f pJ/B, intercept %.1f W (baseline %.1f W; +-~20 W from the "
          "counter step)" % (t_full, slope * 1e12, icpt, base))
eR = (hb["hbm-read"][1] - base) / hb["hbm-read"][0]
eW = (hb["hbm-write-const"][1] - base) / hb["hbm-write-const"][0]
bc, pcp, _ = hb["hbm-copy"]
print("copy predicted from read + write-const: %.1f W vs measured %.1f W" % (base + bc / 2 * (eR + eW), pcp))
print("copy implies e_W = %.1f pJ/B if e_R = %.1f (sum)" % (((pcp - base) - bc / 2 * eR) / (bc / 2) * 1e12, eR * 1e12))

print("\n# 4. Decode attention alone (KV bytes)")
print("B x C, TB/s (mean, s.d. %), W counter, W sampled, SM MHz, cap, pJ/B above idle (counter), (sampled)")
for r0 in [r for r in pts("attn-decode") if r["repeat"] == "0"]:
    rs = pts("attn-decode", value=r0["value"])
    bw = mean([fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs])
    pc, ps = p_counter(rs), p_sampled(rs)
    print("  %-16s %.3f (%.2f%%)  %.1f  %.1f  %.0f  %s  %.0f  %.0f" % (
        r0["value"], bw / 1e12, 100 * sd([fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs]) / bw, pc, ps,
        mean([fl(r, "sm_clock_mhz") for r in rs]), r0["clock_event_reasons"], (pc - base) / bw * 1e12,
        (ps - base) / bw * 1e12))

print("\n# 5. Grouped GEMM (128 experts, H 2048, F 768, gate/up + down), per M tokens per expert")
print("M | ms per gate/up+down | TB/s (weights+act) | of 4.8 | TFLOP/s | of peak at clock | padded-64 TFLOP/s | W "
      "(counter / sampled) | SM MHz | J per pair | pJ/B above idle")
WB = 128 * 3 * 2048 * 768 * 2
for M in (1, 2, 4, 8, 16, 32, 64, 128, 256):
    rs = pts("grouped-gemm", value=str(M))
    if not rs:
        continue
    F = mean([fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs])
    B = mean([fl(r, "bytes_per_s") for r in rs])
    fpp = 2.0 * 128 * M * 3 * 2048 * 768
    t = fpp / F
    clk = mean([fl(r, "sm_clock_mhz") for r in rs])
    pc, ps = p_counter(rs), p_sampled(rs)
    print("| %d | %.3f | %.2f | %.0f %% | %.1f | %.1f %% | %.0f | %.0f / %.0f | %.0f | %.3f | %.0f |" % (
        M, 1e3 * t, B / 1e12, 100 * B / 4.8e12, F / 1e12, 100 * F / (PEAK_BF16_PER_MHZ * clk),
        F * max(M, 64) / M / 1e12, pc, ps, clk, pc * t, (pc - base) / B * 1e12))

print("\n# 6. Repeats and cross-run spread")
r1 = list(csv.DictReader(open(R1)))


def first(model, prec, phase, b, c):
    for r in r1:
        if (r["model"], r["precision"], r["phase"], r["batch"], r["context_or_prompt"]) == (model, prec, phase, b, c):
            return r
    return None


for test, val, key in (("decode-8b", "1", ("llama-3.1-8b", "bf16", "decode", "1", "1024")),
                       ("decode-8b", "64", ("llama-3.1-8b", "bf16", "decode", "64", "1024")),
                       ("prefill-8b", "8x1024", ("llama-3.1-8b", "bf16", "prefill", "8", "1024"))):
    rs = pts(test, value=val)
    if not rs:
        print("%s %s: not in this file" % (test, val))
        continue
    th = [fl(r, "tokens_or_bytes_or_flops_per_s") for r in rs]
    pw = [fl(r, "board_power_w") for r in rs]
    pws = [fl(r, "power_sampled_mean_w") for r in rs]
    jt = [fl(r, "energy_j") / (fl(r, "tokens_or_bytes_or_flops_per_s") * fl(r, "seconds")) for r in rs]
    o = first(*key)
    print("%s %s: tok/s %.1f (s.d. %.2f%%), W counter %s (s.d. %.1f), sampled %s, MHz %s, J/tok %.4f (s.d. %.1f%%)"
          % (test, val, mean(th), 100 * sd(th) / mean(th), [round(x, 1) for x in pw], sd(pw),
             [round(x, 1) for x in pws], [r["sm_clock_mhz"] for r in rs], mean(jt), 100 * sd(jt) / mean(jt)))
    if o:
        ot, op, ops = float(o["tokens_per_s"]), float(o["board_power_w"]), float(o["power_sampled_mean_w"])
        print("   first run: tok/s %.1f (%+.1f%%), W counter %.1f (%+.1f%%), sampled %.1f (%+.1f%%), MHz %s, J/tok %.4f "
              "(%+.1f%%)" % (ot, 100 * (mean(th) / ot - 1), op, 100 * (p_counter(rs) / op - 1), ops,
                             100 * (p_sampled(rs) / ops - 1), o["sm_clock_mhz"], float(o["gpu_joules_per_token"]),
                             100 * (mean(jt) / float(o["gpu_joules_per_token"]) - 1)))
if R2 != os.path.join(HERE, "results", "h200-measured2.csv"):
    sys.exit(0)  # the rest compares the H200's first and second runs
print("HBM, first run vs this run (4 GiB vs 8 GiB tensors):")
for lab, t, b2 in (("copy", "hbm-copy", None), ("read-sum", "hbm-read", None)):
    o = [r for r in r1 if r["phase"] == "hbm-stream" and r["note"].startswith(lab)][0]
    bw, pc, ps = hb[t]
    print("  %s: first %.3f TB/s, %.1f W counter / %.1f sampled at %s MHz; this %.3f TB/s, %.1f / %.1f at 1980" % (
        lab, float(o["achieved"]), float(o["board_power_w"]), float(o["power_sampled_mean_w"]), o["sm_clock_mhz"],
        bw / 1e12, pc, ps))
print("  bf16 GEMM full duty: first 657.4 TFLOP/s, 697.4 W (counter) / 687.7 (sampled) at 1447 MHz; this %.1f "
      "TFLOP/s at %.0f MHz" % (mean([fl(r, "tokens_or_bytes_or_flops_per_s") for r in pts("gemm-duty", "bf16", "1")])
                               / 1e12, mean([fl(r, "sm_clock_mhz") for r in pts("gemm-duty", "bf16", "1")])))
