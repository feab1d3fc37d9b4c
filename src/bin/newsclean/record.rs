//! Cleaning one document of the command line: a text of a known kind, and
//! a record of JSON Lines holding one in a field.
//!
//! The fields cleaning adds to a record are spliced into the record's own
//! text, before its closing brace, instead of parsing the record into a
//! `serde_json::Value` and serialising it again: every other field keeps its
//! exact bytes (key order, spacing, escapes, numbers such as `1.0e2` or
//! `2^70` that a `Value` would rewrite or reject) without the
//! `preserve_order` and `arbitrary_precision` features, and no time goes
//! into rebuilding them. A bad record is passed through with an `error`
//! field saying what was wrong or, when it cannot take one (not a JSON
//! object, not UTF-8, already has an `error` field), wrapped as
//! `{"error": ..., "raw": "<line>"}` (`"raw_hex"` for bytes that are not
//! UTF-8), so that nothing is lost.
//!
//! The fuzz target `records` includes this file, so it depends on nothing
//! else of the command line.

use std::borrow::Cow;
use std::fmt;

use newsclean::{Cleaned, Pipeline};
use serde::Serialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Fields added to a cleaned record.
pub const CLEAN_TEXT: &str = "clean_text";
pub const METADATA: &str = "metadata";
pub const REMOVALS: &str = "removals";
/// The field a bad record gets.
pub const ERROR: &str = "error";

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text, as scrapers give it.
    Text,
    /// An HTML page.
    Html,
}

/// Cleans one input held as a string: every document the command line
/// cleans from a string goes through here.
pub fn clean_input<'a>(pipeline: &Pipeline, kind: Kind, input: &'a str) -> Cleaned<'a> {
    match kind {
        Kind::Text => pipeline.clean(input),
        Kind::Html => pipeline.clean_html(input),
    }
}

/// A removal as the JSON outputs give it: byte offsets into the cleaned
/// text, and the text itself.
#[derive(Serialize)]
pub struct RemovedSpan<'a> {
    start: usize,
    end: usize,
    cleaner: &'a str,
    reason: &'a str,
    text: &'a str,
}

/// Every removal of `cleaned`, in order.
pub fn removed_spans<'c>(cleaned: &'c Cleaned<'_>) -> Vec<RemovedSpan<'c>> {
    cleaned
        .removals()
        .iter()
        .map(|r| RemovedSpan {
            start: r.span.start,
            end: r.span.end,
            cleaner: r.cleaner,
            reason: &r.reason,
            text: cleaned.text_of(r.span),
        })
        .collect()
}

/// Cleans records: what each worker of a run shares.
#[derive(Debug)]
pub struct RecordCleaner<'a> {
    pub pipeline: &'a Pipeline,
    /// The field to clean.
    pub field: &'a str,
    /// What the field holds.
    pub kind: Kind,
    /// Add the list of removals.
    pub removals: bool,
}

impl RecordCleaner<'_> {
    /// Writes one record's output line to `out`: the record with what
    /// cleaning adds, and the bytes of text cleaned and kept; or, with the
    /// record passed through and marked, what was wrong with it.
    pub fn record(&self, line: &[u8], out: &mut Vec<u8>) -> Result<(usize, usize), String> {
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
        let counts = (value.len(), cleaned.body().len());
        splice(out, text, fields.count, |out| {
            put_field(out, CLEAN_TEXT, cleaned.body());
            out.push(b',');
            put_field(out, METADATA, cleaned.metadata());
            if self.removals {
                out.push(b',');
                put_field(out, REMOVALS, &removed_spans(&cleaned));
            }
        });
        Ok(counts)
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
    fn clean_line(line: &str, field: &str) -> (String, Result<(usize, usize), String>) {
        let pipeline = Pipeline::builder().build().unwrap();
        let cleaner = RecordCleaner {
            pipeline: &pipeline,
            field,
            kind: Kind::Text,
            removals: false,
        };
        let mut out = Vec::new();
        let result = cleaner.record(line.as_bytes(), &mut out);
        (String::from_utf8(out).unwrap(), result)
    }

    const NO_METADATA: &str = r#""metadata":{"title":null,"byline":null,"published":null,"updated":null,"publisher":null,"section":null,"captions":[],"paywalled":false}"#;

    #[test]
    fn fields_go_before_the_closing_brace_and_the_rest_is_untouched() {
        let (out, result) = clean_line(r#" { "n" : 1.0e2 , "text" : "a\nb" }  "#, "text");
        assert_eq!(result, Ok((3, 3)));
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
        assert!(result.is_ok());
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
}
