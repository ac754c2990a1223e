//! Tera templates: the theme's `templates/`, overridden file by file by the site's own
//! `templates/`. Errors name the template file and line.

use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::html::escape_html;
use crate::source::read_text;

pub const TEMPLATES_DIR: &str = "templates";

/// Parsed templates, with the file each name comes from for error messages.
#[derive(Clone)]
pub struct Templates {
    pub tera: Tera,
    /// Template name → (path relative to the site root, source text).
    sources: BTreeMap<String, (PathBuf, String)>,
    /// The names served by Bayan's built-in templates (`built_in.rs`), none of the site's or
    /// the theme's.
    built_in: Vec<&'static str>,
}

/// The theme's folder, if the config names a theme; an error if it names a missing one (which
/// loading the config reports at its line, unless the folder went away since).
pub fn theme_dir(config: &Config) -> Result<Option<PathBuf>, Diagnostics> {
    let Some(theme) = &config.theme else {
        return Ok(None);
    };
    match crate::config::theme_folder(&config.root, theme) {
        Some(dir) => Ok(Some(dir)),
        None => Err(Diagnostic::error(
            Code::Theme,
            crate::config::CONFIG_FILE,
            crate::config::missing_theme(theme),
        )
        .with_hint(crate::config::themes_found(&config.root))
        .into()),
    }
}

