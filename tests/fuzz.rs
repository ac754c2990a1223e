//! Seeded random mutations of the demo site: its content, config.toml and UI strings (`.ftl`),
//! each mutant rendered in memory through the library the way the preview renders after a save
//! (caches kept between renders). Every mutant must finish in time without a panic, every
//! problem it reports must name a file of the site and a place inside it, and no HTML or XML
//! file it renders (pages, feeds, sitemaps) may carry a NUL or an ESC.
//!
//! `BAYAN_FUZZ_SEED=N` replays a run (the seed is printed at the start and in every failure),
//! `BAYAN_FUZZ_MUTANTS=N` sets how many mutants to render (default [`DEFAULT_MUTANTS`]), and
//! `BAYAN_FUZZ_TRACE=1` prints each mutant before it renders, to find one that aborts the
//! process. Mutant `i` depends only on the seed and `i`, and the caches only on the mutants
//! before it, so a failure replays with the same seed and at least `i + 1` mutants.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bayan::build::{load_config, render_with, BuildOptions, Caches, RenderedSite};
use bayan::output::Contents;
use bayan::render::{RenderCache, RenderOptions};
use bayan::Diagnostics;

/// Mutants rendered by default: a debug build on two cores renders 1,500 in 23–47 s (mutants
/// that change `[images]` in config.toml encode the photos again), after 2–3 s for the demo's
/// first render, which processes its photos.
const DEFAULT_MUTANTS: usize = 1500;

/// The longest one mutant may take to render.
const MUTANT_LIMIT: Duration = Duration::from_secs(10);

/// The demo's first render, which processes every photo, may take this long.
const FIRST_RENDER_LIMIT: Duration = Duration::from_secs(300);

/// What the demo site is made of (the rest of the repository is the tool).
const SITE_PARTS: &[&str] = &[
    "config.toml",
    "content",
    "static",
    "themes",
    "templates",
    "i18n",
];

// ---------------------------------------------------------------------------------------------
// A small seeded generator (SplitMix64): the test needs no other crate.

struct Rng(u64);

