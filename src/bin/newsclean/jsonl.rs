//! `newsclean clean --jsonl`: cleans one field of every record of JSON Lines
//! corpora (plain or gzip), on every core, and writes each record back, in
//! input order, with the cleaned text and metadata added.
//!
//! Line N of the output is line N of the input: blank lines are copied, and
//! each record is written as `record.rs` says, bad ones included, so that
//! nothing is lost.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use newsclean::Pipeline;

use crate::input::{InputError, Source};
use crate::output::Destination;
use crate::parallel::{self, ordered_map};
use crate::progress::{Progress, Summary, Tally};
use crate::record::{Kind, RecordCleaner};

/// What `--jsonl` was asked to do.
#[derive(Debug)]
pub struct Options {
    pub inputs: Vec<Source>,
    /// The field to clean, and what it holds.
    pub field: String,
    pub kind: Kind,
    /// Add the list of removals to each record.
    pub removals: bool,
    /// Stop at the first bad record.
    pub strict: bool,
    pub output: Option<PathBuf>,
    pub threads: usize,
    pub quiet: bool,
}

/// A batch of records ends after this many, or after this many bytes: small
/// enough that a few thousand records keep every thread busy and that the
/// last batch leaves the other threads idle only briefly, large enough that
/// handing batches around costs nothing next to cleaning them.
const BATCH_RECORDS: usize = 64;
const BATCH_BYTES: usize = 256 << 10;
/// Batches in flight per worker: enough that a slow one does not leave the
/// others idle, few enough that memory stays a few megabytes per thread.
const WINDOW_PER_THREAD: usize = 4;
/// Bad records listed by location at the end of a run.
const BAD_LISTED: usize = 10;

