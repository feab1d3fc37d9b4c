//! Other stories glued to the end of the article.
//!
//! Pages list more stories after the article: headlines with their dates
//! (`Rugby League World Cup: Dominic Young set for England debut against
//! Samoaon October 13, 2022 at 11:40 am`), teasers cut short with `...`,
//! often repeating their own first words, under a heading (`Related
//! Stories`, `Top stories on inkl right now`) or none.
//!
//! The cleaner finds where such a list starts, after the story's prose, and
//! checks the form of what follows: dated headlines, headlines followed by
//! teasers, truncated text. If a paragraph after that point continues the
//! story (it shares the story's vocabulary and follows no headline), the
//! story has not ended there, and nothing is dropped.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::TrailingStories};
//!
//! let pipeline = Pipeline::builder().cleaner(TrailingStories).build()?;
//! let cleaned = pipeline.clean(
//!     "Presidents Biden and Putin held their only face-to-face talks in Geneva in June.\n\
//!      Piano prodigy with Mozart-level talent on January 11, 2023 at 3:49 am\n\
//!      Jude's talent caught the attention of a piano tuner...\n\
//!      Estate agents warn of rising rents on March 7, 2023 at 1:36 pm\n\
//!      The boss of London's biggest estate agency says...",
//! );
//! assert_eq!(cleaned.paragraphs().count(), 1);
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::cleaners::related_links::is_related_heading;
use crate::document::LineFact;
use crate::text::{Regex, Shape, dates, has_chars, lowercase, words};
use crate::{Cleaner, Document, Marks};

/// Drops the list of other stories after the article.
#[derive(Clone, Copy, Debug, Default)]
pub struct TrailingStories;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A headline with its date.
    DatedHeadline,
    /// `Related Stories`, `More from ...`.
    Heading,
    /// A headline without a date.
    Headline,
    /// Text under a headline, or cut short with `...`.
    Teaser,
    /// Anything else: short lines, unrelated prose.
    Other,
}

impl Role {
    fn reason(self) -> &'static str {
        match self {
            Role::DatedHeadline | Role::Headline => "headline of another story",
            Role::Heading => "related-stories heading",
            Role::Teaser => "teaser of another story",
            Role::Other => "text after the story",
        }
    }
}

/// Bylines and date lines also end with a date: `By Jane Doe on May 6, 2025`.
static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|posted|published|updated|written|reviewed|edited|last|von|par|por|di|door)\b|\b(?:editor|reporter|correspondent|writer|contributor|columnist)\b")
        .expect("byline start compiles")
});

/// Whether line `i` is a headline followed by its date: not long, and with
/// digits, as a date has.
pub(crate) fn is_dated_headline(doc: &Document<'_>, i: usize) -> bool {
    static DATED_HEADLINE: LineFact<bool> = LineFact::of_lines(
        |doc, i| {
            let shape = doc.shape(i);
            shape.words <= 40 && shape.digits > 0
        },
        dated_headline,
    );
    doc.fact(&DATED_HEADLINE, i)
}

/// [`is_dated_headline`] of a line of its shape.
fn dated_headline(doc: &Document<'_>, i: usize) -> bool {
    let line = doc.line_text(i);
    // The headline is one clause with no date of its own: a line with two
    // dates is a date line, not a headline. The date is looked for first:
    // few lines end with one.
    dates::trailing_date(line).is_some_and(|(head_end, _)| {
        let head = &line[..head_end];
        Shape::of(head).inner_stops == 0 && !dates::holds_date(head) && !BYLINE_START.is_match(line)
    })
}

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&BYLINE_START);
}

impl Cleaner for TrailingStories {
    fn name(&self) -> &'static str {
        "trailing-stories"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let Some(first_prose) = doc
            .content_lines()
            .find(|&i| marks.is_kept(i) && doc.shape(i).is_prose())
        else {
            return;
        };
        let starts = list_starts(doc, marks, first_prose);
        let Some(&first_start) = starts.first() else {
            return;
        };
        let tail = Tail::of(doc, marks, first_prose, first_start);
        for start in starts {
            if let Some(from) = tail.list_from(start) {
                for &(i, role) in &tail.roles[from..] {
                    marks.remove_line(i, role.reason());
                }
                return;
            }
        }
    }
}

