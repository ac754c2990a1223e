//! UI strings: Project Fluent files per language (`i18n/LANG.ftl`, over the theme's own), with
//! CLDR plurals. The language is always an explicit argument: never a silent default.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::source::read_text;

type Bundle = FluentBundle<FluentResource>;

/// UI strings of every configured language.
pub struct Strings {
    bundles: HashMap<String, Bundle>,
    default_language: String,
    /// The keys each language defines, for matching keys that templates compute.
    keys: HashMap<String, Vec<String>>,
    /// Where each language's strings come from, for messages.
    files: HashMap<String, Vec<PathBuf>>,
}

/// An argument value passed to a UI string.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(f64),
    Text(String),
}

impl Strings {
    /// Loads `THEME/i18n/LANG.ftl` then `i18n/LANG.ftl` (the site's messages win).
    pub fn load(config: &Config, theme_dir: Option<&Path>) -> Result<Strings, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut bundles = HashMap::new();
        let mut files = HashMap::new();
        let mut all_keys = HashMap::new();
        for language in &config.languages {
            let locale = language
                .locale
                .parse()
                .or_else(|_| language.code.parse())
                .unwrap_or_default();
            let mut bundle = Bundle::new_concurrent(vec![locale]);
            // Directions are handled in markup (`<bdi>`, `dir`), not with invisible isolate
            // characters that editors cannot see when they copy text.
            bundle.set_use_isolating(false);
            let mut sources = Vec::new();
            let mut keys = Vec::new();
            let candidates = theme_dir
                .map(|t| t.join("i18n"))
                .into_iter()
                .chain([config.root.join("i18n")]);
            for dir in candidates {
                let path = dir.join(format!("{}.ftl", language.code));
                if !path.is_file() {
                    continue;
                }
                let rel = path
                    .strip_prefix(&config.root)
                    .unwrap_or(&path)
                    .to_path_buf();
                let text = match read_text(&path, &rel) {
                    Ok(text) => text,
                    Err(e) => {
                        problems.extend(e);
                        continue;
                    }
                };
                if let Some(at) = broken_unicode_escape(&text) {
                    problems.push(
                        Diagnostic::error(Code::UiStringSyntax, &rel, "UI strings: the escape here needs four hex digits after `\\u` (six after `\\U`)")
                            .at_offset(&text, at, 1)
                            .with_hint("write the character itself, or its code as \\u00E9; a backslash in quoted text is written \\\\"),
                    );
                    continue;
                }
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in errors {
                            // Point at the start of the broken message, not at the line after
                            // it where the parser noticed.
                            let at = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                            problems.push(
                                Diagnostic::error(Code::UiStringSyntax, &rel, format!("UI strings: {}", error.kind))
                                    .at_offset(&text, at, 1)
                                    .with_hint("Fluent syntax is `key = text`; continued lines are indented; variants look like `[one] …` with `*[other] …` last"),
                            );
                        }
                        resource
                    }
                };
                keys.extend(resource.entries().filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                }));
                bundle.add_resource_overriding(resource);
                sources.push(rel);
            }
            keys.sort();
            keys.dedup();
            all_keys.insert(language.code.clone(), keys);
            files.insert(language.code.clone(), sources);
            bundles.insert(language.code.clone(), bundle);
        }
        problems.into_result()?;
        Ok(Strings {
            bundles,
            default_language: config.default_language.clone(),
            keys: all_keys,
            files,
        })
    }

    /// The keys `lang` defines, in order.
    pub fn keys(&self, lang: &str) -> &[String] {
        self.keys.get(lang).map_or(&[], Vec::as_slice)
    }

    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }

    /// Whether `key` can be formatted in `lang`: it or the default language defines it.
    pub fn defines(&self, lang: &str, key: &str) -> bool {
        self.has(lang, key) || self.has(&self.default_language, key)
    }

    /// Formats `key` in `lang`, falling back to the default language (see
    /// [`Strings::fallback_warnings`]).
    pub fn format(&self, lang: &str, key: &str, args: &[(String, Arg)]) -> Result<String, String> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fluent_args.set(name.clone(), FluentValue::from(*n)),
                Arg::Text(t) => fluent_args.set(name.clone(), FluentValue::from(t.clone())),
            }
        }
        let bundle_lang = if self.has(lang, key) {
            lang
        } else if self.has(&self.default_language, key) {
            &self.default_language
        } else {
            return Err(format!(
                "the UI string `{key}` is defined neither in {lang} nor in the default language {}",
                self.default_language
            ));
        };
        let bundle = &self.bundles[bundle_lang];
        let message = bundle.get_message(key).expect("checked above");
        let pattern = message
            .value()
            .ok_or_else(|| format!("the UI string `{key}` has no value, only attributes"))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if let Some(error) = errors.first() {
            return Err(format!("the UI string `{key}` in {bundle_lang}: {error}"));
        }
        Ok(text.into_owned())
    }

    /// One warning for each `(language, key)` used that falls back to the default language's
    /// text (a key missing there too is an error when it is formatted).
    pub fn fallback_warnings<'a>(
        &self,
        used: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<Diagnostic> {
        used.into_iter()
            .filter(|(lang, key)| {
                *lang != self.default_language
                    && !self.has(lang, key)
                    && self.has(&self.default_language, key)
            })
            .map(|(lang, key)| {
                let file = self
                    .files
                    .get(lang)
                    .and_then(|f| f.last().cloned())
                    .unwrap_or_else(|| PathBuf::from(format!("i18n/{lang}.ftl")));
                Diagnostic::warning(
                    Code::UiStringFallback,
                    file,
                    format!(
                        "UI string `{key}` is missing in {lang}; the {} text is shown instead",
                        self.default_language
                    ),
                )
                .with_hint(format!("add `{key} = …` to i18n/{lang}.ftl"))
            })
            .collect()
    }
}

/// Where an escape `\u`/`\U` in a quoted string (`{ "…" }`) runs into a character that is not
/// ASCII, or into the end of the file. The Fluent parser slices such an escape inside that
/// character and panics instead of reporting it, so the file is refused before it is parsed.
fn broken_unicode_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut line_start) = (0usize, false, true);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if line_start && !in_string && byte == b'#' {
            // A comment: nothing in it opens a placeable.
            i = bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| i + n);
            continue;
        }
        line_start = byte == b'\n';
        if in_string {
            match byte {
                b'\\' => {
                    let digits = match bytes.get(i + 1) {
                        Some(b'u') => 4,
                        Some(b'U') => 6,
                        _ => {
                            i += 2;
                            continue;
                        }
                    };
                    let escape = bytes.get(i + 2..i + 2 + digits);
                    if escape.is_none_or(|escape| !escape.is_ascii()) {
                        return Some(i);
                    }
                    i += 2;
                    continue;
                }
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::broken_unicode_escape;

    #[test]
    fn an_escape_running_into_a_letter_is_found_before_the_parser_panics() {
        assert_eq!(broken_unicode_escape("x = { \"\\ué\" }\n"), Some(7));
        assert_eq!(
            broken_unicode_escape("a = ok\nx = { \"\\U0001é\" }"),
            Some(14)
        );
        assert_eq!(broken_unicode_escape("x = { \"\\u"), Some(7));
        // Escapes that are whole, and backslashes outside quoted strings, are fine.
        assert_eq!(
            broken_unicode_escape("x = { \"\\u00E9 \\\"\\\\\" } C:\\ué\n"),
            None
        );
        assert_eq!(broken_unicode_escape("# { \"\\ué\n"), None);
    }
}
