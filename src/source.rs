//! Reading the site's own files safely: size limits, UTF-8 with a position, no escaping the site.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Larger text files are refused: a Markdown page this big is a mistake (a pasted binary, a log).
pub const MAX_TEXT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, naming `rel` (the path shown to the editor) in any error.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostics> {
    let metadata = fs::metadata(path).map_err(|e| io_error(rel, "cannot read", &e))?;
    if metadata.len() > MAX_TEXT_FILE_BYTES {
        return Err(Diagnostic::error(
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
            Err(Diagnostic::error(rel, message)
                .at_offset(prefix, good, 1)
                .with_hint(hint)
                .into())
        }
    }
}

pub fn io_error(rel: &Path, what: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(rel, format!("{what}: {error}"))
}

/// Whether `path` (absolute, in the site) resolves to a place inside `root` once links are
/// followed: a symlink pointing out of the site must not publish files from elsewhere.
pub fn stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
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

    #[test]
    fn join_plain_refuses_escapes() {
        let base = Path::new("/site/content");
        assert!(join_plain(base, "a/b.md").is_some());
        assert!(join_plain(base, "../config.toml").is_none());
        assert!(join_plain(base, "/etc/passwd").is_none());
        assert!(join_plain(base, "a\\..\\b").is_none());
    }
}
