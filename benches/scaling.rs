//! The default pipeline on inputs grown tenfold and a hundredfold, to show
//! that time grows linearly with the input: each input at three sizes,
//! with the reference runs over the same bytes. Linear time shows as equal
//! throughput at the sizes.
//!
//! The time steps where an input's tables leave the caches, at the second
//! size for some inputs and the third for others; the `memchr` line count,
//! which builds no tables, slows there too, as the input itself leaves
//! them. Between two sizes both past the caches, the time grows at the
//! rate the work does. The largest inputs take several seconds a cleaning
//! and a few gigabytes of memory, and the bench about eight minutes in all.
//!
//! `cargo bench --bench scaling`

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::add_references;
use common::grown::{PROSE, SHORT, ad_markers, headlines, one_line, short_lines};
use criterion::{BenchmarkId, Criterion, Throughput};
use newsclean::Pipeline;

/// A grown input: its name, what makes it at a size, and its three sizes,
/// each with a label.
struct Grown {
    name: &'static str,
    make: fn(usize) -> String,
    sizes: [(&'static str, usize); 3],
    /// Checks the pipeline's result on one size, before it is timed.
    check: fn(&str, &newsclean::Cleaned<'_>),
}

fn inputs() -> Vec<Grown> {
    vec![
        Grown {
            name: "one-line",
            make: one_line,
            sizes: [
                ("1MB", 1_000_000),
                ("10MB", 10_000_000),
                ("100MB", 100_000_000),
            ],
            check: |text, cleaned| {
                assert_eq!(cleaned.body(), text, "one line of prose stays whole");
                assert!(cleaned.removals().is_empty());
            },
        },
        Grown {
            name: "short-lines",
            make: short_lines,
            sizes: [("100k", 100_000), ("1M", 1_000_000), ("10M", 10_000_000)],
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
            make: ad_markers,
            sizes: [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)],
            check: |text, cleaned| {
                assert_eq!(cleaned.body(), format!("{PROSE}\n{PROSE}"));
                assert_eq!(cleaned.removals().len(), text.lines().count() - 2);
                assert!(cleaned.removals().iter().all(|r| r.cleaner == "ad-markers"));
            },
        },
        Grown {
            name: "headlines",
            make: headlines,
            sizes: [("100k", 100_000), ("1M", 1_000_000), ("10M", 10_000_000)],
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
        // One size at a time: the largest take gigabytes.
        for (label, size) in input.sizes {
            let text = (input.make)(size);
            (input.check)(&text, &pipeline.clean(&text));
            add_references(&mut group, &[text.as_str()], label);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("pipeline", label), &text, |b, text| {
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
