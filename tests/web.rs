//! Browser tests: components mounted in headless Chromium, an input changes the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    // Leptos effects run on the microtask queue: yield to the browser once.
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Mounts the app into a fresh container (removing an earlier test's), so each test reads
/// only its own page and the test runner's own output in the body stays intact.
fn mount_fresh() {
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    let host = document().create_element("div").unwrap();
    host.set_id("app-under-test");
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.unchecked_into(), fabrik::ui::App).forget();
}

fn text_of(sel: &str) -> String {
    document()
        .query_selector(sel)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn moving_the_interactivity_slider_changes_the_figures_and_the_chart() {
    mount_fresh();
    tick().await;
    // Charts draw only near the viewport: bring this one into view first.
    if let Some(fig) = document()
        .query_selector("[data-chart=\"energy-by-generation\"]")
        .ok()
        .flatten()
    {
        fig.scroll_into_view();
    }
    tick().await;
    tick().await;
    let before_fig = text_of("[data-figure=\"gpu-j-per-token\"] .value");
    let before_svg = text_of("[data-chart=\"energy-by-generation\"]");
    assert!(!before_fig.is_empty(), "figure rendered");
    assert!(
        before_svg.contains("H100"),
        "chart rendered with axis labels"
    );

    let input: web_sys::HtmlInputElement = document()
        .query_selector("[data-control=\"tps_user\"] input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("950");
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    tick().await;

    let after_fig = text_of("[data-figure=\"gpu-j-per-token\"] .value");
    assert_ne!(before_fig, after_fig, "energy per token follows the slider");
    let label = text_of("[data-control=\"tps_user\"] output");
    assert!(!label.is_empty());
}

#[wasm_bindgen_test]
async fn choosing_another_chip_updates_the_headline() {
    mount_fresh();
    tick().await;
    let before = text_of("[data-figure=\"usd-per-mtok\"] .value");
    let select: web_sys::HtmlSelectElement = document()
        .query_selector("#ctl-gpu")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("b200");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_ne!(before, text_of("[data-figure=\"usd-per-mtok\"] .value"));
}
