#!/usr/bin/env python3
"""gpu_bench.py: measure one GPU's roofline and board power for LLM inference.

What it measures (each point: warm-up, then a timed window of --seconds, default 2.5 s,
with NVML's total-energy counter read before and after the window):
  1. idle board power (nothing running; once after CUDA init, once with the 8B model loaded,
     once at the end if time allows).
  2. micro-benchmarks: HBM stream (4 GiB -> 4 GiB copy, y = x * a, 4 GiB read-only sum),
     bf16 GEMM 8192^3, fp8 e4m3 GEMM 8192^3 through torch._scaled_mm (per-tensor scales,
     bf16 out, with and without fast accumulation), decode-shaped GEMM M=64 K=8192 N=28672
     (bf16 and fp8).
  3. dense decode, Llama-3.1-8B shape, bf16 weights and KV cache, whole step in a CUDA graph:
     batch 1/8/32/64/128/256 at context 1024, batch 1/64 at context 4096.
  5. prefill of the 8B shape: 8 x 1024 and 1 x 4096 (bf16), 8 x 1024 (fp8 GEMMs); causal SDPA.
  4. the 8B decode with fp8 e4m3 weights (dynamic per-tensor activation scales) at batch 1/64/256.
  7. mixture-of-experts decode, Qwen3-30B-A3B shape, bf16, router -> top-8 -> grouped expert
     GEMMs (torch._grouped_mm), batch 1/16/64/256 at context 1024, plus distinct experts per layer.
  6. Llama-3.1-70B shape with fp8 weights: decode batch 1/16/64 at context 1024, prefill 4 x 1024
     (fewer layers if the card's memory does not hold 80; the layer count is recorded).
Items run in the priority order 1, 2, 3, 5, 4, 7, 6; when the wall-clock budget (--budget,
default 340 s from start) runs short, the remaining lowest-priority items are skipped and
recorded as SKIPPED rows.

How: random weights with the real shapes (no checkpoints); energy from
nvmlDeviceGetTotalEnergyConsumption (mJ) before/after each timed window, board power =
energy / wall time of the window; SM clock, memory clock, power and clock-event reasons
sampled every 50 ms by a thread during the window. No clock, power limit or other device
setting is changed; the GPU is never reset. README.md beside this file gives the method.

Outputs under --out: <gpu>-measured.csv (one row per point, flushed as it goes),
env.json (device, driver, library versions, limits, modes chosen), log.txt.

Run:   python3 tools/measure/gpu_bench.py --out DIR
Check: python3 tools/measure/gpu_bench.py --out DIR --dry-run   (tiny shapes on CPU, no NVML,
       no CUDA graphs: exercises the code paths only; the numbers mean nothing)
Needs PyTorch (2.5 or later; measured with 2.11) and, for energy, nvidia-ml-py (pynvml).
"""

import argparse
import csv
import json
import math
import os
import platform
import re
import subprocess
import sys
import threading
import time
import traceback

T_START = time.time()
LOGF = None


def log(msg):
    line = "[%s +%6.1fs] %s" % (time.strftime("%H:%M:%S"), time.time() - T_START, msg)
    print(line, flush=True)
    if LOGF is not None:
        LOGF.write(line + "\n")
        LOGF.flush()


def elapsed():
    return time.time() - T_START


ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--out", required=True, help="output folder")
ap.add_argument("--dry-run", action="store_true", help="tiny shapes on CPU, no NVML, no graphs")
ap.add_argument("--seconds", type=float, default=None, help="timed window per point (default 2.5; dry-run 0.05)")
ap.add_argument("--budget", type=float, default=340.0, help="wall seconds for the whole run (default 340)")
ap.add_argument("--moe-batches", default="1,8,16,32,64,128,256", help="--plan moe: batch sizes (context 1024)")
ap.add_argument("--plan", choices=("full", "steps", "moe"), default="full",
                help="full: items 1-7 (the first run); steps: item 8 only, the decode and prefill sweep of "
                "shared/data/h100-measured.md for the Llama-3.1-8B and Llama-3.2-1B shapes in bf16, "
                "attention layout and SDPA backends chosen by a timed probe; moe: item 7 (Qwen3-30B-A3B "
                "decode) at more batch sizes with item 8's attention (standard layout, PyTorch's default SDPA)")
ARGS = ap.parse_args()
os.makedirs(ARGS.out, exist_ok=True)
LOGF = open(os.path.join(ARGS.out, "log.txt"), "a")
DRY = ARGS.dry_run
SECONDS = ARGS.seconds if ARGS.seconds is not None else (0.05 if DRY else 2.5)
BUDGET = ARGS.budget
log("gpu_bench start; argv=%s" % " ".join(sys.argv))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

log("torch %s imported" % torch.__version__)
DEV = "cpu" if DRY else "cuda"
if not DRY and not torch.cuda.is_available():
    log("FATAL: CUDA not available (use --dry-run for a CPU logic check)")
    sys.exit(2)
BF16 = torch.bfloat16
F8 = torch.float8_e4m3fn
F8_MAX_USED = 440.0  # activation amax maps to 440 (< 448, the e4m3fn maximum), so rounding never overflows

ENV = {"skipped": [], "failed": [], "modes": {}}
SKIPPED = ENV["skipped"]
FAILED = ENV["failed"]


def sync():
    if DEV == "cuda":
        torch.cuda.synchronize()


def free_mem():
    import gc

    gc.collect()
    if DEV == "cuda":
        torch.cuda.synchronize()
        torch.cuda.empty_cache()


def mem_free_bytes():
    if DEV == "cuda":
        return torch.cuda.mem_get_info()[0]
    return 8 * 2**30


# ----------------------------------------------------------------------------------------
# NVML: energy counter, sampled clocks and power
# ----------------------------------------------------------------------------------------
class Nvml:
    def __init__(self, enabled):
        self.ok = False
        self.energy_ok = False
        self.N = None
        self.h = None
        self.reason_fn = None
        if not enabled:
            log("NVML disabled (dry run)")
            return
        try:
            import pynvml as N

            N.nvmlInit()
            self.N = N
            h = None
            try:
                p = torch.cuda.get_device_properties(0)
                bus = "%08X:%02X:%02X.0" % (p.pci_domain_id, p.pci_bus_id, p.pci_device_id)
                h = N.nvmlDeviceGetHandleByPciBusId_v2(bus.encode())
            except Exception as e:  # older torch has no pci ids: fall back to index 0
                log("NVML handle by PCI id failed (%s); using index 0" % e)
                h = N.nvmlDeviceGetHandleByIndex(0)
            self.h = h
            self.ok = True
            for name in ("nvmlDeviceGetCurrentClocksEventReasons", "nvmlDeviceGetCurrentClocksThrottleReasons"):
                fn = getattr(N, name, None)
                if fn is None:
                    continue
                try:
                    fn(h)
                    self.reason_fn = fn
                    break
                except Exception:
                    pass
            try:
                N.nvmlDeviceGetTotalEnergyConsumption(h)
                self.energy_ok = True
            except Exception as e:
                log("NVML total-energy counter not available: %s (power will come from sampling)" % e)
            log("NVML ok: %s" % self.name())
        except Exception as e:
            log("NVML unavailable: %r" % e)

    def name(self):
        v = self.N.nvmlDeviceGetName(self.h)
        return v.decode() if isinstance(v, bytes) else v

    def energy_mj(self):
        if not self.energy_ok:
            return None
        try:
            return self.N.nvmlDeviceGetTotalEnergyConsumption(self.h)
        except Exception:
            return None

    def sample(self):
        N, h = self.N, self.h
        s = {}
        try:
            s["p"] = N.nvmlDeviceGetPowerUsage(h) / 1000.0
        except Exception:
            pass
        try:
            s["sm"] = N.nvmlDeviceGetClockInfo(h, N.NVML_CLOCK_SM)
        except Exception:
            pass
        try:
            s["mem"] = N.nvmlDeviceGetClockInfo(h, N.NVML_CLOCK_MEM)
        except Exception:
            pass
        try:
            s["t"] = N.nvmlDeviceGetTemperature(h, N.NVML_TEMPERATURE_GPU)
        except Exception:
            pass
        if self.reason_fn is not None:
            try:
                s["r"] = int(self.reason_fn(h))
            except Exception:
                pass
        return s


NV = Nvml(enabled=not DRY)


