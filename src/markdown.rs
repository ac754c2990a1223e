//! Markdown to HTML with pulldown-cmark: heading ids in the heading's own script, `@/` internal
//! links, bundle-relative files, and a table of contents.

use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic};
use crate::languages::Direction;
use crate::shortcodes::Expanded;
use crate::slugs::{heading_id, UniqueIds};
use crate::url::{is_relative, percent_decode_link, relative_file};

/// Where the `signup` shortcode stood in the Markdown; the render stage puts the theme's form
/// there.
pub const SIGNUP_PLACEHOLDER: &str = "<!--bayan:signup-->";

/// Where a heading's link to itself goes, as Zola's `insert_anchor_links` says. Zola's "left"
/// and "right" are read logically, as Bayan places everything: "left" is before the heading's
/// text (on the right in Arabic and Sorani), "right" after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AnchorLinks {
    #[default]
    None,
    /// Before the heading's text.
    Left,
    /// After the heading's text.
    Right,
    /// The heading's text is the link.
    Heading,
}

/// A heading of the page, for its table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared: renderings are kept and handed around between preview rebuilds.
    pub html: Arc<str>,
    pub toc: Arc<[Heading]>,
    pub word_count: usize,
    /// Whether shortcodes were rendered into it: it changes when templates or UI strings do.
    pub has_shortcodes: bool,
}

/// What rendering needs to know about where the text comes from and how to resolve links.
pub struct Source<'a> {
    pub text: &'a str,
    pub rel_path: &'a Path,
    /// File line of the text's first line, so errors point into the file.
    pub first_line: usize,
    pub direction: Direction,
    /// Resolves `@/…` links to URLs.
    pub resolve_internal: &'a dyn Fn(&str) -> Result<String, String>,
    /// Resolves a relative path to the URL of a published file beside the page.
    pub resolve_asset: &'a dyn Fn(&str) -> Option<String>,
    /// Markup for an image of the bundle, given its relative path, its alt text and whether it
    /// is the page's first (shown at once, not lazily); `None` when it is not a processed image.
    pub picture: &'a dyn Fn(&str, &str, bool) -> Option<String>,
    /// The text with its shortcodes rendered, when it has any: what is parsed instead of
    /// `text`, whose offsets it maps back to.
    pub shortcodes: Option<&'a Expanded>,
    /// Where headings get a link to themselves (the section's `insert_anchor_links`).
    pub anchor_links: AnchorLinks,
    /// Whether heading ids keep accented Latin letters ([`crate::slugs::keeps_latin_letters`]).
    pub keep_latin_ids: bool,
    /// Highlights code blocks, when `[markdown.highlighting]` asks for it.
    pub highlighter: Option<&'a crate::highlight::Highlighter>,
}

impl Source<'_> {
    /// The offset in `text` that an offset of the parsed text comes from.
    fn original_offset(&self, offset: usize) -> usize {
        self.shortcodes
            .map_or(offset, |expanded| expanded.original_offset(offset))
    }
}

/// The Markdown parser of a page's text, with the options of the build. `check` reads links
/// with it too, so both see the same links at the same places.
pub fn parser(text: &str, direction: Direction) -> Parser<'_> {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS;
    // Curly quotes and dashes suit English and Kurmanji; in Arabic script they come out
    // mirrored or wrong (Arabic uses « » and its own comma), so editors type them.
    if direction == Direction::Ltr {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    Parser::new_ext(text, options)
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// How deep blocks and HTML elements may nest in a page's text. Real pages stay far below it
/// (a list in a quote in a table is 6); thousands of levels, pasted or hostile, would exhaust
/// the stack of the steps after this one.
pub const MAX_NESTING: usize = 100;

/// Control characters other than tab, newline, carriage return and form feed (the ASCII ones,
/// DEL and the C1 range): invisible, invalid in HTML and XML, and never meant.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')
}

