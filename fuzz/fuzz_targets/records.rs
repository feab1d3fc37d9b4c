//! The command line's records: one JSON object per line with the text in a
//! field (`text`). Whatever the line holds, reading it gives the text or
//! says what is wrong, never panics; a well-formed record gives back its
//! text exactly; cleaning that text keeps every invariant.
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

/// Longer lines are skipped: they find nothing new, only slower.
const MAX_BYTES: usize = 16 * 1024;

const FIELD: &str = "text";

/// The text of a record `line`, or what is wrong with it.
fn record_text(line: &[u8]) -> Result<String, String> {
    let line = std::str::from_utf8(line)
        .map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()))?;
    let record: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut fields) = record else {
        return Err("not a JSON object".to_owned());
    };
    match fields.remove(FIELD) {
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(format!("field {FIELD:?} is not a string")),
        None => Err(format!("no field {FIELD:?}")),
    }
}

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
                for (name, value) in others.iter().filter(|(name, _)| name != FIELD) {
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
    if line.len() > MAX_BYTES {
        return;
    }
    match (record_text(&line), expected) {
        (Ok(text), Some(expected)) => assert_eq!(text, expected, "{record:?}"),
        (Err(why), Some(_)) => panic!("a well-formed record is refused: {why}\n{record:?}"),
        (Ok(_), None) if matches!(record, Record::NotText(_)) => {
            panic!("a field that is no string is read as text\n{record:?}")
        }
        (Err(why), None) => assert!(!why.is_empty()),
        (Ok(_), None) => {}
    }
    if let Ok(text) = record_text(&line) {
        let pipeline = Pipeline::news();
        if let Err(broken) = invariants::check_cleaning(&pipeline, &text) {
            panic!("{broken}\n{record:?}");
        }
    }
});
