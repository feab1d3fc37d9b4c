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
use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::cleaners::related_links::is_related_heading;
use crate::document::LineFact;
use crate::text::{Shape, dates, has_chars, lowercase, words};
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
    /// Prose that carries on the story.
    Continuation,
    /// Anything else: short lines, unrelated prose.
    Other,
}

impl Role {
    fn reason(self) -> &'static str {
        match self {
            Role::DatedHeadline | Role::Headline => "headline of another story",
            Role::Heading => "related-stories heading",
            Role::Teaser => "teaser of another story",
            Role::Continuation | Role::Other => "text after the story",
        }
    }
}

/// Bylines and date lines also end with a date: `By Jane Doe on May 6, 2025`.
static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|posted|published|updated|written|reviewed|edited|last|von|par|por|di|door)\b|\b(?:editor|reporter|correspondent|writer|contributor|columnist)\b")
        .expect("byline start compiles")
});

/// Whether line `i` is a headline followed by its date.
pub(crate) fn is_dated_headline(doc: &Document<'_>, i: usize) -> bool {
    static DATED_HEADLINE: LineFact<bool> = LineFact::new(dated_headline);
    doc.fact(&DATED_HEADLINE, i)
}

fn dated_headline(doc: &Document<'_>, i: usize) -> bool {
    if doc.shape(i).words > 40 {
        return false;
    }
    let line = doc.line_text(i);
    if BYLINE_START.is_match(line) {
        return false;
    }
    // The headline is one clause with no date of its own: a line with two
    // dates is a date line, not a headline.
    dates::trailing_date(line).is_some_and(|(head_end, _)| {
        let head = &line[..head_end];
        Shape::of(head).inner_stops == 0 && !dates::holds_date(head)
    })
}

/// Share of a line's long words that the story used too.
fn overlap(line: &str, vocabulary: &HashSet<Cow<'_, str>>) -> f32 {
    let mut total = 0;
    let mut shared = 0;
    for w in words(line).filter(|w| has_chars(w, 4)) {
        total += 1;
        if vocabulary.contains(lowercase(w).as_ref()) {
            shared += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        shared as f32 / total as f32
    }
}

/// Lines sharing at least this much of their vocabulary with the story
/// carry it on.
const ON_TOPIC: f32 = 0.5;

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
        // Other stories follow the story: a list can only start once most
        // of the prose is behind (teasers cut short are not the story's).
        let prose_words: Vec<(usize, u32)> = doc
            .content_lines()
            .filter(|&i| marks.is_kept(i) && doc.shape(i).is_prose() && !doc.shape(i).ends_ellipsis)
            .map(|i| (i, doc.shape(i).words))
            .collect();
        let total: u32 = prose_words.iter().map(|&(_, w)| w).sum();
        let mostly_behind = |start: usize| {
            let before: u32 = prose_words
                .iter()
                .take_while(|&&(i, _)| i < start)
                .map(|&(_, w)| w)
                .sum();
            before * 2 >= total
        };
        let starts = (first_prose + 1..doc.len()).filter(|&i| {
            marks.is_kept(i)
                && (is_related_heading(doc, i) || is_dated_headline(doc, i))
                && mostly_behind(i)
        });
        for start in starts {
            if let Some(roles) = tail_roles(doc, marks, first_prose, start) {
                for (i, role) in roles {
                    marks.remove_line(i, role.reason());
                }
                return;
            }
        }
    }
}

/// The roles of the lines from `start` on, if they read as a list of other
/// stories.
fn tail_roles(
    doc: &Document<'_>,
    marks: &Marks<'_>,
    first_prose: usize,
    start: usize,
) -> Option<Vec<(usize, Role)>> {
    // Built on first use: most tails hold no prose to weigh against it.
    let vocabulary = OnceCell::new();
    let vocabulary = || {
        vocabulary.get_or_init(|| {
            (first_prose..start)
                .filter(|&i| marks.is_kept(i))
                .flat_map(|i| words(doc.line_text(i)))
                .filter(|w| has_chars(w, 4))
                .map(lowercase)
                .collect::<HashSet<_>>()
        })
    };
    let mut roles = Vec::new();
    let mut previous = Role::Other;
    let (mut dated, mut teasers, mut truncated, mut headings, mut headlines) = (0, 0, 0, 0, 0);
    // Lines other cleaners took play no part: cleaning the result again
    // must see the same sequence.
    for i in start..doc.len() {
        if !marks.is_kept(i) {
            continue;
        }
        let shape = doc.shape(i);
        let role = if is_related_heading(doc, i) {
            Role::Heading
        } else if is_dated_headline(doc, i) {
            Role::DatedHeadline
        } else if shape.ends_ellipsis {
            Role::Teaser
        } else if shape.is_prose() && overlap(doc.line_text(i), vocabulary()) >= ON_TOPIC {
            Role::Continuation
        } else if matches!(previous, Role::DatedHeadline | Role::Headline) && shape.words >= 6 {
            Role::Teaser
        } else if shape.is_headline_like() && !shape.is_prose() {
            Role::Headline
        } else {
            Role::Other
        };
        match role {
            Role::Continuation => return None,
            Role::DatedHeadline => dated += 1,
            Role::Teaser => {
                teasers += 1;
                if shape.ends_ellipsis {
                    truncated += 1;
                }
            }
            Role::Heading => headings += 1,
            Role::Headline => headlines += 1,
            _ => {}
        }
        previous = role;
        roles.push((i, role));
    }
    // Under a heading, undated headlines make a list when their teasers are
    // cut short or when they have none: a full paragraph after them may be
    // the story carrying on.
    let listed = dated >= 2
        || (dated == 1 && teasers >= 1)
        || (headings >= 1 && (dated + truncated >= 1 || (headlines >= 2 && teasers == 0)));
    listed.then_some(roles)
}

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