class Sampler:
    """Samples NVML every `interval` s in a thread while the with-block runs."""

    def __init__(self, interval=0.05):
        self.interval = interval
        self.samples = []
        self.stop = threading.Event()
        self.th = None

    def _run(self):
        while not self.stop.is_set():
            self.samples.append(NV.sample())
            self.stop.wait(self.interval)

    def __enter__(self):
        if NV.ok:
            self.th = threading.Thread(target=self._run, daemon=True)
            self.th.start()
        return self

    def __exit__(self, *a):
        self.stop.set()
        if self.th is not None:
            self.th.join()
        return False

    def summary(self):
        def mean(k):
            v = [s[k] for s in self.samples if k in s]
            return sum(v) / len(v) if v else None

        def mx(k):
            v = [s[k] for s in self.samples if k in s]
            return max(v) if v else None

        reasons = 0
        for s in self.samples:
            reasons |= s.get("r", 0)
        return {
            "n_samples": len(self.samples),
            "power_sampled_mean_w": mean("p"),
            "power_sampled_max_w": mx("p"),
            "sm_clock_mhz": mean("sm"),
            "mem_clock_mhz": mean("mem"),
            "temp_max_c": mx("t"),
            "clock_event_reasons": ("0x%x" % reasons) if NV.reason_fn is not None else "",
        }


def timed(run_iter, target_s=None):
    """Warm up, then run `run_iter` n times for about target_s seconds; return time and energy."""
    target_s = SECONDS if target_s is None else target_s
    run_iter()
    sync()
    k = 1
    while True:
        t = time.perf_counter()
        for _ in range(k):
            run_iter()
        sync()
        dt = time.perf_counter() - t
        if dt >= (0.25 if not DRY else 0.01) or k >= 4096:
            break
        k *= 2
    per = dt / k
    n = max(3, int(math.ceil(target_s / per)))
    chunk = max(1, int(0.05 / per))
    sync()
    with Sampler() as smp:
        e0 = NV.energy_mj()
        t0 = time.perf_counter()
        evs = []
        i = 0
        while i < n:
            m = min(chunk, n - i)
            for _ in range(m):
                run_iter()
            i += m
            if DEV == "cuda":  # keep at most ~3 chunks queued so the host never blocks in a full launch queue
                ev = torch.cuda.Event()
                ev.record()
                evs.append(ev)
                if len(evs) > 3:
                    evs.pop(0).synchronize()
        sync()
        t1 = time.perf_counter()
        e1 = NV.energy_mj()
    secs = t1 - t0
    res = {"iters": n, "seconds": secs, "step_ms": 1000.0 * secs / n}
    res.update(smp.summary())
    if e0 is not None and e1 is not None:
        res["energy_j"] = (e1 - e0) / 1000.0
        res["energy_src"] = "nvml-energy-counter"
    elif res.get("power_sampled_mean_w") is not None:
        res["energy_j"] = res["power_sampled_mean_w"] * secs
        res["energy_src"] = "sampled-power"
    else:
        res["energy_j"] = None
        res["energy_src"] = "none"
    res["board_power_w"] = res["energy_j"] / secs if res["energy_j"] is not None else None
    return res


# ----------------------------------------------------------------------------------------
# CSV output
# ----------------------------------------------------------------------------------------
FIELDS = [
    "gpu", "model", "precision", "phase", "batch", "context_or_prompt", "tokens_per_s",
    "board_power_w", "gpu_joules_per_token", "sm_clock_mhz", "achieved", "unit", "note",
    "layers", "seconds", "iters", "step_ms", "energy_j", "energy_src", "power_sampled_mean_w",
    "power_sampled_max_w", "mem_clock_mhz", "temp_max_c", "clock_event_reasons", "n_samples",
    "est_bytes_per_iter", "est_flops_per_iter", "est_tb_per_s", "est_tflop_per_s", "elapsed_s",
]
GPU = "cpu-dryrun"
CSV_F = None
CSV_W = None


def fmt(v, nd=None):
    if v is None:
        return ""
    if isinstance(v, float):
        if nd is not None:
            return ("%." + str(nd) + "f") % v
        return "%.6g" % v
    return str(v)


def write_row(model, precision, phase, batch=None, ctx=None, res=None, tokens_per_iter=None,
              achieved=None, unit="", note="", layers=None, est_bytes=None, est_flops=None):
    res = res or {}
    r = {k: "" for k in FIELDS}
    r.update(gpu=GPU, model=model, precision=precision, phase=phase, batch=fmt(batch),
             context_or_prompt=fmt(ctx), note=note, layers=fmt(layers), unit=unit,
             elapsed_s=fmt(elapsed(), 1))
    secs = res.get("seconds")
    energy = res.get("energy_j")
    if secs:
        r["seconds"] = fmt(secs, 3)
        r["iters"] = fmt(res.get("iters"))
        r["step_ms"] = fmt(res.get("step_ms"), 4)
        if tokens_per_iter:
            toks = tokens_per_iter * res["iters"]
            r["tokens_per_s"] = fmt(toks / secs, 1)
            if energy is not None:
                r["gpu_joules_per_token"] = fmt(energy / toks)
        if est_bytes:
            r["est_bytes_per_iter"] = fmt(float(est_bytes))
            r["est_tb_per_s"] = fmt(est_bytes * res["iters"] / secs / 1e12, 3)
        if est_flops:
            r["est_flops_per_iter"] = fmt(float(est_flops))
            r["est_tflop_per_s"] = fmt(est_flops * res["iters"] / secs / 1e12, 1)
    if energy is not None:
        r["energy_j"] = fmt(energy, 2)
    if res.get("board_power_w") is not None:
        r["board_power_w"] = fmt(res["board_power_w"], 1)
    for k in ("power_sampled_mean_w", "power_sampled_max_w"):
        if res.get(k) is not None:
            r[k] = fmt(res[k], 1)
    for k in ("sm_clock_mhz", "mem_clock_mhz"):
        if res.get(k) is not None:
            r[k] = fmt(res[k], 0)
    for k in ("temp_max_c", "clock_event_reasons", "n_samples", "energy_src"):
        if res.get(k) is not None:
            r[k] = fmt(res[k])
    if achieved is not None:
        r["achieved"] = fmt(achieved, 3)
    CSV_W.writerow(r)
    CSV_F.flush()
    os.fsync(CSV_F.fileno())
    log("ROW %s %s %s b=%s ctx=%s tok/s=%s W=%s J/tok=%s SM=%s ach=%s %s %s" % (
        model, precision, phase, r["batch"], r["context_or_prompt"], r["tokens_per_s"],
        r["board_power_w"], r["gpu_joules_per_token"], r["sm_clock_mhz"], r["achieved"], unit, note))


def fail_row(model, precision, phase, batch=None, ctx=None, err="", layers=None):
    FAILED.append("%s %s %s b=%s ctx=%s: %s" % (model, precision, phase, batch, ctx, err))
    write_row(model, precision, phase, batch, ctx, note="FAILED: " + err[:300].replace("\n", " "), layers=layers)


def skip_row(model, precision, phase, batch=None, ctx=None, why=""):
    SKIPPED.append("%s %s %s b=%s ctx=%s: %s" % (model, precision, phase, batch, ctx, why))
    write_row(model, precision, phase, batch, ctx, note="SKIPPED: " + why)


def time_left():
    return BUDGET - elapsed()


def have_time(need_s):
    return time_left() >= need_s


def errstr(e):
    return "%s: %s" % (type(e).__name__, str(e).split("\n")[0][:250])


# ----------------------------------------------------------------------------------------
# Model shapes
# ----------------------------------------------------------------------------------------
class Cfg:
    def __init__(self, name, hidden, layers, nq, nkv, hd, ffn, vocab, experts=0, topk=0, eff=0):
        self.name, self.hidden, self.layers, self.nq, self.nkv, self.hd = name, hidden, layers, nq, nkv, hd
        self.ffn, self.vocab, self.experts, self.topk, self.eff = ffn, vocab, experts, topk, eff

    def attn_params(self):  # fused QKV + output projection, per layer
        H, D = self.hidden, self.hd
        return H * (self.nq + 2 * self.nkv) * D + self.nq * D * H

    def dense_lin_params(self):  # per layer
        return self.attn_params() + 3 * self.hidden * self.ffn

    def kv_bytes_per_token_layer(self):
        return 2 * self.nkv * self.hd * 2  # k and v, bf16


if not DRY:
    LLAMA1B = Cfg("llama-3.2-1b", 2048, 16, 32, 8, 64, 8192, 128256)  # tied lm_head in the checkpoint; same bytes
    LLAMA8B = Cfg("llama-3.1-8b", 4096, 32, 32, 8, 128, 14336, 128256)
    LLAMA70B = Cfg("llama-3.1-70b", 8192, 80, 64, 8, 128, 28672, 128256)
    QWEN3MOE = Cfg("qwen3-30b-a3b", 2048, 48, 32, 4, 128, 0, 151936, experts=128, topk=8, eff=768)
    CTX, CTX_LONG = 1024, 4096
    HBM_ELEMS = 2**31  # 4 GiB of bf16
    GEMM_N = 8192
    DEC_GEMM = (64, 8192, 28672)
