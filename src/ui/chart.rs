//! Chart containers. Each renders a plotters chart to SVG inside an element marked
//! `data-chart="<name>"` (role="img", a summary in aria-label) with its data as a table a
//! screen reader can reach. Each chart's series is a `Memo` over only the inputs it uses, so
//! a control redraws only the charts that depend on it.

use super::i18n::{Lang, LangCtx, count, num, tr};
use super::{OutcomeCtx, ScenarioCtx, ThemeCtx};
use crate::calibration::compare;
use crate::charts::{self, Look};
use crate::model::claims::{self, CLAIM_ISO_POWER_RATIO};
use crate::model::frontier::throughput_at;
use crate::model::series;
use crate::model::step::Physics;
use crate::model::{Precision, Scenario};
use leptos::prelude::*;
use plotters::prelude::*;

/// Height of most drawings in CSS pixels; the width follows the window (see [`WidthCtx`]).
const HEIGHT: u32 = 420;

/// Width at which charts are drawn: the page's content width, so text keeps its size on a
/// phone; redrawn when the window is resized.
#[derive(Clone, Copy)]
pub struct WidthCtx(pub RwSignal<u32>);

/// Chart width for a window width: the content column (max 760 px), at least 300 px.
pub fn chart_width(window_px: f64) -> u32 {
    (window_px - 40.0).clamp(300.0, 760.0) as u32
}

/// Renders a chart into an SVG string with the given drawing function.
pub fn render_svg(
    size: (u32, u32),
    draw: impl FnOnce(
        &DrawingArea<charts::backend::SvgBackend, plotters::coord::Shift>,
    ) -> charts::DrawResult,
) -> String {
    let mut svg = String::new();
    let spots = {
        let area = charts::backend::SvgBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area).unwrap_or_else(|e| {
            leptos::logging::warn!("chart not drawn: {e}");
            Vec::new()
        })
    };
    charts::with_hotspots(svg, &spots)
}

/// Sets `visible` while `el` is within one viewport height of the screen (IntersectionObserver).
fn observe_visibility(el: &web_sys::Element, visible: RwSignal<bool>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            visible.set(e.is_intersecting());
        }
    });
    let opts = web_sys::IntersectionObserverInit::new();
    opts.set_root_margin("100% 0px");
    match web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &opts) {
        Ok(obs) => obs.observe(el),
        // No observer (very old browser): draw always.
        Err(_) => visible.set(true),
    }
    cb.forget();
}

/// The look for the current language and colour scheme.
fn look() -> Memo<Look> {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ThemeCtx(theme) = expect_context::<ThemeCtx>();
    Memo::new(move |_| Look {
        theme: theme.get(),
        decimal_comma: lang.get() == Lang::De,
    })
}

