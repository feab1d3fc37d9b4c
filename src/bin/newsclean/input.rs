//! Reading inputs: files or standard input, as UTF-8 text.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where an input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` names standard input.
    pub fn from_arg(arg: &Path) -> Source {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    Io { source: Source, error: io::Error },
    Directory(Source),
    NotUtf8 { source: Source, offset: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { source, error } if error.kind() == io::ErrorKind::NotFound => {
                write!(f, "{source}: no such file")
            }
            InputError::Io { source, error } => write!(f, "{source}: {error}"),
            InputError::Directory(source) => write!(f, "{source}: is a directory"),
            InputError::NotUtf8 { source, offset } => {
                write!(
                    f,
                    "{source}: not UTF-8 text (invalid byte at offset {offset})"
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Reads `source` whole.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, InputError> {
    let io_error = |error| InputError::Io {
        source: source.clone(),
        error,
    };
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(io_error)?;
            Ok(bytes)
        }
        Source::File(path) => {
            if path.is_dir() {
                return Err(InputError::Directory(source.clone()));
            }
            fs::read(path).map_err(io_error)
        }
    }
}

/// Reads `source` whole, as UTF-8 text.
pub fn read_text(source: &Source) -> Result<String, InputError> {
    let bytes = read_bytes(source)?;
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        source: source.clone(),
        offset: e.utf8_error().valid_up_to(),
    })
}