/// The kept lines after `first_prose` where a list of other stories may
/// start: headings and dated headlines, once most of the prose is behind
/// (teasers cut short are not the story's).
fn list_starts(doc: &Document<'_>, marks: &Marks<'_>, first_prose: usize) -> Vec<usize> {
    let prose_words: Vec<(usize, u32)> = doc
        .content_lines()
        .filter(|&i| marks.is_kept(i) && doc.shape(i).is_prose() && !doc.shape(i).ends_ellipsis)
        .map(|i| (i, doc.shape(i).words))
        .collect();
    let total: u32 = prose_words.iter().map(|&(_, w)| w).sum();
    let mut prose_before = prose_words.iter().peekable();
    let mut before = 0u32;
    (first_prose + 1..doc.len())
        .filter(|&i| {
            if !(marks.is_kept(i) && (is_related_heading(doc, i) || is_dated_headline(doc, i))) {
                return false;
            }
            while let Some(&(_, words)) = prose_before.next_if(|&&(p, _)| p < i) {
                before += words;
            }
            before * 2 >= total
        })
        .collect()
}

/// The kept lines from the first possible start of a list on, each with
/// its role, and what is needed to judge a list starting at any of them in
/// constant time.
///
/// A line's role does not depend on where the list starts (a start is a
/// heading or a dated headline whatever came before), except for prose that
/// carries on the story: whether it does depends on the story's vocabulary,
/// the words of the lines before the start, which only grows with the
/// start. So each such line gets the first start from which it reads as
/// the story carrying on.
struct Tail {
    /// Kept lines and their roles, prose that may carry on the story taken
    /// by the role it has when it does not.
    roles: Vec<(usize, Role)>,
    /// Per position in `roles`: the line from which on a list starting
    /// there is cut short by prose carrying on the story, at that position
    /// or after (`usize::MAX` for none).
    continued_from: Vec<usize>,
    /// Per position in `roles`: counts of the roles at that position and
    /// after.
    counts: Vec<RoleCounts>,
}

#[derive(Clone, Copy, Debug, Default)]
struct RoleCounts {
    dated: u32,
    teasers: u32,
    truncated: u32,
    headings: u32,
    headlines: u32,
}

impl Tail {
    fn of(doc: &Document<'_>, marks: &Marks<'_>, first_prose: usize, first_start: usize) -> Tail {
        let mut roles = Vec::new();
        // Positions in `roles` of prose that may carry on the story.
        let mut prose = Vec::new();
        let mut previous = Role::Other;
        // Lines other cleaners took play no part: cleaning the result again
        // must see the same sequence.
        for i in (first_start..doc.len()).filter(|&i| marks.is_kept(i)) {
            let shape = doc.shape(i);
            let role = if is_related_heading(doc, i) {
                Role::Heading
            } else if is_dated_headline(doc, i) {
                Role::DatedHeadline
            } else if shape.ends_ellipsis {
                Role::Teaser
            } else {
                if shape.is_prose() {
                    prose.push(roles.len());
                }
                if matches!(previous, Role::DatedHeadline | Role::Headline) && shape.words >= 6 {
                    Role::Teaser
                } else if shape.is_headline_like() && !shape.is_prose() {
                    Role::Headline
                } else {
                    Role::Other
                }
            };
            previous = role;
            roles.push((i, role));
        }

        let mut continued_from = vec![usize::MAX; roles.len() + 1];
        if let Some(&last) = prose.last() {
            let on_topic_from = on_topic_from(doc, marks, first_prose, &roles, &prose, last);
            for (&at, from) in prose.iter().zip(on_topic_from) {
                continued_from[at] = from;
            }
        }
        let mut counts = vec![RoleCounts::default(); roles.len() + 1];
        for at in (0..roles.len()).rev() {
            continued_from[at] = continued_from[at].min(continued_from[at + 1]);
            let mut c = counts[at + 1];
            let (i, role) = roles[at];
            match role {
                Role::DatedHeadline => c.dated += 1,
                Role::Teaser => {
                    c.teasers += 1;
                    if doc.shape(i).ends_ellipsis {
                        c.truncated += 1;
                    }
                }
                Role::Heading => c.headings += 1,
                Role::Headline => c.headlines += 1,
                _ => {}
            }
            counts[at] = c;
        }
        Tail {
            roles,
            continued_from,
            counts,
        }
    }

    /// The position in `roles` of line `start`, if the lines from there on
    /// read as a list of other stories.
    fn list_from(&self, start: usize) -> Option<usize> {
        let at = self.roles.binary_search_by_key(&start, |&(i, _)| i).ok()?;
        if self.continued_from[at] <= start {
            return None;
        }
        let RoleCounts {
            dated,
            teasers,
            truncated,
            headings,
            headlines,
        } = self.counts[at];
        // Under a heading, undated headlines make a list when their teasers
        // are cut short or when they have none: a full paragraph after them
        // may be the story carrying on.
        let listed = dated >= 2
            || (dated == 1 && teasers >= 1)
            || (headings >= 1 && (dated + truncated >= 1 || (headlines >= 2 && teasers == 0)));
        listed.then_some(at)
    }
}

