use std::borrow::Cow;
use std::fmt;
use std::mem;
use std::ops::Range;
use std::sync::{Arc, Weak};

use crate::marks::{Decisions, KEPT, Removal, Replacement};
use crate::scratch::{Scratch, ScratchPool};
use crate::{Document, Line, Marks, Metadata, Span};

/// What a [`Pipeline`](crate::Pipeline) made of one text: the kept
/// paragraphs, the metadata, and every removal with its reason.
///
/// Spans in [`removals`](Cleaned::removals) and
/// [`segments`](Cleaned::segments) index [`source`](Cleaned::source): the
/// input itself for [`Pipeline::clean`](crate::Pipeline::clean).
///
/// Dropped, it gives the memory of its tables back to the pipeline that
/// made it, if that is still alive, for its next cleaning.
#[derive(Clone)]
pub struct Cleaned<'a> {
    source: Cow<'a, str>,
    body: Body,
    metadata: Metadata<'a>,
    tables: Tables,
    replacements: Vec<Replacement>,
    /// Sub-line edits on kept lines, sorted by position.
    edits: Vec<Edit>,
    /// Whether the layout was set aside (see [`Marks::normalize_layout`]).
    layout: bool,
}

/// The tables of a [`Cleaned`] with a value per line or per removal, in a
/// type of their own with no lifetime: they go back to the pipeline when
/// dropped, and a `Drop` on `Cleaned` would keep its input borrowed until
/// then.
#[derive(Clone)]
struct Tables {
    lines: Vec<Line>,
    /// Per line: the index in `removals` of its whole-line removal, or
    /// `KEPT`.
    slots: Vec<u32>,
    removals: Vec<Removal>,
    /// Where the tables go when dropped: the memory of the pipeline that
    /// made them, for its next cleaning.
    pool: Weak<ScratchPool>,
}

impl Drop for Tables {
    /// A run of large documents reuses the memory rather than asking the
    /// system for it again (see the `scratch` module).
    fn drop(&mut self) {
        if let Some(pool) = self.pool.upgrade() {
            pool.give_back(|scratch| {
                scratch.give_back(mem::take(&mut self.lines));
                scratch.give_back(mem::take(&mut self.slots));
                scratch.give_back(mem::take(&mut self.removals));
            });
        }
    }
}

impl fmt::Debug for Cleaned<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cleaned")
            .field("source", &self.source)
            .field("body", &self.body)
            .field("metadata", &self.metadata)
            .field("lines", &self.tables.lines)
            .field("slots", &self.tables.slots)
            .field("removals", &self.tables.removals)
            .field("replacements", &self.replacements)
            .field("edits", &self.edits)
            .field("layout", &self.layout)
            .finish()
    }
}