/// The text without stray control characters ([`is_stray_control`]). Each becomes as many
/// spaces as it had bytes, so offsets stay true.
pub fn without_control_characters(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_stray_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_stray_control(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The offset where the text first nests deeper than [`MAX_NESTING`]: Markdown blocks and
/// inline elements, and the elements of raw HTML inside them, counted together.
fn too_deep(events: &[Event], offsets: &[std::ops::Range<usize>]) -> Option<usize> {
    let mut markdown = 0usize;
    let mut html = 0usize;
    for (event, range) in events.iter().zip(offsets) {
        match event {
            Event::Start(_) => markdown += 1,
            Event::End(_) => markdown = markdown.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => {
                for tag in text.split('<').skip(1) {
                    let name: String = tag
                        .trim_start_matches('/')
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    if name.is_empty() || VOID_ELEMENTS.contains(&name.as_str()) {
                        continue;
                    }
                    if tag.starts_with('/') {
                        html = html.saturating_sub(1);
                    } else if !tag.split('>').next().unwrap_or("").ends_with('/') {
                        html += 1;
                        if markdown + html > MAX_NESTING {
                            return Some(range.start);
                        }
                    }
                }
            }
            _ => {}
        }
        if markdown + html > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

/// The first address in raw HTML (`href`, `src`, `action`…) with a scheme that runs code.
fn unsafe_attribute(html: &str) -> Option<String> {
    const ADDRESSES: [&str; 7] = [
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "data",
        "xlink:href",
    ];
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find('=') {
        let equals = from + at;
        from = equals + 1;
        let name_end = lower[..equals].trim_end().len();
        let name_start = lower[..name_end]
            .rfind(|c: char| c.is_ascii_whitespace() || c == '<' || c == '"' || c == '\'')
            .map_or(0, |i| i + 1);
        if !ADDRESSES.contains(&&lower[name_start..name_end]) {
            continue;
        }
        let rest = html[from..].trim_start();
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        // `src` shows an image or plays a file, where `data:image/…` is harmless.
        let is_image = &lower[name_start..name_end] == "src";
        if crate::url::unsafe_scheme(&crate::url::decode_character_references(value), is_image)
            .is_some()
        {
            return Some(value.to_string());
        }
    }
    None
}

/// Elements that have no end tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Renders Markdown, with the problems of its links as errors located in the file. A link
/// with a problem is rendered leading nowhere (`href=""`), so that `check` can go on and read
/// the rest of the page; a build stops on any of them.
pub fn render(source: &Source) -> (Rendered, Vec<Diagnostic>) {
    let parsed = source.shortcodes.map_or(source.text, |e| e.text.as_str());
    let text = without_control_characters(parsed);
    let (mut events, offsets): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        parser(&text, source.direction).into_offset_iter().unzip();
    if let Some(offset) = too_deep(&events, &offsets) {
        let problem = Diagnostic::error(
            Code::Markdown,
            source.rel_path,
            format!("the text nests lists, quotes or HTML elements more than {MAX_NESTING} levels deep here"),
        )
        .at_offset(source.text, source.original_offset(offset), source.first_line)
        .with_hint("a page this deep is a paste gone wrong or a broken file: remove the repeated `-`, `>` or `<div>` at the start of these lines");
        return (Rendered::default(), vec![problem]);
    }
    let mut problems = Vec::new();
    let locate = |offset: usize| {
        Diagnostic::error(Code::BrokenLink, source.rel_path, "").at_offset(
            source.text,
            source.original_offset(offset),
            source.first_line,
        )
    };

    let mut ids = UniqueIds::default();
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            ids.reserve(id);
        }
    }

    let mut toc = Vec::new();
    let mut word_count = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = level_number(*level);
            let explicit = id.as_ref().map(|id| id.to_string());
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let title: String = events[i + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let heading_id =
                explicit.unwrap_or_else(|| ids.unique(heading_id(&title, source.keep_latin_ids)));
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(heading_id.clone()));
            }
            toc.push(Heading {
                level,
                id: heading_id,
                title: title.trim().to_string(),
            });
        }
        // A photo of the bundle keeps its own address: `replace_pictures` turns it into a
        // `<picture>` of the processed sizes below.
        let bundle_photo = matches!(&events[i], Event::Start(Tag::Image { dest_url, .. })
            if is_relative(dest_url) && (source.picture)(&percent_decode_link(dest_url), "", false).is_some());
        let is_image = matches!(&events[i], Event::Start(Tag::Image { .. }));
        match &mut events[i] {
            _ if bundle_photo => {}
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                problems.extend(resolve_link(source, dest_url, is_image, offsets[i].start));
            }
            Event::Text(text) => word_count += text.split_whitespace().count(),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(value) = unsafe_attribute(html) {
                    *html = CowStr::from("");
                    let mut d = locate(offsets[i].start);
                    d.code = Code::UnsafeLink;
                    d.message = format!("the HTML here links to `{value}`, which would run code or show a page made up by the link when a reader follows it");
                    problems.push(d.with_hint(
                        "link to a page of the site or of another site (https://…) instead",
                    ));
                }
            }
            _ => {}
        }
        i += 1;
    }

    if let Some(highlighter) = source.highlighter {
        events = highlight_code(events, &offsets, highlighter, source, &mut problems);
    }
    let events = insert_anchor_links(replace_pictures(events, source), source.anchor_links);
    let mut html_out = String::with_capacity(source.text.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    if let Some(expanded) = source.shortcodes {
        html_out = expanded.insert_html(html_out);
    }
    let rendered = Rendered {
        html: Arc::from(html_out),
        toc: Arc::from(toc),
        word_count,
        has_shortcodes: source.shortcodes.is_some(),
    };
    (rendered, problems)
}

