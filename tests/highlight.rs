//! Highlighted code, as Zola 0.22 writes it from `[markdown.highlighting]`: at build time, no
//! script; one theme or a light and a dark one; inline styles or classes with the stylesheets
//! written; line numbers and highlighted lines from the fence; code left to right on Arabic
//! pages; an unknown language a warning at its line; a wrong theme an error at config.toml's.

mod common;

use common::Site;
use scraper::{Html, Selector};

const CODE_PAGE: &str = "+++\ntitle = \"شيفرة\"\n+++\nمثال:\n\n```rust,linenos,hl_lines=2\nfn main() {\n    let x = \"<a>\";\n}\n```\n\n```nosuchlang\nx\n```\n";

fn site_with(highlighting: &str) -> Site {
    let site = Site::new();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &format!("{config}\n[hosting]\nheaders = true\n\n[markdown.highlighting]\n{highlighting}"),
    );
    site.write("content/code.md", CODE_PAGE);
    site.write(
        "content/code.en.md",
        &CODE_PAGE
            .replace("شيفرة", "Code")
            .replace("مثال", "Example"),
    );
    site
}

fn select<'a>(document: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    document.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn code_is_highlighted_with_light_and_dark_colours_left_to_right() {
    let site = site_with("");
    let run = site.build(&[]);
    run.assert_ok();
    for page in ["code/index.html", "en/code/index.html"] {
        let document = Html::parse_document(&site.output(page));
        let blocks = select(&document, "pre.giallo");
        assert_eq!(blocks.len(), 2, "{page}");
        let rust = blocks[0];
        // Left to right inside the Arabic page; the English page is so already.
        if page == "code/index.html" {
            assert_eq!(
                rust.value().attr("dir"),
                Some("ltr"),
                "code reads left to right"
            );
        }
        let style = rust.value().attr("style").unwrap();
        assert!(style.contains("light-dark(#24292E, #E1E4E8)"), "{style}");
        let code = select(&document, "pre.giallo > code[data-lang=rust]")[0];
        // One span per line, numbered, the second one highlighted.
        let lines = select(&document, "code[data-lang=rust] > .giallo-l");
        assert_eq!(lines.len(), 3);
        let numbers: Vec<String> = select(&document, "code[data-lang=rust] .giallo-ln")
            .iter()
            .map(|n| n.text().collect())
            .collect();
        assert_eq!(numbers, ["1", "2", "3"]);
        assert!(lines[1]
            .value()
            .attr("style")
            .is_some_and(|s| s.contains("background-color")));
        assert!(lines[0].value().attr("style").is_none());
        let keyword = select(&document, "code[data-lang=rust] span[style]")
            .into_iter()
            .find(|s| s.text().collect::<String>() == "fn")
            .expect("`fn` is coloured");
        assert!(keyword
            .value()
            .attr("style")
            .unwrap()
            .contains("light-dark(#D73A49, #F97583)"));
        // The text is the code, escaped, not markup.
        let text: String = code.text().collect();
        assert!(text.contains("let x = \"<a>\";"), "{text}");
        // An unknown language is shown plain.
        assert!(select(&document, "code[data-lang=plain]").len() == 1);
    }
    assert!(
        run.stderr.contains(
            "content/code.md:12:1: warning: `nosuchlang` is not a language the highlighter knows"
        ),
        "{}",
        run.stderr
    );
    // Each token's colour is a style attribute: the site's policy allows those, nothing more.
    let headers = site.output("_headers");
    assert!(headers.contains("style-src 'self';"), "{headers}");
    assert!(
        headers.contains("style-src-attr 'unsafe-inline'"),
        "{headers}"
    );
}

