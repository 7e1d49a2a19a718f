//! InferenceMAX's mixture-of-experts serving benchmark (`src/data/inferencemax.csv`): the rows
//! as the model is asked them, per-family errors (`fabrik-cli calibrate`, `tests/inferencemax.rs`,
//! section 8 of the page), and the measured points the frontier chart draws.

use super::median;
use crate::model::Precision;
use crate::model::step::Physics;
use crate::scenario::parse_query;

/// One InferenceMAX configuration (`src/data/inferencemax.csv`, trimmed from
/// `shared/data/inferencemax.csv`: SemiAnalysis's nightly benchmark, Apache-2.0) as the model
/// is asked it, and what was measured.
#[derive(Debug, Clone, PartialEq)]
pub struct ServingRow {
    /// `gpu/model/precision/framework/spec_decoding`.
    pub family: String,
    pub gpu: &'static str,
    pub model: &'static str,
    pub precision: Precision,
    /// InferenceMAX's framework name (`sglang`, `trt`, `dynamo-trt`, …).
    pub framework: &'static str,
    /// The catalogue's engine it ran (`engines.json` id: `trt-llm` for `trt`, …).
    pub engine: &'static str,
    /// The engine container's tag (the engine's version).
    pub version: &'static str,
    pub prompt: f64,
    pub output: f64,
    /// Requests in flight.
    pub conc: f64,
    /// The measured layout: tensor- and expert-parallel width and data-parallel attention (of
    /// a decode worker when disaggregated).
    pub tp: u32,
    pub ep: u32,
    pub dp_attention: bool,
    pub query: String,
    /// Prefill and decode on separate GPU pools (`disagg=1` with the pools' sizes).
    pub disaggregated: bool,
    pub speculative: bool,
    /// Output tokens/s per GPU of the whole server, both pools when disaggregated (see
    /// [`inferencemax_rows`]).
    pub output_tokens_per_s_per_gpu: f64,
    pub tokens_per_s_per_user: f64,
    /// Median time to first token, s.
    pub ttft_s: f64,
    /// The server's GPUs, both pools when disaggregated.
    pub gpus: f64,
}

impl ServingRow {
    /// The row's output against what its own figures imply by Little's law (`conc`
    /// requests, each `ttft + osl/speed` long): about 0.9–1 for a steady benchmark (answers
    /// average 0.9 · osl, medians are not means); far below, the throughput counts time in
    /// which fewer requests ran, and no steady state matches both figures.
    ///
    /// # Formula
    /// `output_tokens_per_s_per_gpu · gpus / (conc · osl / (ttft + osl / tokens_per_s_per_user))`.
    pub fn little_ratio(&self) -> f64 {
        self.output_tokens_per_s_per_gpu * self.gpus
            / (self.conc * self.output / (self.ttft_s + self.output / self.tokens_per_s_per_user))
    }
}

/// Below this [`ServingRow::little_ratio`] a row's throughput and its speed per user
/// contradict each other (section 8 counts such rows per family): steady rows lie at 0.8–1.05
/// (median, single and disaggregated servers alike; `tests/inferencemax.rs`,
/// `measured_output_per_gpu_counts_both_pools`), so 0.7 leaves their spread out.
pub const LITTLE_INCONSISTENT: f64 = 0.7;

