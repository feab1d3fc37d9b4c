//! The integration suite, linked once: fixtures, properties, the command
//! line, and the public API.

mod api;
mod cli;
mod fixtures;
mod fuzz_regressions;
#[path = "../benches/common/grown.rs"]
mod grown;
#[cfg(feature = "html")]
mod html;
mod invariants;
mod jsonl;
mod properties;

/// The pages of WCXB's development set, in `../shared` beside the
/// repository; `None`, said on stderr for `test`, when they are missing.
fn dev_corpus(test: &str) -> Option<Vec<std::path::PathBuf>> {
    use std::io::Write as _;
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wcxb-dev-articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        // Past the harness's capture of `eprintln!`: a check not run shows.
        let mut stderr = std::io::stderr();
        writeln!(stderr, "{test}: {} is missing; not run", dir.display()).unwrap();
        return None;
    };
    let mut pages: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    Some(pages)
}
