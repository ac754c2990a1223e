//! Zola's shortcodes in a page's Markdown: `{{ name(arg=value, …) }}` and
//! `{% name(arg=value) %}body{% end %}`, rendered by the template `shortcodes/NAME.md`, whose
//! Markdown goes into the text before it is parsed, or `shortcodes/NAME.html`, whose HTML goes
//! in after (the site's own template first, then the theme's). `{{/* … */}}` and
//! `{%/* … */%}` write a call as text. As in Zola, calls are found anywhere in the text, code
//! included: that is what the escapes are for.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Map, Value};

use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::theme::templates::Templates;

/// One call of a shortcode in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// The text between `{% name(…) %}` and `{% end %}`, for the block form.
    pub body: Option<String>,
    /// Where the call stands in the text, from its `{{` or `{%` to its closing braces.
    pub span: Range<usize>,
}

/// A piece of the text as the parser cut it.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Text kept as it is.
    Text(Range<usize>),
    /// An escaped call (`{{/* x() */}}`), written without its comment marks.
    Escaped(String, usize),
    Call(Call),
    /// Something that starts like a call but is not one: kept as text, with a warning.
    NotACall(Range<usize>, String),
}

/// A call that cannot be read: located at `offset` in the text.
#[derive(Debug, Clone, PartialEq)]
struct SyntaxError {
    offset: usize,
    message: String,
    hint: String,
}

/// The text with every shortcode call replaced by what it renders to, and where each piece of
/// the new text came from, so that problems found later point into the file.
#[derive(Debug, Default)]
pub struct Expanded {
    pub text: String,
    /// The HTML of each `.html` call, put in after Markdown where its placeholder stands.
    html: Vec<String>,
    /// (offset in `text`, offset in the original, whether the piece was copied as it was).
    pieces: Vec<(usize, usize, bool)>,
}

/// The placeholder of HTML call `n`: private-use characters that Markdown leaves alone.
fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}\u{E001}")
}

impl Expanded {
    /// The offset in the original text that offset `at` of the expanded text comes from: text
    /// copied as it was maps one to one, a call's output to the call's start.
    pub fn original_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|&(start, _, _)| start <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, original, true)) => original + (at - start),
            Some((_, original, false)) => original,
            None => at,
        }
    }

    /// `html` with each placeholder replaced by its call's HTML; a placeholder alone in a
    /// paragraph replaces the paragraph, so that a block is not wrapped in `<p>`.
    pub fn insert_html(&self, html: String) -> String {
        if self.html.is_empty() {
            return html;
        }
        let mut html = html;
        for (n, output) in self.html.iter().enumerate() {
            let mark = placeholder(n);
            let alone = format!("<p>{mark}</p>");
            html = html.replace(&alone, output.trim());
            html = html.replace(&mark, output);
            // In a link's address the placeholder was percent-encoded.
            let encoded: String = mark
                .bytes()
                .map(|b| match b {
                    b'0'..=b'9' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            html = html.replace(&encoded, output.trim());
        }
        html
    }

    fn push_text(&mut self, original: &str, range: Range<usize>) {
        self.pieces.push((self.text.len(), range.start, true));
        self.text.push_str(&original[range]);
    }

    fn push_output(&mut self, output: &str, at: usize) {
        self.pieces.push((self.text.len(), at, false));
        self.text.push_str(output);
    }
}

/// What rendering a page's shortcodes needs: the templates, an engine that speaks the page's
/// language, and what the templates see besides the call's arguments.
pub struct Renderer<'a> {
    pub templates: &'a Templates,
    pub engine: &'a tera::Tera,
    /// `lang`, `config`, and `page` or `section`.
    pub context: &'a tera::Context,
}

