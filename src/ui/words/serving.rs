//! The sentence under the headline figures that says how the scenario is served.

use super::{Lang, count, num};
use crate::model::Outcome;

/// How the scenario is served, in one sentence under the headline figures: the replica's split
/// into instances, the engine, the batch, and whether the board limit lowers the clock.
pub fn serving_setup(l: Lang, o: &Outcome) -> String {
    let c = crate::data::catalogue();
    let chip = c.gpu(o.gpu).map_or(o.gpu, |g| g.short.as_str());
    let engine = c.engine(o.engine).map_or(o.engine, |e| e.name.as_str());
    let y = o.layout;
    // Counts as a reader writes them (16,128 sequences, not 16.1 k).
    let (n, dp, tp, pp) = (
        count(l, f64::from(y.gpus)),
        count(l, f64::from(y.dp)),
        count(l, f64::from(y.tp)),
        count(l, f64::from(y.pp)),
    );
    let batch = count(l, o.serving.batch);
    let clock = (o.decode.clock * 100.0).round();
    let clock_text = |l: Lang| match (l, clock < 100.0) {
        (Lang::En, true) => format!(
            "; the board limit lowers the clock to {} % of the datasheet's",
            num(l, clock)
        ),
        (Lang::De, true) => format!(
            "; die Leistungsgrenze senkt den Takt auf {} % des Datenblattwerts",
            num(l, clock)
        ),
        _ => String::new(),
    };
    let stages = |l: Lang| match (l, y.pp > 1) {
        (Lang::En, true) => format!(" × {pp} pipeline stages"),
        (Lang::De, true) => format!(" × {pp} Pipeline-Stufen"),
        _ => String::new(),
    };
    // Mixture of experts: the experts' spread (across scale-up domains, servers or racks,
    // where an instance spans them) and attention's split.
    let ep = count(l, f64::from(y.ep));
    let up = c.gpu(o.gpu).map_or(y.ep, |g| g.scale_up_gpus.max(1));
    let domains = count(l, f64::from(y.ep.div_ceil(up)));
    let across = match (l, up >= 32) {
        (Lang::En, true) => format!(" in {domains} racks"),
        (Lang::En, false) => format!(" in {domains} servers"),
        (Lang::De, true) => format!(" in {domains} Racks"),
        (Lang::De, false) => format!(" in {domains} Servern"),
    };
    let across = if y.ep > up { across } else { String::new() };
    let experts = format!(
        "{}{}",
        match (l, y.ep > 1) {
            (Lang::En, true) => format!(", experts over {ep} GPUs{across}"),
            (Lang::De, true) => format!(", Experten über {ep} GPUs{across}"),
            _ => String::new(),
        },
        match (l, o.dp_attention && y.ep > 1) {
            (Lang::En, true) => ", attention data-parallel",
            (Lang::De, true) => ", Attention datenparallel",
            _ => "",
        }
    );
    // A named engine that keeps an 8- or 4-bit deployment's KV cache wider by default.
    let (w, kv) = (o.precisions.weights, o.precisions.kv);
    let cache = if w.bits() <= 8 && kv.bits() > 8 {
        let kv = kv.as_str().to_ascii_uppercase();
        match l {
            Lang::En => format!(", its KV cache in {kv} (the engine's default)"),
            Lang::De => format!(", KV-Cache in {kv} (Voreinstellung der Engine)"),
        }
    } else {
        String::new()
    };
    // A published checkpoint that keeps attention wider than the rest of the weights.
    let a = o.precisions.attention_weights;
    let attention = if a != w {
        let a = a.as_str().to_ascii_uppercase();
        match l {
            Lang::En => {
                format!(", attention weights in {a} as the published checkpoint keeps them")
            }
            Lang::De => format!(", Attention-Gewichte in {a} wie im veröffentlichten Checkpoint"),
        }
    } else {
        String::new()
    };
    // A published checkpoint whose engines multiply the weights with wider activations on a
    // chip that has the weights' own arithmetic (gpt-oss's MXFP4 experts × MXFP8).
    let arith = o.precisions.compute;
    let kernels = c.gpu(o.gpu).zip(c.model(o.model)).is_some_and(|(g, m)| {
        w.supported_on(g) == w
            && m.checkpoint(w.as_str(), &g.vendor)
                .and_then(|k| k.activations.as_deref())
                == Some(arith.as_str())
    });
    let activations = if kernels && arith.bits() > w.bits() {
        let a = arith.as_str().to_ascii_uppercase();
        match l {
            Lang::En => format!(", multiplied with {a} activations as its engines' kernels do"),
            Lang::De => {
                format!(", mit {a}-Aktivierungen multipliziert wie in den Kerneln der Engines")
            }
        }
    } else {
        String::new()
    };
    let experts = experts + &cache + &attention + &activations;
    if let Some(p) = o.pools {
        // Disaggregated: the prefill pool first, then the decode pool.
        let (pn, pdp, ptp) = (
            count(l, f64::from(p.prefill_gpus)),
            count(l, f64::from(p.prefill_layout.dp)),
            count(l, f64::from(p.prefill_layout.tp)),
        );
        let busy = num(l, (p.prefill_busy * 100.0).round());
        return match l {
            Lang::En => format!(
                "Disaggregated with {engine}: prompts prefilled on {pn} {chip} ({pdp} × {ptp} GPUs, busy {busy} % of the time), answers decoded on {n} ({dp} × {tp} GPUs{}{experts}), {batch} sequences at a time{}.",
                stages(l),
                clock_text(l)
            ),
            Lang::De => format!(
                "Disaggregiert mit {engine}: Prompts auf {pn} {chip} vorverarbeitet ({pdp} × {ptp} GPUs, {busy} % der Zeit ausgelastet), Antworten auf {n} dekodiert ({dp} × {tp} GPUs{}{experts}), {batch} Sequenzen gleichzeitig{}.",
                stages(l),
                clock_text(l)
            ),
        };
    }
    match l {
        Lang::En => format!(
            "Served on {n} {chip} as {dp} × {tp} GPUs (data × tensor parallel{}{experts}) with {engine}, {batch} sequences at a time{}.",
            stages(l),
            clock_text(l)
        ),
        Lang::De => format!(
            "Betrieben auf {n} {chip} als {dp} × {tp} GPUs (daten- × tensorparallel{}{experts}) mit {engine}, {batch} Sequenzen gleichzeitig{}.",
            stages(l),
            clock_text(l)
        ),
    }
}
