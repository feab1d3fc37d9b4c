//! Invariants of cleaning, on arbitrary text mixed with real boilerplate.

use newsclean::{Cleaned, Pipeline, Verdict};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Boilerplate lines as real pages print them.
const BOILERPLATE: &[&str] = &[
    "- Advertisement -",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Publicidad",
    "Listen to this article",
    "Loading audio...",
    "2:31",
    "Read more: Russia warns Nato over troops in the east",
    "READ MORE: Markets slide as rates rise",
    "Related Stories",
    "Sign up to read this article",
    "Already a member? Sign in here",
    "Fourteen days free",
    "Download the app",
    "Get all your news in one place.",
    "Share this article",
    "Clive Bull 1am - 4am",
    "© 2024 Example News Ltd. All rights reserved.",
    "We use cookies to improve your experience on our site.",
    "Russia has deployed thousands of troops on the border. Credit: AP",
    "Boris Johnson is facing a mounting Ukraine crisis (Getty Images)",
    "Image source, Getty Images",
    "29 January 2022, 07:38 | Updated: 29 January 2022, 09:49",
    "By Jane Doe",
    "Daily Mirror",
    "Politics",
    "Biden and Putin to hold call amid Ukraine invasion fearson December 4, 2021 at 6:53 pm",
    "Winger Dominic Young is preferred to England's leading try-scorer...",
    "Truss: West needs to deter Russia from invading Ukraine",
];

/// Lines of real story prose.
const PROSE: &[&str] = &[
    "Boris Johnson will speak to Russian President Vladimir Putin over the phone in the coming days.",
    "The Foreign Office is also expected to announce tougher sanctions on Monday.",
    "\"I think it is a very serious situation,\" he told Sky News.",
    "Tensions between Russia and Ukraine are nothing new. In 2014 Russia annexed Crimea.",
    "Der Bundestag hat am Donnerstag das neue Gesetz mit großer Mehrheit beschlossen.",
    "Le gouvernement a présenté mercredi son projet de loi sur l'immigration, très attendu.",
    "What happens next?",
    "Sanctions threat",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(BOILERPLATE).prop_map(str::to_owned),
        3 => proptest::sample::select(PROSE).prop_map(str::to_owned),
        2 => "[ \t\u{a0}\u{200b}\u{feff}]{0,3}".prop_map(|s| s),
        2 => any::<String>(),
        2 => "\\PC{0,60}",
        1 => "[A-Z][a-z]{2,8}( [A-Za-z]{1,8}){2,12}",
        1 => "(e\u{301}|\u{1F600}|\u{200d}|\r|[a-z ]){0,20}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (proptest::collection::vec(line(), 0..30), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

/// What the normaliser may do to a line: NFC, invisible and control
/// characters dropped, whitespace squeezed, edges trimmed. A naive oracle.
fn normalized(line: &str) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}'
        )
    };
    let kept: String = line
        .nfc()
        .filter(|&c| !invisible(c) && (c.is_whitespace() || !c.is_control()))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn check_tiling(input: &str, cleaned: &Cleaned<'_>) -> Result<(), TestCaseError> {
    let mut at = 0;
    for segment in cleaned.segments() {
        prop_assert_eq!(segment.span.start, at, "segments leave a gap or overlap");
        prop_assert!(segment.span.end > segment.span.start, "empty segment");
        prop_assert!(
            input.is_char_boundary(segment.span.start) && input.is_char_boundary(segment.span.end)
        );
        if segment.verdict == Verdict::Layout {
            let text = &input[segment.span.range()];
            prop_assert!(
                text.chars()
                    .all(|c| c.is_whitespace() || normalized(&c.to_string()).is_empty()),
                "layout holds text: {:?}",
                text
            );
        }
        at = segment.span.end;
    }
    prop_assert_eq!(at, input.len(), "segments stop short of the end");
    for removal in cleaned.removals() {
        prop_assert!(
            input.is_char_boundary(removal.span.start) && input.is_char_boundary(removal.span.end)
        );
        prop_assert!(!removal.span.is_empty());
    }
    Ok(())
}

/// Body lines appear, in order, among the input's lines: nothing invented.
pub(crate) fn check_subsequence(input: &str, body: &str) -> Result<(), TestCaseError> {
    let mut source = input.split('\n').map(normalized);
    for paragraph in body.split('\n').filter(|p| !p.is_empty()) {
        prop_assert!(
            source.any(|line| line == paragraph),
            "body line not found in order among the input lines: {:?}",
            paragraph
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn segments_tile_the_input_on_char_boundaries(input in document()) {
        let cleaned = Pipeline::news().clean(&input);
        check_tiling(&input, &cleaned)?;
    }

    #[test]
    fn body_lines_come_from_the_input_in_order(input in document()) {
        let cleaned = Pipeline::news().clean(&input);
        check_subsequence(&input, cleaned.body())?;
    }

    #[test]
    fn cleaning_is_idempotent(input in document()) {
        let pipeline = Pipeline::news();
        let once = pipeline.clean(&input);
        let twice = pipeline.clean(once.body());
        prop_assert_eq!(once.body(), twice.body());
        prop_assert!(twice.removals().is_empty(), "second pass removed {:?}", twice.removals());
    }

    #[test]
    fn an_empty_pipeline_returns_the_input_borrowed(input in document()) {
        let pipeline = Pipeline::builder().build().expect("builds");
        let cleaned = pipeline.clean(&input);
        prop_assert_eq!(cleaned.body(), input.as_str());
        prop_assert!(cleaned.is_borrowed());
        prop_assert!(cleaned.removals().is_empty());
    }

    #[test]
    fn lines_match_split_inclusive(input in document()) {
        let doc = newsclean::Document::new(&input);
        let ours: Vec<&str> = doc.lines().iter().map(|l| &input[l.span.range()]).collect();
        let std: Vec<&str> = input.split_inclusive('\n').collect();
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn every_favor_keeps_the_invariants(input in document(), favor in prop_oneof![
        Just(newsclean::Favor::Precision), Just(newsclean::Favor::Balanced), Just(newsclean::Favor::Recall)
    ]) {
        let cleaned = Pipeline::news().favor(favor).clean(&input);
        check_tiling(&input, &cleaned)?;
        check_subsequence(&input, cleaned.body())?;
    }
}