pub fn run(pipeline: &Pipeline, options: &Options) -> io::Result<ExitCode> {
    let mut reader = Reader::new(&options.inputs).map_err(io::Error::other)?;
    let names: Vec<String> = options.inputs.iter().map(Source::to_string).collect();
    let interrupted = parallel::interrupt_flag()?;
    let mut out = Destination::create(options.output.as_deref())?;
    let progress = Progress::new(reader.total_size, options.quiet, "records");
    let cleaner = RecordCleaner {
        pipeline,
        field: &options.field,
        kind: options.kind,
        removals: options.removals,
    };
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut listed = Vec::new();

    let result = ordered_map(
        options.threads,
        options.threads * WINDOW_PER_THREAD,
        &interrupted,
        || reader.next_batch().map_err(Stop::Io),
        |batch| clean_batch(&cleaner, &batch),
        |done: Done| {
            let located =
                |bad: &BadRecord| format!("{} line {}: {}", names[done.input], bad.line, bad.what);
            if options.strict {
                if let Some(bad) = done.bad.first() {
                    write(&mut out, &done.out[..bad.offset])?;
                    return Err(Stop::Strict(located(bad)));
                }
            }
            write(&mut out, &done.out)?;
            tally.add(&done.tally);
            let room = BAD_LISTED.saturating_sub(listed.len());
            listed.extend(done.bad.iter().take(room).map(located));
            progress.update(done.position, tally.items);
            Ok(())
        },
    );
    progress.finish();
    let written = match options.output.as_deref() {
        Some(path) => format!("{} not written", path.display()),
        None => "output incomplete".to_owned(),
    };
    match result {
        Ok(()) => {}
        Err(Stop::Closed) => return Ok(ExitCode::SUCCESS),
        Err(Stop::Io(error)) => {
            eprintln!("newsclean: {error}");
            eprintln!(
                "newsclean: stopped after {} records; {written}",
                tally.items
            );
            return Ok(ExitCode::from(2));
        }
        Err(Stop::Strict(what)) => {
            eprintln!("newsclean: {what}");
            eprintln!("newsclean: stopped (--strict); {written}");
            return Ok(ExitCode::FAILURE);
        }
    }
    if interrupted.load(Ordering::Relaxed) {
        eprintln!(
            "newsclean: interrupted after {} records; {written}",
            tally.items
        );
        return Ok(ExitCode::from(parallel::INTERRUPTED));
    }
    match out.finish() {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        result => result?,
    }
    if !options.quiet {
        let summary = Summary {
            tally: &tally,
            unit: "records",
            bad_means: "passed through with an \"error\" field",
            elapsed: started.elapsed(),
            threads: options.threads,
        };
        eprintln!("{summary}");
    }
    if tally.bad > 0 {
        // Even when quiet: bad records are never passed over in silence.
        let first = if tally.bad > listed.len() as u64 {
            format!(", the first {}", listed.len())
        } else {
            String::new()
        };
        eprintln!("newsclean: {} bad records{first}:", tally.bad);
        for line in &listed {
            eprintln!("  {line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Why a run stopped before the end of its input.
#[derive(Debug)]
enum Stop {
    Io(io::Error),
    /// A bad record under `--strict`: where and what.
    Strict(String),
    /// Standard output was closed (`| head`): not an error.
    Closed,
}

/// Writes to `out`; a closed standard output ends the run quietly.
fn write(out: &mut Destination, bytes: &[u8]) -> Result<(), Stop> {
    out.write_all(bytes).map_err(|error| match error.kind() {
        io::ErrorKind::BrokenPipe => Stop::Closed,
        _ => Stop::Io(error),
    })
}

/// Whole lines of one input.
struct Batch {
    input: usize,
    /// The number of the first line in its input, from 1.
    first_line: u64,
    bytes: Vec<u8>,
    /// Bytes of all inputs read so far, as stored (compressed or not): the
    /// progress made once this batch is written.
    position: u64,
}

/// A batch, cleaned.
struct Done {
    input: usize,
    out: Vec<u8>,
    tally: Tally,
    bad: Vec<BadRecord>,
    position: u64,
}

#[derive(Debug, PartialEq, Eq)]
struct BadRecord {
    line: u64,
    /// Where its output line starts in the batch's output.
    offset: usize,
    what: String,
}

/// Reads the inputs one after the other, in batches of whole lines.
struct Reader<'s> {
    inputs: &'s [Source],
    /// The input being read, its index, and the lines read from it.
    current: Option<(Box<dyn BufRead + Send>, usize, u64)>,
    next_input: usize,
    /// Bytes read from all inputs, before decompression.
    stored: Arc<AtomicU64>,
    /// The inputs' total size, when every one is a file.
    total_size: Option<u64>,
}

impl<'s> Reader<'s> {
    /// Checks that every input can be read before anything is written.
    fn new(inputs: &'s [Source]) -> Result<Reader<'s>, InputError> {
        let mut total_size = Some(0);
        for source in inputs {
            match source {
                Source::Stdin => total_size = None,
                Source::File(path) => {
                    let metadata = path.metadata().map_err(|error| InputError::Io {
                        source: source.clone(),
                        error,
                    })?;
                    if metadata.is_dir() {
                        return Err(InputError::Directory(source.clone()));
                    }
                    total_size = total_size.map(|total| total + metadata.len());
                }
            }
        }
        Ok(Reader {
            inputs,
            current: None,
            next_input: 0,
            stored: Arc::default(),
            total_size,
        })
    }

    /// The next lines, up to a batch, never across two inputs.
    fn next_batch(&mut self) -> io::Result<Option<Batch>> {
        loop {
            let Some((reader, input, lines)) = &mut self.current else {
                let Some(source) = self.inputs.get(self.next_input) else {
                    return Ok(None);
                };
                let reader = open(source, Arc::clone(&self.stored))?;
                self.current = Some((reader, self.next_input, 0));
                self.next_input += 1;
                continue;
            };
            let first_line = *lines + 1;
            let mut bytes = Vec::new();
            let mut records = 0;
            let mut ended = false;
            while records < BATCH_RECORDS && bytes.len() < BATCH_BYTES {
                let read = reader
                    .read_until(b'\n', &mut bytes)
                    .map_err(|error| named(&self.inputs[*input], error))?;
                if read == 0 {
                    ended = true;
                    break;
                }
                records += 1;
            }
            *lines += records as u64;
            let input = *input;
            if ended {
                self.current = None;
            }
            if !bytes.is_empty() {
                return Ok(Some(Batch {
                    input,
                    first_line,
                    bytes,
                    position: self.stored.load(Ordering::Relaxed),
                }));
            }
        }
    }
}

fn named(source: &Source, error: io::Error) -> io::Error {
    let kind = error.kind();
    io::Error::new(
        kind,
        InputError::Io {
            source: source.clone(),
            error,
        },
    )
}

/// Opens `source`, decompressing it when it starts as gzip does (whatever
/// its name, so that compressed standard input works too).
fn open(source: &Source, stored: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(path) => Box::new(File::open(path).map_err(|e| named(source, e))?),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, Counted { inner: raw, stored });
    let head = buffered.fill_buf().map_err(|e| named(source, e))?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        // Multi-member: `cat a.gz b.gz` and parallel compressors make several.
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    })
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    stored: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.stored.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// Cleans a batch of records: the part of a run the workers share.
fn clean_batch(cleaner: &RecordCleaner<'_>, batch: &Batch) -> Done {
    // Records grow by their cleaned text and metadata.
    let mut out = Vec::with_capacity(batch.bytes.len() * 2);
    let mut tally = Tally {
        bytes_in: batch.bytes.len() as u64,
        ..Tally::default()
    };
    let mut bad = Vec::new();
    let lines = batch.bytes.strip_suffix(b"\n").unwrap_or(&batch.bytes);
    for (line, number) in lines.split(|&b| b == b'\n').zip(batch.first_line..) {
        let offset = out.len();
        if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            out.extend_from_slice(line);
            out.push(b'\n');
            continue;
        }
        tally.items += 1;
        match cleaner.record(line, &mut out) {
            Ok((text_in, text_out)) => {
                tally.text_in += text_in as u64;
                tally.text_out += text_out as u64;
            }
            Err(what) => {
                tally.bad += 1;
                bad.push(BadRecord {
                    line: number,
                    offset,
                    what,
                });
            }
        }
    }
    tally.bytes_out = out.len() as u64;
    Done {
        input: batch.input,
        out,
        tally,
        bad,
        position: batch.position,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_keeps_blank_lines_and_numbers_its_bad_records() {
        let pipeline = Pipeline::builder().build().unwrap();
        let cleaner = RecordCleaner {
            pipeline: &pipeline,
            field: "text",
            kind: Kind::Text,
            removals: false,
        };
        let batch = Batch {
            input: 0,
            first_line: 41,
            bytes: b"{\"text\":\"a\"}\n\r\n{}\n[]".to_vec(),
            position: 7,
        };
        let done = clean_batch(&cleaner, &batch);
        let out = String::from_utf8(done.out).unwrap();
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert_eq!(lines[1], "\r");
        assert_eq!(lines[4], "", "every line ends with a newline");
        let first_bad = lines[0].len() + lines[1].len() + 2;
        assert_eq!(
            done.bad,
            [
                BadRecord {
                    line: 43,
                    offset: first_bad,
                    what: "missing field \"text\"".to_owned()
                },
                BadRecord {
                    line: 44,
                    offset: first_bad + lines[2].len() + 1,
                    what: "not a JSON object".to_owned()
                },
            ]
        );
        assert_eq!((done.tally.items, done.tally.bad), (3, 2));
        assert_eq!(done.tally.bytes_in, batch.bytes.len() as u64);
        assert_eq!(done.tally.bytes_out, out.len() as u64);
    }
}
