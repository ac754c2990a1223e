//! Mixed-direction text in rendered Markdown: `dir` attributes on blocks and `<bdi>` isolates
//! around inline runs, so Arabic, Sorani, English and Kurmanji can share a page without the
//! Unicode bidirectional algorithm (UBA) scrambling names, numbers, addresses or punctuation.
//!
//! [`mark_directions`] rewrites an HTML fragment (the Markdown output of one page) for a page
//! whose `<html dir>` is `page_direction`. It only ever *adds* `dir` attributes and
//! `<bdi>`/`</bdi>` tags: text, entities, existing attributes and existing tags are untouched.
//!
//! # `dir` on blocks
//!
//! * Blocks — `p`, `h1`–`h6`, `li`, `td`, `th`, `blockquote`, `dt`, `dd`, `figcaption`,
//!   `caption` — get `dir="ltr"` or `dir="rtl"` when the first strong character of their text
//!   has a direction different from the one they would inherit (the page's, or that of an
//!   enclosing block that has or got a `dir`). So an English paragraph in an Arabic page is
//!   `<p dir="ltr">`, and an Arabic paragraph inside that English quotation is `<p dir="rtl">`.
//!   A block without any strong character (digits, punctuation only) gets nothing.
//! * "Their text" follows HTML's `dir=auto` rule: text inside descendants that are code (`pre`,
//!   `code`, `kbd`, `samp`), isolated (`bdi`, `bdo`, anything with its own `dir`), not text
//!   (`script`, `style`, `svg`, …) is skipped — code is always left to right and says nothing
//!   about the language of the sentence around it. URLs and e-mail addresses are skipped too,
//!   for the same reason. A `li` is decided by its own text, without nested lists; a
//!   `blockquote` (or `td`) by all of its text.
//! * `pre`, and `code` outside `pre`, always get `dir="ltr"`: code reads left to right in every
//!   language.
//! * An author's `dir` attribute is never changed, and its direction is what the content
//!   inherits (`dir="auto"` is resolved like a browser does).
//!
//! # `<bdi>` around inline runs
//!
//! Inside each text node, in the direction of its block (the *context*), runs of the opposite
//! direction are found and wrapped in `<bdi>…</bdi>`:
//!
//! * A run starts and ends on a strong character of the opposite direction and contains no
//!   strong character of the context direction; the spaces, digits and punctuation between its
//!   letters belong to it (`The Carter Center`, `UN Special Envoy`). It never starts or ends
//!   with a space.
//! * In an RTL context a run also takes what the UBA would glue to it anyway, so that the
//!   isolate shows exactly what a reader expects: numbers that follow it (rule W7 makes them
//!   left-to-right: `Windows 11`, `COVID-19`, `Agenda 2030`), a following bracketed group
//!   without letters (`UN Special Envoy (2022)` — where the UBA puts the closing bracket on the
//!   wrong side), a closing bracket that matches an opening one inside the run, an opening
//!   bracket before it whose closing bracket is inside the run, and a `#` or `@` stuck to its
//!   start (`#MeToo`, `@UNDP`). Trailing sentence punctuation (`.`, `,`, `،`, `:` …) stays
//!   outside: it belongs to the surrounding sentence.
//! * In an RTL context, a run is wrapped when it contains anything but letters — a space, a
//!   digit, punctuation — because that is exactly where the UBA goes wrong; a single bare word
//!   such as `Zoom` always displays correctly and is left alone, to keep the markup light
//!   where Latin brand names and acronyms are frequent.
//! * In an LTR context every RTL run is wrapped, even one word (an Arabic name such as
//!   `مدنيّة` in an English or Kurmanji sentence): such runs are rare, nearly always names or
//!   quotations, and isolating them keeps the numbers and punctuation after them in the
//!   English sentence (otherwise rule W2 turns `2023` after an Arabic word into an Arabic
//!   number that joins the RTL run).
//! * In an RTL context URLs (`https://…`, `http://…`, `www.…`) and e-mail addresses are
//!   always isolated (as one unit, even when they contain Arabic letters), and so are phone
//!   numbers (`+970 2 123 4567`, `+33 1 23 45 67 89`, `02 123 4567`) and ranges of European
//!   digits (`2007–2012`, `2007-2012`, `5–6%`), which the UBA lays out right to left
//!   (`4567 123 2 970+`, `2012–2007`). A `<bdi>` without strong characters is left to right
//!   (HTML), so no `dir` is needed on it. Ranges of Arabic-Indic digits (`٢٠٠٧–٢٠١٢`) are
//!   meant to be read right to left and are left alone.
//! * Entities (`&amp;`, `&#1605;`, `&nbsp;`) are single units (decoded to know their class), so
//!   a tag is never inserted inside one.
//! * Text inside `pre`, `code`, `kbd`, `samp`, `script`, `style`, `textarea`, `bdi`, `bdo`,
//!   `svg`, `math` and form options is never modified; text inside links is (the `<bdi>` goes
//!   inside the `<a>`), attribute values never are.
//!
//! # Limitations
//!
//! Runs are found per text node: a Latin name split by inline markup (`The <em>Carter</em>
//! Center`) is handled piece by piece. A block's direction is its first strong character, so
//! an Arabic paragraph that *starts* with a Latin word (`Zoom هو …`) is marked `dir="ltr"`;
//! authors can set `dir` themselves in raw HTML. Implicitly closed elements (`<li>` without
//! `</li>`) are closed by a small subset of HTML's tree-building rules.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{ContentType, Element, TextChunk, TextType};
use lol_html::{doc_text, element, end_tag, rewrite_str, HandlerResult, RewriteStrSettings};
use unicode_bidi::BidiClass;

