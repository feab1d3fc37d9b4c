//! Advertisement markers: the labels sites print where an ad slot sits.
//!
//! `- Advertisement -`, `ADVERTISEMENT`, `Story continues below
//! advertisement`, `Sponsored`, `Publicidad`, `Anzeige`: short lines that
//! only name an ad. A sentence that mentions an advertisement is prose, and
//! stays.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::AdMarkers};
//!
//! let pipeline = Pipeline::builder().cleaner(AdMarkers).build()?;
//! let cleaned = pipeline.clean(
//!     "The mayor spoke.\n- Advertisement -\nThe advertisement was pulled after complaints.",
//! );
//! assert_eq!(
//!     cleaned.body(),
//!     "The mayor spoke.\nThe advertisement was pulled after complaints."
//! );
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::sync::LazyLock;

use crate::text::{AD_MARKER_WORDS, Regex};

use crate::text::Phrases;
use crate::{Cleaner, Document, Marks};

/// Drops lines that only mark an advertisement.
#[derive(Clone, Copy, Debug, Default)]
pub struct AdMarkers;

/// Whole-line markers, in the languages of the major news sites.
static MARKERS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Advertisement",
        "Advertisements",
        "Advert",
        "Adverts",
        "Ad",
        "Ads",
        "AD",
        "Sponsored",
        "Sponsored content",
        "Sponsored post",
        "Sponsored story",
        "Sponsored links",
        "Sponsored stories",
        "Paid content",
        "Paid post",
        "Paid partnership",
        "Promoted",
        "Promoted content",
        "Promoted stories",
        "Promoted links",
        "Partner content",
        "Advertiser content",
        "Advertising",
        "Ad feedback",
        "Report this ad",
        "Report ad",
        "Close ad",
        "Skip ad",
        "Skip advertisement",
        "Ad loading",
        "Advertisement loading",
        "Remove ads",
        "Hide ads",
        "Ads by Google",
        "Recommended by Outbrain",
        "Powered by Taboola",
        "Taboola",
        "Outbrain",
        "Continue reading below",
        "Continue reading the main story",
        "Story continues below",
        "Story continues below advertisement",
        "Article continues below advertisement",
        "Article continues below",
        "Article continues after advertisement",
        "Content continues below",
        "Text continues below",
        "Scroll to continue with content",
        "Advertisement - scroll to continue",
        "Advertisement - scroll to continue reading",
        "Advertisement continue reading below",
        "Advertisement - story continues below",
        "Advertisement: story continues below",
        "The article continues after the ad",
        "Anzeige",
        "Werbung",
        "Gesponsert",
        "Weiter nach der Anzeige",
        "Artikel wird nach der Anzeige fortgesetzt",
        "Publicidad",
        "Patrocinado",
        "Contenido patrocinado",
        "Publicité",
        "Sponsorisé",
        "Contenu sponsorisé",
        "La suite après cette publicité",
        "La suite après la publicité",
        "Pubblicità",
        "Contenuto sponsorizzato",
        "Publicidade",
        "Conteúdo patrocinado",
        "Continua depois da publicidade",
        "Advertentie",
        "Reclame",
        "Gesponsord",
        "Annons",
        "Annonse",
        "Annonce",
        "Reklame",
        "Reklama",
        "Reklam",
        "Mainos",
        "Hirdetés",
        "Διαφήμιση",
        "Реклама",
        "Реклама на сайте",
        "広告",
        "广告",
        "廣告",
        "광고",
        "إعلان",
        "פרסומת",
        "विज्ञापन",
    ])
});

/// Markers with a varying tail: `Sponsored by Acme`, `Story continues after
/// advertisement`.
static MARKER_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:sponsored|paid\ for|presented|promoted|brought\ to\ you)\ by(?:\ \S+){1,4}
          | (?:story|article|content|text|reading)\ continues?\ (?:below|after|under)(?:\ (?:the|this))?(?:\ (?:ad|ads|advert|advertisement|advertising|sponsor\ message))?
          | advertisement(?:\ \S+){0,5}\ (?:continue|continues|scroll|reading|below|content)
          | (?:scroll|continue)\ (?:down\ )?to\ (?:continue|keep)\ reading
        )$",
    )
    .expect("marker forms compile")
});

/// Words of which every match of [`MARKER_FORMS`] holds one, whole: a line
/// none of whose words is one is not searched (see
/// [`Document::key_matches_holding`]).
pub(crate) const MARKER_FORM_HELD_WORDS: &str =
    "sponsored paid presented promoted brought continue continues advertisement scroll";

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&MARKERS);
    LazyLock::force(&MARKER_FORMS);
}

impl Cleaner for AdMarkers {
    fn name(&self) -> &'static str {
        "ad-markers"
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        for i in 0..doc.len() {
            if is_ad_marker(doc, i) {
                marks.remove_line(i, "ad marker");
            }
        }
    }
}

/// Whether line `i` only marks an advertisement.
pub(crate) fn is_ad_marker(doc: &Document<'_>, i: usize) -> bool {
    if doc.shape(i).words > 10 {
        return false;
    }
    let Some(key) = doc.key(i).filter(|key| !key.is_empty()) else {
        return false;
    };
    MARKERS.contains(key)
        || (!doc.shape(i).ends_sentence
            && doc.key_matches_holding(&MARKER_FORMS, AD_MARKER_WORDS, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::{self, dropped_lines};

    #[test]
    fn held_words_hold_every_marker_form() {
        let forms = MARKER_FORMS.as_str();
        testing::held_words_hold_every_match(&[forms], &MARKER_FORMS, AD_MARKER_WORDS);
        assert!(!testing::searched_holding(
            "Story by Jane Doe",
            AD_MARKER_WORDS
        ));
    }

    #[test]
    fn dashed_and_shouted_markers() {
        let text = "- Advertisement -\nADVERTISEMENT\nAdvertisement:\nThe council met.";
        assert_eq!(
            dropped_lines(AdMarkers, text),
            ["- Advertisement -", "ADVERTISEMENT", "Advertisement:"]
        );
    }

    #[test]
    fn continuation_notices() {
        let text = "Story continues below advertisement\nArticle continues after this advertisement\nADVERTISEMENT - SCROLL TO CONTINUE READING";
        assert_eq!(dropped_lines(AdMarkers, text).len(), 3);
    }

    #[test]
    fn other_languages() {
        let text = "Publicidad\nAnzeige\nPUBLICITÉ\nLa suite après cette publicité\nРеклама";
        assert_eq!(dropped_lines(AdMarkers, text).len(), 5);
    }

    #[test]
    fn sponsor_lines() {
        let text = "Sponsored by Acme Bank\nSponsored\nPaid Post";
        assert_eq!(dropped_lines(AdMarkers, text).len(), 3);
    }

    #[test]
    fn sentences_about_ads_stay() {
        let text = "The advertisement was banned by regulators.\n\
                    Sponsored by the council, the festival drew 10,000 visitors.\n\
                    Advertising revenue fell 12% last year.\n\
                    Ad";
        assert_eq!(dropped_lines(AdMarkers, text), ["Ad"]);
    }
}