else:
    LLAMA1B = Cfg("llama-3.2-1b", 128, 2, 4, 2, 32, 256, 1000)
    LLAMA8B = Cfg("llama-3.1-8b", 256, 2, 4, 2, 64, 512, 1000)
    LLAMA70B = Cfg("llama-3.1-70b", 256, 4, 4, 2, 64, 512, 1000)
    QWEN3MOE = Cfg("qwen3-30b-a3b", 128, 2, 4, 2, 32, 0, 1000, experts=16, topk=4, eff=64)
    CTX, CTX_LONG = 64, 256
    HBM_ELEMS = 2**20
    GEMM_N = 256
    DEC_GEMM = (64, 256, 512)


# ----------------------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------------------
class Lin:
    """Linear weight (N, K) row-major; s is the fp32 per-tensor scale for fp8, None for bf16."""

    __slots__ = ("w", "s")

    def __init__(self, w, s=None):
        self.w, self.s = w, s


def randn_bf16(*shape, std=1.0):
    t = torch.randn(*shape, device=DEV, dtype=BF16)
    if std != 1.0:
        t.mul_(std)
    return t


def make_lin(N, K, prec):
    if prec == "bf16":
        return Lin(randn_bf16(N, K, std=K ** -0.5))
    # fp8: unit-normal values stored in e4m3, scale 1/sqrt(K); filled in row chunks so no big bf16 copy exists
    w = torch.empty(N, K, device=DEV, dtype=F8)
    rows = max(1, (256 * 2**20) // K)
    for i in range(0, N, rows):
        j = min(N, i + rows)
        w[i:j].copy_(torch.randn(j - i, K, device=DEV, dtype=BF16))
    return Lin(w, torch.tensor(K ** -0.5, device=DEV, dtype=torch.float32))


def lin_to_fp8(lin):
    K = lin.w.shape[1]
    return Lin((lin.w * (K ** 0.5)).to(F8), torch.tensor(K ** -0.5, device=DEV, dtype=torch.float32))


FP8_PAD = 1  # rows of the activation are padded to a multiple of this for _scaled_mm (set by probe_fp8)
FP8_STATIC = False  # True: fixed activation scale (no amax per GEMM); used for one comparison point only


def linear(x, lin):
    if lin.s is None:
        return F.linear(x, lin.w)
    M = x.shape[0]
    Mp = M
    if FP8_PAD > 1 and M % FP8_PAD:
        Mp = ((M + FP8_PAD - 1) // FP8_PAD) * FP8_PAD
        xp = x.new_zeros(Mp, x.shape[1])
        xp[:M] = x
        x = xp
    if FP8_STATIC:  # fixed scale, clamped so that out-of-range values saturate instead of becoming NaN
        sa = STATIC_SCALE
        xq = (x / sa).clamp_(-F8_MAX_USED, F8_MAX_USED).to(F8)
    else:  # dynamic per-tensor scale: one max-abs reduction, then scale and cast
        amax = torch.linalg.vector_norm(x, float("inf"))
        sa = amax.float().clamp_(min=1e-6).div_(F8_MAX_USED)
        xq = (x / sa).to(F8)
    out = torch._scaled_mm(xq, lin.w.t(), scale_a=sa, scale_b=lin.s, out_dtype=BF16, use_fast_accum=True)
    return out[:M] if Mp != M else out


STATIC_SCALE = None


def rms(x, w):
    return F.rms_norm(x, (x.shape[-1],), w, 1e-5)


SDPA_RESTRICT = not DRY  # on CUDA only the flash and memory-efficient SDPA backends are allowed (no math, no cuDNN)
PREFILL_GQA = "enable_gqa"
# Decode attention layout. "rows": the g query heads of one KV head are g query rows, q (B, nkv, g, D) against
# k, v (B, nkv, C+1, D) (items 3-7). "heads": the standard layout, q (B, nq, 1, D) with enable_gqa=True.
DECODE_LAYOUT = "rows"


def sdpa(q, k, v, causal, gqa):
    if SDPA_RESTRICT:
        from torch.nn.attention import SDPBackend, sdpa_kernel

        with sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION]):
            return F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=gqa)
    return F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=gqa)


def prefill_attn(q, k, v):
    if PREFILL_GQA == "enable_gqa":
        return sdpa(q, k, v, True, True)
    g = q.shape[1] // k.shape[1]
    return sdpa(q, k.repeat_interleave(g, 1), v.repeat_interleave(g, 1), True, False)


def probe_attention():
    """Decide how causal GQA prefill attention runs (and whether math must be allowed)."""
    global PREFILL_GQA, SDPA_RESTRICT
    q = randn_bf16(1, 8, 256, 128)
    k = randn_bf16(1, 2, 256, 128)
    v = randn_bf16(1, 2, 256, 128)
    qd = randn_bf16(2, 2, 4, 128)
    for mode in ("enable_gqa", "repeat_kv"):
        PREFILL_GQA = mode
        try:
            prefill_attn(q, k, v)
            sdpa(qd, k.expand(2, -1, -1, -1).contiguous(), v.expand(2, -1, -1, -1).contiguous(), False, False)
            sync()
            ENV["modes"]["prefill_gqa"] = mode
            ENV["modes"]["sdpa_backends"] = "flash/mem-efficient only" if SDPA_RESTRICT else "any (PyTorch default)"
            log("attention probe: prefill GQA via %s, SDPA restricted to flash/mem-efficient=%s" % (mode, SDPA_RESTRICT))
            return
        except Exception as e:
            log("attention probe %s failed: %s" % (mode, errstr(e)))
    SDPA_RESTRICT = False
    PREFILL_GQA = "repeat_kv"
    ENV["modes"]["prefill_gqa"] = "repeat_kv"
    ENV["modes"]["sdpa_backends"] = "any (PyTorch default)"
    log("attention probe: falling back to unrestricted SDPA with repeated KV")


def probe_fp8():
    global FP8_PAD
    w = torch.randn(256, 256, device=DEV, dtype=BF16).to(F8)
    s = torch.tensor(1.0, device=DEV, dtype=torch.float32)
    for M in (1, 3):
        try:
            a = torch.randn(M, 256, device=DEV, dtype=BF16).to(F8)
            torch._scaled_mm(a, w.t(), scale_a=s, scale_b=s, out_dtype=BF16, use_fast_accum=True)
            sync()
        except Exception as e:
            FP8_PAD = 16
            log("fp8 probe: M=%d failed (%s); padding activation rows to 16" % (M, errstr(e)))
            break
    ENV["modes"]["fp8_row_padding"] = FP8_PAD
    log("fp8 probe: row padding multiple = %d" % FP8_PAD)


def capture(fn):
    """Warm up on a side stream, then capture fn into a CUDA graph."""
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(2):
            fn()
    torch.cuda.current_stream().wait_stream(s)
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        fn()
    torch.cuda.synchronize()
    return g


# ----------------------------------------------------------------------------------------
# Dense transformer (Llama shape)
# ----------------------------------------------------------------------------------------
class Dense:
    def __init__(self, c, prec, layers):
        self.c, self.prec, self.L = c, prec, layers
        H, D = c.hidden, c.hd
        self.emb = randn_bf16(c.vocab, H)
        self.lm_head = Lin(randn_bf16(c.vocab, H, std=H ** -0.5))  # lm_head stays bf16 in every variant
        self.lnf = torch.ones(H, device=DEV, dtype=BF16)
        self.layers = []
        for _ in range(layers):
            self.layers.append({
                "ln1": torch.ones(H, device=DEV, dtype=BF16),
                "qkv": make_lin((c.nq + 2 * c.nkv) * D, H, prec),
                "o": make_lin(H, c.nq * D, prec),
                "ln2": torch.ones(H, device=DEV, dtype=BF16),
                "gu": make_lin(2 * c.ffn, H, prec),
                "down": make_lin(H, c.ffn, prec),
            })

    def to_fp8(self):
        """A second model with the same embeddings / lm_head / norms and fp8 copies of the layer weights."""
        m = Dense.__new__(Dense)
        m.c, m.prec, m.L = self.c, "fp8", self.L
        m.emb, m.lm_head, m.lnf = self.emb, self.lm_head, self.lnf
        m.layers = []
        for Ly in self.layers:
            m.layers.append({k: (lin_to_fp8(v) if isinstance(v, Lin) else v) for k, v in Ly.items()})
        return m

    def weight_bytes_per_step(self):
        wb = 1 if self.prec == "fp8" else 2
        c = self.c
        return self.L * c.dense_lin_params() * wb + c.vocab * c.hidden * 2 + (2 * self.L + 1) * c.hidden * 2


