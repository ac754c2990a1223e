//! Webfonts: `bayan build` publishes WOFF2 subsets of the theme's fonts holding exactly the
//! characters the pages use (with the layout tables Arabic needs), a stylesheet of
//! `@font-face` rules, a cache that spares rebuilds the work, and the switches of `[fonts]`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;

use common::{Site, THEME_CONFIG};
use skrifa::raw::{FontRef, TableProvider};
use skrifa::MetadataProvider;

const ARABIC: &str = "حرية التعبير والتجمّع السلمي حقّ لكل إنسان، ولا تُقيَّد إلا بقانون.";
const SORANI: &str = "ڕێکخراوە مەدەنییەکان لە ھەولێر؛ ئۆمێد و ڵ";
const ENGLISH: &str = "Freedom of expression and of peaceful assembly.";
const KURMANJI: &str = "Azadiya derbirînê û kombûna aştiyane; rêxistinên şaristanî.";

/// A site on the default theme with pages in all four languages.
fn site() -> Site {
    let site = Site::with_default_theme(THEME_CONFIG);
    let page = |title: &str, text: &str| format!("+++\ntitle = \"{title}\"\n+++\n\n{text}\n");
    site.write("content/_index.md", &page("الرئيسية", ARABIC));
    site.write("content/_index.en.md", &page("Home", ENGLISH));
    site.write("content/_index.ku.md", &page("Serûpel", KURMANJI));
    site.write("content/_index.ckb.md", &page("سەرەتا", SORANI));
    site.write("content/rights.md", &page("الحقوق", ARABIC));
    site
}

/// A font decoded from WOFF2 back into an sfnt that skrifa reads (without glyph outlines when
/// they were transformed). A test-side decoder, so it does not trust the encoder's own code.
fn decode_woff2(woff2: &[u8]) -> Vec<u8> {
    const KNOWN: [&[u8; 4]; 63] = [
        b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post", b"cvt ", b"fpgm",
        b"glyf", b"loca", b"prep", b"CFF ", b"VORG", b"EBDT", b"EBLC", b"gasp", b"hdmx", b"kern",
        b"LTSH", b"PCLT", b"VDMX", b"vhea", b"vmtx", b"BASE", b"GDEF", b"GPOS", b"GSUB", b"EBSC",
        b"JSTF", b"MATH", b"CBDT", b"CBLC", b"COLR", b"CPAL", b"SVG ", b"sbix", b"acnt", b"avar",
        b"bdat", b"bloc", b"bsln", b"cvar", b"fdsc", b"feat", b"fmtx", b"fvar", b"gvar", b"hsty",
        b"just", b"lcar", b"mort", b"morx", b"opbd", b"prop", b"trak", b"Zapf", b"Silf", b"Glat",
        b"Gloc", b"Feat", b"Sill",
    ];
    assert_eq!(&woff2[..4], b"wOF2", "not WOFF2");
    let u16_at = |at: usize| u16::from_be_bytes([woff2[at], woff2[at + 1]]);
    let u32_at = |at: usize| u32::from_be_bytes(woff2[at..at + 4].try_into().unwrap());
    let flavor = u32_at(4);
    let num_tables = usize::from(u16_at(12));
    let compressed_len = u32_at(20) as usize;
    let mut at = 48;
    let base128 = |at: &mut usize| {
        let mut value = 0u32;
        loop {
            let byte = woff2[*at];
            *at += 1;
            value = (value << 7) | u32::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                return value as usize;
            }
        }
    };
    let mut tables = Vec::new();
    for _ in 0..num_tables {
        let flags = woff2[at];
        at += 1;
        let tag: [u8; 4] = if flags & 0x3f == 0x3f {
            at += 4;
            woff2[at - 4..at].try_into().unwrap()
        } else {
            *KNOWN[usize::from(flags & 0x3f)]
        };
        let length = base128(&mut at);
        let version = flags >> 6;
        let transformed = if &tag == b"glyf" || &tag == b"loca" {
            version != 3
        } else {
            version != 0
        };
        // A transformed glyf/loca pair (WOFF2's glyph transform) is left out: what the tests
        // read (cmap, layout tables, maxp) is always stored as is.
        let stored = if transformed {
            base128(&mut at)
        } else {
            length
        };
        tables.push((tag, stored, transformed));
    }
    let mut data = Vec::new();
    brotli_decompressor::Decompressor::new(&woff2[at..at + compressed_len], 4096)
        .read_to_end(&mut data)
        .expect("the WOFF2 data decompresses");
    let mut sfnt = Vec::new();
    sfnt.extend_from_slice(&flavor.to_be_bytes());
    let kept = tables.iter().filter(|t| !t.2).count();
    sfnt.extend_from_slice(&(kept as u16).to_be_bytes());
    sfnt.extend_from_slice(&[0; 6]);
    let offset = 12 + 16 * kept;
    let mut body = Vec::new();
    let mut start = 0;
    let mut records = BTreeMap::new();
    for (tag, length, transformed) in &tables {
        if !transformed {
            records.insert(*tag, (offset + body.len(), *length));
            body.extend_from_slice(&data[start..start + length]);
            body.resize(body.len().next_multiple_of(4), 0);
        }
        start += length;
    }
    for (tag, (offset, length)) in records {
        sfnt.extend_from_slice(&tag);
        sfnt.extend_from_slice(&[0; 4]);
        sfnt.extend_from_slice(&(offset as u32).to_be_bytes());
        sfnt.extend_from_slice(&(length as u32).to_be_bytes());
    }
    sfnt.extend_from_slice(&body);
    sfnt
}

