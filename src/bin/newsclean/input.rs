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
    Gzip { source: Source, error: io::Error },
    Binary(Source),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { source, error } if error.kind() == io::ErrorKind::NotFound => {
                write!(f, "{source}: no such file")
            }
            InputError::Io { source, error } => write!(f, "{source}: {error}"),
            InputError::Directory(source) => write!(f, "{source}: is a directory"),
            InputError::Binary(source) => write!(f, "{source}: binary data, not an HTML page"),
            InputError::Gzip { source, error } => {
                write!(f, "{source}: not a readable gzip file ({error})")
            }
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

/// Reads `source` whole, decompressing a file whose name ends in `.gz`.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, InputError> {
    let bytes = read_raw(source)?;
    match source {
        Source::File(path) if path.extension().is_some_and(|e| e == "gz") => {
            let mut out = Vec::with_capacity(bytes.len() * 4);
            flate2::read::MultiGzDecoder::new(bytes.as_slice())
                .read_to_end(&mut out)
                .map_err(|error| InputError::Gzip {
                    source: source.clone(),
                    error,
                })?;
            Ok(out)
        }
        _ => Ok(bytes),
    }
}

fn read_raw(source: &Source) -> Result<Vec<u8>, InputError> {
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

/// `bytes` read from `source`, as UTF-8 text.
pub fn utf8(source: &Source, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        source: source.clone(),
        offset: e.utf8_error().valid_up_to(),
    })
}
