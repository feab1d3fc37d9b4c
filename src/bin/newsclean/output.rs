//! Where cleaned corpora go: files written under a temporary name and
//! renamed once complete, so that a failed or interrupted run never leaves a
//! partial file under the name of a whole one.

use std::fs::{self, File};
use std::io::{self, BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

/// A file being written as `NAME.tmp-<pid>` beside `NAME`, renamed to
/// `NAME` by [`commit`](AtomicFile::commit) and removed if dropped before.
#[derive(Debug)]
pub struct AtomicFile {
    file: File,
    temp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl AtomicFile {
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let named =
            |error: io::Error| io::Error::new(error.kind(), format!("{}: {error}", path.display()));
        let Some(name) = path.file_name() else {
            return Err(named(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            )));
        };
        // Found now rather than by the rename, after all the work.
        if path.is_dir() {
            return Err(named(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            )));
        }
        let mut temp_name = name.to_os_string();
        temp_name.push(format!(".tmp-{}", std::process::id()));
        // Same directory, so the rename cannot cross file systems.
        let temp = path.with_file_name(temp_name);
        let file = File::create(&temp).map_err(named)?;
        Ok(AtomicFile {
            file,
            temp,
            path: path.to_path_buf(),
            committed: false,
        })
    }

    /// Gives the file its final name, replacing any file there. With
    /// `durable`, its contents reach the disk first, so that not even a
    /// crash of the machine leaves a partial file under that name.
    pub fn commit(mut self, durable: bool) -> io::Result<()> {
        self.file.flush().map_err(|e| self.named(e))?;
        if durable {
            self.file.sync_all().map_err(|e| self.named(e))?;
        }
        fs::rename(&self.temp, &self.path).map_err(|e| self.named(e))?;
        self.committed = true;
        Ok(())
    }

    /// `error`, saying which file it is about.
    pub fn named(&self, error: io::Error) -> io::Error {
        io::Error::new(error.kind(), format!("{}: {error}", self.path.display()))
    }
}

/// Errors say which file they are about, for every writer built on it.
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).map_err(|e| self.named(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| self.named(e))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// A stream of output: standard output, a file, or a gzip file (when the
/// name ends with `.gz`).
#[derive(Debug)]
pub enum Destination {
    Stdout(BufWriter<Stdout>),
    File(BufWriter<AtomicFile>),
    Gzip(GzEncoder<BufWriter<AtomicFile>>),
}

impl Destination {
    /// Standard output when `path` is `None` (or `-`).
    pub fn create(path: Option<&Path>) -> io::Result<Destination> {
        let Some(path) = path.filter(|p| *p != Path::new("-")) else {
            return Ok(Destination::Stdout(BufWriter::new(io::stdout())));
        };
        let file = BufWriter::new(AtomicFile::create(path)?);
        Ok(if path.extension().is_some_and(|e| e == "gz") {
            Destination::Gzip(GzEncoder::new(file, Compression::default()))
        } else {
            Destination::File(file)
        })
    }

    /// Writes what is left and gives a file its final name. Dropping a
    /// destination without finishing it removes its temporary file.
    pub fn finish(self) -> io::Result<()> {
        let file = match self {
            Destination::Stdout(mut out) => return out.flush().map_err(stdout_named),
            Destination::File(out) => out,
            Destination::Gzip(out) => out.finish()?,
        };
        file.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .commit(true)
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf).map_err(stdout_named),
            Destination::File(out) => out.write(buf),
            Destination::Gzip(out) => out.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.write_all(buf).map_err(stdout_named),
            Destination::File(out) => out.write_all(buf),
            Destination::Gzip(out) => out.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush().map_err(stdout_named),
            Destination::File(out) => out.flush(),
            Destination::Gzip(out) => out.flush(),
        }
    }
}

/// `error`, saying it is about standard output (a file's errors name the
/// file: see [`AtomicFile`]).
fn stdout_named(error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("standard output: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("newsclean-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_file_has_its_name_only_once_committed() {
        let dir = scratch("commit");
        let path = dir.join("out.jsonl");
        fs::write(&path, "old\n").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new\n").unwrap();
        let temp = format!("out.jsonl.tmp-{}", std::process::id());
        assert_eq!(names(&dir), ["out.jsonl", temp.as_str()]);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        file.commit(false).unwrap();
        assert_eq!(names(&dir), ["out.jsonl"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_dropped_before_commit_leaves_nothing() {
        let dir = scratch("drop");
        let path = dir.join("out.jsonl.gz");
        let mut out = Destination::create(Some(&path)).unwrap();
        out.write_all(b"{}\n").unwrap();
        assert!(matches!(out, Destination::Gzip(_)));
        drop(out);
        assert_eq!(names(&dir), Vec::<String>::new());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_directory_or_a_directory_is_named() {
        let error = AtomicFile::create(Path::new("/nonexistent-dir/out.jsonl")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("/nonexistent-dir/out.jsonl: "),
            "{error}"
        );
        let dir = scratch("directory");
        let error = AtomicFile::create(&dir).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: is a directory", dir.display())
        );
        assert_eq!(names(&dir), Vec::<String>::new());
        fs::remove_dir_all(dir).unwrap();
    }
}
