//! Inputs fuzzing found that broke an invariant (`fuzz/`, see the README),
//! each replayed through every check of `tests/invariants.rs`.

use newsclean::{Favor, Pipeline};

use crate::invariants::check_cleaning;

fn replay(favor: Favor, text: &str) {
    let pipeline = Pipeline::news().favor(favor);
    if let Err(broken) = check_cleaning(&pipeline, text) {
        panic!("{broken}\ninput: {text:?}");
    }
}

/// A line of nothing but control characters shows as nothing in the body;
/// the headline after it was kept for not sitting between two paragraphs,
/// then dropped when the body was cleaned again.
#[test]
fn line_of_control_characters_is_blank() {
    replay(
        Favor::Balanced,
        "The council voted on Tuesday to approve the new cycle lanes along the seafront.\n\
         \0\0\u{1}\n\
         Boris Johnson to visit region amid rising tensions\n\
         The council voted on Tuesday to approve the new cycle lanes along the seafront.",
    );
}

/// Control characters between a letter and its accent: dropped after
/// composing, they left the two apart, and the body was not in NFC until
/// cleaned again.
#[test]
fn control_characters_between_letter_and_accent() {
    replay(
        Favor::Balanced,
        "etw?\0\u{300}a\0\0\0\0\0\0\0\u{1}\0\u{300}a`:\u{1f}",
    );
}

/// Two copies of a name with the headline between them: the first cleaning
/// takes the headline and keeps both copies, which are then side by side,
/// and cleaning again takes them as the outlet's name (metadata's
/// "doubled" rule counted the neighbours before the headline went). Found
/// by the `records` target.
#[test]
fn name_repeated_around_the_headline() {
    replay(
        Favor::Balanced,
        "e-Paper Archive\n\
         Council approves new bridge plan for the harbour\n\
         e-Paper Archive\n\
         The council approved the budget on Tuesday after a debate that lasted well into the evening.\n\
         e-Paper Archive\n\
         Work on the bridge will start in the spring, the council said after the vote on Tuesday.",
    );
}

/// Headlines glued to their dates above the story, more of them than the
/// pipeline has rounds: the metadata cleaner took one a round, as the
/// headline, so the rounds ran out with some left, which cleaning again
/// took. Found by the `pipeline` target (a 3 KB input; this is the same
/// failure, written small).
#[test]
fn more_dated_headlines_than_rounds() {
    let mut text = String::new();
    for topic in [
        "bridge", "library", "harbour", "stadium", "museum", "school", "market", "station",
    ] {
        text.push_str(&format!(
            "the council opens the new {topic} December 4, 2021 at 6:53 pm\n"
        ));
    }
    text.push_str(
        "The council approved the budget on Tuesday after a debate that lasted well into the evening.\n\
         Work on the bridge will start in the spring, the council said after the vote on Tuesday.\n",
    );
    replay(Favor::Balanced, &text);
    let cleaned = Pipeline::news().clean(&text);
    assert!(
        cleaned.body().starts_with("The council approved"),
        "{}",
        cleaned.body()
    );
    // The first is the headline, not the last one taken.
    assert_eq!(
        cleaned.metadata().title.as_deref(),
        Some("the council opens the new bridge")
    );
}