/// Every code block as the highlighter writes it; a language it does not know is a warning at
/// the block's fence, and the block is shown plain.
fn highlight_code<'e>(
    events: Vec<Event<'e>>,
    offsets: &[std::ops::Range<usize>],
    highlighter: &crate::highlight::Highlighter,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String, usize)> = None;
    for (i, event) in events.into_iter().enumerate() {
        match (event, &mut block) {
            (Event::Start(Tag::CodeBlock(kind)), None) => {
                let fence = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                block = Some((fence, String::new(), offsets[i].start));
            }
            (Event::Text(text), Some((_, code, _))) => code.push_str(&text),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                let (fence, code, offset) = block.take().expect("inside a block");
                let (html, known) = highlighter.highlight(&fence, &code);
                let language = fence.split(',').next().unwrap_or_default().trim();
                if !known && !language.is_empty() && language != "plain" && language != "text" {
                    problems.push(
                        Diagnostic::warning(
                            Code::Markdown,
                            source.rel_path,
                            format!("`{language}` is not a language the highlighter knows: this code block is shown plain"),
                        )
                        .at_offset(source.text, source.original_offset(offset), source.first_line)
                        .with_hint("name the language as the list at https://github.com/getzola/giallo#built-in does (`rust`, `js`, `toml`…), or add its grammar with extra_grammars"),
                    );
                }
                out.push(Event::Html(CowStr::from(html)));
            }
            (event, _) => out.push(event),
        }
    }
    out
}

/// Points a link or image of the text at its published address (`@/…` links, files of the
/// bundle), or says what is wrong with it, located at `offset`, and points it nowhere.
fn resolve_link(
    source: &Source,
    dest_url: &mut CowStr,
    is_image: bool,
    offset: usize,
) -> Option<Diagnostic> {
    let problem = resolve_or_say(source, dest_url, is_image, offset);
    if problem.is_some() {
        *dest_url = CowStr::from("");
    }
    problem
}

fn resolve_or_say(
    source: &Source,
    dest_url: &mut CowStr,
    is_image: bool,
    offset: usize,
) -> Option<Diagnostic> {
    let problem = |code: Code, message: String, hint: String| {
        Some(
            Diagnostic::error(code, source.rel_path, message)
                .at_offset(
                    source.text,
                    source.original_offset(offset),
                    source.first_line,
                )
                .with_hint(hint),
        )
    };
    let dest = dest_url.to_string();
    if let Some(scheme) = crate::url::unsafe_scheme(&dest, is_image) {
        return problem(
            Code::UnsafeLink,
            format!("the link `{dest}` would run code or show a page made up by the link when a reader follows it (`{scheme}`)"),
            "link to a page of the site (@/…) or of another site (https://…); to show code, put it in `backticks`".into(),
        );
    }
    if dest.starts_with("@/") {
        return match (source.resolve_internal)(&dest) {
            Ok(url) => {
                *dest_url = CowStr::from(url);
                None
            }
            Err(message) => problem(
                Code::BrokenLink,
                message,
                "internal links name a file inside content/, e.g. @/about/index.md or @/reports/_index.md".into(),
            ),
        };
    }
    let (decoded, fragment) = relative_file(&dest)?;
    if let Some(url) = (source.resolve_asset)(&decoded) {
        *dest_url = CowStr::from(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url,
        });
        None
    } else if decoded.ends_with(".md") {
        problem(
            Code::BrokenLink,
            format!("`{dest}` links to a Markdown file by a relative path"),
            format!(
                "write internal links as @/ followed by the path inside content/, e.g. @/{}",
                decoded.trim_start_matches("./")
            ),
        )
    } else {
        None
    }
}

