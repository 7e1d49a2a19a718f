//! The web app's entry point: mounts the page, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(fabrik::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fabrik is a web app: run `make serve`. For figures on the command line: fabrik-cli");
    std::process::exit(2);
}
