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
use common::grown::{PROSE, SHORT, ad_markers, headlines, one_line, short_lines};
use criterion::{BenchmarkId, Criterion, Throughput};
use newsclean::Pipeline;

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
