//! The web app's entry point: mounts the page, nothing else.

/// Talc instead of Rust's default dlmalloc: a smaller allocator in the wasm, and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic (which must not happen) logs to the console and tells the reader, with a link
    // to reload with the default scenario, instead of leaving a frozen page.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        fabrik::ui::show_panic_notice();
    }));
    // Mounts the app in place of the page built with the site (the default view).
    fabrik::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fabrik is a web app: run `make serve`. For figures on the command line: fabrik-cli");
    std::process::exit(2);
}