/// SplitMix64's finaliser: spreads the bits of `x` over the whole word.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Rng {
    /// The generator of mutant `index`: independent of every other mutant's.
    fn for_mutant(seed: u64, index: usize) -> Rng {
        Rng(mix(seed ^ mix(index as u64 ^ 0xA076_1D64_78BD_642F)))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// What mutants insert.

/// Text that breaks parsers, direction or pages: bidi controls, control characters (C0 and
/// C1), combining marks, Arabic and Kurdish letters, emoji, separators, HTML and XML syntax.
#[rustfmt::skip]
const UNICODE: &[&str] = &[
    "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
    "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{202E}\u{2066}", "\0",
    "\x1b", "\x1b[31m", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x7f", "\u{85}", "\u{9b}",
    "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "\u{FDD0}", "\u{E000}",
    "\u{10FFFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{0301}", "\u{0651}\u{064B}",
    "e\u{0301}\u{0302}\u{0303}\u{0304}", "\u{0640}\u{0640}\u{0640}", "بيان", "لا", "٠١٢٣",
    "ێڵڕۆ", "﷽", "👩🏽‍💻", "🇵🇸", "😀\u{FE0F}",
    "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "\"", "'", "\\", "<",
    ">", "&", "</script>", "<!--", "]]>",
];

/// Delimiters of front matter, shortcodes and Tera, with what each may turn into.
const FLIPS: &[(&str, &[&str])] = &[
    ("+++", &["++", "---", "", "++++", "+++\n+++", " +++"]),
    ("{{", &["{%", "{", "{{{", ""]),
    ("}}", &["%}", "}", "}}}", ""]),
    ("{%", &["{{", "{", ""]),
    ("%}", &["}}", "}", ""]),
];

/// Snippets that mean something to one of the parsers, inserted anywhere.
#[rustfmt::skip]
const SNIPPETS: &[&str] = &[
    "{{ youtube(id=\"x\") }}", "{% end %}", "{{ signup() }}", "{{ signup(", "{% signup() %}",
    "{{ signup(lang=\"xx\") }}", "{{", "}}", "{%", "%}", "{#", "+++\n", "+++", "---\n",
    "[link](@/missing.md)", "[link](@/reports/_index.md#nowhere)", "[x](#)", "[x](/)",
    "[x](javascript:alert(1))", "[x](data:text/html,x)", "![](missing.jpg)", "![]()",
    "<https://example.org>", "<script>", "<style>", "</div>", "<a href=\"../../../x\">x</a>",
    "&#0;", "&#27;", "&#x1b;", "&#x202e;", "&#1114111;", "&#99999999;", "\\u0000", "\\u001b",
    "[^1]", "[^1]: note\n", "|a|b|\n|-|-|\n", "```", "~~~", "$$", "<!-- more -->",
    "## x {#x}\n", "## x {#}\n", "\n\n", "---\n\n", "= \"", "\"\"\"", "'''", "{ $x }",
    "{ -brand }", "-brand = x\n", "key =\n", "*[other] x\n",
];

/// A line prefix (after a lead) repeated 50–500 times to reach nesting limits.
#[rustfmt::skip]
const NESTING: &[(&str, &str)] = &[
    ("", "- "), ("", "> "), ("", "> - "), ("", "* "), ("", "1. "), ("", "<div>"), ("", "**"),
    ("", "_"), ("", "["), ("", "!["), ("", "\t"), ("", "{ "), ("", "{{ "), ("x = ", "["),
    ("x = ", "{ a = "), ("x = ", "{ "),
];

/// Front-matter keys, inserted right after the opening `+++`.
#[rustfmt::skip]
const FRONT_MATTER_KEYS: &[&str] = &[
    "slug = \"\"", "slug = \"../x\"", "slug = \"/\"", "slug = \"a/b\"", "slug = \".\"",
    "slug = \"\u{202E}x\"", "slug = \"index.html\"", "slug = \"x\\u0000\"",
    "weight = -9223372036854775808", "weight = 9223372036854775807", "template = \"\"",
    "template = \"../../config.toml\"", "template = \"missing.html\"", "page_template = \"x\"",
    "date = 1970-01-01", "date = 9999-12-31", "date = 0000-01-01", "date = 2024-02-29",
    "date = 2023", "date = -1", "date = \"2023-06\"", "date = 2023-06-05T23:59:60Z",
    "updated = 1900-01-01", "draft = true", "paginate_by = 0", "paginate_by = 1",
    "sort_by = \"title\"", "sort_by = \"weight\"", "sort_by = \"date\"", "feed = false",
    "gallery = \"\"", "gallery = \"../../reports\"", "gallery = \"/etc\"", "gallery = \"gallery\"",
    "title = \"\"", "title = \"\\u0000\\u001b\\u202e\"", "title = \"<script>alert(1)</script>\"",
    "description = \"\\u0085\\u009b\\u007f\"", "extra = 1",
];

/// Front-matter tables, inserted right before the closing `+++`.
#[rustfmt::skip]
const FRONT_MATTER_TABLES: &[&str] = &[
    "[[attachments]]\nfile = \"../../config.toml\"",
    "[[attachments]]\nfile = \"missing.pdf\"\ntitle = \"\"",
    "[[attachments]]\nfile = \"\"",
    "[[attachments]]\nfile = \"index.md\"",
    "[[videos]]\ntitle = \"v\"\nyoutube = \"https://youtu.be/\"",
    "[[videos]]\ntitle = \"v\"\nyoutube = \"https://www.youtube.com/watch?v=\"",
    "[[videos]]\ntitle = \"v\"\nvimeo = \"https://vimeo.com/\"",
    "[[videos]]\ntitle = \"\"\nfile = \"../../../config.toml\"",
    "[[videos]]\ntitle = \"v\"\nfile = \"missing.webm\"\nposter = \"missing.jpg\"",
    "[[videos]]\ntitle = \"v\"\nyoutube = \"https://youtu.be/x\"\nvimeo = \"https://vimeo.com/1\"",
    "[report]\nparticipants = 4294967295",
    "[report]\nstatement = \"@/missing.md\"",
    "[statement]\nsignatories = []",
    "[statement]\nsummary_only = true",
    "[conference]\nend_date = 1900-01-01",
    "[conference]\n[[conference.programme]]\ndate = 2023-06-05\nsessions = []",
    "[about]\nfounded = -2147483648\n[[about.timeline]]\nyear = 2147483647\ntext = \"\"",
    "[report]\n[statement]",
    "[extra]\nx = nan\ny = -inf",
];

/// config.toml keys, inserted after its first line (a comment).
#[rustfmt::skip]
const CONFIG_KEYS: &[&str] = &[
    "base_url = \"\"", "base_url = \"/\"", "base_url = \"https://example.org/a b/\"",
    "base_url = \"https://ex\u{202E}ample.org\"", "base_url = \"file:///etc\"",
    "base_url = \"https://example.org/sub/\"", "base_url = \"https://example.org:99999\"",
    "default_language = \"en\"", "default_language = \"xx\"", "default_language = \"\"",
    "minify = false", "theme = \"../bayan\"", "theme = \"\"", "theme = \"missing\"",
    "output_dir = \"content\"", "title = \"\\u0000\\u001b\"",
];

/// config.toml tables, added at its end.
#[rustfmt::skip]
const CONFIG_TABLES: &[&str] = &[
    "[images]\nwidths = [0]", "[images]\nwidths = []", "[images]\nwidths = [16]",
    "[images]\nwebp_quality = nan", "[images]\njpeg_quality = 0", "[fonts]\nsubset = false",
    "[[fonts.faces]]\nfamily = \"\"\nfile = \"../../config.toml\"\nweight = 0",
    "[[fonts.faces]]\nfamily = \"X\"\nfile = \"config.toml\"\nweight = 400",
    "[feeds]\nfull_content = true", "[links]\nnofollow = true\nnoreferrer = true",
    "[hosting]\nheaders = true\nredirects = true",
    "[hosting.csp]\n\"default-src\" = [\"x\\u0000\"]",
    "[languages.xx]\nname = \"X\"", "[languages.ckb]\nname = \"کوردی\"\nlocale = \"ckb\"",
    "[languages.xx]\nname = \"X\"\nlocale = \"zz-\u{202E}\"", "[languages.ar-PS]\nname = \"\"",
    "[signup.languages.en]\nlists = []", "[signup.languages.xx]\nlists = [\"x\"]",
    "[extra]\nx = \"\\u0000\"",
];

/// Gallery entries, added at the end of a `photos.toml`.
#[rustfmt::skip]
const PHOTOS_TABLES: &[&str] = &[
    "[[photos]]\nfile = \"missing.jpg\"", "[[photos]]\nfile = \"../../../../config.toml\"",
    "[[photos]]\nfile = \"01-opening-session.jpg\"", "[[photos]]\nfile = \"\"",
    "[[photos]]\nfile = \"photos.toml\"", "[[photos]]\nfile = \"../videos/closing-session.webm\"",
    "[[photos]]\nfile = \"/etc/passwd\"", "[photos.alt]\nxx = \"x\"",
    "[[photos]]\nfile = \"02-umbrella-banner.jpg\"\n[photos.alt]\nar = \"\\u0000\"",
];

/// New values for a UI string: cycles, missing references, functions, attributes only,
/// selectors, nested placeables and control characters.
#[rustfmt::skip]
const FTL_VALUES: &[&str] = &[
    "{ KEY }", "{ -missing }", "{ missing }", "{ $x }", "{ NUMBER($x) }", "{ NUMBER(\"a\") }",
    "{ \"\\u0000\\u001b\" }", "{ \"\\u202E\" }", "\n    .attr = only an attribute",
    "{ $n ->\n    [one] a\n   *[other] b\n}", "{ { { { x } } } }", "", "{", "}", "{ -KEY }",
    "x\n-KEY = { KEY }", "<script>",
];

// ---------------------------------------------------------------------------------------------
// Mutations.

/// What a file is to the site: how to mutate it, and what its change makes stale.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FileKind {
    Config,
    Markdown,
    Photos,
    Strings,
}

