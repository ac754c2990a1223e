//! Errors and warnings that point at a place in the site: `path:line:col: message` plus a hint.
//!
//! Every stage collects its problems as [`Diagnostic`]s instead of stopping at the first, so an
//! editor sees all of them after one build.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::value_errors;
pub use crate::value_errors::Notation;

/// How bad a problem is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What a problem is about, under a stable name an editor can look up in the README
/// ("Kinds of problems") and a tool can match on (`kind` in `bayan check --format json`).
/// `bayan check` groups its report by it. A new kind is a new variant here, a line in
/// [`Code::ALL`], [`Code::title`] and the README; renaming one breaks the tools that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// `config.toml`: syntax, unknown keys, languages, images, fonts, hosting settings.
    Config,
    /// The `[signup]` table of `config.toml`.
    Signup,
    /// A file's front matter: its fences, syntax, keys and their types.
    FrontMatter,
    /// A kind table (`[report]`…): one kind per page, its links, its dates, its attachments.
    PageKind,
    /// A content file's name or place: not Unicode, `content/index.md`, no `content/`.
    ContentFile,
    /// A file name's language (`index.fr.md`) that `config.toml` does not configure.
    UnknownLanguage,
    /// Two files that are the same page in the same language.
    DuplicatePage,
    /// Two producers of one output file.
    DuplicateOutput,
    /// A link that would run code when followed (`javascript:`, `vbscript:`, `data:`).
    UnsafeLink,
    /// A link (`@/…`, `/…` or relative) that leads to no page or file.
    BrokenLink,
    /// A link to `page/#part` where the page has no `id="part"`.
    MissingAnchor,
    /// An image without alt text.
    MissingAlt,
    /// A UI string one language has and another lacks (`bayan check`).
    MissingUiString,
    /// A UI string a template uses that falls back to the default language's text.
    UiStringFallback,
    /// A UI-string file (`.ftl`) that does not parse.
    UiStringSyntax,
    /// A translation older than its original.
    OutdatedTranslation,
    /// A link to another site that is dead (`bayan check --external`).
    ExternalLink,
    /// The theme named in `config.toml` is not there.
    Theme,
    /// A template that does not parse, fails to render, or does not exist.
    Template,
    /// A Sass stylesheet (`sass/*.scss`) that does not compile.
    Sass,
    /// A `{{ signup() }}` or other Markdown that cannot be rendered as written.
    Markdown,
    /// A shortcode call (`{{ name(…) }}`, `{% name(…) %}…{% end %}`) that cannot be rendered, or
    /// text that looks like one and is published as written.
    Shortcode,
    /// A gallery folder or its `photos.toml`.
    Gallery,
    /// A page's `[[videos]]`.
    Video,
    /// An image that cannot be read or resized, or its cache.
    Image,
    /// A font file that cannot be read, subset or cached.
    Font,
    /// A source file that cannot be read, or a link that leads outside the site.
    SourceFile,
    /// Rendered HTML that could not be finished (rewritten, minified, marked for direction).
    Html,
    /// The output folder cannot be written.
    OutputFolder,
    /// `bayan init` and `bayan new`.
    Scaffold,
    /// `bayan serve`: its address, port and folder.
    Serve,
}

impl Code {
    /// Every kind, in the order `bayan check` prints its groups.
    pub const ALL: [Code; 31] = [
        Code::Config,
        Code::Signup,
        Code::FrontMatter,
        Code::PageKind,
        Code::ContentFile,
        Code::UnknownLanguage,
        Code::DuplicatePage,
        Code::DuplicateOutput,
        Code::UnsafeLink,
        Code::BrokenLink,
        Code::MissingAnchor,
        Code::MissingAlt,
        Code::MissingUiString,
        Code::UiStringFallback,
        Code::UiStringSyntax,
        Code::OutdatedTranslation,
        Code::ExternalLink,
        Code::Theme,
        Code::Template,
        Code::Sass,
        Code::Markdown,
        Code::Shortcode,
        Code::Gallery,
        Code::Video,
        Code::Image,
        Code::Font,
        Code::SourceFile,
        Code::Html,
        Code::OutputFolder,
        Code::Scaffold,
        Code::Serve,
    ];

