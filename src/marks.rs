use std::borrow::Cow;

use crate::{Document, Metadata, Span};

/// One span a cleaner dropped, with who dropped it and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Removal {
    /// The bytes dropped. For a whole line: its trimmed text.
    pub span: Span,
    /// [`Cleaner::name`](crate::Cleaner::name) of the cleaner that dropped it.
    pub cleaner: &'static str,
    /// Why, for a person reading the report: `"ad marker"`,
    /// `"paywall prompt"`, `"link to another story"`.
    pub reason: Cow<'static, str>,
}

/// A span rewritten in place: a non-breaking space made a plain space, a
/// line brought to Unicode NFC.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Replacement {
    /// The bytes replaced.
    pub span: Span,
    /// What stands in their place in the body.
    pub with: Cow<'static, str>,
    /// The cleaner that rewrote them.
    pub cleaner: &'static str,
    /// Why.
    pub reason: Cow<'static, str>,
}

/// The slot of a kept line, in the marks and in the result built from
/// them.
pub(crate) const KEPT: u32 = u32::MAX;
/// The slot of a blank line, which is neither kept nor removed: set apart
/// from `KEPT` so that whether a line is kept is one comparison, asked of
/// every line by nearly every cleaner.
const BLANK: u32 = u32::MAX - 1;

/// What the cleaners decided so far for one document: the sink
/// [`Cleaner::mark`](crate::Cleaner::mark) writes into.
///
/// Decisions only accumulate. The first cleaner to drop a line gives the
/// reason; later cleaners see [`is_removed`](Marks::is_removed) and may
/// build on it.
#[derive(Debug)]
pub struct Marks<'a> {
    /// Per line: the index in `removals` of its whole-line removal, or
    /// `KEPT`, or `BLANK`.
    slots: Vec<u32>,
    /// Per line: its trimmed text, what a removal of the line removes.
    contents: Vec<Span>,
    removals: Vec<Removal>,
    replacements: Vec<Replacement>,
    metadata: Metadata<'a>,
    cleaner: &'static str,
    layout: bool,
    /// Counts the calls that change the marks, or may: the pipeline knows
    /// from it that a cleaner would see the same marks again.
    changes: u64,
}

/// What [`Marks`] hand over to build the result.
pub(crate) struct Decisions<'a> {
    /// Per line: the index of its whole-line removal, or `u32::MAX`.
    pub lines: Vec<u32>,
    pub removals: Vec<Removal>,
    pub replacements: Vec<Replacement>,
    pub metadata: Metadata<'a>,
    pub layout: bool,
}

impl<'a> Marks<'a> {
    /// Empty marks for `doc`.
    #[must_use]
    pub fn new(doc: &Document<'a>) -> Marks<'a> {
        let mut slots = doc.buffer();
        slots.extend(
            doc.lines()
                .iter()
                .map(|l| if l.is_blank() { BLANK } else { KEPT }),
        );
        let mut contents = doc.buffer();
        contents.extend(doc.lines().iter().map(|l| l.content));
        // Room for a removal per line: pages are only touched (and paid
        // for) as removals are written, and growing by doubling would copy
        // them again and again.
        let removals = doc.result_buffer(doc.len());
        Marks {
            slots,
            contents,
            removals,
            replacements: Vec::new(),
            metadata: Metadata::default(),
            cleaner: "",
            layout: false,
            changes: 0,
        }
    }

    /// Names the cleaner whose decisions follow; the pipeline calls it before
    /// each cleaner runs.
    pub fn set_cleaner(&mut self, name: &'static str) {
        self.cleaner = name;
    }

    /// Drops line `line` for `reason`. Returns `false`, changing nothing,
    /// when the line was already dropped, is blank or does not exist.
    pub fn remove_line(&mut self, line: usize, reason: impl Into<Cow<'static, str>>) -> bool {
        let Some(slot) = self.slots.get_mut(line) else {
            return false;
        };
        if *slot != KEPT {
            return false;
        }
        *slot = self.removals.len() as u32;
        self.changes += 1;
        let span = self.contents[line];
        self.removals.push(Removal {
            span,
            cleaner: self.cleaner,
            reason: reason.into(),
        });
        true
    }

    /// Drops part of a line. Whole-line removals take precedence over it.
    pub fn remove_span(&mut self, span: Span, reason: impl Into<Cow<'static, str>>) {
        if span.is_empty() {
            return;
        }
        self.changes += 1;
        self.removals.push(Removal {
            span,
            cleaner: self.cleaner,
            reason: reason.into(),
        });
    }

    /// Puts `with` in place of `span` in the body.
    pub fn replace(
        &mut self,
        span: Span,
        with: impl Into<Cow<'static, str>>,
        reason: impl Into<Cow<'static, str>>,
    ) {
        self.changes += 1;
        self.replacements.push(Replacement {
            span,
            with: with.into(),
            cleaner: self.cleaner,
            reason: reason.into(),
        });
    }

    /// Whether a cleaner dropped line `line` whole.
    #[must_use]
    pub fn is_removed(&self, line: usize) -> bool {
        self.slots.get(line).is_some_and(|&slot| slot < BLANK)
    }

    /// The removal that dropped line `line`, if one did.
    #[must_use]
    pub fn removal_of(&self, line: usize) -> Option<&Removal> {
        match self.slots.get(line) {
            Some(&slot) if slot < BLANK => self.removals.get(slot as usize),
            _ => None,
        }
    }

    /// Every removal so far, in the order they were made.
    #[must_use]
    pub fn removals(&self) -> &[Removal] {
        &self.removals
    }

    /// The metadata found so far.
    #[must_use]
    pub fn metadata(&self) -> &Metadata<'a> {
        &self.metadata
    }

    /// The metadata, for cleaners that find some.
    pub fn metadata_mut(&mut self) -> &mut Metadata<'a> {
        &mut self.metadata
    }

    /// Whether line `line` is still kept and not blank.
    #[must_use]
    pub fn is_kept(&self, line: usize) -> bool {
        self.slots.get(line) == Some(&KEPT)
    }

    /// Sets the layout aside: the body becomes the kept lines without
    /// their surrounding whitespace, one per line, with blank lines and line
    /// endings dropped. Without this, kept lines keep their whitespace and
    /// endings, and a pipeline that drops nothing returns its input as it
    /// was.
    pub fn normalize_layout(&mut self) {
        self.changes += u64::from(!self.layout);
        self.layout = true;
    }

    /// Whether a cleaner set the layout aside.
    #[must_use]
    pub fn is_layout_normalized(&self) -> bool {
        self.layout
    }

    /// How many calls have changed the marks, or may have: equal counts
    /// mean equal marks.
    pub(crate) fn changes(&self) -> u64 {
        self.changes
    }

    /// Counts a change the marks cannot see for themselves.
    pub(crate) fn count_change(&mut self) {
        self.changes += 1;
    }

    /// The decisions, giving the memory of the marks' table back to `doc`.
    pub(crate) fn into_decisions(self, doc: &Document<'a>) -> Decisions<'a> {
        let mut lines = doc.result_buffer(self.slots.len());
        lines.extend(
            self.slots
                .iter()
                // The result reads blank lines' slots as kept ones.
                .map(|&slot| if slot == BLANK { KEPT } else { slot }),
        );
        doc.recycle(self.slots);
        doc.recycle(self.contents);
        Decisions {
            lines,
            removals: self.removals,
            replacements: self.replacements,
            metadata: self.metadata,
            layout: self.layout,
        }
    }
}
