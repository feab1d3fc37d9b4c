//! Dates as news pages print them, in the major European languages.

use std::sync::LazyLock;

use super::Regex;

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december\
    |jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec\
    |januar|jänner|februar|märz|mai|juni|juli|oktober|dezember\
    |janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre\
    |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre\
    |gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre\
    |janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro\
    |januari|februari|maart|mei|augustus";

const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday\
    |mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun\
    |montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag\
    |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche\
    |lunes|martes|miércoles|jueves|viernes|sábado|domingo\
    |lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica\
    |segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira\
    |maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag";

/// Compiles the patterns of dates, which are compiled on first use.
pub(crate) fn prepare() {
    for pattern in [&DATE, &LABEL, &UPDATED] {
        LazyLock::force(pattern);
    }
}

/// One date, with an optional weekday before it and time after it.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi)
        (?:\b(?:{WEEKDAYS})\.?,?\s+)?
        (?:
            \b\d{{1,2}}(?:st|nd|rd|th|\.|er)?\s+(?:de\s+)?(?:{MONTHS})\b\.?,?\s+(?:de\s+)?\d{{4}}\b
          | \b(?:{MONTHS})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b
          | \b\d{{4}}-\d{{2}}-\d{{2}}(?:[T\ ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
          | \b\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d{{2}})\b
          | \b\d{{1,3}}\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b
        )
        (?:
            (?:\s*,\s*|\s+at\s+|\s+-\s+|\s+|\s*\|\s*|\s+à\s+|\s+um\s+|\s+a\s+las\s+|\s+alle\s+|\s+às\s+|\s+om\s+)
            \d{{1,2}}(?:[:.h]\d{{2}}){{1,2}}(?:\s*[ap]\.?m\.?)?
            (?:\s*(?-i:[A-Z]{{2,4}}\b|UTC[+-]?\d*|GMT[+-]?\d*))?
        )?"
    );
    Regex::new(&pattern).expect("date pattern compiles")
});

/// Words that may surround dates on a date line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            published|updated|last|first|posted|on|at|modified|date|dated|created|edited|revised
          | publié|publie|le|mis|à|a|jour|veröffentlicht|aktualisiert|zuletzt|am|um|stand
          | actualizado|publicado|el|pubblicato|aggiornato|il|gepubliceerd|bijgewerkt|op
          | atualizado|em|originally|time|read|uhr|de|del|h
        )$",
    )
    .expect("label pattern compiles")
});

static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)updat|modifi|aktualisiert|mis à jour|actualiz|aggiorn|bijgewerkt|atualiz|edited|revised")
        .expect("updated pattern compiles")
});

/// The dates a date line carries, as byte ranges into the line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DateLine {
    pub published: Option<(usize, usize)>,
    pub updated: Option<(usize, usize)>,
}

/// Whether `line` could hold a date at all: a cheap test before the regex.
fn may_hold_date(line: &str) -> bool {
    line.len() <= 240 && line.bytes().any(|b| b.is_ascii_digit())
}

/// Reads a line made only of dates and labels (`29 January 2022, 07:38 |
/// Updated: 29 January 2022, 09:49`). Returns `None` when anything else is on
/// the line.
pub(crate) fn date_line(line: &str) -> Option<DateLine> {
    if !may_hold_date(line) {
        return None;
    }
    let mut found = DateLine::default();
    let mut last = 0;
    let mut any = false;
    for m in DATE.find_iter(line) {
        let before = &line[last..m.start()];
        if !only_labels(before) {
            return None;
        }
        let span = (m.start(), trim_date_end(line, m.start(), m.end()));
        if UPDATED.is_match(before) {
            found.updated.get_or_insert(span);
        } else if found.published.is_none() {
            found.published = Some(span);
        } else {
            found.updated.get_or_insert(span);
        }
        any = true;
        last = m.end();
    }
    (any && only_labels(&line[last..])).then_some(found)
}

/// Whether `text` holds a date anywhere.
pub(crate) fn holds_date(text: &str) -> bool {
    may_hold_date(text) && DATE.is_match(text)
}