fn cmap(font: &FontRef) -> BTreeSet<char> {
    font.charmap()
        .mappings()
        .filter(|(_, g)| g.to_u32() != 0)
        .filter_map(|(c, _)| char::from_u32(c))
        .collect()
}

/// A face of the published stylesheet.
#[derive(Debug)]
struct Rule {
    family: String,
    weight: String,
    url: String,
    range: BTreeSet<char>,
}

fn parse_range(range: &str) -> BTreeSet<char> {
    let mut out = BTreeSet::new();
    for part in range.split(',') {
        let part = part.trim().trim_start_matches("U+");
        let (first, last) = part.split_once('-').unwrap_or((part, part));
        let first = u32::from_str_radix(first, 16).unwrap();
        let last = u32::from_str_radix(last, 16).unwrap();
        out.extend((first..=last).filter_map(char::from_u32));
    }
    out
}

fn field<'a>(rule: &'a str, name: &str) -> &'a str {
    let start = rule
        .find(&format!("{name}:"))
        .unwrap_or_else(|| panic!("{name} in {rule}"))
        + name.len()
        + 1;
    let rest = &rule[start..];
    &rest[..rest.find([';', '}']).unwrap_or(rest.len())]
}

/// The published stylesheet's name and its rules.
fn stylesheet(site: &Site) -> (String, String, Vec<Rule>) {
    let name = fs::read_dir(site.path("public"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("fonts.") && n.ends_with(".css"))
        .expect("a fonts.*.css in the output");
    let css = site.output(&name);
    let rules = css
        .split("@font-face")
        .skip(1)
        .map(|rule| Rule {
            family: field(rule, "font-family").trim_matches('"').to_string(),
            weight: field(rule, "font-weight").to_string(),
            url: field(rule, "src")
                .trim_start_matches("url(")
                .split(')')
                .next()
                .unwrap()
                .to_string(),
            range: parse_range(field(rule, "unicode-range")),
        })
        .collect();
    (name, css, rules)
}

/// The text of every page, as a reader sees it (tags, scripts and styles removed).
fn page_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let mut html = fs::read_to_string(entry.path()).unwrap();
        for tag in ["script", "style"] {
            while let Some(start) = html.find(&format!("<{tag}")) {
                let end = html[start..]
                    .find(&format!("</{tag}>"))
                    .map_or(html.len(), |e| start + e + tag.len() + 3);
                html.replace_range(start..end, "");
            }
        }
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
    }
    text
}

fn theme_font(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/bayan/fonts")
            .join(name),
    )
    .unwrap()
}