/// The byte offset of a random character boundary of `text`, end included.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let count = text.chars().count();
    let nth = rng.below(count + 1);
    text.char_indices().nth(nth).map_or(text.len(), |(i, _)| i)
}

/// The byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len() || i == 0)
        .collect()
}

/// The line (1-based) of byte `offset`, for messages.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Inserts `insert` at byte `at` and says so.
fn insert_at(text: &mut String, at: usize, insert: &str) -> String {
    let line = line_of(text, at);
    text.insert_str(at, insert);
    format!("insert {insert:?} at line {line} (byte {at})")
}

/// Applies one mutation to `text` and says what it did.
fn mutate_text(text: &mut String, kind: FileKind, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if let Some(last) = lines.last_mut() {
        if !last.ends_with('\n') {
            last.push('\n');
        }
    }
    match rng.below(16) {
        0 | 1 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            lines.remove(i);
            *text = lines.concat();
            format!("delete line {}", i + 1)
        }
        2 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            lines.insert(i, lines[i].clone());
            *text = lines.concat();
            format!("duplicate line {}", i + 1)
        }
        3 if !lines.is_empty() => {
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            *text = lines.concat();
            format!("swap lines {} and {}", a + 1, b + 1)
        }
        4..=6 => {
            let insert = if rng.chance(25) {
                random_char(rng).to_string()
            } else {
                rng.pick(UNICODE).to_string()
            };
            let at = boundary(text, rng);
            insert_at(text, at, &insert)
        }
        7 | 8 => flip_delimiter(text, rng),
        9 => {
            let at = if rng.chance(50) {
                *rng.pick(&line_starts(text))
            } else {
                boundary(text, rng)
            };
            let snippet = *rng.pick(SNIPPETS);
            insert_at(text, at, snippet)
        }
        10 => {
            let at = boundary(text, rng);
            let line = line_of(text, at);
            text.truncate(at);
            format!("truncate at line {line} (byte {at})")
        }
        11 => {
            let at = *rng.pick(&line_starts(text));
            let (lead, unit) = *rng.pick(NESTING);
            let times = rng.between(50, 500);
            let line = line_of(text, at);
            text.insert_str(at, &format!("{lead}{}", unit.repeat(times)));
            format!("insert {lead:?} then {unit:?} × {times} at the start of line {line}")
        }
        _ => insert_setting(text, kind, rng),
    }
}

