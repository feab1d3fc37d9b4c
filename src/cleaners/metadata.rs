//! The article's metadata, read from the lines above its first paragraph.
//!
//! Headline, date lines (`29 January 2022, 07:38 | Updated: 29 January
//! 2022, 09:49`), byline (`By Jane Doe`, `Dan Bloom & Lizzy Buchan`),
//! publisher (`Daily Mirror`) and section (`Politics`, `Home > World >
//! Europe`) move from the body into [`Metadata`](crate::Metadata). A
//! headline glued to its date (`...invasion fearson December 4, 2021 at 6:53
//! pm`) is split into both.
//!
//! Only the header is read: the lines before the first paragraph of prose.
//! The headline is the headline-like line next to the date or byline, or
//! failing that the longest one there; captions and schedules are not
//! headlines. The header's other headline-like lines (kickers, badges, a
//! tagline) are no part of the story and go too, so that cleaning the
//! result again finds nothing more to take.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::HeaderMetadata};
//!
//! let pipeline = Pipeline::builder().cleaner(HeaderMetadata).build()?;
//! let cleaned = pipeline.clean(
//!     "Bridge reopens after six months of repairs\nBy Jane Doe\n3 May 2023, 10:15\n\
//!      The bridge reopened on Friday after six months of repairs to its main span.",
//! );
//! let meta = cleaned.metadata();
//! assert_eq!(meta.title.as_deref(), Some("Bridge reopens after six months of repairs"));
//! assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
//! assert_eq!(meta.published.as_deref(), Some("3 May 2023, 10:15"));
//! assert_eq!(cleaned.paragraphs().count(), 1);
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::Regex;

use crate::cleaners::{ad_markers, captions, related_links, site_chrome};
use crate::document::LineFact;
use crate::text::{Initial, PRESS_NAME_WORDS, Phrases, dates};
use crate::{Cleaner, Document, Marks, Metadata};

/// Moves headline, dates, byline, publisher and section into the metadata.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeaderMetadata;

/// A name: two to four capitalised words, with the particles names carry.
const NAME: &str = r"\p{Lu}[\p{L}\p{M}'\u{2019}.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'\u{2019}.-]*|de|da|van|von|der|den|del|di|du|la|le|bin|al|el|ter)){1,3}";

/// The labels before a byline's names, in any case.
const BYLINE_LABELS: &[&str] = &[
    "by",
    "written by",
    "words by",
    "story by",
    "text by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "autor",
    "auteur",
    "autore",
];

/// `By Jane Doe`, `Von Max Muster und Erika Muster`, `Jane Doe & John Roe`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let names = format!(
        r"(?P<names>{NAME}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\boch\b|\ben\b)\s*{NAME})*)"
    );
    let labels = BYLINE_LABELS.join("|");
    Regex::new(&format!(
        r"^(?:(?P<label>(?i:{labels}):?)\s+)?{names}(?:\s*(?:,|\||\u{{2013}}|\u{{2014}}|-)\s*[^,|]{{1,50}})?$"
    ))
    .expect("byline compiles")
});

/// Words in the names of news outlets. (`Associated Press` matches where
/// `Press` does.)
pub(crate) const PRESS_HELD_WORDS: &str = "Daily Times News Post Mirror Herald Guardian Telegraph \
    Journal Tribune Gazette Express Independent Star Sun Mail Standard Observer Chronicle Press \
    Record Magazine Weekly Courier Echo Inquirer Examiner Sentinel Dispatch Register Monitor Globe \
    Reuters BBC CNN ITV NPR Bloomberg Zeitung Allgemeine Spiegel Monde Figaro Libération País \
    Mundo Corriere Repubblica Stampa Público Folha Volkskrant Tagesschau Tagblatt Rundschau Kurier";

/// Any of the [`PRESS_HELD_WORDS`], whole.
static PRESS: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = PRESS_HELD_WORDS.split_whitespace().collect();
    Regex::new(&format!(r"\b(?:{})\b", words.join("|"))).expect("press words compile")
});

