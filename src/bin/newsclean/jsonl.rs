//! `newsclean clean --jsonl`: cleans one field of every record of JSON Lines
//! corpora (plain or gzip), on every core, and writes each record back, in
//! input order, with the cleaned text and metadata added.
//!
//! The added fields are spliced into the record's own text, before its
//! closing brace, instead of parsing the record into a `serde_json::Value`
//! and serialising it again: every other field keeps its exact bytes (key
//! order, spacing, escapes, numbers such as `1.0e2` or `2^70` that a `Value`
//! would rewrite or reject) without the `preserve_order` and
//! `arbitrary_precision` features, and no time goes into rebuilding them.
//!
//! Line N of the output is line N of the input: blank lines are copied, and
//! a bad record is passed through with an `error` field saying what was
//! wrong or, when it cannot take one (not a JSON object, not UTF-8, already
//! has an `error` field), wrapped as `{"error": ..., "raw": "<line>"}`
//! (`"raw_hex"` for bytes that are not UTF-8), so that nothing is lost.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use newsclean::Pipeline;
use serde::Serialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::clean::{Kind, clean_input, removed_spans};
use crate::input::{InputError, Source};
use crate::output::Destination;
use crate::parallel::{self, ordered_map};
use crate::progress::{Progress, Summary, Tally};

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