#[test]
fn subsets_hold_the_pages_characters_and_nothing_else() {
    let site = site();
    let first = site.build(&[]);
    first.assert_ok();
    assert!(
        first
            .stdout
            .contains("Published 4 fonts (4 subset, 0 taken from the cache)"),
        "{}",
        first.stdout
    );
    let (css_name, css, rules) = stylesheet(&site);
    assert_eq!(rules.len(), 4, "{css}");
    assert_eq!(css.matches("font-display:fallback").count(), 4, "{css}");
    // Pages link the stylesheet by its fingerprinted name, relative to themselves.
    let home = site.output("index.html");
    assert!(home.contains(&css_name), "{home}");
    assert!(!home.contains(bayan::fonts::CSS_PLACEHOLDER));
    assert!(site
        .output("en/index.html")
        .contains(&format!("../{css_name}")));
    // Hosts may cache them forever.
    let headers = site.output("_headers");
    assert!(headers.contains(&format!("/{css_name}")), "{headers}");

    let text = page_text(&site.path("public"));
    let sources = [
        ("Noto Naskh Arabic", "400", "NotoNaskhArabic-Regular.ttf"),
        ("Noto Naskh Arabic", "700", "NotoNaskhArabic-Bold.ttf"),
        ("Noto Sans", "400", "NotoSans-Regular.ttf"),
        ("Noto Sans", "700", "NotoSans-Bold.ttf"),
    ];
    for (family, weight, file) in sources {
        let rule = rules
            .iter()
            .find(|r| r.family == family && r.weight == weight)
            .unwrap_or_else(|| panic!("no rule for {family} {weight}: {css}"));
        assert!(
            rule.url.starts_with("fonts/") && rule.url.ends_with(".woff2"),
            "{rule:?}"
        );
        let woff2 = fs::read(site.path("public").join(&rule.url)).unwrap();
        assert_eq!(&woff2[..4], b"wOF2");
        let source = theme_font(file);
        assert!(
            woff2.len() * 4 < source.len(),
            "{file}: {} bytes of WOFF2 from {} of TTF",
            woff2.len(),
            source.len()
        );
        let sfnt = decode_woff2(&woff2);
        let subset = FontRef::new(&sfnt).expect("the subset is a font");
        let full = FontRef::new(&source).unwrap();
        let (have, had) = (cmap(&subset), cmap(&full));
        // The stylesheet tells the browser exactly what the file holds.
        assert_eq!(rule.range, have, "{file}: unicode-range and cmap differ");
        // Every character of the pages that the font has is in the subset…
        let missing: String = text
            .chars()
            .filter(|c| had.contains(c) && !have.contains(c))
            .collect();
        assert!(missing.is_empty(), "{file} lacks {missing:?}");
        // …and characters no page uses are not.
        for unused in ['ژ', 'ڤ', 'پ', 'ß', 'Ω', 'Ж', 'ő'] {
            assert!(
                !had.contains(&unused) || !have.contains(&unused),
                "{file} keeps {unused:?}, which no page uses"
            );
        }
        assert!(
            have.len() * 3 < had.len(),
            "{file}: {} of {}",
            have.len(),
            had.len()
        );
        if family == "Noto Naskh Arabic" {
            for c in ARABIC
                .chars()
                .chain(SORANI.chars())
                .filter(|c| *c > '\u{7f}')
            {
                assert!(have.contains(&c), "{file} lacks {c:?}");
            }
            for c in ['٠', '٩', '۰', '۹', '\u{200C}', '\u{200D}'] {
                assert!(!had.contains(&c) || have.contains(&c), "{file} lacks {c:?}");
            }
            assert!(had.contains(&'ژ'));
            // Arabic shaping: the layout tables survive, and so do the joining forms they
            // reach, which no character maps to.
            assert!(subset.gsub().is_ok() && subset.gpos().is_ok() && subset.gdef().is_ok());
            let glyphs = subset.maxp().unwrap().num_glyphs() as usize;
            assert!(
                glyphs > have.len() + 40,
                "{file}: {glyphs} glyphs for {} characters",
                have.len()
            );
        } else {
            for c in ENGLISH.chars().chain(KURMANJI.chars()) {
                assert!(have.contains(&c), "{file} lacks {c:?}");
            }
            assert!(had.contains(&'ß') && had.contains(&'Ω'));
        }
    }

    // A warm rebuild subsets nothing, and neither does an edit that brings no new character.
    let warm = site.build(&[]);
    warm.assert_ok();
    assert!(
        warm.stdout
            .contains("Published 4 fonts (0 subset, 4 taken from the cache)"),
        "{}",
        warm.stdout
    );
    let reordered: String = ARABIC.split(' ').rev().collect::<Vec<_>>().join(" ");
    site.write(
        "content/rights.md",
        &format!("+++\ntitle = \"الحقوق\"\n+++\n\n{reordered}\n"),
    );
    let edited = site.build(&[]);
    assert!(
        edited.stdout.contains("(0 subset, 4 taken from the cache)"),
        "{}",
        edited.stdout
    );
    // A new Arabic letter makes new Arabic subsets; the Latin ones stay as they were.
    site.write("content/rights.md", "+++\ntitle = \"الحقوق\"\n+++\n\nژ\n");
    let added = site.build(&[]);
    assert!(
        added.stdout.contains("(2 subset, 2 taken from the cache)"),
        "{}",
        added.stdout
    );
    let (_, _, rules) = stylesheet(&site);
    assert!(rules.iter().filter(|r| r.range.contains(&'ژ')).count() == 2);
}