#[derive(Clone, Debug)]
enum Body {
    /// The body is this range of the source, unchanged.
    Borrowed(Range<usize>),
    Owned(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Removal(u32),
    Replacement(u32),
}

/// What became of one span of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict<'c> {
    /// Kept in the body.
    Kept,
    /// Dropped by a cleaner.
    Removed(&'c Removal),
    /// Rewritten by a cleaner.
    Replaced(&'c Replacement),
    /// Line breaks, blank lines and whitespace around lines: the body's
    /// layout is rebuilt, so these are neither kept nor removed.
    Layout,
}

/// What became of one source line, as [`Cleaned::line_verdicts`] tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineVerdict<'c> {
    /// Kept as it was.
    Kept,
    /// Kept, with part of it dropped or rewritten: the first such edit.
    Edited(Verdict<'c>),
    /// Dropped whole.
    Removed(&'c Removal),
    /// Blank: layout only.
    Blank,
}

/// One span of the source and its [`Verdict`]. The segments of a
/// [`Cleaned`] tile its source exactly, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'c> {
    /// Where it is.
    pub span: Span,
    /// What became of it.
    pub verdict: Verdict<'c>,
}

impl<'a> Cleaned<'a> {
    /// The result of `marks` on `doc`, which it takes to keep its lines
    /// rather than a copy of them; and the memory of the document's
    /// tables, for the next. Its own tables go to `pool` when it is
    /// dropped.
    pub(crate) fn new(
        doc: Document<'a>,
        marks: Marks<'a>,
        pool: &Arc<ScratchPool>,
    ) -> (Cleaned<'a>, Scratch) {
        let Decisions {
            lines: mut slots,
            removals,
            replacements,
            metadata,
            layout,
        } = marks.into_decisions(&doc);
        let text = doc.text();
        let (lines, scratch) = doc.into_parts();

        // Sub-line edits: removals no whole-line removal already is, and
        // replacements. Invalid or overlapping ones are ignored.
        let mut whole_line = vec![false; removals.len()];
        for &slot in &slots {
            if slot != KEPT {
                whole_line[slot as usize] = true;
            }
        }
        let mut partial: Vec<(Span, Edit)> = (0..removals.len())
            .filter(|&i| !whole_line[i])
            .map(|i| (removals[i].span, Edit::Removal(i as u32)))
            .chain(
                (0..replacements.len())
                    .map(|i| (replacements[i].span, Edit::Replacement(i as u32))),
            )
            .collect();
        partial.sort_by_key(|&(span, _)| (span.start, span.end));
        let mut edits = Vec::new();
        let mut last_end = 0;
        for (span, edit) in partial {
            let valid = span.start >= last_end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
                && within_kept_line(&lines, &slots, span);
            if valid {
                edits.push(edit);
                last_end = span.end;
            }
        }

        // Only edits that took effect are reported, renumbered in source
        // order.
        let mut effective = whole_line;
        let mut replacement_used = vec![false; replacements.len()];
        for edit in &edits {
            match *edit {
                Edit::Removal(i) => effective[i as usize] = true,
                Edit::Replacement(i) => replacement_used[i as usize] = true,
            }
        }
        let (removals, removal_index) = renumber(removals, &effective, |r| r.span.start);
        let (replacements, replacement_index) =
            renumber(replacements, &replacement_used, |r| r.span.start);
        for slot in &mut slots {
            if *slot != KEPT {
                *slot = removal_index[*slot as usize];
            }
        }
        for edit in &mut edits {
            match edit {
                Edit::Removal(i) => *i = removal_index[*i as usize],
                Edit::Replacement(i) => *i = replacement_index[*i as usize],
            }
        }

        let mut cleaned = Cleaned {
            source: Cow::Borrowed(text),
            body: Body::Borrowed(0..0),
            metadata,
            tables: Tables {
                lines,
                slots,
                removals,
                pool: Arc::downgrade(pool),
            },
            replacements,
            edits,
            layout,
        };
        cleaned.body = cleaned.build_body(text);
        (cleaned, scratch)
    }

    /// The same result, owning its text and metadata.
    #[must_use]
    pub fn into_owned(self) -> Cleaned<'static> {
        Cleaned {
            source: Cow::Owned(self.source.into_owned()),
            body: self.body,
            metadata: self.metadata.into_owned(),
            tables: self.tables,
            replacements: self.replacements,
            edits: self.edits,
            layout: self.layout,
        }
    }

    /// The kept paragraphs, one per line, without a final newline.
    #[must_use]
    pub fn body(&self) -> &str {
        match &self.body {
            Body::Borrowed(range) => &self.source[range.clone()],
            Body::Owned(body) => body,
        }
    }

    /// The body, borrowed from the input when it is an unchanged slice of
    /// it.
    #[must_use]
    pub fn into_body(self) -> Cow<'a, str> {
        match (self.body, self.source) {
            (Body::Borrowed(range), Cow::Borrowed(source)) => Cow::Borrowed(&source[range]),
            (Body::Borrowed(range), Cow::Owned(mut source)) => {
                source.truncate(range.end);
                source.drain(..range.start);
                Cow::Owned(source)
            }
            (Body::Owned(body), _) => Cow::Owned(body),
        }
    }

    /// Whether the body is a slice of the input, made without copying.
    #[must_use]
    pub fn is_borrowed(&self) -> bool {
        matches!(self.body, Body::Borrowed(_)) && matches!(self.source, Cow::Borrowed(_))
    }

