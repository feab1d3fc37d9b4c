//! The default pipeline and each cleaner alone, over a sample of the
//! development corpus and over the seed articles, beside two reference runs
//! over the same bytes (a `memchr` line count and a case-insensitive
//! Aho-Corasick scan for boilerplate phrases), so that every figure reads
//! as a ratio to this machine's speed that day.
//!
//! `cargo bench --bench pipeline`

mod common;

use std::hint::black_box;

use common::{Page, add_references};
use criterion::Criterion;
use newsclean::eval::{Score, Summary};
use newsclean::{Pipeline, cleaners};

fn clean_all(pipeline: &Pipeline, texts: &[&str]) -> usize {
    texts
        .iter()
        .map(|text| pipeline.clean(text).body().len())
        .sum()
}

/// The mean-score F1 of `pipeline` on `pages`, as `newsclean eval` gives it.
fn f1(pages: &[Page], clean: impl Fn(&str) -> String) -> f64 {
    let mut summary = Summary::default();
    for page in pages {
        summary.add(&Score::of(&clean(&page.raw), &page.gold));
    }
    summary.f1()
}

/// Each built-in cleaner alone, after checking that it changes some of
/// `pages`.
fn bench_cleaners(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    pages: &[Page],
) {
    let texts: Vec<&str> = pages.iter().map(|p| p.raw.as_str()).collect();
    for cleaner in cleaners::news() {
        let name = cleaner.name();
        let pipeline = Pipeline::builder()
            .cleaners([cleaner])
            .build()
            .expect("one cleaner builds");
        let changed = texts
            .iter()
            .filter(|text| pipeline.clean(text).body() != **text)
            .count();
        assert!(changed > 0, "{name} changes none of the pages");
        group.bench_function(format!("cleaner/{name}"), |b| {
            b.iter(|| clean_all(&pipeline, black_box(&texts)));
        });
    }
}

fn corpus_sample(c: &mut Criterion) {
    let pages = common::corpus_sample();
    let texts: Vec<&str> = pages.iter().map(|p| p.raw.as_str()).collect();
    let pipeline = Pipeline::news();

    let kept = f1(&pages, str::to_owned);
    let cleaned = f1(&pages, |raw| pipeline.clean(raw).body().to_owned());
    assert!(
        cleaned > kept,
        "the pipeline scores F1 {cleaned:.4} on the sample, keeping every line {kept:.4}"
    );
    let removals = || -> usize {
        texts
            .iter()
            .map(|text| pipeline.clean(text).removals().len())
            .sum()
    };
    assert_eq!(removals(), removals(), "cleaning is deterministic");

    let mut group = c.benchmark_group("corpus-sample");
    let phrases = add_references(&mut group, &texts, "");
    assert!(phrases > 0);
    group.bench_function("pipeline/news", |b| {
        b.iter(|| clean_all(&pipeline, black_box(&texts)));
    });
    bench_cleaners(&mut group, &pages);
    group.finish();
}

fn fixtures(c: &mut Criterion) {
    let pages = common::fixtures();
    let texts: Vec<&str> = pages.iter().map(|p| p.raw.as_str()).collect();
    let pipeline = Pipeline::news();
    for page in &pages {
        assert_eq!(
            pipeline.clean(&page.raw).body(),
            page.gold.trim_end_matches('\n'),
            "{}: the body differs from fixtures/articles/{}.body.txt",
            page.name,
            page.name
        );
    }

    let mut group = c.benchmark_group("fixtures");
    add_references(&mut group, &texts, "");
    group.bench_function("pipeline/news", |b| {
        b.iter(|| clean_all(&pipeline, black_box(&texts)));
    });
    bench_cleaners(&mut group, &pages);
    group.finish();
}

fn beyond_ascii(c: &mut Criterion) {
    let pages = common::beyond_ascii();
    let texts: Vec<&str> = pages.iter().map(|p| p.raw.as_str()).collect();
    let pipeline = Pipeline::news();
    // The story's paragraphs, its only long lines, all stay.
    let paragraphs = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.chars().count() > 30)
            .map(str::to_owned)
            .collect()
    };
    for page in &pages {
        let cleaned = pipeline.clean(&page.raw);
        assert_eq!(
            paragraphs(cleaned.body()),
            paragraphs(&page.raw),
            "{}: the paragraphs differ",
            page.name
        );
    }

    let mut group = c.benchmark_group("beyond-ascii");
    add_references(&mut group, &texts, "");
    group.bench_function("pipeline/news", |b| {
        b.iter(|| clean_all(&pipeline, black_box(&texts)));
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    corpus_sample(&mut c);
    fixtures(&mut c);
    beyond_ascii(&mut c);
    c.final_summary();
}
