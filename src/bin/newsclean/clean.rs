//! `newsclean clean`: clean files or standard input.

use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use newsclean::{Cleaned, Favor, LineVerdict, Pipeline, Verdict};
use serde::Serialize;

use crate::input::{InputError, Source, read_bytes, utf8};
use crate::record::{Kind, RemovedSpan, clean_input, removed_spans};
use crate::{jsonl, outdir, parallel};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("corpus").args(["jsonl", "out_dir"])))]
pub struct Args {
    /// Files to clean; standard input when none is given (or for `-`).
    /// With `--out-dir`: the directory to mirror.
    files: Vec<PathBuf>,

    /// Output: the body as text, or one JSON object per input.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Print every input line with its verdict and the reason, instead of the body.
    #[arg(long, conflicts_with = "format")]
    explain: bool,

    /// Weigh precision against recall where the evidence is a matter of degree.
    #[arg(long, default_value_t = Favor::Balanced)]
    favor: Favor,

    /// Read every input as an HTML page (inputs that start as one, with a
    /// doctype, `<html` or `<head`, are read so without it). `.gz` files are
    /// decompressed.
    #[arg(long, conflicts_with = "jsonl")]
    html: bool,

    /// Read JSON Lines (plain or gzip): clean one field of each record and
    /// write every record back, in order, with `clean_text` and `metadata`
    /// added.
    #[arg(long, conflicts_with_all = ["format", "explain"])]
    jsonl: bool,

    /// With `--jsonl`: the field holding the text to clean.
    #[arg(long, value_name = "NAME", default_value = "text", requires = "jsonl")]
    field: String,

    /// With `--jsonl`: clean this field as an HTML page instead of `--field`.
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    html_field: Option<String>,

    /// With `--jsonl`: also add `removals`, every span dropped from the
    /// field, with the cleaner and the reason.
    #[arg(long, requires = "jsonl")]
    removals: bool,

    /// With `--jsonl`: stop at the first bad record, with its line number,
    /// and write no output file (bad records are otherwise passed through
    /// with an `error` field).
    #[arg(long, requires = "jsonl")]
    strict: bool,

    /// With `--jsonl`: write to this file (gzip when it ends with `.gz`),
    /// complete or not at all; standard output when not given.
    #[arg(short, long, value_name = "FILE", requires = "jsonl")]
    output: Option<PathBuf>,

    /// Write the cleaned body of each `.txt` and `.html` file under the
    /// directory given to the same place under OUT (as `.txt`).
    #[arg(long, value_name = "OUT", conflicts_with_all = ["format", "explain"])]
    out_dir: Option<PathBuf>,

    /// With `--jsonl` or `--out-dir`: worker threads (default: one per core).
    #[arg(long, value_name = "N", requires = "corpus")]
    threads: Option<NonZeroUsize>,

    /// With `--jsonl` or `--out-dir`: no progress bar and no summary.
    #[arg(short, long, requires = "corpus")]
    quiet: bool,
}

/// An input file, read as what it is.
pub enum Input {
    /// UTF-8 text.
    Text(String),
    /// An HTML page, its charset still to be read.
    Html(Vec<u8>),
}

impl Input {
    /// Reads `source` as HTML when `kind` says so or it clearly is, else as
    /// UTF-8 text.
    pub fn read(source: &Source, kind: Kind) -> Result<Input, InputError> {
        let bytes = read_bytes(source)?;
        if kind == Kind::Html || newsclean::html::looks_like_html(&bytes) {
            if is_binary(&bytes) {
                return Err(InputError::Binary(source.clone()));
            }
            return Ok(Input::Html(bytes));
        }
        utf8(source, bytes).map(Input::Text)
    }

    /// Bytes read.
    pub fn len(&self) -> usize {
        match self {
            Input::Text(text) => text.len(),
            Input::Html(bytes) => bytes.len(),
        }
    }

    /// Cleans it.
    pub fn clean(&self, pipeline: &Pipeline) -> Cleaned<'_> {
        match self {
            Input::Text(text) => clean_input(pipeline, Kind::Text, text),
            Input::Html(bytes) => pipeline.clean_html_bytes(bytes),
        }
    }
}