/// The InferenceMAX configurations, with the query mapping of `inferencemax.md`.
///
/// # Formula
/// `gpu, model, precision, engine (trt and dynamo-trt → trt-llm, dynamo-sglang and
/// sglang-disagg → sglang), batch = conc, prompt = isl, output = osl`, then one server's
/// layout `gpus = tp = TP, ep = EP, dp_attention`, or for disaggregated rows the decode
/// worker's with `disagg=1&prefill_gpus=P&decode_gpus=D&prefill_tp=…&prefill_ep=…` (each
/// worker as it ran, see `worker`);
/// `mtp=1` where the row decodes speculatively, with `drafts=N` where the file records the draft
/// tokens per step its configuration set (column `drafts`); `kv=fp8` where the launch script asked for an
/// 8-bit KV cache (all but `SCRIPTS_WITHOUT_KV_DTYPE`).
///
/// Output tokens/s per GPU counts every GPU of the server. InferenceMAX's
/// `output_tok_s_per_gpu` does so for one server, but for a disaggregated one it divides by
/// the decode pool's `D` GPUs alone: in all 102 disaggregated rows of
/// `shared/data/inferencemax.csv`, `total_tok_s_per_gpu / output_tok_s_per_gpu` is
/// `(isl + osl)/osl · D/(P + D)` (within 1.5 %; exactly `(isl + osl)/osl` for one server), and
/// `output_tok_s_per_gpu · D` matches Little's law, `conc · osl / (ttft + osl / tokens/s per
/// user)`, within 0.8–1.0. So here a disaggregated row's figure is `output_tok_s_per_gpu ·
/// D/(P + D)`, what the model's `serving.output_tokens_per_s_per_gpu` means.
pub fn inferencemax_rows() -> &'static [ServingRow] {
    static ROWS: std::sync::OnceLock<Vec<ServingRow>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| read_rows(include_str!("../data/inferencemax.csv")))
}

/// InferenceX's published single-server DeepSeek-R1 results of five families that
/// [`inferencemax_rows`] lacks (`src/data/inferencex-public.csv`: B200 with TensorRT-LLM in FP4
/// and FP8 and with SGLang in FP8, H200 with TensorRT-LLM, MI325X with SGLang; with and
/// without MTP), as the model is asked them, with the same query mapping. No constant is
/// fitted on them: they say how the model does on chip × engine pairs it has not seen
/// (`fabrik-cli calibrate`, `tests/inferencemax.rs`; where they come from:
/// `tools/calibration/inferencex-public.md`).
pub fn public_rows() -> &'static [ServingRow] {
    static ROWS: std::sync::OnceLock<Vec<ServingRow>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| read_rows(include_str!("../data/inferencex-public.csv")))
}

/// The families (framework, gpu, model, precision) whose launch scripts set no KV-cache
/// dtype, so the engine's default applies (16 bits: `engines.json` `kv_cache`). Every other
/// family's script asks for an 8-bit cache (`--kv-cache-dtype fp8_e4m3` for SGLang's FP4
/// runs, `kv-cache-dtype: fp8` for vLLM on B200, `--kv_cache_dtype fp8` for ATOM,
/// `kv_cache_config: dtype: fp8` for TensorRT-LLM and Dynamo), so its rows carry `kv=fp8`.
/// Read in SemiAnalysisAI/InferenceX at 6b984d2 (21 January 2026, the commit whose
/// `.github/configs/*-master.yaml` name all thirteen images), `benchmarks/dsr1_fp8_h200_slurm.sh`,
/// `dsr1_fp8_mi300x_docker.sh`, `dsr1_fp8_mi355x_docker.sh` and `gptoss_fp4_h100_docker.sh`
/// (no flag) against e.g. `dsr1_fp4_b200_docker.sh` line 38 and `gptoss_fp4_b200_docker.sh`
/// line 34; the Dynamo runs' flags from ai-dynamo/dynamo's recipes they check out.
pub const SCRIPTS_WITHOUT_KV_DTYPE: [(&str, &str, &str, &str); 4] = [
    ("sglang", "h200-sxm", "deepseek-r1", "fp8"),
    ("sglang", "mi300x", "deepseek-r1", "fp8"),
    ("sglang", "mi355x", "deepseek-r1", "fp8"),
    ("vllm", "h100-sxm", "gpt-oss-120b", "fp4"),
];

/// One worker of a disaggregated pool as the model is asked it: `(tp, ep)`.
///
/// # Formula
/// A worker spans `w = gpus / workers` GPUs. Where `w` exceeds the recorded `tp`, the record
/// counts one data-parallel attention rank: SGLang's wide expert-parallel recipes
/// (`--tp-size w --dp-size w --enable-dp-attention --moe-a2a-backend deepep`, as in Dynamo's
/// guide `docs/backends/sglang/dsr1-wideep-gb200.md`) are listed as `tp = ep = 1` on pools of
/// 8 to 48 GPUs; the worker then runs `tp · w/tp` and `ep · w/tp`. Otherwise the record
/// stands (every TensorRT-LLM pool has `w = tp`).
fn worker(gpus: &str, workers: &str, tp: &str, ep: &str) -> (String, String) {
    let n = |s: &str| s.parse::<u32>().ok().filter(|v| *v > 0);
    match (n(gpus), n(workers), n(tp), n(ep)) {
        (Some(g), Some(k), Some(t), Some(e)) if g / k > t && (g / k) % t == 0 => {
            let f = g / k / t;
            ((t * f).to_string(), (e * f).to_string())
        }
        _ => (tp.to_string(), ep.to_string()),
    }
}

