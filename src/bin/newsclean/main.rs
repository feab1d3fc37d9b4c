//! The `newsclean` command-line tool: cleans scraped articles from files or
//! standard input.

mod clean;
mod eval;
mod input;
mod jsonl;
mod outdir;
mod output;
mod parallel;
mod progress;
mod record;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "newsclean",
    version,
    about = "Strips boilerplate from scraped news and web articles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean articles: print each body, one paragraph per line.
    Clean(clean::Args),
    /// Score the pipeline on a corpus of pages with gold text.
    Eval(eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean::run(&args),
        Command::Eval(args) => eval::run(&args),
    };
    match result {
        Ok(code) => code,
        // The reader of the output stopped (`| head`): nothing is wrong.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("newsclean: {error}");
            ExitCode::from(2)
        }
    }
}
