//! Paywall prompts, subscription offers and app promotions.
//!
//! `Sign up to read this article`, `Already a member? Sign in here`,
//! `Subscribe to continue reading`, `Fourteen days free`, `Download the
//! app`, and the multi-line promotion blocks aggregators put above and below
//! the story (`Get all your news in one place.` / `100's of premium titles.`
//! / `One app.` / `Start reading`). A short line in between two prompts of
//! such a block goes with them, and so does everything short after a paywall
//! prompt that follows the story.
//!
//! When a paywall prompt follows the story, the article is cut short: the
//! metadata says so ([`Metadata::paywalled`](crate::Metadata::paywalled)).
//! A paragraph about subscriptions (`Netflix added 9 million subscribers.`)
//! is prose and stays.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::{Normalize, Paywall}};
//!
//! let pipeline = Pipeline::builder().cleaner(Normalize).cleaner(Paywall).build()?;
//! let cleaned = pipeline.clean(
//!     "Shares rose after the results were published on Monday morning.\n\
//!      Subscribe to continue reading\n\
//!      Already a subscriber? Log in",
//! );
//! assert_eq!(cleaned.body(), "Shares rose after the results were published on Monday morning.");
//! assert!(cleaned.metadata().paywalled);
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::sync::LazyLock;

use crate::text::{OFFER_WORDS, PROMPT_WORDS, Regex};

use crate::cleaners::prose_bounds;
use crate::cleaners::related_links::is_related_heading;
use crate::document::LineFact;
use crate::{Cleaner, Document, Marks};

/// Drops paywall prompts, subscription offers and app promotions.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paywall;

/// What a matched line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Stands where the story is cut off: sign in, subscribe to read.
    Prompt,
    /// Sells a subscription or an app.
    Offer,
}

impl Kind {
    fn reason(self) -> &'static str {
        match self {
            Kind::Prompt => "paywall prompt",
            Kind::Offer => "subscription offer",
        }
    }
}

/// Prompts that stand where the text is cut off (matched on line keys).
const PROMPT_PATTERN: &str = r"(?x)
        ^(?:already\ (?:a\ )?(?:member|subscriber|subscribed|registered|have\ an\ account)
          |not\ (?:a\ )?(?:member|subscriber)\ yet|have\ an\ account|don\ t\ have\ an\ account)
        | ^(?:subscribe|sign\ up|sign\ in|log\ in|login|register|join|become\ a\ (?:member|subscriber)
          |create\ (?:a\ free|an)\ account|unlock|continue|keep)\b.*\b(?:read|reading|access|article|story|stories|content)\b
        | \b(?:this|the)\ (?:article|story|content|piece)\ is\ (?:only\ )?(?:available|reserved|exclusive|for)\b.*\b(?:subscribers|members)\b
        | \b(?:subscribers?|members)[\ -]only\b | \bfor\ (?:paid\ )?subscribers\b | \bexclusive\ to\ (?:members|subscribers)\b
        | \byou\ (?:ve|have)\ (?:reached|read|used)\b.*\b(?:free|limit|articles?|stories)\b
        | \b(?:free\ )?(?:articles?|stories)\ (?:left|remaining)\b | \b(?:article|story)\ limit\b
        | \bto\ (?:continue|keep)\ reading\b | \bread\ the\ (?:full|rest|whole)\b.*\b(?:subscri|sign|log|member)
        | ^(?:jetzt\ )?(?:abonnieren|weiterlesen\ mit|bereits\ abonnent|zum\ weiterlesen)\b | \bplus\ artikel\b
        | ^(?:abonnez\ vous|déjà\ abonné|connectez\ vous|s\ abonner)\b | \bréservé\ aux\ abonnés\b | \bpour\ lire\ la\ suite\b
        | ^(?:suscríbete|suscribete|ya\ eres\ suscriptor|inicia\ sesión|hazte\ suscriptor)\b | \bexclusivo\ para\ (?:suscriptores|assinantes)\b
        | ^(?:abbonati|sei\ già\ abbonato|accedi\ per)\b | \briservato\ agli\ abbonati\b
        | ^(?:assine|já\ é\ assinante|faça\ login)\b
        | ^(?:abonneer|word\ abonnee|al\ abonnee|log\ in\ om)\b
        ";