/// The bidi class of `c`, without the table search for the characters that make up almost
/// all of the text this module sees (ASCII and the Arabic letters); profiling showed the search
/// dominating the build.
fn bidi_class(c: char) -> BidiClass {
    match c {
        'a'..='z' | 'A'..='Z' => BidiClass::L,
        '0'..='9' => BidiClass::EN,
        ' ' => BidiClass::WS,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => {
            BidiClass::AL
        }
        _ => unicode_bidi::bidi_class(c),
    }
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms).
fn is_rtl_script(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// Whether a text node could hold anything to isolate in `context`: in right-to-left text a
/// Latin letter, a digit or an address sign; in left-to-right text a right-to-left letter.
fn may_need_isolation(raw: &str, context: Direction) -> bool {
    match context {
        Direction::Rtl => raw.chars().any(|c| {
            c.is_ascii_alphanumeric()
                || c == '@'
                || c == '+'
                || (('\u{00C0}'..='\u{024F}').contains(&c))
                || (!c.is_ascii() && !is_rtl_script(c) && bidi_class(c) == BidiClass::L)
        }),
        // A numeric reference (`&#1605;`) may stand for a right-to-left letter.
        Direction::Ltr => raw.contains("&#") || raw.chars().any(is_rtl_script),
    }
}

use crate::languages::Direction;

/// The direction of the first strong character of `text` (skipping digits, punctuation, spaces), if any.
///
/// Text between isolate controls (U+2066–U+2069) is skipped, as in rule P2 of the UBA.
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    let mut isolates = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
            BidiClass::PDI => isolates = isolates.saturating_sub(1),
            BidiClass::L if isolates == 0 => return Some(Direction::Ltr),
            BidiClass::R | BidiClass::AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
    }
    None
}

/// Marks up a rendered HTML fragment for a page written in `page_direction`.
///
/// Two passes with lol_html: the first collects the first strong direction of every block, in
/// document order; the second adds `dir` attributes (knowing each block's direction when its
/// start tag is seen) and wraps opposite-direction runs of each text node in `<bdi>`. See the
/// module documentation for the rules.
pub fn mark_directions(html: &str, page_direction: Direction) -> Result<String, String> {
    // A left-to-right page with no right-to-left letter has nothing to mark: its blocks and
    // code are left to right already.
    if page_direction == Direction::Ltr && !may_need_isolation(html, Direction::Ltr) {
        return Ok(html.to_string());
    }
    let directions = collect_block_directions(html)?;
    rewrite(html, page_direction, directions)
}

/// Blocks that get a `dir` when their text starts in the other direction.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "blockquote",
    "dt",
    "dd",
    "figcaption",
    "caption",
];

/// Elements whose text is never modified, and is skipped when finding a block's direction.
const VERBATIM: &[&str] = &[
    "pre",
    "code",
    "kbd",
    "samp",
    "script",
    "style",
    "textarea",
    "title",
    "bdi",
    "bdo",
    "svg",
    "math",
    "template",
    "select",
    "option",
    "optgroup",
    "datalist",
    "noscript",
    "iframe",
    "xmp",
    "plaintext",
];

/// Containers that stop the search for an implicitly closed `<p>`.
const P_SCOPE: &[&str] = &[
    "div",
    "blockquote",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "section",
    "article",
    "aside",
    "table",
    "figure",
    "ul",
    "ol",
    "dl",
    "header",
    "footer",
    "nav",
    "main",
    "details",
    "button",
    "caption",
    "figcaption",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Whether an element is counted (in both passes, in the same order) as a block whose text
/// direction is collected.
fn is_tracked(tag: &str, dir_attribute: Option<&str>) -> bool {
    BLOCKS.contains(&tag) || dir_attribute.is_some_and(|d| d.eq_ignore_ascii_case("auto"))
}

fn normalized_dir(el: &Element) -> Option<String> {
    el.get_attribute("dir")
        .map(|value| value.trim().to_ascii_lowercase())
}

/// Pops the frames of elements that `tag`'s start tag closes implicitly (a subset of HTML's
/// tree-building rules; lol_html calls no end-tag handler for them).
fn close_implicitly<F>(stack: &mut Vec<F>, tag: &str, tag_of: impl Fn(&F) -> &str) {
    let (targets, boundaries): (&[&str], &[&str]) = match tag {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "tr" => (&["tr"], &["table", "tbody", "thead", "tfoot"]),
        "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot"], &["table"]),
        _ if CLOSES_P.contains(&tag) => (&["p"], P_SCOPE),
        _ => return,
    };
    for i in (0..stack.len()).rev() {
        let open = tag_of(&stack[i]);
        if targets.contains(&open) {
            stack.truncate(i);
            return;
        }
        if boundaries.contains(&open) {
            return;
        }
    }
}

/// Pops the frame `id` and everything opened after it, if it is still open.
fn close<F>(stack: &mut Vec<F>, id: usize, id_of: impl Fn(&F) -> usize) {
    if let Some(i) = stack.iter().rposition(|f| id_of(f) == id) {
        stack.truncate(i);
    }
}

// ---------------------------------------------------------------------------------------
// Pass 1: the first strong direction of every tracked block.

struct CollectFrame {
    id: usize,
    tag: String,
    tracked: Option<usize>,
    /// Text inside is hidden from the ancestors' direction (code, isolates, own `dir`).
    opaque: bool,
}

#[derive(Default)]
struct Collect {
    stack: Vec<CollectFrame>,
    next_id: usize,
    directions: Vec<Option<Direction>>,
    text: String,
}