impl Templates {
    /// Loads every template; reports every file that does not parse.
    pub fn load(config: &Config, theme_dir: Option<&Path>) -> Result<Templates, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut sources = BTreeMap::new();
        // The theme's templates the site's own replace, kept for Zola's theme names.
        let mut replaced = Vec::new();
        let dirs = theme_dir
            .map(|t| t.join(TEMPLATES_DIR))
            .into_iter()
            .chain([config.root.join(TEMPLATES_DIR)]);
        for dir in dirs.filter(|d| d.is_dir()) {
            for entry in WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
            {
                if !entry.file_type().is_file()
                    || entry.file_name().to_string_lossy().starts_with('.')
                {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(&dir)
                    .expect("walked below dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                let rel = entry
                    .path()
                    .strip_prefix(&config.root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                match read_text(entry.path(), &rel) {
                    Ok(text) => {
                        if let Some(theme_own) = sources.insert(name.clone(), (rel, text)) {
                            replaced.push((name, theme_own));
                        }
                    }
                    Err(e) => problems.extend(e),
                }
            }
        }
        if let (Some(theme), Some(dir)) = (&config.theme, theme_dir) {
            let theme_rel = dir.join(TEMPLATES_DIR);
            let theme_rel = theme_rel.strip_prefix(&config.root).unwrap_or(&theme_rel);
            add_theme_names(&mut sources, replaced, theme, theme_rel);
        }
        let built_in = add_built_in(&mut sources);
        for (name, (rel, text)) in &sources {
            if let Err(e) = tera::Template::new(name, None, text) {
                problems.push(parse_error(rel, &e));
            }
        }
        problems.into_result()?;

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
        {
            let templates = Templates {
                tera: Tera::default(),
                sources,
                built_in,
            };
            return Err(templates.describe_error(&e, None).into());
        }
        Ok(Templates {
            tera,
            sources,
            built_in,
        })
    }

    /// `name`, when Bayan's built-in template serves it (the site and theme have none).
    pub fn built_in(&self, name: &str) -> Option<&'static str> {
        self.built_in.iter().copied().find(|n| *n == name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Template `name` as the engine knows it, and whether it is the site's own (not the
    /// theme's).
    pub fn template(&self, name: &str) -> Option<(&str, bool)> {
        let (key, (rel, _)) = self.sources.get_key_value(name)?;
        Some((key.as_str(), rel.starts_with(TEMPLATES_DIR)))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// The templates the site and its theme have, by the names they use: what an error
    /// offers as the templates available.
    pub fn written_names(&self) -> impl Iterator<Item = &str> {
        (self.sources.iter())
            .filter(|(name, (rel, _))| {
                !rel.starts_with(super::built_in::SOURCE) && !name.contains("/templates/")
            })
            .map(|(name, _)| name.as_str())
    }

    /// Turns a Tera error into a diagnostic located in the template that failed.
    ///
    /// Tera 1 gives no positions for render errors, so the line is found by searching the
    /// template for the name the error quotes (a variable, filter or function).
    pub fn describe_error(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let mut messages = vec![error.to_string()];
        let mut source = error.source();
        while let Some(e) = source {
            messages.push(e.to_string());
            source = e.source();
        }
        let template = messages
            .iter()
            .rev()
            .find_map(|m| quoted(m, '\''))
            .filter(|name| self.sources.contains_key(*name))
            .or(rendering)
            .unwrap_or("");
        let detail = messages.last().cloned().unwrap_or_default();
        let (rel, text) = self
            .sources
            .get(template)
            .map(|(rel, text)| (rel.clone(), text.as_str()))
            .unwrap_or_else(|| (PathBuf::from(TEMPLATES_DIR).join(template), ""));

        if let Some(position) = detail.split(" --> ").nth(1) {
            return parse_error_at(&rel, position, &detail);
        }
        let mut d = Diagnostic::error(
            Code::Template,
            &rel,
            format!("template error: {}", first_line(&detail)),
        );
        if let Some(call) = messages
            .iter()
            .find(|m| m.starts_with("Filter call") || m.starts_with("Function call"))
        {
            d.message = format!(
                "template error: {} ({})",
                first_line(&detail),
                first_line(call)
            );
        }
        let located = super::locate::Failed::from_messages(&messages)
            .and_then(|failed| self.locate(template, &failed, &messages));
        match located {
            Some((path, text, offset)) => {
                d.path = path;
                d = d.at_offset(text, offset, 1);
            }
            None => d = self.locate_by_name(d, &rel, text, &messages),
        }
        let hint = if detail.contains("not found in context") {
            "check the name's spelling; a value that may be absent needs `| default(value=\"\")` or `{% if … %}`"
        } else if detail.contains("not found") || detail.contains("doesn't exist") {
            "check the template, filter or function name; templates live in templates/ or themes/THEME/templates/"
        } else if messages
            .iter()
            .any(|m| m.starts_with("Function call") || m.starts_with("Filter call"))
        {
            "the call at this line is given something it cannot use; the message says what it needs"
        } else {
            "see the Tera documentation for this tag or filter"
        };
        d.with_hint(hint)
    }
}

impl Templates {
    /// The template and place where `failed` happened: first in `template`, then in the
    /// templates it extends and imports macros from, then in any other.
    fn locate(
        &self,
        template: &str,
        failed: &super::locate::Failed,
        messages: &[String],
    ) -> Option<(PathBuf, &str, usize)> {
        let parsed = self.tera.templates.get(template);
        let related = parsed.into_iter().flat_map(|t| {
            let macros = t.imported_macro_files.iter().map(|(file, _)| file);
            t.parents.iter().chain(macros)
        });
        let names = std::iter::once(template)
            .chain(related.map(String::as_str))
            .chain(self.sources.keys().map(String::as_str));
        // The innermost message's quoted word, to tell apart several calls of one function.
        let detail = messages.last().and_then(|m| quoted(m, '`'));
        let mut first = None;
        for (rel, text) in names.filter_map(|name| self.sources.get(name)) {
            match super::locate::place(text, failed, detail) {
                Some((offset, true)) => return Some((rel.clone(), text.as_str(), offset)),
                Some((offset, false)) if first.is_none() => {
                    first = Some((rel.clone(), text.as_str(), offset))
                }
                _ => {}
            }
        }
        first
    }

    /// For an error that names no filter, function or variable: the first place in the
    /// templates of the innermost quoted name that is not a template's own.
    fn locate_by_name(
        &self,
        mut d: Diagnostic,
        rel: &Path,
        text: &str,
        messages: &[String],
    ) -> Diagnostic {
        let needle = messages
            .iter()
            .rev()
            .flat_map(|m| [quoted(m, '`'), quoted(m, '\'')])
            .flatten()
            .find(|n| !n.is_empty() && !self.sources.contains_key(*n));
        if let Some(needle) = needle {
            let found = text
                .find(needle)
                .map(|offset| (rel.to_path_buf(), text, offset))
                .or_else(|| {
                    self.sources
                        .values()
                        .find_map(|(r, t)| t.find(needle).map(|o| (r.clone(), t.as_str(), o)))
                });
            if let Some((path, text, offset)) = found {
                d.path = path;
                d = d.at_offset(text, offset, 1);
            }
        }
        d
    }
}

/// Adds Bayan's built-in template for each of Zola's default names the site and its theme
/// lack, and says which it added.
fn add_built_in(sources: &mut BTreeMap<String, (PathBuf, String)>) -> Vec<&'static str> {
    let mut added = Vec::new();
    let mut frame = None;
    for (name, text) in super::built_in::templates() {
        let rel = Path::new(super::built_in::SOURCE).join(name);
        if name.starts_with("__") {
            frame = Some((name, (rel, text)));
        } else if !sources.contains_key(name) {
            sources.insert(name.to_string(), (rel, text));
            added.push(name);
        }
    }
    if let (Some((name, source)), false) = (frame, added.is_empty()) {
        sources.insert(name.to_string(), source);
    }
    added
}

/// Zola's names for a theme's templates, `THEME/templates/NAME`, through which a site's own
/// `index.html` extends the theme's `index.html`: the theme's templates as loaded (`theme_rel`
/// is their folder), and those the site's replaced. Added only when a template uses them, so
/// other sites' lists of templates stay as they are.
fn add_theme_names(
    sources: &mut BTreeMap<String, (PathBuf, String)>,
    replaced: Vec<(String, (PathBuf, String))>,
    theme: &str,
    theme_rel: &Path,
) {
    let prefix = format!("{theme}/{TEMPLATES_DIR}/");
    if !sources.values().any(|(_, text)| text.contains(&prefix)) {
        return;
    }
    let still_loaded: Vec<(String, (PathBuf, String))> = (sources.iter())
        .filter(|(_, (rel, _))| rel.starts_with(theme_rel))
        .map(|(name, source)| (name.clone(), source.clone()))
        .collect();
    for (name, source) in still_loaded.into_iter().chain(replaced) {
        sources.insert(format!("{prefix}{name}"), source);
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim()
}

/// The first `q`-quoted piece of `text`.
fn quoted(text: &str, q: char) -> Option<&str> {
    let start = text.find(q)? + q.len_utf8();
    let end = text[start..].find(q)? + start;
    Some(&text[start..end])
}

fn parse_error(rel: &Path, error: &tera::Error) -> Diagnostic {
    let mut detail = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        detail = e.to_string();
        source = e.source();
    }
    match detail.split(" --> ").nth(1) {
        Some(position) => parse_error_at(rel, position, &detail),
        None => Diagnostic::error(
            Code::Template,
            rel,
            format!("template syntax: {}", first_line(&detail)),
        ),
    }
}

/// Reads pest's ` --> LINE:COL` and its `= expected …` line.
fn parse_error_at(rel: &Path, position: &str, detail: &str) -> Diagnostic {
    let position = position.lines().next().unwrap_or("");
    let mut numbers = position
        .trim()
        .split(':')
        .map(|n| n.trim().parse::<usize>().unwrap_or(0));
    let line = numbers.next().unwrap_or(0);
    let col = numbers.next().unwrap_or(0);
    let expected = detail
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or("the template does not parse");
    Diagnostic::error(Code::Template, rel, format!("template syntax: {expected}"))
        .at(line, col)
        .with_hint("check that every {{ has its }}, every {% if %} its {% endif %} and every {% for %} its {% endfor %}")
}