/// Splits a headline glued to its date (`...invasion fearson December 4,
/// 2021 at 6:53 pm`) into the headline's end and the date's range.
pub(crate) fn trailing_date(line: &str) -> Option<(usize, (usize, usize))> {
    // The last character first: it rules out most lines at once.
    if !may_end_with_date(line) || !may_hold_date(line) {
        return None;
    }
    let m = DATE.find_iter(line).last()?;
    if !line[m.end()..].trim().is_empty() {
        return None;
    }
    let mut head = line[..m.start()].trim_end();
    // The scraper's separator: `on`, glued or not, or punctuation.
    head = head
        .trim_end_matches(['|', ',', '-', '\u{2013}', '\u{2014}', '\u{00B7}'])
        .trim_end();
    if let Some(stripped) = head.strip_suffix("on") {
        head = stripped.trim_end();
    }
    if super::words(head).count() < 3 {
        return None;
    }
    Some((
        head.len(),
        (m.start(), trim_date_end(line, m.start(), m.end())),
    ))
}

/// Whether `line` may end with a [`DATE`]: its last character is one a
/// date ends with (a digit, `ago`, `am`, `a.m.`, a zone like `GMT`, `UTC+`,
/// ISO's `Z`). A cheap test before searching: most lines end otherwise.
fn may_end_with_date(line: &str) -> bool {
    let mut last = line.trim_end().chars().rev();
    match last.next() {
        Some('.') => matches!(last.next(), Some('m' | 'M')),
        Some(c) => {
            c.is_numeric()
                || c.is_ascii_uppercase()
                || matches!(c, 'z' | 'o' | 'm' | '+' | '-')
                || !c.is_ascii()
        }
        None => false,
    }
}

fn trim_date_end(line: &str, start: usize, end: usize) -> usize {
    start + line[start..end].trim_end_matches([',', ' ']).len()
}

fn only_labels(text: &str) -> bool {
    super::words(text).all(|w| LABEL.is_match(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(line: &str) -> Option<&str> {
        date_line(line)
            .and_then(|d| d.published)
            .map(|(s, e)| &line[s..e])
    }

    #[test]
    fn published_and_updated_on_one_line() {
        let line = "29 January 2022, 07:38 | Updated: 29 January 2022, 09:49";
        let d = date_line(line).unwrap();
        let (s, e) = d.published.unwrap();
        assert_eq!(&line[s..e], "29 January 2022, 07:38");
        let (s, e) = d.updated.unwrap();
        assert_eq!(&line[s..e], "29 January 2022, 09:49");
    }

    #[test]
    fn labelled_dates_in_several_languages() {
        assert_eq!(
            published("Published on March 3, 2023"),
            Some("March 3, 2023")
        );
        assert_eq!(
            published("Veröffentlicht am 4. Dezember 2021, 18:53 Uhr"),
            Some("4. Dezember 2021, 18:53")
        );
        assert_eq!(
            published("Publié le 12 février 2022 à 10h30"),
            Some("12 février 2022 à 10h30")
        );
        assert_eq!(
            published("2023-05-01T10:00:00Z"),
            Some("2023-05-01T10:00:00Z")
        );
        assert_eq!(
            published("Saturday 29 January 2022 07:38 GMT"),
            Some("Saturday 29 January 2022 07:38 GMT")
        );
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            date_line("On 12 December 2021, the G7 ministers met in Liverpool."),
            None
        );
        assert_eq!(date_line("The vote is on 3 May 2022"), None);
    }

    #[test]
    fn glued_headline_and_date() {
        let line = "Biden and Putin to hold call amid Ukraine invasion fearson December 4, 2021 at 6:53 pm";
        let (head, (s, e)) = trailing_date(line).unwrap();
        assert_eq!(
            &line[..head],
            "Biden and Putin to hold call amid Ukraine invasion fears"
        );
        assert_eq!(&line[s..e], "December 4, 2021 at 6:53 pm");
    }

    #[test]
    fn headline_with_separated_date() {
        let line = "Markets rally as inflation cools | 3 May 2023";
        let (head, (s, e)) = trailing_date(line).unwrap();
        assert_eq!(&line[..head], "Markets rally as inflation cools");
        assert_eq!(&line[s..e], "3 May 2023");
    }
}