impl Collect {
    fn text_node(&mut self, raw: &str) {
        let mut direction = None;
        let mut computed = false;
        let mut hidden = false;
        let mut in_nested_list = false;
        for frame in self.stack.iter().rev() {
            if let Some(index) = frame.tracked {
                let visible = !(hidden || (frame.tag == "li" && in_nested_list));
                if visible && self.directions[index].is_none() {
                    if !computed {
                        direction = first_strong_in_html_text(raw);
                        computed = true;
                    }
                    self.directions[index] = direction;
                }
            }
            hidden |= frame.opaque;
            in_nested_list |= frame.tag == "ul" || frame.tag == "ol";
        }
    }
}

fn collect_block_directions(html: &str) -> Result<Vec<Option<Direction>>, String> {
    let state = Rc::new(RefCell::new(Collect::default()));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let tag = el.tag_name();
            let dir = normalized_dir(el);
            let mut st = state.borrow_mut();
            close_implicitly(&mut st.stack, &tag, |f| f.tag.as_str());
            let tracked = is_tracked(&tag, dir.as_deref()).then(|| {
                st.directions.push(None);
                st.directions.len() - 1
            });
            if !el.can_have_content() {
                return Ok(());
            }
            let id = st.next_id;
            st.next_id += 1;
            let opaque = dir.is_some() || VERBATIM.contains(&tag.as_str());
            st.stack.push(CollectFrame {
                id,
                tag,
                tracked,
                opaque,
            });
            drop(st);
            let state = Rc::clone(&state);
            el.on_end_tag(end_tag!(move |_end| {
                close(&mut state.borrow_mut().stack, id, |f| f.id);
                Ok(())
            }))
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk| -> HandlerResult {
            if chunk.text_type() != TextType::Data {
                return Ok(());
            }
            let mut st = state.borrow_mut();
            st.text.push_str(chunk.as_str());
            if chunk.last_in_text_node() {
                let raw = std::mem::take(&mut st.text);
                st.text_node(&raw);
            }
            Ok(())
        }
    };
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("*", on_element)],
            document_content_handlers: vec![doc_text!(on_text)],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    let directions = std::mem::take(&mut state.borrow_mut().directions);
    Ok(directions)
}

// ---------------------------------------------------------------------------------------
// Pass 2: attributes and isolates.

struct MarkFrame {
    id: usize,
    tag: String,
    direction: Direction,
    verbatim: bool,
}

struct Mark {
    page: Direction,
    stack: Vec<MarkFrame>,
    next_id: usize,
    next_tracked: usize,
    directions: Vec<Option<Direction>>,
    text: String,
    /// Whether chunks of the current text node were removed while buffering it.
    buffered: bool,
}

impl Mark {
    fn direction(&self) -> Direction {
        self.stack.last().map_or(self.page, |f| f.direction)
    }

    fn verbatim(&self) -> bool {
        self.stack.last().is_some_and(|f| f.verbatim)
    }

    fn in_pre(&self) -> bool {
        self.stack.iter().any(|f| f.tag == "pre")
    }
}

fn rewrite(
    html: &str,
    page_direction: Direction,
    directions: Vec<Option<Direction>>,
) -> Result<String, String> {
    let state = Rc::new(RefCell::new(Mark {
        page: page_direction,
        stack: Vec::new(),
        next_id: 0,
        next_tracked: 0,
        directions,
        text: String::new(),
        buffered: false,
    }));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let tag = el.tag_name();
            let dir = normalized_dir(el);
            let mut st = state.borrow_mut();
            close_implicitly(&mut st.stack, &tag, |f| f.tag.as_str());
            let first_strong = if is_tracked(&tag, dir.as_deref()) {
                let index = st.next_tracked;
                st.next_tracked += 1;
                st.directions.get(index).copied().flatten()
            } else {
                None
            };
            let inherited = st.direction();
            let direction = match dir.as_deref() {
                Some("ltr") => Direction::Ltr,
                Some("rtl") => Direction::Rtl,
                Some("auto") => first_strong.unwrap_or(Direction::Ltr),
                Some(_) => inherited,
                None if tag == "pre" || (tag == "code" && !st.in_pre()) => {
                    el.set_attribute("dir", Direction::Ltr.as_str())?;
                    Direction::Ltr
                }
                None => match first_strong {
                    Some(found) if BLOCKS.contains(&tag.as_str()) => {
                        if found != inherited {
                            el.set_attribute("dir", found.as_str())?;
                        }
                        found
                    }
                    _ => inherited,
                },
            };
            if !el.can_have_content() {
                return Ok(());
            }
            let verbatim = st.verbatim() || VERBATIM.contains(&tag.as_str());
            let id = st.next_id;
            st.next_id += 1;
            st.stack.push(MarkFrame {
                id,
                tag,
                direction,
                verbatim,
            });
            drop(st);
            let state = Rc::clone(&state);
            el.on_end_tag(end_tag!(move |_end| {
                close(&mut state.borrow_mut().stack, id, |f| f.id);
                Ok(())
            }))
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk| -> HandlerResult {
            let mut st = state.borrow_mut();
            if chunk.text_type() != TextType::Data || st.verbatim() {
                return Ok(());
            }
            if !chunk.last_in_text_node() {
                st.text.push_str(chunk.as_str());
                st.buffered = true;
                chunk.remove();
                return Ok(());
            }
            let mut raw = std::mem::take(&mut st.text);
            raw.push_str(chunk.as_str());
            let buffered = std::mem::replace(&mut st.buffered, false);
            let marked = isolate_runs(&raw, st.direction());
            if buffered || marked != raw {
                chunk.replace(&marked, ContentType::Html);
            }
            Ok(())
        }
    };
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("*", on_element)],
            document_content_handlers: vec![doc_text!(on_text)],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// Text: units (characters and entities), tokens, runs.

