//! Site chrome: the page around the story.
//!
//! Radio show schedules (`Clive Bull 1am - 4am`), navigation (`Skip to
//! content`, `Back to top`), share and follow buttons, newsletter and cookie
//! prompts, comment widgets, reading times, copyright and footer lines.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::{Normalize, SiteChrome}};
//!
//! let pipeline = Pipeline::builder().cleaner(Normalize).cleaner(SiteChrome).build()?;
//! let cleaned = pipeline.clean(
//!     "Nick Ferrari 7am - 10am\nShare this article\nThe bridge reopened on Friday after repairs.\n© 2024 Example News Ltd. All rights reserved.",
//! );
//! assert_eq!(cleaned.body(), "The bridge reopened on Friday after repairs.");
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::text::{
    CHROME_FORM_WORDS, COOKIE_WORDS, FURNITURE_LINK_WORDS, NEWSLETTER_WORDS, RIGHTS_RESERVED_WORDS,
    Regex,
};

use crate::document::LineFact;
use crate::text::Phrases;
use crate::{Cleaner, Document, Marks};

/// Drops site chrome.
#[derive(Clone, Copy, Debug, Default)]
pub struct SiteChrome;

/// The name that starts a show schedule entry (`Clive Bull 1am - 4am`,
/// `Breakfast with Nick Ferrari 7am-10am`, `Weekdays 9:00 - 12:00`): at most
/// [`SCHEDULE_NAME_CHARS`] of these, not glued to the first time
/// (`Clive9am-10am` is no entry). Found apart from the times, as its longest
/// run: a repetition bounded at 60 of a class of all letters makes an
/// automaton too large for the regex crate's fast engines.
static SCHEDULE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M} .,'&\u{2019}-]+").expect("schedule name compiles"));

const SCHEDULE_NAME_CHARS: usize = 60;

/// The times of a show schedule entry, after its name.
static SCHEDULE_TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?\s*(?:-|\u{2013}|\u{2014}|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?$",
    )
    .expect("schedule times compile")
});

/// Buttons and navigation, as whole lines.
static BUTTONS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Skip to content",
        "Skip to main content",
        "Skip to navigation",
        "Skip to footer",
        "Jump to content",
        "Back to top",
        "Go to top",
        "Top",
        "Menu",
        "Main menu",
        "Open menu",
        "Close menu",
        "Close",
        "Search",
        "Search for",
        "Toggle navigation",
        "Navigation",
        "Home",
        "Homepage",
        "Share",
        "Shares",
        "Share this",
        "Share this article",
        "Share this story",
        "Share this post",
        "Share article",
        "Share story",
        "Share page",
        "Share on Facebook",
        "Share on Twitter",
        "Share on X",
        "Share on WhatsApp",
        "Share on LinkedIn",
        "Share on Pinterest",
        "Share on Reddit",
        "Share via email",
        "Share via Email",
        "Share by email",
        "Copy link",
        "Copy link to clipboard",
        "Link copied",
        "Link copied to clipboard",
        "Copied",
        "Tweet",
        "Email",
        "E-mail",
        "Print",
        "Print this page",
        "Print article",
        "Facebook",
        "Twitter",
        "X",
        "WhatsApp",
        "LinkedIn",
        "Pinterest",
        "Reddit",
        "Telegram",
        "Messenger",
        "Flipboard",
        "Instagram",
        "YouTube",
        "TikTok",
        "Threads",
        "Bluesky",
        "RSS",
        "Save",
        "Saved",
        "Save article",
        "Save for later",
        "Bookmark",
        "Gift article",
        "Gift this article",
        "Give this article",
        "Font size",
        "Text size",
        "Comments",
        "Comment",
        "Show comments",
        "Hide comments",
        "View comments",
        "Load comments",
        "Leave a comment",
        "Leave a reply",
        "Post a comment",
        "Add a comment",
        "Join the conversation",
        "Join the discussion",
        "Be the first to comment",
        "Log in to comment",
        "Reply",
        "Report",
        "Like",
        "Follow",
        "Follow us",
        "Following",
        "Unfollow",
        "Sign in",
        "Sign up",
        "Log in",
        "Log out",
        "Login",
        "Register",
        "My account",
        "Subscribe",
        "Newsletter",
        "Newsletters",
        "Accept",
        "Accept all",
        "Accept all cookies",
        "Reject all",
        "Manage cookies",
        "Cookie settings",
        "Cookie policy",
        "Manage preferences",
        "Privacy settings",
        "I agree",
        "Got it",
        "OK",
        "Privacy policy",
        "Privacy notice",
        "Terms of use",
        "Terms of service",
        "Terms and conditions",
        "Terms & conditions",
        "Contact us",
        "About us",
        "Advertise with us",
        "Sitemap",
        "Accessibility",
        "Careers",
        "Help",
        "FAQ",
        "Cookies",
        "Teilen",
        "Artikel teilen",
        "Drucken",
        "Kommentare",
        "Partager",
        "Partager cet article",
        "Imprimer",
        "Commentaires",
        "Compartir",
        "Imprimir",
        "Comentarios",
        "Condividi",
        "Stampa",
        "Commenti",
        "Compartilhar",
        "Comentários",
        "Delen",
        "Reacties",
        "Поделиться",
    ])
});