    /// The stable name: `broken-link`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Config => "config",
            Code::Signup => "signup",
            Code::FrontMatter => "front-matter",
            Code::PageKind => "page-kind",
            Code::ContentFile => "content-file",
            Code::UnknownLanguage => "unknown-language",
            Code::DuplicatePage => "duplicate-page",
            Code::DuplicateOutput => "duplicate-output",
            Code::UnsafeLink => "unsafe-link",
            Code::BrokenLink => "broken-link",
            Code::MissingAnchor => "missing-anchor",
            Code::MissingAlt => "missing-alt",
            Code::MissingUiString => "missing-ui-string",
            Code::UiStringFallback => "ui-string-fallback",
            Code::UiStringSyntax => "ui-string-syntax",
            Code::OutdatedTranslation => "outdated-translation",
            Code::ExternalLink => "external-link",
            Code::Theme => "theme",
            Code::Template => "template",
            Code::Sass => "sass",
            Code::Markdown => "markdown",
            Code::Shortcode => "shortcode",
            Code::Gallery => "gallery",
            Code::Video => "video",
            Code::Image => "image",
            Code::Font => "font",
            Code::SourceFile => "source-file",
            Code::Html => "html",
            Code::OutputFolder => "output-folder",
            Code::Scaffold => "scaffold",
            Code::Serve => "serve",
        }
    }

    /// The heading of this kind's group in `bayan check`'s report.
    pub fn title(self) -> &'static str {
        match self {
            Code::Config => "Settings in config.toml",
            Code::Signup => "Mailing-list signup settings",
            Code::FrontMatter => "Front matter and settings",
            Code::PageKind => "Kinds of page",
            Code::ContentFile => "Content files",
            Code::UnknownLanguage => "Languages not configured",
            Code::DuplicatePage => "The same page twice",
            Code::DuplicateOutput => "Two files for one address",
            Code::UnsafeLink => "Links that would run code",
            Code::BrokenLink => "Links that lead nowhere",
            Code::MissingAnchor => "Links to a missing #anchor",
            Code::MissingAlt => "Images without alt text",
            Code::MissingUiString => "UI strings missing in a language",
            Code::UiStringFallback => "UI strings shown in another language",
            Code::UiStringSyntax => "UI-string files that do not parse",
            Code::OutdatedTranslation => "Translations older than their original",
            Code::ExternalLink => "Links to other sites",
            Code::Theme => "Theme",
            Code::Template => "Templates",
            Code::Sass => "Sass stylesheets",
            Code::Markdown => "Markdown",
            Code::Shortcode => "Shortcodes",
            Code::Gallery => "Galleries",
            Code::Video => "Videos",
            Code::Image => "Images",
            Code::Font => "Fonts",
            Code::SourceFile => "Files that cannot be read",
            Code::Html => "HTML that could not be finished",
            Code::OutputFolder => "The output folder",
            Code::Scaffold => "New sites and pages",
            Code::Serve => "The preview server",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem, with the file (relative to the site root) and position it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What the problem is about; `bayan check` groups by it.
    pub code: Code,
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when unknown.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: 0,
            col: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(code: Code, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// Sets the position; `col` 0 means "the whole line".
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Sets the position from a byte offset into `text`, whose first line is line `first_line`.
    pub fn at_offset(self, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(line + first_line - 1, col)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The location as an editor's tools expect it: `path:line:col`, or fewer parts when unknown.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.col) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, col) => format!("{path}:{line}:{col}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, in a stable order (by file, then position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file and position and drops exact repeats, so output is deterministic.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.0.dedup();
    }

    /// Turns "some errors" into `Err`, keeping warnings on the `Ok` side.
    pub fn into_result(mut self) -> Result<Diagnostics, Diagnostics> {
        self.sort();
        if self.has_errors() {
            Err(self)
        } else {
            Ok(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the hint naming the closest of
/// the known keys and `more_keys` (keys read apart from the others); `None` for other messages.
pub fn unknown_key_hint(message: &str, more_keys: &[&str]) -> Option<String> {
    if !message.starts_with("unknown field") {
        return None;
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (unknown, known) = quoted.split_first()?;
    let known: Vec<&str> = known.iter().chain(more_keys).copied().collect();
    Some(match did_you_mean(unknown, known.iter().copied()) {
        Some(best) => format!(
            "did you mean `{best}`? Known keys here: {}",
            known.join(", ")
        ),
        None => format!("known keys here: {}", known.join(", ")),
    })
}

/// Turns a TOML/serde error into a diagnostic for `path`, whose TOML text starts on `first_line`.
///
/// serde reports unknown keys as "unknown field `x`, expected one of `a`, `b`": the hint then
/// names the closest known key. A value of the wrong kind is said in plain words, naming its
/// key and showing the right form (`value_errors`).
pub fn from_toml_error(
    code: Code,
    path: &Path,
    toml_text: &str,
    first_line: usize,
    error: &toml::de::Error,
    what: &str,
) -> Diagnostic {
    from_toml_error_in(
        code,
        path,
        toml_text,
        first_line,
        error,
        what,
        Notation::Toml,
    )
}

/// [`from_toml_error`] for TOML that stands for a file written in `notation` (YAML front matter
/// turned into TOML): the hints' examples are written as that file writes them.
pub fn from_toml_error_in(
    code: Code,
    path: &Path,
    toml_text: &str,
    first_line: usize,
    error: &toml::de::Error,
    what: &str,
    notation: Notation,
) -> Diagnostic {
    let message = error.message().trim().to_string();
    let plain = error
        .span()
        .and_then(|span| value_errors::key_at(toml_text, span.start))
        .and_then(|at| value_errors::explain(&message, &at, notation));
    let (said, plain_hint) = match plain {
        Some((said, hint)) => (said, Some(hint)),
        None => (message.clone(), None),
    };
    let mut diagnostic = Diagnostic::error(code, path, format!("{what}: {said}"));
    if let Some(span) = error.span() {
        diagnostic = diagnostic.at_offset(toml_text, span.start, first_line);
    }
    if let Some(hint) = plain_hint {
        return diagnostic.with_hint(hint);
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") {
        if let Some(hint) = unknown_key_hint(&message, &[]) {
            diagnostic = diagnostic.with_hint(hint);
        }
    } else if message.contains("missing field") {
        if let Some(field) = quoted.first() {
            diagnostic = diagnostic.with_hint(format!("add `{field} = …` here"));
        }
    } else {
        diagnostic = diagnostic.with_hint(
            "check the TOML syntax: strings in \"quotes\", dates like 2024-05-01, one `key = value` per line",
        );
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "سطر\nعنوان خطأ";
        let offset = text.find("خطأ").unwrap();
        assert_eq!(line_col(text, offset), (2, 7));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 10_000), (2, 10));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "description", "date"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn display_has_location_and_hint() {
        let d = Diagnostic::error(Code::FrontMatter, "content/a.md", "bad")
            .at(3, 4)
            .with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:4: error: bad\n  hint: fix it"
        );
    }

    #[test]
    fn every_code_is_listed_once_under_its_serialised_name() {
        for (i, code) in Code::ALL.into_iter().enumerate() {
            assert_eq!(code as usize, i, "{code:?} out of order in Code::ALL");
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.name().into())
            );
        }
    }
}
