//! `newsclean clean`: clean files or standard input.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use newsclean::{Cleaned, Favor, LineVerdict, Pipeline, Verdict};
use serde::Serialize;

use crate::input::{InputError, Source, read_bytes, utf8};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to clean; standard input when none is given (or for `-`).
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
    #[arg(long)]
    html: bool,
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

#[derive(Serialize)]
struct RemovedSpan<'a> {
    start: usize,
    end: usize,
    cleaner: &'a str,
    reason: &'a str,
    text: &'a str,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let pipeline = Pipeline::news().favor(args.favor);
    let sources: Vec<Source> = if args.files.is_empty() {
        vec![Source::Stdin]
    } else {
        args.files.iter().map(|f| Source::from_arg(f)).collect()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    for source in &sources {
        let input = match read_input(source, args.html) {
            Ok(input) => input,
            Err(error) => {
                out.flush()?;
                eprintln!("newsclean: {error}");
                failed = true;
                continue;
            }
        };
        let cleaned = match &input {
            Input::Text(text) => pipeline.clean(text),
            Input::Html(bytes) => pipeline.clean_html_bytes(bytes),
        };
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

/// An input, read as what it is.
enum Input {
    Text(String),
    Html(Vec<u8>),
}

/// Reads `source` as HTML when `html` says so or it clearly is, else as
/// UTF-8 text.
fn read_input(source: &Source, html: bool) -> Result<Input, InputError> {
    let bytes = read_bytes(source)?;
    if html || newsclean::html::looks_like_html(&bytes) {
        if is_binary(&bytes) {
            return Err(InputError::Binary(source.clone()));
        }
        return Ok(Input::Html(bytes));
    }
    utf8(source, bytes).map(Input::Text)
}

/// Whether `bytes` are binary data rather than a page: a NUL byte early
/// on, as `grep` and `git` judge. (UTF-16 pages start with a byte-order
/// mark and are text.)
fn is_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

fn write_text(out: &mut impl Write, cleaned: &Cleaned<'_>, first: bool) -> io::Result<()> {
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
        removed: cleaned
            .removals()
            .iter()
            .map(|r| RemovedSpan {
                start: r.span.start,
                end: r.span.end,
                cleaner: r.cleaner,
                reason: &r.reason,
                text: cleaned.text_of(r.span),
            })
            .collect(),
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
