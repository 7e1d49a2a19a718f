//! The controls section of the built page: presets, the generation timeline, the pickers
//! (each with only its chosen option) and a slider for every knob of the parameter table.

use super::*;

/// The controls as the app lays them out, set to scenario `s` (they need the app to move).
pub(super) fn controls(h: &mut String, l: Lang, s: &Scenario) {
    let (presets_label, reset_all) = words::presets_words(l);
    let _ = write!(
        h,
        "<section id=\"controls\" class=\"controls-section\" aria-labelledby=\"h-controls\"><h2 id=\"h-controls\">{}</h2><div class=\"presets\" role=\"group\" aria-label=\"{}\">",
        esc(words::controls_title(l)),
        esc(presets_label)
    );
    // Without their hover text (the app adds it): it shows only on a button that needs the app.
    for p in &catalogue().presets {
        let title = if l == Lang::De {
            &p.title_de
        } else {
            &p.title_en
        };
        let _ = write!(
            h,
            "<button type=\"button\" class=\"preset\" data-preset=\"{}\">{}</button>",
            esc(&p.id),
            esc(title)
        );
    }
    let _ = write!(
        h,
        "<button type=\"button\" class=\"preset reset-all\" data-preset=\"default\">{}</button></div><div class=\"controls\">",
        esc(reset_all)
    );
    timeline(h, l, s);
    pickers(h, l, s);
    sliders(h, l, s);
    let _ = write!(
        h,
        "</div><button type=\"button\" class=\"preset\" data-export=\"scenario-json\">{}</button></section>",
        esc(words::scenario_json(l))
    );
}

/// The generation timeline: a slider over the chips of `words::TIMELINE`, and its play button.
fn timeline(h: &mut String, l: Lang, s: &Scenario) {
    let [label, ..] = words::control_labels(l);
    let pos = words::TIMELINE
        .iter()
        .position(|g| *g == s.gpu)
        .unwrap_or(3);
    let generation = catalogue()
        .gpu(&s.gpu)
        .map(|g| format!("{} ({})", g.short, g.year))
        .unwrap_or_default();
    let (first, last) = words::carbon::decade();
    let _ = write!(
        h,
        "<div class=\"control timeline\" data-control=\"timeline\"><label for=\"ctl-timeline\">{}: <output for=\"ctl-timeline\">{}</output></label><input type=\"range\" id=\"ctl-timeline\" min=\"0\" max=\"{}\" step=\"1\" value=\"{pos}\"><button type=\"button\" class=\"play\" data-play=\"play\" aria-pressed=\"false\"><span aria-hidden=\"true\">▶ </span>{}</button></div>",
        esc(label),
        esc(&generation),
        words::TIMELINE.len() - 1,
        esc(&words::carbon::play_words(l, first, last).0)
    );
}

/// A picker with only the chosen option: its size does not depend on the others, and without
/// the app it cannot change (the app builds the full list).
fn select(h: &mut String, key: &str, label: &str, options: Vec<(String, String)>, current: &str) {
    let _ = write!(
        h,
        "<div class=\"control\" data-control=\"{key}\"><label for=\"ctl-{key}\">{}</label><select id=\"ctl-{key}\">",
        esc(label)
    );
    for (value, text) in options.into_iter().filter(|(v, _)| v == current) {
        let _ = write!(
            h,
            "<option value=\"{}\" selected>{}</option>",
            esc(&value),
            esc(&text)
        );
    }
    h.push_str("</select></div>");
}

/// The pickers: chip, model, precision, engine and grid.
fn pickers(h: &mut String, l: Lang, s: &Scenario) {
    let c = catalogue();
    let [_, chip, model, precision] = words::control_labels(l);
    select(
        h,
        "gpu",
        chip,
        c.gpus
            .iter()
            .map(|g| {
                (
                    g.id.clone(),
                    format!("{} ({}, {})", g.name, g.vendor, g.year),
                )
            })
            .collect(),
        &s.gpu,
    );
    select(
        h,
        "model",
        model,
        c.models
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        &s.model,
    );
    select(
        h,
        "precision",
        precision,
        c.gpu(&s.gpu)
            .map(Precision::supported)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.as_str().to_string(), p.as_str().to_ascii_uppercase()))
            .collect(),
        s.precision.as_str(),
    );
    let (engine, best) = words::engine_words(l);
    let engines = std::iter::once((fabrik::model::BEST_ENGINE.to_string(), best.to_string()))
        .chain(c.engines.iter().map(|e| (e.id.clone(), e.name.clone())))
        .collect();
    select(h, "engine", engine, engines, &s.engine);
    let grid_now = if s.grid_g_per_kwh.is_some() {
        "custom"
    } else {
        s.grid.as_str()
    };
    select(
        h,
        "grid-name",
        words::carbon::grid_label(l),
        c.grids
            .iter()
            .map(|g| (g.id.clone(), words::carbon::grid_option(l, g)))
            .chain(std::iter::once((
                "custom".to_string(),
                words::carbon::custom_grid(l).to_string(),
            )))
            .collect(),
        grid_now,
    );
}

/// A slider for every knob of the parameter table's panel, with its value, unit and reset.
fn sliders(h: &mut String, l: Lang, s: &Scenario) {
    for spec in PARAMS.iter().filter(|p| p.panel) {
        let (label, unit) = if l == Lang::De {
            (spec.label.1, spec.unit.1)
        } else {
            (spec.label.0, spec.unit.0)
        };
        let v = spec.value(s);
        let shown = plain(l, v);
        let _ = write!(
            h,
            "<div class=\"control\" data-control=\"{key}\"><label for=\"ctl-{key}\">{}: <output for=\"ctl-{key}\">{}</output> {}</label><input type=\"range\" id=\"ctl-{key}\" min=\"0\" max=\"1000\" step=\"1\" value=\"{}\" aria-valuetext=\"{}\"><button type=\"button\" class=\"reset\" aria-label=\"{}\">↺</button></div>",
            esc(label),
            esc(&shown),
            esc(unit),
            spec.to_slider(v),
            esc(format!("{shown} {unit}").trim_end()),
            esc(&format!("{} {label}", words::reset_word(l))),
            key = spec.key
        );
    }
}