/// Whether `text` may hold a shortcode call, cheaply, to skip the work for most pages.
pub fn may_have_calls(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// Renders every call of `text` (a page's Markdown). Problems are located in `text`, at
/// `first_line` of `rel_path`; a call that fails is left out of the result.
pub fn expand(
    text: &str,
    renderer: &Renderer,
    rel_path: &std::path::Path,
    first_line: usize,
) -> (Expanded, Vec<Diagnostic>) {
    let mut expanded = Expanded::default();
    let mut problems = Vec::new();
    let mut nth: HashMap<String, usize> = HashMap::new();
    let locate = |d: Diagnostic, offset: usize| d.at_offset(text, offset, first_line);
    let pieces = match parse(text) {
        Ok(pieces) => pieces,
        Err(e) => {
            problems.push(locate(
                Diagnostic::error(Code::Shortcode, rel_path, e.message).with_hint(e.hint),
                e.offset,
            ));
            expanded.push_text(text, 0..text.len());
            return (expanded, problems);
        }
    };
    for piece in pieces {
        match piece {
            Piece::Text(range) => expanded.push_text(text, range),
            Piece::Escaped(written, at) => expanded.push_output(&written, at),
            Piece::NotACall(range, why) => {
                problems.push(locate(
                    Diagnostic::warning(
                        Code::Shortcode,
                        rel_path,
                        format!("this looks like a shortcode but is published as written: {why}"),
                    )
                    .with_hint("write a call as {{ name(arg=\"value\") }}; to show the braces as text, write {{/* … */}}"),
                    range.start,
                ));
                expanded.push_text(text, range);
            }
            Piece::Call(call) => {
                let count = nth.entry(call.name.clone()).or_insert(0);
                *count += 1;
                let at = call.span.start;
                match render_call(&call, *count, renderer) {
                    Ok(Output::Markdown(markdown)) => expanded.push_output(&markdown, at),
                    Ok(Output::Html(html)) => {
                        let mark = placeholder(expanded.html.len());
                        expanded.html.push(html);
                        expanded.push_output(&mark, at);
                    }
                    Err((message, hint)) => {
                        problems.push(locate(
                            Diagnostic::error(Code::Shortcode, rel_path, message).with_hint(hint),
                            at,
                        ));
                        expanded.push_output("", at);
                    }
                }
            }
        }
    }
    (expanded, problems)
}

enum Output {
    Markdown(String),
    Html(String),
}

/// The template that renders shortcode `name`: the site's own before the theme's, and of
/// one folder the Markdown one before the HTML one.
fn template_of<'t>(templates: &'t Templates, name: &str) -> Option<(&'t str, bool)> {
    let candidates = [
        (format!("shortcodes/{name}.md"), true),
        (format!("shortcodes/{name}.html"), false),
    ];
    let found: Vec<(&str, bool, bool)> = candidates
        .iter()
        .filter_map(|(template, markdown)| {
            let (name, own) = templates.template(template)?;
            Some((name, *markdown, own))
        })
        .collect();
    found
        .iter()
        .find(|(_, _, own)| *own)
        .or(found.first())
        .map(|&(name, markdown, _)| (name, markdown))
}

/// Every shortcode the templates define, by name.
pub fn names(templates: &Templates) -> Vec<&str> {
    let mut names: Vec<&str> = templates
        .names()
        .filter_map(|n| n.strip_prefix("shortcodes/"))
        .filter_map(|n| n.strip_suffix(".md").or_else(|| n.strip_suffix(".html")))
        .collect();
    names.dedup();
    names
}

fn render_call(call: &Call, nth: usize, renderer: &Renderer) -> Result<Output, (String, String)> {
    let Some((template, markdown)) = template_of(renderer.templates, &call.name) else {
        let known = names(renderer.templates);
        let hint = match did_you_mean(&call.name, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? The shortcodes of this site are: {}", known.join(", ")),
            None if known.is_empty() => "this site and its theme have no shortcodes: add templates/shortcodes/NAME.html (or NAME.md), or write {{/* … */}} to show the braces as text".to_string(),
            None => format!("the shortcodes of this site are: {}; add templates/shortcodes/{}.html to make this one, or write {{{{/* … */}}}} to show the braces as text", known.join(", "), call.name),
        };
        return Err((format!("there is no shortcode `{}`", call.name), hint));
    };
    let mut context = renderer.context.clone();
    for (key, value) in &call.args {
        context.insert(key, value);
    }
    context.insert("nth", &nth);
    if let Some(body) = &call.body {
        // As Zola does: a body ending in a newline would end the output with a blank line.
        let body = expand_inner(body, renderer)?;
        context.insert("body", body.trim_end());
    }
    match renderer.engine.render(template, &context) {
        Ok(output) => {
            let output = output.replace("\r\n", "\n");
            Ok(if markdown {
                Output::Markdown(output)
            } else {
                Output::Html(output)
            })
        }
        Err(e) => {
            let d = renderer.templates.describe_error(&e, Some(template));
            let message = d
                .message
                .strip_prefix("template error: ")
                .unwrap_or(&d.message);
            Err((
                format!(
                    "the shortcode `{}` failed in {}: {message}",
                    call.name,
                    d.location()
                ),
                d.hint
                    .unwrap_or_else(|| "check the shortcode's arguments".to_string()),
            ))
        }
    }
}