#[test]
fn fonts_can_be_whole_or_none_or_the_sites_own() {
    // Whole fonts: every character of the font, still WOFF2.
    let site = site();
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[fonts]\nsubset = false\nfaces = [{{ family = \"Noto Naskh Arabic\", file = \"themes/bayan/fonts/NotoNaskhArabic-Regular.ttf\" }}]\n"),
    );
    site.build(&[]).assert_ok();
    let (_, _, rules) = stylesheet(&site);
    assert_eq!(rules.len(), 1);
    let woff2 = fs::read(site.path("public").join(&rules[0].url)).unwrap();
    let sfnt = decode_woff2(&woff2);
    let font = FontRef::new(&sfnt).unwrap();
    let full = theme_font("NotoNaskhArabic-Regular.ttf");
    assert_eq!(cmap(&font), cmap(&FontRef::new(&full).unwrap()));
    assert!(woff2.len() < full.len());

    // No webfonts: no stylesheet, and pages do not ask for one.
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[fonts]\nfaces = []\n"),
    );
    site.build(&[]).assert_ok();
    assert!(!fs::read_dir(site.path("public")).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("fonts.")));
    assert!(!site.has_output("fonts"));
    assert!(!site.output("index.html").contains("fonts."));

    // A file that is not a font is named, with what to do.
    site.write("fonts/Broken.ttf", "not a font");
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[fonts]\nfaces = [{{ family = \"Mine\", file = \"fonts/Broken.ttf\", weight = 500 }}]\n"),
    );
    let run = site.build(&[]);
    run.assert_error("fonts/Broken.ttf");
    assert!(run.stderr.contains("could not be read"), "{}", run.stderr);
    assert!(run.stderr.contains(".ttf or .otf"), "{}", run.stderr);
    // A missing one too.
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[fonts]\nfaces = [{{ family = \"Mine\", file = \"fonts/Missing.ttf\" }}]\n"),
    );
    site.build(&[]).assert_error("fonts/Missing.ttf");
}

#[test]
fn the_preview_serves_the_whole_fonts() {
    let site = site();
    let preview = common::preview::Preview::start(site.root());
    let home = preview.get("/").text();
    assert!(home.contains(r#"href="/fonts.css""#), "{home}");
    let css = preview.get("/fonts.css").text();
    assert!(
        css.contains("url(fonts/noto-naskh-arabic-400.ttf)"),
        "{css}"
    );
    assert!(css.contains("font-display:fallback"), "{css}");
    let font = preview.get("/fonts/noto-naskh-arabic-400.ttf");
    assert_eq!(font.status, 200);
    assert_eq!(font.header("content-type"), Some("font/ttf"));
    // The whole file, as it is (the test client leaves the chunked transfer coding on).
    let whole = theme_font("NotoNaskhArabic-Regular.ttf");
    assert!(font.body.len() >= whole.len());
    assert!(font.body.windows(64).any(|w| w == &whole[..64]));
    assert!(!site.path(".bayan-cache/fonts").exists());
}