/// Chrome lines with varying words (matched on line keys).
static CHROME_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:share|post|send)\ (?:this\ )?(?:on|to|via|with)\ \S+(?:\ \S+)?
          | follow\ (?:us|me|\S+(?:\ \S+)?)\ on\ (?:facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads|bluesky|google\ news)(?:\ \S+){0,3}
          | (?:like\ us|find\ us)\ on\ facebook
          | \d+\ (?:comments?|shares?|replies|responses)
          | (?:\d+\ )?(?:min|mins|minute|minutes)\ read | reading\ time(?:\ \d+)?(?:\ \S+){0,2} | \d+\ (?:minutes?|mins?)\ reading\ time
          | sort\ by(?:\ \S+){0,2} | (?:newest|oldest|best)\ first
          | (?:click|tap)\ (?:here\ )?to\ (?:share|comment|print|subscribe|follow)(?:\ \S+){0,3}
          | (?:you\ (?:may|can)\ )?(?:also\ )?follow\ us(?:\ \S+){0,4}
        )$",
    )
    .expect("chrome forms compile")
});

/// Words of which every match of [`CHROME_FORMS`] holds one, whole (see
/// [`NEWSLETTER_HELD_WORDS`]).
pub(crate) const CHROME_FORM_HELD_WORDS: &str = "share shares post send follow facebook comment \
    comments replies responses read reading sort first click tap";

/// Newsletter prompts (matched anywhere in a short line's key).
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bnewsletters?\b.*\b(?:sign\ up|subscribe|get|receive|join|inbox|email|free|daily|weekly|delivered|register)\b
        | \b(?:sign\ up|subscribe|register|join)\b.*\bnewsletters?\b
        | ^(?:enter\ )?(?:your\ )?e\ ?mail(?:\ address)?$ | \benter\ (?:your|a\ valid)\ e\ ?mail\b | \bplease\ enter\ a\ valid\b
        | \bthank\ you\ for\ (?:subscribing|signing\ up|registering)\b | \byou\ (?:re|are)\ (?:now\ )?(?:subscribed|signed\ up)\b
        | \bby\ (?:signing\ up|subscribing|clicking|registering|entering)\b.*\b(?:agree|privacy|terms|consent)\b
        | \b(?:we\ ll|we\ will)\ never\ share\ your\b | \bunsubscribe\ at\ any\ time\b | \binvalid\ email\b
        | \bsomething\ went\ wrong\b.*\btry\ again\b | \bthis\ site\ is\ protected\ by\ recaptcha\b
        | \b(?:get|have)\ (?:our|the)\ (?:best|top|latest)\ (?:stories|news|headlines)\b.*\b(?:inbox|email|delivered)\b
        ",
    )
    .expect("newsletter patterns compile")
});

/// Words of which every match of [`NEWSLETTER`] holds one, whole: a line
/// none of whose words is one is not searched (see
/// [`Document::key_matches_holding`]).
pub(crate) const NEWSLETTER_HELD_WORDS: &str = "newsletter newsletters email mail valid thank subscribed \
    signed agree privacy terms consent never unsubscribe invalid wrong recaptcha inbox delivered";

/// Cookie and consent prompts.
static COOKIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bcookies?\b.*\b(?:we\ use|uses|accept|consent|manage|preferences|settings|policy|continuing|agree|enable|experience)\b
        | \b(?:we\ use|this\ (?:site|website)\ uses|uses)\b.*\bcookies?\b
        | \bwe\ (?:and\ our\ partners\ )?(?:value|care\ about)\ your\ privacy\b
        | \byour\ privacy\ choices\b | \bdo\ not\ sell\ (?:or\ share\ )?my\ personal\ information\b
        ",
    )
    .expect("cookie patterns compile")
});

