//! Writing the output folder once every page has rendered: only files whose bytes changed are
//! written, all or nothing (each through a temporary file, renamed into place once all are
//! written, the old ones put back if anything fails), stale files are removed, and nothing
//! outside the output folder is ever touched: no write goes through a link.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};

/// Marks a folder as Bayan's output, so a later build may replace what is in it.
pub const MARKER_FILE: &str = ".bayan-output";
const MARKER_TEXT: &str =
    "This folder is written by `bayan build`; its files are replaced on every build.\n";

/// The bytes of an output file, or the file of the site to copy them from.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Shared, so rendered pages kept between preview rebuilds are never copied.
    Bytes(Arc<[u8]>),
    CopyOf(PathBuf),
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder.
    pub path: PathBuf,
    pub contents: Contents,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Folders of the site that must never become the output.
const PROTECTED: &[&str] = &["content", "static", "sass", "themes", "templates", "i18n"];

/// Absolute form of `path` without touching the disk beyond the part that exists.
fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve the longest existing ancestor (symlinks included), then append the rest.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        let part = PathBuf::from(part);
        for c in part.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n),
                _ => {}
            }
        }
    }
    out
}

/// The error for an output folder that could not be written, shown as `shown_as`.
pub fn write_failed(shown_as: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::OutputFolder,
        shown_as,
        format!("writing the output failed: {error}"),
    )
    .with_hint("check there is free disk space and that you may write to this folder")
}

/// Refuses output folders that would overwrite the site itself or someone else's files.
pub fn check_output_dir(root: &Path, output: &Path, shown_as: &Path) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let output_abs = normalize(output);
    let refuse = |why: String| {
        Diagnostic::error(Code::OutputFolder, shown_as, why).with_hint(
            "choose a folder of its own for the output, e.g. output_dir = \"public\" in config.toml or --output-dir public",
        )
    };
    if root.starts_with(&output_abs) {
        return Err(refuse(if root == output_abs {
            "the output folder cannot be the site's own folder".into()
        } else {
            "the output folder cannot contain the site".into()
        }));
    }
    for protected in PROTECTED {
        if output_abs.starts_with(root.join(protected)) {
            return Err(refuse(format!(
                "the output folder cannot be inside the site's {protected}/ folder"
            )));
        }
    }
    if output_abs.is_file() {
        return Err(refuse("the output path is a file, not a folder".into()));
    }
    if output_abs.is_dir() && !output_abs.join(MARKER_FILE).is_file() {
        let non_empty = fs::read_dir(&output_abs)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty {
            return Err(Diagnostic::error(Code::OutputFolder,
                shown_as,
                "this folder already has files that Bayan did not write; refusing to replace them",
            )
            .with_hint(format!(
                "empty or remove the folder yourself, or pick another one; Bayan marks its own output folders with a {MARKER_FILE} file"
            )));
        }
    }
    Ok(())
}

/// Writes `files` into `output` and removes what the build no longer produces, all or nothing:
/// every new or changed file is first written beside its place under a temporary name; only
/// when all are written do they replace the old ones, and a failure at any point puts back what
/// was there. Nothing is written through a link: a link in the output folder on the way to a
/// file of the build is refused before anything is written.
pub fn write(output: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let created_output = !output.exists();
    fs::create_dir_all(output)?;
    let mut staged = Staged::default();
    let result = refuse_links(output, files)
        .and_then(|()| stage(output, files, &mut staged))
        .and_then(|stats| staged.commit().map(|()| stats));
    let mut stats = match result {
        Ok(stats) => stats,
        Err(e) => {
            let restored = staged.roll_back();
            if created_output {
                let _ = fs::remove_dir(output);
            }
            return Err(match restored {
                Ok(()) => e,
                Err(again) => io::Error::other(format!(
                    "{e}; putting the old files back failed too ({again}), so the output folder is partly new: build again once the cause is fixed"
                )),
            });
        }
    };
    staged.discard_backups();
    stats.removed = remove_stale(output, files)?;
    Ok(stats)
}