/// A chart: the drawing, a caption, and its data as a table.
#[component]
fn Frame(
    /// Machine name (`data-chart`), used by tests, embeds and exports.
    name: &'static str,
    /// One-sentence summary for screen readers.
    summary: Signal<String>,
    /// The SVG markup.
    svg: Signal<String>,
    /// Column headers of the data table.
    headers: Signal<Vec<String>>,
    /// Rows of the data table, already formatted.
    rows: Signal<Vec<Vec<String>>>,
    /// Drawing height in CSS pixels (the PNG is rendered at twice the size).
    height: u32,
) -> impl IntoView {
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let size = move || (width.get_untracked(), height);
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let file = move |ext: &str| {
        sc.with(|s| {
            format!(
                "fabrik-{name}-{}-{}.{ext}",
                super::export::slug(&s.gpu),
                super::export::slug(&s.model)
            )
        })
    };
    let show_embed = RwSignal::new(false);
    let table_open = RwSignal::new(false);
    // Drawn only while on (or near) the screen: an off-screen chart is not recomputed when a
    // control moves, and catches up when it scrolls into view.
    let visible = RwSignal::new(false);
    let figure = NodeRef::<leptos::html::Figure>::new();
    figure.on_load(move |el| observe_visibility(&el, visible));
    let drawn = RwSignal::new(String::new());
    Effect::new(move |_| {
        if visible.get() {
            // An unchanged drawing is not handed to the DOM again (re-parsing an SVG costs
            // more than comparing two strings).
            let new = svg.get();
            if drawn.with_untracked(|d| *d != new) {
                drawn.set(new);
            }
        }
    });
    let snippet = move || {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let base = href.split('#').next().unwrap_or("").to_string();
        let sep = if base.contains('?') { '&' } else { '?' };
        format!(
            "<iframe src=\"{base}{sep}embed=1&view={name}\" title=\"fabrik: {name}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>",
            height + 80
        )
    };
    view! {
        <figure class="chart" data-chart=name node_ref=figure data-drawn=move || (!drawn.with(String::is_empty)).to_string()>
            <div class="plot" role="img" aria-label=move || summary.get() inner_html=move || drawn.get()></div>
            <div class="tools" role="group" aria-label=move || tr(lang.get(), "Export and embed", "Export und Einbetten")>
                <button type="button" data-export="svg" on:click=move |_| super::export::download_text(&svg.get_untracked(), "image/svg+xml", &file("svg"))>"SVG"</button>
                <button type="button" data-export="png" on:click=move |_| super::export::download_png(&svg.get_untracked(), size(), &file("png"))>"PNG"</button>
                <button type="button" data-export="csv" on:click=move |_| {
                    let text = super::export::csv(&headers.get_untracked(), &rows.get_untracked());
                    super::export::download_text(&text, "text/csv", &file("csv"))
                }>"CSV"</button>
                <button type="button" data-export="embed" aria-expanded=move || show_embed.get().to_string()
                    on:click=move |_| show_embed.update(|v| *v = !*v)>{move || tr(lang.get(), "Embed", "Einbetten")}</button>
            </div>
            <Show when=move || show_embed.get()>
                <label class="snippet">{move || tr(lang.get(), "Copy this into your article:", "Diesen Code in Ihren Artikel kopieren:")}
                    <textarea readonly rows="3">{snippet}</textarea>
                </label>
            </Show>
            <details class="data" on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                table_open.set(open);
            }>
                <summary>{move || tr(lang.get(), "Data of this chart", "Daten dieser Grafik")}</summary>
                // The table is built only while open: a closed one costs nothing per update.
                <Show when=move || table_open.get()>
                    <table>
                        <thead><tr>{move || headers.get().into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| view! {
                                <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </Show>
            </details>
        </figure>
    }
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// J per output token by hardware generation for the chosen model and workload.
#[component]
pub fn EnergyByGeneration() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let points = Memo::new(move |_| sc.with(series::generations));
    let current = Memo::new(move |_| sc.with(|s| s.gpu.clone()));
    let claims_shown = Memo::new(move |_| sc.with(|s| s.model == "gpt-moe-1.8t"));
    let svg = Signal::derive(move || {
        let l = lang.get();
        let pts = points.get();
        let hi = current.with(|c| pts.iter().position(|p| &p.gpu_id == c));
        let labels = charts::energy_by_generation::Labels {
            y_axis: tr(
                l,
                "Energy per output token (J, log scale)",
                "Energie pro Ausgabetoken (J, log.)",
            ),
            gpu_series: tr(l, "GPU board only", "Nur GPU-Platine"),
            facility_series: tr(l, "All-in facility", "Gesamtes Rechenzentrum"),
            claim: tr(
                l,
                "NVIDIA's claim (17,000 J → 0.4 J)",
                "NVIDIAs Behauptung (17.000 J → 0,4 J)",
            ),
        };
        let claims = if claims_shown.get() {
            charts::energy_by_generation::Claims::Show
        } else {
            charts::energy_by_generation::Claims::Hide
        };
        render_svg((width.get(), HEIGHT), |a| {
            charts::energy_by_generation::draw(a, &pts, hi, &labels, claims, &look.get())
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            let first = p.first();
            let best = p.iter().min_by(|a, b| {
                a.facility_joules_per_output_token
                    .total_cmp(&b.facility_joules_per_output_token)
            });
            match (first, best) {
                (Some(f), Some(b)) => format!(
                    "{} {} {} J, {} {} J ({}).",
                    tr(
                        l,
                        "Energy per output token, all-in: from",
                        "Energie pro Ausgabetoken, gesamt: von"
                    ),
                    f.label,
                    num(l, f.facility_joules_per_output_token),
                    tr(l, "down to", "bis"),
                    num(l, b.facility_joules_per_output_token),
                    b.label
                ),
                _ => String::new(),
            }
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Year", "Jahr"),
            tr(l, "Precision", "Präzision"),
            tr(l, "J/token, GPU", "J/Token, GPU"),
            tr(l, "J/token, all-in", "J/Token, gesamt"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            p.iter()
                .map(|g| {
                    vec![
                        g.label.clone(),
                        g.year.to_string(),
                        g.outcome_precision.to_ascii_uppercase(),
                        num(l, g.gpu_joules_per_output_token),
                        num(l, g.facility_joules_per_output_token),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="energy-by-generation" summary svg headers rows height=HEIGHT/> }
}

/// NVIDIA's 17,000 J → 0.4 J claim split into factors (GPT-MoE-1.8T, P100 FP16 → GB200 FP4).
#[component]
pub fn ClaimWaterfall() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let workload = Memo::new(move |_| sc.with(|s| (s.prompt_tokens, s.output_tokens)));
    let steps = Memo::new(move |_| {
        let (p, o) = workload.get();
        let c = crate::data::catalogue();
        match (
            c.model("gpt-moe-1.8t"),
            c.gpu("p100-sxm2"),
            c.gpu("gb200-nvl72"),
        ) {
            (Some(m), Some(a), Some(b)) => claims::waterfall(
                (a, Precision::Fp16),
                (b, Precision::Fp4),
                m,
                f64::from(p),
                f64::from(o),
                &Physics::from_catalogue(),
            ),
            _ => Vec::new(),
        }
    });
    let step_name = move |l: Lang, key: &str| -> String {
        match key {
            "start" => tr(l, "P100 FP16 (2016)", "P100 FP16 (2016)"),
            "memory" => tr(l, "+ HBM3e memory", "+ HBM3e-Speicher"),
            "compute_per_watt" => tr(l, "+ FLOP/s per watt", "+ FLOP/s pro Watt"),
            "scale_up" => tr(l, "+ NVLink 72", "+ NVLink 72"),
            "precision" => tr(l, "+ FP4 = GB200", "+ FP4 = GB200"),
            _ => "",
        }
        .to_string()
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| {
            let names: Vec<String> = st.iter().map(|s| step_name(l, s.key)).collect();
            render_svg((width.get(), HEIGHT), |a| {
                charts::waterfall::draw(
                    a,
                    st,
                    &names,
                    tr(l, "gap to 0.4 J", "Lücke zu 0,4 J"),
                    tr(
                        l,
                        "GPU energy per output token (J, log scale)",
                        "GPU-Energie pro Ausgabetoken (J, log.)",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| match (st.first(), st.last()) {
            (Some(a), Some(b)) => format!(
                "{} {} J → {} J (×{}); {} 17,000 J → 0.4 J (×42,500).",
                tr(
                    l,
                    "Model: GPT-MoE-1.8T from P100 to GB200,",
                    "Modell: GPT-MoE-1.8T von P100 bis GB200,"
                ),
                num(l, a.gpu_joules_per_output_token),
                num(l, b.gpu_joules_per_output_token),
                num(
                    l,
                    a.gpu_joules_per_output_token / b.gpu_joules_per_output_token
                ),
                tr(l, "NVIDIA claims", "NVIDIA behauptet")
            ),
            _ => String::new(),
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Step", "Schritt"),
            tr(l, "J/token, GPU", "J/Token, GPU"),
            tr(l, "Factor", "Faktor"),
            tr(l, "Batch", "Batch"),
            tr(l, "GPUs per replica", "GPUs pro Replikat"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        steps.with(|st| {
            st.iter()
                .map(|s| {
                    vec![
                        step_name(l, s.key),
                        num(l, s.gpu_joules_per_output_token),
                        format!("×{}", num(l, s.factor)),
                        count(l, s.batch),
                        s.gpus.to_string(),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="claim-waterfall" summary svg headers rows height=HEIGHT/> }
}

/// The Pareto frontier, several generations overlaid, the scenario marked; and the
/// "25× at ISO power" check at the scenario's speed per user.
#[component]
pub fn Frontier() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    // Only what the frontiers depend on: the model, the workload and the PUE.
    let key = Memo::new(move |_| {
        sc.with(|s| Scenario {
            model: s.model.clone(),
            prompt_tokens: s.prompt_tokens,
            output_tokens: s.output_tokens,
            pue: s.pue,
            ..Scenario::default()
        })
    });
    let fronts = Memo::new(move |_| key.with(series::frontiers));
    let current = Memo::new(move |_| {
        out.with(|o| {
            (
                o.serving.tokens_per_s_per_user,
                o.serving.tokens_per_s_per_mw,
            )
        })
    });
    let svg = Signal::derive(move || {
        let l = lang.get();
        let labels = charts::frontier::Labels {
            x_axis: tr(
                l,
                "Tokens/s per user (interactivity)",
                "Token/s pro Nutzer (Interaktivität)",
            ),
            y_axis: tr(l, "Output tokens/s per MW", "Ausgabetoken/s pro MW"),
            current: tr(l, "This scenario", "Dieses Szenario"),
        };
        fronts.with(|f| {
            render_svg((width.get(), HEIGHT), |a| {
                charts::frontier::draw(a, f, Some(current.get()), &labels, &look.get())
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Throughput per megawatt against speed per user for several GPU generations; faster answers per user cost throughput.",
        "Durchsatz pro Megawatt gegen Tempo pro Nutzer für mehrere GPU-Generationen; schnellere Antworten kosten Durchsatz.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Tokens/s per user", "Token/s pro Nutzer"),
            tr(l, "Tokens/s per MW", "Token/s pro MW"),
            tr(l, "Batch", "Batch"),
            tr(l, "GPUs", "GPUs"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        fronts.with(|f| {
            f.iter()
                .flat_map(|s| {
                    s.points.iter().map(|p| {
                        vec![
                            s.label.clone(),
                            num(l, p.tokens_per_s_per_user),
                            num(l, p.tokens_per_s_per_mw),
                            count(l, p.batch),
                            p.gpus.to_string(),
                        ]
                    })
                })
                .collect()
        })
    });
    let iso = Signal::derive(move || {
        let l = lang.get();
        let v = current.get().0;
        fronts.with(|f| {
            let get = |id: &str| f.iter().find(|s| s.gpu_id == id).and_then(|s| throughput_at(&s.points, v));
            match (get("gb200-nvl72"), get("h100-sxm")) {
                (Some(b), Some(h)) if h > 0.0 => format!("{} {} {}: ×{}. {} ×{}.",
                    tr(l, "At", "Bei"), num(l, v), tr(l, "tokens/s per user, the model puts GB200 NVL72 (FP4) over H100 (FP8) at",
                        "Token/s pro Nutzer sieht das Modell GB200 NVL72 (FP4) gegenüber H100 (FP8) bei"),
                    num(l, b / h), tr(l, "NVIDIA claims", "NVIDIA behauptet"), num(l, CLAIM_ISO_POWER_RATIO)),
                _ => tr(l, "At this speed per user one of the two chips cannot serve the model: no ratio.",
                    "Bei diesem Tempo pro Nutzer kann einer der beiden Chips das Modell nicht bedienen: kein Verhältnis.").to_string(),
            }
        })
    });
    view! {
        <Frame name="frontier" summary svg headers rows height=HEIGHT/>
        <p class="claim-check" data-claim="iso-power">{iso}</p>
    }
}

fn cost_label(l: Lang, key: &str) -> String {
    match key {
        "scenario" => tr(l, "This scenario", "Dieses Szenario"),
        "electricity_de" => tr(l, "German power price", "Deutscher Strompreis"),
        "utilization_30" => tr(l, "30 % utilisation", "30 % Auslastung"),
        "lifetime_3" => tr(l, "3-year life", "3 Jahre Nutzung"),
        "lifetime_8" => tr(l, "8-year life", "8 Jahre Nutzung"),
        _ => "",
    }
    .to_string()
}

/// $ per million tokens as stacked parts, for the scenario and one-knob variants.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let variants = Memo::new(move |_| sc.with(series::cost_variants));
    let parts = move |l: Lang| {
        [
            tr(l, "Hardware", "Hardware"),
            tr(l, "Building", "Gebäude"),
            tr(l, "Electricity", "Strom"),
            tr(l, "Other", "Sonstiges"),
        ]
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            let rows: Vec<(String, crate::model::cost::CostBreakdown)> =
                v.iter().map(|(k, b)| (cost_label(l, k), *b)).collect();
            render_svg((width.get(), HEIGHT), |a| {
                charts::cost_breakdown::draw(
                    a,
                    &rows,
                    parts(l),
                    tr(
                        l,
                        "$ per million output tokens",
                        "$ pro Million Ausgabetoken",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            v.first()
                .map(|(_, b)| {
                    format!(
                        "{} {} $: {} {} $, {} {} $.",
                        tr(
                            l,
                            "Cost per million output tokens",
                            "Kosten pro Million Ausgabetoken"
                        ),
                        num(l, b.total),
                        tr(l, "hardware", "Hardware"),
                        num(l, b.hardware),
                        tr(l, "electricity", "Strom"),
                        num(l, b.electricity)
                    )
                })
                .unwrap_or_default()
        })
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        let p = parts(l);
        vec![
            tr(l, "Case", "Fall").to_string(),
            p[0].into(),
            p[1].into(),
            p[2].into(),
            p[3].into(),
            tr(l, "Total", "Summe").into(),
        ]
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        variants.with(|v| {
            v.iter()
                .map(|(k, b)| {
                    vec![
                        cost_label(l, k),
                        num(l, b.hardware),
                        num(l, b.facility),
                        num(l, b.electricity),
                        num(l, b.other),
                        num(l, b.total),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="cost-breakdown" summary svg headers rows height=HEIGHT/> }
}

/// $ per million tokens against the electricity price at three utilisations.
#[component]
pub fn CostSensitivity() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let key = Memo::new(move |_| {
        sc.with(|s| {
            let mut k = s.clone();
            k.usd_per_kwh = 0.0;
            k.facility_mw = 1.0;
            k.usd_per_mtok = 1.0;
            k
        })
    });
    let lines = Memo::new(move |_| key.with(series::cost_vs_electricity));
    let current = Memo::new(move |_| {
        (
            sc.with(|s| s.usd_per_kwh),
            out.with(|o| o.serving.usd_per_million_output_tokens),
        )
    });
    let svg = Signal::derive(move || {
        let l = lang.get();
        let fmt_u = move |u: f64| {
            format!(
                "{} {} %",
                tr(l, "utilisation", "Auslastung"),
                num(l, u * 100.0)
            )
        };
        let labels = charts::cost_sensitivity::Labels {
            x_axis: tr(l, "Electricity price ($/kWh)", "Strompreis ($/kWh)"),
            y_axis: tr(
                l,
                "$ per million output tokens",
                "$ pro Million Ausgabetoken",
            ),
            utilization: &fmt_u,
        };
        lines.with(|ln| {
            render_svg((width.get(), HEIGHT), |a| {
                charts::cost_sensitivity::draw(a, ln, Some(current.get()), &labels, &look.get())
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Cost per million tokens rises only slowly with the electricity price; utilisation matters more.",
        "Die Kosten pro Million Token steigen mit dem Strompreis nur langsam; die Auslastung wiegt schwerer.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Utilisation", "Auslastung"),
            tr(l, "$/kWh", "$/kWh"),
            tr(l, "$ per million tokens", "$ pro Mio. Token"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        lines.with(|ln| {
            ln.iter()
                .flat_map(|(u, pts)| {
                    pts.iter().map(move |(p, c)| {
                        vec![format!("{} %", num(l, u * 100.0)), num(l, *p), num(l, *c)]
                    })
                })
                .collect()
        })
    });
    view! { <Frame name="cost-sensitivity" summary svg headers rows height=HEIGHT/> }
}

/// The factory's annual electricity beside references.
#[component]
pub fn Scale() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let ours = Memo::new(move |_| out.with(|o| o.factory.energy_gwh_per_year / 1000.0));
    // Stargate Abilene at this configuration: the same per-MW energy, scaled to 1.2 GW.
    let abilene = Memo::new(move |_| {
        out.with(|o| {
            o.factory.energy_gwh_per_year / 1000.0 / o.factory.facility_mw.max(1e-9) * 1200.0
        })
    });
    let rows_data = Memo::new(move |_| {
        let c = crate::data::catalogue();
        vec![
            ("ours", ours.get(), 0usize),
            ("abilene", abilene.get(), 3),
            ("us_dc", 176.0, 1),
            ("de", c.constant("de_electricity_twh_per_year"), 2),
            ("us", c.constant("us_electricity_twh_per_year"), 2),
        ]
    });
    let name = move |l: Lang, k: &str| {
        match k {
            "ours" => tr(l, "This factory", "Diese Fabrik"),
            "abilene" => tr(
                l,
                "Stargate Abilene, 1.2 GW (this config.)",
                "Stargate Abilene, 1,2 GW (diese Konfig.)",
            ),
            "us_dc" => tr(
                l,
                "All US data centres, 2023",
                "Alle US-Rechenzentren, 2023",
            ),
            "de" => tr(l, "Germany, all electricity", "Deutschland, gesamter Strom"),
            _ => tr(l, "USA, all electricity", "USA, gesamter Strom"),
        }
        .to_string()
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        rows_data.with(|r| {
            let rows: Vec<(String, f64, usize)> =
                r.iter().map(|(k, v, c)| (name(l, k), *v, *c)).collect();
            render_svg((width.get(), 300), |a| {
                charts::scale::draw(
                    a,
                    &rows,
                    tr(
                        l,
                        "Electricity per year (TWh, log scale)",
                        "Strom pro Jahr (TWh, log.)",
                    ),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        format!(
            "{} {} TWh.",
            tr(
                lang.get(),
                "This factory uses per year",
                "Diese Fabrik verbraucht pro Jahr"
            ),
            num(lang.get(), ours.get())
        )
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[tr(l, "What", "Was"), tr(l, "TWh per year", "TWh pro Jahr")])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        rows_data.with(|r| {
            r.iter()
                .map(|(k, v, _)| vec![name(l, k), num(l, *v)])
                .collect()
        })
    });
    view! { <Frame name="scale" summary svg headers rows height=300/> }
}

/// Export-limited chips against H100 and Ascend, MoE against dense.
#[component]
pub fn ExportChips() -> impl IntoView {
    let ScenarioCtx(sc) = expect_context::<ScenarioCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let key = Memo::new(move |_| {
        sc.with(|s| {
            let mut k: Scenario = s.clone();
            k.gpu.clear();
            k.model.clear();
            k.facility_mw = 1.0;
            k.usd_per_mtok = 1.0;
            k.gpus_per_replica = 1;
            k
        })
    });
    let points = Memo::new(move |_| key.with(series::export_chips));
    let svg = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            render_svg((width.get(), HEIGHT), |a| {
                charts::export_chips::draw(
                    a,
                    p,
                    [
                        tr(
                            l,
                            "Output tokens per kJ, all-in (log)",
                            "Ausgabetoken pro kJ, gesamt (log.)",
                        ),
                        tr(l, "Output tokens per $ (log)", "Ausgabetoken pro $ (log.)"),
                    ],
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Tokens per kilojoule and per dollar on H100, H800, H20 and Huawei Ascend, for DeepSeek-R1 and a dense 70B model.",
        "Token pro Kilojoule und pro Dollar auf H100, H800, H20 und Huawei Ascend, für DeepSeek-R1 und ein dichtes 70B-Modell.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Chip", "Chip"),
            tr(l, "Model", "Modell"),
            tr(l, "Tokens per kJ", "Token pro kJ"),
            tr(l, "Tokens per $", "Token pro $"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        points.with(|p| {
            p.iter()
                .map(|x| {
                    vec![
                        x.gpu_label.clone(),
                        x.model_label.clone(),
                        num(l, x.tokens_per_kj),
                        num(l, x.tokens_per_usd),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="export-chips" summary svg headers rows height=HEIGHT/> }
}

/// Where one GPU slot's watts go.
#[component]
pub fn PowerSplit() -> impl IntoView {
    let OutcomeCtx(out) = expect_context::<OutcomeCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let split = Memo::new(move |_| out.with(|o| o.power));
    let parts = move |l: Lang| {
        [
            tr(l, "GPU idle", "GPU Leerlauf"),
            tr(l, "GPU memory traffic", "GPU Speicherzugriffe"),
            tr(l, "GPU arithmetic", "GPU Rechenwerke"),
            tr(l, "Host: CPU, network, fans", "Host: CPU, Netz, Lüfter"),
            tr(l, "Cooling and losses (PUE)", "Kühlung und Verluste (PUE)"),
        ]
    };
    let svg = Signal::derive(move || {
        let l = lang.get();
        let rows = vec![(
            tr(l, "One GPU slot", "Ein GPU-Platz").to_string(),
            split.get(),
        )];
        render_svg((width.get(), 240), |a| {
            charts::power_split::draw(
                a,
                &rows,
                parts(l),
                tr(l, "Watts while serving", "Watt im Betrieb"),
                &look.get(),
            )
        })
    });
    let summary = Signal::derive(move || {
        let l = lang.get();
        let p = split.get();
        format!(
            "{} {} W: {} {} W.",
            tr(l, "One GPU slot draws", "Ein GPU-Platz zieht"),
            num(l, p.total_w),
            tr(l, "of which the GPU board", "davon die GPU-Platine"),
            num(l, p.gpu_idle_w + p.gpu_memory_w + p.gpu_compute_w)
        )
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[tr(l, "Part", "Anteil"), tr(l, "Watts", "Watt")])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        let p = split.get();
        let n = parts(l);
        vec![
            (n[0], p.gpu_idle_w),
            (n[1], p.gpu_memory_w),
            (n[2], p.gpu_compute_w),
            (n[3], p.host_w),
            (n[4], p.cooling_and_losses_w),
        ]
        .into_iter()
        .map(|(a, b)| vec![a.to_string(), num(l, b)])
        .collect()
    });
    view! { <Frame name="power-split" summary svg headers rows height=240/> }
}

/// The model against the calibration set.
#[component]
pub fn Calibration() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let look = look();
    let WidthCtx(width) = expect_context::<WidthCtx>();
    let cmp = Memo::new(move |_| compare(&Physics::from_catalogue()));
    let svg = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            render_svg((width.get(), 620), |a| {
                charts::calibration::draw(
                    a,
                    c,
                    [
                        tr(l, "used in the fit", "in der Anpassung"),
                        tr(l, "held out", "zurückgehalten"),
                        tr(l, "known limitation", "bekannte Grenze"),
                    ],
                    tr(l, "Model ÷ measured (log scale)", "Modell ÷ Messung (log.)"),
                    &look.get(),
                )
            })
        })
    });
    let summary = Signal::derive(move || {
        tr(lang.get(),
        "Model divided by measurement for each published measurement; most lie within a factor 1.75.",
        "Modell geteilt durch Messung für jede veröffentlichte Messung; die meisten liegen innerhalb eines Faktors 1,75.").to_string()
    });
    let headers = Signal::derive(move || {
        let l = lang.get();
        strs(&[
            tr(l, "Row", "Zeile"),
            tr(l, "Split", "Rolle"),
            tr(l, "Measured", "Gemessen"),
            tr(l, "Model", "Modell"),
            tr(l, "Ratio", "Verhältnis"),
            tr(l, "Source", "Quelle"),
        ])
    });
    let rows = Signal::derive(move || {
        let l = lang.get();
        cmp.with(|c| {
            c.iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.split.clone(),
                        num(l, r.measured),
                        num(l, r.model),
                        num(l, r.ratio),
                        r.source.clone(),
                    ]
                })
                .collect()
        })
    });
    view! { <Frame name="calibration" summary svg headers rows height=620/> }
}