fn read_rows(csv: &'static str) -> Vec<ServingRow> {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let mut out = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&'static str> = line.split(',').collect();
        let get = |name: &str| -> &'static str {
            col(name).and_then(|i| f.get(i)).copied().unwrap_or("")
        };
        let num = |name: &str| get(name).parse::<f64>().unwrap_or(f64::NAN);
        let framework = get("framework");
        let engine = match framework {
            "trt" | "dynamo-trt" => "trt-llm",
            "dynamo-sglang" | "sglang-disagg" | "mori-sglang" => "sglang",
            other => other,
        };
        let disaggregated = get("disagg") == "1";
        let speculative = get("spec_decoding") == "mtp";
        let (tp, ep, dp) = if disaggregated {
            let (tp, ep) = worker(
                get("decode_gpus"),
                get("decode_workers"),
                get("decode_tp"),
                get("decode_ep"),
            );
            (tp, ep, get("decode_dp_attention"))
        } else {
            (
                get("tp").to_string(),
                get("ep").to_string(),
                get("dp_attention"),
            )
        };
        let mut query = format!(
            "gpu={}&model={}&precision={}&engine={engine}&batch={}&prompt={}&output={}&gpus={tp}&tp={tp}&ep={ep}&dp_attention={}",
            get("gpu"),
            get("model"),
            get("precision"),
            get("conc"),
            get("isl"),
            get("osl"),
            if dp == "true" { 1 } else { 0 }
        );
        // The KV cache as the launch script asked for it: 8 bits everywhere but where the script
        // leaves the engine's 16-bit default ([`SCRIPTS_WITHOUT_KV_DTYPE`]).
        let family4 = (framework, get("gpu"), get("model"), get("precision"));
        if !SCRIPTS_WITHOUT_KV_DTYPE.contains(&family4) {
            query.push_str("&kv=fp8");
        }
        if speculative {
            query.push_str("&mtp=1");
            // The draft tokens the run's configuration set, where the file records them.
            let drafts = get("drafts");
            if !drafts.is_empty() {
                query.push_str(&format!("&drafts={drafts}"));
            }
        }
        if disaggregated {
            let prefill = worker(
                get("prefill_gpus"),
                get("prefill_workers"),
                get("prefill_tp"),
                get("prefill_ep"),
            );
            query.push_str(&format!(
                "&disagg=1&prefill_gpus={}&decode_gpus={}&prefill_tp={}&prefill_ep={}",
                get("prefill_gpus"),
                get("decode_gpus"),
                prefill.0,
                prefill.1
            ));
        }
        out.push(ServingRow {
            gpu: get("gpu"),
            model: get("model"),
            precision: Precision::parse(get("precision")).unwrap_or(Precision::Fp8),
            framework,
            engine,
            version: get("version"),
            prompt: num("isl"),
            output: num("osl"),
            conc: num("conc"),
            tp: tp.parse().unwrap_or(0),
            ep: ep.parse().unwrap_or(0),
            dp_attention: dp == "true",
            family: [
                get("gpu"),
                get("model"),
                get("precision"),
                framework,
                get("spec_decoding"),
            ]
            .join("/"),
            query,
            disaggregated,
            speculative,
            output_tokens_per_s_per_gpu: num("output_tok_s_per_gpu")
                * if disaggregated {
                    let (p, d) = (num("prefill_gpus"), num("decode_gpus"));
                    d / (p + d)
                } else {
                    1.0
                },
            tokens_per_s_per_user: num("median_tok_s_per_user"),
            ttft_s: num("median_ttft_s"),
            gpus: if disaggregated {
                num("prefill_gpus") + num("decode_gpus")
            } else {
                num("tp")
            },
        });
    }
    out
}

