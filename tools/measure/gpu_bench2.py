#!/usr/bin/env python3
"""gpu_bench2.py: second measurement run, aimed at the constants that the first run (gpu_bench.py) left open.

Items, in priority order (the order they run in):
  1. alpha (core power vs SM clock): the same 8192^3 GEMM (bf16 torch.mm; fp8 torch._scaled_mm with fast
     accumulation) duty-cycled below the 700 W cap -- bursts of GEMMs separated by a spin kernel
     (torch.cuda._sleep) -- so the SM clock stays at its maximum, plus the full-duty (capped) point and a
     spin-only baseline. Burst GEMM times come from CUDA events, so the in-burst FLOP rate (and so the clock
     during bursts) is measured, not assumed.
  4. grouped GEMM (torch._grouped_mm, 128 experts, hidden 2048, expert FFN 768: gate+up (2x768) then down),
     bf16, M tokens per expert in {1,2,4,...,256}, both GEMMs captured in a CUDA graph.
  3. decode attention alone: scaled_dot_product_attention over a bf16 KV cache, Llama-8B shape (32 q heads,
     8 KV heads, head dim 128), GQA as in gpu_bench.py (the 4 q heads of a KV head are 4 query rows), looping
     over distinct per-layer KV slices (32 layers, fewer when the cache would exceed --kv-gb), in a graph;
     batch {16, 64, 256} x context {1024, 4096}.
  2. HBM streams over 8 GiB tensors: write-only (fill with a constant; and copy from a 16 MiB L2-resident
     random tile, so the written bits are random), read-only (sum), copy (8 GiB -> 8 GiB); then read and
     write duty-cycled at about half speed to separate a fixed floor from the per-byte term.
  5. repeats of the first run's Llama-3.1-8B bf16 decode at batch 1 and 64 (context 1024) and the bf16
     prefill 8 x 1024, built with gpu_bench.py's own code.
Every point: one calibration (untimed warm-up, >= 0.2 s), then --reps back-to-back windows of --seconds
(default 3 x 2.0 s), each with the NVML total-energy counter read before and after and NVML sampled every
50 ms (power, SM/memory clock, temperature, clock-event reasons). Idle is measured at the start and the end.
No clock, power limit or other device setting is changed; the GPU is never reset.

Outputs under --out: <gpu>-measured2.csv (one row per window, flushed as it goes), env2.json, log2.txt.
Run:   python3 tools/measure/gpu_bench2.py --out DIR
Check: python3 tools/measure/gpu_bench2.py --out DIR --dry-run   (tiny shapes on the CPU, no NVML, no graphs)
"""

import argparse
import csv
import json
import math
import os
import sys
import threading
import time
import traceback

T0 = time.time()
HERE = os.path.dirname(os.path.abspath(__file__))

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--out", required=True)
ap.add_argument("--dry-run", action="store_true")
ap.add_argument("--seconds", type=float, default=None, help="timed window per repeat (default 2.0; dry 0.03)")
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--budget", type=float, default=330.0, help="no new window starts after this (s)")
ap.add_argument("--hard-limit", type=float, default=352.0, help="watchdog: write env and exit (s)")
ap.add_argument("--kv-gb", type=float, default=40.0, help="cap on the attention item's KV bytes (GB)")
ap.add_argument("--items", default="1,4,3,2,5")
ap.add_argument("--moe-shapes", default="128:2048:768",
                help="item 4's expert shapes, experts:hidden:expert FFN, comma-separated (default Qwen3-30B-A3B's; "
                "gpt-oss-120b is 128:2880:2880, DeepSeek-R1 256:7168:2048)")
ap.add_argument("--moe-m", default="1,2,4,8,16,32,64,128,256", help="item 4's tokens per expert")
ARGS = ap.parse_args()
os.makedirs(ARGS.out, exist_ok=True)
DRY = ARGS.dry_run
SECS = ARGS.seconds if ARGS.seconds is not None else (0.03 if DRY else 2.0)
REPS = ARGS.reps
LOGF = open(os.path.join(ARGS.out, "log2.txt"), "a")


def elapsed():
    return time.time() - T0


def log(msg):
    line = "[%s +%6.1fs] %s" % (time.strftime("%H:%M:%S"), elapsed(), msg)
    print(line, flush=True)
    LOGF.write(line + "\n")
    LOGF.flush()


log("gpu_bench2 start; argv=%s" % " ".join(sys.argv))

# Import gpu_bench.py for its NVML sampler, model code and helpers. It parses its own argv at import and
# opens its own log; give it a scratch folder outside --out.
sys.path.insert(0, HERE)
_argv = sys.argv
sys.argv = ["gpu_bench.py", "--out", "/tmp/gpu_bench2_gb_scratch"] + (["--dry-run"] if DRY else [])
import gpu_bench as gb  # noqa: E402

sys.argv = _argv
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

DEV = gb.DEV
BF16, F8 = torch.bfloat16, torch.float8_e4m3fn
NV = gb.NV
ENV = {"items_order": ARGS.items, "seconds_per_window": SECS, "reps": REPS, "budget_s": ARGS.budget,
       "hard_limit_s": ARGS.hard_limit, "dry_run": DRY, "failed": [], "skipped": [], "notes": []}
sync = gb.sync