/// Any Unicode scalar value, most often from the planes text uses.
fn random_char(rng: &mut Rng) -> char {
    loop {
        let limit = if rng.chance(80) { 0x3000 } else { 0x11_0000 };
        if let Some(c) = char::from_u32(rng.below(limit) as u32) {
            return c;
        }
    }
}

/// Turns one delimiter of `text` into another, or inserts one if it has none.
fn flip_delimiter(text: &mut String, rng: &mut Rng) -> String {
    let found: Vec<(usize, &str, &[&str])> = FLIPS
        .iter()
        .flat_map(|&(from, to)| text.match_indices(from).map(move |(at, _)| (at, from, to)))
        .collect();
    if found.is_empty() {
        let at = *rng.pick(&line_starts(text));
        let delimiter = rng.pick(FLIPS).0;
        return insert_at(text, at, delimiter);
    }
    let &(at, from, choices) = rng.pick(&found);
    let to = *rng.pick(choices);
    let line = line_of(text, at);
    text.replace_range(at..at + from.len(), to);
    format!("replace {from:?} with {to:?} at line {line} (byte {at})")
}

/// Adds a setting that means something to the file's reader, where it would take effect.
fn insert_setting(text: &mut String, kind: FileKind, rng: &mut Rng) -> String {
    let starts = line_starts(text);
    let second_line = starts.get(1).copied().unwrap_or(text.len());
    match kind {
        FileKind::Markdown if rng.chance(50) => {
            let setting = *rng.pick(FRONT_MATTER_KEYS);
            set_key(text, &starts, setting)
        }
        FileKind::Markdown => {
            let closing = starts
                .iter()
                .skip(1)
                .find(|&&at| text[at..].starts_with("+++"))
                .copied()
                .unwrap_or(second_line);
            let table = format!("{}\n", rng.pick(FRONT_MATTER_TABLES));
            insert_at(text, closing, &table)
        }
        FileKind::Config if rng.chance(40) => {
            let setting = *rng.pick(CONFIG_KEYS);
            set_key(text, &starts, setting)
        }
        FileKind::Config | FileKind::Photos => {
            let tables = if kind == FileKind::Config {
                CONFIG_TABLES
            } else {
                PHOTOS_TABLES
            };
            let table = format!("\n{}\n", rng.pick(tables));
            let end = text.len();
            insert_at(text, end, &table)
        }
        FileKind::Strings => {
            let messages: Vec<(usize, &str)> = starts
                .iter()
                .filter_map(|&at| {
                    let line = text[at..].lines().next()?;
                    let (id, _) = line.split_once(" =")?;
                    let is_id =
                        !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                    is_id.then_some((at, id))
                })
                .collect();
            let value = rng.pick(FTL_VALUES);
            let Some(&(at, id)) = (!messages.is_empty()).then(|| rng.pick(&messages)) else {
                let end = text.len();
                return insert_at(text, end, &format!("\nx = {value}\n"));
            };
            let id = id.to_string();
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let line = line_of(text, at);
            let new = format!("{id} = {}", value.replace("KEY", &id));
            text.replace_range(at..end, &new);
            format!("redefine line {line} as {new:?}")
        }
    }
}

