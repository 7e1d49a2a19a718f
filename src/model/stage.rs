//! One pass over one pipeline stage of a [`Deployment`]: what it asks of each GPU. The
//! communication on its critical path (`Deployment::communication`, worked out once per
//! deployment) and the [`StepLoad`] (weight and expert GEMMs, attention, communication,
//! overhead) that [`super::step::run_step`] turns into time and power; the decode step and
//! prefill pass built on it are in [`super::serving`].

use super::arch;
use super::num::{at_least, clamp, max_num, min_num};
use super::serving::Deployment;
use super::step::StepLoad;

impl Deployment<'_> {
    /// Time of one collective over `bytes` per GPU (ring all-reduce), as `(latency, seconds
    /// per byte)`: on the scale-up fabric, or, for a group wider than the domain (a forced
    /// `tp`), at the pace of its slowest links, the scale-out network's.
    ///
    /// # Formula
    /// `latency + 2·(tp−1)/tp · bytes / bw`, `bw` the scale-up bandwidth a group of `tp` GPUs
    /// gets ([`Deployment::scale_up_bytes_per_s`]; the network's, and the scale-out latency
    /// added, when `tp > scale_up`); zero when `tp = 1`.
    fn all_reduce(&self) -> (f64, f64) {
        let tp = self.layout.tp as f64;
        if tp <= 1.0 {
            return (0.0, 0.0);
        }
        let (bw_up, bw_out) = self.link_bandwidths(tp);
        if self.layout.tp > self.setup.gpu.scale_up_gpus.max(1) {
            let lat = self.setup.comm_latency_s + self.setup.scale_out_latency_s;
            return (lat, 2.0 * (tp - 1.0) / tp / bw_out);
        }
        (self.setup.comm_latency_s, 2.0 * (tp - 1.0) / tp / bw_up)
    }

    /// Achieved bandwidth per GPU of the scale-up fabric, for a collective among `n` GPUs of
    /// one domain, and of the scale-out network, B/s ([`Deployment::scale_up_bytes_per_s`]).
    fn link_bandwidths(&self, n: f64) -> (f64, f64) {
        let g = self.setup.gpu;
        (
            self.scale_up_bytes_per_s(n),
            (g.scale_out_gb_s * 1e9 * self.setup.comm_efficiency).max(1.0),
        )
    }

    /// Achieved scale-up bandwidth per GPU, one direction, for a collective among `n` GPUs of
    /// one domain, B/s.
    ///
    /// # Formula
    /// `scale_up_gb_s · efficiency`, whatever `n`, through a switch (NVSwitch, UB); through a
    /// full mesh of point-to-point links (`scale_up_mesh`: one link to each of the domain's
    /// `D − 1` peers, as AMD's Infinity Fabric joins 8 GPUs) only the group's `n − 1` links
    /// carry it: `scale_up_gb_s · efficiency · (n − 1)/(D − 1)` (a pair of MI300X exchanges
    /// over one 64 GB/s link of its seven).
    pub fn scale_up_bytes_per_s(&self, n: f64) -> f64 {
        let g = self.setup.gpu;
        let all = g.scale_up_gb_s * 1e9 * self.setup.comm_efficiency;
        let d = f64::from(g.scale_up_gpus.max(2));
        let share = if g.scale_up_mesh {
            clamp((n - 1.0) / (d - 1.0), 1.0 / (d - 1.0), 1.0)
        } else {
            1.0
        };
        (all * share).max(1.0)
    }

    /// Communication on the critical path of one stage pass over `tokens` tokens, as
    /// `(fixed seconds, seconds per token)`: it is linear in the tokens in flight and does not
    /// depend on the context, so it is worked out once per deployment.
    ///
    /// # Formula
    /// With `act = hidden · act_bytes` per token, per layer of a stage:
    /// - attention: an all-reduce of the tokens' activations over the `tp` GPUs, unless it
    ///   runs data-parallel (each GPU its own sequences: nothing to exchange);
    /// - dense feed-forward layers: an all-reduce likewise (none under data-parallel
    ///   attention, where they run data-parallel too);
    /// - MoE layers with experts spread over `ep > 1` GPUs under data-parallel attention:
    ///   dispatch and combine, two all-to-alls in which each GPU sends its share of the tokens
    ///   to the `k` experts they are routed to, `(ep−1)/ep` of them elsewhere:
    ///   `2 · act · k · (ep−1)/(ep·tp)` per token (shared experts run where the token is);
    ///   otherwise an all-reduce as for dense layers: with attention tensor-parallel every GPU
    ///   holds every token after attention's all-reduce, runs its own experts (`ep > 1`) or its
    ///   slice of each (`ep = 1`) and the partial sums are all-reduced (SGLang's default
    ///   `--moe-a2a-backend none`: "Uses All-Reduce or All-Gather for token dispatch",
    ///   docs/advanced_features/expert_parallelism.md; TensorRT-LLM enables its all-to-all only
    ///   with `enable_attention_dp`);
    /// - a hop of `act/tp` to the next stage over scale-out when `pp > 1`.
    ///
    /// All-reduce: [`Deployment::all_reduce`]; all-to-all:
    /// `latency + (n_up−1)·peer_latency + bytes · max((n_up−1)/bw_up, n_out/bw_out)/(ep−1)`
    /// (`bw_up` what a group of `n_up` GPUs gets, [`Deployment::scale_up_bytes_per_s`])
    /// with `n_up = min(ep, scale_up)` GPUs in the GPU's own scale-up domain (its `n_up − 1`
    /// peers there exchanged with in turn) and `n_out = ep − n_up`
    /// beyond it, reached over the scale-out network at the same time (plus its latency once
    /// when `n_out > 0`), each link carrying its peers' share of the bytes: DeepEP's
    /// low-latency kernels on H800 with 400 Gb/s InfiniBand move a rank's 128 tokens in
    /// 192 µs (dispatch, FP8) and 369 µs (combine, BF16) at 128 ranks, 39–40 GB/s of the
    /// NIC's ~50 GB/s, and about as long at 256 (DeepEP `docs/legacy.md`): bandwidth, not a
    /// cost per peer.
    pub(super) fn communication(&self) -> (f64, f64) {
        let m = self.setup.model;
        let l = self.layout;
        let act = m.hidden as f64 * self.setup.activation_bytes;
        let layers = m.layers as f64 / l.pp as f64;
        let (lat, per_byte) = self.all_reduce();
        let (tp, ep) = (f64::from(l.tp), f64::from(l.ep));
        // Peers within the GPU's scale-up domain and beyond it.
        let near = f64::from(l.ep.min(self.setup.gpu.scale_up_gpus.max(1)));
        let (bw, bw_out) = self.link_bandwidths(near);
        let far = ep - near;
        let (moe_layers, k) = match &m.moe {
            Some(e) => {
                let dense = f64::from(e.dense_layers) / l.pp as f64;
                ((layers - dense).max(0.0), f64::from(e.active))
            }
            None => (0.0, 0.0),
        };
        let dense_layers = layers - moe_layers;
        let dp = self.setup.dp_attention;
        let (mut fixed, mut per_token) = (0.0, 0.0);
        // Attention.
        if !dp {
            fixed += layers * lat;
            per_token += layers * act * per_byte;
        }
        // Dense feed-forward layers.
        if !dp {
            fixed += dense_layers * lat;
            per_token += dense_layers * act * per_byte;
        }
        // MoE layers: dispatch and combine only under data-parallel attention; with attention
        // tensor-parallel every GPU already holds every token, computes its own experts' share
        // and the partial sums are all-reduced, whether the experts are split by tensor or by
        // expert.
        if ep > 1.0 && dp {
            let out_latency = if far > 0.0 {
                self.setup.scale_out_latency_s
            } else {
                0.0
            };
            fixed += 2.0
                * moe_layers
                * (self.setup.comm_latency_s
                    + (near - 1.0) * self.setup.peer_latency_s
                    + out_latency);
            per_token +=
                2.0 * moe_layers * act * k / (ep * tp) * max_num((near - 1.0) / bw, far / bw_out);
        } else {
            fixed += moe_layers * lat;
            per_token += moe_layers * act * per_byte;
        }
        if l.pp > 1 {
            fixed += self.setup.scale_out_latency_s;
            per_token += act / l.tp as f64 / bw_out;
        }
        (fixed, per_token)
    }

    /// Cost of one pass over one pipeline stage of one instance for `tokens` tokens in flight,
    /// whose sequences have `context` cached tokens each and `new_per_seq` new tokens each (1
    /// for decode, the prompt length for prefill).
    ///
    /// # Formula (per GPU, `g = tp·pp`)
    /// - weight GEMMs: `(params_read(tokens) · bytes_per_param + attention_bytes + head_bytes)
    ///   / g` read (the layers kept wider: [`super::setup::WideWeights`]; under data-parallel
    ///   attention with `tp > 1`, the `data_parallel` parameters whole: `/pp` instead of `/g`),
    ///   `tokens · (2·matmul_active + wide FLOPs per token) / g` FLOPs at the compute peak; of
    ///   them the routed experts' apart: their
    ///   tensor work on tiles, `2·expert·moe_layers·max(touched·expert_tile_rows, tokens·k) / g`
    ///   (`expert_tile_rows`: [`Setup::expert_tile_rows`](super::setup::Setup::expert_tile_rows)), and
    ///   with `ep > 1` the busiest GPU's share: `1 + √(2·ln ep·(1 − 1/ep) / mean)` times the
    ///   mean (the largest of `ep` nearly binomial loads) of the experts it reads (at most all
    ///   of its own) and of the tokens it computes;
    /// - attention: KV read `seqs · context · kv_bytes_per_token_per_gpu`, written
    ///   `tokens · kv…` (`seqs = tokens / new_per_seq`); FLOPs
    ///   `tokens · attention_flops(context) / g`, in decode times the tile padding
    ///   `max(1, tile_rows / rows)`: one new token's query heads of a KV head fill `rows =
    ///   heads/kv_heads` rows of a tensor-core tile of `tile_rows` where the engine packs them
    ///   (else `rows = 1`: each query head its own tile); MLA's heads share one latent and fill
    ///   it; work units: in decode
    ///   `seqs · KV heads per GPU · max(1, read / split)` (under data-parallel attention all
    ///   KV heads, or MLA's query heads, its kernels splitting them over its one latent;
    ///   `read`: the cached tokens read,
    ///   sliding-window layers counted to their window; `split`: the engine's split-KV chunk,
    ///   counted fractionally so that a longer context is never faster; 1 split without it), in prefill `tokens · heads per GPU` (always enough);
    /// - communication: `Deployment::communication`;
    /// - overhead: `(step_overhead + layer_overhead · layers + moe_layer_overhead · moe_layers)
    ///   / pp` (the engine's per-layer cost on this chip's vendor:
    ///   [`Engine::layer_overhead_us_on`]; its routing cost per expert layer, 0 where the
    ///   per-layer cost was fitted on MoE rows).
    ///
    /// [`Engine::layer_overhead_us_on`]: crate::data::Engine::layer_overhead_us_on
    #[inline(always)]
    pub fn stage_load(
        &self,
        tokens: f64,
        context: f64,
        new_per_seq: f64,
        prefill: bool,
    ) -> StepLoad {
        let m = self.setup.model;
        let g = f64::from(self.layout.instance_gpus());
        let wb = self.setup.weight_bytes;
        let pc = &self.setup.params;
        let read = arch::params_read(m, pc, tokens);
        // Routed experts apart: their bytes stream through grouped GEMMs, their tensor work
        // runs on tiles of `expert_tile_rows` rows per expert touched, and under expert parallelism
        // the busiest GPU sets the pace.
        let (expert_bytes, expert_useful, expert_padded, imbalance) = match &m.moe {
            Some(e) if pc.expert_slots > 0.0 => {
                let moe_layers = pc.expert_slots / f64::from(e.experts.max(1));
                let (k, n) = (f64::from(e.active), f64::from(e.experts.max(1)));
                let touched = arch::experts_touched(e.experts, e.active, tokens);
                let tile = self.setup.expert_tile_rows;
                let useful = 2.0 * pc.expert * moe_layers * tokens * k;
                let padded = 2.0 * pc.expert * moe_layers * max_num(touched * tile, tokens * k);
                // The busiest of `ep` GPUs: the largest of `ep` nearly binomial loads exceeds
                // the mean by `√(2·ln ep·(1 − 1/ep)/mean)` of it, for the experts it reads (at
                // most all its experts) and the tokens it computes.
                let ep = f64::from(self.layout.ep);
                let excess = |mean: f64| {
                    if ep > 1.0 && mean > 0.0 {
                        (2.0 * ep.ln() * (1.0 - 1.0 / ep) / mean).sqrt()
                    } else {
                        0.0
                    }
                };
                let imb_bytes = max_num(
                    min_num(1.0 + excess(touched / ep), n / max_num(touched, 1e-9)),
                    1.0,
                );
                let imb_tokens = 1.0 + excess(tokens * k / ep);
                let busiest = max_num(touched * imb_bytes * tile, tokens * k * imb_tokens);
                let imb_flops = busiest / max_num(max_num(touched * tile, tokens * k), 1e-9);
                (
                    (read - pc.always_read) * wb,
                    useful,
                    padded,
                    (imb_bytes, imb_flops),
                )
            }
            _ => (0.0, 0.0, 0.0, (1.0, 1.0)),
        };
        // The layers kept wider than the weights (attention, lm_head) add their extra bytes.
        let wide = &self.setup.wide;
        let weights = read * wb - expert_bytes + wide.attention_bytes + wide.head_bytes;
        let kv_per_tok = self.kv_bytes_per_token_per_gpu(context);
        let (comm_fixed, comm_per_token) = self.comm;
        let new = at_least(new_per_seq, 1.0);
        let seqs = tokens / new;
        let tp = f64::from(self.layout.tp);
        let units = if new > 1.0 {
            tokens * at_least(f64::from(m.heads) / tp, 1.0)
        } else {
            // Under data-parallel attention a GPU holds every KV head of its sequences (MLA's
            // kernels split its one latent's query heads instead).
            let heads = match (self.setup.dp_attention, &m.attention) {
                (true, crate::data::Attention::Mla { .. }) => f64::from(m.heads),
                (true, _) => f64::from(m.kv_heads.max(1)),
                (false, _) => at_least(f64::from(m.kv_heads) / tp, 1.0),
            };
            let split = self.setup.engine.kv_split_tokens;
            // Cached tokens actually read per sequence (sliding-window layers stop at their
            // window), split into chunks of `split` tokens.
            let read = (context + 1.0) * arch::kv_elems_per_token(m, context)
                / at_least(arch::kv_elems_per_token(m, 1.0), 1e-9);
            let splits = if split > 0.0 {
                max_num(read / split, 1.0)
            } else {
                1.0
            };
            seqs * heads * splits
        };
        let pp = f64::from(self.layout.pp);
        let pad = if new > 1.0 {
            1.0
        } else {
            let rows = match m.attention {
                crate::data::Attention::Mla { .. } => f64::from(m.heads),
                crate::data::Attention::Gqa { .. } if self.setup.packs_gqa => {
                    f64::from(m.heads) / at_least(f64::from(m.kv_heads), 1.0)
                }
                crate::data::Attention::Gqa { .. } => 1.0,
            };
            at_least(self.setup.attention_tile_rows / at_least(rows, 1.0), 1.0)
        };
        // Under data-parallel attention every GPU of a stage reads the attention blocks and
        // dense feed-forward layers whole (its own sequences through all of them).
        let weight_bytes = if self.setup.dp_attention && tp > 1.0 {
            let whole = self.setup.params.data_parallel * wb + wide.attention_bytes;
            (weights - whole) / g + whole / f64::from(self.layout.pp)
        } else {
            weights / g
        };
        StepLoad {
            weight_bytes,
            gemm_flops: (tokens * (2.0 * self.setup.params.matmul_active + wide.flops_per_token)
                - expert_useful)
                / g,
            expert_bytes: expert_bytes / g,
            expert_flops: expert_padded / g,
            expert_bytes_imbalance: imbalance.0,
            expert_flops_imbalance: imbalance.1,
            kv_bytes: tokens * kv_per_tok * (context / new + 1.0),
            attn_flops: tokens * pad * arch::attention_flops_per_token(m, context, prefill) / g,
            attn_units: units,
            comm_s: comm_fixed + tokens * comm_per_token,
            overhead_s: self.setup.fixed_s / pp,
        }
    }
}
