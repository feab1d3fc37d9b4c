//! Links to other stories inside the article.
//!
//! Three forms:
//! - a labelled link: `Read more: Russia's sons won't come home...`,
//!   `RELATED: ...`, `See also: ...`, `Lesen Sie auch: ...`;
//! - a heading over a list of links (`Related Stories`, `More from
//!   Politics`, `You may also like`) and the headlines right under it;
//! - a lone headline between two paragraphs of the story: a line of six
//!   words or more, in sentence case, with no full stop, between two prose
//!   paragraphs (`Truss: West needs to deter Russia from invading Ukraine`).
//!   Subheadings of the story are kept: they are short, numbered, questions,
//!   or in Title Case; so is a quotation on its own line.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::RelatedLinks};
//!
//! let pipeline = Pipeline::builder().cleaner(RelatedLinks).build()?;
//! let cleaned = pipeline.clean(
//!     "The Foreign Office is expected to announce tougher sanctions on Monday.\n\
//!      Read more: UK braced for cyber attacks as tensions rise\n\
//!      Truss: West needs to deter Russia from invading Ukraine\n\
//!      Tensions have soared in recent weeks, as Nato allies expressed concern.",
//! );
//! assert_eq!(cleaned.paragraphs().count(), 2);
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::sync::LazyLock;

use crate::text::Regex;

use crate::cleaners::{kept_after, kept_before};
use crate::document::LineFact;
use crate::text::{Initial, Phrases};
use crate::{Cleaner, Document, Marks};

/// Drops links to other stories.
#[derive(Clone, Copy, Debug, Default)]
pub struct RelatedLinks;

/// Labels that only ever introduce a link: `Read more: <headline>`,
/// `See also Markets fall`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            read\ more|read\ also|also\ read|read\ next|more\ reading|further\ reading|see\ also|related\ (?:article|story|content|coverage|link|video)s?
          | recommended\ (?:reading|article|story)|don\x27t\ miss|don\u{2019}t\ miss|dont\ miss|must\ read|watch\ more|more\ on\ this(?:\ story)?
          | lire\ aussi|à\ lire\ aussi|a\ lire\ aussi|voir\ aussi|lesen\ sie\ auch|auch\ interessant|mehr\ zum\ thema
          | lee\ también|leer\ más|te\ puede\ interesar|ver\ también|leia\ também|leia\ mais|veja\ também|saiba\ mais|leggi\ anche|potrebbe\ interessarti|lees\ ook|lees\ meer
          | läs\ också|læs\ også|les\ også|lue\ myös|czytaj\ także|czytaj\ też|читайте\ также
        )\s*(?:[:>»|\u{2013}\u{2014}-]+|\s\p{Lu}|$)",
    )
    .expect("link labels compile")
});

/// Words that introduce a link only when a separator follows: `Related:
/// ...`, `Next: ...`, `Opinion | ...`. The rest must not be a sentence.
static SHORT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:related|more|recommended|next|previous|explainer|analysis|opinion|latest|trending|top\ story|also\ on\ \S+|more\ on\ \S+|mehr\ dazu|zum\ thema|weiterlesen|lire\ la\ suite)\s*[:>»|]\s*\S",
    )
    .expect("short labels compile")
});

/// Shouted labels glued to the headline: `READ MORE Russia warns ...`.
static SHOUTED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:READ MORE|RELATED|MORE|SEE ALSO|ALSO READ|WATCH|LISTEN|DON'T MISS|MUST READ)\b\s*\S",
    )
    .expect("shouted labels compile")
});

