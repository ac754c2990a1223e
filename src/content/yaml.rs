//! YAML front matter between `---` lines, as Zola accepts it. It is read into TOML, so that its
//! keys are checked, warned about and typed exactly as TOML front matter's are; each problem
//! found in that TOML is then placed back at the line of the YAML key it concerns.

use std::ops::Range;
use std::path::Path;

use serde_norway::Value as Yaml;
use toml::Value as Toml;

use crate::diagnostics::{Code, Diagnostic};

/// YAML front matter written out as TOML, with what it takes to place problems in the YAML.
#[derive(Debug)]
pub struct AsToml<'a> {
    /// The front matter as TOML: each top-level key on lines of its own.
    pub toml: String,
    /// Each top-level key with the lines of `toml` it takes (1-based, end excluded).
    keys: Vec<(String, Range<usize>)>,
    yaml: &'a str,
    /// The file's line of the YAML's first line.
    first_line: usize,
}

/// Reads the YAML `text` of `rel`, which starts on line `first_line`, into TOML.
pub fn to_toml<'a>(text: &'a str, first_line: usize, rel: &Path) -> Result<AsToml<'a>, Diagnostic> {
    let fence_line = first_line - 1;
    let table = table_of(mapping_of(text, first_line, rel)?).map_err(|inside| {
        let place = match inside.as_str() {
            "" => String::new(),
            key => format!(" under `{key}`"),
        };
        Diagnostic::error(
            Code::FrontMatter,
            rel,
            format!("front matter: a key{place} is a list or a table, not a word"),
        )
        .at(fence_line, 1)
        .with_hint("write keys as plain words: `title: …`")
    })?;
    // Plain keys first: a key after a `[table]` heading would fall into that table.
    let mut plain = Vec::new();
    let mut headed = Vec::new();
    for (key, value) in table {
        let mut one = toml::Table::new();
        one.insert(key.clone(), value);
        let written = toml::to_string(&one).map_err(|e| {
            Diagnostic::error(
                Code::FrontMatter,
                rel,
                format!("front matter: the value of `{key}` cannot be read: {e}"),
            )
            .at(fence_line, 1)
            .with_hint("write it as text, a number, true or false, a list or keys below it")
        })?;
        if written.starts_with('[') {
            headed.push((key, written));
        } else {
            plain.push((key, written));
        }
    }
    let mut as_toml = AsToml {
        toml: String::new(),
        keys: Vec::new(),
        yaml: text,
        first_line,
    };
    for (key, written) in plain.into_iter().chain(headed) {
        let start = as_toml.toml.matches('\n').count() + 1;
        as_toml.toml.push_str(&written);
        if !written.ends_with('\n') {
            as_toml.toml.push('\n');
        }
        let end = as_toml.toml.matches('\n').count() + 1;
        as_toml.keys.push((key, start..end));
    }
    Ok(as_toml)
}

/// The keys and values of the YAML `text`, which starts on line `first_line` of `rel`.
fn mapping_of(
    text: &str,
    first_line: usize,
    rel: &Path,
) -> Result<serde_norway::Mapping, Diagnostic> {
    let fence_line = first_line - 1;
    let value: Yaml = serde_norway::from_str(text).map_err(|e| {
        // The place is said the editor's way, as the file's line.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let error = Diagnostic::error(Code::FrontMatter, rel, format!("front matter: {message}"))
            .with_hint("check the YAML: one `key: value` per line, nested keys indented with spaces, text with a colon in \"quotes\"");
        match e.location() {
            Some(at) => error.at(at.line() + first_line - 1, at.column()),
            None => error.at(fence_line, 1),
        }
    })?;
    match value {
        Yaml::Null => Ok(serde_norway::Mapping::new()),
        Yaml::Mapping(mapping) => Ok(mapping),
        _ => Err(Diagnostic::error(
            Code::FrontMatter,
            rel,
            "front matter: YAML front matter must be keys with their values",
        )
        .at(fence_line, 1)
        .with_hint("write one `key: value` per line, e.g. `title: About us`")),
    }
}

impl AsToml<'_> {
    /// Moves a problem found at a line of [`AsToml::toml`] to the line of the YAML it comes
    /// from: the nested key it names where the YAML has it under the top-level key, else the
    /// top-level key, else the opening `---`.
    pub fn place(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.line == 0 {
            return diagnostic;
        }
        let Some((key, lines)) = self.keys.iter().find(|(_, l)| l.contains(&diagnostic.line))
        else {
            return diagnostic.at(self.first_line - 1, 1);
        };
        let (line, col) = match self.top_level_line(key) {
            Some(top) => {
                let toml_line = self.toml.lines().nth(diagnostic.line - 1).unwrap_or("");
                let nested = (diagnostic.line != lines.start)
                    .then(|| toml_line.split_once(" = ").map(|(k, _)| k.trim()))
                    .flatten()
                    .and_then(|nested| self.nested_line(top, nested));
                nested.unwrap_or((top, 1))
            }
            None => (0, 1),
        };
        diagnostic = match line {
            0 => diagnostic.at(self.first_line - 1, 1),
            _ => diagnostic.at(line + self.first_line - 1, col),
        };
        if let Some(hint) = &diagnostic.hint {
            if hint.starts_with("check the TOML syntax") {
                diagnostic.hint = Some(
                    "check the value: text, a number, true or false, or a date like 2024-05-01"
                        .into(),
                );
            }
        }
        diagnostic
    }

    /// The YAML's line (1-based) of a top-level `key:`.
    pub fn top_level_line(&self, key: &str) -> Option<usize> {
        self.yaml
            .lines()
            .position(|line| starts_with_key(line, key))
            .map(|i| i + 1)
    }

    /// The line and column of `key:` indented under the top-level key on line `top`.
    fn nested_line(&self, top: usize, key: &str) -> Option<(usize, usize)> {
        self.yaml
            .lines()
            .enumerate()
            .skip(top)
            .take_while(|(_, line)| line.is_empty() || line.starts_with([' ', '\t', '-', '#']))
            .find_map(|(i, line)| {
                let inner = line.trim_start_matches([' ', '\t', '-']);
                starts_with_key(inner, key)
                    .then(|| (i + 1, line.chars().count() - inner.chars().count() + 1))
            })
    }
}