/// One family of InferenceMAX rows (`gpu/model/precision/framework/spec_decoding`) and the
/// model's signed relative errors on each of its rows (`model ÷ measured − 1`).
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyError {
    pub family: String,
    pub rows: usize,
    pub tokens_per_s_per_gpu: Vec<f64>,
    pub tokens_per_s_per_user: Vec<f64>,
    pub ttft: Vec<f64>,
}

impl FamilyError {
    /// The signed median of one of the error lists.
    pub fn median(&self, errors: &[f64]) -> f64 {
        median(errors.to_vec())
    }

    /// The largest |error| of one of the error lists.
    pub fn max_abs(&self, errors: &[f64]) -> f64 {
        errors.iter().fold(0.0_f64, |m, x| m.max(x.abs()))
    }
}

/// Per family of InferenceMAX rows, in the file's order (families sorted, each family's rows
/// together): the model's errors on output tokens/s
/// per GPU, tokens/s per user and time to first token.
///
/// # Formula
/// For each row, `model ÷ measured − 1` with the row's query ([`inferencemax_rows`]).
pub fn inferencemax_errors(physics: &Physics) -> Vec<FamilyError> {
    family_errors(inferencemax_rows(), physics)
}

/// [`inferencemax_errors`] of the rows never fitted ([`public_rows`]).
pub fn public_errors(physics: &Physics) -> Vec<FamilyError> {
    family_errors(public_rows(), physics)
}

/// [`public_errors`] and the [`public_groups`] made of them: each row evaluated once (what
/// `fabrik-cli calibrate` prints).
pub fn public_report(physics: &Physics) -> (Vec<FamilyError>, Vec<PublicGroup>) {
    let families = public_errors(physics);
    let groups = groups_of(&families);
    (families, groups)
}

/// The never-fitted rows ([`public_rows`]) in three groups, each summed over its rows: single
/// servers without MTP, single servers with MTP, disaggregated serving (no MTP).
#[derive(Debug, Clone, PartialEq)]
pub struct PublicGroup {
    pub name: &'static str,
    pub rows: usize,
    /// Median |model ÷ measured − 1| of output tokens/s per GPU and of tokens/s per user.
    pub median_gpu: f64,
    pub median_user: f64,
    /// The largest |model ÷ measured − 1| of each.
    pub max_gpu: f64,
    pub max_user: f64,
}

/// [`PublicGroup`]s of [`public_rows`] under `physics`.
///
/// # Formula
/// For each row `|model ÷ measured − 1|` of both figures with the row's query; per group their
/// median ([`super::median`]) and maximum.
pub fn public_groups(physics: &Physics) -> Vec<PublicGroup> {
    groups_of(&public_errors(physics))
}

