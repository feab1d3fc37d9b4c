//! HTML mode against the parser alone, on the same pages: `scraper`'s
//! `Html::parse_document`, then `clean_html` with no line cleaner (markup,
//! walk and the DOM judge), then `clean_html` with the news pipeline.
//!
//! `cargo bench --bench html`; the ratio of each time to the parser's is
//! what the extraction adds. Pages: `benches/data/html/` (README there).

// criterion's macros define public functions without docs.
#![allow(missing_docs)]

use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsclean::Pipeline;

fn pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/html");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("benches/data/html")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(fs::File::open(path).expect("page"))
                .read_to_end(&mut bytes)
                .expect("gzip");
            newsclean::html::decode(&bytes).into_owned()
        })
        .collect()
}

fn html(c: &mut Criterion) {
    let pages = pages();
    assert_eq!(pages.len(), 20, "benches/data/html holds twenty pages");
    let markup_only = Pipeline::builder().build().expect("builds");
    let news = Pipeline::news();
    // Every page gives an article before any of it is timed.
    for page in &pages {
        assert!(
            scraper::Html::parse_document(page)
                .tree
                .root()
                .has_children()
        );
        assert!(markup_only.clean_html(page).paragraphs().count() >= 3);
        assert!(news.clean_html(page).paragraphs().count() >= 2);
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("scraper_parse", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(scraper::Html::parse_document(black_box(page)));
            }
        });
    });
    group.bench_function("clean_html_markup_only", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(markup_only.clean_html(black_box(page)));
            }
        });
    });
    group.bench_function("clean_html_news", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(news.clean_html(black_box(page)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
