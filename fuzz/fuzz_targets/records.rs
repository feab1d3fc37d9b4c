//! The command line's records (`newsclean clean --jsonl`), through the
//! command line's own code (`src/bin/newsclean/record.rs`): one JSON object
//! per line with the text in a field (`text`). Whatever the line holds, the
//! output is one line of JSON and never a panic; a well-formed record comes
//! back with every field as it was and the cleaned text added; a bad one
//! comes back marked, its content kept; cleaning the text keeps every
//! invariant.
//!
//! `cargo fuzz run -s none records`

#![no_main]

use std::fmt;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newsclean::Pipeline;
use serde_json::{Map, Value};

#[path = "../../tests/invariants.rs"]
mod invariants;

#[path = "../../src/bin/newsclean/record.rs"]
#[allow(dead_code)]
mod record;

use record::{Kind, RecordCleaner};

/// Longer lines are skipped: they find nothing new, only slower.
const MAX_BYTES: usize = 16 * 1024;

const FIELD: &str = "text";

#[derive(Arbitrary)]
enum Record {
    /// Any bytes.
    Raw(Vec<u8>),
    /// A record with its text among other fields.
    Object {
        text: String,
        others: Vec<(String, String)>,
        text_first: bool,
    },
    /// A record whose text field is no string.
    NotText(Option<bool>),
}

impl Record {
    /// The line, and the text reading it must give when it is well formed.
    fn line(&self) -> (Vec<u8>, Option<String>) {
        match self {
            Record::Raw(bytes) => (bytes.clone(), None),
            Record::Object {
                text,
                others,
                text_first,
            } => {
                let mut fields = Map::new();
                if *text_first {
                    fields.insert(FIELD.to_owned(), Value::String(text.clone()));
                }
                // Fields cleaning adds, or marks bad records with, make a
                // record bad: a well-formed one has none.
                let reserved = [
                    FIELD,
                    record::CLEAN_TEXT,
                    record::METADATA,
                    record::REMOVALS,
                    record::ERROR,
                ];
                for (name, value) in others
                    .iter()
                    .filter(|(name, _)| !reserved.contains(&name.as_str()))
                {
                    fields.insert(name.clone(), Value::String(value.clone()));
                }
                if !text_first {
                    fields.insert(FIELD.to_owned(), Value::String(text.clone()));
                }
                let line = Value::Object(fields).to_string().into_bytes();
                (line, Some(text.clone()))
            }
            Record::NotText(value) => {
                let value = value.map_or(Value::Null, Value::Bool);
                (
                    serde_json::json!({ FIELD: value }).to_string().into_bytes(),
                    None,
                )
            }
        }
    }
}

/// The line itself, ready to paste into a test.
impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, _) = self.line();
        let escaped: String = line
            .iter()
            .flat_map(|&b| std::ascii::escape_default(b))
            .map(char::from)
            .collect();
        write!(f, "Record {{ line: b\"{escaped}\" }}")
    }
}

fuzz_target!(|record: Record| {
    let (line, expected) = record.line();
    // The reader cuts records at `\n`, so no line holds one (a record
    // broken over lines is one bad record per line: `tests/jsonl.rs`).
    if line.len() > MAX_BYTES || line.contains(&b'\n') {
        return;
    }
    let pipeline = Pipeline::news();
    let cleaner = RecordCleaner {
        pipeline: &pipeline,
        field: FIELD,
        kind: Kind::Text,
        removals: true,
    };
    let mut out = Vec::new();
    let result = cleaner.record(&line, &mut out);
    let Some(written) = out.strip_suffix(b"\n") else {
        panic!("the output is not one line\n{record:?}");
    };
    assert!(
        !written.contains(&b'\n'),
        "the output is not one line\n{record:?}"
    );
    let written: Value = serde_json::from_slice(written)
        .unwrap_or_else(|e| panic!("the output is not JSON: {e}\n{record:?}"));
    match (result, expected) {
        (Ok(_), Some(text)) => {
            let input: Map<String, Value> = serde_json::from_slice(&line).expect("built as JSON");
            for (name, value) in &input {
                assert_eq!(&written[name], value, "field {name:?} changed\n{record:?}");
            }
            let cleaned = pipeline.clean(&text);
            assert_eq!(written["clean_text"], cleaned.body(), "{record:?}");
            if let Err(broken) = invariants::check_cleaning(&pipeline, &text) {
                panic!("{broken}\n{record:?}");
            }
        }
        (Err(why), Some(_)) => panic!("a well-formed record is refused: {why}\n{record:?}"),
        (Ok(_), None) if matches!(record, Record::NotText(_)) => {
            panic!("a field that is no string is read as text\n{record:?}")
        }
        (Err(why), _) => {
            assert_eq!(written["error"], why.as_str(), "{record:?}");
            // Nothing is lost: the line is in the output, as raw text or
            // bytes, or as the record's own fields beside the error.
            let kept = written["raw"]
                .as_str()
                .map(|raw| raw.as_bytes() == line.as_slice())
                .or_else(|| written["raw_hex"].as_str().map(|hex| hex == hex_of(&line)))
                .unwrap_or_else(|| {
                    let mut fields = written.as_object().cloned().unwrap_or_default();
                    fields.remove("error");
                    serde_json::from_slice::<Map<String, Value>>(&line)
                        .is_ok_and(|own| own == fields)
                });
            assert!(kept, "the bad record's content is lost\n{record:?}");
        }
        (Ok(_), None) => {}
    }
});

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