def attention_decode(c, Ly, x, kv_l_k, kv_l_v, pos, B):
    """x (B, H) normed -> attention output (B, nq*D); writes the new k, v at slot `pos`."""
    D, nq, nkv = c.hd, c.nq, c.nkv
    g = nq // nkv
    qkv = linear(x, Ly["qkv"])
    k = qkv[:, nq * D: (nq + nkv) * D].view(B, nkv, D)
    v = qkv[:, (nq + nkv) * D:].view(B, nkv, D)
    kv_l_k[:, :, pos].copy_(k)
    kv_l_v[:, :, pos].copy_(v)
    if DECODE_LAYOUT == "heads":
        q = qkv[:, : nq * D].view(B, nq, 1, D)
        o = sdpa(q, kv_l_k, kv_l_v, False, True)  # (B, nq, 1, D)
    else:
        q = qkv[:, : nq * D].view(B, nkv, g, D)  # the g query heads that share one KV head act as g query rows
        o = sdpa(q, kv_l_k, kv_l_v, False, False)  # (B, nkv, g, D), over pos+1 = context+1 slots
    return o.reshape(B, nq * D)


def mlp(h, Ly):
    gu = linear(h, Ly["gu"])
    f = gu.shape[-1] // 2
    return linear(F.silu(gu[:, :f]) * gu[:, f:], Ly["down"])


def dense_decode_step(m, st):
    c, B = m.c, st["B"]
    kv, pos = st["kv"], st["pos"]
    x = F.embedding(st["tokens"], m.emb)
    for l, Ly in enumerate(m.layers):
        h = rms(x, Ly["ln1"])
        x = x + linear(attention_decode(c, Ly, h, kv[l, 0], kv[l, 1], pos, B), Ly["o"])
        x = x + mlp(rms(x, Ly["ln2"]), Ly)
    logits = linear(rms(x, m.lnf), m.lm_head)
    st["tokens"].copy_(logits.argmax(-1))
    return logits


def dense_prefill(m, tokens):
    c = m.c
    B, T = tokens.shape
    D, nq, nkv = c.hd, c.nq, c.nkv
    x = F.embedding(tokens.reshape(-1), m.emb)
    for Ly in m.layers:
        h = rms(x, Ly["ln1"])
        qkv = linear(h, Ly["qkv"])
        q = qkv[:, : nq * D].view(B, T, nq, D).transpose(1, 2)
        k = qkv[:, nq * D: (nq + nkv) * D].view(B, T, nkv, D).transpose(1, 2)
        v = qkv[:, (nq + nkv) * D:].view(B, T, nkv, D).transpose(1, 2)
        o = prefill_attn(q, k, v)  # (B, nq, T, D)
        x = x + linear(o.transpose(1, 2).reshape(B * T, nq * D), Ly["o"])
        x = x + mlp(rms(x, Ly["ln2"]), Ly)
    last = x.view(B, T, -1)[:, -1]
    logits = linear(rms(last, m.lnf), m.lm_head)
    return logits.argmax(-1)


def decode_est(m, B, C, weight_bytes):
    c, L = m.c, m.L
    kv = B * (C + 1) * L * c.kv_bytes_per_token_layer()
    attn_flops = L * 4 * B * c.nq * (C + 1) * c.hd
    return weight_bytes + kv, attn_flops


class KVBuf:
    """One flat bf16 buffer, filled with random values once, viewed as (L, 2, B, nkv, C+1, D) per point."""

    def __init__(self, c, L, max_tokens):
        self.c, self.L = c, L
        n = L * 2 * max_tokens * c.nkv * c.hd
        self.flat = torch.empty(n, device=DEV, dtype=BF16)
        chunk = 2**28
        for i in range(0, n, chunk):
            self.flat[i: i + chunk].normal_()

    def view(self, B, C):
        c = self.c
        n = self.L * 2 * B * c.nkv * (C + 1) * c.hd
        return self.flat[:n].view(self.L, 2, B, c.nkv, C + 1, c.hd)


def run_decode_point(m, step_fn, kvb, B, C, precision, label_note="", weight_bytes=None, flops_lin=None,
                     after=None):
    """Time one decode configuration; returns extra info from `after` (called with the state)."""
    st = {"B": B, "kv": kvb.view(B, C), "pos": C,
          "tokens": torch.randint(0, m.c.vocab, (B,), device=DEV)}
    g = None
    mode = "graph"

    def fn():
        return step_fn(m, st)

    try:
        if DEV == "cuda":
            try:
                g = capture(fn)
                run = g.replay
            except Exception as e:
                log("graph capture failed (%s); timing eagerly" % errstr(e))
                ENV["modes"].setdefault("graph_capture_failures", []).append(
                    "%s %s b=%d: %s" % (m.c.name, precision, B, errstr(e)))
                sync()
                g = None
                run = fn
                mode = "eager (graph capture failed)"
        else:
            run = fn
            mode = "eager (dry run)"
        res = timed(run)
        with torch.no_grad():
            lg = fn()
            finite = bool(torch.isfinite(lg.float()).all().item())
        extra = after(m, st) if after is not None else {}
        wbytes = extra.get("weight_bytes", weight_bytes)
        est_bytes, attn_flops = decode_est(m, B, C, wbytes)
        flops = 2 * B * extra.get("lin_params", flops_lin) + attn_flops
        note = "%s; finite=%s%s%s" % (mode, finite, ("; " + label_note) if label_note else "",
                                       ("; " + extra["note"]) if extra.get("note") else "")
        write_row(m.c.name, precision, "decode", B, C, res, tokens_per_iter=B,
                  achieved=est_bytes * res["iters"] / res["seconds"] / 1e12, unit="TB/s (weights+KV, est.)",
                  note=note, layers=m.L, est_bytes=est_bytes, est_flops=flops)
    finally:
        del g
        st.clear()
        free_mem()