/// For each line of `roles` at the positions `prose`: the first start of a
/// list from which its share of long words that the story used before the
/// start reaches [`ON_TOPIC`] (`usize::MAX` for none). The story's words
/// are read once, from `first_prose` to the last of those lines (`last`).
fn on_topic_from(
    doc: &Document<'_>,
    marks: &Marks<'_>,
    first_prose: usize,
    roles: &[(usize, Role)],
    prose: &[usize],
    last: usize,
) -> Vec<usize> {
    // Each long word of the story, in lowercase, with the first line that
    // has it.
    let mut first_seen: HashMap<Cow<'_, str>, usize, foldhash::fast::RandomState> =
        HashMap::default();
    let mut prose = prose.iter().map(|&at| roles[at].0).peekable();
    let mut from = Vec::new();
    let mut seen = Vec::new();
    // The line's long words, in lowercase.
    let mut long = Vec::new();
    for i in (first_prose..=roles[last].0).filter(|&i| marks.is_kept(i)) {
        long.extend(
            words(doc.line_text(i))
                .filter(|w| has_chars(w, 4))
                .map(lowercase),
        );
        if prose.next_if_eq(&i).is_some() {
            // The story before a start holds the word when the word's first
            // line is before the start.
            seen.clear();
            seen.extend(long.iter().map(|w| first_seen.get(w.as_ref()).copied()));
            from.push(first_start_on_topic(&mut seen));
        }
        for w in long.drain(..) {
            first_seen.entry(w).or_insert(i);
        }
    }
    from
}

/// Given the first line that has each long word of a line (`None` for none
/// before it), the first start of a list before which enough of them are
/// for the line to carry on the story.
fn first_start_on_topic(seen: &mut [Option<usize>]) -> usize {
    let total = seen.len();
    // The fewest shared words that are enough.
    let Some(needed) = (1..=total).find(|&shared| shared as f32 / total as f32 >= ON_TOPIC) else {
        return usize::MAX;
    };
    seen.sort_unstable_by_key(|line| line.unwrap_or(usize::MAX));
    seen[needed - 1].map_or(usize::MAX, |line| line + 1)
}

/// Lines sharing at least this much of their vocabulary with the story
/// carry it on.
const ON_TOPIC: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::dropped_lines;

    const STORY: &str = "Russian officials have denied any plans for an invasion of Ukraine, and say the troops are there for exercises.\n\
                         Presidents Biden and Putin held their only face-to-face talks on Ukraine in Geneva in June.";

    #[test]
    fn dated_headlines_with_teasers() {
        let text = format!(
            "{STORY}\nRugby League World Cup: Young set for England debut against Samoaon October 13, 2022 at 11:40 am\n\
             Winger Dominic Young is preferred to England's leading try-scorer.Winger Dominic Young is preferred to England's...\n\
             The Papers: MP safety review and terror cops probe deathon October 15, 2021 at 9:28 pm\n\
             The killing of Tory MP Sir David Amess, stabbed at his constituency surgery, leads the front pages."
        );
        assert_eq!(dropped_lines(TrailingStories, &text).len(), 4);
    }

    #[test]
    fn heading_over_headlines_and_teasers() {
        let text = format!(
            "{STORY}\nMore from World\nFloods hit southern Spain\nHundreds of people were evacuated from their homes after days of rain...\n\
             Election called in Portugal\nThe prime minister resigned on Tuesday after a corruption inquiry..."
        );
        assert_eq!(dropped_lines(TrailingStories, &text).len(), 5);
    }

    #[test]
    fn same_topic_teasers_go_by_their_form() {
        let text = format!(
            "{STORY}\nRelated Stories\nUkraine: Russia warns Nato over troops\nRussia said Nato troops near Ukraine were a provocation and warned of a response..."
        );
        assert_eq!(dropped_lines(TrailingStories, &text).len(), 3);
    }

    #[test]
    fn story_that_continues_after_a_box_stays() {
        let text = format!(
            "{STORY}\nRelated Stories\nUkraine talks stall in Geneva\n\
             Presidents Biden and Putin will hold further talks on Ukraine, officials said, as Russian troops remain near the border."
        );
        assert!(dropped_lines(TrailingStories, &text).is_empty());
    }

    #[test]
    fn a_single_dated_line_alone_is_not_a_list() {
        let text = format!("{STORY}\nLast updated on March 7, 2023 at 1:36 pm");
        assert!(dropped_lines(TrailingStories, &text).is_empty());
    }
}
