//! Audio and video player text.
//!
//! `Listen to this article`, `Loading audio...`, `Play video`, `Watch:
//! Protesters gather outside parliament`, durations (`2:31`), and the errors
//! players print (`Your browser does not support the audio element.`).
//!
//! ```
//! use newsclean::{Pipeline, cleaners::MediaWidgets};
//!
//! let pipeline = Pipeline::builder().cleaner(MediaWidgets).build()?;
//! let cleaned = pipeline.clean("Listen to this article\nLoading audio...\nThe minister resigned.");
//! assert_eq!(cleaned.body(), "The minister resigned.");
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use std::sync::LazyLock;

use crate::text::{Initial, Regex, Shape, WIDGET_FORM_WORDS};

use crate::text::Phrases;
use crate::{Cleaner, Document, Marks};

/// Drops audio and video player text.
#[derive(Clone, Copy, Debug, Default)]
pub struct MediaWidgets;

static WIDGETS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(&[
        "Loading audio...",
        "Loading video...",
        "Loading player...",
        "Loading",
        "Play",
        "Pause",
        "Mute",
        "Unmute",
        "Replay",
        "Play video",
        "Play audio",
        "Play now",
        "Watch now",
        "Watch video",
        "Watch",
        "Listen",
        "Listen now",
        "Listen live",
        "Video",
        "Audio",
        "Now playing",
        "Up next",
        "Fullscreen",
        "Exit fullscreen",
        "Closed captions",
        "Captions off",
        "Subtitles",
        "Audio player",
        "Video player",
        "Podcast player",
        "Tap to unmute",
        "Click to play",
        "Click to play video",
        "Press play",
        "Media playback is unsupported on your device",
        "This video can not be played",
        "This video cannot be played",
        "This video is not available",
        "Video unavailable",
        "Video not available",
        "Audio is not supported on your browser",
        "Sorry, the video player failed to load.",
        "Artikel anhören",
        "Vorlesen",
        "Video abspielen",
        "Écouter cet article",
        "Écouter",
        "Lire la vidéo",
        "Escuchar este artículo",
        "Escuchar",
        "Ver vídeo",
        "Ver video",
        "Reproducir",
        "Ascolta l'articolo",
        "Ascolta",
        "Guarda il video",
        "Ouvir",
        "Ouça este artigo",
        "Assistir",
        "Artikel beluisteren",
        "Speel video af",
        "Lyssna",
        "Прослушать",
        "Слушать",
    ])
});

/// Widget lines with varying words (matched on line keys).
static WIDGET_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:listen|hear)\ (?:to\ )?(?:this|the)\ (?:article|story|episode|podcast|report|interview)(?:\ \d+\ (?:min|mins|minutes|sec|secs|seconds))?
          | (?:listen|watch|play)\ (?:to\ )?(?:the\ )?(?:full\ )?(?:episode|podcast|video|clip|live|report)(?:\ now)?
          | \d+\ (?:min|mins|minute|minutes)\ (?:listen|watch|audio|video)
          | (?:audio|video|podcast)\ (?:length|duration|runtime)(?:\ \d+){1,3}
          | duration(?:\ \d+){1,3}
          | (?:now\ )?(?:playing|loading)(?:\ \S+){0,3}
          | (?:video|audio)\ (?:will\ )?(?:play|start|begin)s?\ (?:in|shortly|automatically)(?:\ \S+){0,3}
          | up\ next(?:\ \S+){0,3}
        )$",
    )
    .expect("widget forms compile")
});

/// Words of which every match of [`WIDGET_FORMS`] holds one, whole (see
/// [`Document::key_matches_holding`]).
pub(crate) const WIDGET_FORM_HELD_WORDS: &str =
    "listen hear watch play audio video podcast duration playing loading next";

/// Player errors, matched anywhere in a short line's key.
static PLAYER_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        browser\ (?:does\ not|doesn\ t)\ support\ (?:the\ )?(?:audio|video|html5|this)
        | (?:video|audio|player|playback|media)\b.*\b(?:failed\ to\ load|could\ not\ be\ (?:played|loaded)|unsupported|not\ supported|error\ code)
        | (?:enable|turn\ on)\ javascript\b.*\b(?:video|audio|player|watch)
        ",
    )
    .expect("player errors compile")
});

/// `2:31`, `01:02:03`, `2:31 min`.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*(?:min|mins|minutes))?$")
        .expect("durations compile")
});