/// Offers of a subscription, a trial or an app (matched on line keys).
const OFFER_PATTERN: &str = r"(?x)
        \bfree\ trial\b | \b(?:\d+|one|two|three|four|seven|fourteen|thirty)\ (?:days?|weeks?|months?)\ (?:free|for\ free|trial)\b
        | \bcancel\ any\ ?time\b | \bunlimited\ (?:access|articles|digital|reading)\b | \bdigital\ (?:access|subscription)\b
        | \bpremium\ (?:content|articles?|titles|access|members?|journalism|subscription)\b
        | \b(?:trusted|global|premium)\ (?:\S+\ )?(?:sources|titles|publications)\b
        | \b(?:news|titles|stories)\ (?:in\ one\ place|from\ (?:hundreds|thousands|\d+))\b | \bcurated\ (?:specifically\ )?for\ you\b
        | ^(?:one|single)\ (?:app|subscription|membership)\b
        | \b(?:download|get)\ (?:the|our)\ (?:\S+\ )?app\b | \b(?:app\ store|google\ play|play\ store)\b
        | ^start\ (?:reading|your\ (?:free\ )?trial|free\ trial)$ | ^(?:subscribe|subscribe\ now|subscribe\ today|join\ now|sign\ up\ now|try\ it\ free)$
        | \b(?:per|a|\/)\ (?:week|month|year)\b.*\b(?:subscri|offer|trial|cancel)\b
        | ^(?:abo|jetzt\ abo|probeabo|essai\ gratuit|prueba\ gratis|prova\ gratis|teste\ grátis)\b
        ";

/// See [`PROMPT_PATTERN`].
static PROMPT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(PROMPT_PATTERN).expect("prompt patterns compile"));

/// See [`OFFER_PATTERN`].
static OFFER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(OFFER_PATTERN).expect("offer patterns compile"));

/// Words of which every match of [`PROMPT`] holds one, whole: of each
/// alternative, a word that `\b`, a space or an end bounds on both sides,
/// so that a line none of whose words is one of these needs no search
/// (see [`Document::key_matches_holding`]); most lines are such. Where an
/// alternative offers a choice, the words are those that short lines of
/// pages hold least often (`yet` and `account` rather than `not` and
/// `have`). Each pattern has its words, not both one list: a line is then
/// searched only by the patterns whose words it holds, and each pattern's
/// automaton, smaller than theirs together, builds fewer states as lines
/// come.
pub(crate) const PROMPT_HELD_WORDS: &str = "already yet account read reading access article \
     story stories content subscriber subscribers members reached used left remaining limit \
     abonnieren weiterlesen abonnent artikel vous abonner abonné abonnés suite suscribete \
     suscríbete suscriptor suscriptores sesión assinantes abbonati abbonato accedi assine \
     assinante login abonneer abonnee om";

/// Words of which every match of [`OFFER`] holds one, whole, as
/// [`PROMPT_HELD_WORDS`] are of prompts (`cancel` rather than `time`,
/// `news`, `titles` and `stories` rather than `from`).
pub(crate) const OFFER_HELD_WORDS: &str = "trial day days week weeks month months year cancel \
     unlimited access subscription premium sources titles publications news stories curated \
     app membership play reading subscribe now try abo probeabo gratuit gratis grátis";

/// Longest line, in words, that can be a prompt: prompts are short.
const MAX_WORDS: u32 = 25;

/// What line `i` is, if a prompt or offer: asked in every round. Its word
/// count and word classes rule out most lines.
fn classify(doc: &Document<'_>, i: usize) -> Option<Kind> {
    static KIND: LineFact<Option<Kind>> = LineFact::of_lines(
        |doc, i| {
            let words = doc.shape(i).words;
            (1..=MAX_WORDS).contains(&words) && doc.may_hold(PROMPT_WORDS | OFFER_WORDS, i)
        },
        classify_line,
    );
    doc.fact(&KIND, i)
}

/// [`classify`] of a line of its length and words.
fn classify_line(doc: &Document<'_>, i: usize) -> Option<Kind> {
    let kind = if doc.key_matches_holding(&PROMPT, PROMPT_WORDS, i) {
        Kind::Prompt
    } else if doc.key_matches_holding(&OFFER, OFFER_WORDS, i) {
        Kind::Offer
    } else {
        return None;
    };
    // Newsletter sign-ups are site chrome, not the paywall.
    (!doc.key(i)?.contains("newsletter")).then_some(kind)
}

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&PROMPT);
    LazyLock::force(&OFFER);
}

