//! Runs the crate's own `fabrik-cli` binary (the one Cargo builds for the integration tests)
//! with the given arguments and returns its standard output, failing the test if it exits
//! non-zero. Included with `#[path]`.

/// `fabrik-cli ARGS…`: its stdout; panics (failing the test) on a non-zero exit.
pub fn cli(args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fabrik-cli"))
        .args(args)
        .output()
        .expect("fabrik-cli runs");
    assert!(
        out.status.success(),
        "fabrik-cli {args:?}: exit {:?}",
        out.status
    );
    out.stdout
}
