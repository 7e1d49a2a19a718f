#!/usr/bin/env python3
"""Regenerates the generated groups of src/data/calibration.json from measurement files:

- `mlenergy`: every configuration of ../shared/data/mlenergy.csv (ML.ENERGY leaderboard v3, vLLM on
  H100 and B200), two rows each (GPU J per output token, output tokens/s per GPU), with the query
  mapping of mlenergy.md: the measured layout (`tp`, and `ep` where experts are spread: DeepSeek-R1's
  tp 1 × ep 8 is attention data-parallel over 8 GPUs), engine=vllm, batch = the measured average batch,
  prompt = the task's mean, output = the measured mean. The KV cache is vLLM's default (engines.json
  kv_cache): ML.ENERGY's vLLM configurations set no `kv-cache-dtype`, so vLLM's `auto` keeps it in the
  model's dtype, bf16, for the fp8 and MXFP4 checkpoints too (github.com/ml-energy/benchmark,
  configs/vllm/gpqa/openai/gpt-oss-120b/H100/monolithic.config.yaml at 0b961c7 and
  configs/vllm/gpqa/deepseek-ai/DeepSeek-R1-0528/B200/ at 2878286);
- `h200-moe`: the decode rows of tools/measure/results/h200-measured5.csv (`gpu_bench.py --plan moe`, the
  same loop and attention with the Qwen3-30B-A3B shape: router, top-8 of 128 experts, torch's grouped
  GEMMs; batch 1-256, context 1024): batch 1, 16, 64 and 256 fit the loop's time per MoE layer, 8, 32
  and 128 are held out; `h100-moe`: the same on an H100 (batch 1-64, h100-measured5.csv), all held out;
- `h100-sweep` and `h200-steps`: the decode and prefill rows of tools/measure/results/h100-measured3.csv
  and h200-measured3.csv (our own H100 and H200 runs of 27 November 2026, `gpu_bench.py --plan steps`:
  the plain PyTorch loop of shared/data/h100-measured.md with PyTorch's default SDPA backend, which is
  cuDNN; engine=pytorch), tokens/s and board power, Llama-3.1-8B and Llama-3.2-1B in bf16, batch 1 to
  256, context 1k to 4k. The H100 run reproduces shared/data/h100-measured.csv within 4 %
  (tools/measure/README.md). The H100 rows are fitted (with the four of h100-measured.csv: the
  stage 'single-GPU steps' of src/calibration/fit.rs), the H200 rows held out: fitted on one chip,
  judged on another. The first H200 run's rows (results/h200-measured.csv) are not used: that
  run restricted SDPA to the flash and memory-efficient backends, whose decode attention is 20 to 30 %
  slower than the default at batch 256, so it measured another engine.

Rows of the other groups (hand-written: H100 steps, MLPerf, MoE) are kept as they are. Splits:
whole families are held out, so the holdout shows how the model generalises to chips and models
it was not fitted to. Run from the repository root: python3 tools/calibration/rows.py"""
import csv, json, os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAL = os.path.join(ROOT, "src", "data", "calibration.json")
MLE = os.path.join(ROOT, "..", "shared", "data", "mlenergy.csv")
RESULTS = os.path.join(ROOT, "tools", "measure", "results")
GENERATED = ("mlenergy", "h200-steps", "h100-sweep", "h200-moe", "h100-moe")
PROMPT = {"lm-arena-chat": 224, "gpqa": 634}
SHORT = {"llama-3.2-1b": "1b", "llama-3.1-8b": "8b", "qwen3-30b-a3b": "q30a3", "llama-3.1-70b": "70b", "qwen3-32b": "q32b", "gpt-oss-120b": "gptoss",
         "deepseek-r1": "dsr1"}
# Families fitted (the rest held out): each chip generation with two model shapes, so that the
# energy per FLOP and per byte moved can be told apart (their ratio differs by shape). Held out:
# H100 Llama-70B at tp 4 and Qwen3-32B at tp 2 (layouts never fitted), B200 Llama-3.3-70B
# (another checkpoint of the fitted shape, other answers) and every MoE configuration.
MLE_FIT = {("h100-sxm", "meta-llama/Llama-3.1-8B-Instruct", "1"), ("h100-sxm", "Qwen/Qwen3-32B", "1"),
           ("b200", "Qwen/Qwen3-32B", "1"), ("b200", "meta-llama/Llama-3.1-70B-Instruct", "2")}


