//! Photo captions and credits.
//!
//! A caption describes a picture the text no longer has: `Russia has
//! deployed thousands of troops on the border. Credit: AP`, `Boris Johnson
//! is facing a mounting Ukraine crisis (Getty Images)`, `Image source,
//! Getty Images`, a lone credit (`AFP via Getty Images`), or a label that is
//! no sentence of the story (`Eastern Ukraine map`). Captions leave the
//! body but are not lost: each goes to
//! [`Metadata::captions`](crate::Metadata::captions) with its credit.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::Captions};
//!
//! let pipeline = Pipeline::builder().cleaner(Captions).build()?;
//! let cleaned = pipeline.clean("Troops on the border. Credit: AP\nThe talks failed.");
//! assert_eq!(cleaned.body(), "The talks failed.");
//! let caption = &cleaned.metadata().captions[0];
//! assert_eq!(caption.text, "Troops on the border.");
//! assert_eq!(caption.credit.as_deref(), Some("AP"));
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::{AGENCY_WORDS, MEDIA_NOUN_WORDS, Regex};

use crate::text::{Initial, words};
use crate::{Caption, Cleaner, Document, Marks};

/// Moves captions and credits from the body to the metadata.
#[derive(Clone, Copy, Debug, Default)]
pub struct Captions;

/// `... Credit: Clive Marshall/PA`, `... Photo: Reuters`: a label before
/// the line's last colon ([`CREDIT_LABEL`]) and a credit after it
/// ([`CREDIT`]). The credit has no colon, so the label's is the last; the
/// two are matched apart because one pattern for both, searched back from
/// the end of the line, builds states without end in the lazy DFA.
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s.,;|])(?i:credits?|photo\s+credits?|photo(?:graph)?s?|pictures?|pics?|images?|foto(?:s|grafía|grafia)?|bild|crédit(?:\s+photo)?|crédito|illustration|photo\s+illustration)\s*$",
    )
    .expect("credit label compiles")
});

/// The credit after the colon of a [`CREDIT_LABEL`].
static CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<credit>\p{L}[^:]{0,80})$").expect("credit compiles"));

/// `... (Anadolu Agency via Getty Images)`.
static PAREN_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?P<credit>[^()]{2,80})\)$").expect("paren credit compiles"));

/// Names that make a credit a picture credit, as whole words.
const AGENCY_NAMES: &[&str] = &[
    "Getty",
    "AP",
    "AFP",
    "Reuters",
    "PA",
    "EPA",
    "EFE",
    "Shutterstock",
    "Alamy",
    "Images?",
    "Photos?",
    "Pictures?",
    "Photography",
    "Fotos?",
    "Wire",
    "Bloomberg",
    "Xinhua",
    "Anadolu",
    "iStock",
    "iStockphoto",
    "Unsplash",
    "Pexels",
    "Supplied",
    "Handout",
    "dpa",
    "ANSA",
    "Keystone",
    "SIPA",
    "Sipa",
    "Corbis",
    "NurPhoto",
    "WireImage",
    "Sportsfile",
    "REX",
    "Rex",
    "TASS",
    "Sputnik",
    "AAP",
    "PTI",
    "Yonhap",
    "Kyodo",
    "UPI",
    "IMAGO",
    "Imago",
    "Polaris",
    "Redux",
    "ZUMA",
    "Zuma",
    "SOPA",
    "LightRocket",
    "Courtesy",
    "courtesy",
    "Associated Press",
    "Press Association",
    "Agency",
    "Stock",
];

/// Words that make a name a picture credit.
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?:{})\b", AGENCY_NAMES.join("|"))).expect("agency words compile")
});

/// The first words of [`AGENCY_NAMES`], as they may appear: a match of
/// [`AGENCY`] holds one whole.
pub(crate) fn agency_first_words() -> impl Iterator<Item = &'static str> {
    AGENCY_NAMES.iter().flat_map(|name| {
        let word = name.split(' ').next().unwrap_or(name);
        match word.strip_suffix("s?") {
            Some(stem) => vec![stem, &word[..word.len() - 1]],
            None => vec![word],
        }
    })
}