def errstr(e):
    return "%s: %s" % (type(e).__name__, str(e).split("\n")[0][:250])


def free_mem():
    gb.free_mem()


def have_time(need):
    return elapsed() + need <= ARGS.budget


# ------------------------------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------------------------------
FIELDS = ["gpu", "test", "precision", "param", "value", "repeat", "seconds", "tokens_or_bytes_or_flops_per_s",
          "unit", "board_power_w", "sm_clock_mhz", "temp_c", "note",
          "power_sampled_mean_w", "sm_clock_min_mhz", "sm_clock_max_mhz", "mem_clock_mhz", "clock_event_reasons",
          "cap_sample_frac", "n_samples", "iters", "step_ms", "energy_j", "energy_src", "duty",
          "burst_flops_per_s", "bytes_per_iter", "flops_per_iter", "bytes_per_s", "flops_per_s", "elapsed_s"]
GPU = "cpu-dryrun"
CSV_F = CSV_W = None
ROWS = []


def fmt(v, nd=None):
    if v is None:
        return ""
    if isinstance(v, float):
        if nd is not None:
            return ("%." + str(nd) + "f") % v
        return "%.6g" % v
    return str(v)


def row(test, precision, param, value, rep, res=None, thr=None, unit="", note="", duty=None, burst=None,
        bytes_per_iter=None, flops_per_iter=None):
    res = res or {}
    r = {k: "" for k in FIELDS}
    r.update(gpu=GPU, test=test, precision=precision, param=param, value=fmt(value), repeat=fmt(rep), unit=unit,
             note=note, elapsed_s=fmt(elapsed(), 1))
    s = res.get("seconds")
    if s:
        r["seconds"] = fmt(s, 3)
        if res.get("iters"):
            r["iters"] = fmt(res["iters"])
            r["step_ms"] = fmt(1000.0 * s / res["iters"], 4)
            if bytes_per_iter:
                r["bytes_per_s"] = fmt(float(bytes_per_iter) * res["iters"] / s)
            if flops_per_iter:
                r["flops_per_s"] = fmt(float(flops_per_iter) * res["iters"] / s)
    if bytes_per_iter:
        r["bytes_per_iter"] = fmt(float(bytes_per_iter))
    if flops_per_iter:
        r["flops_per_iter"] = fmt(float(flops_per_iter))
    if thr is not None:
        r["tokens_or_bytes_or_flops_per_s"] = fmt(float(thr))
    for k, nd in (("board_power_w", 1), ("power_sampled_mean_w", 1), ("sm_clock_mhz", 0), ("sm_clock_min_mhz", 0),
                  ("sm_clock_max_mhz", 0), ("mem_clock_mhz", 0), ("energy_j", 2), ("cap_sample_frac", 2)):
        if res.get(k) is not None:
            r[k] = fmt(float(res[k]), nd)
    for k in ("clock_event_reasons", "n_samples", "energy_src"):
        if res.get(k) is not None:
            r[k] = fmt(res[k])
    if res.get("temp_max_c") is not None:
        r["temp_c"] = fmt(res["temp_max_c"])
    if duty is not None:
        r["duty"] = fmt(float(duty), 4)
    if burst is not None:
        r["burst_flops_per_s"] = fmt(float(burst))
    CSV_W.writerow(r)
    CSV_F.flush()
    os.fsync(CSV_F.fileno())
    ROWS.append(r)
    log("ROW %s %s %s=%s r%s thr=%s %s W=%s SM=%s T=%s duty=%s %s" % (
        test, precision, param, r["value"], r["repeat"], r["tokens_or_bytes_or_flops_per_s"], unit,
        r["board_power_w"], r["sm_clock_mhz"], r["temp_c"], r["duty"], note))


def fail(test, precision, param, value, e):
    ENV["failed"].append("%s %s %s=%s: %s" % (test, precision, param, value, e))
    log(traceback.format_exc())
    row(test, precision, param, value, "", note="FAILED: " + str(e)[:300].replace("\n", " "))


def skip(test, precision, param, value, why="budget"):
    ENV["skipped"].append("%s %s %s=%s: %s" % (test, precision, param, value, why))
    row(test, precision, param, value, "", note="SKIPPED: " + why)


def write_env():
    ENV["elapsed_s"] = round(elapsed(), 1)
    with open(os.path.join(ARGS.out, "env2.json"), "w") as f:
        json.dump(ENV, f, indent=1, default=str)


def watchdog():
    time.sleep(ARGS.hard_limit)
    try:
        log("WATCHDOG: hard limit %.0f s reached; writing env2.json and exiting" % ARGS.hard_limit)
        ENV["watchdog_exit"] = True
        ENV["end_state"] = device_state()
        write_env()
        if CSV_F is not None:
            CSV_F.flush()
        LOGF.flush()
    finally:
        os._exit(3)


# ------------------------------------------------------------------------------------------
# Timing with energy
# ------------------------------------------------------------------------------------------
def summarize(smp):
    s = smp.summary()
    sms = [x["sm"] for x in smp.samples if "sm" in x]
    s["sm_clock_min_mhz"] = min(sms) if sms else None
    s["sm_clock_max_mhz"] = max(sms) if sms else None
    rs = [x.get("r", 0) for x in smp.samples]
    s["cap_sample_frac"] = (sum(1 for r in rs if r & 0x4) / len(rs)) if rs and NV.reason_fn else None
    return s