/// Words of which every match of [`COOKIES`] holds one, whole (see
/// [`NEWSLETTER_HELD_WORDS`]).
pub(crate) const COOKIE_HELD_WORDS: &str = "cookie cookies privacy sell";

/// Copyright and footer lines.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b")
        .expect("copyright compiles")
});

/// Words of which every match of [`COPYRIGHT`] in an ASCII line, but for
/// its start, holds one, whole (see [`NEWSLETTER_HELD_WORDS`]).
pub(crate) const RIGHTS_RESERVED_HELD_WORDS: &str = "reserved vorbehalten reservados riservati";

/// Links of a site's header and footer, anywhere in a short line's key:
/// `Privacy Policy | Terms of Use | Contact Us`. Not dropped for it, since
/// a sentence of the story may name them, but a sign of a whole page.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:
            privacy | cookies? | terms\ of\ (?:use|service) | terms\ and\ conditions | copyright
          | all\ rights\ reserved | sign\ in | log\ in | login | subscribe | newsletter | follow\ us
          | skip\ to | menu | contact\ us | about\ us | sitemap | accessibility
          | datenschutz | impressum | anmelden | mentions\ légales | confidentialité | connexion
          | privacidad | aviso\ legal | iniciar\ sesión | contatti | accedi
        )\b",
    )
    .expect("furniture patterns compile")
});

/// Words of which every match of [`FURNITURE`] holds one, whole (see
/// [`NEWSLETTER_HELD_WORDS`]).
pub(crate) const FURNITURE_HELD_WORDS: &str = "privacy cookie cookies terms copyright reserved sign \
    log login subscribe newsletter follow skip menu contact about sitemap accessibility datenschutz \
    impressum anmelden mentions confidentialité connexion privacidad aviso iniciar contatti accedi";

/// Longest line, in words, that can be a link of [`FURNITURE`].
const MAX_FURNITURE_WORDS: u32 = 12;

/// Whether line `i` is a piece of a site around a story: a button, a
/// copyright line, or a short line naming the site's header and footer
/// links. Text already taken out of its page has none.
pub(crate) fn is_site_furniture(doc: &Document<'_>, i: usize) -> bool {
    // Asked of every line, in each round of main-content.
    static FURNITURE_LINE: LineFact<bool> = LineFact::new(|doc, i| {
        let shape = doc.shape(i);
        doc.key(i).is_some_and(|key| is_button(shape.words, key))
            || is_copyright(doc, i)
            || (shape.words <= MAX_FURNITURE_WORDS
                && doc.key_matches_holding(&FURNITURE, FURNITURE_LINK_WORDS, i))
    });
    doc.fact(&FURNITURE_LINE, i)
}

/// Longest line, in words, that a chrome prompt can be.
const MAX_PROMPT_WORDS: u32 = 40;

/// Why line `i` is chrome, if it is, judged on the line alone.
fn chrome(doc: &Document<'_>, i: usize) -> Option<&'static str> {
    let shape = doc.shape(i);
    if shape.words > MAX_PROMPT_WORDS {
        return None;
    }
    if is_schedule(doc, i) {
        return Some("show schedule");
    }
    if is_copyright(doc, i) {
        return Some("copyright line");
    }
    let key = doc.key(i)?;
    if is_button(shape.words, key)
        || (shape.words <= 12 && doc.key_matches_holding(&CHROME_FORMS, CHROME_FORM_WORDS, i))
    {
        return Some("share, follow or navigation button");
    }
    if doc.key_matches_holding(&NEWSLETTER, NEWSLETTER_WORDS, i) {
        return Some("newsletter prompt");
    }
    if doc.key_matches_holding(&COOKIES, COOKIE_WORDS, i) {
        return Some("cookie prompt");
    }
    None
}

/// Whether a line of `words` words whose key is `key` is one of
/// [`BUTTONS`].
fn is_button(words: u32, key: &str) -> bool {
    words <= 6 && BUTTONS.contains(key)
}

/// Whether line `i` is a copyright or footer line.
fn is_copyright(doc: &Document<'_>, i: usize) -> bool {
    doc.shape(i).words <= 30 && may_be_copyright(doc, i) && COPYRIGHT.is_match(doc.line_text(i))
}

/// Whether line `i` is a radio or TV show schedule entry.
pub(crate) fn is_schedule(doc: &Document<'_>, i: usize) -> bool {
    let shape = doc.shape(i);
    shape.words <= 12
        && shape.digits > 0
        && may_be_schedule(doc.line_text(i), shape.is_ascii())
        && is_schedule_entry(doc.line_text(i))
}

/// Whether `line` is a name (maybe none) and two times. The name's run
/// ends where the times start, as a digit is none of its characters.
fn is_schedule_entry(line: &str) -> bool {
    let name_end = SCHEDULE_NAME
        .find_iter(line)
        .next()
        .map_or(0, |name| name.end());
    let (name, times) = line.split_at(name_end);
    name.chars().count() <= SCHEDULE_NAME_CHARS
        && name
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, ' ' | '.' | ',' | '\'' | '&' | '\u{2019}' | '-'))
        && SCHEDULE_TIMES.is_match(times)
}