/// One character of raw HTML text, or one whole character reference (`&amp;`, `&#x627;`).
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    /// The character, decoded for references; `None` for a reference we don't know.
    ch: Option<char>,
}

/// Named references that matter for direction, spacing or punctuation; others are neutral.
const NAMED_REFERENCES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("minus", '−'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("percnt", '%'),
    ("commat", '@'),
    ("num", '#'),
    ("lpar", '('),
    ("rpar", ')'),
];

/// Splits raw HTML text into units. Anything that looks like a character reference (`&`
/// followed by a name or `#` and digits, with or without `;`) is one unit.
fn units(raw: &str) -> Vec<Unit> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if bytes[i] == b'&' {
            if let Some((end, ch)) = reference(raw, i) {
                out.push(Unit { start: i, end, ch });
                i = end;
                continue;
            }
        }
        let ch = raw[i..].chars().next().expect("char boundary");
        let end = i + ch.len_utf8();
        out.push(Unit {
            start: i,
            end,
            ch: Some(ch),
        });
        i = end;
    }
    out
}

/// The end and decoded character of a character reference starting at `start` (on `&`).
fn reference(raw: &str, start: usize) -> Option<(usize, Option<char>)> {
    let bytes = raw.as_bytes();
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(bytes.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let digits_start = i;
        while bytes.get(i).is_some_and(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        }) {
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        let value = u32::from_str_radix(&raw[digits_start..i], if hex { 16 } else { 10 }).ok();
        if bytes.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((i, value.and_then(char::from_u32)));
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = &raw[start + 1..i];
    if bytes.get(i) == Some(&b';') {
        i += 1;
        let ch = NAMED_REFERENCES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, c)| c);
        Some((i, ch))
    } else {
        Some((i, None))
    }
}

fn class_of(unit: &Unit) -> BidiClass {
    unit.ch.map_or(BidiClass::ON, bidi_class)
}

/// A span of units (`start..end`, indices into the units) treated as one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// URL or e-mail address: always left to right.
    Address,
    /// Phone number or range of European digits.
    Number,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    kind: TokenKind,
}

fn ch(units: &[Unit], i: usize) -> Option<char> {
    units.get(i).and_then(|u| u.ch)
}

/// Characters that end a URL.
fn ends_url(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '<' | '>' | '"' | '«' | '»' | '“' | '”' | '‘' | '’' | '،' | '؛' | '؟'
                )
        }
    }
}

