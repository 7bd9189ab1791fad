//! `cargo xtask fuzz [CASES]`: the property tests that fuzz every path from untrusted text to the screen
//! (`crates/paperscope-search/tests/fuzz.rs`, and the damaged index file in `index_file.rs`), run for
//! `CASES` cases each (default 200,000: a million and more in all), optimised with overflow checks on
//! (profile `fuzz`). Prints how many cases ran and how long they took. A failure prints proptest's minimal
//! input and is saved under `proptest-regressions/`, which later runs try first.

use std::time::Instant;

use crate::cmd;

/// The properties each run covers: five in `fuzz.rs`, one in `index_file.rs`.
const PROPERTIES: u64 = 6;

pub fn run(args: &[String]) -> Result<(), String> {
    let cases: u64 = match args.first() {
        Some(n) => n.parse().map_err(|_| format!("cases {n:?} is not a number"))?,
        None => 200_000,
    };
    std::env::set_var("PAPERSCOPE_FUZZ_CASES", cases.to_string());
    let started = Instant::now();
    cmd(
        "cargo",
        &[
            "test",
            "--profile",
            "fuzz",
            "-p",
            "paperscope-search",
            "--test",
            "fuzz",
            "--test",
            "index_file",
            "--",
            "--test-threads=2",
        ],
    )?;
    let took = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {} cases ({PROPERTIES} properties x {cases}) without a failure in {:.0} s (build included)",
        PROPERTIES * cases,
        took
    );
    Ok(())
}