/// BBC-style labels: `Image source, Getty Images`, `Image caption, ...`.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:image|media|photo|picture|video)\s+(?i:source|caption|credit)s?\s*[,:]\s*(?P<rest>.*)$",
    )
    .expect("labelled captions compile")
});

/// Nouns that make a short label a caption (`Eastern Ukraine map`).
pub(crate) const MEDIA_NOUNS: &[&str] = &[
    "map",
    "maps",
    "graphic",
    "graphics",
    "chart",
    "charts",
    "photo",
    "photos",
    "picture",
    "pictures",
    "image",
    "images",
    "illustration",
    "infographic",
    "diagram",
    "gallery",
    "screenshot",
    "footage",
    "karte",
    "grafik",
    "carte",
    "graphique",
    "mapa",
    "gráfico",
    "foto",
    "mappa",
    "kaart",
];

/// Words a label has no use for: with one of them, `They drew a map` is a
/// sentence, not a caption.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "i", "he", "she", "it", "we", "they", "you", "this", "that", "is", "are",
    "was", "were", "be", "has", "have", "had", "will", "would", "can", "could", "to", "and", "or",
    "but",
];

/// A caption found on a line: its text's end and its credit's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// End of the caption's own words (0 for a lone credit).
    pub text_end: usize,
    /// The credit, if any.
    pub credit: Option<(usize, usize)>,
}

/// Reads line `i` as a caption or credit.
pub(crate) fn caption(doc: &Document<'_>, i: usize) -> Option<Found> {
    let shape = doc.shape(i);
    if shape.words == 0 || shape.words > 70 || shape.inner_stops > 2 {
        return None;
    }
    let line = doc.line_text(i);
    if let Some(c) = may_be_labelled(line)
        .then(|| LABELLED.captures(line))
        .flatten()
    {
        let rest = c.name("rest").expect("group exists");
        let label = line[..rest.start()].to_ascii_lowercase();
        return Some(if label.contains("caption") {
            Found {
                text_end: line.len(),
                credit: None,
            }
        } else {
            Found {
                text_end: 0,
                credit: Some((rest.start(), rest.end())),
            }
        });
    }
    if let Some((start, credit)) = labelled_credit(line) {
        if is_name_like(&line[credit.clone()]) {
            // The match starts at the separator; a full stop stays with the text.
            let text_end = if line[start..].starts_with('.') {
                start + 1
            } else {
                start
            };
            let text_end = line[..text_end]
                .trim_end_matches([' ', '|', ',', ';'])
                .len();
            return Some(Found {
                text_end,
                credit: Some((credit.start, credit.end)),
            });
        }
    }
    // A credit in brackets names an agency, whose first word the
    // brackets part from the words around it.
    if let Some(c) = (line.ends_with(')') && doc.may_hold(AGENCY_WORDS, i))
        .then(|| PAREN_CREDIT.captures(line))
        .flatten()
    {
        let credit = c.name("credit").expect("group exists");
        if AGENCY.is_match(credit.as_str()) && is_name_like(credit.as_str()) {
            let open = credit.start() - 1;
            let text_end = line[..open].trim_end().len();
            return Some(Found {
                text_end,
                credit: Some((credit.start(), credit.end())),
            });
        }
    }
    if shape.words <= 6 && !shape.ends_sentence {
        if shape.long_capitalized == shape.long_words
            && doc.text_matches_holding(&AGENCY, AGENCY_WORDS, i)
            && is_name_like(line)
        {
            return Some(Found {
                text_end: 0,
                credit: Some((0, line.len())),
            });
        }
        if shape.words >= 2
            && shape.initial == Initial::Upper
            && doc.may_hold(MEDIA_NOUN_WORDS, i)
            && ends_with_media_noun(line)
            && !words(line).any(|w| is_one_of(w, FUNCTION_WORDS))
        {
            return Some(Found {
                text_end: line.len(),
                credit: None,
            });
        }
    }
    None
}