def mlenergy():
    rows = []
    for r in csv.DictReader(open(MLE)):
        prec = "fp4" if r["precision"] == "mxfp4" else r["precision"]
        batch = max(1, round(float(r["avg_batch_size"])))
        out = max(1, round(float(r["avg_output_len"])))
        q = (f"gpu={r['gpu']}&model={r['model']}&precision={prec}&engine=vllm&gpus={r['num_gpus']}&tp={r['tp']}"
             + (f"&ep={r['ep']}" if r["ep"] != "1" else "")
             + f"&batch={batch}&prompt={PROMPT[r['task']]}&output={out}")
        moe = r["model"] in ("gpt-oss-120b", "deepseek-r1")
        split = "fit" if (r["gpu"], r["source_model"], r["tp"]) in MLE_FIT else "holdout"
        gpu = r["gpu"].replace("-sxm", "")
        base = f"mle-{gpu}-{SHORT[r['model']]}-tp{r['tp']}-s{r['max_num_seqs']}"
        common = {"source": "ML.ENERGY v3", "query": q, "split": split, "group": "mlenergy-moe" if moe else "mlenergy"}
        rows.append({"id": base + "-j", "metric": "serving.gpu_joules_per_output_token",
                     "measured": float(r["gpu_joules_per_output_token"]), **common})
        rows.append({"id": base + "-tps", "metric": "serving.output_tokens_per_s_per_gpu",
                     "measured": round(float(r["output_tok_s_total"]) / int(r["num_gpus"]), 2), **common})
    return rows


# The MoE sweep pins one constant (the loop's fixed time per MoE layer): fitted on batch 1, 16, 64
# and 256, held out at 8, 32 and 128.
def MOE_SPLIT(b):
    return "fit" if b in (1, 16, 64, 256) else "holdout"


def steps(gpu, path, group, prefix, split):
    """`split`: "fit", "holdout", or a function of the row's batch size."""
    rows = []
    for r in csv.DictReader(open(os.path.join(RESULTS, path))):
        if r["phase"] not in ("decode", "prefill") or not r["tokens_per_s"] or r["model"] not in SHORT:
            continue
        b, c = r["batch"], r["context_or_prompt"]
        q = f"gpu={gpu}&model={r['model']}&precision={r['precision']}&engine=pytorch&gpus=1&batch={b}"
        q += f"&context={c}&prompt={c}" if r["phase"] == "decode" else f"&prompt={c}"
        base = f"{prefix}-{SHORT[r['model']]}-{r['precision']}-{r['phase']}-b{b}-c{c}"
        common = {"source": f"fabrik's {prefix.upper()} run (tools/measure)", "query": q,
                  "split": split(int(b)) if callable(split) else split, "group": group}
        rows.append({"id": base, "metric": f"{r['phase']}.tokens_per_s_per_gpu", "measured": float(r["tokens_per_s"]), **common})
        rows.append({"id": base + "-power", "metric": f"{r['phase']}.gpu_power_w", "measured": float(r["board_power_w"]), **common})
    return rows


cal = json.load(open(CAL))
kept = [r for r in cal["rows"] if r.get("group") not in GENERATED + ("mlenergy-moe",)]
cal["rows"] = (kept + steps("h100-sxm", "h100-measured3.csv", "h100-sweep", "h100", "fit")
               + steps("h200-sxm", "h200-measured3.csv", "h200-steps", "h200", "holdout")
               + steps("h200-sxm", "h200-measured5.csv", "h200-moe", "h200", MOE_SPLIT)
               + steps("h100-sxm", "h100-measured5.csv", "h100-moe", "h100", "holdout") + mlenergy())
json.dump(cal, open(CAL, "w"), indent=2, ensure_ascii=False)
open(CAL, "a").write("\n")
print(f"{len(cal['rows'])} rows ({len(kept)} hand-written)")