static SECTIONS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Politics",
        "World",
        "World news",
        "UK",
        "UK news",
        "UK politics",
        "US",
        "US news",
        "US politics",
        "Business",
        "Economy",
        "Markets",
        "Money",
        "Finance",
        "Personal finance",
        "Sport",
        "Sports",
        "Football",
        "Soccer",
        "Cricket",
        "Rugby",
        "Rugby union",
        "Tennis",
        "Golf",
        "Formula 1",
        "Technology",
        "Tech",
        "Science",
        "Health",
        "Wellness",
        "Entertainment",
        "Culture",
        "Arts",
        "Books",
        "Film",
        "Movies",
        "Music",
        "TV",
        "TV & radio",
        "Television",
        "Lifestyle",
        "Life",
        "Style",
        "Fashion",
        "Food",
        "Food & drink",
        "Travel",
        "Opinion",
        "Comment",
        "Editorial",
        "Education",
        "Environment",
        "Climate",
        "Local",
        "Local news",
        "National",
        "International",
        "Europe",
        "Asia",
        "Africa",
        "Middle East",
        "Americas",
        "Australia",
        "Latin America",
        "Crime",
        "Law",
        "Courts",
        "Royals",
        "Celebrity",
        "Property",
        "Motoring",
        "Cars",
        "Weather",
        "Obituaries",
        "Features",
        "Investigations",
        "Politik",
        "Wirtschaft",
        "Kultur",
        "Wissen",
        "Panorama",
        "Ausland",
        "Inland",
        "Meinung",
        "Politique",
        "Économie",
        "Société",
        "Sciences",
        "Monde",
        "Política",
        "Economía",
        "Internacional",
        "Deportes",
        "Cultura",
        "Sociedad",
        "Opinión",
        "Politica",
        "Economia",
        "Esteri",
        "Cronaca",
        "Mundo",
        "Esportes",
        "Politiek",
        "Economie",
        "Buitenland",
        "Binnenland",
        "Cultuur",
    ])
});

/// `Home > World > Europe`, `News / Politics`.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^>/»|]{1,30}(?:\s+[>/»|]\s+[^>/»|]{1,30}){1,4}$").expect("breadcrumb compiles")
});

/// What a header line holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Date,
    Byline,
    Publisher,
    Section,
    Title,
    /// Headline-like, but not the headline.
    Header,
    Other,
}

/// The first words of the [`BYLINE_LABELS`], found once rather than on
/// each line.
static BYLINE_LABEL_FIRST_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    BYLINE_LABELS
        .iter()
        .map(|label| label.split(' ').next().unwrap_or(label))
        .collect()
});

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&BYLINE_LABEL_FIRST_WORDS);
    LazyLock::force(&BYLINE);
    LazyLock::force(&PRESS);
    LazyLock::force(&SECTIONS);
    LazyLock::force(&BREADCRUMB);
}

impl Cleaner for HeaderMetadata {
    fn name(&self) -> &'static str {
        "metadata"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let Some(first_prose) = doc
            .content_lines()
            .find(|&i| marks.is_kept(i) && doc.shape(i).is_prose())
        else {
            return;
        };
        // Every header line is read, even those other cleaners took: a
        // repeated outlet name is still the publisher.
        let mut fields: Vec<(usize, Field)> = doc.buffer();
        fields.extend(
            (0..first_prose)
                .filter(|&i| !doc.line(i).is_blank())
                .map(|i| (i, Field::Other)),
        );

        // A line repeated right after itself is an outlet's logo and name.
        // Lines that will not stay (taken already, or headline-like lines
        // this cleaner takes) do not part the two copies: cleaning the result
        // again must see the same pair.
        let doubled = doubled(doc, marks, &fields);

        // Lines that are one field whatever their neighbours.
        for (slot, &doubled) in fields.iter_mut().zip(&doubled) {
            let i = slot.0;
            let own = doc.fact(&OWN_FIELDS, i);
            if let Some(found) = own.date {
                fill_dates(marks.metadata_mut(), doc, i, &found);
                slot.1 = Field::Date;
            } else if own.outlet == Outlet::Named || (own.outlet == Outlet::IfDoubled && doubled) {
                let meta = marks.metadata_mut();
                meta.publisher
                    .get_or_insert_with(|| doc.line_slice(i, 0..doc.line_text(i).len()));
                slot.1 = Field::Publisher;
            } else if let Some((start, end)) = own.section {
                marks
                    .metadata_mut()
                    .section
                    .get_or_insert_with(|| doc.line_slice(i, start..end));
                slot.1 = Field::Section;
            } else if let Some((start, end)) = own.byline {
                marks
                    .metadata_mut()
                    .byline
                    .get_or_insert_with(|| doc.line_slice(i, start..end));
                slot.1 = Field::Byline;
            }
        }

