//! `newsclean clean --out-dir OUT DIR`: cleans every `.txt` file under DIR,
//! on every core, into the same place under OUT.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Instant;

use newsclean::Pipeline;

use crate::clean::{Input, write_text};
use crate::input::Source;
use crate::output::AtomicFile;
use crate::parallel::{self, ordered_map};
use crate::progress::{Progress, Summary, Tally};
use crate::record::Kind;

/// What `--out-dir` was asked to do.
#[derive(Debug)]
pub struct Options {
    pub dir: PathBuf,
    pub out_dir: PathBuf,
    pub threads: usize,
    pub quiet: bool,
}

/// Files in flight per worker.
const WINDOW_PER_THREAD: usize = 4;

/// The kind of a file, from its name: only the kinds listed are cleaned.
fn kind_of(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" => Some(Kind::Text),
        "html" | "htm" => Some(Kind::Html),
        _ => None,
    }
}

/// A file to clean, relative to the input directory.
struct Job {
    path: PathBuf,
    kind: Kind,
    size: u64,
}

pub fn run(pipeline: &Pipeline, options: &Options) -> io::Result<ExitCode> {
    let named = |path: &Path, error: io::Error| {
        io::Error::new(error.kind(), format!("{}: {error}", path.display()))
    };
    let dir = fs::canonicalize(&options.dir).map_err(|e| named(&options.dir, e))?;
    if !dir.is_dir() {
        eprintln!("newsclean: {}: not a directory", options.dir.display());
        return Ok(ExitCode::from(2));
    }
    let out_dir = fs::canonicalize(&options.out_dir).ok();
    if out_dir.as_deref() == Some(dir.as_path()) {
        eprintln!(
            "newsclean: the output directory is the input directory: \
             the cleaned files would replace the originals"
        );
        return Ok(ExitCode::from(2));
    }
    let mut listing = Listing {
        root: &options.dir,
        skip: out_dir.as_deref(),
        jobs: Vec::new(),
        errors: Vec::new(),
    };
    listing.walk(&options.dir);
    let Listing { jobs, errors, .. } = listing;
    for error in &errors {
        eprintln!("newsclean: {error}");
    }

    let total = jobs.iter().map(|job| job.size).sum();
    let progress = Progress::new(Some(total), options.quiet, "files");
    let interrupted = parallel::interrupt_flag()?;
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut position = 0;
    let mut jobs = jobs.into_iter();
    let result: Result<(), io::Error> = ordered_map(
        options.threads,
        options.threads * WINDOW_PER_THREAD,
        &interrupted,
        || Ok(jobs.next()),
        |job| clean_file(pipeline, options, &job),
        |(done, size): (Result<Tally, String>, u64)| {
            match done {
                Ok(done) => tally.add(&done),
                Err(error) => {
                    tally.items += 1;
                    tally.bad += 1;
                    progress.println(format_args!("newsclean: {error}"));
                }
            }
            position += size;
            progress.update(position, tally.items);
            Ok(())
        },
    );
    progress.finish();
    result?;
    if interrupted.load(Ordering::Relaxed) {
        eprintln!(
            "newsclean: interrupted after {} files (each one written is complete)",
            tally.items
        );
        return Ok(ExitCode::from(parallel::INTERRUPTED));
    }
    if !options.quiet {
        let summary = Summary {
            tally: &tally,
            unit: "files",
            bad_means: "not written",
            elapsed: started.elapsed(),
            threads: options.threads,
        };
        eprintln!("{summary}");
    }
    Ok(if tally.bad > 0 || !errors.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Cleans one file into the output tree: its tally, or what went wrong,
/// with the file's size for the progress bar.
fn clean_file(pipeline: &Pipeline, options: &Options, job: &Job) -> (Result<Tally, String>, u64) {
    let done = (|| {
        let source = Source::File(options.dir.join(&job.path));
        let input = Input::read(&source, job.kind).map_err(|e| e.to_string())?;
        let cleaned = input.clean(pipeline);
        // The body is text, whatever the page was.
        let target = options.out_dir.join(&job.path).with_extension("txt");
        let named = |error: io::Error| format!("{}: {error}", target.display());
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(named)?;
        }
        let mut file = AtomicFile::create(&target).map_err(|e| e.to_string())?;
        write_text(&mut file, &cleaned, true).map_err(|e| e.to_string())?;
        file.commit(false).map_err(|e| e.to_string())?;
        let body = cleaned.body().len() as u64;
        Ok(Tally {
            items: 1,
            bad: 0,
            bytes_in: input.len() as u64,
            bytes_out: body + u64::from(body > 0),
            text_in: input.len() as u64,
            text_out: body,
        })
    })();
    (done, job.size)
}

/// The files to clean under a directory, in name order.
struct Listing<'a> {
    root: &'a Path,
    /// The output directory, when it is inside the input one.
    skip: Option<&'a Path>,
    jobs: Vec<Job>,
    errors: Vec<String>,
}

impl Listing<'_> {
    fn walk(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.errors.push(format!("{}: {error}", dir.display()));
                return;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                // Symbolic links to directories are not followed: no loops.
                Ok(entry) => {
                    paths.push((entry.path(), entry.file_type().is_ok_and(|t| t.is_dir())))
                }
                Err(error) => self.errors.push(format!("{}: {error}", dir.display())),
            }
        }
        paths.sort();
        for (path, is_dir) in paths {
            if is_dir {
                if self
                    .skip
                    .is_some_and(|skip| fs::canonicalize(&path).is_ok_and(|p| p == skip))
                {
                    continue;
                }
                self.walk(&path);
            } else if let Some(kind) = kind_of(&path) {
                let metadata = match fs::metadata(&path) {
                    Ok(metadata) => metadata,
                    Err(error) => {
                        self.errors.push(format!("{}: {error}", path.display()));
                        continue;
                    }
                };
                if !metadata.is_file() {
                    continue;
                }
                let relative = path.strip_prefix(self.root).unwrap_or(&path).to_path_buf();
                self.jobs.push(Job {
                    path: relative,
                    kind,
                    size: metadata.len(),
                });
            }
        }
    }
}
