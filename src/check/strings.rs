//! UI strings present in one language and missing in another. A language's strings are its
//! theme file (`THEME/i18n/LANG.ftl`) and the site's (`i18n/LANG.ftl`) together, as the build
//! loads them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};

/// Where a key is defined: the file (relative to the site) and line.
#[derive(Clone)]
struct Place {
    file: PathBuf,
    line: usize,
}

/// The messages of one language: key → where it is defined (the site's file wins).
struct Language {
    code: String,
    keys: BTreeMap<String, Place>,
    /// The theme's file and the site's file of this language, when they exist.
    theme_file: Option<PathBuf>,
    site_file: Option<PathBuf>,
}

/// One error per language and UI string it lacks that another language has.
pub fn check(config: &Config, theme_dir: Option<&Path>) -> Vec<Diagnostic> {
    let shown = |path: &Path| {
        path.strip_prefix(&config.root)
            .unwrap_or(path)
            .to_path_buf()
    };
    let languages: Vec<Language> = config
        .languages
        .iter()
        .map(|l| {
            let file_name = format!("{}.ftl", l.code);
            let theme_file = theme_dir
                .map(|t| t.join("i18n").join(&file_name))
                .filter(|p| p.is_file());
            let site_file = Some(config.root.join("i18n").join(&file_name)).filter(|p| p.is_file());
            let mut keys = BTreeMap::new();
            for file in theme_file.iter().chain(&site_file) {
                // Unreadable files and syntax errors are reported by the build.
                let Ok(text) = std::fs::read_to_string(file) else {
                    continue;
                };
                for (key, line) in message_keys(&text) {
                    keys.insert(
                        key,
                        Place {
                            file: shown(file),
                            line,
                        },
                    );
                }
            }
            Language {
                code: l.code.clone(),
                keys,
                theme_file: theme_file.map(|p| shown(&p)),
                site_file: site_file.map(|p| shown(&p)),
            }
        })
        .collect();

    let all: BTreeSet<&String> = languages.iter().flat_map(|l| l.keys.keys()).collect();
    let mut missing = Vec::new();
    for language in &languages {
        for key in all.iter().filter(|k| !language.keys.contains_key(**k)) {
            let defined: Vec<(&str, &Place)> = languages
                .iter()
                .filter_map(|l| l.keys.get(*key).map(|p| (l.code.as_str(), p)))
                .collect();
            let (example_lang, example) = defined[0];
            // The file the key belongs in: beside where the other languages have it.
            let from_site = example.file.starts_with("i18n");
            let file = match (&language.site_file, &language.theme_file) {
                (Some(site), _) if from_site => site.clone(),
                (_, Some(theme)) if !from_site => theme.clone(),
                (Some(site), _) => site.clone(),
                (None, Some(theme)) => theme.clone(),
                (None, None) => PathBuf::from(format!("i18n/{}.ftl", language.code)),
            };
            let others: Vec<&str> = defined.iter().map(|(l, _)| *l).collect();
            let diagnostic = Diagnostic::error(Code::MissingUiString,
                &file,
                format!(
                    "the UI string `{key}` is missing in {}; it is defined in {}",
                    language.code,
                    others.join(", "),
                ),
            )
            .with_hint(format!(
                "add a line `{key} = …` with the {} text to {} (see {}:{} for the {example_lang} one)",
                language.code,
                file.display(),
                example.file.display(),
                example.line
            ));
            missing.push(diagnostic);
        }
    }
    missing
}

/// The messages a Fluent file defines, with their lines: `key = …` at the start of a line
/// (comments, terms `-x` and indented continuation lines are not messages).
fn message_keys(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (name, _) = line.split_once('=')?;
            let name = name.trim_end();
            let mut chars = name.chars();
            let first = chars.next()?;
            let valid = first.is_ascii_alphabetic()
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            valid.then(|| (name.to_string(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_keys_at_the_start_of_a_line() {
        let text = "# comment\nhello = Hello\n    .title = attr\n-brand = Bayan\nitems = { $n ->\n    [one] one = x\n   *[other] many\n}\nlast=x\n";
        let keys: Vec<(String, usize)> = message_keys(text);
        assert_eq!(
            keys,
            vec![
                ("hello".to_string(), 2),
                ("items".to_string(), 5),
                ("last".to_string(), 9)
            ]
        );
    }
}