        // Unlabelled bylines: several names, or one name next to the date.
        for k in 0..fields.len() {
            let i = fields[k].0;
            if fields[k].1 != Field::Other || !marks.is_kept(i) {
                continue;
            }
            let text = doc.line_text(i);
            let Some(range) = unlabelled_byline(text) else {
                continue;
            };
            let next_to_date = [k.wrapping_sub(1), k + 1]
                .iter()
                .any(|&n| fields.get(n).is_some_and(|f| f.1 == Field::Date));
            let names = &text[range.clone()];
            if names.contains(['&', ',']) || names.contains(" and ") || next_to_date {
                marks
                    .metadata_mut()
                    .byline
                    .get_or_insert_with(|| doc.line_slice(i, range));
                fields[k].1 = Field::Byline;
            }
        }

        // The headline: glued to its date, next to the date or byline, or
        // the longest headline-like line.
        let mut glued = fields.iter().enumerate().filter_map(|(k, &(i, f))| {
            (f == Field::Other && marks.is_kept(i))
                .then(|| glued_title(doc, i))
                .flatten()
                .map(|title_and_date| (k, title_and_date))
        });
        if let Some((k, (title, date))) = glued.next() {
            // Headlines glued to a date below the first are other stories'.
            // All go now: taken one a round, as the headline, a header of
            // many would outlast the pipeline's rounds, and each would in
            // turn replace the title.
            let others: Vec<usize> = glued.map(|(k, _)| k).collect();
            let i = fields[k].0;
            let meta = marks.metadata_mut();
            meta.title = Some(doc.line_slice(i, title));
            meta.published
                .get_or_insert_with(|| doc.line_slice(i, date));
            fields[k].1 = Field::Title;
            for k in others {
                fields[k].1 = Field::Header;
            }
        } else {
            let mut candidates: Vec<usize> = doc.buffer();
            candidates.extend((0..fields.len()).filter(|&k| {
                let i = fields[k].0;
                fields[k].1 == Field::Other && marks.is_kept(i) && is_title_candidate(doc, i)
            }));
            let beside_dateline = |k: usize| {
                [k.wrapping_sub(1), k + 1].iter().any(|&n| {
                    fields
                        .get(n)
                        .is_some_and(|f| matches!(f.1, Field::Date | Field::Byline))
                })
            };
            let best = candidates
                .iter()
                .copied()
                .max_by_key(|&k| (beside_dateline(k), doc.shape(fields[k].0).words, k));
            if let Some(k) = best {
                let i = fields[k].0;
                marks.metadata_mut().title = Some(doc.line_slice(i, 0..doc.line_text(i).len()));
                fields[k].1 = Field::Title;
            }
            doc.recycle(candidates);
        }

        for (i, field) in &mut fields {
            if *field == Field::Other && marks.is_kept(*i) && is_header_line(doc, *i) {
                *field = Field::Header;
            }
        }
        for &(i, field) in &fields {
            let reason = match field {
                Field::Header => "line above the story",
                Field::Date => "date line",
                Field::Byline => "byline",
                Field::Publisher => "publisher",
                Field::Section => "section",
                Field::Title => "headline",
                Field::Other => continue,
            };
            marks.remove_line(i, reason);
        }
        doc.recycle(fields);
        doc.recycle(doubled);
    }
}

/// Sets the publication and update dates that `found`, the date line of
/// line `i`, gives, where the metadata has none yet.
pub(crate) fn fill_dates<'a>(
    meta: &mut Metadata<'a>,
    doc: &Document<'a>,
    i: usize,
    found: &dates::DateLine,
) {
    if let Some((s, e)) = found.published {
        meta.published
            .get_or_insert_with(|| doc.line_slice(i, s..e));
    }
    if let Some((s, e)) = found.updated {
        meta.updated.get_or_insert_with(|| doc.line_slice(i, s..e));
    }
}

/// The names of a labelled byline (`By Jane Doe`).
pub(crate) fn labelled_byline(line: &str) -> Option<Range<usize>> {
    // Cheap test first: the line starts with a label.
    let first = line
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or_default();
    if first.is_ascii()
        && !BYLINE_LABEL_FIRST_WORDS
            .iter()
            .any(|word| first.eq_ignore_ascii_case(word))
    {
        return None;
    }
    let c = BYLINE.captures(line)?;
    c.name("label")?;
    c.name("names").map(|m| m.range())
}