def calibrate(fn, min_s=0.2):
    """Untimed warm-up; returns seconds per call of fn."""
    fn()
    sync()
    k = 1
    while True:
        t = time.perf_counter()
        for _ in range(k):
            fn()
        sync()
        dt = time.perf_counter() - t
        if dt >= (min_s if not DRY else 0.002) or k >= 16384:
            return dt / k
        k *= 2


def window(fn, per, secs=None):
    """Run fn back to back for about secs (n = ceil(secs/per) calls); energy from the NVML counter."""
    secs = SECS if secs is None else secs
    n = max(3, int(math.ceil(secs / per)))
    chunk = max(1, int(0.05 / per))
    sync()
    with gb.Sampler() as smp:
        e0 = NV.energy_mj()
        t0 = time.perf_counter()
        evs = []
        i = 0
        while i < n:
            m = min(chunk, n - i)
            for _ in range(m):
                fn()
            i += m
            if DEV == "cuda":
                ev = torch.cuda.Event()
                ev.record()
                evs.append(ev)
                if len(evs) > 3:
                    evs.pop(0).synchronize()
        sync()
        t1 = time.perf_counter()
        e1 = NV.energy_mj()
    res = {"iters": n, "seconds": t1 - t0}
    res.update(summarize(smp))
    if e0 is not None and e1 is not None:
        res["energy_j"] = (e1 - e0) / 1000.0
        res["energy_src"] = "nvml-energy-counter"
    elif res.get("power_sampled_mean_w") is not None:
        res["energy_j"] = res["power_sampled_mean_w"] * res["seconds"]
        res["energy_src"] = "sampled-power"
    else:
        res["energy_j"], res["energy_src"] = None, "none"
    res["board_power_w"] = res["energy_j"] / res["seconds"] if res["energy_j"] is not None else None
    return res


def idle_point(label, rep, secs=3.0):
    try:
        sync()
        time.sleep(1.0 if not DRY else 0.01)
        with gb.Sampler() as smp:
            e0 = NV.energy_mj()
            t0 = time.perf_counter()
            time.sleep(secs if not DRY else 0.03)
            t1 = time.perf_counter()
            e1 = NV.energy_mj()
        res = {"seconds": t1 - t0}
        res.update(summarize(smp))
        if e0 is not None and e1 is not None:
            res["energy_j"] = (e1 - e0) / 1000.0
            res["energy_src"] = "nvml-energy-counter"
        elif res.get("power_sampled_mean_w") is not None:
            res["energy_j"] = res["power_sampled_mean_w"] * res["seconds"]
            res["energy_src"] = "sampled-power"
        if res.get("energy_j") is not None:
            res["board_power_w"] = res["energy_j"] / res["seconds"]
        row("idle", "", "state", label, rep, res, note="no kernels; CUDA context open")
    except Exception as e:
        fail("idle", "", "state", label, errstr(e))


# spin kernel (GPU busy-waits on one thread) used as the gap between bursts
SPIN_HZ = 1.98e9  # cycles per second of torch.cuda._sleep, calibrated below


def spin(cycles):
    if DEV == "cuda":
        torch.cuda._sleep(int(cycles))
    else:
        time.sleep(cycles / SPIN_HZ)


def calibrate_spin():
    global SPIN_HZ
    if DEV != "cuda":
        return
    torch.cuda._sleep(1000)
    sync()
    a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    a.record()
    torch.cuda._sleep(20_000_000)
    b.record()
    sync()
    ms = a.elapsed_time(b)
    SPIN_HZ = 20_000_000 / (ms / 1000.0)
    ENV["spin_cycles_per_s"] = SPIN_HZ
    log("spin kernel: %.0f Mcycles/s" % (SPIN_HZ / 1e6))


class BurstClock:
    """Times the GEMM bursts inside a duty cycle (CUDA events; host clock on CPU)."""

    def __init__(self):
        self.pairs = []

    def start(self):
        if DEV == "cuda":
            e = torch.cuda.Event(enable_timing=True)
            e.record()
            return e
        return time.perf_counter()

    def stop(self, s):
        if DEV == "cuda":
            e = torch.cuda.Event(enable_timing=True)
            e.record()
            self.pairs.append((s, e))
        else:
            self.pairs.append((s, time.perf_counter()))

    def total_s(self):
        sync()
        if DEV == "cuda":
            return sum(a.elapsed_time(b) for a, b in self.pairs) / 1000.0
        return sum(b - a for a, b in self.pairs)


# ------------------------------------------------------------------------------------------
# Item 1: alpha from duty-cycled GEMMs
# ------------------------------------------------------------------------------------------
GEMM_N = 256 if DRY else 8192