/// URLs (`http://`, `https://`, `www.`) and e-mail addresses, as unit spans.
fn addresses(units: &[Unit]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let lower = |i: usize| ch(units, i).map(|c| c.to_ascii_lowercase());
    let starts_with = |i: usize, prefix: &str| {
        prefix
            .chars()
            .enumerate()
            .all(|(k, p)| lower(i + k) == Some(p))
    };
    // URLs.
    let mut i = 0;
    while i < units.len() {
        // The prefix test is cheap; the word-boundary test (a Unicode lookup) only runs on a match.
        let prefix = ["https://", "http://", "www."]
            .into_iter()
            .find(|p| starts_with(i, p))
            .filter(|_| !(i > 0 && ch(units, i - 1).is_some_and(char::is_alphanumeric)));
        let Some(prefix) = prefix else {
            i += 1;
            continue;
        };
        let mut end = i;
        while end < units.len() && !ends_url(ch(units, end)) {
            end += 1;
        }
        // Trailing punctuation belongs to the sentence, unbalanced brackets too.
        while end > i {
            let last = ch(units, end - 1);
            let unbalanced = |open: char, close: char| {
                last == Some(close) && {
                    let opens = (i..end).filter(|&k| ch(units, k) == Some(open)).count();
                    let closes = (i..end).filter(|&k| ch(units, k) == Some(close)).count();
                    closes > opens
                }
            };
            let trailing = matches!(last, Some('.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*'));
            if trailing || unbalanced('(', ')') || unbalanced('[', ']') {
                end -= 1;
            } else {
                break;
            }
        }
        // The prefix is ASCII: one unit per byte. Something alphanumeric must follow it.
        let body = i + prefix.len()..end;
        if body
            .into_iter()
            .any(|k| ch(units, k).is_some_and(char::is_alphanumeric))
        {
            tokens.push(Token {
                start: i,
                end,
                kind: TokenKind::Address,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    // E-mail addresses.
    let local =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let domain = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    let mut emails = Vec::new();
    for at in 0..units.len() {
        if ch(units, at) != Some('@') || tokens.iter().any(|t| t.start <= at && at < t.end) {
            continue;
        }
        let floor = emails.last().map_or(0, |t: &Token| t.end);
        let mut start = at;
        while start > floor && local(ch(units, start - 1)) {
            start -= 1;
        }
        while start < at && ch(units, start) == Some('.') {
            start += 1;
        }
        let mut end = at + 1;
        while end < units.len() && domain(ch(units, end)) {
            end += 1;
        }
        while end > at + 1 && matches!(ch(units, end - 1), Some('.' | '-')) {
            end -= 1;
        }
        let host: String = (at + 1..end).filter_map(|k| ch(units, k)).collect();
        let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
        let overlaps = tokens.iter().any(|t| start < t.end && t.start < end);
        if start < at && tld_ok && !overlaps {
            emails.push(Token {
                start,
                end,
                kind: TokenKind::Address,
            });
        }
    }
    tokens.extend(emails);
    tokens.sort_by_key(|t| t.start);
    tokens
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn is_dash(c: Option<char>) -> bool {
    matches!(c, Some('-' | '‐' | '‑' | '‒' | '–' | '—' | '−'))
}

/// The end of a group of European digits at `i`, with inner separators (`1,000`, `3.5`,
/// `12:30`, `1/2/2020`) and a final `%`.
fn digit_group(units: &[Unit], i: usize) -> Option<usize> {
    if !is_digit(ch(units, i)) {
        return None;
    }
    let mut end = i;
    loop {
        while is_digit(ch(units, end)) {
            end += 1;
        }
        if matches!(ch(units, end), Some('.' | ',' | ':' | '/')) && is_digit(ch(units, end + 1)) {
            end += 1;
        } else {
            break;
        }
    }
    if matches!(ch(units, end), Some('%' | '‰')) {
        end += 1;
    }
    Some(end)
}

/// A phone number or a range of European digits starting at `i`.
fn number_token(units: &[Unit], i: usize) -> Option<usize> {
    let before = i.checked_sub(1).and_then(|k| ch(units, k));
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c.is_numeric() || c == '+') {
        return None;
    }
    // Range: groups joined by dashes, with at most one space around each dash (also dates
    // such as `2023-05-01`).
    if let Some(mut end) = digit_group(units, i) {
        let mut groups = 1;
        loop {
            let mut k = end;
            if ch(units, k) == Some(' ') {
                k += 1;
            }
            if !is_dash(ch(units, k)) {
                break;
            }
            k += 1;
            if ch(units, k) == Some(' ') {
                k += 1;
            }
            match digit_group(units, k) {
                Some(next) => {
                    end = next;
                    groups += 1;
                }
                None => break,
            }
        }
        if groups > 1 {
            return Some(end);
        }
    }
    // Phone: `+` or `0` then digit groups separated by one space, dash, dot or brackets.
    let plus = ch(units, i) == Some('+');
    if !plus && ch(units, i) != Some('0') {
        return None;
    }
    let mut k = if plus { i + 1 } else { i };
    let mut end = None;
    let mut digits = 0;
    let mut groups = 0;
    let mut depth = 0i32;
    loop {
        if ch(units, k) == Some('(') {
            depth += 1;
            k += 1;
        }
        if !is_digit(ch(units, k)) {
            break;
        }
        while is_digit(ch(units, k)) {
            digits += 1;
            k += 1;
        }
        groups += 1;
        if ch(units, k) == Some(')') && depth > 0 {
            depth -= 1;
            k += 1;
        }
        if depth == 0 {
            end = Some(k);
        }
        match ch(units, k) {
            Some(' ' | '-' | '.' | '\u{a0}')
                if matches!(ch(units, k + 1), Some('(')) || is_digit(ch(units, k + 1)) =>
            {
                k += 1
            }
            Some('(') => {}
            _ => break,
        }
    }
    let end = end?;
    let enough = if plus {
        digits >= 6
    } else {
        digits >= 7 && groups >= 2
    };
    (enough && !is_digit(ch(units, end))).then_some(end)
}

/// Phone numbers and digit ranges outside `taken` spans.
fn numbers(units: &[Unit], taken: &[Token]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if let Some(t) = taken.iter().find(|t| t.start <= i && i < t.end) {
            i = t.end;
            continue;
        }
        match number_token(units, i) {
            Some(end) if !taken.iter().any(|t| i < t.end && t.start < end) => {
                tokens.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Number,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    tokens
}

/// What an item (a unit, or a token) is for finding runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strong(Direction),
    /// URL or e-mail address.
    Address,
    /// Phone number or digit range.
    Number,
    Digit {
        european: bool,
    },
    Space,
    Open(char),
    Close(char),
    Neutral,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    ch: Option<char>,
    kind: Kind,
}

fn closing_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        _ => open,
    }
}

fn items(units: &[Unit], tokens: &[Token]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(units.len());
    let mut i = 0;
    let mut tokens = tokens.iter().peekable();
    while i < units.len() {
        if let Some(t) = tokens.next_if(|t| t.start == i) {
            out.push(Item {
                start: units[t.start].start,
                end: units[t.end - 1].end,
                ch: None,
                kind: match t.kind {
                    TokenKind::Address => Kind::Address,
                    TokenKind::Number => Kind::Number,
                },
            });
            i = t.end;
            continue;
        }
        let unit = units[i];
        let kind = match (unit.ch, class_of(&unit)) {
            (Some(c), _) if c.is_whitespace() => Kind::Space,
            (Some(c @ ('(' | '[' | '{')), _) => Kind::Open(c),
            (Some(c @ (')' | ']' | '}')), _) => Kind::Close(c),
            (_, BidiClass::L) => Kind::Strong(Direction::Ltr),
            (_, BidiClass::R | BidiClass::AL) => Kind::Strong(Direction::Rtl),
            (_, BidiClass::EN) => Kind::Digit { european: true },
            (_, BidiClass::AN) => Kind::Digit { european: false },
            // Marks and joiners belong to the letter before them.
            (_, BidiClass::NSM | BidiClass::BN) => match out.last().map(|item| item.kind) {
                Some(Kind::Strong(d)) => Kind::Strong(d),
                Some(Kind::Address) => Kind::Strong(Direction::Ltr),
                _ => Kind::Neutral,
            },
            _ => Kind::Neutral,
        };
        out.push(Item {
            start: unit.start,
            end: unit.end,
            ch: unit.ch,
            kind,
        });
        i += 1;
    }
    out
}

/// The first strong direction of raw HTML text, skipping URLs and e-mail addresses.
fn first_strong_in_html_text(raw: &str) -> Option<Direction> {
    let units = units(raw);
    let tokens = addresses(&units);
    let mut isolates = 0usize;
    let mut i = 0;
    while i < units.len() {
        if let Some(t) = tokens.iter().find(|t| t.start == i) {
            i = t.end;
            continue;
        }
        match class_of(&units[i]) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
            BidiClass::PDI => isolates = isolates.saturating_sub(1),
            BidiClass::L if isolates == 0 => return Some(Direction::Ltr),
            BidiClass::R | BidiClass::AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
        i += 1;
    }
    None
}

fn opposite(direction: Direction) -> Direction {
    match direction {
        Direction::Ltr => Direction::Rtl,
        Direction::Rtl => Direction::Ltr,
    }
}

/// Whether an item is strong in `direction` (addresses are left to right).
fn strong_in(item: &Item, direction: Direction) -> bool {
    match item.kind {
        Kind::Strong(d) => d == direction,
        Kind::Address => direction == Direction::Ltr,
        _ => false,
    }
}

fn is_strong(item: &Item) -> bool {
    matches!(item.kind, Kind::Strong(_) | Kind::Address)
}

/// Wraps the runs of raw HTML text that go against `context` in `<bdi>` (see module docs).
fn isolate_runs(raw: &str, context: Direction) -> String {
    if !may_need_isolation(raw, context) {
        return raw.to_string();
    }
    let units = units(raw);
    if units.is_empty() {
        return raw.to_string();
    }
    let mut tokens = addresses(&units);
    if context == Direction::Rtl {
        tokens.extend(numbers(&units, &tokens));
        tokens.sort_by_key(|t| t.start);
    }
    let items = items(&units, &tokens);
    let wraps = Runs::new(&items, context).wraps();
    if wraps.is_empty() {
        return raw.to_string();
    }
    wrap_in_bdi(raw, &items, &wraps)
}

/// The items of one text node read in the direction of its block, for finding the runs that
/// go against it.
struct Runs<'a> {
    items: &'a [Item],
    context: Direction,
    other: Direction,
    rtl: bool,
}

/// The brackets of a run's core that stay open in it, and those it closes without opening.
struct Brackets {
    open: Vec<char>,
    unmatched_closers: Vec<char>,
}

impl Brackets {
    fn of(items: &[Item]) -> Brackets {
        let mut open: Vec<char> = Vec::new();
        let mut unmatched_closers: Vec<char> = Vec::new();
        for item in items {
            match item.kind {
                Kind::Open(c) => open.push(c),
                Kind::Close(c) => {
                    if open.last().is_some_and(|&o| closing_of(o) == c) {
                        open.pop();
                    } else {
                        unmatched_closers.push(c);
                    }
                }
                _ => {}
            }
        }
        Brackets {
            open,
            unmatched_closers,
        }
    }
}

impl<'a> Runs<'a> {
    fn new(items: &'a [Item], context: Direction) -> Self {
        Runs {
            items,
            context,
            other: opposite(context),
            rtl: context == Direction::Rtl,
        }
    }

    /// The item ranges `(start, end)` to wrap in `<bdi>`, in order and never overlapping.
    fn wraps(&self) -> Vec<(usize, usize)> {
        let items = self.items;
        let mut wraps: Vec<(usize, usize)> = Vec::new();
        let mut floor = 0; // runs never extend back before this item
        let mut i = 0;
        while i < items.len() {
            let item = &items[i];
            if strong_in(item, self.context) {
                floor = i + 1;
                i += 1;
                continue;
            }
            if !strong_in(item, self.other) {
                if self.rtl && item.kind == Kind::Number {
                    wraps.push((i, i + 1));
                    floor = i + 1;
                }
                i += 1;
                continue;
            }
            let (start, end) = self.run_from(i, floor);
            let mixed = items[start..end]
                .iter()
                .any(|item| !matches!(item.kind, Kind::Strong(d) if d == self.other));
            if !self.rtl || mixed {
                wraps.push((start, end));
            }
            floor = end;
            i = end;
        }
        wraps
    }

    /// The run around item `i`, strong in the other direction: its core, the tail the UBA
    /// would glue to it, and its lead, which never reaches back before `floor`.
    fn run_from(&self, i: usize, floor: usize) -> (usize, usize) {
        let (last, stop) = self.core(i);
        let Brackets {
            mut open,
            unmatched_closers,
        } = Brackets::of(&self.items[i..last + 1]);
        let end = self.tail_end(last + 1, stop, &mut open);
        let start = self.lead_start(i, floor, unmatched_closers);
        (start, end)
    }

    /// The core: from item `i` to the last strong item of the other direction before the
    /// context's direction returns, and the item where it returns (`stop`).
    fn core(&self, i: usize) -> (usize, usize) {
        let items = self.items;
        let mut stop = i;
        let mut last = i;
        while stop < items.len() && !strong_in(&items[stop], self.context) {
            if strong_in(&items[stop], self.other) {
                last = stop;
            }
            stop += 1;
        }
        (last, stop)
    }

    /// The tail: what the UBA would glue to the run anyway, after its core (which ends at
    /// `end`) and before `stop`. Closes the brackets `open` it takes in.
    fn tail_end(&self, mut end: usize, stop: usize, open: &mut Vec<char>) -> usize {
        let (items, rtl) = (self.items, self.rtl);
        loop {
            let mut k = end;
            while k < stop && items[k].kind == Kind::Space {
                k += 1;
            }
            if k >= stop {
                break;
            }
            let spaced = k > end;
            match items[k].kind {
                Kind::Close(c) if open.last().is_some_and(|&o| closing_of(o) == c) => {
                    open.pop();
                    end = k + 1;
                }
                Kind::Number if rtl => end = k + 1,
                Kind::Digit { european: true } if rtl => {
                    end = digits_end(items, k, stop);
                }
                Kind::Neutral
                    if rtl
                        && !spaced
                        && matches!(items[k].ch, Some('-' | '+' | '−'))
                        && matches!(
                            items.get(k + 1).map(|x| x.kind),
                            Some(Kind::Digit { european: true })
                        ) =>
                {
                    end = digits_end(items, k + 1, stop);
                }
                Kind::Open(c) if rtl => {
                    let mut m = k + 1;
                    while m < stop
                        && !is_strong(&items[m])
                        && !matches!(items[m].kind, Kind::Open(_) | Kind::Close(_))
                    {
                        m += 1;
                    }
                    if m < stop && items[m].kind == Kind::Close(closing_of(c)) {
                        end = m + 1;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        end
    }

    /// The lead: `#`/`@` stuck to the start `i`, openers of brackets closed inside the core
    /// (`unmatched_closers`), never before `floor`.
    fn lead_start(&self, i: usize, floor: usize, mut unmatched_closers: Vec<char>) -> usize {
        let items = self.items;
        let mut start = i;
        if self.rtl && start > floor && matches!(items[start - 1].ch, Some('#' | '@')) {
            start -= 1;
        }
        let mut k = start;
        while !unmatched_closers.is_empty() && k > floor {
            k -= 1;
            match items[k].kind {
                Kind::Open(c) if closing_of(c) == unmatched_closers[0] => {
                    unmatched_closers.remove(0);
                    start = k;
                }
                Kind::Open(_) | Kind::Close(_) => break,
                _ if is_strong(&items[k]) => break,
                _ => {}
            }
        }
        start
    }
}

/// `raw` with the item ranges `wraps` (in order, not overlapping) wrapped in `<bdi>`.
fn wrap_in_bdi(raw: &str, items: &[Item], wraps: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(raw.len() + wraps.len() * 11);
    let mut copied = 0;
    for &(start, end) in wraps {
        let (from, to) = (items[start].start, items[end - 1].end);
        out.push_str(&raw[copied..from]);
        out.push_str("<bdi>");
        out.push_str(&raw[from..to]);
        out.push_str("</bdi>");
        copied = to;
    }
    out.push_str(&raw[copied..]);
    out
}

/// The end of a group of European digits (with separators, dashes and `%`) starting at item
/// `k`, which is a digit; ends on a digit or `%`.
fn digits_end(items: &[Item], k: usize, stop: usize) -> usize {
    let mut end = k + 1;
    let mut m = k + 1;
    while m < stop {
        match items[m].kind {
            Kind::Digit { european: true } => {
                m += 1;
                end = m;
            }
            Kind::Neutral
                if matches!(
                    items[m].ch,
                    Some(
                        '.' | ','
                            | ':'
                            | '/'
                            | '-'
                            | '–'
                            | '—'
                            | '‒'
                            | '‑'
                            | '‐'
                            | '−'
                            | '%'
                            | '‰'
                    )
                ) =>
            {
                if matches!(items[m].ch, Some('%' | '‰')) {
                    end = m + 1;
                }
                m += 1;
            }
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rtl(html: &str) -> String {
        mark_directions(html, Direction::Rtl).unwrap()
    }

    fn ltr(html: &str) -> String {
        mark_directions(html, Direction::Ltr).unwrap()
    }

    #[test]
    fn first_strong_character() {
        assert_eq!(first_strong_direction("Hello"), Some(Direction::Ltr));
        assert_eq!(first_strong_direction("مرحبا"), Some(Direction::Rtl));
        assert_eq!(first_strong_direction("سڵاو"), Some(Direction::Rtl));
        assert_eq!(first_strong_direction("Silav"), Some(Direction::Ltr));
        assert_eq!(
            first_strong_direction("2024 – «مدنيّة»"),
            Some(Direction::Rtl)
        );
        assert_eq!(first_strong_direction("(1) “Bayan”"), Some(Direction::Ltr));
        assert_eq!(first_strong_direction("١٢٣ 456 ،.!?"), None);
        assert_eq!(first_strong_direction(""), None);
        assert_eq!(
            first_strong_direction("\u{2067}abc\u{2069} سلام"),
            Some(Direction::Rtl)
        );
    }

    #[test]
    fn first_strong_in_html_text_skips_entities_and_addresses() {
        assert_eq!(
            first_strong_in_html_text("&amp; &quot;مرحبا&quot;"),
            Some(Direction::Rtl)
        );
        assert_eq!(first_strong_in_html_text("&#1605;"), Some(Direction::Rtl));
        assert_eq!(first_strong_in_html_text("&#x41;"), Some(Direction::Ltr));
        assert_eq!(
            first_strong_in_html_text("https://example.org/ar/ الموقع"),
            Some(Direction::Rtl)
        );
        assert_eq!(first_strong_in_html_text("info@example.org"), None);
    }

    #[test]
    fn blocks_get_dir_when_they_start_in_the_other_direction() {
        assert_eq!(
            rtl("<p>مرحبا</p><p>Hello</p><h2>2024</h2>"),
            "<p>مرحبا</p><p dir=\"ltr\">Hello</p><h2>2024</h2>"
        );
        assert_eq!(
            ltr("<p>Hello</p><p>مرحبا</p>"),
            "<p>Hello</p><p dir=\"rtl\">مرحبا</p>"
        );
        assert_eq!(
            rtl("<p dir=\"rtl\">Hello</p>"),
            "<p dir=\"rtl\">Hello</p>",
            "the author's dir is kept"
        );
    }

    #[test]
    fn code_is_left_to_right_and_untouched() {
        assert_eq!(
            rtl("<p>شغّل <code>npm run build</code> الآن</p>"),
            "<p>شغّل <code dir=\"ltr\">npm run build</code> الآن</p>"
        );
        assert_eq!(
            rtl("<pre><code>a (1) b</code></pre>"),
            "<pre dir=\"ltr\"><code>a (1) b</code></pre>"
        );
        assert_eq!(
            rtl("<p><code>x</code></p>"),
            "<p><code dir=\"ltr\">x</code></p>"
        );
    }

    #[test]
    fn runs_are_isolated_in_text() {
        assert_eq!(
            isolate_runs("مع Zoom اليوم", Direction::Rtl),
            "مع Zoom اليوم"
        );
        assert_eq!(
            isolate_runs("مع The Carter Center، اليوم", Direction::Rtl),
            "مع <bdi>The Carter Center</bdi>، اليوم"
        );
        assert_eq!(
            isolate_runs("قال UN Special Envoy (2022) إن", Direction::Rtl),
            "قال <bdi>UN Special Envoy (2022)</bdi> إن"
        );
        assert_eq!(
            isolate_runs("the group مدنيّة said", Direction::Ltr),
            "the group <bdi>مدنيّة</bdi> said"
        );
        assert_eq!(
            isolate_runs("بين 2007–2012 و+970 2 123 4567", Direction::Rtl),
            "بين <bdi>2007–2012</bdi> و<bdi>+970 2 123 4567</bdi>"
        );
        assert_eq!(
            isolate_runs("عام 2022 و٢٠٠٧–٢٠١٢", Direction::Rtl),
            "عام 2022 و٢٠٠٧–٢٠١٢"
        );
    }

    #[test]
    fn entities_are_never_split() {
        assert_eq!(
            isolate_runs("شركة AT&amp;T الأمريكية", Direction::Rtl),
            "شركة <bdi>AT&amp;T</bdi> الأمريكية"
        );
        assert_eq!(
            isolate_runs("&quot;Bayan&quot; أداة", Direction::Rtl),
            "&quot;Bayan&quot; أداة"
        );
        assert_eq!(
            isolate_runs(
                "About &#1605;&#1583;&#1606;&#1610;&#1617;&#1577; now",
                Direction::Ltr
            ),
            "About <bdi>&#1605;&#1583;&#1606;&#1610;&#1617;&#1577;</bdi> now"
        );
    }

    #[test]
    fn addresses_are_isolated_in_rtl_text() {
        assert_eq!(
            isolate_runs("راسلونا على info@example.org.", Direction::Rtl),
            "راسلونا على <bdi>info@example.org</bdi>."
        );
        assert_eq!(
            isolate_runs("الموقع: https://example.org/ar/ الآن", Direction::Rtl),
            "الموقع: <bdi>https://example.org/ar/</bdi> الآن"
        );
        assert_eq!(
            isolate_runs("see https://example.org/ar/ now", Direction::Ltr),
            "see https://example.org/ar/ now"
        );
    }

    #[test]
    fn brackets_and_marks_stay_with_their_run() {
        assert_eq!(
            isolate_runs("وسم #MeToo و(UN) Women هنا", Direction::Rtl),
            "وسم <bdi>#MeToo</bdi> و<bdi>(UN) Women</bdi> هنا"
        );
        assert_eq!(
            isolate_runs("قال Geir Pedersen (UN) اليوم", Direction::Rtl),
            "قال <bdi>Geir Pedersen (UN)</bdi> اليوم"
        );
        assert_eq!(
            isolate_runs("بدعم (The Elders) والشركاء", Direction::Rtl),
            "بدعم (<bdi>The Elders</bdi>) والشركاء"
        );
    }

    #[test]
    fn nested_blocks_compare_with_their_parent() {
        assert_eq!(
            rtl("<blockquote>\n<p>We will.</p>\n<p>سنواصل.</p>\n</blockquote>"),
            "<blockquote dir=\"ltr\">\n<p>We will.</p>\n<p dir=\"rtl\">سنواصل.</p>\n</blockquote>"
        );
        assert_eq!(
            rtl("<ul><li>عربي<ul><li>English</li></ul></li></ul>"),
            "<ul><li>عربي<ul><li dir=\"ltr\">English</li></ul></li></ul>"
        );
        assert_eq!(
            rtl("<ul><li><code>--help</code> يعرض المساعدة</li></ul>"),
            "<ul><li><code dir=\"ltr\">--help</code> يعرض المساعدة</li></ul>"
        );
    }

    #[test]
    fn implicitly_closed_list_items() {
        assert_eq!(
            rtl("<ul><li>عربي<li>English</ul>"),
            "<ul><li>عربي<li dir=\"ltr\">English</ul>"
        );
    }

    #[test]
    fn verbatim_elements_and_attributes_are_untouched() {
        let html = "<p title=\"The Carter Center\">نص <bdi>A B</bdi> <kbd>Ctrl + C</kbd></p><script>var a = \"x y\";</script>";
        assert_eq!(rtl(html), html);
    }
}