/// Replaces the first line that sets the key of `setting` (`key = …`) with it, or inserts it
/// after the first line (the opening `+++`, or config.toml's opening comment).
fn set_key(text: &mut String, starts: &[usize], setting: &str) -> String {
    let key = setting.split(" =").next().unwrap_or(setting);
    let Some(&at) = starts
        .iter()
        .find(|&&at| text[at..].starts_with(&format!("{key} =")))
    else {
        let second_line = starts.get(1).copied().unwrap_or(text.len());
        return insert_at(text, second_line, &format!("{setting}\n"));
    };
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let line = line_of(text, at);
    text.replace_range(at..end, setting);
    format!("set line {line} to {setting:?}")
}

/// Bytes that are not UTF-8.
const NOT_UTF8: &[&[u8]] = &[
    b"\xFF",
    b"\xC3",
    b"\x80",
    b"\xED\xA0\x80",
    b"\xF4\x90\x80\x80",
];

/// One to three mutations of `original`; the last may leave the bytes not UTF-8.
fn mutate(original: &str, kind: FileKind, rng: &mut Rng) -> (Vec<u8>, Vec<String>) {
    let mut text = original.to_string();
    let mut done = Vec::new();
    for _ in 0..rng.between(1, 3) {
        if rng.chance(3) {
            let at = boundary(&text, rng);
            let bytes = *rng.pick(NOT_UTF8);
            done.push(format!(
                "insert bytes {bytes:02X?} at line {} (byte {at})",
                line_of(&text, at)
            ));
            let mut out = text.into_bytes();
            out.splice(at..at, bytes.iter().copied());
            return (out, done);
        }
        done.push(mutate_text(&mut text, kind, rng));
    }
    (text.into_bytes(), done)
}

// ---------------------------------------------------------------------------------------------
// The site and its renders.

struct Target {
    rel: PathBuf,
    kind: FileKind,
    original: String,
}