/// Headings over a list of other stories.
static HEADINGS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Read more",
        "Read more:",
        "Related",
        "Related:",
        "Related stories",
        "Related articles",
        "Related content",
        "Related coverage",
        "Related links",
        "Related topics",
        "Related posts",
        "Related news",
        "Related reading",
        "See also",
        "More stories",
        "More news",
        "More articles",
        "More to read",
        "More to explore",
        "More on this story",
        "More on this topic",
        "More like this",
        "Recommended",
        "Recommended for you",
        "Recommended stories",
        "Recommended articles",
        "Recommended reading",
        "You may also like",
        "You might also like",
        "You may also be interested in",
        "You might be interested in",
        "Also read",
        "Also on",
        "Don't miss",
        "Must read",
        "Most read",
        "Most popular",
        "Most viewed",
        "Most shared",
        "Popular",
        "Popular now",
        "Popular stories",
        "Trending",
        "Trending now",
        "Trending stories",
        "Top stories",
        "Latest",
        "Latest news",
        "Latest stories",
        "Editor's picks",
        "Editors' picks",
        "Our picks",
        "Picked for you",
        "Further reading",
        "What to read next",
        "Read next",
        "Up next",
        "In other news",
        "Around the web",
        "From around the web",
        "Elsewhere",
        "Lire aussi",
        "À lire aussi",
        "Sur le même sujet",
        "Les plus lus",
        "Lesen Sie auch",
        "Mehr zum Thema",
        "Auch interessant",
        "Das könnte Sie auch interessieren",
        "Meistgelesen",
        "Lee también",
        "Te puede interesar",
        "Noticias relacionadas",
        "Lo más leído",
        "Leia também",
        "Veja também",
        "Mais lidas",
        "Leggi anche",
        "Potrebbe interessarti",
        "Articoli correlati",
        "Lees ook",
        "Meest gelezen",
        "Läs också",
        "Читайте также",
    ])
});

/// `More from Politics`, `Top stories on inkl right now`, `More from BBC
/// News`: heading forms with a varying tail.
static HEADING_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:more (?:from|in|on|about|stories from|news from)|top stories (?:on|from|in)|latest (?:from|in|on)|(?:most read|popular|trending) (?:on|in|from)|related to|also in|other stories (?:from|in|on)|stories you may have missed|you may have missed)(?: \S+){1,5}$",
    )
    .expect("heading forms compile")
});

/// Whether line `i` heads a list of other stories: a few words, no
/// sentence.
pub(crate) fn is_related_heading(doc: &Document<'_>, i: usize) -> bool {
    static RELATED_HEADING: LineFact<bool> = LineFact::of_lines(
        |doc, i| {
            let shape = doc.shape(i);
            (1..=8).contains(&shape.words) && !shape.ends_sentence
        },
        related_heading,
    );
    doc.fact(&RELATED_HEADING, i)
}

/// [`is_related_heading`] of a line of its shape.
fn related_heading(doc: &Document<'_>, i: usize) -> bool {
    doc.key(i)
        .is_some_and(|key| HEADINGS.contains(key) || HEADING_FORMS.is_match(key))
}

/// Whether line `i` is a labelled link to another story: not long, one
/// sentence at most.
pub(crate) fn is_labelled_link(doc: &Document<'_>, i: usize) -> bool {
    static LABELLED_LINK: LineFact<bool> = LineFact::of_lines(
        |doc, i| {
            let shape = doc.shape(i);
            shape.words <= 40 && shape.inner_stops <= 1
        },
        labelled_link,
    );
    doc.fact(&LABELLED_LINK, i)
}

/// [`is_labelled_link`] of a line of its shape.
fn labelled_link(doc: &Document<'_>, i: usize) -> bool {
    let shape = doc.shape(i);
    let line = doc.line_text(i);
    LABEL.is_match(line)
        || SHOUTED_LABEL.is_match(line)
        || (!shape.ends_sentence && SHORT_LABEL.is_match(line))
}

/// Whether line `i` reads as the headline of another story: a clause, not a
/// subheading or a quotation.
pub(crate) fn is_story_headline(doc: &Document<'_>, i: usize) -> bool {
    let shape = doc.shape(i);
    if !shape.is_headline_like() || shape.words < 6 || shape.quoted || shape.is_title_case() {
        return false;
    }
    // Numbered subheadings: `3. Functional foods for focus`.
    let line = doc.line_text(i);
    if shape.initial == Initial::Digit {
        let after_digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
        if after_digits.starts_with(['.', ')', ':']) {
            return false;
        }
    }
    true
}

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&LABEL);
    LazyLock::force(&SHORT_LABEL);
    LazyLock::force(&SHOUTED_LABEL);
    LazyLock::force(&HEADINGS);
    LazyLock::force(&HEADING_FORMS);
}

