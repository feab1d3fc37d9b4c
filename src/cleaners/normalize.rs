//! Unicode and whitespace normalisation.
//!
//! Scraped text carries non-breaking and zero-width spaces, tabs, control
//! characters, runs of spaces and decomposed accents. Left in, they split
//! words (`cafe\u{301}` is not `café`), defeat phrase matching and pass into
//! corpora. This cleaner drops invisible and control characters, makes every
//! run of whitespace inside a line one plain space, and brings lines to
//! Unicode NFC. It also sets the layout aside: the body is the kept lines,
//! trimmed, one per line, without blank lines or `\r\n` endings.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::Normalize};
//!
//! let pipeline = Pipeline::builder().cleaner(Normalize).build()?;
//! let cleaned = pipeline.clean("Caf\u{65}\u{301}\u{a0}society\u{200b}\r\n");
//! assert_eq!(cleaned.body(), "Café society");
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use unicode_normalization::{IsNormalized, is_nfc_quick};

use crate::text::is_dropped;
use crate::{Cleaner, Document, Marks, Span};

/// Drops invisible characters, squeezes whitespace, applies NFC.
#[derive(Clone, Copy, Debug, Default)]
pub struct Normalize;

impl Cleaner for Normalize {
    fn name(&self) -> &'static str {
        "normalize"
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        marks.normalize_layout();
        for i in 0..doc.len() {
            if !doc.is_normalized(i) {
                normalize_line(doc, i, marks);
            }
        }
    }
}

/// Records the edits that make line `i` read as [`Document::line_text`]
/// gives it.
fn normalize_line(doc: &Document<'_>, i: usize, marks: &mut Marks<'_>) {
    let content = doc.line(i).content;
    let line = doc.slice(content);
    let offset = content.start;
    // NFC of what is shown: a dropped character between a letter and its
    // accent leaves them to compose.
    if is_nfc_quick(line.chars().filter(|&c| !is_dropped(c))) != IsNormalized::Yes {
        marks.replace(
            content,
            doc.line_text(i).to_owned(),
            "Unicode normalisation (NFC)",
        );
        return;
    }
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            let mut plain = c == ' ';
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                plain = false;
                end = j + d.len_utf8();
                chars.next();
            }
            if !plain {
                marks.replace(Span::new(offset + i, offset + end), " ", "whitespace");
            }
        } else if is_dropped(c) {
            marks.remove_span(
                Span::new(offset + i, offset + i + c.len_utf8()),
                "invisible character",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    fn normalized(text: &str) -> String {
        let pipeline = Pipeline::builder().cleaner(Normalize).build().unwrap();
        pipeline.clean(text).body().to_owned()
    }

    #[test]
    fn plain_ascii_is_untouched_and_borrowed() {
        let pipeline = Pipeline::builder().cleaner(Normalize).build().unwrap();
        let cleaned = pipeline.clean("One line.\nAnother line.");
        assert!(cleaned.is_borrowed());
        assert!(cleaned.replacements().is_empty());
    }

    #[test]
    fn odd_spaces_become_one_plain_space() {
        assert_eq!(normalized("a\u{a0}b  c\t\td\u{2009}e"), "a b c d e");
    }

    #[test]
    fn invisible_and_control_characters_go() {
        assert_eq!(
            normalized("zero\u{200b}width\u{feff} soft\u{ad}hyphen\u{7}"),
            "zerowidth softhyphen"
        );
    }

    #[test]
    fn joiners_stay() {
        assert_eq!(normalized("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(
            normalized("Cre\u{300}me bru\u{302}le\u{301}e\u{a0}!"),
            "Crème brûlée !"
        );
    }

    #[test]
    fn crlf_and_blank_lines_are_layout() {
        let pipeline = Pipeline::builder().cleaner(Normalize).build().unwrap();
        let cleaned = pipeline.clean("First.\r\n\r\n  Second.  \r\n");
        assert_eq!(cleaned.body(), "First.\nSecond.");
        assert!(cleaned.removals().is_empty());
    }
}