impl Cleaner for Paywall {
    fn name(&self) -> &'static str {
        "paywall"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let found: Vec<(usize, Kind)> = doc
            .content_lines()
            .filter(|&i| marks.is_kept(i))
            .filter_map(|i| classify(doc, i).map(|kind| (i, kind)))
            .collect();
        if found.is_empty() {
            return;
        }
        let bounds = prose_bounds(doc, marks);
        for &(i, kind) in &found {
            marks.remove_line(i, kind.reason());
        }
        let Some((first_prose, last_prose)) = bounds else {
            return;
        };
        // A promotion block above the story: short lines between two of its
        // prompts go with them.
        let head: Vec<usize> = found
            .iter()
            .map(|&(i, _)| i)
            .filter(|&i| i < first_prose)
            .collect();
        if let (Some(&top), Some(&bottom)) = (head.first(), head.last()) {
            for i in top..bottom {
                if marks.is_kept(i) && doc.shape(i).words <= 8 {
                    marks.remove_line(i, "subscription offer");
                }
            }
        }
        // After the story, a prompt ends the article: what follows that is
        // not prose is the paywall's own text, but for the headings of other
        // stories, which the cleaners of those name.
        let Some(&(tail_start, _)) = found.iter().find(|&&(i, _)| i > last_prose) else {
            return;
        };
        if found
            .iter()
            .any(|&(i, kind)| i > last_prose && kind == Kind::Prompt)
        {
            marks.metadata_mut().paywalled = true;
        }
        for i in tail_start..doc.len() {
            let shape = doc.shape(i);
            if marks.is_kept(i)
                && !shape.is_prose()
                && shape.words <= 15
                && !is_related_heading(doc, i)
            {
                marks.remove_line(i, "after a paywall prompt");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::{self, dropped, dropped_lines};

    const BODY: &str =
        "Shares in the company rose sharply after the results were published on Monday.";

    #[test]
    fn sign_in_prompts() {
        let text = format!(
            "{BODY}\nSign up to read this article\nAlready a member? Sign in here\nAlready a subscriber? Log in"
        );
        let d = dropped(Paywall, &text);
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|(_, reason)| reason == "paywall prompt"));
    }

    #[test]
    fn offers_and_app_promotions() {
        let text = format!(
            "{BODY}\nStart your free trial\nFourteen days free\nDownload the app\nUnlimited access for $1 a week. Cancel anytime."
        );
        assert_eq!(dropped_lines(Paywall, &text).len(), 4);
    }

    #[test]
    fn aggregator_block_above_the_story() {
        let text = format!(
            "Get all your news in one place.\n100\u{2019}s of premium titles.\nOne app.\nStart reading\nDaily Mirror\n{BODY}"
        );
        assert_eq!(
            dropped_lines(Paywall, &text),
            [
                "Get all your news in one place.",
                "100\u{2019}s of premium titles.",
                "One app.",
                "Start reading"
            ]
        );
    }

    #[test]
    fn other_languages() {
        let text = format!(
            "{BODY}\nJetzt abonnieren und weiterlesen\nCet article est réservé aux abonnés.\nSuscríbete para seguir leyendo\nAbbonati per continuare a leggere"
        );
        assert_eq!(dropped_lines(Paywall, &text).len(), 4);
    }

    #[test]
    fn prose_about_subscriptions_stays() {
        let text = "Netflix added 9 million subscribers in the quarter, beating forecasts.\n\
                    The newspaper said its digital subscriptions had doubled since 2019, when it launched a cheaper app.\n\
                    Members of the club can sign up for the trip until Friday.";
        assert!(dropped_lines(Paywall, text).is_empty());
    }

    #[test]
    fn held_words_hold_every_match() {
        testing::held_words_hold_every_match(&[PROMPT_PATTERN], &PROMPT, PROMPT_WORDS);
        testing::held_words_hold_every_match(&[OFFER_PATTERN], &OFFER, OFFER_WORDS);
        let searched = |line| testing::searched_holding(line, PROMPT_WORDS | OFFER_WORDS);
        assert!(!searched("The council approved the budget."));
        assert!(!searched("\u{201C}Déjà vu\u{201D}, the council said."));
        // Where the key's words are not the line's.
        for line in [
            "Subscriber only\u{00B2}",
            "Exclusive to sub\u{0301}scribers",
            "For sub\u{200D}scribers",
        ] {
            assert!(testing::key_matches(line, &PROMPT), "{line}");
            assert!(searched(line), "{line}");
        }
    }

    #[test]
    fn prompt_after_the_story_flags_a_paywall() {
        let pipeline = crate::Pipeline::builder().cleaner(Paywall).build().unwrap();
        let cut = format!("{BODY}\nSubscribe to continue reading");
        assert!(pipeline.clean(&cut).metadata().paywalled);
        let offer_only = format!("{BODY}\nDownload the app");
        assert!(!pipeline.clean(&offer_only).metadata().paywalled);
    }
}
