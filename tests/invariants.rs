//! What cleaning must keep true of any input, whatever it drops: checked by
//! the property tests, the fuzz targets (`fuzz/`, which include this file)
//! and the regression tests of what fuzzing found.

use newsclean::{Cleaned, Pipeline, Verdict};
use unicode_normalization::UnicodeNormalization;

/// What the normaliser may do to a line: invisible and control characters
/// dropped, then NFC, whitespace squeezed, edges trimmed. A naive oracle.
pub fn normalized(line: &str) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}'
        )
    };
    let kept: String = line
        .chars()
        .filter(|&c| !invisible(c) && (c.is_whitespace() || !c.is_control()))
        .collect();
    let composed: String = kept.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

macro_rules! ensure {
    ($condition:expr, $($why:tt)+) => {
        if !$condition {
            return Err(format!($($why)+));
        }
    };
}

/// The segments tile the input on char boundaries, layout segments hold
/// nothing but layout, and every removal is a non-empty span on char
/// boundaries.
pub fn check_tiling(input: &str, cleaned: &Cleaned<'_>) -> Result<(), String> {
    let mut at = 0;
    for segment in cleaned.segments() {
        let span = segment.span;
        ensure!(
            span.start == at,
            "segments leave a gap or overlap at {at}: {span:?}"
        );
        ensure!(span.end > span.start, "empty segment at {at}");
        ensure!(
            input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
            "segment {span:?} splits a character"
        );
        if segment.verdict == Verdict::Layout {
            let text = &input[span.range()];
            ensure!(
                text.chars()
                    .all(|c| c.is_whitespace() || normalized(&c.to_string()).is_empty()),
                "layout holds text: {text:?}"
            );
        }
        at = span.end;
    }
    ensure!(
        at == input.len(),
        "segments stop at {at} of {}",
        input.len()
    );
    for removal in cleaned.removals() {
        let span = removal.span;
        ensure!(
            input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
            "removal {span:?} splits a character"
        );
        ensure!(!span.is_empty(), "empty removal at {}", span.start);
    }
    Ok(())
}

/// Body lines appear, in order, among the input's lines: nothing invented.
pub fn check_subsequence(input: &str, body: &str) -> Result<(), String> {
    let mut source = input.split('\n').map(normalized);
    for paragraph in body.split('\n').filter(|p| !p.is_empty()) {
        ensure!(
            source.any(|line| line == paragraph),
            "body line not found in order among the input lines: {paragraph:?}"
        );
    }
    Ok(())
}

/// Cleaning the body again drops nothing more.
pub fn check_idempotent(pipeline: &Pipeline, body: &str) -> Result<(), String> {
    let twice = pipeline.clean(body);
    ensure!(
        twice.body() == body,
        "a second cleaning changes the body: {:?} became {:?}",
        body,
        twice.body()
    );
    ensure!(
        twice.removals().is_empty(),
        "a second cleaning removes {:?}",
        twice.removals()
    );
    Ok(())
}

/// Cleans `input` with `pipeline` and checks every invariant.
pub fn check_cleaning(pipeline: &Pipeline, input: &str) -> Result<(), String> {
    let cleaned = pipeline.clean(input);
    check_tiling(input, &cleaned)?;
    check_subsequence(input, cleaned.body())?;
    check_idempotent(pipeline, cleaned.body())?;
    // The pipeline kept the memory of both cleanings for the next: nothing
    // of them may show in it.
    let again = pipeline.clean(input);
    if format!("{again:?}") != format!("{cleaned:?}") {
        return Err(format!(
            "cleaned again by the same pipeline: {again:?}\nfirst: {cleaned:?}"
        ));
    }
    Ok(())
}
