//! A value of the wrong kind, said in plain words for editors who are not programmers: serde's
//! "invalid type: string \"ستة عشر\", expected u32" becomes "`participants` takes a number, like
//! 16, not the text \"ستة عشر\"", with a hint showing the right form (`participants = 16`). The
//! key and what its value is are read from the TOML at the error's place, not from the message.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// How a file writes a key and its value, for the examples in hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// `key = value`, a table's keys under a `[key]` line.
    Toml,
    /// `key: value`, a table's keys indented under a `key:` line (front matter between `---`).
    Yaml,
}

/// The key whose value an error points at, and what the value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAt {
    pub key: String,
    /// Whether the value is an item of the key's list (`aliases = [1]`), not the key's value.
    pub in_list: bool,
    pub found: Found,
}

/// What a value is, as an editor would name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Integer(String),
    Float(String),
    Boolean(bool),
    Date(String),
    List,
    Table,
}

/// What a key takes, from serde's "expected …".
#[derive(Debug, Clone, PartialEq, Eq)]
enum Takes {
    /// A whole number; `unsigned` when it cannot be below 0.
    Whole {
        unsigned: bool,
    },
    Number,
    Boolean,
    Text,
    List,
    Table,
    Date,
    /// One of these words.
    OneOf(Vec<String>),
}

/// The innermost key whose value holds byte `offset` of the TOML `text`.
pub fn key_at(text: &str, offset: usize) -> Option<KeyAt> {
    let table = DeTable::parse(text).ok()?;
    in_table(table.get_ref(), offset)
}

fn in_table(table: &DeTable<'_>, offset: usize) -> Option<KeyAt> {
    table
        .iter()
        .find_map(|(key, value)| in_value(key.get_ref(), value, offset, false))
}

fn in_value(
    key: &str,
    value: &Spanned<DeValue<'_>>,
    offset: usize,
    in_list: bool,
) -> Option<KeyAt> {
    let deeper = match value.get_ref() {
        DeValue::Table(table) => in_table(table, offset),
        DeValue::Array(items) => items
            .iter()
            .find_map(|item| in_value(key, item, offset, true)),
        _ => None,
    };
    deeper.or_else(|| {
        value.span().contains(&offset).then(|| KeyAt {
            key: key.to_string(),
            in_list,
            found: Found::of(value.get_ref()),
        })
    })
}

impl Found {
    fn of(value: &DeValue<'_>) -> Found {
        match value {
            DeValue::String(text) => Found::Text(text.to_string()),
            DeValue::Integer(number) => Found::Integer(number.as_str().to_string()),
            DeValue::Float(number) => Found::Float(number.as_str().to_string()),
            DeValue::Boolean(yes) => Found::Boolean(*yes),
            DeValue::Datetime(date) => Found::Date(date.to_string()),
            DeValue::Array(_) => Found::List,
            DeValue::Table(_) => Found::Table,
        }
    }

    /// "the text \"…\"", "the number 5", "a list"…
    fn described(&self) -> String {
        match self {
            Found::Text(text) => format!("the text \"{text}\""),
            Found::Integer(number) | Found::Float(number) => format!("the number {number}"),
            Found::Boolean(yes) => format!("the value {yes}"),
            Found::Date(date) => format!("the date {date}"),
            Found::List => "a list".into(),
            Found::Table => "a table".into(),
        }
    }

    /// The value as written, when it is one word or number that quotes would make text.
    fn bare(&self) -> Option<String> {
        match self {
            Found::Integer(text) | Found::Float(text) | Found::Date(text) => Some(text.clone()),
            Found::Boolean(yes) => Some(yes.to_string()),
            Found::Text(_) | Found::List | Found::Table => None,
        }
    }
}

impl Takes {
    /// What serde's "expected …" names, for the types front matter and settings use.
    fn of(expected: &str) -> Option<Takes> {
        let expected = expected.trim();
        Some(match expected {
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => Takes::Whole { unsigned: true },
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" | "integer" => {
                Takes::Whole { unsigned: false }
            }
            "f32" | "f64" | "a float" | "a number" => Takes::Number,
            "a boolean" | "bool" => Takes::Boolean,
            "a string" | "a borrowed string" | "a character" | "a char" => Takes::Text,
            "a sequence" | "a list" | "an array" => Takes::List,
            "a map" | "a table" => Takes::Table,
            _ if expected.starts_with("struct ") => Takes::Table,
            _ if expected.starts_with("a tuple") => Takes::List,
            _ if expected.contains("datetime") || expected.starts_with("a date") => Takes::Date,
            _ if expected.starts_with("one of ") || expected.starts_with('`') => Takes::OneOf(
                expected
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(String::from)
                    .collect(),
            ),
            _ => return None,
        })
    }

    /// "a number, like 16", "true or false"…
    fn described(&self, found: &Found, notation: Notation) -> String {
        match self {
            Takes::Whole { .. } if matches!(found, Found::Float(_)) => {
                "a whole number, like 16".into()
            }
            Takes::Whole { .. } => "a number, like 16".into(),
            Takes::Number => "a number, like 2.5".into(),
            Takes::Boolean => "true or false".into(),
            Takes::Text if notation == Notation::Toml => "text in quotes".into(),
            Takes::Text => "text".into(),
            Takes::List => "a list, like [\"…\", \"…\"]".into(),
            Takes::Table => "a table of keys and values".into(),
            Takes::Date => "a date, like 2024-05-01".into(),
            Takes::OneOf(words) => format!("one of {}", words.join(", ")),
        }
    }
}

