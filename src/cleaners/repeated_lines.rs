//! Short lines a page repeats around the story.
//!
//! Menus, section names and slogans appear above the story and again below
//! it (`Top Stories Today`, `World`). A short line that occurs twice or more
//! outside the story's prose, and never inside it, is chrome. A line that
//! also appears inside the story may be one of its subheadings (`Pros`,
//! `Cons`), and stays.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::RepeatedLines};
//!
//! let pipeline = Pipeline::builder().cleaner(RepeatedLines).build()?;
//! let cleaned = pipeline.clean(
//!     "Latest News\nThe bridge reopened on Friday after six months of repairs to its span.\nLatest News",
//! );
//! assert_eq!(cleaned.removals().len(), 2);
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use crate::cleaners::prose_bounds;
use crate::{Cleaner, Document, Marks};

/// Drops short lines repeated outside the story.
#[derive(Clone, Copy, Debug, Default)]
pub struct RepeatedLines;

/// Longest line, in words, that counts as a repeated menu line.
const MAX_WORDS: u32 = 8;

impl Cleaner for RepeatedLines {
    fn name(&self) -> &'static str {
        "repeated-lines"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let Some((first, last)) = prose_bounds(doc, marks) else {
            return;
        };
        let short = |i: usize| doc.shape(i).words <= MAX_WORDS && !doc.shape(i).is_prose();
        // Per key: occurrences outside the story, and inside it. Outside,
        // lines other cleaners took count too (the header's copy of a menu
        // line is often taken as a section); inside, only kept lines may
        // save a line, so that cleaning the result again drops nothing more.
        // Counted by key id: no key is hashed. Id 0 is the empty key.
        let mut counts = vec![(0u32, 0u32); doc.key_ids()];
        for i in doc.content_lines().filter(|&i| short(i)) {
            if let Some(id) = doc.nonempty_key_id(i) {
                let (outside, inside) = &mut counts[id];
                if !(first..=last).contains(&i) {
                    *outside += 1;
                } else if marks.is_kept(i) {
                    *inside += 1;
                }
            }
        }
        let repeated: Vec<usize> = doc
            .content_lines()
            .filter(|&i| marks.is_kept(i) && short(i) && !(first..=last).contains(&i))
            .filter(|&i| {
                doc.nonempty_key_id(i).is_some_and(|id| {
                    let (outside, inside) = counts[id];
                    outside >= 2 && inside == 0
                })
            })
            .collect();
        for i in repeated {
            marks.remove_line(i, "repeated line");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::dropped_lines;

    const BODY: &str =
        "The bridge reopened on Friday after six months of repairs to its main span.";

    #[test]
    fn menu_lines_above_and_below_the_story() {
        let text = format!("Top Stories Today\nWorld\n{BODY}\n{BODY}\nTop Stories Today\nWorld");
        assert_eq!(dropped_lines(RepeatedLines, &text).len(), 4);
    }

    #[test]
    fn lines_also_inside_the_story_stay() {
        let text = format!("{BODY}\nPros\n{BODY}\nPros\nPros");
        assert!(dropped_lines(RepeatedLines, &text).is_empty());
    }

    #[test]
    fn a_line_seen_once_stays() {
        let text = format!("Top Stories Today\n{BODY}\nWorld");
        assert!(dropped_lines(RepeatedLines, &text).is_empty());
    }
}