/// [`PublicGroup`]s of the never-fitted families' errors: a family's rows are all single
/// servers or all disaggregated, all with MTP or all without (its key names engine and MTP),
/// so each family goes whole to the group of its first row.
fn groups_of(families: &[FamilyError]) -> Vec<PublicGroup> {
    type Keep = fn(&ServingRow) -> bool;
    let groups: [(&'static str, Keep); 3] = [
        ("single servers without MTP", |r| {
            !r.disaggregated && !r.speculative
        }),
        ("single servers with MTP", |r| {
            !r.disaggregated && r.speculative
        }),
        ("disaggregated", |r| r.disaggregated),
    ];
    let first = |fam: &str| public_rows().iter().find(|r| r.family == fam);
    groups
        .into_iter()
        .map(|(name, keep)| {
            let (mut g, mut u) = (Vec::new(), Vec::new());
            for f in families
                .iter()
                .filter(|f| first(&f.family).is_some_and(keep))
            {
                g.extend(f.tokens_per_s_per_gpu.iter().map(|e| e.abs()));
                u.extend(f.tokens_per_s_per_user.iter().map(|e| e.abs()));
            }
            let max = |v: &[f64]| v.iter().fold(0.0_f64, |m, x| m.max(*x));
            PublicGroup {
                name,
                rows: g.len(),
                max_gpu: max(&g),
                max_user: max(&u),
                median_gpu: median(g),
                median_user: median(u),
            }
        })
        .collect()
}

fn family_errors(rows: &[ServingRow], physics: &Physics) -> Vec<FamilyError> {
    // The file lists each family's rows together, families in order (tests/inferencemax.rs).
    let mut families: Vec<&str> = rows.iter().map(|r| r.family.as_str()).collect();
    families.dedup();
    families
        .into_iter()
        .map(|fam| {
            let mut f = FamilyError {
                family: fam.to_string(),
                rows: 0,
                tokens_per_s_per_gpu: Vec::new(),
                tokens_per_s_per_user: Vec::new(),
                ttft: Vec::new(),
            };
            for r in rows.iter().filter(|r| r.family == fam) {
                let o = crate::model::evaluate_with(&parse_query(&r.query).scenario, physics);
                f.rows += 1;
                f.tokens_per_s_per_gpu.push(
                    o.serving.output_tokens_per_s_per_gpu / r.output_tokens_per_s_per_gpu - 1.0,
                );
                f.tokens_per_s_per_user
                    .push(o.serving.tokens_per_s_per_user / r.tokens_per_s_per_user - 1.0);
                f.ttft.push(o.serving.ttft_s / r.ttft_s - 1.0);
            }
            f
        })
        .collect()
}

/// A measured InferenceMAX configuration placed on the frontier chart's axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasuredPoint {
    pub tokens_per_s_per_user: f64,
    /// Output tokens/s per MW of facility power, with the board at its limit (see
    /// [`measured_frontier`]).
    pub tokens_per_s_per_mw: f64,
    /// InferenceMAX's framework name and the engine container's tag.
    pub framework: &'static str,
    pub version: &'static str,
    pub speculative: bool,
    pub disaggregated: bool,
    /// Requests in flight.
    pub conc: f64,
}

/// InferenceMAX's measured points for a chip, model and precision, at the benchmark's prompt
/// and answer lengths closest to the reader's: `(prompt, output, points)`; no points where
/// the benchmark has none for the three.
///
/// # Formula
/// Lengths: the `(isl, osl)` of the benchmark minimising `|ln(isl/prompt)| + |ln(osl/output)|`.
/// Per MW: `tokens/s per GPU · 10⁶ / ((TDP + host) · PUE)`: InferenceMAX measures no power, so
/// each GPU is charged its board limit and its share of the host, as the model's own points
/// are charged the power they draw (serving at these batches runs near the limit).
pub fn measured_frontier(
    gpu: &crate::data::Gpu,
    model: &str,
    precision: Precision,
    prompt: f64,
    output: f64,
    pue: f64,
) -> (f64, f64, Vec<MeasuredPoint>) {
    let rows: Vec<&ServingRow> = inferencemax_rows()
        .iter()
        .filter(|r| r.gpu == gpu.id && r.model == model && r.precision == precision)
        .collect();
    let distance = |r: &ServingRow| {
        (r.prompt / prompt.max(1.0)).ln().abs() + (r.output / output.max(1.0)).ln().abs()
    };
    let Some(best) = rows
        .iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
    else {
        return (prompt, output, Vec::new());
    };
    let (isl, osl) = (best.prompt, best.output);
    let watts = (gpu.tdp_w + gpu.host_w_per_gpu) * pue.max(1.0);
    let points = rows
        .iter()
        .filter(|r| r.prompt == isl && r.output == osl)
        .map(|r| MeasuredPoint {
            tokens_per_s_per_user: r.tokens_per_s_per_user,
            tokens_per_s_per_mw: r.output_tokens_per_s_per_gpu * 1e6 / watts,
            framework: r.framework,
            version: r.version,
            speculative: r.speculative,
            disaggregated: r.disaggregated,
            conc: r.conc,
        })
        .collect();
    (isl, osl, points)
}