/// serde's `message` about the value at `at` as a sentence and a hint, or `None` when the
/// message is not about the kind of a value (a syntax error, an unknown key, a missing one).
pub fn explain(message: &str, at: &KeyAt, notation: Notation) -> Option<(String, String)> {
    let message = message.trim();
    let expected = ["invalid type: ", "invalid value: ", "unknown variant "]
        .iter()
        .find_map(|start| message.strip_prefix(start))
        .and_then(|rest| rest.split_once(", expected "))
        .map(|(_, expected)| expected)
        .or_else(|| message.strip_prefix("expected "))?;
    let takes = Takes::of(expected)?;
    let key = &at.key;
    let subject = match at.in_list {
        false => format!("`{key}` takes"),
        true => format!("each item of `{key}` should be"),
    };
    let negative = matches!(&at.found, Found::Integer(n) if n.starts_with('-'));
    let what = match (&takes, message.starts_with("invalid value: ")) {
        (Takes::Whole { unsigned: true }, true) if negative => {
            "a number of 0 or more, like 16".into()
        }
        (Takes::Whole { .. }, true) => "a smaller number, like 16".into(),
        _ => takes.described(&at.found, notation),
    };
    let sentence = format!("{subject} {what}, not {}", at.found.described());
    Some((sentence, hint(&takes, at, notation)))
}

/// How to write the value `at` as the kind `takes`, with an example in the file's notation.
fn hint(takes: &Takes, at: &KeyAt, notation: Notation) -> String {
    let key = at.key.as_str();
    let write = |value: &str| {
        let value = match at.in_list {
            true => format!("[{value}]"),
            false => value.to_string(),
        };
        match notation {
            Notation::Toml => format!("`{key} = {value}`"),
            Notation::Yaml => format!("`{key}: {value}`"),
        }
    };
    let text = match &at.found {
        Found::Text(text) => Some(text.trim()),
        _ => None,
    };
    match takes {
        Takes::Whole { .. } | Takes::Number => {
            let example = if *takes == Takes::Number { "2.5" } else { "16" };
            match (&at.found, text) {
                (_, Some(digits)) if digits.parse::<f64>().is_ok() => {
                    format!("write the number without quotes: {}", write(digits))
                }
                (_, Some(_)) => format!(
                    "write the number in digits, without quotes: {}",
                    write(example)
                ),
                (Found::Float(_), _) if example == "16" => format!(
                    "write a whole number, without a decimal point: {}",
                    write(example)
                ),
                (Found::Integer(n), _) if n.starts_with('-') => {
                    format!("write a number of 0 or more: {}", write(example))
                }
                _ => format!("write a number: {}", write(example)),
            }
        }
        Takes::Boolean => match text.map(str::to_lowercase).as_deref() {
            Some(word @ ("true" | "false")) => {
                format!("write {word} without quotes: {}", write(word))
            }
            Some("yes" | "on") => format!("write true without quotes: {}", write("true")),
            Some("no" | "off") => format!("write false without quotes: {}", write("false")),
            _ => format!("write {} or {}", write("true"), write("false")),
        },
        Takes::Text => match at.found.bare() {
            Some(bare) => format!("put it in double quotes: {}", write(&format!("\"{bare}\""))),
            None => format!("write one text in double quotes: {}", write("\"…\"")),
        },
        Takes::List => match text {
            Some(text) => format!(
                "put it in square brackets, a list of one: {}",
                write(&format!("[\"{text}\"]"))
            ),
            None => format!(
                "write the items in square brackets, separated by commas: {}",
                write("[\"…\", \"…\"]")
            ),
        },
        Takes::Table => table_hint(key, at.in_list, notation),
        Takes::Date => format!("write the date without quotes: {}", write("2024-05-01")),
        Takes::OneOf(words) => match words.first() {
            Some(first) => format!(
                "write one of them in quotes: {}",
                write(&format!("\"{first}\""))
            ),
            None => format!("write one of the words {key} knows, in quotes"),
        },
    }
}