def run_prefill_point(m, B, T, precision, wbytes):
    c = m.c
    tokens = torch.randint(0, c.vocab, (B, T), device=DEV)
    try:
        res = timed(lambda: dense_prefill(m, tokens))
        flops = 2 * B * T * m.L * c.dense_lin_params() + 2 * B * c.vocab * c.hidden \
            + m.L * 4 * B * c.nq * c.hd * (T * (T + 1) // 2)
        write_row(c.name, precision, "prefill", B, T, res, tokens_per_iter=B * T,
                  achieved=flops * res["iters"] / res["seconds"] / 1e12, unit="TFLOP/s (est.)",
                  note="eager (no graph); causal SDPA (%s); lm_head on last token only" % PREFILL_GQA,
                  layers=m.L, est_bytes=wbytes, est_flops=flops)
    finally:
        del tokens
        free_mem()


def prefill_points(m, points, precision, wbytes):
    """Prefill of each (prompts, tokens) in `points`, while the budget lasts; failures recorded."""
    for B, T in points:
        if not have_time(SECONDS + 6):
            skip_row(m.c.name, precision, "prefill", B, T, why="budget")
            continue
        try:
            run_prefill_point(m, B, T, precision, wbytes)
        except Exception as e:
            log(traceback.format_exc())
            fail_row(m.c.name, precision, "prefill", B, T, err=errstr(e))
            free_mem()


# ----------------------------------------------------------------------------------------
# Mixture of experts (Qwen3-30B-A3B shape)
# ----------------------------------------------------------------------------------------
MOE_MODE = "grouped_mm"
MOE_CAP_FACTOR = 2.0


class MoE:
    def __init__(self, c, layers):
        self.c, self.L, self.prec = c, layers, "bf16"
        H, D, E, Fe = c.hidden, c.hd, c.experts, c.eff
        self.emb = randn_bf16(c.vocab, H)
        self.lm_head = Lin(randn_bf16(c.vocab, H, std=H ** -0.5))
        self.lnf = torch.ones(H, device=DEV, dtype=BF16)
        self.layers = []
        for _ in range(layers):
            self.layers.append({
                "ln1": torch.ones(H, device=DEV, dtype=BF16),
                "qkv": make_lin((c.nq + 2 * c.nkv) * D, H, "bf16"),
                "o": make_lin(H, c.nq * D, "bf16"),
                "ln2": torch.ones(H, device=DEV, dtype=BF16),
                "router": make_lin(E, H, "bf16"),
                "wgu": randn_bf16(E, 2 * Fe, H, std=H ** -0.5),  # (E, N, K): passed transposed as (E, K, N)
                "wdown": randn_bf16(E, H, Fe, std=Fe ** -0.5),
            })

    def expert_bytes(self):
        return 3 * self.c.hidden * self.c.eff * 2

    def fixed_bytes_per_step(self):
        c = self.c
        return self.L * (c.attn_params() + c.experts * c.hidden) * 2 + c.vocab * c.hidden * 2


def moe_ffn(c, Ly, h, stats):
    B = h.shape[0]
    E, k, Fe = c.experts, c.topk, c.eff
    logits = linear(h, Ly["router"])
    probs = torch.softmax(logits.float(), -1)
    topw, topi = torch.topk(probs, k, -1)
    topw = topw / topw.sum(-1, keepdim=True)
    flat_e = topi.reshape(-1)
    order = torch.argsort(flat_e, stable=True)
    tok = torch.div(order, k, rounding_mode="floor")
    counts = torch.zeros(E, device=h.device, dtype=torch.int32).scatter_add_(
        0, flat_e, torch.ones_like(flat_e, dtype=torch.int32))
    wsel = topw.reshape(-1).index_select(0, order).to(h.dtype)
    if stats is not None:
        stats.append((counts > 0).sum())
    if MOE_MODE == "grouped_mm":
        offs = torch.cumsum(counts, 0, dtype=torch.int32)
        xs = h.index_select(0, tok)
        gu = torch._grouped_mm(xs, Ly["wgu"].transpose(-2, -1), offs=offs)
        a = F.silu(gu[:, :Fe]) * gu[:, Fe:]
        y = torch._grouped_mm(a, Ly["wdown"].transpose(-2, -1), offs=offs)
        y = y * wsel.unsqueeze(1)
    else:  # padded per-expert batched GEMM with a fixed capacity per expert
        Cap = moe_capacity(B, c)
        sorted_e = flat_e.index_select(0, order)
        starts = torch.cumsum(counts, 0) - counts
        pos_in_e = torch.arange(B * k, device=h.device) - starts.index_select(0, sorted_e)
        keep = (pos_in_e < Cap).to(h.dtype)
        slot = sorted_e * Cap + pos_in_e.clamp(max=Cap - 1)
        buf = torch.zeros(E * Cap, h.shape[1], device=h.device, dtype=h.dtype)
        buf.index_put_((slot,), h.index_select(0, tok) * keep.unsqueeze(1), accumulate=True)
        gu = torch.bmm(buf.view(E, Cap, -1), Ly["wgu"].transpose(1, 2))
        a = F.silu(gu[..., :Fe]) * gu[..., Fe:]
        yb = torch.bmm(a, Ly["wdown"].transpose(1, 2)).view(E * Cap, -1)
        y = yb.index_select(0, slot) * (wsel * keep).unsqueeze(1)
    return torch.zeros_like(h).index_add_(0, tok, y)


def moe_capacity(B, c):
    return max(4, int(math.ceil(MOE_CAP_FACTOR * B * c.topk / c.experts)))


def moe_decode_step(m, st, stats=None):
    c, B = m.c, st["B"]
    kv, pos = st["kv"], st["pos"]
    x = F.embedding(st["tokens"], m.emb)
    for l, Ly in enumerate(m.layers):
        h = rms(x, Ly["ln1"])
        x = x + linear(attention_decode(c, Ly, h, kv[l, 0], kv[l, 1], pos, B), Ly["o"])
        x = x + moe_ffn(c, Ly, rms(x, Ly["ln2"]), stats)
    logits = linear(rms(x, m.lnf), m.lm_head)
    st["tokens"].copy_(logits.argmax(-1))
    return logits


def probe_moe():
    global MOE_MODE
    try:
        x = randn_bf16(10, 64)
        W = randn_bf16(4, 96, 64)
        offs = torch.tensor([2, 2, 7, 10], device=DEV, dtype=torch.int32)
        y = torch._grouped_mm(x, W.transpose(-2, -1), offs=offs)
        ref = x[2:7].float() @ W[2].float().t()
        err = ((y[2:7].float() - ref).norm() / ref.norm()).item()
        if not err < 2e-2:
            raise RuntimeError("grouped_mm relative error %.3g" % err)
        MOE_MODE = "grouped_mm"
        log("moe probe: torch._grouped_mm ok (rel err %.2g)" % err)
    except Exception as e:
        MOE_MODE = "bmm-capacity"
        log("moe probe: torch._grouped_mm unusable (%s); using padded bmm, capacity factor %.1f" % (
            errstr(e), MOE_CAP_FACTOR))
    ENV["modes"]["moe_expert_gemm"] = MOE_MODE


# ----------------------------------------------------------------------------------------
# Environment
# ----------------------------------------------------------------------------------------
def gpu_slug(name):
    n = name.lower()
    if "h200" in n:
        return "h200-nvl" if "nvl" in n else "h200"
    if "h100" in n:
        if "pcie" in n:
            return "h100-pcie"
        if "nvl" in n:
            return "h100-nvl"
        return "h100-sxm"
    return re.sub(r"[^a-z0-9]+", "-", n.replace("nvidia", "")).strip("-") or "gpu"


def collect_env():
    e = ENV
    e["python"] = sys.version.split()[0]
    e["platform"] = platform.platform()
    e["torch"] = torch.__version__
    e["torch_cuda"] = torch.version.cuda
    try:
        e["cudnn"] = torch.backends.cudnn.version()
    except Exception:
        pass
    e["dry_run"] = DRY
    try:
        import importlib.metadata as md

        e["packages"] = {}
        for pkg in ("torch", "nvidia-ml-py", "triton", "nvidia-cublas", "nvidia-cudnn-cu13"):
            try:
                e["packages"][pkg] = md.version(pkg)
            except Exception:
                pass
    except Exception:
        pass
    e["seconds_per_point"] = SECONDS
    e["budget_s"] = BUDGET
    if DEV == "cuda":
        p = torch.cuda.get_device_properties(0)
        e["torch_device"] = {
            "name": p.name, "capability": "%d.%d" % (p.major, p.minor), "sm_count": p.multi_processor_count,
            "total_memory_bytes": p.total_memory, "l2_cache_bytes": getattr(p, "L2_cache_size", None),
        }
    if NV.ok:
        N, h = NV.N, NV.h
        nv = {}

        def put(key, fn, *a):
            try:
                v = fn(*a)
                nv[key] = v.decode() if isinstance(v, bytes) else v
            except Exception as ex:
                nv[key] = "n/a (%s)" % type(ex).__name__

        put("name", N.nvmlDeviceGetName, h)
        put("driver_version", N.nvmlSystemGetDriverVersion)
        put("cuda_driver_version", N.nvmlSystemGetCudaDriverVersion)
        put("vbios", N.nvmlDeviceGetVbiosVersion, h)
        put("power_limit_mw", N.nvmlDeviceGetPowerManagementLimit, h)
        put("power_default_limit_mw", N.nvmlDeviceGetPowerManagementDefaultLimit, h)
        put("power_enforced_limit_mw", N.nvmlDeviceGetEnforcedPowerLimit, h)
        put("power_limit_constraints_mw", N.nvmlDeviceGetPowerManagementLimitConstraints, h)
        put("max_sm_clock_mhz", N.nvmlDeviceGetMaxClockInfo, h, N.NVML_CLOCK_SM)
        put("max_mem_clock_mhz", N.nvmlDeviceGetMaxClockInfo, h, N.NVML_CLOCK_MEM)
        put("app_sm_clock_mhz", N.nvmlDeviceGetApplicationsClock, h, N.NVML_CLOCK_SM)
        put("app_mem_clock_mhz", N.nvmlDeviceGetApplicationsClock, h, N.NVML_CLOCK_MEM)
        put("persistence_mode", N.nvmlDeviceGetPersistenceMode, h)
        put("memory_bus_width_bits", N.nvmlDeviceGetMemoryBusWidth, h)
        put("temperature_c_at_start", N.nvmlDeviceGetTemperature, h, N.NVML_TEMPERATURE_GPU)
        try:
            mi = N.nvmlDeviceGetMemoryInfo(h)
            nv["memory_total_bytes"] = mi.total
        except Exception:
            pass
        nv["energy_counter"] = NV.energy_ok
        e["nvml"] = nv
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,driver_version,power.limit,power.default_limit,clocks.max.sm,"
             "clocks.max.mem,memory.total,pstate,persistence_mode,compute_mode", "--format=csv"],
            capture_output=True, text=True, timeout=20)
        e["nvidia_smi_query"] = out.stdout.strip()
    except Exception as ex:
        e["nvidia_smi_query"] = "n/a (%s)" % type(ex).__name__
    try:
        e["kernel"] = os.uname().release
    except Exception:
        pass