/// The names of a line that is nothing but names.
pub(crate) fn unlabelled_byline(line: &str) -> Option<Range<usize>> {
    // Cheap test first: names start with a capital and have no digits.
    if !line.chars().next().is_some_and(char::is_uppercase) || line.chars().any(char::is_numeric) {
        return None;
    }
    let c = BYLINE.captures(line)?;
    if c.name("label").is_some() || PRESS.is_match(line) {
        return None;
    }
    let names = c.name("names")?;
    // The whole line must be names: no trailing role or outlet.
    (names.end() == line.len()).then_some(names.range())
}

/// What a header line holds by its own text, whatever its neighbours.
/// The header is read again in each round of the pipeline, so this is
/// found once per line.
#[derive(Clone, Copy, Debug, Default)]
struct OwnFields {
    date: Option<dates::DateLine>,
    /// Whether a line without a date names the outlet.
    outlet: Outlet,
    /// The section it names, and the names of a labelled byline: each a
    /// range of its text, on a line without a date.
    section: Option<(usize, usize)>,
    byline: Option<(usize, usize)>,
}

static OWN_FIELDS: LineFact<OwnFields> = LineFact::new(|doc, i| {
    let text = doc.line_text(i);
    if let Some(date) = dates::date_line(text) {
        return OwnFields {
            date: Some(date),
            ..OwnFields::default()
        };
    }
    let pair = |range: Range<usize>| (range.start, range.end);
    OwnFields {
        date: None,
        outlet: outlet(doc, i),
        section: section(doc, i).map(pair),
        byline: labelled_byline(text).map(pair),
    }
});

/// Whether a header line names the outlet that published the story.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Outlet {
    #[default]
    No,
    /// A short title-case line with a word of outlets' names.
    Named,
    /// A short title-case line of several words: the outlet's name when
    /// it stands twice in a row, as a logo and its text do.
    IfDoubled,
}

fn outlet(doc: &Document<'_>, i: usize) -> Outlet {
    let shape = doc.shape(i);
    if shape.words == 0
        || shape.words > 5
        || shape.ends_sentence
        || shape.digits > 0
        || !shape.is_title_case()
    {
        return Outlet::No;
    }
    // Searched line by line, not through the document's search for the
    // pattern's literals: only a few short lines of the header get here,
    // and that search would read the whole text for them; and only those
    // of them with one of its words.
    if doc.text_matches_holding(&PRESS, PRESS_NAME_WORDS, i) {
        Outlet::Named
    } else if shape.words >= 2 {
        Outlet::IfDoubled
    } else {
        Outlet::No
    }
}

/// The section a line names, as a range of its text.
fn section(doc: &Document<'_>, i: usize) -> Option<Range<usize>> {
    let shape = doc.shape(i);
    if shape.words == 0 || shape.words > 12 || shape.ends_sentence {
        return None;
    }
    let line = doc.line_text(i);
    if shape.words <= 3 && doc.key(i).is_some_and(|k| SECTIONS.contains(k)) {
        return Some(0..line.len());
    }
    // Most lines hold no separator, and need no search.
    let start = line.rfind(['>', '/', '»', '|'])?;
    if BREADCRUMB.is_match(line) {
        let last = &line[start..];
        let start = start + last.len() - last.trim_start_matches(['>', '/', '»', '|', ' ']).len();
        if SECTIONS.contains(&crate::text::key(&line[start..])) {
            return Some(start..line.len());
        }
    }
    None
}

/// A headline glued to its date: the headline's and the date's ranges.
fn glued_title(doc: &Document<'_>, i: usize) -> Option<(Range<usize>, Range<usize>)> {
    let (head_end, (s, e)) = dates::trailing_date(doc.line_text(i))?;
    Some((0..head_end, s..e))
}

/// Per line of `fields`: whether the nearest kept line before or after it
/// that has its (non-empty) key or is no header line has its key. One pass
/// each way finds them all, keeping per key id the last kept line with that
/// key, and the last kept line that is no header line.
fn doubled(doc: &Document<'_>, marks: &Marks<'_>, fields: &[(usize, Field)]) -> Vec<bool> {
    let mut doubled: Vec<bool> = doc.buffer();
    doubled.resize(fields.len(), false);
    // Per key: the step of its last kept line.
    let mut last: Vec<Option<usize>> = doc.buffer();
    let mut pass = |order: &mut dyn Iterator<Item = usize>| {
        last.clear();
        last.resize(doc.key_ids(), None);
        // The step of the last kept line that is no header line.
        let mut barrier = None::<usize>;
        for (step, k) in order.enumerate() {
            let i = fields[k].0;
            if let Some(id) = doc.nonempty_key_id(i) {
                doubled[k] |= last[id].is_some_and(|s| barrier.is_none_or(|b| s >= b));
                if marks.is_kept(i) {
                    last[id] = Some(step);
                }
            }
            if marks.is_kept(i) && !is_header_line(doc, i) {
                barrier = Some(step);
            }
        }
    };
    pass(&mut (0..fields.len()));
    pass(&mut (0..fields.len()).rev());
    doc.recycle(last);
    doubled
}