def duty_series(prec, op, kb, duties, flops):
    """op(): one GEMM. kb GEMMs per burst. duties: target duty cycles; 1.0 = back to back (no spin)."""
    # in-burst GEMM time at the clock found after a short pause (the card sits at max clock when not capped)
    op()
    op()  # library handles, heuristics and workspace out of the way
    sync()
    time.sleep(0.3 if not DRY else 0.0)
    ts = []
    for _ in range(3):
        bc = BurstClock()
        s = bc.start()
        for _ in range(kb):
            op()
        bc.stop(s)
        spin(SPIN_HZ * 0.01)
        ts.append(bc.total_s())
    t_burst0 = sorted(ts)[1]
    log("%s: fresh burst of %d GEMMs %.3f ms (%.1f TFLOP/s)" % (prec, kb, 1e3 * t_burst0, kb * flops / t_burst0 / 1e12))
    ENV.setdefault("alpha_item", {})[prec + "_fresh_burst_tflops"] = kb * flops / t_burst0 / 1e12
    for d in duties:
        if d >= 1.0:
            try:
                if not have_time(REPS * SECS + 2):
                    skip("gemm-duty", prec, "duty", 1.0)
                    continue
                per = calibrate(op)
                for r in range(REPS):
                    if not have_time(SECS + 1):
                        skip("gemm-duty", prec, "duty", 1.0)
                        break
                    res = window(op, per)
                    f = flops * res["iters"] / res["seconds"]
                    row("gemm-duty", prec, "duty", 1.0, r, res, thr=f, unit="FLOP/s (average)", duty=1.0, burst=f,
                        note="%dx%dx%d back to back (no spin)" % (GEMM_N, GEMM_N, GEMM_N),
                        bytes_per_iter=op.min_bytes, flops_per_iter=flops)
            except Exception as e:
                fail("gemm-duty", prec, "duty", 1.0, errstr(e))
            continue
        try:
            if not have_time(REPS * SECS + 2):
                skip("gemm-duty", prec, "duty", d)
                continue
            gap_cycles = SPIN_HZ * t_burst0 * (1.0 - d) / d if d > 0 else SPIN_HZ * 0.005
            holder = {"bc": BurstClock()}

            if d > 0:
                def period():
                    s = holder["bc"].start()
                    for _ in range(kb):
                        op()
                    holder["bc"].stop(s)
                    spin(gap_cycles)
            else:
                def period():
                    spin(gap_cycles)
            per = calibrate(period)
            for r in range(REPS):
                if not have_time(SECS + 1):
                    skip("gemm-duty", prec, "duty", d)
                    break
                holder["bc"] = BurstClock()
                res = window(period, per)
                n_gemm = kb * res["iters"] if d > 0 else 0
                favg = flops * n_gemm / res["seconds"]
                if d > 0:
                    tb = holder["bc"].total_s()
                    duty_act = tb / res["seconds"]
                    burst = flops * n_gemm / tb
                else:
                    duty_act, burst = 0.0, None
                row("gemm-duty", prec, "duty", d, r, res, thr=favg, unit="FLOP/s (average)", duty=duty_act,
                    burst=burst, note="%d GEMMs %dx%dx%d per burst + spin %.2f ms (target duty %.2f)%s" % (
                        kb if d > 0 else 0, GEMM_N, GEMM_N, GEMM_N, 1e3 * gap_cycles / SPIN_HZ, d,
                        "; spin-only baseline" if d == 0 else ""),
                    bytes_per_iter=(op.min_bytes * kb if d > 0 else None),
                    flops_per_iter=(flops * kb if d > 0 else None))
        except Exception as e:
            fail("gemm-duty", prec, "duty", d, errstr(e))


class Op:
    def __init__(self, fn, min_bytes):
        self.fn, self.min_bytes = fn, min_bytes

    def __call__(self):
        return self.fn()


def item_alpha():
    calibrate_spin()
    N = GEMM_N
    flops = 2.0 * N ** 3
    A = gb.randn_bf16(N, N)
    Bm = gb.randn_bf16(N, N)
    C = torch.empty(N, N, device=DEV, dtype=BF16)
    op = Op(lambda: torch.mm(A, Bm, out=C), 3 * N * N * 2)
    duty_series("bf16", op, 2, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0], flops)
    del A, Bm, C, op
    free_mem()
    try:
        A8 = gb.randn_bf16(N, N).to(F8)
        W8 = gb.randn_bf16(N, N).to(F8)
        one = torch.tensor(1.0, device=DEV, dtype=torch.float32)
        op8 = Op(lambda: torch._scaled_mm(A8, W8.t(), scale_a=one, scale_b=one, out_dtype=BF16, use_fast_accum=True),
                 2 * N * N + N * N * 2)
        duty_series("fp8", op8, 4, [0.2, 0.35, 1.0], flops)
        del A8, W8, op8
    except Exception as e:
        fail("gemm-duty", "fp8", "duty", "setup", errstr(e))
    free_mem()
    # drift check of the spin-only baseline at the end of the item (one window)
    try:
        if have_time(SECS + 1):
            gap = SPIN_HZ * 0.005
            per = calibrate(lambda: spin(gap))
            res = window(lambda: spin(gap), per)
            row("gemm-duty", "none", "duty", 0.0, "end", res, thr=0.0, unit="FLOP/s (average)", duty=0.0,
                note="spin-only baseline again, after the GEMMs (card warm)")
    except Exception as e:
        fail("gemm-duty", "none", "duty", 0.0, errstr(e))


# ------------------------------------------------------------------------------------------
# Item 4: grouped GEMM vs tokens per expert
# ------------------------------------------------------------------------------------------
G_SHAPES = [tuple(int(v) for v in sh.split(":")) for sh in ARGS.moe_shapes.split(",")]
if DRY:
    G_SHAPES = [(8, 64, 32), (4, 96, 96)]