def write_env():
    ENV["elapsed_s"] = round(elapsed(), 1)
    with open(os.path.join(ARGS.out, "env.json"), "w") as f:
        json.dump(ENV, f, indent=1, default=str)


def measure_idle(note, model="none", secs=3.0):
    try:
        sync()
        time.sleep(1.0 if not DRY else 0.01)
        with Sampler() as smp:
            e0 = NV.energy_mj()
            t0 = time.perf_counter()
            time.sleep(secs if not DRY else 0.05)
            t1 = time.perf_counter()
            e1 = NV.energy_mj()
        res = {"seconds": t1 - t0, "iters": 1, "step_ms": None}
        res.update(smp.summary())
        if e0 is not None and e1 is not None:
            res["energy_j"] = (e1 - e0) / 1000.0
            res["energy_src"] = "nvml-energy-counter"
        elif res.get("power_sampled_mean_w") is not None:
            res["energy_j"] = res["power_sampled_mean_w"] * res["seconds"]
            res["energy_src"] = "sampled-power"
        if res.get("energy_j") is not None:
            res["board_power_w"] = res["energy_j"] / res["seconds"]
        res["iters"] = None
        res["step_ms"] = None
        write_row(model, "", "idle", res=res, note=note)
    except Exception as e:
        fail_row(model, "", "idle", err=errstr(e))


# ----------------------------------------------------------------------------------------
# The items
# ----------------------------------------------------------------------------------------
def item_micro():
    # (a) HBM stream
    n = HBM_ELEMS
    try:
        x = randn_bf16(n)
        y = torch.empty_like(x)
        nb = n * 2
        for label, fn, bytes_ in (
            ("copy", lambda: y.copy_(x), 2 * nb),
            ("scale", lambda: torch.mul(x, 1.0001, out=y), 2 * nb),
            ("read-sum", lambda: x.sum(), nb),
        ):
            if not have_time(SECONDS + 4):
                skip_row("micro", "bf16", "hbm-stream", why="budget (%s)" % label)
                continue
            try:
                res = timed(fn)
                bw = bytes_ * res["iters"] / res["seconds"]
                write_row("micro", "bf16", "hbm-stream", res=res, achieved=bw / 1e12, unit="TB/s",
                          note="%s over %.2f GiB bf16 tensor; bytes counted = %s" % (
                              label, nb / 2**30, "read+write" if bytes_ == 2 * nb else "read"),
                          est_bytes=bytes_)
            except Exception as e:
                fail_row("micro", "bf16", "hbm-stream", err="%s: %s" % (label, errstr(e)))
        del x, y
    except Exception as e:
        fail_row("micro", "bf16", "hbm-stream", err=errstr(e))
    free_mem()

    # (b) bf16 GEMM, (c) fp8 GEMM
    N = GEMM_N
    flops = 2.0 * N * N * N
    try:
        A = randn_bf16(N, N)
        Bm = randn_bf16(N, N)
        C = torch.empty(N, N, device=DEV, dtype=BF16)
        if have_time(SECONDS + 4):
            res = timed(lambda: torch.mm(A, Bm, out=C))
            write_row("micro", "bf16", "gemm", res=res, achieved=flops * res["iters"] / res["seconds"] / 1e12,
                      unit="TFLOP/s", note="torch.mm %dx%dx%d bf16 random normal data" % (N, N, N),
                      est_flops=flops, est_bytes=3 * N * N * 2)
        else:
            skip_row("micro", "bf16", "gemm", why="budget")
        del A, Bm, C
    except Exception as e:
        fail_row("micro", "bf16", "gemm", err=errstr(e))
    free_mem()
    try:
        A8 = randn_bf16(N, N).to(F8)
        W8 = randn_bf16(N, N).to(F8)
        one = torch.tensor(1.0, device=DEV, dtype=torch.float32)
        for fast in (False, True):
            if not have_time(SECONDS + 4):
                skip_row("micro", "fp8", "gemm", why="budget")
                continue
            try:
                res = timed(lambda: torch._scaled_mm(A8, W8.t(), scale_a=one, scale_b=one, out_dtype=BF16,
                                                     use_fast_accum=fast))
                write_row("micro", "fp8", "gemm", res=res, achieved=flops * res["iters"] / res["seconds"] / 1e12,
                          unit="TFLOP/s", note="torch._scaled_mm %dx%dx%d e4m3 per-tensor scales bf16 out "
                          "use_fast_accum=%s" % (N, N, N, fast), est_flops=flops, est_bytes=2 * N * N + N * N * 2)
            except Exception as e:
                fail_row("micro", "fp8", "gemm", err="fast_accum=%s: %s" % (fast, errstr(e)))
        del A8, W8
    except Exception as e:
        fail_row("micro", "fp8", "gemm", err=errstr(e))
    free_mem()

    # (d) decode-shaped GEMM
    M, K, Nn = DEC_GEMM
    dflops = 2.0 * M * K * Nn
    try:
        x = randn_bf16(M, K)
        W = randn_bf16(Nn, K, std=K ** -0.5)
        if have_time(SECONDS + 4):
            res = timed(lambda: F.linear(x, W))
            by = Nn * K * 2 + M * K * 2 + M * Nn * 2
            write_row("micro", "bf16", "gemm", batch=M, res=res, achieved=by * res["iters"] / res["seconds"] / 1e12,
                      unit="TB/s", note="decode-shaped F.linear M=%d K=%d N=%d bf16; %.1f TFLOP/s" % (
                          M, K, Nn, dflops * res["iters"] / res["seconds"] / 1e12),
                      est_bytes=by, est_flops=dflops)
        else:
            skip_row("micro", "bf16", "gemm", batch=M, why="budget")
        W8 = (W * (K ** 0.5)).to(F8)
        del W
        x8 = x.to(F8)
        s = torch.tensor(K ** -0.5, device=DEV, dtype=torch.float32)
        one = torch.tensor(1.0, device=DEV, dtype=torch.float32)
        if have_time(SECONDS + 4):
            res = timed(lambda: torch._scaled_mm(x8, W8.t(), scale_a=one, scale_b=s, out_dtype=BF16,
                                                 use_fast_accum=True))
            by = Nn * K + M * K + M * Nn * 2
            write_row("micro", "fp8", "gemm", batch=M, res=res, achieved=by * res["iters"] / res["seconds"] / 1e12,
                      unit="TB/s", note="decode-shaped _scaled_mm M=%d K=%d N=%d e4m3 (activation pre-quantised); "
                      "%.1f TFLOP/s" % (M, K, Nn, dflops * res["iters"] / res["seconds"] / 1e12),
                      est_bytes=by, est_flops=dflops)
        else:
            skip_row("micro", "fp8", "gemm", batch=M, why="budget")
        del x, W8, x8
    except Exception as e:
        fail_row("micro", "bf16/fp8", "gemm", batch=M, err=errstr(e))
    free_mem()


