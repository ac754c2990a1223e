//! Where in a template a render error happened. Tera's errors name what failed (a filter, a
//! function, a variable) but not where; this finds the call in the template's code, read as
//! Tera reads it: only inside `{{ }}` and `{% %}`, never in text, comments, `raw` blocks or
//! quoted strings, and by whole names (`now()` is not `now_year`, a filter `date` is not a file
//! called `date.html`).

/// What failed, as Tera's error names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed<'a> {
    Filter(&'a str),
    Function(&'a str),
    Test(&'a str),
    /// A variable, with its attributes: `page.titel`.
    Variable(&'a str),
}

impl<'a> Failed<'a> {
    /// What Tera's messages (outermost first) say failed.
    pub fn from_messages(messages: &'a [String]) -> Option<Failed<'a>> {
        let after = |m: &'a str, prefix: &str, q: char| {
            m.strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix(q))
                .and_then(|rest| rest.split(q).next())
        };
        messages.iter().rev().find_map(|m| {
            let m = m.as_str();
            None.or_else(|| after(m, "Filter call ", '\'').map(Failed::Filter))
                .or_else(|| after(m, "Filter ", '\'').map(Failed::Filter))
                .or_else(|| after(m, "Function call ", '\'').map(Failed::Function))
                .or_else(|| after(m, "Function ", '\'').map(Failed::Function))
                .or_else(|| after(m, "Test ", '\'').map(Failed::Test))
                .or_else(|| after(m, "Test call ", '\'').map(Failed::Test))
                .or_else(|| after(m, "Variable ", '`').map(Failed::Variable))
        })
    }
}

/// Where in `source` `failed` is called or read, the first place whose tag holds `detail` (a
/// word of the error, like the key a `trans` call could not find) if any does, and whether it
/// does.
pub fn place(source: &str, failed: &Failed, detail: Option<&str>) -> Option<(usize, bool)> {
    let found = places(source, failed);
    let holds = |&offset: &usize| {
        let tag = code_tags(source)
            .into_iter()
            .find(|(s, e)| (*s..*e).contains(&offset));
        detail
            .zip(tag)
            .is_some_and(|(d, (s, e))| source[s..e].contains(d))
    };
    match found.iter().copied().find(holds) {
        Some(offset) => Some((offset, true)),
        None => found.first().map(|&offset| (offset, false)),
    }
}

/// The byte offsets in `source` where `failed` is called or read, in order.
fn places(source: &str, failed: &Failed) -> Vec<usize> {
    let mut found = Vec::new();
    for tag in code_tags(source) {
        let tokens = tokens(source, tag);
        for (n, token) in tokens.iter().enumerate() {
            let Token::Name(start, name) = *token else {
                continue;
            };
            let before = n.checked_sub(1).map(|b| &tokens[b]);
            let next = tokens.get(n + 1);
            let is_call = matches!(next, Some(Token::Punct('(')));
            let after_pipe = matches!(before, Some(Token::Punct('|')));
            let after_is = matches!(before, Some(Token::Name(_, "is")))
                || (matches!(before, Some(Token::Name(_, "not")))
                    && n >= 2
                    && matches!(tokens[n - 2], Token::Name(_, "is")));
            let hit = match failed {
                Failed::Filter(f) => after_pipe && name == *f,
                Failed::Function(f) => !after_pipe && is_call && name == *f,
                Failed::Test(t) => after_is && name == *t,
                Failed::Variable(v) => !after_pipe && !is_call && is_variable(name, v),
            };
            if hit {
                found.push(start);
            }
        }
    }
    found
}

/// Whether the name `read` in the code reads the variable `failed` (Tera names the whole
/// path it failed on, `page.titel`, or `__tera_context`-relative forms of it).
fn is_variable(read: &str, failed: &str) -> bool {
    read == failed
        || failed.starts_with(read) && failed[read.len()..].starts_with(['.', '['])
        || read.starts_with(failed) && read[failed.len()..].starts_with('.')
}

/// The byte ranges of the code of each `{{ … }}` and `{% … %}` of `source`, in order;
/// comments and `{% raw %}` blocks are skipped.
fn code_tags(source: &str) -> Vec<(usize, usize)> {
    let mut tags = Vec::new();
    let mut at = 0;
    let mut in_raw = false;
    while let Some(open) = source[at..].find('{').map(|o| at + o) {
        let rest = &source[open..];
        let close = match () {
            _ if rest.starts_with("{#") => "#}",
            _ if rest.starts_with("{{") => "}}",
            _ if rest.starts_with("{%") => "%}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let start = open + 2;
        let Some(end) = find_close(source, start, close) else {
            break;
        };
        at = end + 2;
        let code = source[start..end].trim_matches(['-', ' ', '\t', '\n', '\r']);
        if close == "#}" {
            continue;
        }
        if close == "%}" && code.starts_with("raw") {
            in_raw = true;
        } else if close == "%}" && code.starts_with("endraw") {
            in_raw = false;
        } else if !in_raw {
            tags.push((start, end));
        }
    }
    tags
}

/// Where `close` ends the tag whose code starts at `from`, skipping quoted strings.
fn find_close(source: &str, from: usize, close: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') if close != "#}" => {
                i = source[i + 1..].find(q as char).map(|e| i + 1 + e + 1)?;
            }
            _ if bytes[i..].starts_with(close.as_bytes()) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[derive(Debug)]
enum Token<'a> {
    /// A name with its attributes (`page.lower.title`), at its byte offset.
    Name(usize, &'a str),
    Punct(char),
}

/// The names and punctuation of one tag's code; strings and numbers are left out.
fn tokens(source: &str, (start, end): (usize, usize)) -> Vec<Token<'_>> {
    let code = &source[start..end];
    let mut tokens = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' || c == '`' {
            for (_, d) in chars.by_ref() {
                if d == c {
                    break;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let mut last = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '.' {
                    last = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Name(start + i, &code[i..last]));
        } else if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|&(_, d)| d.is_ascii_digit() || d == '.')
            {
                chars.next();
            }
        } else if !c.is_whitespace() {
            tokens.push(Token::Punct(c));
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(source: &str, failed: Failed) -> Vec<usize> {
        places(source, &failed)
            .into_iter()
            .map(|o| source[..o].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn text_in_any_script_between_tags_is_passed_over() {
        let source = "{# “…” #}\nنص {{ page.titel }} …\n{{ \"…\" | upper }}";
        assert_eq!(lines(source, Failed::Variable("page.titel")), [2]);
        assert_eq!(lines("{{ x", Failed::Variable("x")), Vec::<usize>::new());
    }

    #[test]
    fn a_filter_is_found_after_a_pipe_not_in_a_file_name_or_text() {
        let source = "{% include \"date.html\" %}\nThe date:\n{# | date #}\n{{ page.date | date(format=\"%Y\") }}";
        assert_eq!(lines(source, Failed::Filter("date")), [4]);
    }

    #[test]
    fn a_function_is_found_by_its_whole_name_before_a_parenthesis() {
        let source = "{% set now_year = 1 %}\n{{ now_year }}\n{{ now() }}";
        assert_eq!(lines(source, Failed::Function("now")), [3]);
        let source = "{{ \"trans(key='x')\" }}\n{{ trans(key=\"x\") | upper }}";
        assert_eq!(lines(source, Failed::Function("trans")), [2]);
    }

    #[test]
    fn variables_tests_and_raw_blocks() {
        let source = "{% raw %}{{ page.titel }}{% endraw %}\n<h1>{{ page.titel }}</h1>\n{% if x is odd %}{% endif %}";
        assert_eq!(lines(source, Failed::Variable("page.titel")), [2]);
        assert_eq!(lines(source, Failed::Test("odd")), [3]);
        assert_eq!(
            lines("{{ page.extra.x.y }}", Failed::Variable("page.extra.x")),
            [1]
        );
    }

    #[test]
    fn tera_messages_name_what_failed() {
        let messages = [
            "Failed to render 'page.html'".to_string(),
            "Function call 'trans' failed".to_string(),
            "trans: there is no UI string `x`".to_string(),
        ];
        assert_eq!(
            Failed::from_messages(&messages),
            Some(Failed::Function("trans"))
        );
        let messages = [
            "Variable `page.titel` not found in context while rendering 'page.html'".to_string(),
        ];
        assert_eq!(
            Failed::from_messages(&messages),
            Some(Failed::Variable("page.titel"))
        );
    }
}