/// Whether `bytes` are binary data rather than a page: a NUL byte early
/// on, as `grep` and `git` judge. (UTF-16 pages start with a byte-order
/// mark and are text.)
fn is_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// One cleaned input, as `--format json` prints it.
#[derive(Serialize)]
struct Record<'a> {
    file: String,
    body: &'a str,
    metadata: &'a newsclean::Metadata<'a>,
    removed: Vec<RemovedSpan<'a>>,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let pipeline = Pipeline::news().favor(args.favor);
    let threads = parallel::threads(args.threads.map(NonZeroUsize::get));
    if args.jsonl {
        let (field, kind) = match &args.html_field {
            Some(field) => (field.clone(), Kind::Html),
            None => (args.field.clone(), Kind::Text),
        };
        let options = jsonl::Options {
            inputs: sources(&args.files),
            field,
            kind,
            removals: args.removals,
            strict: args.strict,
            output: args.output.clone(),
            threads,
            quiet: args.quiet,
        };
        return jsonl::run(&pipeline, &options);
    }
    if let Some(out_dir) = &args.out_dir {
        let [dir] = args.files.as_slice() else {
            eprintln!("newsclean: --out-dir takes one input directory");
            return Ok(ExitCode::from(2));
        };
        let options = outdir::Options {
            dir: dir.clone(),
            out_dir: out_dir.clone(),
            threads,
            quiet: args.quiet,
        };
        return outdir::run(&pipeline, &options);
    }
    let sources = sources(&args.files);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    let kind = if args.html { Kind::Html } else { Kind::Text };
    for source in &sources {
        let input = match Input::read(source, kind) {
            Ok(input) => input,
            Err(error) => {
                out.flush()?;
                eprintln!("newsclean: {error}");
                failed = true;
                continue;
            }
        };
        let cleaned = input.clean(&pipeline);
        let written = if args.explain {
            write_explain(&mut out, source, &cleaned, sources.len() > 1)
        } else {
            match args.format {
                Format::Text => write_text(&mut out, &cleaned, first),
                Format::Json => write_json(&mut out, source, &cleaned),
            }
        };
        first = false;
        if let Err(error) = written {
            // A closed pipe (`| head`) ends the run quietly.
            if error.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(error);
        }
    }
    match out.flush() {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => return Err(error),
        _ => {}
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The inputs named on the command line: standard input when none is.
fn sources(files: &[PathBuf]) -> Vec<Source> {
    if files.is_empty() {
        vec![Source::Stdin]
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    }
}

pub fn write_text(out: &mut impl Write, cleaned: &Cleaned<'_>, first: bool) -> io::Result<()> {
    // Documents are separated by a blank line; paragraphs never are.
    if !first {
        out.write_all(b"\n")?;
    }
    out.write_all(cleaned.body().as_bytes())?;
    if !cleaned.body().is_empty() {
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_json(out: &mut impl Write, source: &Source, cleaned: &Cleaned<'_>) -> io::Result<()> {
    let record = Record {
        file: source.to_string(),
        body: cleaned.body(),
        metadata: cleaned.metadata(),
        removed: removed_spans(cleaned),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

fn write_explain(
    out: &mut impl Write,
    source: &Source,
    cleaned: &Cleaned<'_>,
    named: bool,
) -> io::Result<()> {
    if named {
        writeln!(out, "==> {source} <==")?;
    }
    for (span, verdict) in cleaned.line_verdicts() {
        let text = cleaned.text_of(span);
        match verdict {
            LineVerdict::Kept => writeln!(out, "keep  {text}")?,
            LineVerdict::Removed(r) => {
                writeln!(out, "DROP  {text}  [{}: {}]", r.cleaner, r.reason)?
            }
            LineVerdict::Edited(Verdict::Removed(r)) => {
                writeln!(out, "edit  {text}  [{}: {}]", r.cleaner, r.reason)?;
            }
            LineVerdict::Edited(Verdict::Replaced(r)) => {
                writeln!(out, "edit  {text}  [{}: {}]", r.cleaner, r.reason)?;
            }
            _ => writeln!(out)?,
        }
    }
    Ok(())
}