def fit_layers(c, weight_bytes_per_layer, kv_bytes_per_layer, fixed_bytes, margin):
    free = mem_free_bytes()
    L = c.layers
    while L > 1 and fixed_bytes + L * (weight_bytes_per_layer + kv_bytes_per_layer) + margin > free:
        L -= 1
    if L < c.layers:  # keep it a round number so per-layer scaling is easy to read
        L = max(1, (L // 4) * 4)
    return L, free


def item_dense8b():
    global FP8_STATIC, STATIC_SCALE
    c = LLAMA8B
    B_LIST = [1, 8, 32, 64, 128, 256]
    POINTS = [(b, CTX) for b in B_LIST] + [(1, CTX_LONG), (64, CTX_LONG)]
    max_tok = max(b * (cx + 1) for b, cx in POINTS)
    log("8B: building bf16 weights (%d layers) and KV buffer for %d token slots" % (c.layers, max_tok))
    t = time.time()
    m = Dense(c, "bf16", c.layers)
    kvb = KVBuf(c, c.layers, max_tok)
    sync()
    log("8B: init %.1fs, GPU mem allocated %.1f GB" % (time.time() - t, torch.cuda.memory_allocated() / 1e9
                                                         if DEV == "cuda" else 0))
    measure_idle("board idle with Llama-3.1-8B bf16 weights and KV buffer resident", model=c.name)
    wb = m.weight_bytes_per_step()
    lin_params = m.L * c.dense_lin_params() + c.vocab * c.hidden

    # item 3: bf16 decode
    for B, C in POINTS:
        if not have_time(SECONDS + 5):
            skip_row(c.name, "bf16", "decode", B, C, why="budget")
            continue
        try:
            run_decode_point(m, dense_decode_step, kvb, B, C, "bf16", weight_bytes=wb, flops_lin=lin_params)
        except Exception as e:
            log(traceback.format_exc())
            fail_row(c.name, "bf16", "decode", B, C, err=errstr(e))
            free_mem()

    # item 5: prefill bf16
    prefill_points(m, ((8, CTX), (1, CTX_LONG)), "bf16", wb)

    # fp8 copy of the layer weights (bf16 layers freed)
    m8 = None
    try:
        probe_fp8()
        m8 = m.to_fp8()
        m.layers = None
        del m
        free_mem()
        log("8B: fp8 weights ready")
    except Exception as e:
        log(traceback.format_exc())
        fail_row(c.name, "fp8", "setup", err=errstr(e))
    if m8 is not None:
        wb8 = m8.weight_bytes_per_step()
        B, T = 8, CTX
        if have_time(SECONDS + 6):
            try:
                run_prefill_point(m8, B, T, "fp8", wb8)
            except Exception as e:
                log(traceback.format_exc())
                fail_row(c.name, "fp8", "prefill", B, T, err=errstr(e))
                free_mem()
        else:
            skip_row(c.name, "fp8", "prefill", B, T, why="budget")
        # item 4: fp8 decode
        for B in (1, 64, 256):
            if not have_time(SECONDS + 5):
                skip_row(c.name, "fp8", "decode", B, CTX, why="budget")
                continue
            try:
                run_decode_point(m8, dense_decode_step, kvb, B, CTX, "fp8", weight_bytes=wb8, flops_lin=lin_params,
                                 label_note="e4m3 weights, dynamic per-tensor activation scale per GEMM, "
                                 "use_fast_accum, lm_head bf16; row pad %d" % FP8_PAD)
            except Exception as e:
                log(traceback.format_exc())
                fail_row(c.name, "fp8", "decode", B, CTX, err=errstr(e))
                free_mem()
        # one comparison point: static activation scale (no amax reduction per GEMM)
        if have_time(SECONDS + 5 + 60):  # only if the MoE and 70B items still have room after it
            try:
                FP8_STATIC = True
                STATIC_SCALE = torch.tensor(0.25, device=DEV, dtype=torch.float32)
                run_decode_point(m8, dense_decode_step, kvb, 1, CTX, "fp8", weight_bytes=wb8, flops_lin=lin_params,
                                 label_note="STATIC activation scale (no per-GEMM amax), otherwise as fp8 rows")
            except Exception as e:
                log(traceback.format_exc())
                fail_row(c.name, "fp8-static-act", "decode", 1, CTX, err=errstr(e))
            finally:
                FP8_STATIC = False
        else:
            SKIPPED.append("llama-3.1-8b fp8 static-activation-scale decode b=1 (budget)")
    del m8, kvb
    free_mem()


def item_moe(B_LIST=(1, 16, 64, 256)):
    c = QWEN3MOE
    probe_moe()
    max_tok = max(B_LIST) * (CTX + 1)
    wpl = (c.attn_params() + c.experts * c.hidden + c.experts * 3 * c.hidden * c.eff) * 2
    kvpl = max_tok * c.kv_bytes_per_token_layer()
    fixed = 2 * c.vocab * c.hidden * 2
    L, free = fit_layers(c, wpl, kvpl, fixed, margin=6e9 if not DRY else 0)
    note_layers = "" if L == c.layers else "only %d of %d layers fit in memory" % (L, c.layers)
    log("MoE: %d layers (free %.1f GB, need %.1f GB/layer)%s" % (L, free / 1e9, (wpl + kvpl) / 1e9,
                                                                 ("; " + note_layers) if note_layers else ""))
    t = time.time()
    m = MoE(c, L)
    kvb = KVBuf(c, L, max_tok)
    sync()
    log("MoE: init %.1fs" % (time.time() - t))
    fixed_step = m.fixed_bytes_per_step()
    eb = m.expert_bytes()
    attn_lin = L * (c.attn_params() + c.experts * c.hidden) + c.vocab * c.hidden
    for B in B_LIST:
        if not have_time(SECONDS + 8):
            skip_row(c.name, "bf16", "decode", B, CTX, why="budget")
            continue

        def after(mm, st, B=B):
            stats = []
            with torch.no_grad():
                for _ in range(3):
                    moe_decode_step(mm, st, stats)
            d = torch.stack(stats).float().mean().item()
            expect = c.experts * (1 - (1 - c.topk / c.experts) ** B)
            note = ("experts %s; distinct experts per layer per step %.2f (uniform-routing expectation %.2f)"
                    % (MOE_MODE if MOE_MODE == "grouped_mm" else "bmm capacity %d/expert" % moe_capacity(B, c),
                       d, expect))
            if note_layers:
                note += "; " + note_layers
            return {"weight_bytes": fixed_step + d * L * eb,
                    "lin_params": attn_lin + L * c.topk * 3 * c.hidden * c.eff, "note": note}

        try:
            run_decode_point(m, moe_decode_step, kvb, B, CTX, "bf16", after=after)
        except Exception as e:
            log(traceback.format_exc())
            fail_row(c.name, "bf16", "decode", B, CTX, err=errstr(e), layers=L)
            free_mem()
    del m, kvb
    free_mem()


def item_70b():
    c = LLAMA70B
    DEC_B = [1, 16, 64]
    PF = (4, CTX)
    max_tok = max(DEC_B) * (CTX + 1)
    wpl = c.dense_lin_params() * 1
    kvpl = max_tok * c.kv_bytes_per_token_layer()
    fixed = 2 * c.vocab * c.hidden * 2
    L, free = fit_layers(c, wpl, kvpl, fixed, margin=6e9 if not DRY else 0)
    note_layers = "" if L == c.layers else "%d of %d layers (memory); per-layer cost scales" % (L, c.layers)
    log("70B: %d layers (free %.1f GB)%s" % (L, free / 1e9, ("; " + note_layers) if note_layers else ""))
    if L < min(8, c.layers):
        for B in DEC_B:
            skip_row(c.name, "fp8", "decode", B, CTX, why="memory: only %d layers fit" % L)
        skip_row(c.name, "fp8", "prefill", PF[0], PF[1], why="memory")
        return
    if FP8_PAD == 1 and "fp8_row_padding" not in ENV["modes"]:
        probe_fp8()
    t = time.time()
    m = Dense(c, "fp8", L)
    kvb = KVBuf(c, L, max_tok)
    sync()
    log("70B: init %.1fs, GPU mem allocated %.1f GB" % (time.time() - t, torch.cuda.memory_allocated() / 1e9
                                                          if DEV == "cuda" else 0))
    wb = m.weight_bytes_per_step()
    lin_params = L * c.dense_lin_params() + c.vocab * c.hidden
    for B in DEC_B:
        if not have_time(SECONDS + 6):
            skip_row(c.name, "fp8", "decode", B, CTX, why="budget")
            continue
        try:
            run_decode_point(m, dense_decode_step, kvb, B, CTX, "fp8", weight_bytes=wb, flops_lin=lin_params,
                             label_note="e4m3 weights, dynamic per-tensor activation scale, lm_head bf16%s" % (
                                 ("; " + note_layers) if note_layers else ""))
        except Exception as e:
            log(traceback.format_exc())
            fail_row(c.name, "fp8", "decode", B, CTX, err=errstr(e), layers=L)
            free_mem()
    del kvb
    free_mem()
    if have_time(SECONDS + 8):
        try:
            run_prefill_point(m, PF[0], PF[1], "fp8", wb)
        except Exception as e:
            log(traceback.format_exc())
            fail_row(c.name, "fp8", "prefill", PF[0], PF[1], err=errstr(e), layers=L)
    else:
        skip_row(c.name, "fp8", "prefill", PF[0], PF[1], why="budget")
    del m
    free_mem()


# ----------------------------------------------------------------------------------------
# Item 8 (--plan steps): the decode and prefill sweep of shared/data/h100-measured.md
# ----------------------------------------------------------------------------------------
ATTN_VARIANTS = (  # (name, decode layout, SDPA restricted to flash/mem-efficient)
    ("rows-flash", "rows", True),  # items 3-7 of the first run
    ("rows-default", "rows", False),
    ("heads-default", "heads", False),
)


def set_attention(variant):
    global DECODE_LAYOUT, SDPA_RESTRICT
    _, DECODE_LAYOUT, restrict = variant
    SDPA_RESTRICT = restrict and not DRY


def attention_kernels(c, B, C):
    """CUDA kernel names one decode-attention call launches (from the profiler), to name the SDPA backend."""
    if DEV != "cuda":
        return "n/a (dry run)"
    D, nq, nkv = c.hd, c.nq, c.nkv
    k = randn_bf16(B, nkv, C + 1, D)
    v = randn_bf16(B, nkv, C + 1, D)
    q = randn_bf16(B, nq, 1, D) if DECODE_LAYOUT == "heads" else randn_bf16(B, nkv, nq // nkv, D)
    sdpa(q, k, v, False, DECODE_LAYOUT == "heads")
    sync()
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        sdpa(q, k, v, False, DECODE_LAYOUT == "heads")
        sync()
    names = sorted({e.key for e in prof.key_averages()})
    del q, k, v
    free_mem()
    return " | ".join(n[:90] for n in names)[:400]


def steps_points(c, L):
    """Decode points (batch, context) of the sweep that fit in memory with a 6 GiB margin, largest KV last."""
    per_tok = L * c.kv_bytes_per_token_layer()
    want = [(b, 1024) for b in (1, 8, 32, 64, 128, 256)] + [(1, 2048), (64, 2048)] + \
        [(b, 4096) for b in (1, 16, 64, 128)]
    if DRY:
        want = [(b, cx // 16) for b, cx in want]
    room = mem_free_bytes() - 6 * 2**30
    keep = [(b, cx) for b, cx in want if b * (cx + 1) * per_tok <= room]
    for b, cx in want:
        if (b, cx) not in keep:
            skip_row(c.name, "bf16", "decode", b, cx, why="KV cache does not fit beside the weights")
    return keep


def item_steps():
    """Llama-3.1-8B then Llama-3.2-1B, bf16: decode at batch 1-256 and context 1k-4k, prefill 1-8 prompts."""
    chosen = None
    for c in (LLAMA8B, LLAMA1B):
        t = time.time()
        m = Dense(c, "bf16", c.layers)
        sync()
        points = steps_points(c, m.L)
        if not points:
            continue
        kvb = KVBuf(c, m.L, max(b * (cx + 1) for b, cx in points))
        sync()
        log("%s: weights and KV buffer ready in %.1fs" % (c.name, time.time() - t))
        wb = m.weight_bytes_per_step()
        lin_params = m.L * c.dense_lin_params() + c.vocab * c.hidden
        if chosen is None:  # probe the attention variants on the 8B shape; keep the fastest at batch 256
            best = None
            for var in ATTN_VARIANTS:
                set_attention(var)
                for B in (64, 256):
                    C = points[0][1]
                    if (B, C) not in points:
                        continue
                    try:
                        kern = attention_kernels(c, B, C)
                        st = {"B": B, "kv": kvb.view(B, C), "pos": C,
                              "tokens": torch.randint(0, c.vocab, (B,), device=DEV)}
                        g = capture(lambda: dense_decode_step(m, st)) if DEV == "cuda" else None
                        res = timed(g.replay if g is not None else (lambda: dense_decode_step(m, st)),
                                    target_s=SECONDS / 2)
                        write_row(c.name, "bf16", "decode-probe", B, C, res, tokens_per_iter=B,
                                  note="attention variant %s; kernels: %s" % (var[0], kern), layers=m.L)
                        del g
                        st.clear()
                        free_mem()
                        if B == 256 and (best is None or res["step_ms"] < best[1]):
                            best = (var, res["step_ms"])
                    except Exception as e:
                        log(traceback.format_exc())
                        fail_row(c.name, "bf16", "decode-probe", B, C, err="%s: %s" % (var[0], errstr(e)))
                        free_mem()
            chosen = best[0] if best is not None else ATTN_VARIANTS[0]
            ENV["modes"]["steps_attention_variant"] = chosen[0]
            log("attention variant for the sweep: %s" % chosen[0])
        set_attention(chosen)
        kern = attention_kernels(c, *points[0])
        for B, C in points:
            if not have_time(SECONDS + 5):
                skip_row(c.name, "bf16", "decode", B, C, why="budget")
                continue
            try:
                run_decode_point(m, dense_decode_step, kvb, B, C, "bf16", weight_bytes=wb, flops_lin=lin_params,
                                 label_note="attention %s" % chosen[0])
            except Exception as e:
                log(traceback.format_exc())
                fail_row(c.name, "bf16", "decode", B, C, err=errstr(e))
                free_mem()
        del kvb
        free_mem()
        prefill_points(m, ((1, CTX), (8, CTX), (1, CTX_LONG)), "bf16", wb)
        ENV["modes"]["steps_kernels_%s" % c.name] = kern
        m.layers = None
        del m
        free_mem()
        write_env()


def main():
    global GPU, CSV_F, CSV_W
    if DEV == "cuda":
        torch.cuda.init()
        torch.zeros(1, device=DEV)
        name = torch.cuda.get_device_name(0)
    else:
        name = "cpu-dryrun"
    GPU = gpu_slug(name) if DEV == "cuda" else "cpu-dryrun"
    collect_env()
    ENV["gpu_slug"] = GPU
    write_env()
    path = os.path.join(ARGS.out, "%s-measured.csv" % GPU)
    CSV_F = open(path, "w", newline="")
    CSV_W = csv.DictWriter(CSV_F, fieldnames=FIELDS)
    CSV_W.writeheader()
    CSV_F.flush()
    log("device %s -> %s; writing %s; budget %.0fs, %.2fs per point" % (name, GPU, path, BUDGET, SECONDS))
    log("env: %s" % json.dumps({k: ENV.get(k) for k in ("torch", "torch_cuda", "torch_device", "nvml")},
                               default=str))
    torch.manual_seed(0)
    with torch.inference_mode():
        # 1
        measure_idle("board idle after CUDA init, nothing allocated but the context")
        try:
            probe_attention()
        except Exception as e:
            log("attention probe crashed: %s" % errstr(e))
        if ARGS.plan == "steps":
            run_item("steps", item_steps)
        elif ARGS.plan == "moe":
            set_attention(ATTN_VARIANTS[2])
            ENV["modes"]["moe_attention_variant"] = ATTN_VARIANTS[2][0]
            run_item("moe", item_moe, tuple(int(b) for b in ARGS.moe_batches.split(",")))
        else:
            run_full()
        if have_time(6):
            measure_idle("board idle at the end of the run (card warm)")
    ENV["finished"] = True
    write_env()
    CSV_F.close()
    report(path)


def run_item(label, fn, *args):
    """Runs one item; a failure is logged and recorded, and the run goes on."""
    t = time.time()
    try:
        fn(*args)
    except Exception as e:
        log(traceback.format_exc())
        FAILED.append("%s: %s" % (label, errstr(e)))
    free_mem()
    log("%s took %.1fs" % (label, time.time() - t))
    write_env()


def run_full():
    """Items 2-7 of the first run (item 1, idle, runs in main), in the order 2, 3, 5, 4, 7, 6."""
    run_item("micro", item_micro)
    run_item("8b", item_dense8b)
    if have_time(45):
        run_item("moe", item_moe)
    else:
        skip_row(QWEN3MOE.name, "bf16", "decode", why="budget: whole MoE item")
    if have_time(40):
        run_item("70b", item_70b)
    else:
        skip_row(LLAMA70B.name, "fp8", "decode/prefill", why="budget: whole 70B item")
    write_env()


def report(path):
    log("done in %.1fs; skipped: %d, failed: %d" % (elapsed(), len(SKIPPED), len(FAILED)))
    for s in SKIPPED:
        log("  skipped: " + s)
    for s in FAILED:
        log("  failed: " + s)
    # short table last (the device reply carries the end of the output)
    try:
        with open(path) as f:
            rows = list(csv.DictReader(f))
        print("\nmodel,precision,phase,batch,ctx,tok/s,W,J/tok,SM MHz,achieved,unit")
        for r in rows:
            print(",".join(r[k] for k in ("model", "precision", "phase", "batch", "context_or_prompt",
                                            "tokens_per_s", "board_power_w", "gpu_joules_per_token",
                                            "sm_clock_mhz", "achieved", "unit")))
    except Exception:
        pass


if __name__ == "__main__":
    try:
        main()
    except Exception:
        log("FATAL: " + traceback.format_exc())
        write_env()
        sys.exit(1)