/// A short headline-like line: a headline, kicker, badge or name.
fn is_header_line(doc: &Document<'_>, i: usize) -> bool {
    let shape = doc.shape(i);
    shape.words >= 2
        && shape.words <= 24
        && !shape.ends_sentence
        && !shape.ends_colon
        && shape.initial != Initial::Lower
}

fn is_title_candidate(doc: &Document<'_>, i: usize) -> bool {
    let shape = doc.shape(i);
    shape.is_headline_like()
        && shape.words >= 3
        && captions::caption(doc, i).is_none()
        && !site_chrome::is_schedule(doc, i)
        && !ad_markers::is_ad_marker(doc, i)
        && !related_links::is_related_heading(doc, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing;
    use crate::{Metadata, Pipeline};

    const BODY: &str =
        "The bridge reopened on Friday after six months of repairs to its main span.";

    fn metadata(text: &str) -> Metadata<'static> {
        let pipeline = Pipeline::builder().cleaner(HeaderMetadata).build().unwrap();
        pipeline.clean(text).metadata().clone().into_owned()
    }

    #[test]
    fn held_words_hold_every_press_name() {
        testing::held_words_hold_every_match_of_text(&PRESS, PRESS_NAME_WORDS);
        assert!(!testing::searched_holding(
            "Politics and Economy",
            PRESS_NAME_WORDS
        ));
    }

    #[test]
    fn title_and_date_line() {
        let m = metadata(&format!(
            "Clive Bull 1am - 4am\nBoris to call Putin amid Ukraine crisis\n29 January 2022, 07:38 | Updated: 29 January 2022, 09:49\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Boris to call Putin amid Ukraine crisis")
        );
        assert_eq!(m.published.as_deref(), Some("29 January 2022, 07:38"));
        assert_eq!(m.updated.as_deref(), Some("29 January 2022, 09:49"));
    }

    #[test]
    fn glued_headline_and_date() {
        let m = metadata(&format!(
            "Biden and Putin to hold call amid Ukraine invasion fearson December 4, 2021 at 6:53 pm\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Biden and Putin to hold call amid Ukraine invasion fears")
        );
        assert_eq!(m.published.as_deref(), Some("December 4, 2021 at 6:53 pm"));
    }

    #[test]
    fn publisher_section_byline() {
        let m = metadata(&format!(
            "Daily Mirror\nDaily Mirror\nPolitics\nDan Bloom & Lizzy Buchan\nRussian invasion of Ukraine 'highly likely' says UK\n{BODY}"
        ));
        assert_eq!(m.publisher.as_deref(), Some("Daily Mirror"));
        assert_eq!(m.section.as_deref(), Some("Politics"));
        assert_eq!(m.byline.as_deref(), Some("Dan Bloom & Lizzy Buchan"));
        assert_eq!(
            m.title.as_deref(),
            Some("Russian invasion of Ukraine 'highly likely' says UK")
        );
    }

    #[test]
    fn bylines_in_other_languages_and_breadcrumbs() {
        let m = metadata(&format!(
            "Startseite > Politik > Ausland\nVon Anna Schmidt und Jan Meier\nVeröffentlicht am 4. Dezember 2021, 18:53 Uhr\n{BODY}"
        ));
        assert_eq!(m.section.as_deref(), Some("Ausland"));
        assert_eq!(m.byline.as_deref(), Some("Anna Schmidt und Jan Meier"));
        assert_eq!(m.published.as_deref(), Some("4. Dezember 2021, 18:53"));
    }

    #[test]
    fn no_header_no_metadata() {
        assert!(
            metadata(&format!(
                "{BODY}\nBy the end of the week the road was open."
            ))
            .is_empty()
        );
    }

    #[test]
    fn caption_is_not_the_headline() {
        let m = metadata(&format!(
            "Boris Johnson to visit region amid rising tensions\nRussia has deployed thousands of troops on the border. Credit: AP\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Boris Johnson to visit region amid rising tensions")
        );
    }
}