impl Cleaner for RelatedLinks {
    fn name(&self) -> &'static str {
        "related-links"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let mut after_heading = false;
        for i in doc.content_lines() {
            if !marks.is_kept(i) {
                continue;
            }
            if is_related_heading(doc, i) {
                marks.remove_line(i, "related-stories heading");
                after_heading = true;
                continue;
            }
            if is_labelled_link(doc, i) {
                marks.remove_line(i, "link to another story");
                continue;
            }
            // The headlines listed under a heading.
            if after_heading && doc.shape(i).is_headline_like() && !doc.shape(i).is_prose() {
                marks.remove_line(i, "link to another story");
                continue;
            }
            after_heading = false;
        }
        // Lone headlines between two paragraphs. Next to a labelled link they
        // are links too. Elsewhere, one or two in a story are links; a
        // series of them are the story's own subheadings.
        let mut free = Vec::new();
        for i in doc.content_lines() {
            if !marks.is_kept(i) || !is_story_headline(doc, i) {
                continue;
            }
            let (Some(before), Some(after)) = (kept_before(marks, i), kept_after(doc, marks, i))
            else {
                continue;
            };
            if !(doc.shape(before).is_prose() && doc.shape(after).is_prose()) {
                continue;
            }
            if (before + 1..after).any(|j| is_labelled_link(doc, j)) {
                marks.remove_line(i, "link to another story");
            } else {
                free.push(i);
            }
        }
        if free.len() <= MAX_LONE_LINKS {
            for i in free {
                marks.remove_line(i, "link to another story");
            }
        }
    }
}

/// More lone headlines than this in one story are its subheadings.
const MAX_LONE_LINKS: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::dropped_lines;

    const P1: &str = "The Foreign Office is also expected to announce tougher sanctions on Monday.";
    const P2: &str = "Tensions have soared in recent weeks, as Nato allies expressed concern about the build-up.";

    #[test]
    fn labelled_links() {
        let text = format!(
            "{P1}\nRead more: Russia not 'dumb enough' to launch invasion\nREAD MORE: Ukraine talks stall\nSee also - Markets fall\nLesen Sie auch: Scholz in Kiew\n{P2}"
        );
        assert_eq!(dropped_lines(RelatedLinks, &text).len(), 4);
    }

    #[test]
    fn lone_headlines_between_paragraphs() {
        let text = format!(
            "{P1}\nVladimir Putin compares Donbas war zone in Ukraine to \u{2018}genocide\u{2019}\n{P2}"
        );
        assert_eq!(dropped_lines(RelatedLinks, &text).len(), 1);
    }

    #[test]
    fn heading_and_its_list() {
        let text = format!(
            "{P1}\n{P2}\nRelated Stories\nMarkets slide as rates rise\nMinister quits over expenses row\nMore from Politics"
        );
        assert_eq!(dropped_lines(RelatedLinks, &text).len(), 4);
    }

    #[test]
    fn subheadings_and_quotes_stay() {
        let text = format!(
            "{P1}\nWhat happens next?\n{P2}\nSanctions threat\n{P1}\n1. High-Protein, Balanced Meals Are Here to Stay\n{P2}\n\u{201C}We will not back down, not now and not ever\u{201D}\n{P1}\nFuel Your Fall With Scratch Meals Every Week\n{P2}"
        );
        assert!(
            dropped_lines(RelatedLinks, &text).is_empty(),
            "{:?}",
            dropped_lines(RelatedLinks, &text)
        );
    }

    #[test]
    fn sentences_starting_with_label_words_stay() {
        let text = format!(
            "{P1}\nNext Tuesday the council will vote on the plan.\nMore than 150,000 troops are massed near the border.\nRelated: the minister denied any link to the firm.\n{P2}"
        );
        assert!(
            dropped_lines(RelatedLinks, &text).is_empty(),
            "{:?}",
            dropped_lines(RelatedLinks, &text)
        );
    }

    #[test]
    fn other_languages() {
        let text = format!(
            "{P1}\nLire aussi : La réforme des retraites adoptée\nLeggi anche: Il governo cade\n{P2}"
        );
        assert_eq!(dropped_lines(RelatedLinks, &text).len(), 2);
    }
}