/// Fields added to a cleaned record.
const CLEAN_TEXT: &str = "clean_text";
const METADATA: &str = "metadata";
const REMOVALS: &str = "removals";
/// The field a bad record gets.
const ERROR: &str = "error";

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
    let out_name = options
        .output
        .as_deref()
        .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut listed = Vec::new();

    let result = ordered_map(
        options.threads,
        options.threads * WINDOW_PER_THREAD,
        &interrupted,
        || reader.next_batch().map_err(Stop::Io),
        |batch| cleaner.batch(&batch),
        |done: Done| {
            let located =
                |bad: &BadRecord| format!("{} line {}: {}", names[done.input], bad.line, bad.what);
            if options.strict {
                if let Some(bad) = done.bad.first() {
                    write(&mut out, &out_name, &done.out[..bad.offset])?;
                    return Err(Stop::Strict(located(bad)));
                }
            }
            write(&mut out, &out_name, &done.out)?;
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

/// Writes to `out`, named `name` in errors.
fn write(out: &mut Destination, name: &str, bytes: &[u8]) -> Result<(), Stop> {
    out.write_all(bytes).map_err(|error| match error.kind() {
        io::ErrorKind::BrokenPipe => Stop::Closed,
        kind => Stop::Io(io::Error::new(kind, format!("{name}: {error}"))),
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

/// Cleans records: the part of a run the workers share.
struct RecordCleaner<'a> {
    pipeline: &'a Pipeline,
    field: &'a str,
    kind: Kind,
    removals: bool,
}

impl RecordCleaner<'_> {
    fn batch(&self, batch: &Batch) -> Done {
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
            if let Err(what) = self.record(line, &mut out, &mut tally) {
                tally.bad += 1;
                bad.push(BadRecord {
                    line: number,
                    offset,
                    what,
                });
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

    /// Writes one record's output line, or says what was wrong with it.
    fn record(&self, line: &[u8], out: &mut Vec<u8>, tally: &mut Tally) -> Result<(), String> {
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(error) => {
                let what = format!("not UTF-8 (invalid byte at offset {})", error.valid_up_to());
                wrap(out, &what, line);
                return Err(what);
            }
        };
        let fields = match parse(text, self.field, self.removals) {
            Ok(fields) => fields,
            Err(what) => {
                wrap(out, &what, line);
                return Err(what);
            }
        };
        let value = match fields.problem(self.field) {
            Ok(value) => value,
            Err(what) => {
                if fields.has_error {
                    wrap(out, &what, line);
                } else {
                    splice(out, text, fields.count, |out| {
                        put_field(out, ERROR, &what);
                    });
                }
                return Err(what);
            }
        };
        let cleaned = clean_input(self.pipeline, self.kind, value);
        tally.text_in += value.len() as u64;
        tally.text_out += cleaned.body().len() as u64;
        splice(out, text, fields.count, |out| {
            put_field(out, CLEAN_TEXT, cleaned.body());
            out.push(b',');
            put_field(out, METADATA, cleaned.metadata());
            if self.removals {
                out.push(b',');
                put_field(out, REMOVALS, &removed_spans(&cleaned));
            }
        });
        Ok(())
    }
}

/// Writes `record` with the fields `add` writes before its closing brace.
/// `record` is a JSON object with `count` fields.
fn splice(out: &mut Vec<u8>, record: &str, count: usize, add: impl FnOnce(&mut Vec<u8>)) {
    let record = record.trim_end_matches([' ', '\t', '\r']);
    let open = record.strip_suffix('}').unwrap_or(record);
    out.extend_from_slice(open.as_bytes());
    if count > 0 {
        out.push(b',');
    }
    add(out);
    out.extend_from_slice(b"}\n");
}

/// Writes a line that cannot take a field as `{"error": what, "raw": line}`.
fn wrap(out: &mut Vec<u8>, what: &str, line: &[u8]) {
    out.push(b'{');
    put_field(out, ERROR, what);
    out.push(b',');
    match std::str::from_utf8(line) {
        Ok(text) => put_field(out, "raw", text),
        Err(_) => {
            let hex: String = line.iter().map(|b| format!("{b:02x}")).collect();
            put_field(out, "raw_hex", &hex);
        }
    }
    out.extend_from_slice(b"}\n");
}

/// Writes `"name":value`.
fn put_field(out: &mut Vec<u8>, name: &str, value: &(impl Serialize + ?Sized)) {
    // Strings, metadata and removals always serialise, and a Vec takes any
    // number of bytes: this cannot fail.
    let wrote = serde_json::to_writer(&mut *out, name).and_then(|()| {
        out.push(b':');
        serde_json::to_writer(&mut *out, value)
    });
    debug_assert!(wrote.is_ok(), "serialising to memory failed");
}

/// What cleaning needs to know of a record.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fields<'a> {
    /// The field to clean: its text, or what it holds instead.
    value: Option<Result<Cow<'a, str>, &'static str>>,
    /// How many times the field to clean appears.
    seen: usize,
    /// How many fields the record has.
    count: usize,
    has_error: bool,
    /// A field the record already has among those cleaning adds.
    clash: Option<String>,
}

impl<'a> Fields<'a> {
    /// The text to clean, or what is wrong with the record.
    fn problem(&self, field: &str) -> Result<&str, String> {
        if let Some(name) = &self.clash {
            return Err(format!("already has a {name:?} field"));
        }
        match &self.value {
            None => Err(format!("missing field {field:?}")),
            Some(_) if self.seen > 1 => Err(format!("field {field:?} appears {} times", self.seen)),
            Some(Err(what)) => Err(format!("field {field:?} is {what}, not a string")),
            Some(Ok(text)) => Ok(text),
        }
    }
}

/// Reads `line` as a JSON object, or says why it is not one.
fn parse<'a>(line: &'a str, field: &str, removals: bool) -> Result<Fields<'a>, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let seed = RecordSeed {
        field,
        added: if removals {
            &[CLEAN_TEXT, METADATA, REMOVALS]
        } else {
            &[CLEAN_TEXT, METADATA]
        },
    };
    seed.deserialize(&mut de)
        .and_then(|fields| de.end().map(|()| fields))
        .map_err(|error| {
            let full = error.to_string();
            let position = format!(" at line {} column {}", error.line(), error.column());
            let message = full.strip_suffix(&position).unwrap_or(&full);
            match error.classify() {
                serde_json::error::Category::Data => "not a JSON object".to_owned(),
                _ => format!("not JSON: {message} at column {}", error.column()),
            }
        })
}