/// An engine's release from InferenceMAX's container tag: the platform parts dropped
/// (`v0.5.5.post3-rocm700-mi30x` → `0.5.5.post3`, `v0.5.6-cu129-amd64` → `0.5.6`,
/// `rocm7.1.1-ubuntu24.04-pytorch2.9-atom0.1.1-MI350x` → `0.1.1`, `0.5.1-rc0.pre3` stays).
pub fn engine_release(tag: &str) -> String {
    let digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let mut kept: Vec<&str> = Vec::new();
    for part in tag.split('-') {
        // ATOM's tag names its own release (`atom0.1.1`) among the platform's parts.
        if let Some(own) = part.strip_prefix("atom").filter(|r| digit(r)) {
            return own.to_string();
        }
        let b = part.as_bytes();
        let platform = ["cu", "rocm", "ubuntu", "pytorch"]
            .iter()
            .any(|p| part.strip_prefix(p).is_some_and(digit))
            || part == "amd64"
            || (b.len() > 2 && b[..2].eq_ignore_ascii_case(b"mi") && b[b.len() - 1] | 0x20 == b'x');
        if !platform {
            kept.push(part);
        }
    }
    let joined = kept.join("-");
    match joined.strip_prefix('v') {
        Some(r) if digit(r) => r.to_string(),
        _ => joined,
    }
}

/// What software alone does to InferenceMAX's figures: two engines (or releases) measured on
/// the same chip, model and precision, with the same layout, lengths and requests in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftwareGap {
    /// Matched pairs of rows over every such chip, model and precision.
    pub pairs: usize,
    /// The pair of families with the widest median gap: chip, model, precision.
    pub gpu: &'static str,
    pub model: &'static str,
    pub precision: Precision,
    /// The faster and the slower family's framework and container tag.
    pub faster: (&'static str, &'static str),
    pub slower: (&'static str, &'static str),
    /// Output tokens/s per GPU, faster ÷ slower: the median and the largest over their pairs.
    pub median_ratio: f64,
    pub max_ratio: f64,
}

/// The widest gap software alone makes between InferenceMAX's single-server families without
/// speculative decoding ([`SoftwareGap`]); `None` when no two families share a chip, model,
/// precision and a configuration.
///
/// # Formula
/// Rows pair when everything the model is asked but the engine agrees (chip, model, precision,
/// `tp`, `ep`, data-parallel attention, prompt and answer lengths, requests in flight). Per
/// pair of families, `r = tokens/s per GPU of the faster (by the median) ÷ the slower's`; the
/// pair whose median `r` is largest is reported.
pub fn software_gap() -> Option<SoftwareGap> {
    let rows = inferencemax_rows();
    // Each family's rows lie together (tests/inferencemax.rs): where each begins.
    let starts: Vec<usize> = (0..rows.len())
        .filter(|&i| i == 0 || rows[i].family != rows[i - 1].family)
        .collect();
    let family = |i: usize| {
        rows[i..]
            .iter()
            .take_while(move |r| r.family == rows[i].family)
    };
    let setting = |r: &ServingRow| (r.tp, r.ep, r.dp_attention, r.prompt, r.output, r.conc);
    let mut pairs = 0;
    let mut widest: Option<SoftwareGap> = None;
    for (k, &i) in starts.iter().enumerate() {
        for &j in &starts[k + 1..] {
            let (a, b) = (&rows[i], &rows[j]);
            if a.disaggregated
                || a.speculative
                || b.disaggregated
                || b.speculative
                || (a.gpu, a.model, a.precision) != (b.gpu, b.model, b.precision)
            {
                continue;
            }
            let mut ratios: Vec<f64> = Vec::new();
            for x in family(i) {
                for y in family(j).filter(|y| setting(y) == setting(x)) {
                    ratios.push(x.output_tokens_per_s_per_gpu / y.output_tokens_per_s_per_gpu);
                }
            }
            if ratios.is_empty() {
                continue;
            }
            pairs += ratios.len();
            let flip = super::median(ratios.clone()) < 1.0;
            if flip {
                ratios.iter_mut().for_each(|r| *r = 1.0 / *r);
            }
            let (fast, slow) = if flip { (b, a) } else { (a, b) };
            let max_ratio = ratios.iter().fold(1.0_f64, |m, r| m.max(*r));
            let median_ratio = super::median(ratios);
            if widest
                .as_ref()
                .is_none_or(|w| median_ratio > w.median_ratio)
            {
                widest = Some(SoftwareGap {
                    pairs: 0,
                    gpu: fast.gpu,
                    model: fast.model,
                    precision: fast.precision,
                    faster: (fast.framework, fast.version),
                    slower: (slow.framework, slow.version),
                    median_ratio,
                    max_ratio,
                });
            }
        }
    }
    widest.map(|g| SoftwareGap { pairs, ..g })
}