/// Whether `line` may be a schedule entry, by cheap tests: it ends
/// (but for whitespace) with a digit, `am`, `pm` or `h`; and, when
/// `ascii`, as its shape tells, has only letters and `.,'&-` before the
/// first digit.
fn may_be_schedule(line: &str, ascii: bool) -> bool {
    // Any digit of any script: the pattern's `\d` is Unicode's.
    let ends_as_one = line
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_numeric() || matches!(c, 'm' | 'M' | 'h' | 'H' | '.'));
    if !ends_as_one {
        return false;
    }
    if !ascii {
        return true;
    }
    let bytes = line.as_bytes();
    let Some(first_digit) = bytes.iter().position(u8::is_ascii_digit) else {
        return false;
    };
    let name = &bytes[..first_digit];
    name.len() <= 60
        && name
            .iter()
            .all(|&b| b.is_ascii_alphabetic() || b" .,'&-".contains(&b))
}

/// Whether line `i` may be a [`COPYRIGHT`] line, by cheap tests: it starts
/// as one, or holds a word of one.
fn may_be_copyright(doc: &Document<'_>, i: usize) -> bool {
    let line = doc.line_text(i);
    let starts_with = |prefix: &[u8]| {
        line.as_bytes()
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    if starts_with("©".as_bytes()) || starts_with(b"(c)") || starts_with(b"copyright") {
        return true;
    }
    if !doc.shape(i).is_ascii() {
        return COPYRIGHT_PHRASE_WORDS.is_match(line);
    }
    // An ASCII line's words are its key's: one lookup of each, as the
    // line was read, found those of the phrases.
    doc.may_hold(RIGHTS_RESERVED_WORDS, i)
}

/// A word of each phrase of [`COPYRIGHT`] in which no letter has a
/// case-insensitive match beyond ASCII (as `s` has `ſ`).
static COPYRIGHT_PHRASE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["right", "droit", "rechte", "derecho", "diritti"])
        .expect("phrase words compile")
});

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&COPYRIGHT_PHRASE_WORDS);
    LazyLock::force(&SCHEDULE_NAME);
    LazyLock::force(&SCHEDULE_TIMES);
    LazyLock::force(&BUTTONS);
    LazyLock::force(&CHROME_FORMS);
    LazyLock::force(&NEWSLETTER);
    LazyLock::force(&COOKIES);
    LazyLock::force(&COPYRIGHT);
    LazyLock::force(&FURNITURE);
}