/// A block call's body with the calls inside it rendered in place, Markdown and HTML alike.
fn expand_inner(body: &str, renderer: &Renderer) -> Result<String, (String, String)> {
    if !may_have_calls(body) {
        return Ok(body.to_string());
    }
    let pieces = parse(body).map_err(|e| (e.message, e.hint))?;
    let mut out = String::with_capacity(body.len());
    for piece in pieces {
        match piece {
            Piece::Text(range) | Piece::NotACall(range, _) => out.push_str(&body[range]),
            Piece::Escaped(written, _) => out.push_str(&written),
            Piece::Call(call) => match render_call(&call, 1, renderer)? {
                Output::Markdown(text) | Output::Html(text) => out.push_str(&text),
            },
        }
    }
    Ok(out)
}

/// Cuts `text` into text, escaped calls and calls. The only errors are block calls with no
/// `{% end %}`; anything else that is not a call is text.
fn parse(text: &str) -> Result<Vec<Piece>, SyntaxError> {
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        at = start + 1;
        let Some(&next) = bytes.get(start + 1) else {
            break;
        };
        if next != b'{' && next != b'%' {
            continue;
        }
        let inline = next == b'{';
        let (close, escaped) = if text[start + 2..].starts_with("/*") {
            (if inline { "*/}}" } else { "*/%}" }, true)
        } else {
            (if inline { "}}" } else { "%}" }, false)
        };
        let inner_start = start + 2 + if escaped { 2 } else { 0 };
        let (name, args, after_call) = match read_call(text, inner_start) {
            Ok(Some(call)) => call,
            Ok(None) => {
                // `{% end %}` written escaped is part of an escaped block.
                if escaped && !inline {
                    if let Some(end) = end_tag(text, start, close) {
                        flush(&mut pieces, plain_from, start);
                        pieces.push(Piece::Escaped(
                            format!("{{%{}%}}", &text[inner_start..end - close.len()]),
                            start,
                        ));
                        plain_from = end;
                        at = end;
                    }
                }
                continue;
            }
            Err(why) => {
                flush(&mut pieces, plain_from, start);
                pieces.push(Piece::NotACall(start..start + 2, why));
                plain_from = start + 2;
                at = plain_from;
                continue;
            }
        };
        let after = skip_space(text, after_call);
        if !text[after..].starts_with(close) {
            let why = format!(
                "`{name}(…)` is not followed by `{}`",
                close.trim_start_matches("*/")
            );
            flush(&mut pieces, plain_from, start);
            pieces.push(Piece::NotACall(start..start + 2, why));
            plain_from = start + 2;
            at = plain_from;
            continue;
        }
        let call_end = after + close.len();
        flush(&mut pieces, plain_from, start);
        if escaped {
            let open = if inline { "{{" } else { "{%" };
            let shut = if inline { "}}" } else { "%}" };
            pieces.push(Piece::Escaped(
                format!("{open}{}{shut}", &text[inner_start..call_end - close.len()]),
                start,
            ));
            plain_from = call_end;
            at = call_end;
            continue;
        }
        if inline {
            pieces.push(Piece::Call(Call {
                name,
                args,
                body: None,
                span: start..call_end,
            }));
            plain_from = call_end;
            at = call_end;
            continue;
        }
        let Some((body_end, end)) = find_end(text, call_end) else {
            return Err(SyntaxError {
                offset: start,
                message: format!("the shortcode `{name}` is never closed"),
                hint: format!("end its body with {{% end %}}, or write {{{{ {name}(…) }}}} if it takes no body"),
            });
        };
        pieces.push(Piece::Call(Call {
            name,
            args,
            body: Some(text[call_end..body_end].trim().to_string()),
            span: start..end,
        }));
        plain_from = end;
        at = end;
    }
    flush(&mut pieces, plain_from, text.len());
    Ok(pieces)
}

