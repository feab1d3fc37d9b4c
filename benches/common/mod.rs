//! What the benches share: their inputs, and the reference runs every
//! figure is read against.

#![allow(dead_code)] // Each bench uses part of it.

pub mod grown;

use std::fs;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Throughput};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A text to clean, with the body it should give where one is known.
pub struct Page {
    pub name: String,
    pub raw: String,
    pub gold: String,
}

/// The pages of `benches/data/`: a sample of the development corpus, with
/// their gold text (see `benches/data/README.md`).
pub fn corpus_sample() -> Vec<Page> {
    let dir = repo().join("benches/data");
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.join("raw.txt").is_file())
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 60,
        "benches/data holds {} pages",
        pages.len()
    );
    pages
        .into_iter()
        .map(|path| Page {
            name: path
                .file_name()
                .expect("named")
                .to_string_lossy()
                .into_owned(),
            raw: read(&path.join("raw.txt")),
            gold: read(&path.join("gold.txt")),
        })
        .collect()
}

/// The pages of `benches/beyond-ascii/`, in Japanese, Chinese and Korean,
/// without gold text (see the README there).
pub fn beyond_ascii() -> Vec<Page> {
    ["ja", "zh", "ko"]
        .into_iter()
        .map(|name| Page {
            name: name.to_owned(),
            raw: read(&repo().join(format!("benches/beyond-ascii/{name}.txt"))),
            gold: String::new(),
        })
        .collect()
}

/// The seed articles of `fixtures/articles/`, with their expected bodies.
pub fn fixtures() -> Vec<Page> {
    let dir = repo().join("fixtures/articles");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|name| {
            let stem = name.strip_suffix(".txt")?;
            (!stem.ends_with(".body")).then(|| stem.to_owned())
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no articles in {}", dir.display());
    names
        .into_iter()
        .map(|name| Page {
            raw: read(&dir.join(format!("{name}.txt"))),
            gold: read(&dir.join(format!("{name}.body.txt"))),
            name,
        })
        .collect()
}

pub fn bytes(texts: &[&str]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

/// The boilerplate lines the cleaners must drop, from the `drop |` lines of
/// `fixtures/cleaners/*.cases`: the phrases of the reference scan.
pub fn boilerplate_phrases() -> Vec<String> {
    let dir = repo().join("fixtures/cleaners");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "cases"))
        .collect();
    files.sort();
    let mut phrases: Vec<String> = files
        .iter()
        .flat_map(|path| {
            read(path)
                .lines()
                .filter_map(|line| line.strip_prefix("drop | "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    phrases.sort();
    phrases.dedup();
    assert!(phrases.len() >= 50, "only {} phrases", phrases.len());
    phrases
}

/// Line count with `memchr`: how fast this machine reads the bytes today.
pub fn count_lines(texts: &[&str]) -> usize {
    texts
        .iter()
        .map(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count())
        .sum()
}

/// One case-insensitive multi-phrase scan: how fast a plain search for
/// boilerplate goes.
pub fn count_phrases(scanner: &AhoCorasick, texts: &[&str]) -> usize {
    texts.iter().map(|t| scanner.find_iter(t).count()).sum()
}

pub fn phrase_scanner() -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(boilerplate_phrases())
        .expect("phrases build")
}

/// Adds the two reference runs over `texts` to `group`, after checking
/// what they find; `label` tells apart the inputs of one group (`""` when
/// there is one). Returns how many boilerplate phrases the scan finds.
pub fn add_references(
    group: &mut BenchmarkGroup<'_, WallTime>,
    texts: &[&str],
    label: &str,
) -> usize {
    let id = |name: &str| {
        if label.is_empty() {
            format!("reference/{name}")
        } else {
            format!("reference/{name}/{label}")
        }
    };
    group.throughput(Throughput::Bytes(bytes(texts)));

    let lines = count_lines(texts);
    let naive: usize = texts.iter().map(|t| t.matches('\n').count()).sum();
    assert_eq!(lines, naive, "memchr counts the newlines");
    group.bench_function(id("memchr-lines"), |b| {
        b.iter(|| count_lines(std::hint::black_box(texts)));
    });

    let scanner = phrase_scanner();
    let found = count_phrases(&scanner, texts);
    let lowered: Vec<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
    let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
    assert_eq!(
        found,
        count_phrases(&scanner, &lowered),
        "the scan ignores ASCII case"
    );
    group.bench_function(id("aho-corasick"), |b| {
        b.iter(|| count_phrases(&scanner, std::hint::black_box(texts)));
    });
    found
}