/// Whether a line of shape `shape` may be a [`DURATION`]: it starts with a
/// digit and has three at least, and at most the letters of `minutes`. Its
/// digits are of any script, as the pattern's are, so that no pair of
/// first bytes tells.
fn may_be_duration(shape: &Shape) -> bool {
    shape.initial == Initial::Digit && shape.digits >= 3 && shape.letters <= 7
}

/// `Watch: ...`, `VIDEO: ...`, `Listen: ...` lines that point at a clip.
static MEDIA_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:watch|video|listen|audio|podcast|gallery|in pictures|photos)\s*[:|]\s*\S")
        .expect("media links compile")
});

/// Compiles the patterns of this module, which are compiled on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&WIDGETS);
    LazyLock::force(&WIDGET_FORMS);
    LazyLock::force(&PLAYER_ERROR);
    LazyLock::force(&DURATION);
    LazyLock::force(&MEDIA_LINK);
}

impl Cleaner for MediaWidgets {
    fn name(&self) -> &'static str {
        "media"
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        for i in doc.content_lines() {
            if let Some(reason) = widget(doc, i) {
                marks.remove_line(i, reason);
            }
        }
    }
}

fn widget(doc: &Document<'_>, i: usize) -> Option<&'static str> {
    let shape = doc.shape(i);
    if shape.words > 30 {
        return None;
    }
    if may_be_duration(shape) && DURATION.is_match(doc.line_text(i)) {
        return Some("media duration");
    }
    let key = doc.key(i)?;
    if WIDGETS.contains(key)
        || (shape.words <= 12 && doc.key_matches_holding(&WIDGET_FORMS, WIDGET_FORM_WORDS, i))
    {
        return Some("media player");
    }
    if doc.key_matches(&PLAYER_ERROR, i) {
        return Some("media player error");
    }
    // A clip's title after `Watch:` is a link; a sentence after it is prose.
    if shape.words <= 20 && !shape.ends_sentence && MEDIA_LINK.is_match(doc.line_text(i)) {
        return Some("link to a video or audio clip");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cleaners::testing::{self, dropped, dropped_lines};

    proptest::proptest! {
        #[test]
        fn every_duration_may_be_one(
            // Digits of any script, and lines that are nearly durations.
            line in r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*(?:min|mins|minutes))?|[0-9a-z: ]{0,12}"
        ) {
            if DURATION.is_match(&line) {
                proptest::prop_assert!(may_be_duration(&Shape::of(&line)), "{}", line);
            }
        }
    }

    #[test]
    fn held_words_hold_every_widget_form() {
        let forms = WIDGET_FORMS.as_str();
        testing::held_words_hold_every_match(&[forms], &WIDGET_FORMS, WIDGET_FORM_WORDS);
        assert!(!testing::searched_holding(
            "Listing the options",
            WIDGET_FORM_WORDS
        ));
    }

    #[test]
    fn audio_player() {
        let text = "Listen to this article\nLoading audio...\nListen to this story 5 min\nThe minister resigned.";
        assert_eq!(dropped_lines(MediaWidgets, text).len(), 3);
    }

    #[test]
    fn video_player_and_durations() {
        let text =
            "Play video\n2:31\n01:02:03\nNow playing\nVideo will play automatically in 5 seconds";
        assert_eq!(dropped_lines(MediaWidgets, text).len(), 5);
    }

    #[test]
    fn player_errors() {
        let text = "Your browser does not support the audio element.\n\
                    Media playback is unsupported on your device\n\
                    Sorry, the video player failed to load. (Error Code: 100013)";
        let d = dropped(MediaWidgets, text);
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn clip_links_and_other_languages() {
        let text = "Watch: Protesters gather outside parliament\nVIDEO: Storm hits the coast\nArtikel anhören\nÉcouter cet article";
        assert_eq!(dropped_lines(MediaWidgets, text).len(), 4);
    }

    #[test]
    fn prose_about_media_stays() {
        let text = "Listen to the experts, he said, and you will not go wrong.\n\
                    Watch: the word was scrawled on every wall of the village.\n\
                    The video was played to the jury on Tuesday.\n\
                    At 2:31 the alarm went off.";
        assert!(
            dropped_lines(MediaWidgets, text).is_empty(),
            "{:?}",
            dropped_lines(MediaWidgets, text)
        );
    }
}
