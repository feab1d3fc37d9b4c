//! What a corpus run tells the user on standard error: a progress bar while
//! it runs (only on a terminal) and a summary at the end.

use std::fmt;
use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over the input's bytes, drawn on standard error when it is
/// a terminal and the run is not quiet; hidden otherwise.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    unit: &'static str,
}

impl Progress {
    /// `total` is the input's size in bytes, when known (not for standard
    /// input); `unit` names what is counted (`records`, `files`).
    pub fn new(total: Option<u64>, quiet: bool, unit: &'static str) -> Progress {
        if quiet || !io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
                unit,
            };
        }
        let (bar, template) = match total {
            Some(total) => (
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
                "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
                 {decimal_bytes_per_sec} ETA {eta} {msg}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar, unit }
    }

    /// `position` bytes of the input are done, making `count` items.
    pub fn update(&self, position: u64, count: u64) {
        self.bar.set_position(position);
        self.bar.set_message(format!("{count} {}", self.unit));
    }

    /// Prints a line on standard error without garbling the bar.
    pub fn println(&self, line: impl fmt::Display) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the bar, before the summary.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Counts of a corpus run, for the summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records or files seen (blank lines are not records).
    pub items: u64,
    /// Those that could not be cleaned.
    pub bad: u64,
    /// Bytes read (uncompressed) and written.
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Bytes of text given to the cleaners, and of body they returned.
    pub text_in: u64,
    pub text_out: u64,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.items += other.items;
        self.bad += other.bad;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        self.text_in += other.text_in;
        self.text_out += other.text_out;
    }
}

/// The summary printed at the end of a run.
#[derive(Debug)]
pub struct Summary<'a> {
    pub tally: &'a Tally,
    /// What the items are (`records`, `files`), and what a bad one got.
    pub unit: &'static str,
    pub bad_means: &'static str,
    pub elapsed: Duration,
    pub threads: usize,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.tally;
        let mb = |bytes: u64| bytes as f64 / 1e6;
        let seconds = self.elapsed.as_secs_f64();
        write!(f, "{:<10}{}", self.unit, t.items)?;
        if t.bad > 0 {
            write!(f, " ({} bad: {})", t.bad, self.bad_means)?;
        }
        writeln!(f)?;
        writeln!(f, "{:<10}{:.1} MB", "read", mb(t.bytes_in))?;
        writeln!(f, "{:<10}{:.1} MB", "written", mb(t.bytes_out))?;
        let removed = 100.0 * t.text_in.saturating_sub(t.text_out) as f64 / t.text_in.max(1) as f64;
        writeln!(
            f,
            "{:<10}{removed:.1}% of the text ({:.1} MB cleaned to {:.1} MB)",
            "removed",
            mb(t.text_in),
            mb(t.text_out)
        )?;
        let threads = match self.threads {
            1 => "1 thread".to_owned(),
            n => format!("{n} threads"),
        };
        write!(
            f,
            "{:<10}{seconds:.2} s on {threads}, {:.1} MB/s",
            "time",
            mb(t.bytes_in) / seconds.max(1e-9)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_gives_counts_share_removed_and_throughput() {
        let tally = Tally {
            items: 1000,
            bad: 3,
            bytes_in: 20_000_000,
            bytes_out: 25_000_000,
            text_in: 16_000_000,
            text_out: 12_000_000,
        };
        let summary = Summary {
            tally: &tally,
            unit: "records",
            bad_means: "see their \"error\" field",
            elapsed: Duration::from_secs(4),
            threads: 2,
        };
        assert_eq!(
            summary.to_string(),
            "records   1000 (3 bad: see their \"error\" field)\n\
             read      20.0 MB\n\
             written   25.0 MB\n\
             removed   25.0% of the text (16.0 MB cleaned to 12.0 MB)\n\
             time      4.00 s on 2 threads, 5.0 MB/s"
        );
    }

    #[test]
    fn an_empty_run_divides_by_nothing() {
        let summary = Summary {
            tally: &Tally::default(),
            unit: "files",
            bad_means: "not written",
            elapsed: Duration::ZERO,
            threads: 1,
        };
        let text = summary.to_string();
        assert!(text.starts_with("files     0\n"), "{text}");
        assert!(text.ends_with(" on 1 thread, 0.0 MB/s"), "{text}");
        assert!(text.contains("removed   0.0% "), "{text}");
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
}