/// Replaces each image of the bundle (`![alt](photo.jpg)`) by its responsive `<picture>`.
/// Puts a link to each heading in it, where `place` says. The link's name is the heading's own
/// text (`aria-labelledby`), so it is read in the page's language with no UI string, and its
/// visible `#` is hidden from screen readers. Before and after are logical: in Arabic "left"
/// (Zola's word) is before the text, on its right.
fn insert_anchor_links(events: Vec<Event<'_>>, place: AnchorLinks) -> Vec<Event<'_>> {
    if place == AnchorLinks::None {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut open: Option<String> = None;
    for event in events {
        match &event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                let id = crate::html::escape_html(id);
                out.push(event);
                match place {
                    AnchorLinks::Left => out.push(Event::InlineHtml(anchor(&id).into())),
                    AnchorLinks::Heading => out.push(Event::InlineHtml(
                        format!("<a class=\"anchor\" href=\"#{id}\">").into(),
                    )),
                    _ => {}
                }
                open = Some(id);
            }
            Event::End(TagEnd::Heading(_)) => {
                match (place, open.take()) {
                    (AnchorLinks::Right, Some(id)) => {
                        out.push(Event::InlineHtml(anchor(&id).into()))
                    }
                    (AnchorLinks::Heading, Some(_)) => out.push(Event::InlineHtml("</a>".into())),
                    _ => {}
                }
                out.push(event);
            }
            _ => out.push(event),
        }
    }
    out
}

/// The link beside a heading with id `id` (escaped).
fn anchor(id: &str) -> String {
    format!("<a class=\"anchor\" href=\"#{id}\" aria-labelledby=\"{id}\"><span aria-hidden=\"true\">#</span></a>")
}