/// Copies the demo site into `dir`.
fn copy_demo(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in SITE_PARTS {
        let from = repo.join(part);
        if !from.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.join(entry.path().strip_prefix(repo).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).unwrap();
            } else if entry.file_type().is_file() {
                fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
}

/// The text files a mutant may change.
fn targets(root: &Path) -> Vec<Target> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap().to_path_buf();
        let name = rel.to_string_lossy();
        let in_content = name.starts_with("content");
        let kind = match rel.extension().and_then(|e| e.to_str()) {
            _ if name == "config.toml" => FileKind::Config,
            Some("ftl") => FileKind::Strings,
            Some("md") if in_content => FileKind::Markdown,
            Some("toml") if in_content => FileKind::Photos,
            _ => continue,
        };
        let original = fs::read_to_string(entry.path()).unwrap();
        found.push(Target {
            rel,
            kind,
            original,
        });
    }
    found
}

/// Picks a file: mostly content, sometimes UI strings or config.toml (which cost a full render).
fn pick_target<'a>(targets: &'a [Target], rng: &mut Rng) -> &'a Target {
    let kind = match rng.below(100) {
        0..=7 => FileKind::Config,
        8..=17 => FileKind::Strings,
        18..=21 => FileKind::Photos,
        _ => FileKind::Markdown,
    };
    let of_kind: Vec<&Target> = targets.iter().filter(|t| t.kind == kind).collect();
    of_kind[rng.below(of_kind.len())]
}

/// Writes `bytes` with a modification time never used before, so the parse cache (which goes
/// by size and time) always sees the change.
fn write_stamped(path: &Path, bytes: &[u8], clock: &mut u64) {
    fs::write(path, bytes).unwrap();
    *clock += 1;
    let time = UNIX_EPOCH + Duration::from_secs(1_000_000_000 + *clock);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// Caches as the preview keeps them.
fn preview_caches() -> Caches {
    Caches {
        render: RenderCache::enabled(),
        ..Default::default()
    }
}

/// Drops what a change to a file of `kind` makes stale, as the preview does.
fn invalidate(caches: &mut Caches, kind: FileKind) {
    match kind {
        FileKind::Markdown | FileKind::Photos => {}
        FileKind::Strings => {
            caches.theme = None;
            caches.render.forget_outputs();
        }
        FileKind::Config => *caches = preview_caches(),
    }
}

type Rendered = Result<RenderedSite, Diagnostics>;

/// How a render ended, when it did not return.
enum Broke {
    Panic(String),
    Timeout,
}

/// The last panic's message and place, recorded by the hook [`record_panics`] installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn record_panics() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{message}{place}"));
        default(info);
    }));
}

/// Renders the site at `root` on a thread of its own, within `limit`, giving the caches back.
fn render_once(
    root: &Path,
    options: RenderOptions,
    caches: Caches,
    limit: Duration,
) -> (Caches, Result<Rendered, Broke>) {
    let (send, receive) = mpsc::channel();
    let build = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    // The stack of a main thread, where `bayan` renders.
    std::thread::Builder::new()
        .name("fuzz-render".into())
        .stack_size(8 << 20)
        .spawn(move || {
            let mut caches = caches;
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                let config = load_config(&build)?;
                render_with(config, false, &options, &mut caches)
            }));
            let _ = send.send((caches, result));
        })
        .unwrap();
    match receive.recv_timeout(limit) {
        Ok((caches, Ok(rendered))) => (caches, Ok(rendered)),
        Ok((_, Err(_))) => {
            let message = LAST_PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_else(|| "a panic".into());
            // What a panic leaves in the caches cannot be trusted.
            (preview_caches(), Err(Broke::Panic(message)))
        }
        Err(_) => (preview_caches(), Err(Broke::Timeout)),
    }
}

// ---------------------------------------------------------------------------------------------
// Checks and figures.

#[derive(Default)]
struct Figures {
    run: usize,
    built: usize,
    failed: usize,
    errors_by_kind: BTreeMap<String, usize>,
    slowest: Duration,
    failures: Vec<String>,
    /// How many mutants replay the last failure.
    replay: usize,
}