G_MS = [int(m) for m in ARGS.moe_m.split(",")]


def graph_or_eager(fn, reps_in_graph):
    def many():
        for _ in range(reps_in_graph):
            fn()
    if DEV != "cuda":
        return many, "eager (dry run)"
    try:
        g = gb.capture(many)
        return g.replay, "graph of %d iterations" % reps_in_graph
    except Exception as e:
        log("graph capture failed (%s); eager" % errstr(e))
        sync()
        return many, "eager (capture failed: %s)" % errstr(e)[:80]


def dense_reference():
    """A dense decode-shaped GEMM (M = 64, K = 8192, N = 28672, bf16) on the same card: the bandwidth that
    expert streaming is compared with (the first run's item 2 measured it on an H200 only)."""
    M, K, N = (64, 8192, 28672) if not DRY else (8, 256, 512)
    w = gb.randn_bf16(N, K, std=K ** -0.5)
    x = gb.randn_bf16(M, K)
    run, mode = graph_or_eager(lambda: F.linear(x, w), 8)
    per = calibrate(run)
    byts = 8 * (N * K + M * K + M * N) * 2
    for r in range(REPS):
        res = window(run, per)
        row("dense-gemm", "bf16", "M", M, r, res, thr=byts * res["iters"] / res["seconds"], unit="B/s",
            note="F.linear (%d,%d) x (%d,%d)^T; %s" % (M, K, N, K, mode), bytes_per_iter=byts,
            flops_per_iter=8 * 2.0 * M * N * K)
    del w, x, run
    free_mem()


def item_grouped():
    gb.probe_moe()
    if gb.MOE_MODE != "grouped_mm":
        raise RuntimeError("torch._grouped_mm unusable here")
    if len(G_SHAPES) > 1:
        dense_reference()
    for GE, GH, GF in G_SHAPES:
        grouped_shape(GE, GH, GF)


def grouped_shape(GE, GH, GF):
    test = "grouped-gemm" if (GE, GH, GF) == (128, 2048, 768) else "grouped-gemm-%d-%d-%d" % (GE, GH, GF)
    wgu = gb.randn_bf16(GE, 2 * GF, GH, std=GH ** -0.5)
    wdn = gb.randn_bf16(GE, GH, GF, std=GF ** -0.5)
    wbytes = (wgu.numel() + wdn.numel()) * 2
    for M in G_MS:
        if not have_time(REPS * SECS + 2):
            skip(test, "bf16", "tokens_per_expert", M)
            continue
        try:
            T = GE * M
            x = gb.randn_bf16(T, GH)
            a = gb.randn_bf16(T, GF)
            offs = (torch.arange(1, GE + 1, device=DEV, dtype=torch.int32) * M).contiguous()

            def it():
                torch._grouped_mm(x, wgu.transpose(-2, -1), offs=offs)
                torch._grouped_mm(a, wdn.transpose(-2, -1), offs=offs)
            k = 4 if M <= 64 else 2
            run, mode = graph_or_eager(it, k)
            per = calibrate(run)
            byts = k * (wbytes + T * (GH + 2 * GF + GF + GH) * 2)
            fl = k * 2.0 * T * (2 * GF * GH + GH * GF)
            for r in range(REPS):
                if not have_time(SECS + 1):
                    skip(test, "bf16", "tokens_per_expert", M)
                    break
                res = window(run, per)
                bps = byts * res["iters"] / res["seconds"]
                fps = fl * res["iters"] / res["seconds"]
                row(test, "bf16", "tokens_per_expert", M, r, res, thr=fps, unit="FLOP/s",
                    note="%d experts H=%d F=%d: gate/up (E,%d,%d) + down (E,%d,%d); %s; %.3f ms per gate/up+down;"
                         " %.3f TB/s (weights %.3f GB + activations)" % (
                             GE, GH, GF, 2 * GF, GH, GH, GF, mode, 1e3 * res["seconds"] / res["iters"] / k,
                             bps / 1e12, wbytes / 1e9),
                    bytes_per_iter=byts, flops_per_iter=fl)
            del run, x, a, offs
        except Exception as e:
            fail(test, "bf16", "tokens_per_expert", M, errstr(e))
        free_mem()
    del wgu, wdn
    free_mem()


# ------------------------------------------------------------------------------------------
# Item 3: decode attention alone
# ------------------------------------------------------------------------------------------
if DRY:
    A_NQ, A_NKV, A_D, A_L = 4, 2, 32, 4
    A_POINTS = [(2, 64), (4, 64), (8, 64), (2, 256), (4, 256), (8, 256)]
else:
    A_NQ, A_NKV, A_D, A_L = 32, 8, 128, 32
    A_POINTS = [(16, 1024), (64, 1024), (256, 1024), (16, 4096), (64, 4096), (256, 4096)]