fn flush(pieces: &mut Vec<Piece>, from: usize, to: usize) {
    if to > from {
        pieces.push(Piece::Text(from..to));
    }
}

/// The end of an escaped `{%/* end */%}` starting at `start`.
fn end_tag(text: &str, start: usize, close: &str) -> Option<usize> {
    let inner = skip_space(text, start + 4);
    let word_end = inner + text[inner..].strip_prefix("end").map(|_| 3)?;
    let after = skip_space(text, word_end);
    text[after..]
        .starts_with(close)
        .then(|| after + close.len())
}

/// The first `{% end %}` from `from`: (where the body ends, where the tag ends).
fn find_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let start = at + found;
        let word = skip_space(text, start + 2);
        if text[word..].starts_with("end") {
            let after = skip_space(text, word + 3);
            if text[after..].starts_with("%}") {
                return Some((start, after + 2));
            }
        }
        at = start + 2;
    }
    None
}

fn skip_space(text: &str, from: usize) -> usize {
    from + text[from..].len()
        - text[from..]
            .trim_start_matches([' ', '\t', '\r', '\n'])
            .len()
}

/// Reads `name(arg=value, …)` from `from`: `None` when there is no `name(` (not a call at
/// all), an error when a call starts but its arguments do not read.
type ReadCall = Option<(String, Map<String, Value>, usize)>;

fn read_call(text: &str, from: usize) -> Result<ReadCall, String> {
    let start = skip_space(text, from);
    let name_len = text[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len() - start);
    let name = &text[start..start + name_len];
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || name == "end" {
        return Ok(None);
    }
    let open = skip_space(text, start + name_len);
    if !text[open..].starts_with('(') {
        return Ok(None);
    }
    let mut args = Map::new();
    let mut at = skip_space(text, open + 1);
    loop {
        if text[at..].starts_with(')') {
            return Ok(Some((name.to_string(), args, at + 1)));
        }
        let key_len = text[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(0);
        let key = &text[at..at + key_len];
        if key.is_empty() || key.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(format!(
                "`{name}(…)` takes arguments written as name=value, separated by commas"
            ));
        }
        let equals = skip_space(text, at + key_len);
        if !text[equals..].starts_with('=') {
            return Err(format!(
                "the argument `{key}` of `{name}` has no `=` and value"
            ));
        }
        let (value, after) = read_value(text, skip_space(text, equals + 1))
            .map_err(|why| format!("the argument `{key}` of `{name}`: {why}"))?;
        args.insert(key.to_string(), value);
        at = skip_space(text, after);
        if text[at..].starts_with(',') {
            at = skip_space(text, at + 1);
        } else if !text[at..].starts_with(')') {
            return Err(format!(
                "the arguments of `{name}` must be separated by commas and end with `)`"
            ));
        }
    }
}