fn table_hint(key: &str, in_list: bool, notation: Notation) -> String {
    match (notation, in_list) {
        (Notation::Toml, false) => {
            format!("write `[{key}]` on a line of its own, with its `name = value` lines below it")
        }
        (Notation::Toml, true) => {
            format!("write each one as a `[[{key}]]` line, with its `name = value` lines below it")
        }
        (Notation::Yaml, false) => format!(
            "write `{key}:` on a line of its own, with its `name: value` lines indented below it"
        ),
        (Notation::Yaml, true) => format!(
            "under `{key}:`, start each one with `- name: value`, its other lines indented below it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str, message: &str, notation: Notation) -> (String, String) {
        let mut offset = text.find('=').unwrap() + 2;
        if text[offset..].starts_with('[') && !message.contains("sequence") {
            offset += 1;
        }
        let at = key_at(text, offset).unwrap_or_else(|| panic!("no key at {offset} of {text}"));
        explain(message, &at, notation).unwrap()
    }

    #[test]
    fn a_number_written_in_words() {
        let (message, hint) = said(
            "[report]\nparticipants = \"ستة عشر\"\n",
            "invalid type: string \"ستة عشر\", expected u32",
            Notation::Toml,
        );
        assert_eq!(
            message,
            "`participants` takes a number, like 16, not the text \"ستة عشر\""
        );
        assert_eq!(
            hint,
            "write the number in digits, without quotes: `participants = 16`"
        );
        let (_, hint) = said(
            "weight = \"5\"\n",
            "invalid type: string \"5\", expected i64",
            Notation::Yaml,
        );
        assert_eq!(hint, "write the number without quotes: `weight: 5`");
    }

    #[test]
    fn each_kind_of_value() {
        let cases = [
            (
                "n = 4.5",
                "invalid type: floating point `4.5`, expected u32",
                "a whole number, like 16, not the number 4.5",
                "without a decimal point: `n = 16`",
            ),
            (
                "n = -4",
                "invalid value: integer `-4`, expected u32",
                "a number of 0 or more",
                "`n = 16`",
            ),
            (
                "n = [1]",
                "invalid type: sequence, expected u32",
                "not a list",
                "`n = 16`",
            ),
            (
                "x = \"2,5\"",
                "invalid type: string \"2,5\", expected f64",
                "a number, like 2.5",
                "`x = 2.5`",
            ),
            (
                "draft = \"yes\"",
                "invalid type: string \"yes\", expected a boolean",
                "`draft` takes true or false, not the text \"yes\"",
                "write true without quotes: `draft = true`",
            ),
            (
                "place = 5",
                "invalid type: integer `5`, expected a string",
                "`place` takes text in quotes, not the number 5",
                "put it in double quotes: `place = \"5\"`",
            ),
            (
                "place = {a = 1}",
                "invalid type: map, expected a string",
                "not a table",
                "`place = \"…\"`",
            ),
            (
                "organisers = \"Us\"",
                "invalid type: string \"Us\", expected a sequence",
                "`organisers` takes a list",
                "a list of one: `organisers = [\"Us\"]`",
            ),
            (
                "extra = \"x\"",
                "invalid type: string \"x\", expected a map",
                "`extra` takes a table of keys and values",
                "write `[extra]` on a line of its own",
            ),
            (
                "report = 5",
                "invalid type: integer `5`, expected struct Report",
                "`report` takes a table",
                "`[report]`",
            ),
            (
                "attachments = [\"a.pdf\"]",
                "invalid type: string \"a.pdf\", expected struct Attachment",
                "each item of `attachments` should be a table",
                "`[[attachments]]`",
            ),
            (
                "aliases = [1]",
                "invalid type: integer `1`, expected a string",
                "each item of `aliases` should be text in quotes, not the number 1",
                "`aliases = [\"1\"]`",
            ),
            (
                "date = true",
                "expected a date like 2024-05-01, or a year like 2024",
                "`date` takes a date, like 2024-05-01, not the value true",
                "`date = 2024-05-01`",
            ),
            (
                "when = 1",
                "invalid type: integer `1`, expected a TOML datetime",
                "`when` takes a date",
                "without quotes",
            ),
            (
                "sort_by = \"sideways\"",
                "unknown variant `sideways`, expected one of `date`, `weight`",
                "`sort_by` takes one of date, weight, not the text \"sideways\"",
                "`sort_by = \"date\"`",
            ),
        ];
        for (text, serde, message, hint) in cases {
            let (said_message, said_hint) = said(text, serde, Notation::Toml);
            assert!(said_message.contains(message), "{text}: {said_message}");
            assert!(said_hint.contains(hint), "{text}: {said_hint}");
        }
    }

    #[test]
    fn yaml_hints_are_written_in_yaml() {
        let (_, hint) = said(
            "extra = 1\n",
            "invalid type: integer `1`, expected a map",
            Notation::Yaml,
        );
        assert!(hint.contains("`extra:` on a line of its own"), "{hint}");
        let (message, hint) = said(
            "title = 5\n",
            "invalid type: integer `5`, expected a string",
            Notation::Yaml,
        );
        assert_eq!(message, "`title` takes text, not the number 5");
        assert_eq!(hint, "put it in double quotes: `title: \"5\"`");
    }

    #[test]
    fn other_messages_are_left_alone() {
        let at = key_at("title = 1\n", 8).unwrap();
        for message in [
            "unknown field `titel`, expected one of `title`",
            "missing field `file`",
            "`2023-02-30` is not a valid date",
            "duplicate key",
        ] {
            assert_eq!(explain(message, &at, Notation::Toml), None, "{message}");
        }
    }
}
