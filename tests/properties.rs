//! Invariants of cleaning, on arbitrary text mixed with real boilerplate.

use newsclean::Pipeline;
use proptest::prelude::*;

use crate::invariants::{check_idempotent, check_subsequence, check_tiling};

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn segments_tile_the_input_on_char_boundaries(input in document()) {
        let cleaned = Pipeline::news().clean(&input);
        check_tiling(&input, &cleaned).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn body_lines_come_from_the_input_in_order(input in document()) {
        let cleaned = Pipeline::news().clean(&input);
        check_subsequence(&input, cleaned.body()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn cleaning_is_idempotent(input in document()) {
        let pipeline = Pipeline::news();
        let once = pipeline.clean(&input);
        check_idempotent(&pipeline, once.body()).map_err(TestCaseError::fail)?;
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

    /// A pipeline keeps the memory of its last cleaning for the next:
    /// nothing of the last document may show in the next one's result.
    #[test]
    fn a_pipeline_cleans_as_if_new_after_any_document(
        inputs in proptest::collection::vec(document(), 2..5),
    ) {
        let reused = Pipeline::news();
        for input in &inputs {
            let again = format!("{:?}", reused.clean(input));
            prop_assert_eq!(again, format!("{:?}", Pipeline::news().clean(input)));
        }
    }

    #[test]
    fn every_favor_keeps_the_invariants(input in document(), favor in prop_oneof![
        Just(newsclean::Favor::Precision), Just(newsclean::Favor::Balanced), Just(newsclean::Favor::Recall)
    ]) {
        let cleaned = Pipeline::news().favor(favor).clean(&input);
        check_tiling(&input, &cleaned).map_err(TestCaseError::fail)?;
        check_subsequence(&input, cleaned.body()).map_err(TestCaseError::fail)?;
    }
}