/// What a write has done so far, to finish or undo it.
#[derive(Default)]
struct Staged {
    /// Folders this write created, parents first.
    created_dirs: Vec<PathBuf>,
    /// (temporary file, its place), written and waiting.
    temps: Vec<(PathBuf, PathBuf)>,
    /// Places replaced so far, with where the old file or folder was moved (`None`: there was
    /// nothing).
    replaced: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Staged {
    /// Moves every temporary file into its place, keeping what was there aside. The files are
    /// moved in parallel; whatever each got done is recorded, so a failure can be undone.
    fn commit(&mut self) -> io::Result<()> {
        let outcomes: Vec<Moved> = std::mem::take(&mut self.temps)
            .into_par_iter()
            .map(|(temp, target)| {
                let backup = match fs::symlink_metadata(&target) {
                    Ok(_) => {
                        let backup = beside(&target, "bayan-old");
                        if let Err(e) = fs::rename(&target, &backup) {
                            return Moved::Not(temp, target, e);
                        }
                        Some(backup)
                    }
                    Err(_) => None,
                };
                match fs::rename(&temp, &target) {
                    Ok(()) => Moved::Done(target, backup),
                    Err(e) => Moved::SetAside(temp, target, backup, e),
                }
            })
            .collect();
        let mut first_error = None;
        for outcome in outcomes {
            match outcome {
                Moved::Done(target, backup) => self.replaced.push((target, backup)),
                Moved::SetAside(temp, target, backup, e) => {
                    self.replaced.push((target.clone(), backup));
                    self.temps.push((temp, target));
                    first_error.get_or_insert(e);
                }
                Moved::Not(temp, target, e) => {
                    self.temps.push((temp, target));
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Puts back what `commit` replaced and removes what `stage` wrote.
    fn roll_back(&mut self) -> io::Result<()> {
        let mut first_error = Ok(());
        for (target, backup) in self.replaced.drain(..).rev() {
            let undone = match &backup {
                Some(backup) => remove_any(&target).and_then(|()| fs::rename(backup, &target)),
                None => remove_any(&target),
            };
            if first_error.is_ok() {
                first_error = undone;
            }
        }
        for (temp, _) in self.temps.drain(..) {
            let _ = fs::remove_file(temp);
        }
        for dir in self.created_dirs.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
        first_error
    }

    fn discard_backups(&mut self) {
        for (_, backup) in self.replaced.drain(..) {
            if let Some(backup) = backup {
                let _ = remove_any(&backup);
            }
        }
    }
}

/// What committing one file got done.
enum Moved {
    /// In place; the old one (if any) set aside.
    Done(PathBuf, Option<PathBuf>),
    /// The old one set aside, the new one not moved in.
    SetAside(PathBuf, PathBuf, Option<PathBuf>, io::Error),
    /// Nothing moved.
    Not(PathBuf, PathBuf, io::Error),
}

/// Removes a file, a link or a folder, whichever is at `path` (never what a link points to).
fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// `dir/.name.SUFFIX`: a hidden name beside `path`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    path.with_file_name(format!(
        ".{}.{suffix}",
        path.file_name().unwrap_or_default().to_string_lossy()
    ))
}

/// Refuses links inside the output folder on the way to a file of the build (or at its place).
fn refuse_links(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let mut checked: HashSet<&Path> = HashSet::new();
    for file in files {
        for place in file.path.ancestors().filter(|p| !p.as_os_str().is_empty()) {
            if !checked.insert(place) {
                break;
            }
            let path = output.join(place);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(io::Error::other(format!(
                    "{} is a link (to {}); Bayan writes only inside its output folder, never through a link: delete the link (what it points to is not touched) and build again",
                    path.display(),
                    fs::read_link(&path).unwrap_or_default().display()
                )));
            }
        }
    }
    Ok(())
}

/// Writes every new or changed file under a temporary name beside its place.
fn stage(output: &Path, files: &[OutputFile], staged: &mut Staged) -> io::Result<WriteStats> {
    let marker = OutputFile {
        path: PathBuf::from(MARKER_FILE),
        contents: Contents::Bytes(Arc::from(MARKER_TEXT.as_bytes())),
    };
    let changed: Vec<&OutputFile> = files
        .par_iter()
        .chain(rayon::iter::once(&marker))
        .filter(|f| !is_unchanged(output, f))
        .collect();
    // Folders first, a level at a time (parents before children, each level in parallel), so
    // each one created is known and can be removed again.
    let mut dirs: Vec<&Path> = changed
        .iter()
        .filter_map(|f| f.path.parent())
        .flat_map(Path::ancestors)
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    dirs.sort_unstable_by_key(|d| (d.components().count(), *d));
    dirs.dedup();
    for level in dirs.chunk_by(|a, b| a.components().count() == b.components().count()) {
        let made: Vec<io::Result<Made>> = level
            .par_iter()
            .map(|dir| make_dir(&output.join(dir)))
            .collect();
        let mut first_error = None;
        for outcome in made {
            match outcome {
                Ok(Made::Existed) => {}
                Ok(Made::Created(path)) => staged.created_dirs.push(path),
                Ok(Made::Replaced(path, backup)) => {
                    staged.replaced.push((path.clone(), Some(backup)));
                    staged.created_dirs.push(path);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
    }
    let written: Vec<io::Result<(PathBuf, PathBuf)>> = changed
        .par_iter()
        .map(|file| {
            let target = output.join(&file.path);
            let temp = beside(&target, "bayan-tmp");
            let result = match &file.contents {
                Contents::Bytes(bytes) => fs::write(&temp, &bytes[..]),
                Contents::CopyOf(source) => fs::copy(source, &temp).map(|_| ()),
            };
            result.map(|()| (temp, target))
        })
        .collect();
    for outcome in written {
        match outcome {
            Ok(pair) => staged.temps.push(pair),
            Err(e) => {
                // Every temporary file written is removed, the failed ones included.
                for file in &changed {
                    let _ = fs::remove_file(beside(&output.join(&file.path), "bayan-tmp"));
                }
                staged.temps.clear();
                return Err(e);
            }
        }
    }
    let written = changed.len() - usize::from(changed.iter().any(|f| f.path == marker.path));
    Ok(WriteStats {
        written,
        unchanged: files.len() - written,
        removed: 0,
    })
}

/// What making one folder of the output did.
enum Made {
    Existed,
    Created(PathBuf),
    /// A file stood where the build needs a folder: it was set aside (the second path).
    Replaced(PathBuf, PathBuf),
}

fn make_dir(path: &Path) -> io::Result<Made> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Ok(Made::Existed),
        Ok(_) => {
            let backup = beside(path, "bayan-old");
            fs::rename(path, &backup)?;
            match fs::create_dir(path) {
                Ok(()) => Ok(Made::Replaced(path.to_path_buf(), backup)),
                Err(e) => {
                    let _ = fs::rename(&backup, path);
                    Err(e)
                }
            }
        }
        Err(_) => fs::create_dir(path).map(|()| Made::Created(path.to_path_buf())),
    }
}

/// Whether the file at the output's place already has these bytes.
fn is_unchanged(output: &Path, file: &OutputFile) -> bool {
    let target = output.join(&file.path);
    match &file.contents {
        Contents::Bytes(bytes) => {
            fs::symlink_metadata(&target)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && fs::read(&target).is_ok_and(|old| old[..] == bytes[..])
        }
        Contents::CopyOf(source) => same_file_contents(source, &target),
    }
}

fn same_file_contents(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return false;
    }
    matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

/// Removes files under `output` that this build did not produce, then empty folders.
fn remove_stale(output: &Path, files: &[OutputFile]) -> io::Result<usize> {
    let keep: HashSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let mut removed = 0;
    let mut dirs = Vec::new();
    // walkdir does not follow symlinks: a link in the output is removed, never its target.
    for entry in WalkDir::new(output)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let rel = entry
            .path()
            .strip_prefix(output)
            .expect("walked below output");
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
            continue;
        }
        if rel == Path::new(MARKER_FILE) || keep.contains(rel) {
            continue;
        }
        fs::remove_file(entry.path())?;
        removed += 1;
    }
    for dir in dirs.iter().rev() {
        if fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
        {
            fs::remove_dir(dir)?;
        }
    }
    Ok(removed)
}