impl Cleaner for SiteChrome {
    fn name(&self) -> &'static str {
        "site-chrome"
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        for i in doc.content_lines() {
            if marks.is_kept(i) {
                if let Some(reason) = chrome(doc, i) {
                    marks.remove_line(i, reason);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::{self, dropped, dropped_lines};

    const BODY: &str =
        "The bridge reopened on Friday after six months of repairs to its main span.";

    proptest::proptest! {
        /// A schedule entry is what one pattern with a bounded name and `\b`
        /// before the first time says it is.
        #[test]
        fn schedule_matches_as_with_a_word_boundary(
            line in "(a|é|Z|\u{301}| |\\.|,|'|&|\u{2019}|-|1|9|:|00|am|pm|h| - |\u{2013}| to |x){0,14}"
        ) {
            let bounded = regex::Regex::new(
                r"(?i)^[\p{L}\p{M} .,'&\u{2019}-]{0,60}?\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?\s*(?:-|\u{2013}|\u{2014}|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?$",
            )
            .unwrap();
            proptest::prop_assert_eq!(is_schedule_entry(&line), bounded.is_match(&line));
        }
    }

    proptest::proptest! {
        /// The cheap tests turn away no line the pattern matches.
        #[test]
        fn copyright_lines_are_those_the_pattern_matches(
            line in "(\\(c\\)|\\(C\\)|copyright|COPYRIGHTS|all|rights|Rights|all rights reserved|All Rights Reserved\
                |all rightſ reserved|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati\
                |tous droits réservés|TOUS DROITS RÉSERVÉS|©|c|C|\\(| |,|\\.|-|2024|é){0,8}"
        ) {
            let doc = Document::new(&line);
            for i in doc.content_lines() {
                proptest::prop_assert_eq!(
                    is_copyright(&doc, i),
                    doc.shape(i).words <= 30 && COPYRIGHT.is_match(doc.line_text(i)),
                    "{}", doc.line_text(i)
                );
            }
        }
    }

    #[test]
    fn a_held_word_beside_any_character_is_found_where_the_pattern_finds_it() {
        // Keys and words are cut by the standard library's Unicode tables,
        // `\b` by the `regex` crate's, which may be of another version.
        let privacy = Regex::new(r"\bprivacy\b").expect("compiles");
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            for line in [format!("privacy{c}"), format!("{c}privacy")] {
                let doc = Document::new(&line);
                let matched = doc.key(0).is_some_and(|key| privacy.is_match(key))
                    || privacy.is_match(doc.line_text(0));
                assert!(!matched || doc.may_hold(COOKIE_WORDS, 0), "{c:?}");
            }
        }
    }

    #[test]
    fn held_words_hold_every_button_prompt_and_furniture_link() {
        let chrome = CHROME_FORMS.as_str();
        testing::held_words_hold_every_match(&[chrome], &CHROME_FORMS, CHROME_FORM_WORDS);
        let newsletter = NEWSLETTER.as_str();
        testing::held_words_hold_every_match(&[newsletter], &NEWSLETTER, NEWSLETTER_WORDS);
        let cookies = COOKIES.as_str();
        testing::held_words_hold_every_match(&[cookies], &COOKIES, COOKIE_WORDS);
        let furniture = FURNITURE.as_str();
        testing::held_words_hold_every_match(&[furniture], &FURNITURE, FURNITURE_LINK_WORDS);
    }

    #[test]
    fn held_words_hold_every_rights_reserved_of_an_ascii_line() {
        // The alternatives of the pattern past those at the line's start.
        let (_, phrases) = COPYRIGHT
            .as_str()
            .split_once(r"copyright\b)|")
            .expect("the start's alternatives come first");
        let phrases = regex::Regex::new(&format!("(?i){phrases}")).expect("compiles");
        testing::held_words_hold_every_line(
            &[phrases.as_str()],
            |line| {
                let doc = Document::new(line);
                let text = doc.line_text(0);
                text.is_ascii() && phrases.is_match(text)
            },
            RIGHTS_RESERVED_WORDS,
        );
    }

    #[test]
    fn a_schedule_name_has_at_most_sixty_characters() {
        let name = "é".repeat(59);
        assert!(is_schedule_entry(&format!("{name} 9am - 10am")));
        assert!(!is_schedule_entry(&format!("{name}é 9am - 10am")));
    }

    #[test]
    fn show_schedules() {
        let text = format!(
            "Clive Bull 1am - 4am\nNick Ferrari 7am-10am\nBreakfast with Kate 6:00 - 9:00\n{BODY}"
        );
        let d = dropped(SiteChrome, &text);
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|(_, r)| r == "show schedule"));
    }

    #[test]
    fn share_and_follow_buttons() {
        let text = format!(
            "{BODY}\nShare this article\nShare on WhatsApp\nFollow us on Twitter\nCopy link\n5 min read\n12 comments"
        );
        assert_eq!(dropped_lines(SiteChrome, &text).len(), 6);
    }

    #[test]
    fn newsletter_and_cookie_prompts() {
        let text = format!(
            "{BODY}\nSign up to our free daily newsletter\nEnter your email address\nThank you for subscribing!\n\
             We use cookies to improve your experience on our site.\nAccept all cookies"
        );
        assert_eq!(dropped_lines(SiteChrome, &text).len(), 5);
    }

    #[test]
    fn copyright_and_footer_lines() {
        let text = format!(
            "{BODY}\n© 2024 Example News Ltd. All rights reserved.\nCopyright 2023 The Times\nPrivacy Policy\nTous droits réservés"
        );
        assert_eq!(dropped_lines(SiteChrome, &text).len(), 4);
    }

    #[test]
    fn prose_about_chrome_stays() {
        let text = format!(
            "{BODY}\nThe company said it would share the data with regulators next week.\n\
             Cookies and cakes were sold at the fair, raising money for the school.\n\
             She worked from 9am to 5pm for most of her life.\n\
             Pros\n{BODY}\nPros"
        );
        assert!(
            dropped_lines(SiteChrome, &text).is_empty(),
            "{:?}",
            dropped_lines(SiteChrome, &text)
        );
    }
}
