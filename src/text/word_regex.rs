//! Regular expressions for matching line by line, fast on any text.
//!
//! The `regex` crate's fast engines handle a Unicode `\b` only on ASCII
//! text; on a line with one accented letter or curly quote they fall back to
//! engines a hundred times slower. So each pattern with `\b` or `\B` is also
//! compiled without them: that looser pattern matches wherever the real one
//! does, runs on the fast engines, and finds where in a non-ASCII line the
//! real one can first match. The real one then searches from there, with the
//! text before as context, and gives exactly the matches it gives alone.
//!
//! Most lines match none of the patterns, and for a pattern anchored at the
//! start a call costs more than the search. So such a pattern also knows the
//! first two bytes its matches may start with, and a line that starts
//! otherwise is not searched. A pattern that may match anywhere knows the
//! literals its matches start with, when there are few: one search for them
//! over a whole document tells which lines may match (see
//! [`Document::key_matches`](crate::Document)).

use std::iter;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor, Literal};

use super::Bits;

/// A compiled pattern, searched as [`regex::Regex`] searches it. Patterns
/// must not match the empty string.
#[derive(Clone, Debug)]
pub(crate) struct Regex {
    full: regex::Regex,
    /// The pattern without word-boundary assertions, when it has any.
    loose: Option<regex::Regex>,
    /// For a pattern anchored at the start: the pairs of bytes its matches
    /// may start with, a bit for each (see [`first_pairs`]).
    starts: Option<Bits>,
    /// For a pattern that may match anywhere: the literals its matches
    /// start with, when there are few and none short.
    start_literals: Option<AhoCorasick>,
}

#[cfg(test)]
thread_local! {
    /// How many patterns (and sets of phrases) this thread compiled: tests
    /// read when.
    pub(crate) static COMPILED_ON_THIS_THREAD: std::cell::Cell<usize> =
        const { std::cell::Cell::new(0) };
}

impl Regex {
    pub(crate) fn new(pattern: &str) -> Result<Regex, regex::Error> {
        #[cfg(test)]
        COMPILED_ON_THIS_THREAD.with(|count| count.set(count.get() + 1));
        let full = regex::Regex::new(pattern)?;
        let stripped = without_word_boundaries(pattern);
        let loose = if stripped == pattern {
            None
        } else {
            Some(regex::Regex::new(&stripped)?)
        };
        // The literals every match starts with, read once for both uses.
        let (starts, start_literals) = match regex_syntax::parse(pattern) {
            Ok(hir) if hir.properties().look_set_prefix().contains(Look::Start) => {
                // Only the first two bytes of each are needed: cut there, the
                // literals stay few even where a class as large as Unicode's
                // digits starts them, or a case-insensitive alternation.
                let prefixes = Extractor::new()
                    .kind(ExtractKind::Prefix)
                    .limit_literal_len(2)
                    .limit_class(MAX_FIRST_CLASS)
                    .limit_total(MAX_FIRST_LITERALS)
                    .extract(&hir);
                (prefixes.literals().and_then(first_pairs), None)
            }
            Ok(hir) => {
                let prefixes = Extractor::new()
                    .kind(ExtractKind::Prefix)
                    .limit_literal_len(MAX_START_LITERAL_LEN)
                    .extract(&hir);
                (None, prefixes.literals().and_then(start_literals))
            }
            Err(_) => (None, None),
        };
        Ok(Regex {
            full,
            loose,
            starts,
            start_literals,
        })
    }

    /// Positions in `text`, in order, that hold every place a match of this
    /// pattern in a line of `text` may start, and more; `None` when any place
    /// may. A line (of text split at `\n`) where none is needs no search.
    pub(crate) fn match_starts<'t>(
        &'t self,
        text: &'t str,
    ) -> Option<impl Iterator<Item = usize> + use<'t>> {
        let literals = self.start_literals.as_ref()?;
        // Leftmost-first: a hit hides others only in its own line, which it
        // already names.
        Some(literals.find_iter(text).map(|hit| hit.start()))
    }

    /// Where a match may start, at `start` or after: `None` when there is
    /// none.
    fn skip(&self, haystack: &str, start: usize) -> Option<usize> {
        if let Some(starts) = &self.starts {
            let pair = match haystack.as_bytes() {
                [a, b, ..] => usize::from(*a) << 8 | usize::from(*b),
                [a] => usize::from(*a) << 8,
                [] => return None,
            };
            if start > 0 || !starts.get(pair) {
                return None;
            }
        }
        match &self.loose {
            Some(loose) if !haystack.is_ascii() => {
                loose.find_at(haystack, start).map(|m| m.start())
            }
            _ => Some(start),
        }
    }

    /// The pattern, as written.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        self.full.as_str()
    }

    // Inlined into the cleaners' modules, as `Document::line_text` is.
    #[inline]
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.skip(haystack, 0)
            .is_some_and(|at| self.full.is_match_at(haystack, at))
    }

    pub(crate) fn captures<'h>(&self, haystack: &'h str) -> Option<regex::Captures<'h>> {
        let at = self.skip(haystack, 0)?;
        self.full.captures_at(haystack, at)
    }

    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = regex::Match<'h>> + use<'r, 'h> {
        let mut at = 0;
        iter::from_fn(move || {
            let start = self.skip(haystack, at)?;
            let found = self.full.find_at(haystack, start)?;
            debug_assert!(!found.is_empty(), "patterns match at least one character");
            at = found.end();
            Some(found)
        })
    }
}