/// Whether `line` starts with `key:` (the key bare or quoted), followed by a space or nothing.
fn starts_with_key(line: &str, key: &str) -> bool {
    let key = key.trim_matches('"');
    [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ]
    .iter()
    .any(|written| {
        line.strip_prefix(written.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// A YAML mapping as a TOML table. A key that cannot be a TOML key is the error, given as the
/// path of the keys above it. Keys without a value (`date:`) are left out, as if not written:
/// TOML has no empty value.
fn table_of(mapping: serde_norway::Mapping) -> Result<toml::Table, String> {
    let mut table = toml::Table::new();
    for (key, value) in mapping {
        let key = match key {
            Yaml::String(key) => key,
            Yaml::Bool(b) => b.to_string(),
            Yaml::Number(n) => n.to_string(),
            _ => return Err(String::new()),
        };
        let value = value_of(value).map_err(|inside| match inside.as_str() {
            "" => key.clone(),
            inside => format!("{key}.{inside}"),
        })?;
        if let Some(value) = value {
            table.insert(key, value);
        }
    }
    Ok(table)
}

fn value_of(value: Yaml) -> Result<Option<Toml>, String> {
    Ok(Some(match value {
        Yaml::Null => return Ok(None),
        Yaml::Bool(b) => Toml::Boolean(b),
        Yaml::Number(n) => match n.as_i64() {
            Some(i) => Toml::Integer(i),
            None => Toml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Yaml::String(s) => Toml::String(s),
        Yaml::Sequence(items) => {
            let mut array = Vec::new();
            for item in items {
                array.extend(value_of(item)?);
            }
            Toml::Array(array)
        }
        Yaml::Mapping(mapping) => Toml::Table(table_of(mapping)?),
        Yaml::Tagged(tagged) => return value_of(tagged.value),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn yaml_reads_as_toml_with_plain_keys_first() {
        let yaml = "title: Hello\nextra:\n  colour: red\n  when: 2002-11-01\ndate: 2024-01-02\ndraft:\ntags: [a, b]\n";
        let converted = to_toml(yaml, 2, rel()).unwrap();
        let table: toml::Table = toml::from_str(&converted.toml).unwrap();
        assert_eq!(table["title"].as_str(), Some("Hello"));
        assert_eq!(table["date"].as_str(), Some("2024-01-02"));
        assert_eq!(table["extra"]["when"].as_str(), Some("2002-11-01"));
        assert!(!table.contains_key("draft"), "an empty value is no value");
        assert!(converted.toml.trim_end().ends_with("when = \"2002-11-01\""));
    }

    #[test]
    fn problems_go_back_to_the_yaml_lines() {
        let yaml = "title: Hello\nextra:\n  colour: red\n  \"size\": 3\ndate: 2024-01-02\n";
        let converted = to_toml(yaml, 2, rel()).unwrap();
        let line_of = |needle: &str| {
            converted
                .toml
                .lines()
                .position(|l| l.starts_with(needle))
                .unwrap()
                + 1
        };
        let at = |line: usize| {
            let d = Diagnostic::error(Code::FrontMatter, rel(), "x").at(line, 1);
            let d = converted.place(d);
            (d.line, d.col)
        };
        assert_eq!(at(line_of("date")), (6, 1));
        assert_eq!(at(line_of("[extra]")), (3, 1));
        assert_eq!(at(line_of("colour")), (4, 3));
        assert_eq!(at(line_of("size")), (5, 3));
    }

    #[test]
    fn yaml_errors_are_placed_at_their_line() {
        let err = to_toml("title: Hello\ndate: [2024\n", 2, rel()).unwrap_err();
        assert!(err.line >= 3, "{err}");
        assert!(!err.message.contains(" at line "), "{err}");
        let err = to_toml("- a\n- b\n", 2, rel()).unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        assert!(to_toml("", 2, rel()).unwrap().toml.is_empty());
        let err = to_toml("extra:\n  ? [a, b]\n  : x\n", 2, rel()).unwrap_err();
        assert!(err.message.contains("a key under `extra`"), "{err}");
    }
}
