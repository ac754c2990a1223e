//! Writing the output folder once every page has rendered: only files whose bytes changed are
//! written (each through a temporary file and a rename), stale files are removed, and nothing
//! outside the output folder is ever touched.

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
const PROTECTED: &[&str] = &["content", "static", "themes", "templates", "i18n"];

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

/// Writes `files` into `output` and removes what the build no longer produces.
pub fn write(output: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    fs::create_dir_all(output)?;
    let marker = output.join(MARKER_FILE);
    if !marker.is_file() {
        fs::write(&marker, MARKER_TEXT)?;
    }
    let outcomes: Vec<io::Result<bool>> = files
        .par_iter()
        .map(|f| write_if_changed(output, f))
        .collect();
    let mut stats = WriteStats::default();
    for outcome in outcomes {
        if outcome? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    stats.removed = remove_stale(output, files)?;
    Ok(stats)
}

fn write_if_changed(output: &Path, file: &OutputFile) -> io::Result<bool> {
    let target = output.join(&file.path);
    let same = match &file.contents {
        Contents::Bytes(bytes) => {
            fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && fs::read(&target).is_ok_and(|old| old[..] == bytes[..])
        }
        Contents::CopyOf(source) => same_file_contents(source, &target),
    };
    if same {
        return Ok(false);
    }
    if let Some(parent) = target.parent() {
        if parent.is_file() {
            fs::remove_file(parent)?;
        }
        fs::create_dir_all(parent)?;
    }
    if target.is_dir() {
        fs::remove_dir_all(&target)?;
    }
    // Write beside the target and rename over it: readers of the folder (a preview server, a
    // sync tool) never see a half-written file.
    let temp = target.with_file_name(format!(
        ".{}.bayan-tmp",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    match &file.contents {
        Contents::Bytes(bytes) => fs::write(&temp, &bytes[..])?,
        Contents::CopyOf(source) => {
            fs::copy(source, &temp)?;
        }
    }
    fs::rename(&temp, &target)?;
    Ok(true)
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
