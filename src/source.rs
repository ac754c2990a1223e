//! Reading the site's own files safely: size limits, UTF-8 with a position, no escaping the site,
//! and the one walk over a folder of the site (hidden files passed over, links out refused).

use std::fs;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Larger text files are refused: a Markdown page this big is a mistake (a pasted binary, a log).
pub const MAX_TEXT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, naming `rel` (the path shown to the editor) in any error.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostics> {
    let metadata = fs::metadata(path).map_err(|e| io_error(rel, "cannot read", &e))?;
    if metadata.len() > MAX_TEXT_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::SourceFile,
            rel,
            format!(
                "file is too large ({:.1} MB; text files are limited to {} MB)",
                metadata.len() as f64 / 1_048_576.0,
                MAX_TEXT_FILE_BYTES / 1_048_576
            ),
        )
        .with_hint("split it into several pages, or move data files out of content/")
        .into());
    }
    let bytes = fs::read(path).map_err(|e| io_error(rel, "cannot read", &e))?;
    text_from_bytes(bytes, rel)
}

/// Checks the bytes are UTF-8 (pointing at the first bad byte) and drops a byte-order mark.
pub fn text_from_bytes(bytes: Vec<u8>, rel: &Path) -> Result<String, Diagnostics> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let looks_binary = bytes.iter().take(8000).any(|&b| b == 0);
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let (message, hint) = if looks_binary {
                (
                    "this is a binary file, not text",
                    "only Markdown (.md) text belongs here; put images and PDFs beside a page as other files, not with a .md name",
                )
            } else {
                (
                    "file is not valid UTF-8 text",
                    "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
                )
            };
            Err(Diagnostic::error(Code::SourceFile, rel, message)
                .at_offset(prefix, good, 1)
                .with_hint(hint)
                .into())
        }
    }
}

pub fn io_error(rel: &Path, what: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::SourceFile, rel, format!("{what}: {error}"))
}

/// Whether `path` (absolute, in the site) resolves to a place inside `root` once links are
/// followed: a symlink pointing out of the site must not publish files from elsewhere.
pub fn stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// Which entries a [`walk`] passes over, by name (never the folder walked itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Dot-files, and dot-folders with everything in them; editors' backup and swap files
    /// (`page.md~`, `#page.md#`, `.page.md.swp`).
    HiddenAndBackups,
    /// Dot-files only: the files of a dot-folder are kept (`static/.well-known/…`).
    DotFiles,
}

impl Skip {
    /// Whether the walk leaves out this folder and all it holds.
    fn prunes(self, name: &str) -> bool {
        self == Skip::HiddenAndBackups && is_hidden_or_backup(name)
    }

    /// Whether the walk passes over this entry (still entering it, if it is a folder).
    fn passes_over(self, name: &str) -> bool {
        match self {
            Skip::HiddenAndBackups => is_hidden_or_backup(name),
            Skip::DotFiles => name.starts_with('.'),
        }
    }
}

fn is_hidden_or_backup(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.ends_with(".swp")
}

/// What a [`walk`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files, in file-name order, as paths below the folder walked (and so below `root`).
    pub files: Vec<PathBuf>,
    /// Folders that could not be read, and links that point outside the site.
    pub problems: Diagnostics,
}

