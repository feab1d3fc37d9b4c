//! The size-grown inputs: the scaling bench times them, and the tests
//! check what the pipeline makes of them.

#![allow(dead_code)] // The tests use part of it.

pub const PROSE: &str =
    "The council approved the budget on Tuesday after a debate that lasted well into the evening.";

/// Prose in one line of at least `bytes` bytes.
pub fn one_line(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + PROSE.len());
    while text.len() < bytes {
        text.push_str(PROSE);
        text.push(' ');
    }
    text.pop();
    text
}

/// Menu buttons, dropped, and short lines of no known kind, kept.
pub const BUTTONS: &[&str] = &["Share", "Menu", "Log in", "Home", "Play video"];
pub const SHORT: &[&str] = &["Sport news", "World cup", "Weather today", "Page 12"];

/// `n` short lines, buttons and others in turn.
pub fn short_lines(n: usize) -> String {
    let cycle: Vec<&str> = BUTTONS.iter().chain(SHORT).copied().collect();
    (0..n)
        .map(|i| cycle[i % cycle.len()])
        .collect::<Vec<_>>()
        .join("\n")
}

/// `n` ad markers in a row, between two paragraphs.
pub fn ad_markers(n: usize) -> String {
    let mut text = format!("{PROSE}\n");
    for _ in 0..n {
        text.push_str("- Advertisement -\n");
    }
    text.push_str(PROSE);
    text
}

/// `n` headline-like lines (no two alike in a row, few alike at all) above
/// one paragraph, and a footer link that makes it a page (which
/// main-content reads).
pub fn headlines(n: usize) -> String {
    const WHO: &[&str] = &[
        "Markets", "Council", "Minister", "Police", "Storm", "Court", "Union",
    ];
    const DO: &[&str] = &[
        "slide", "approves", "rejects", "warns", "hits", "backs", "delays", "opens", "closes",
        "plans", "blocks",
    ];
    const WHICH: &[&str] = &[
        "new", "the", "a", "another", "fresh", "major", "local", "rival", "second", "early",
        "late", "final", "key",
    ];
    const WHAT: &[&str] = &[
        "bridge plan",
        "rate rise",
        "coast road",
        "trade deal",
        "school budget",
    ];
    let mut text = String::new();
    for i in 0..n {
        let line = [
            WHO[i % WHO.len()],
            DO[i % DO.len()],
            WHICH[i % WHICH.len()],
            WHAT[i % WHAT.len()],
        ]
        .join(" ");
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(PROSE);
    text.push_str("\nPrivacy policy");
    text
}
