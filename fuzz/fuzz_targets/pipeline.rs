//! The text pipeline on documents built from the fixtures' lines and
//! arbitrary text: every invariant of `tests/invariants.rs` must hold.
//!
//! `cargo fuzz run -s none pipeline`; `cargo fuzz fmt -s none pipeline FILE`
//! prints a found input as the text and favor to paste into
//! `tests/fuzz_regressions.rs`.

#![no_main]

use std::fmt;
use std::sync::LazyLock;

use arbitrary::Arbitrary;
use case_lines::case_lines;
use libfuzzer_sys::fuzz_target;
use newsclean::{Favor, Pipeline};

#[path = "../common/case_lines.rs"]
mod case_lines;

#[path = "../../tests/invariants.rs"]
mod invariants;

/// Longer documents are skipped: they find nothing new, only slower.
const MAX_BYTES: usize = 16 * 1024;

/// The lines of the cleaners' cases, kept and dropped: real boilerplate,
/// real prose and their near misses.
static KNOWN_LINES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    case_lines(&[
        include_str!("../../fixtures/cleaners/ad-markers.cases"),
        include_str!("../../fixtures/cleaners/captions.cases"),
        include_str!("../../fixtures/cleaners/main-content.cases"),
        include_str!("../../fixtures/cleaners/media.cases"),
        include_str!("../../fixtures/cleaners/metadata.cases"),
        include_str!("../../fixtures/cleaners/normalize.cases"),
        include_str!("../../fixtures/cleaners/paywall.cases"),
        include_str!("../../fixtures/cleaners/related-links.cases"),
        include_str!("../../fixtures/cleaners/repeated-lines.cases"),
        include_str!("../../fixtures/cleaners/site-chrome.cases"),
        include_str!("../../fixtures/cleaners/trailing-stories.cases"),
    ])
});

#[derive(Arbitrary)]
enum Line {
    /// One of [`KNOWN_LINES`].
    Known(u16),
    /// Anything.
    Text(String),
    /// A known line with arbitrary text put in at a byte offset (moved to
    /// the next char boundary).
    Mixed(u16, u16, String),
}

#[derive(Arbitrary)]
struct Input {
    lines: Vec<Line>,
    crlf: bool,
    favor: u8,
}

impl Input {
    fn text(&self) -> String {
        let known = |k: u16| KNOWN_LINES[usize::from(k) % KNOWN_LINES.len()];
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|line| match line {
                Line::Known(k) => known(*k).to_owned(),
                Line::Text(text) => text.clone(),
                Line::Mixed(k, at, text) => {
                    let mut line = known(*k).to_owned();
                    let mut at = usize::from(*at) % (line.len() + 1);
                    while !line.is_char_boundary(at) {
                        at += 1;
                    }
                    line.insert_str(at, text);
                    line
                }
            })
            .collect();
        lines.join(if self.crlf { "\r\n" } else { "\n" })
    }

    fn favor(&self) -> Favor {
        match self.favor % 3 {
            0 => Favor::Balanced,
            1 => Favor::Precision,
            _ => Favor::Recall,
        }
    }
}

/// The document itself, ready to paste into a test.
impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input")
            .field("favor", &self.favor())
            .field("text", &self.text())
            .finish()
    }
}

fuzz_target!(|input: Input| {
    let text = input.text();
    if text.len() > MAX_BYTES {
        return;
    }
    let pipeline = Pipeline::news().favor(input.favor());
    if let Err(broken) = invariants::check_cleaning(&pipeline, &text) {
        panic!("{broken}\n{input:?}");
    }
});