/// Every file below `dir`, a folder of the site at `root`, in file-name order. A symlink that
/// leads outside the site is refused (an error hinted with `link_hint`) rather than followed:
/// it must not publish files from elsewhere. Messages name paths relative to `root`.
pub fn walk(root: &Path, dir: &Path, skip: Skip, link_hint: &str) -> Walked {
    let mut walked = Walked::default();
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip.prunes(&e.file_name().to_string_lossy()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                walked.problems.push(Diagnostic::error(
                    Code::SourceFile,
                    relative_to(root, path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.depth() > 0 && skip.passes_over(&entry.file_name().to_string_lossy()) {
            continue;
        }
        if entry.path_is_symlink() && !stays_inside(root, entry.path()) {
            let looped = entry.path().canonicalize().is_err_and(|e| {
                e.raw_os_error() == Some(40) // ELOOP
            });
            let problem = if looped {
                Diagnostic::error(
                    Code::SourceFile,
                    relative_to(root, entry.path()),
                    "this link leads to itself, through other links, and never to a file",
                )
                .with_hint("delete the link, or point it at the file or folder it stands for")
            } else {
                Diagnostic::error(
                    Code::SourceFile,
                    relative_to(root, entry.path()),
                    "this link points outside the site",
                )
                .with_hint(link_hint)
            };
            walked.problems.push(problem);
            continue;
        }
        // The directory listing already says what each entry is: no extra stat per file.
        let is_file = if entry.path_is_symlink() {
            entry.path().is_file()
        } else {
            entry.file_type().is_file()
        };
        if is_file {
            walked.files.push(entry.into_path());
        }
    }
    walked
}

/// Joins a relative path made of plain names only: `..`, root and prefix parts are refused.
pub fn join_plain(base: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if relative.contains('\\')
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    Some(base.join(rel))
}

/// `path` relative to `root` for messages, or `path` itself if it is elsewhere.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let mut bytes = "+++\ntitle = \"x\"\n+++\nسلام ".as_bytes().to_vec();
        bytes.push(0xff);
        let err = text_from_bytes(bytes, Path::new("content/a.md")).unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.line, d.col), (4, 6));
        assert!(d.message.contains("UTF-8"));
    }

    #[test]
    fn binary_is_called_binary() {
        let err =
            text_from_bytes(vec![0x89, b'P', b'N', b'G', 0, 0xff], Path::new("x.md")).unwrap_err();
        assert!(err.0[0].message.contains("binary"));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let text = text_from_bytes("\u{feff}+++".as_bytes().to_vec(), Path::new("x")).unwrap();
        assert_eq!(text, "+++");
    }

    #[cfg(unix)]
    #[test]
    fn walk_passes_over_hidden_files_and_refuses_links_out() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path();
        for file in [
            "content/a.md",
            "content/a.md~",
            "content/#a.md#",
            "content/.a.md.swp",
            "content/.hidden/b.md",
            "content/x/c.md",
            "static/.well-known/security.txt",
            "static/.DS_Store",
        ] {
            std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            std::fs::write(root.join(file), "x").unwrap();
        }
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let link = root.join("content/x/secret.txt");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), link).unwrap();
        std::os::unix::fs::symlink(root.join("content/a.md"), root.join("content/x/in.md"))
            .unwrap();

        let rel = |walked: &Walked| -> Vec<String> {
            let files = walked.files.iter().map(|p| relative_to(root, p));
            files.map(|p| p.to_string_lossy().into_owned()).collect()
        };
        let content = walk(root, &root.join("content"), Skip::HiddenAndBackups, "hint");
        assert_eq!(
            rel(&content),
            ["content/a.md", "content/x/c.md", "content/x/in.md"]
        );
        let problems = &content.problems.0;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, Path::new("content/x/secret.txt"));
        assert_eq!(problems[0].message, "this link points outside the site");
        assert_eq!(problems[0].hint.as_deref(), Some("hint"));

        let statics = walk(root, &root.join("static"), Skip::DotFiles, "hint");
        assert_eq!(rel(&statics), ["static/.well-known/security.txt"]);
        assert!(statics.problems.0.is_empty());
    }

    #[test]
    fn join_plain_refuses_escapes() {
        let base = Path::new("/site/content");
        assert!(join_plain(base, "a/b.md").is_some());
        assert!(join_plain(base, "../config.toml").is_none());
        assert!(join_plain(base, "/etc/passwd").is_none());
        assert!(join_plain(base, "a\\..\\b").is_none());
    }
}