/// A credit after a label at the end of `line`: where the label's match
/// starts (at the separator before it), and the credit's range.
fn labelled_credit(line: &str) -> Option<(usize, Range<usize>)> {
    if !may_end_with_credit(line) {
        return None;
    }
    let colon = last_colon(line)?;
    let credit = CREDIT.captures(&line[colon + 1..])?.name("credit")?.range();
    let start = CREDIT_LABEL.find_iter(&line[..colon]).next()?.start();
    Some((start, colon + 1 + credit.start..colon + 1 + credit.end))
}

/// Where the last `:` of `line` is. Looked for as a byte, which in UTF-8
/// it only ever is, by `memchr`'s vector search: `str::rfind` reads a
/// line a word at a time, and every caption candidate is searched.
fn last_colon(line: &str) -> Option<usize> {
    memchr::memrchr(b':', line.as_bytes())
}

/// Whether the last word of `line` is one of [`MEDIA_NOUNS`].
fn ends_with_media_noun(line: &str) -> bool {
    words(line)
        .next_back()
        .is_some_and(|w| is_one_of(w, MEDIA_NOUNS))
}

/// Whether `word` in lowercase is one of `list` (all lowercase).
fn is_one_of(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| word.eq_ignore_ascii_case(w))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// Whether `line` may be a BBC-style label ([`LABELLED`]): it has the comma
/// or colon after the label, and starts as one of the labels may.
fn may_be_labelled(line: &str) -> bool {
    let first = line.as_bytes().first().copied().unwrap_or_default();
    (!first.is_ascii() || matches!(first.to_ascii_lowercase(), b'i' | b'm' | b'p' | b'v'))
        && memchr::memchr2(b',', b':', line.as_bytes()).is_some()
}

/// How the labels of [`CREDIT_LABEL`] end, in ASCII lowercase.
const CREDIT_LABEL_ENDS: &[&str] = &[
    "credit",
    "credits",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "picture",
    "pictures",
    "pic",
    "pics",
    "image",
    "images",
    "foto",
    "fotos",
    "fotografia",
    "bild",
    "illustration",
];

/// Whether `line` may end with a labelled credit ([`CREDIT_LABEL`]): its
/// last colon follows one of the labels. Labels with other than ASCII
/// letters at their end are left to the pattern.
fn may_end_with_credit(line: &str) -> bool {
    let Some(colon) = last_colon(line) else {
        return false;
    };
    let label = line[..colon].trim_end().as_bytes();
    let mut tail = [0u8; 12];
    let len = label.len().min(tail.len());
    tail[..len].copy_from_slice(&label[label.len() - len..]);
    let tail = &mut tail[..len];
    if !tail.is_ascii() {
        return true;
    }
    tail.make_ascii_lowercase();
    CREDIT_LABEL_ENDS
        .iter()
        .any(|end| tail.ends_with(end.as_bytes()))
}

/// A credit reads as names: a few words, mostly capitalised or agencies
/// (`dpa`), no sentence.
fn is_name_like(credit: &str) -> bool {
    let mut count = 0;
    let mut capitalized = 0;
    for w in words(credit) {
        count += 1;
        let upper = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
        if upper || AGENCY.is_match(w) {
            capitalized += 1;
        }
    }
    let trimmed = credit.trim_end();
    (1..=8).contains(&count)
        && capitalized * 2 >= count
        && !trimmed.ends_with(['!', '?'])
        && !(trimmed.ends_with('.') && count > 3)
}

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&CREDIT_LABEL);
    LazyLock::force(&CREDIT);
    LazyLock::force(&PAREN_CREDIT);
    LazyLock::force(&AGENCY);
    LazyLock::force(&LABELLED);
}