def item_attention():
    kv_cap = (ARGS.kv_gb * 1e9) if not DRY else 64e6
    g = A_NQ // A_NKV
    per_layer = {(B, C): 2 * B * A_NKV * (C + 1) * A_D * 2 for B, C in A_POINTS}
    layers = {p: max(1, min(A_L, int(kv_cap // v))) for p, v in per_layer.items()}
    need = max(layers[p] * per_layer[p] for p in A_POINTS)
    flat = torch.empty(need // 2, device=DEV, dtype=BF16)
    ch = 2**28
    for i in range(0, flat.numel(), ch):
        flat[i:i + ch].normal_()
    sync()
    log("attention: KV buffer %.1f GB" % (need / 1e9))
    extra = [("gqa-flag", 64, 4096)] if not DRY else [("gqa-flag", 4, 256)]
    for variant, B, C in [("rows", B, C) for B, C in A_POINTS] + extra:
        key = "%dx%d" % (B, C)
        if not have_time((REPS if variant == "rows" else 1) * SECS + 3):
            skip("attn-decode", "bf16", "batch_x_context", key + ("" if variant == "rows" else " gqa-flag"))
            continue
        try:
            L = layers[(B, C)]
            pl = per_layer[(B, C)]
            n = pl // 2
            kvs = [flat[l * n:(l + 1) * n].view(2, B, A_NKV, C + 1, A_D) for l in range(L)]
            if variant == "rows":
                q = gb.randn_bf16(B, A_NKV, g, A_D)  # the g q heads of one KV head as g query rows
                gqa = False
            else:
                q = gb.randn_bf16(B, A_NQ, 1, A_D)  # standard GQA layout, enable_gqa=True
                gqa = True

            def it():
                for kv in kvs:
                    gb.sdpa(q, kv[0], kv[1], False, gqa)
            run, mode = graph_or_eager(it, 1)
            per = calibrate(run)
            byts = L * pl + L * 2 * q.numel() * 2
            fl = L * 4.0 * B * A_NQ * (C + 1) * A_D
            reps = REPS if variant == "rows" else 1
            for r in range(reps):
                if not have_time(SECS + 1):
                    skip("attn-decode", "bf16", "batch_x_context", key)
                    break
                res = window(run, per)
                bps = byts * res["iters"] / res["seconds"]
                row("attn-decode", "bf16", "batch_x_context", key + ("" if variant == "rows" else " gqa-flag"), r,
                    res, thr=bps, unit="B/s (KV read + q/o)",
                    note="SDPA flash/mem-eff only, %s; %d layers of distinct KV (%.3f GB each), %d q heads / %d KV "
                         "heads / d %d, %s; %.1f us per layer; %.1f TFLOP/s" % (
                             "q as (B,8,4,128) rows" if not gqa else "q (B,32,1,128) enable_gqa=True", L, pl / 1e9,
                             A_NQ, A_NKV, A_D, mode, 1e6 * res["seconds"] / res["iters"] / L,
                             fl * res["iters"] / res["seconds"] / 1e12),
                    bytes_per_iter=byts, flops_per_iter=fl)
            del run, kvs, q
        except Exception as e:
            fail("attn-decode", "bf16", "batch_x_context", key + ("" if variant == "rows" else " gqa-flag"), errstr(e))
        free_mem()
    del flat
    free_mem()


# ------------------------------------------------------------------------------------------
# Item 2: HBM read / write / copy
# ------------------------------------------------------------------------------------------
HBM_N = 2**20 if DRY else 2**32  # 8 GiB of bf16
TILE = 2**12 if DRY else 2**23  # 16 MiB random tile (L2-resident source for the random write)


def item_hbm():
    x = torch.empty(HBM_N, device=DEV, dtype=BF16)
    ch = 2**28
    for i in range(0, HBM_N, ch):
        x[i:i + ch].normal_()
    y = torch.empty_like(x)
    y.fill_(0.5)
    src = gb.randn_bf16(TILE)
    nb = HBM_N * 2
    yv = y.view(-1, TILE)
    srce = src.view(1, TILE).expand(yv.shape[0], TILE)
    ops = [
        ("hbm-write-const", lambda: y.fill_(0.37), nb, "y.fill_(0.37) over %.2f GiB: write only, constant bits"),
        ("hbm-write-rand", lambda: yv.copy_(srce), nb,
         "y <- 16 MiB random tile repeated over %.2f GiB: HBM write only, random bits (tile read from L2)"),
        ("hbm-read", lambda: x.sum(), nb, "x.sum() over %.2f GiB: read only (bf16 -> fp32 reduction)"),
        ("hbm-copy", lambda: y.copy_(x), 2 * nb, "y.copy_(x) %.2f GiB -> same: bytes = read + write"),
    ]
    for name, fn, byts, note in ops:
        if not have_time(REPS * SECS + 2):
            skip(name, "bf16", "gib", nb / 2**30)
            continue
        try:
            per = calibrate(fn)
            for r in range(REPS):
                if not have_time(SECS + 1):
                    skip(name, "bf16", "gib", nb / 2**30)
                    break
                res = window(fn, per)
                bps = byts * res["iters"] / res["seconds"]
                row(name, "bf16", "gib", nb / 2**30, r, res, thr=bps, unit="B/s", note=note % (nb / 2**30),
                    bytes_per_iter=byts)
        except Exception as e:
            fail(name, "bf16", "gib", nb / 2**30, errstr(e))
    # about half duty: the same kernels separated by spin, to fit floor + per-byte energy on two bandwidths
    for name, fn, byts, note in (ops[2], ops[1]):
        tname = name + "-duty"
        if not have_time(SECS + 2):
            skip(tname, "bf16", "duty", 0.5)
            continue
        try:
            t1 = calibrate(fn)
            gap = SPIN_HZ * t1

            def period(fn=fn, gap=gap):
                fn()
                spin(gap)
            per = calibrate(period)
            res = window(period, per)
            bps = byts * res["iters"] / res["seconds"]
            row(tname, "bf16", "duty", 0.5, 0, res, thr=bps, unit="B/s (average)", duty=t1 / per,
                note=(note % (nb / 2**30)) + "; each call followed by a spin of the same length",
                bytes_per_iter=byts)
        except Exception as e:
            fail(tname, "bf16", "duty", 0.5, errstr(e))
    del x, y, src, yv, srce
    free_mem()


# ------------------------------------------------------------------------------------------
# Item 5: repeats of the first run's 8B decode and prefill
# ------------------------------------------------------------------------------------------
def item_8b():
    c = gb.LLAMA8B
    m = gb.Dense(c, "bf16", c.layers)
    C = gb.CTX
    kvb = gb.KVBuf(c, c.layers, 64 * (C + 1))
    sync()
    wb = m.weight_bytes_per_step()
    lin_params = m.L * c.dense_lin_params() + c.vocab * c.hidden
    for B in (1, 64):
        if not have_time(REPS * SECS + 3):
            skip("decode-8b", "bf16", "batch", B)
            continue
        try:
            st = {"B": B, "kv": kvb.view(B, C), "pos": C, "tokens": torch.randint(0, c.vocab, (B,), device=DEV)}
            run, mode = graph_or_eager(lambda: gb.dense_decode_step(m, st), 1)
            per = calibrate(run)
            est_bytes, attn_flops = gb.decode_est(m, B, C, wb)
            fl = 2 * B * lin_params + attn_flops
            for r in range(REPS):
                if not have_time(SECS + 1):
                    skip("decode-8b", "bf16", "batch", B)
                    break
                res = window(run, per)
                tps = B * res["iters"] / res["seconds"]
                row("decode-8b", "bf16", "batch", B, r, res, thr=tps, unit="tokens/s",
                    note="Llama-3.1-8B shape, context %d, as gpu_bench.py item 3 (%s); %.3f TB/s weights+KV est.; "
                         "%.4f J/token" % (C, mode, est_bytes * res["iters"] / res["seconds"] / 1e12,
                                           (res["energy_j"] or 0) / (B * res["iters"])),
                    bytes_per_iter=est_bytes, flops_per_iter=fl)
            del run
            st.clear()
        except Exception as e:
            fail("decode-8b", "bf16", "batch", B, errstr(e))
        free_mem()
    del kvb
    free_mem()
    B, T = (8, C)
    if not have_time(REPS * SECS + 3):
        skip("prefill-8b", "bf16", "batch_x_prompt", "8x%d" % T)
        return
    try:
        tokens = torch.randint(0, c.vocab, (B, T), device=DEV)
        fn = lambda: gb.dense_prefill(m, tokens)  # noqa: E731
        per = calibrate(fn)
        fl = 2 * B * T * m.L * c.dense_lin_params() + 2 * B * c.vocab * c.hidden \
            + m.L * 4 * B * c.nq * c.hd * (T * (T + 1) // 2)
        for r in range(REPS):
            if not have_time(SECS + 1):
                skip("prefill-8b", "bf16", "batch_x_prompt", "8x%d" % T)
                break
            res = window(fn, per)
            tps = B * T * res["iters"] / res["seconds"]
            row("prefill-8b", "bf16", "batch_x_prompt", "%dx%d" % (B, T), r, res, thr=tps, unit="tokens/s",
                note="as gpu_bench.py item 5 (eager, causal SDPA %s); %.1f TFLOP/s est.; %.5f J/token" % (
                    gb.PREFILL_GQA, fl * res["iters"] / res["seconds"] / 1e12,
                    (res["energy_j"] or 0) / (B * T * res["iters"])),
                bytes_per_iter=wb, flops_per_iter=fl)
    except Exception as e:
        fail("prefill-8b", "bf16", "batch_x_prompt", "8x%d" % T, errstr(e))
    del m
    free_mem()


# ------------------------------------------------------------------------------------------
def device_state():
    s = {"elapsed_s": round(elapsed(), 1)}
    if NV.ok:
        s.update(NV.sample())
        for key, fn, a in (("power_limit_mw", "nvmlDeviceGetPowerManagementLimit", ()),
                           ("enforced_power_limit_mw", "nvmlDeviceGetEnforcedPowerLimit", ()),
                           ("app_sm_clock_mhz", "nvmlDeviceGetApplicationsClock", ("NVML_CLOCK_SM",)),
                           ("max_sm_clock_mhz", "nvmlDeviceGetMaxClockInfo", ("NVML_CLOCK_SM",)),
                           ("uuid", "nvmlDeviceGetUUID", ()), ("serial", "nvmlDeviceGetSerial", ())):
            try:
                args = [getattr(NV.N, x) for x in a]
                v = getattr(NV.N, fn)(NV.h, *args)
                s[key] = v.decode() if isinstance(v, bytes) else v
            except Exception as e:
                s[key] = "n/a (%s)" % type(e).__name__
    return s


def summary_alpha():
    """Quick in-run estimate (the proper analysis is in ANALYSIS.md)."""
    try:
        for prec in ("bf16", "fp8"):
            pts = [(float(r["tokens_or_bytes_or_flops_per_s"]), float(r["board_power_w"]), float(r["sm_clock_mhz"]))
                   for r in ROWS if r["test"] == "gemm-duty" and r["board_power_w"] and r["seconds"]
                   and (r["precision"] == prec or (r["precision"] == "bf16" and r["value"] == "0"))
                   and r["repeat"] != "end"]
            low = [p for p in pts if p[2] >= 1960 and p[0] > 0 or p[0] == 0]
            full = [p for p in pts if p[2] < 1960 and p[0] > 0]
            if len(low) < 2:
                continue
            n = len(low)
            mx = sum(p[0] for p in low) / n
            my = sum(p[1] for p in low) / n
            sxx = sum((p[0] - mx) ** 2 for p in low)
            if sxx <= 0:
                continue
            slope = sum((p[0] - mx) * (p[1] - my) for p in low) / sxx
            icpt = my - slope * mx
            msg = "%s: uncapped fit P = %.1f W + %.3f pJ/FLOP x F (n=%d)" % (prec, icpt, slope * 1e12, n)
            if full:
                fF = sum(p[0] for p in full) / len(full)
                fP = sum(p[1] for p in full) / len(full)
                fC = sum(p[2] for p in full) / len(full)
                e_cap = (fP - icpt) / fF
                maxclk = max(p[2] for p in low)
                if e_cap > 0 and slope > 0 and fC < maxclk:
                    alpha = 1 + math.log(slope / e_cap) / math.log(maxclk / fC)
                    msg += "; full duty %.0f TFLOP/s %.1f W at %.0f MHz -> %.3f pJ/FLOP; alpha ~ %.2f" % (
                        fF / 1e12, fP, fC, e_cap * 1e12, alpha)
            log("SUMMARY " + msg)
            ENV.setdefault("quick_alpha", {})[prec] = msg
    except Exception as e:
        log("summary failed: %s" % errstr(e))


def main():
    global GPU, CSV_F, CSV_W
    threading.Thread(target=watchdog, daemon=True).start()
    name = NV.name() if NV.ok else ("cpu-dryrun" if DRY else torch.cuda.get_device_name(0))
    GPU = gb.gpu_slug(name) if not DRY else "cpu-dryrun"
    path = os.path.join(ARGS.out, "%s-measured2.csv" % GPU)
    CSV_F = open(path, "w", newline="")
    CSV_W = csv.DictWriter(CSV_F, fieldnames=FIELDS)
    CSV_W.writeheader()
    CSV_F.flush()
    log("device %s -> %s; writing %s; %.1f s x %d reps per point; budget %.0f s" % (name, GPU, path, SECS, REPS,
                                                                                    ARGS.budget))
    try:
        gb.collect_env()
        for k in ("torch", "torch_cuda", "cudnn", "packages", "torch_device", "nvml", "nvidia_smi_query", "kernel",
                  "python", "platform"):
            if k in gb.ENV:
                ENV[k] = gb.ENV[k]
    except Exception as e:
        log("env collection failed: %s" % errstr(e))
    ENV["start_state"] = device_state()
    log("start state: %s" % json.dumps(ENV["start_state"], default=str))
    write_env()
    idle_point("start", 0)
    try:
        gb.probe_attention()
        ENV["modes"] = gb.ENV.get("modes", {})
    except Exception as e:
        log("attention probe failed: %s" % errstr(e))
    items = {"1": ("alpha", item_alpha), "4": ("grouped", item_grouped), "3": ("attention", item_attention),
             "2": ("hbm", item_hbm), "5": ("8b-repeats", item_8b)}
    for key in ARGS.items.split(","):
        nm, fn = items[key.strip()]
        t = elapsed()
        log("=== item %s (%s) ===" % (key, nm))
        if not have_time(SECS + 2):
            skip("item", "", "item", nm)
            continue
        try:
            fn()
        except Exception as e:
            fail("item", "", "item", nm, errstr(e))
        free_mem()
        ENV.setdefault("item_seconds", {})[nm] = round(elapsed() - t, 1)
        write_env()
        log("item %s took %.1f s" % (nm, elapsed() - t))
    if elapsed() + 6 <= ARGS.hard_limit:
        idle_point("end", 0)
    ENV["end_state"] = device_state()
    summary_alpha()
    ENV["finished"] = True
    write_env()
    CSV_F.close()
    log("done in %.1f s; failed %d, skipped %d" % (elapsed(), len(ENV["failed"]), len(ENV["skipped"])))
    for s in ENV["failed"]:
        log("  failed: " + s)
    for s in ENV["skipped"]:
        log("  skipped: " + s)
    print("\ntest,prec,param,value,rep,thr,unit,W,SM,T,duty,burst")
    for r in ROWS:
        print(",".join(r[k] for k in ("test", "precision", "param", "value", "repeat",
                                      "tokens_or_bytes_or_flops_per_s", "unit", "board_power_w", "sm_clock_mhz",
                                      "temp_c", "duty", "burst_flops_per_s")))


if __name__ == "__main__":
    try:
        main()
    except Exception:
        log("FATAL: " + traceback.format_exc())
        ENV["fatal"] = traceback.format_exc()
        write_env()
        sys.exit(1)