/// Reads a record's fields, keeping only what [`Fields`] holds.
struct RecordSeed<'f> {
    field: &'f str,
    added: &'f [&'static str],
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Fields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fields<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields::default();
        while let Some(Str(key)) = map.next_key()? {
            fields.count += 1;
            if key == ERROR {
                fields.has_error = true;
            } else if self.added.contains(&&*key) && fields.clash.is_none() {
                fields.clash = Some(key.clone().into_owned());
            }
            if key == self.field {
                let TextValue(value) = map.next_value()?;
                fields.seen += 1;
                fields.value = Some(value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(fields)
    }
}

/// A JSON string, borrowed from the line when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Str<'de>, D::Error> {
        deserializer.deserialize_str(TextVisitor).and_then(|value| {
            value
                .map(Str)
                .map_err(|what| de::Error::invalid_type(de::Unexpected::Other(what), &"a string"))
        })
    }
}

/// The value of the field to clean: a string, or what it is instead.
struct TextValue<'a>(Result<Cow<'a, str>, &'static str>);

impl<'de> de::Deserialize<'de> for TextValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TextValue<'de>, D::Error> {
        deserializer.deserialize_any(TextVisitor).map(TextValue)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Result<Cow<'de, str>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v)))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err("an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::Value;

    /// The output line of one input line, and what was wrong with it.
    fn clean_line(line: &str, field: &str) -> (String, Result<(), String>) {
        let pipeline = Pipeline::builder().build().unwrap();
        let cleaner = RecordCleaner {
            pipeline: &pipeline,
            field,
            kind: Kind::Text,
            removals: false,
        };
        let mut out = Vec::new();
        let result = cleaner.record(line.as_bytes(), &mut out, &mut Tally::default());
        (String::from_utf8(out).unwrap(), result)
    }

    const NO_METADATA: &str = r#""metadata":{"title":null,"byline":null,"published":null,"updated":null,"publisher":null,"section":null,"captions":[],"paywalled":false}"#;

    #[test]
    fn fields_go_before_the_closing_brace_and_the_rest_is_untouched() {
        let (out, result) = clean_line(r#" { "n" : 1.0e2 , "text" : "a\nb" }  "#, "text");
        assert_eq!(result, Ok(()));
        assert_eq!(
            out,
            format!(
                " {{ \"n\" : 1.0e2 , \"text\" : \"a\\nb\" ,\"clean_text\":\"a\\nb\",{NO_METADATA}}}\n"
            )
        );
    }

    #[test]
    fn escaped_keys_and_values_are_read_as_json_reads_them() {
        let (out, result) = clean_line(r#"{"te\u0078t":"caf\u00e9 \"x\""}"#, "text");
        assert_eq!(result, Ok(()));
        assert!(out.contains(r#","clean_text":"café \"x\"","#), "{out}");
    }

    #[test]
    fn each_problem_is_named() {
        let cases = [
            (r#"{}"#, r#"{"error":"missing field \"text\""}"#),
            (
                r#"{"text":null}"#,
                r#"{"text":null,"error":"field \"text\" is null, not a string"}"#,
            ),
            (
                r#"{"text":[1,{"a":2}]}"#,
                r#"{"text":[1,{"a":2}],"error":"field \"text\" is an array, not a string"}"#,
            ),
            (
                r#"{"text":{"a":"b"}}"#,
                r#"{"text":{"a":"b"},"error":"field \"text\" is an object, not a string"}"#,
            ),
            (
                r#"{"text":true}"#,
                r#"{"text":true,"error":"field \"text\" is a boolean, not a string"}"#,
            ),
            (
                r#"{"text":"a","text":"b"}"#,
                r#"{"text":"a","text":"b","error":"field \"text\" appears 2 times"}"#,
            ),
            (
                r#"{"text":"a","metadata":{}}"#,
                r#"{"text":"a","metadata":{},"error":"already has a \"metadata\" field"}"#,
            ),
            (
                r#"{"text":"a"} x"#,
                r#"{"error":"not JSON: trailing characters at column 14","raw":"{\"text\":\"a\"} x"}"#,
            ),
            (
                r#""text""#,
                r#"{"error":"not a JSON object","raw":"\"text\""}"#,
            ),
        ];
        for (line, expected) in cases {
            let (out, result) = clean_line(line, "text");
            assert_eq!(out, format!("{expected}\n"), "{line}");
            let record: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(result.unwrap_err(), record["error"], "{line}");
        }
    }

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
        let done = cleaner.batch(&batch);
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
