//! The default pipeline on inputs grown tenfold, to show that time grows
//! linearly with the input: each input at two sizes, with the reference
//! runs over the same bytes. Linear time shows as equal throughput at both
//! sizes.
//!
//! `cargo bench --bench scaling`

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::add_references;
use criterion::{BenchmarkId, Criterion, Throughput};
use newsclean::Pipeline;

const PROSE: &str =
    "The council approved the budget on Tuesday after a debate that lasted well into the evening.";

/// Prose in one line of at least `bytes` bytes.
fn one_line(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + PROSE.len());
    while text.len() < bytes {
        text.push_str(PROSE);
        text.push(' ');
    }
    text.pop();
    text
}

/// Menu buttons, dropped, and short lines of no known kind, kept.
const BUTTONS: &[&str] = &["Share", "Menu", "Log in", "Home", "Play video"];
const SHORT: &[&str] = &["Sport news", "World cup", "Weather today", "Page 12"];

/// `n` short lines, buttons and others in turn.
fn short_lines(n: usize) -> String {
    let cycle: Vec<&str> = BUTTONS.iter().chain(SHORT).copied().collect();
    (0..n)
        .map(|i| cycle[i % cycle.len()])
        .collect::<Vec<_>>()
        .join("\n")
}

/// `n` ad markers in a row, between two paragraphs.
fn ad_markers(n: usize) -> String {
    let mut text = format!("{PROSE}\n");
    for _ in 0..n {
        text.push_str("- Advertisement -\n");
    }
    text.push_str(PROSE);
    text
}

/// `n` headline-like lines (no two alike in a row, few alike at all) above
/// one paragraph.
fn headlines(n: usize) -> String {
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
    text
}

/// A grown input: its name, and its text at the small and large size with
/// a label for each.
struct Grown {
    name: &'static str,
    sizes: [(&'static str, String); 2],
    /// Checks the pipeline's result on one size, before it is timed.
    check: fn(&str, &newsclean::Cleaned<'_>),
}

fn inputs() -> Vec<Grown> {
    vec![
        Grown {
            name: "one-line",
            sizes: [("1MB", one_line(1_000_000)), ("10MB", one_line(10_000_000))],
            check: |text, cleaned| {
                assert_eq!(cleaned.body(), text, "one line of prose stays whole");
                assert!(cleaned.removals().is_empty());
            },
        },
        Grown {
            name: "short-lines",
            sizes: [
                ("100k", short_lines(100_000)),
                ("1M", short_lines(1_000_000)),
            ],
            check: |text, cleaned| {
                let kept: Vec<&str> = text.lines().filter(|l| SHORT.contains(l)).collect();
                assert_eq!(
                    cleaned.body(),
                    kept.join("\n"),
                    "buttons go, the rest stays"
                );
                assert_eq!(cleaned.removals().len(), text.lines().count() - kept.len());
            },
        },
        Grown {
            name: "ad-markers",
            sizes: [("10k", ad_markers(10_000)), ("100k", ad_markers(100_000))],
            check: |text, cleaned| {
                assert_eq!(cleaned.body(), format!("{PROSE}\n{PROSE}"));
                assert_eq!(cleaned.removals().len(), text.lines().count() - 2);
                assert!(cleaned.removals().iter().all(|r| r.cleaner == "ad-markers"));
            },
        },
        Grown {
            name: "headlines",
            sizes: [("100k", headlines(100_000)), ("1M", headlines(1_000_000))],
            check: |text, cleaned| {
                assert_eq!(cleaned.body(), PROSE, "the lines above the story go");
                assert_eq!(cleaned.removals().len(), text.lines().count() - 1);
            },
        },
    ]
}

fn scaling(c: &mut Criterion) {
    let pipeline = Pipeline::news();
    for input in inputs() {
        let mut group = c.benchmark_group(format!("scaling/{}", input.name));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        for (label, text) in &input.sizes {
            (input.check)(text, &pipeline.clean(text));
            add_references(&mut group, &[text.as_str()], label);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("pipeline", label), text, |b, text| {
                b.iter(|| pipeline.clean(black_box(text)).body().len());
            });
        }
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    scaling(&mut c);
    c.final_summary();
}
