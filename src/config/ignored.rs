//! Zola's `ignored_content`: globs of files of content/ that are neither read nor published
//! (`"*.xlsx"`, `"drafts/**"`), matched against the file's path inside content/ as Zola
//! matches them (`*` crosses folders, so `*.xlsx` is every spreadsheet).

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::Spanned;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// The files of content/ the site leaves out.
#[derive(Debug, Clone, Default)]
pub struct IgnoredContent {
    globs: GlobSet,
    /// The globs as written, for messages.
    pub written: Vec<String>,
}

impl IgnoredContent {
    /// Reads the setting; a glob that does not parse is an error at the setting's line.
    pub fn new(
        raw: Option<&Spanned<Vec<String>>>,
        text: &str,
        problems: &mut Diagnostics,
    ) -> IgnoredContent {
        let Some(raw) = raw else {
            return IgnoredContent::default();
        };
        let mut builder = GlobSetBuilder::new();
        for written in raw.get_ref() {
            match Glob::new(written.trim_start_matches('/')) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(e) => problems.push(
                    Diagnostic::error(
                        Code::Config,
                        CONFIG_FILE,
                        format!("ignored_content: `{written}` is not a glob Bayan can read: {}", e.kind()),
                    )
                    .at_offset(text, raw.span().start, 1)
                    .with_hint("globs name files inside content/: `*` any name, `**` any folders, `?` one character, e.g. \"*.xlsx\" or \"drafts/**\""),
                ),
            }
        }
        IgnoredContent {
            globs: builder.build().unwrap_or_default(),
            written: raw.get_ref().clone(),
        }
    }

    /// Whether the file at `rel` inside content/ (`reports/x/data.xlsx`) is left out.
    pub fn ignores(&self, rel: &str) -> bool {
        !self.written.is_empty() && self.globs.is_match(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignored(globs: &[&str]) -> IgnoredContent {
        let text = format!("ignored_content = {globs:?}\n");
        let raw = Spanned::new(0..1, globs.iter().map(|g| g.to_string()).collect());
        let mut problems = Diagnostics::new();
        let ignored = IgnoredContent::new(Some(&raw), &text, &mut problems);
        assert!(problems.is_empty(), "{problems}");
        ignored
    }

    #[test]
    fn globs_match_paths_inside_content_as_zola_does() {
        let ignored = ignored(&["*.xlsx", "drafts/**", "notes/?.md"]);
        for rel in [
            "a.xlsx",
            "reports/x/data.xlsx",
            "drafts/a.md",
            "drafts/b/c.jpg",
            "notes/a.md",
        ] {
            assert!(ignored.ignores(rel), "{rel}");
        }
        for rel in [
            "a.xlsx.pdf",
            "reports/drafts.md",
            "notes/ab.md",
            "x/drafts/a.md",
        ] {
            assert!(!ignored.ignores(rel), "{rel}");
        }
        assert!(!IgnoredContent::default().ignores("a.md"));
    }

    #[test]
    fn a_glob_that_does_not_parse_is_an_error_at_its_line() {
        let text = "title = \"x\"\nignored_content = [\"a[\"]\n";
        let raw = Spanned::new(30..37, vec!["a[".to_string()]);
        let mut problems = Diagnostics::new();
        IgnoredContent::new(Some(&raw), text, &mut problems);
        assert_eq!(problems.0[0].line, 2, "{problems}");
        assert!(problems.0[0].message.contains("`a[`"), "{problems}");
    }
}
