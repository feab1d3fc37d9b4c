//! `newsclean eval`: scores the pipeline on a corpus of pages with gold text.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsclean::eval::{Score, Shingles, Summary, contains_snippet};
use newsclean::{Favor, Pipeline};
use serde::Serialize;

use crate::input::Source;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A corpus: one directory per page, each with `raw.txt` and `gold.txt`
    /// (and `meta.json` for `--snippets`).
    dir: PathBuf,

    /// Keep every line: the baseline.
    #[arg(long)]
    keep_all: bool,

    /// Weigh precision against recall where the evidence is a matter of degree.
    #[arg(long, default_value_t = Favor::Balanced)]
    favor: Favor,

    /// Write each document's scores to this file, as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,

    /// Also report the share of `must_drop` snippets removed and of
    /// `must_keep` snippets kept (from each `meta.json`), among those the
    /// page's visible text (`raw.txt`) holds.
    #[arg(long)]
    snippets: bool,

    /// Clean each page's HTML (`page.html.gz`) instead of its text.
    #[arg(long, conflicts_with = "keep_all")]
    html: bool,

    /// How many of the worst documents to list.
    #[arg(long, default_value_t = 10)]
    worst: usize,
}

/// One document's result, as `--json` writes it.
#[derive(Serialize)]
struct DocumentScore {
    id: String,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: f64,
    predicted_shingles: u64,
    gold_shingles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    must_drop_removed: Option<(usize, usize)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    must_keep_kept: Option<(usize, usize)>,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let input = if args.html { "page.html.gz" } else { "raw.txt" };
    let documents = corpus(&args.dir, input)?;
    if documents.is_empty() {
        eprintln!(
            "newsclean: {}: no documents (directories with {input} and gold.txt)",
            args.dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let pipeline = Pipeline::news().favor(args.favor);
    // Compiled once per process, apart from the pages' cleaning: timed and
    // reported apart.
    let started = Instant::now();
    if !args.keep_all {
        Pipeline::prepare();
    }
    let prepare = started.elapsed();
    let mut summary = Summary::default();
    let mut scores = Vec::with_capacity(documents.len());
    let mut cleaning = Duration::ZERO;
    let mut bytes = 0u64;
    let (mut drops, mut keeps) = ((0, 0), (0, 0));
    for dir in &documents {
        let id = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let gold = read(&dir.join("gold.txt"))?;
        // The page's text, when it was read to be cleaned.
        let mut raw_text = None;
        let (predicted, size, elapsed) = if args.html {
            let page = read_bytes(&dir.join(input))?;
            let started = Instant::now();
            let body = pipeline.clean_html_bytes(&page).into_body().into_owned();
            (body, page.len(), started.elapsed())
        } else {
            let raw = read(&dir.join(input))?;
            let started = Instant::now();
            let body = if args.keep_all {
                raw.clone()
            } else {
                pipeline.clean(&raw).body().to_owned()
            };
            let size = raw.len();
            raw_text = Some(raw);
            (body, size, started.elapsed())
        };
        bytes += size as u64;
        cleaning += elapsed;
        let score = Score::of_shingles(&Shingles::of(&predicted), &Shingles::of(&gold));
        summary.add(&score);
        let (mut must_drop_removed, mut must_keep_kept) = (None, None);
        if args.snippets {
            let meta = read(&dir.join("meta.json"))?;
            let meta: serde_json::Value = serde_json::from_str(&meta).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: {e}", dir.join("meta.json").display()),
                )
            })?;
            // Only snippets the page's visible text (`raw.txt`) holds count:
            // one the scraper never saw can be neither kept nor removed.
            let visible = match raw_text {
                Some(raw) => raw,
                None => read(&dir.join("raw.txt"))?,
            };
            let count = |field: &str, present: bool| -> (usize, usize) {
                let list = meta[field]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let in_input: Vec<&str> = list
                    .iter()
                    .filter_map(|s| s.as_str())
                    .filter(|s| contains_snippet(&visible, s))
                    .collect();
                let hits = in_input
                    .iter()
                    .filter(|s| contains_snippet(&predicted, s) == present)
                    .count();
                (hits, in_input.len())
            };
            let d = count("must_drop", false);
            let k = count("must_keep", true);
            drops = (drops.0 + d.0, drops.1 + d.1);
            keeps = (keeps.0 + k.0, keeps.1 + k.1);
            must_drop_removed = Some(d);
            must_keep_kept = Some(k);
        }
        scores.push(DocumentScore {
            id,
            precision: score.precision(),
            recall: score.recall(),
            f1: score.f1(),
            predicted_shingles: score.predicted,
            gold_shingles: score.gold,
            must_drop_removed,
            must_keep_kept,
        });
    }

    let mut out = io::stdout().lock();
    writeln!(out, "documents   {}", summary.documents())?;
    writeln!(out, "precision   {:.4}", summary.precision())?;
    writeln!(out, "recall      {:.4}", summary.recall())?;
    writeln!(out, "F1          {:.4}", summary.f1())?;
    let megabytes = bytes as f64 / 1e6;
    let seconds = cleaning.as_secs_f64();
    if args.keep_all {
        writeln!(out, "input       {megabytes:.1} MB (kept whole)")?;
    } else {
        writeln!(
            out,
            "throughput  {:.1} MB/s, {:.0} pages/s ({megabytes:.1} MB in {seconds:.3} s, one thread, favor {})",
            megabytes / seconds.max(1e-9),
            summary.documents() as f64 / seconds.max(1e-9),
            args.favor
        )?;
        writeln!(
            out,
            "prepare     {:.1} ms (compiling the patterns, once per process, before the timing)",
            prepare.as_secs_f64() * 1e3
        )?;
    }
    if args.snippets {
        let share = |(hits, total): (usize, usize)| 100.0 * hits as f64 / total.max(1) as f64;
        writeln!(
            out,
            "must_drop   {:.1}% removed ({} of the {} in the input)",
            share(drops),
            drops.0,
            drops.1
        )?;
        writeln!(
            out,
            "must_keep   {:.1}% kept ({} of the {} in the input)",
            share(keeps),
            keeps.0,
            keeps.1
        )?;
    }
    if args.worst > 0 {
        let mut worst: Vec<&DocumentScore> = scores.iter().collect();
        worst.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        writeln!(out, "worst:")?;
        let show = |v: Option<f64>| v.map_or_else(|| "  -  ".to_owned(), |v| format!("{v:.3}"));
        for s in worst.iter().take(args.worst) {
            writeln!(
                out,
                "  {}  P {}  R {}  F1 {:.3}",
                s.id,
                show(s.precision),
                show(s.recall),
                s.f1
            )?;
        }
    }
    if let Some(path) = &args.json {
        let file = fs::File::create(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        serde_json::to_writer_pretty(io::BufWriter::new(file), &scores)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The page directories under `dir` with `input` and `gold.txt`, in name
/// order.
fn corpus(dir: &Path, input: &str) -> io::Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    let mut documents = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.join(input).is_file() && path.join("gold.txt").is_file() {
            documents.push(path);
        }
    }
    documents.sort();
    Ok(documents)
}

/// The bytes of `path`, decompressed when it ends in `.gz`.
fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    let source = Source::File(path.to_path_buf());
    crate::input::read_bytes(&source).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn read(path: &Path) -> io::Result<String> {
    let bytes =
        fs::read(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: not UTF-8 (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