/// Reads a value as Zola's shortcodes write them: a string in `"`, `'` or backticks (no
/// escapes), `true`/`false`, an integer, a decimal number, or an array of these.
fn read_value(text: &str, at: usize) -> Result<(Value, usize), String> {
    let rest = &text[at..];
    let first = rest.chars().next();
    match first {
        Some(quote @ ('"' | '\'' | '`')) => {
            let end = rest[1..]
                .find(quote)
                .ok_or(format!("the text in {quote}…{quote} is never closed"))?;
            Ok((Value::String(rest[1..1 + end].to_string()), at + end + 2))
        }
        Some('[') => {
            let mut items = Vec::new();
            let mut i = skip_space(text, at + 1);
            loop {
                if text[i..].starts_with(']') {
                    return Ok((Value::Array(items), i + 1));
                }
                let (item, after) = read_value(text, i)?;
                items.push(item);
                i = skip_space(text, after);
                if text[i..].starts_with(',') {
                    i = skip_space(text, i + 1);
                } else if !text[i..].starts_with(']') {
                    return Err("a list is written [a, b, c]".to_string());
                }
            }
        }
        _ => {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let value = match word {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ if word.contains('.') => word
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .ok_or(format!("`{word}` is not a value: put text in quotes"))?,
                _ => word
                    .parse::<i64>()
                    .map(|n| Value::Number(n.into()))
                    .map_err(|_| {
                        format!("`{word}` is not a value: put text in quotes, \"{word}\"")
                    })?,
            };
            Ok((value, at + len))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(text: &str) -> Vec<Call> {
        parse(text)
            .unwrap()
            .into_iter()
            .filter_map(|p| match p {
                Piece::Call(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_inline_calls_with_every_kind_of_argument() {
        let text = "Intro {{ hello(s='hey', d=\"two\", b=`three`, i=-1, f=2.5, t=true, a=[1, [\"x\"], false]) }} end";
        let found = calls(text);
        assert_eq!(found.len(), 1);
        let call = &found[0];
        assert_eq!(call.name, "hello");
        assert_eq!(call.args["s"], "hey");
        assert_eq!(call.args["d"], "two");
        assert_eq!(call.args["b"], "three");
        assert_eq!(call.args["i"], -1);
        assert_eq!(call.args["f"], 2.5);
        assert_eq!(call.args["t"], true);
        assert_eq!(call.args["a"], serde_json::json!([1, ["x"], false]));
        assert_eq!(&text[call.span.clone()], &text[6..text.len() - 4]);
    }

    #[test]
    fn reads_block_calls_across_lines() {
        let text = "{% note(kind=\"x\",\n  title='T') %}\nBody *here*.\n\nMore.\n{%end%}\nafter";
        let found = calls(text);
        assert_eq!(found[0].name, "note");
        assert_eq!(found[0].body.as_deref(), Some("Body *here*.\n\nMore."));
        assert_eq!(&text[found[0].span.end..], "\nafter");
    }

    #[test]
    fn escapes_are_written_without_their_marks() {
        let pieces = parse("a {{/* youtube(id=1) */}} b {%/* note() */%}x{%/* end */%}").unwrap();
        let written: Vec<String> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Escaped(s, _) => Some(s.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            written,
            ["{{ youtube(id=1) }}", "{% note() %}", "{% end %}"]
        );
    }

    #[test]
    fn template_syntax_is_text_and_a_broken_call_is_said() {
        assert!(calls("{{ page.title }} {% if x %}{% endif %} {x}").is_empty());
        let pieces = parse("see {{ youtube(abc) }} here").unwrap();
        assert!(
            matches!(&pieces[1], Piece::NotACall(r, why) if *r == (4..6) && why.contains("`abc` of `youtube` has no `=`")),
            "{pieces:?}"
        );
    }

    #[test]
    fn an_unclosed_block_is_an_error_at_its_start() {
        let e = parse("text\n{% note() %}\nbody").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let mut e = Expanded::default();
        e.push_text("abcdef", 0..3);
        e.push_output("LONG OUTPUT", 3);
        e.push_text("abcdefgh", 6..8);
        assert_eq!(e.text, "abcLONG OUTPUTgh");
        assert_eq!(e.original_offset(1), 1);
        assert_eq!(e.original_offset(5), 3);
        assert_eq!(e.original_offset(15), 7);
    }

    #[test]
    fn html_alone_in_a_paragraph_replaces_it() {
        let mut e = Expanded::default();
        e.html.push("<div>X</div>\n".to_string());
        e.html.push("<b>Y</b>".to_string());
        let html = format!("<p>{}</p>\n<p>a {} b</p>", placeholder(0), placeholder(1));
        assert_eq!(e.insert_html(html), "<div>X</div>\n<p>a <b>Y</b> b</p>");
    }
}