    /// The kept paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body().split('\n').filter(|p| !p.is_empty())
    }

    /// Title, byline, dates, publisher, section, captions.
    #[must_use]
    pub fn metadata(&self) -> &Metadata<'a> {
        &self.metadata
    }

    /// Every removal, in source order.
    #[must_use]
    pub fn removals(&self) -> &[Removal] {
        &self.tables.removals
    }

    /// Every rewrite (whitespace and Unicode normalisation), in the order the
    /// cleaners made them.
    #[must_use]
    pub fn replacements(&self) -> &[Replacement] {
        &self.replacements
    }

    /// The text all spans index.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text of a span of the source.
    #[must_use]
    pub fn text_of(&self, span: Span) -> &str {
        self.source.get(span.range()).unwrap_or_default()
    }

    /// The source, cut into spans that say what became of each, in order.
    #[must_use]
    pub fn segments(&self) -> Vec<Segment<'_>> {
        let mut out = Vec::with_capacity(self.tables.lines.len() * 3);
        let mut edits = self.edits.iter().peekable();
        for (line, slot) in self.line_slots() {
            let edges = if slot == KEPT && !self.layout {
                Verdict::Kept
            } else {
                Verdict::Layout
            };
            push(
                &mut out,
                Span::new(line.span.start, line.content.start),
                edges,
            );
            if slot != KEPT {
                let removal = &self.tables.removals[slot as usize];
                push(&mut out, line.content, Verdict::Removed(removal));
            } else {
                let mut at = line.content.start;
                while let Some(&&edit) = edits.peek() {
                    let (span, verdict) = self.edit(edit);
                    if span.start >= line.content.end {
                        break;
                    }
                    edits.next();
                    push(&mut out, Span::new(at, span.start), Verdict::Kept);
                    push(&mut out, span, verdict);
                    at = span.end;
                }
                push(&mut out, Span::new(at, line.content.end), Verdict::Kept);
            }
            push(&mut out, Span::new(line.content.end, line.span.end), edges);
        }
        out
    }

    /// Each source line (its trimmed text, or the whole line when blank)
    /// with what became of it, for a person checking the result.
    pub fn line_verdicts(&self) -> impl Iterator<Item = (Span, LineVerdict<'_>)> {
        let mut edits = self.edits.iter().peekable();
        self.line_slots().map(move |(line, slot)| {
            if line.is_blank() {
                return (line.span, LineVerdict::Blank);
            }
            if slot != KEPT {
                return (
                    line.content,
                    LineVerdict::Removed(&self.tables.removals[slot as usize]),
                );
            }
            let mut verdict = LineVerdict::Kept;
            while let Some(&&edit) = edits.peek() {
                let (span, edit_verdict) = self.edit(edit);
                if span.start >= line.content.end {
                    break;
                }
                edits.next();
                if verdict == LineVerdict::Kept {
                    verdict = LineVerdict::Edited(edit_verdict);
                }
            }
            (line.content, verdict)
        })
    }

    /// Each line with its slot.
    fn line_slots(&self) -> impl Iterator<Item = (Line, u32)> + '_ {
        self.tables
            .lines
            .iter()
            .copied()
            .zip(self.tables.slots.iter().copied())
    }

    fn edit(&self, edit: Edit) -> (Span, Verdict<'_>) {
        match edit {
            Edit::Removal(i) => {
                let removal = &self.tables.removals[i as usize];
                (removal.span, Verdict::Removed(removal))
            }
            Edit::Replacement(i) => {
                let replacement = &self.replacements[i as usize];
                (replacement.span, Verdict::Replaced(replacement))
            }
        }
    }

    fn build_body(&self, text: &str) -> Body {
        if let Some(range) = self.contiguous_body(text) {
            return Body::Borrowed(range);
        }
        let mut body = String::with_capacity(text.len());
        let mut edits = self.edits.iter().peekable();
        let mut edited = String::new();
        for (line, slot) in self.line_slots() {
            if slot != KEPT || (self.layout && line.is_blank()) {
                continue;
            }
            let has_edits = edits
                .peek()
                .is_some_and(|&&edit| self.edit(edit).0.start < line.content.end);
            let content = if has_edits {
                edited.clear();
                let mut at = line.content.start;
                while let Some(&&edit) = edits.peek() {
                    let (span, _) = self.edit(edit);
                    if span.start >= line.content.end {
                        break;
                    }
                    edits.next();
                    edited.push_str(&text[at..span.start]);
                    if let Edit::Replacement(i) = edit {
                        edited.push_str(&self.replacements[i as usize].with);
                    }
                    at = span.end;
                }
                edited.push_str(&text[at..line.content.end]);
                squeeze_spaces(&mut edited);
                edited.as_str()
            } else {
                &text[line.content.range()]
            };
            if self.layout {
                if content.is_empty() {
                    continue;
                }
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(content);
            } else {
                body.push_str(&text[line.span.start..line.content.start]);
                body.push_str(content);
                body.push_str(&text[line.content.end..line.span.end]);
            }
        }
        body.shrink_to_fit();
        Body::Owned(body)
    }

    /// The body's range in `text` when it is an unchanged slice of it: the
    /// kept lines sit one after another (separated by single `\n` when the
    /// layout is set aside) and none is edited.
    fn contiguous_body(&self, text: &str) -> Option<Range<usize>> {
        if !self.edits.is_empty() {
            return None;
        }
        let mut range: Option<Range<usize>> = None;
        for (line, slot) in self.line_slots() {
            if slot != KEPT || (self.layout && line.is_blank()) {
                continue;
            }
            let piece = if self.layout { line.content } else { line.span };
            range = Some(match range {
                None => piece.range(),
                Some(r)
                    if self.layout
                        && r.end + 1 == piece.start
                        && text.as_bytes()[r.end] == b'\n' =>
                {
                    r.start..piece.end
                }
                Some(r) if !self.layout && r.end == piece.start => r.start..piece.end,
                Some(_) => return None,
            });
        }
        Some(range.unwrap_or(0..0))
    }
}