/// Most characters a class may have for its pairs to be listed: more than
/// Unicode's decimal digits, fewer than its letters.
const MAX_FIRST_CLASS: usize = 4096;
/// Most literals listed on the way to the pairs: bounds the work of
/// optional prefixes followed by such classes.
const MAX_FIRST_LITERALS: usize = 1 << 16;

/// For a pattern whose every match starts at the start of the text, with
/// one of `literals`, none empty: the pairs of bytes those start with. A
/// literal of one byte may go on with any, or end the text, which reads as
/// a second byte 0.
fn first_pairs(literals: &[Literal]) -> Option<Bits> {
    let mut pairs = Bits::new(1 << 16);
    let mut add = |a: u8, b: u8| pairs.set(usize::from(a) << 8 | usize::from(b));
    for literal in literals {
        match *literal.as_bytes() {
            [a, b, ..] => add(a, b),
            [a] => (0..=u8::MAX).for_each(|b| add(a, b)),
            [] => return None,
        }
    }
    Some(pairs)
}

/// Shortest literal worth searching a document for, and most literals.
const MIN_START_LITERAL: usize = 3;
const MAX_START_LITERALS: usize = 256;

/// Longest literal searched for: the alternatives of a pattern that share
/// their first eight bytes are then one literal, and few literals are
/// searched for many at a time (with SIMD, up to 64), where many would be
/// searched a byte at a time. Few lines start eight bytes of one anyway.
const MAX_START_LITERAL_LEN: usize = 8;

/// For a pattern whose every match starts with one of `literals`, all at
/// least [`MIN_START_LITERAL`] bytes and none holding a line break: a
/// searcher for them.
fn start_literals(literals: &[Literal]) -> Option<AhoCorasick> {
    let mut literals: Vec<Vec<u8>> = literals
        .iter()
        .map(|literal| literal.as_bytes().to_vec())
        .collect();
    literals.sort_unstable();
    literals.dedup();
    let usable =
        |literal: &Vec<u8>| literal.len() >= MIN_START_LITERAL && !literal.contains(&b'\n');
    if literals.is_empty() || literals.len() > MAX_START_LITERALS || !literals.iter().all(usable) {
        return None;
    }
    // A DFA: built once, and it is searched over whole documents.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostFirst)
        .build(&literals)
        .ok()
}

/// `pattern` with every `\b` and `\B` taken out.
fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {}
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_come_out_and_other_escapes_stay() {
        assert_eq!(
            without_word_boundaries(r"\bcredit\B\s*:\\b\p{L}"),
            r"credit\s*:\\b\p{L}"
        );
    }

    /// Checks that `pattern` finds in each of `haystacks` what the regex
    /// crate finds.
    fn assert_same(pattern: &str, haystacks: &[&str]) {
        let ours = Regex::new(pattern).unwrap();
        let theirs = regex::Regex::new(pattern).unwrap();
        for &haystack in haystacks {
            assert_eq!(
                ours.is_match(haystack),
                theirs.is_match(haystack),
                "{haystack}"
            );
            let a: Vec<_> = ours.find_iter(haystack).map(|m| m.range()).collect();
            let b: Vec<_> = theirs.find_iter(haystack).map(|m| m.range()).collect();
            assert_eq!(a, b, "{haystack}");
            let a = ours.captures(haystack).map(|c| c.get(0).unwrap().range());
            let b = theirs.captures(haystack).map(|c| c.get(0).unwrap().range());
            assert_eq!(a, b, "{haystack}");
        }
    }

    #[test]
    fn matches_are_searched_for_by_their_first_eight_bytes() {
        let regex = Regex::new(r"\bsubscribe at any time\b|\bsubscribers only\b").unwrap();
        // `subscrib` stands for both.
        assert_eq!(
            regex.start_literals.as_ref().map(AhoCorasick::patterns_len),
            Some(1)
        );
    }

    #[test]
    fn anchored_patterns_know_how_their_matches_start() {
        assert!(Regex::new(r"\bshare\b").unwrap().starts.is_none());
        // Unicode's letters are too many to list.
        assert!(Regex::new(r"^\w+ comments$").unwrap().starts.is_none());
        let cases: [(&str, &[&str]); 4] = [
            (
                r"(?i)^(?:share|follow) (?:us|me)$",
                &[
                    "share us",
                    "SHARE me",
                    "Follow us",
                    "fo",
                    "",
                    "xshare us",
                    "sharing",
                ],
            ),
            // A literal of one byte, which may be the whole text.
            (r"^(?:a|share)", &["a", "ab", "share", "sh", "s", "b", ""]),
            // Unicode's digits, after an optional group.
            (
                r"^(?:\d{1,2}:)?\d{1,2}:\d{2}$",
                &["1:23", "12:34:56", "٣:٣٠", "१२:३४", "x1:23", "1", ":12", ""],
            ),
            (
                r"^\d+ comments$",
                &["12 comments", "٣ comments", "comments"],
            ),
        ];
        for (pattern, haystacks) in cases {
            assert!(Regex::new(pattern).unwrap().starts.is_some(), "{pattern}");
            assert_same(pattern, haystacks);
        }
    }

    #[test]
    fn matches_as_the_regex_crate_does_on_non_ascii_text() {
        assert_same(
            r"(?i)\b(?:may|mai|maj)\s+\d{4}\b",
            &[
                "Published 3 May 2023 · updated 4 mai 2024",
                "éMay 2023 and May 20234 and «May 2023»",
                "Ümai 2023, naïve May 2023é, “MAJ 1999”",
                "no date here, café",
            ],
        );
    }
}