fn replace_pictures<'a>(events: Vec<Event<'a>>, source: &Source) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    let mut first = true;
    while let Some(event) = events.next() {
        let Event::Start(Tag::Image { dest_url, .. }) = &event else {
            out.push(event);
            continue;
        };
        let dest = percent_decode_link(dest_url.split('#').next().unwrap_or(""));
        if !is_relative(&dest) {
            out.push(event);
            continue;
        }
        // The alt text is the image's inner text; the events up to its end are consumed here.
        let mut inner = vec![event.clone()];
        let mut alt = String::new();
        for e in events.by_ref() {
            let end = matches!(e, Event::End(TagEnd::Image));
            if let Event::Text(t) | Event::Code(t) = &e {
                alt.push_str(t);
            }
            inner.push(e);
            if end {
                break;
            }
        }
        match (source.picture)(&dest, &alt, first) {
            Some(html) => {
                out.push(Event::InlineHtml(CowStr::from(html)));
                first = false;
            }
            None => out.extend(inner),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_with(text: &str, direction: Direction) -> Result<Rendered, Vec<Diagnostic>> {
        let (rendered, problems) = render_leaving_problems(text, direction);
        if problems.is_empty() {
            Ok(rendered)
        } else {
            Err(problems)
        }
    }

    fn render_leaving_problems(text: &str, direction: Direction) -> (Rendered, Vec<Diagnostic>) {
        let resolve = |link: &str| -> Result<String, String> {
            match link {
                "@/about/index.md" => Ok("/en/about/".into()),
                "@/about/index.md#vision" => Ok("/en/about/#vision".into()),
                _ => Err(format!("`{link}` leads to no page")),
            }
        };
        let asset = |path: &str| -> Option<String> {
            (path == "report.pdf").then(|| "/reports/x/report.pdf".to_string())
        };
        let picture = |path: &str, alt: &str, first: bool| -> Option<String> {
            (path == "photo.jpg")
                .then(|| format!("<picture alt=\"{alt}\" first=\"{first}\"></picture>"))
        };
        render(&Source {
            text,
            rel_path: Path::new("content/x.md"),
            first_line: 5,
            direction,
            resolve_internal: &resolve,
            resolve_asset: &asset,
            picture: &picture,
            shortcodes: None,
            anchor_links: AnchorLinks::None,
            keep_latin_ids: false,
            highlighter: None,
        })
    }

    #[test]
    fn arabic_headings_get_arabic_ids_unique_per_page() {
        let r = render_with("## الرؤية\n\n## الرؤية\n\n### Our *team*\n", Direction::Rtl).unwrap();
        assert!(
            r.html.contains(r#"<h2 id="الرؤية">الرؤية</h2>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="الرؤية-1">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="our-team">"#), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].title, "Our team");
    }

    #[test]
    fn explicit_ids_are_kept_and_reserved() {
        let r = render_with("## A {#a}\n\n## A\n", Direction::Ltr).unwrap();
        assert!(r.html.contains(r#"<h2 id="a">"#));
        assert!(r.html.contains(r#"<h2 id="a-1">"#), "{}", r.html);
    }

    #[test]
    fn internal_links_and_assets_resolve() {
        let r = render_with(
            "[About](@/about/index.md) [V](@/about/index.md#vision) [PDF](report.pdf) [x](https://example.org)",
            Direction::Ltr,
        )
        .unwrap();
        assert!(r.html.contains(r#"href="/en/about/""#));
        assert!(r.html.contains(r#"href="/en/about/#vision""#));
        assert!(r.html.contains(r#"href="/reports/x/report.pdf""#));
        assert!(r.html.contains(r#"href="https://example.org""#));
    }

    #[test]
    fn broken_internal_link_is_located() {
        let errors =
            render_with("Line one\n\nSee [it](@/missing.md).", Direction::Ltr).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (7, 5));
        assert!(errors[0].message.contains("@/missing.md"));
    }

    #[test]
    fn a_link_with_a_problem_leads_nowhere_and_the_rest_is_rendered() {
        let (rendered, problems) = render_leaving_problems(
            "See [it](@/missing.md), [me](javascript:alert(1)) and [us](@/about/index.md).",
            Direction::Ltr,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            rendered.html.contains(r#"<a href="">it</a>"#),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains(r#"<a href="">me</a>"#),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains(r#"<a href="/en/about/">us</a>"#),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("javascript"), "{}", rendered.html);
    }

    #[test]
    fn relative_links_are_percent_decoded_as_written() {
        let r = render_with(
            "[a](report%2Epdf#p%202) [b](%aع.pdf) [c](%ff.pdf)",
            Direction::Rtl,
        )
        .unwrap();
        assert!(
            r.html.contains(r#"href="/reports/x/report.pdf#p%202""#),
            "{}",
            r.html
        );
        // Not files of the bundle: left as written (and no longer a panic on `%aع`).
        assert!(r.html.contains(r#"href="%a%D8%B9.pdf""#), "{}", r.html);
        assert!(r.html.contains(r#"href="%ff.pdf""#), "{}", r.html);
    }

    #[test]
    fn relative_markdown_link_is_an_error_with_a_hint() {
        let errors = render_with("[x](../other.md)", Direction::Ltr).unwrap_err();
        assert!(errors[0].hint.as_ref().unwrap().contains("@/"));
    }

    #[test]
    fn smart_punctuation_only_for_ltr() {
        let ltr = render_with("\"quoted\" -- text", Direction::Ltr).unwrap();
        assert!(ltr.html.contains('“'), "{}", ltr.html);
        let rtl = render_with("\"مقتبس\" -- نص", Direction::Rtl).unwrap();
        assert!(
            rtl.html.contains("&quot;مقتبس&quot;") || rtl.html.contains("\"مقتبس\""),
            "{}",
            rtl.html
        );
        assert!(!rtl.html.contains('“'));
    }

    #[test]
    fn bundle_images_become_pictures_with_their_alt_text() {
        let r = render_with("![Hall *full* of people](photo.jpg)\n\n![x](photo.jpg) ![y](https://example.org/a.png)", Direction::Ltr).unwrap();
        assert!(
            r.html
                .contains(r#"<picture alt="Hall full of people" first="true"></picture>"#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"<picture alt="x" first="false"></picture>"#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"<img src="https://example.org/a.png" alt="y" />"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let r = render_with(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: note\n",
            Direction::Ltr,
        )
        .unwrap();
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
    }
}