/// Keeps the items flagged in `keep`, sorted by `position`, and maps each
/// old index to its new one (`KEPT` for those dropped). The items are
/// sorted within their own vector, not moved along the cycles of the
/// permutation: a document's removals come in a few sorted runs (one per
/// cleaner and round), which a stable sort merges reading them in order,
/// while following cycles reads them in no order, one cache miss after
/// another once they outgrow the caches.
fn renumber<T>(
    mut items: Vec<T>,
    keep: &[bool],
    position: impl Fn(&T) -> usize,
) -> (Vec<T>, Vec<u32>) {
    let mut order: Vec<u32> = (0..items.len() as u32)
        .filter(|&i| keep[i as usize])
        .collect();
    order.sort_by_key(|&i| position(&items[i as usize]));
    let mut index = vec![KEPT; items.len()];
    for (new, &old) in order.iter().enumerate() {
        index[old as usize] = new as u32;
    }
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(false));
    // Stable, as the sort of `order`: the same items in the same order.
    // When one cleaner made them all they are in order already, and the
    // sort's scratch memory (half the items) is not asked for.
    if !items.is_sorted_by_key(&position) {
        items.sort_by_key(&position);
    }
    (items, index)
}

fn push<'c>(out: &mut Vec<Segment<'c>>, span: Span, verdict: Verdict<'c>) {
    if !span.is_empty() {
        out.push(Segment { span, verdict });
    }
}

fn within_kept_line(lines: &[Line], slots: &[u32], span: Span) -> bool {
    let i = lines.partition_point(|line| line.span.end <= span.start);
    lines
        .get(i)
        .is_some_and(|line| slots[i] == KEPT && line.content.contains(span))
}

/// Trims `line` and turns runs of spaces left by dropped spans into one.
fn squeeze_spaces(line: &mut String) {
    if line.contains("  ") || line.starts_with(' ') || line.ends_with(' ') {
        let squeezed = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        *line = squeezed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A dropped result gives its tables back to the pipeline that made it,
    /// whose next cleaning writes its own there: a large document's are
    /// not asked of the system again.
    #[test]
    fn the_next_cleaning_writes_its_removals_where_a_dropped_result_had() {
        let text = "- Advertisement -\n".repeat(1000) + "The council met on Tuesday.";
        let pipeline = crate::Pipeline::news();
        let first = pipeline.clean(&text);
        assert_eq!(first.removals().len(), 1000);
        let (address, capacity) = (first.removals().as_ptr(), first.tables.removals.capacity());
        drop(first);
        // Were the block freed, the allocator could give it to this, and
        // the next cleaning other memory.
        let held: Vec<Removal> = Vec::with_capacity(capacity);
        let second = pipeline.clean(&text);
        assert_eq!(second.removals().as_ptr(), address);
        assert_eq!(
            format!("{second:?}"),
            format!("{:?}", pipeline.clean(&text))
        );
        drop(held);
    }

    #[test]
    fn renumber_keeps_the_flagged_in_position_order() {
        let items = vec![(30, 'a'), (10, 'b'), (20, 'c'), (5, 'd')];
        let (kept, index) = renumber(items, &[true, true, false, true], |&(at, _)| at);
        assert_eq!(kept, [(5, 'd'), (10, 'b'), (30, 'a')]);
        assert_eq!(index, [2, 1, KEPT, 0]);
    }

    proptest! {
        /// Against the plain definition: filter, then a stable sort.
        #[test]
        fn renumber_is_a_filter_and_a_stable_sort(
            items in proptest::collection::vec((0usize..8, any::<bool>()), 0..40),
        ) {
            let keep: Vec<bool> = items.iter().map(|&(_, k)| k).collect();
            let tagged: Vec<(usize, usize)> =
                items.iter().enumerate().map(|(i, &(at, _))| (at, i)).collect();
            let mut expected: Vec<(usize, usize)> =
                tagged.iter().copied().filter(|&(_, i)| keep[i]).collect();
            expected.sort_by_key(|&(at, _)| at);
            let (kept, index) = renumber(tagged, &keep, |&(at, _)| at);
            prop_assert_eq!(&kept, &expected);
            for (old, &new) in index.iter().enumerate() {
                if keep[old] {
                    prop_assert_eq!(kept[new as usize].1, old);
                } else {
                    prop_assert_eq!(new, KEPT);
                }
            }
        }
    }
}