/// A mutant as the checks see it: the file it changed, with its bytes.
struct Mutant<'a> {
    rel: &'a Path,
    bytes: &'a [u8],
}

/// Whether a problem points outside the file it names (a line or column past its end).
fn outside_its_file(root: &Path, mutant: &Mutant, line: usize, col: usize, path: &Path) -> bool {
    let bytes = if path == mutant.rel {
        mutant.bytes.to_vec()
    } else {
        match fs::read(root.join(path)) {
            Ok(bytes) => bytes,
            Err(_) => return false,
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    match text.split('\n').nth(line - 1) {
        None => true,
        Some(text) => col > text.chars().count() + 1,
    }
}

/// What is wrong with one mutant's render, if anything.
fn check(rendered: &Rendered, root: &Path, mutant: &Mutant, figures: &mut Figures) -> Vec<String> {
    let mut wrong = Vec::new();
    let problems = match rendered {
        Ok(site) => &site.problems,
        Err(problems) => problems,
    };
    for problem in &problems.0 {
        if problem.is_error() {
            let kind = problem.code.to_string();
            *figures.errors_by_kind.entry(kind).or_default() += 1;
        }
        if problem.path.as_os_str().is_empty() || problem.path.is_absolute() {
            wrong.push(format!("names no file of the site: {problem:?}"));
        } else if problem.line > 0
            && outside_its_file(root, mutant, problem.line, problem.col, &problem.path)
        {
            wrong.push(format!("points past the end of its file: {problem}"));
        }
    }
    // Going on past errors (`keep_going`) renders what it can: those pages are checked too.
    if problems.has_errors() {
        figures.failed += 1;
    } else {
        figures.built += 1;
    }
    let Ok(site) = rendered else {
        return wrong;
    };
    for file in &site.files {
        let Contents::Bytes(bytes) = &file.contents else {
            continue;
        };
        // Pages, and feeds and sitemaps (XML forbids both characters outright).
        if file
            .path
            .extension()
            .is_none_or(|e| e != "html" && e != "xml")
        {
            continue;
        }
        for (byte, name) in [(0u8, "NUL"), (0x1b, "ESC")] {
            if let Some(at) = bytes.iter().position(|&b| b == byte) {
                let around = &bytes[at.saturating_sub(60)..(at + 60).min(bytes.len())];
                wrong.push(format!(
                    "{name} in {} at byte {at}: …{:?}…",
                    file.path.display(),
                    String::from_utf8_lossy(around)
                ));
            }
        }
    }
    wrong
}

/// Keeps a failing mutant's file where it can be looked at, and says where.
fn keep_mutant(seed: u64, index: usize, mutant: &Mutant) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz")
        .join(format!("seed-{seed}"))
        .join(format!("mutant-{index}"))
        .join(mutant.rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, mutant.bytes).unwrap();
    path.display().to_string()
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let number = value.trim().parse();
    Some(number.unwrap_or_else(|_| panic!("{name}={value:?} is not a number")))
}

#[test]
fn mutants_of_the_demo_site_neither_panic_nor_hang_and_name_their_files() {
    let seed = env_number("BAYAN_FUZZ_SEED").unwrap_or_else(|| {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        mix(now.as_nanos() as u64)
    });
    let count = env_number("BAYAN_FUZZ_MUTANTS").map_or(DEFAULT_MUTANTS, |n| n as usize);
    let trace = std::env::var_os("BAYAN_FUZZ_TRACE").is_some();
    // Straight to the terminal, past the test harness's capture: an abort loses captured output.
    let _ = writeln!(
        std::io::stderr(),
        "fuzz: seed {seed}, {count} mutants (replay: BAYAN_FUZZ_SEED={seed})"
    );
    record_panics();

    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_demo(root);
    let targets = targets(root);
    let started = Instant::now();
    let (mut caches, first) = render_once(
        root,
        RenderOptions::default(),
        preview_caches(),
        FIRST_RENDER_LIMIT,
    );
    match first {
        Ok(Ok(_)) => {}
        Ok(Err(problems)) => panic!("the demo site does not build:\n{problems:?}"),
        Err(_) => panic!("the demo's first render panicked or took over {FIRST_RENDER_LIMIT:?}"),
    }
    let first_render = started.elapsed();

    let mut figures = Figures::default();
    let mut clock = 0u64;
    let mut restored = None;
    let started = Instant::now();
    for index in 0..count {
        let mut rng = Rng::for_mutant(seed, index);
        let target = pick_target(&targets, &mut rng);
        let (bytes, mutations) = mutate(&target.original, target.kind, &mut rng);
        // As `bayan build`, `bayan check` (going on past errors) or the preview renders.
        let options = RenderOptions {
            keep_going: rng.chance(50),
            preview: rng.chance(50),
            ..Default::default()
        };
        let described = format!(
            "mutant {index} of seed {seed}: {} ({}; keep_going {}, preview {})",
            target.rel.display(),
            mutations.join(", "),
            options.keep_going,
            options.preview
        );
        if trace {
            let _ = writeln!(std::io::stderr(), "fuzz: {described}");
        }
        let path = root.join(&target.rel);
        write_stamped(&path, &bytes, &mut clock);
        for kind in restored.take().into_iter().chain([target.kind]) {
            invalidate(&mut caches, kind);
        }
        let began = Instant::now();
        let (kept, outcome) = render_once(root, options, caches, MUTANT_LIMIT);
        let took = began.elapsed();
        caches = kept;
        if trace {
            let _ = writeln!(std::io::stderr(), "fuzz: mutant {index} took {took:?}");
        }
        figures.run += 1;
        figures.slowest = figures.slowest.max(took);

        let mutant = Mutant {
            rel: &target.rel,
            bytes: &bytes,
        };
        let wrong = match outcome {
            Err(Broke::Timeout) => {
                let kept = keep_mutant(seed, index, &mutant);
                panic!("{described}: no result after {MUTANT_LIMIT:?} (mutant kept at {kept})");
            }
            Err(Broke::Panic(message)) => vec![format!("panicked: {message}")],
            Ok(rendered) => {
                let mut wrong = check(&rendered, root, &mutant, &mut figures);
                if took > MUTANT_LIMIT {
                    wrong.push(format!("took {took:?}, over {MUTANT_LIMIT:?}"));
                }
                wrong
            }
        };
        write_stamped(&path, target.original.as_bytes(), &mut clock);
        restored = Some(target.kind);
        if !wrong.is_empty() {
            let kept = keep_mutant(seed, index, &mutant);
            let mut report = format!("{described}\n  mutant kept at {kept}");
            for w in wrong {
                let _ = write!(report, "\n  {w}");
            }
            figures.failures.push(report);
            figures.replay = index + 1;
        }
    }
    let elapsed = started.elapsed();

    eprintln!(
        "fuzz: seed {seed}: {} mutants in {:.1} s (first render {:.1} s, slowest mutant {:.2} s): \
         {} built, {} failed with errors, {} broke the checks",
        figures.run,
        elapsed.as_secs_f64(),
        first_render.as_secs_f64(),
        figures.slowest.as_secs_f64(),
        figures.built,
        figures.failed,
        figures.failures.len(),
    );
    eprintln!("fuzz: errors by kind: {:?}", figures.errors_by_kind);
    let shown: Vec<&str> = figures
        .failures
        .iter()
        .take(10)
        .map(String::as_str)
        .collect();
    assert!(
        figures.failures.is_empty(),
        "{} of {} mutants broke the checks (replay: BAYAN_FUZZ_SEED={seed} \
         BAYAN_FUZZ_MUTANTS={}); the first {}:\n{}",
        figures.failures.len(),
        figures.run,
        figures.replay,
        shown.len(),
        shown.join("\n")
    );
}