impl Cleaner for Captions {
    fn name(&self) -> &'static str {
        "captions"
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        for i in doc.content_lines() {
            if !marks.is_kept(i) {
                continue;
            }
            let Some(found) = caption(doc, i) else {
                continue;
            };
            let line = doc.line_text(i);
            let trimmed = |s: usize, e: usize| {
                let part = &line[s..e];
                let start = s + part.len() - part.trim_start().len();
                start..start + part.trim().len()
            };
            let reason = if found.text_end == 0 {
                "photo credit"
            } else {
                "photo caption"
            };
            if marks.remove_line(i, reason) {
                let text = doc.line_slice(i, trimmed(0, found.text_end));
                let credit = found.credit.map(|(s, e)| doc.line_slice(i, trimmed(s, e)));
                marks
                    .metadata_mut()
                    .captions
                    .push(Caption::new(text, credit));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use crate::cleaners::testing::{self, dropped_lines};

    #[test]
    fn held_words_hold_every_agency_name() {
        testing::held_words_hold_every_match_of_text(&AGENCY, AGENCY_WORDS);
        assert!(!testing::searched_holding(
            "Wildfires Near Athens",
            AGENCY_WORDS
        ));
    }

    #[test]
    fn held_words_hold_every_label_ending_with_a_media_noun() {
        let labels = format!(
            "(?:[A-Z][a-zé]{{0,6}} ){{1,4}}(?:{})",
            MEDIA_NOUNS.join("|")
        );
        let ends_with_noun = |line: &str| ends_with_media_noun(Document::new(line).line_text(0));
        testing::held_words_hold_every_line(&[labels.as_str()], ends_with_noun, MEDIA_NOUN_WORDS);
        assert!(!testing::searched_holding(
            "Wildfires Near Athens",
            MEDIA_NOUN_WORDS
        ));
    }

    fn captions(text: &str) -> Vec<(String, Option<String>)> {
        let pipeline = Pipeline::builder().cleaner(Captions).build().unwrap();
        let cleaned = pipeline.clean(text);
        cleaned
            .metadata()
            .captions
            .iter()
            .map(|c| (c.text.to_string(), c.credit.as_ref().map(|c| c.to_string())))
            .collect()
    }

    #[test]
    fn credit_after_the_caption() {
        assert_eq!(
            captions(
                "The Prime Minister will speak with Mr Putin by phone Credit: Clive Marshall/PA"
            ),
            [(
                "The Prime Minister will speak with Mr Putin by phone".into(),
                Some("Clive Marshall/PA".into())
            )]
        );
        assert_eq!(
            captions("Flood water in the town centre. Photo: Reuters"),
            [(
                "Flood water in the town centre.".into(),
                Some("Reuters".into())
            )]
        );
    }

    #[test]
    fn credit_in_brackets() {
        assert_eq!(
            captions("Boris Johnson is facing a mounting Ukraine crisis (Getty Images)"),
            [(
                "Boris Johnson is facing a mounting Ukraine crisis".into(),
                Some("Getty Images".into())
            )]
        );
    }

    #[test]
    fn labelled_and_lone_credits() {
        let text = "Image source, Getty Images\nImage caption, Crowds gathered in the square\nAFP via Getty Images\nFoto: dpa";
        assert_eq!(dropped_lines(Captions, text).len(), 4);
        let found = captions(text);
        assert_eq!(found[0], ("".into(), Some("Getty Images".into())));
    }

    #[test]
    fn labels_that_are_no_sentence() {
        assert_eq!(
            dropped_lines(
                Captions,
                "Eastern Ukraine map\nChart of inflation since 2019"
            ),
            ["Eastern Ukraine map"]
        );
    }

    #[test]
    fn body_sentences_stay() {
        let text = "He gave credit: the team had worked through the night.\n\
                    The study (published in Nature) found no link.\n\
                    Prices rose 3% in May, the Office for National Statistics said (ONS).\n\
                    The photo: a family on the beach in 1962, smiling at the camera.\n\
                    They drew a map";
        assert!(
            dropped_lines(Captions, text).is_empty(),
            "{:?}",
            dropped_lines(Captions, text)
        );
    }
}