#[test]
fn class_style_writes_classes_and_the_stylesheets_that_colour_them() {
    let site = site_with("theme = \"github-light\"\nstyle = \"class\"\n");
    site.build(&[]).assert_ok();
    let document = Html::parse_document(&site.output("code/index.html"));
    let rust = select(&document, "pre.giallo.z-code")[0];
    assert!(rust.value().attr("style").is_none());
    assert_eq!(
        select(&document, "code[data-lang=rust] .giallo-l.z-hl").len(),
        1
    );
    let class_of = |document: &Html, text: &str| {
        select(document, "code[data-lang=rust] span[class]")
            .into_iter()
            .find(|s| s.text().collect::<String>() == text)
            .and_then(|s| s.value().attr("class").map(str::to_string))
            .unwrap_or_else(|| panic!("`{text}` has a class"))
    };
    // `fn` gets the class the stylesheet colours as GitHub's theme colours keywords.
    let keyword = class_of(&document, "fn");
    let css = site.output("giallo.css");
    assert!(
        css.contains(&format!(".{keyword} {{ color: #D73A49; }}")),
        "{keyword}: {css}"
    );
    assert!(css.contains(".giallo-ln"), "{css}");

    assert!(!site.output("_headers").contains("style-src-attr"));

    let site = site_with(
        "light_theme = \"github-light\"\ndark_theme = \"github-dark\"\nstyle = \"class\"\n",
    );
    site.build(&[]).assert_ok();
    let document = Html::parse_document(&site.output("code/index.html"));
    let classes = class_of(&document, "fn");
    let (light, dark) = classes.split_once(' ').expect("a light and a dark class");
    assert!(site
        .output("giallo-light.css")
        .contains(&format!(".{light} {{ color: #D73A49; }}")));
    assert!(site
        .output("giallo-dark.css")
        .contains(&format!(".{dark} {{ color: #F97583; }}")));
    assert!(!site.has_output("giallo.css"));
}

#[test]
fn a_theme_of_ones_own_and_a_grammar_of_ones_own_are_read_from_the_site() {
    let site = site_with("theme = \"bayan-test\"\nextra_themes = [\"highlight/theme.json\"]\nextra_grammars = [\"highlight/mylang.json\"]\n");
    site.write(
        "highlight/theme.json",
        r##"{"name": "bayan-test", "type": "light", "colors": {"editor.foreground": "#111111", "editor.background": "#FAFAFA"}, "tokenColors": [{"scope": "keyword", "settings": {"foreground": "#AA0000"}}]}"##,
    );
    site.write(
        "highlight/mylang.json",
        r#"{"name": "mylang", "scopeName": "source.mylang", "patterns": [{"match": "\\bshout\\b", "name": "keyword.control.mylang"}]}"#,
    );
    site.write(
        "content/mine.md",
        "+++\ntitle = \"لغتي\"\n+++\n```mylang\nshout quietly\n```\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("mylang"), "{}", run.stderr);
    let page = site.output("mine/index.html");
    assert!(
        page.contains("<span style=\"color: #AA0000;\">shout</span>"),
        "{page}"
    );
    assert!(page.contains("background-color: #FAFAFA;"), "{page}");
}

#[test]
fn a_theme_that_does_not_exist_is_an_error_at_its_table() {
    let site = site_with("theme = \"github-lihgt\"\n");
    site.build(&[])
        .assert_error("`github-lihgt` is not a highlighting theme Bayan knows");
    let lines = std::fs::read_to_string(site.path("config.toml")).unwrap();
    let line = lines
        .lines()
        .position(|l| l == "[markdown.highlighting]")
        .unwrap()
        + 1;
    site.build(&[])
        .assert_error(&format!("config.toml:{line}:1: error:"));
    assert!(!site.has_output("code/index.html"));

    let site = site_with("theme = \"github-light\"\ndark_theme = \"github-dark\"\n");
    site.build(&[])
        .assert_error("names a `theme` and a `light_theme` or `dark_theme`");
    let site = site_with("themes = \"github-light\"\n");
    site.build(&[]).assert_error("unknown field `themes`");
    let site = site_with("extra_grammars = [\"../outside.json\"]\n");
    site.build(&[])
        .assert_error("the extra grammar `../outside.json` is not a file inside the site");
}

#[test]
fn without_the_table_code_is_left_plain() {
    let site = Site::new();
    site.write("content/code.md", CODE_PAGE);
    let run = site.build(&[]);
    run.assert_ok();
    let page = site.output("code/index.html");
    assert!(!page.contains("giallo"), "{page}");
    assert!(
        page.contains("<code class=\"language-rust,linenos,hl_lines=2\">")
            || page.contains("<code class=\"language-rust\">"),
        "{page}"
    );
    assert!(!run.stderr.contains("nosuchlang"));
}
