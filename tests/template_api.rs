//! Zola's template API beyond lookups: `trans` (Bayan's UI strings, then Zola's
//! `[translations]`), `load_data`, `get_image_metadata`, `resize_image`, the `base64_*`, `regex_replace` and
//! `num_format` filters, `page.lower`/`higher`, `ancestors`, `components`, `year`/`month`/`day`,
//! `get_section(metadata_only=true)`, and the table of
//! contents nested with `permalink` and `children`, as a Zola site's own templates use them.

mod common;

use common::Site;
use scraper::{Html, Selector};

const CONFIG: &str = r#"base_url = "https://example.org"
title = "Data"
minify_html = false

[translations]
greeting = "Hello"

[languages.ar]
title = "بيانات"

[languages.ar.translations]
greeting = "مرحبا"
"#;

const PAGE: &str = r#"<!doctype html><html lang="{{ lang }}"><head><title>{{ page.title }}</title></head><body>
<p id="trans">{{ trans(key="greeting") }}|{{ trans(key="greeting", lang="ar") }}</p>
<p id="lower">{% if page.lower %}{{ page.lower.title }}{% else %}none{% endif %}</p>
<p id="higher">{% if page.higher %}{{ page.higher.title }}{% else %}none{% endif %}</p>
<p id="ancestors">{{ page.ancestors | join(sep=",") }}</p>
<p id="components">{{ page.components | join(sep=",") }}</p>
<p id="date-parts">{{ page.year }}-{{ page.month }}-{{ page.day }}</p>
{% set news = get_section(path="news/_index.md", metadata_only=true) %}
<p id="metadata-only">{{ news.title }} {{ news.pages | length }} {{ news.pages_count }}</p>
<ol id="toc">{% for h in page.toc %}<li data-permalink="{{ h.permalink }}">{{ h.title }}<ol>{% for c in h.children %}<li data-permalink="{{ c.permalink }}">{{ c.title }}</li>{% endfor %}</ol></li>{% endfor %}</ol>
{% set people = load_data(path="data/people.csv") %}
<p id="csv">{{ people.headers | join(sep=",") }}|{% for r in people.records %}{{ r[1] }};{% endfor %}</p>
{% set info = load_data(path="data/info.toml") %}
<p id="toml">{{ info.office.city }}</p>
{% set bob = load_data(literal='{"name": "bob"}', format="json") %}
<p id="literal">{{ bob.name }}</p>
{% set none = load_data(path="data/none.json", required=false) %}
<p id="missing">{% if none %}something{% else %}nothing{% endif %}</p>
{% set logo = get_image_metadata(path="logo.png") %}
<p id="png">{{ logo.width }}x{{ logo.height }} {{ logo.format }} {{ logo.mime }}</p>
{% set icon = get_image_metadata(path="icon.svg") %}
<p id="svg">{{ icon.width }}x{{ icon.height }} {{ icon.format }}</p>
{% set small = resize_image(path="logo.png", width=15, op="fit_width") %}
<img id="small" src="{{ small.url }}" width="{{ small.width }}" height="{{ small.height }}" data-static="{{ small.static_path }}">
{% set square = resize_image(path="logo.png", width=10, height=10, format="jpg") %}
<img id="square" src="{{ square.url }}" data-static="{{ square.static_path }}" data-orig="{{ square.orig_width }}x{{ square.orig_height }}">
{% set turned = resize_image(path="turned.jpg", width=10, op="fit_width") %}
<img id="turned" src="{{ turned.url }}" data-static="{{ turned.static_path }}" data-orig="{{ turned.orig_width }}x{{ turned.orig_height }}">
<p id="base64">{{ "سلام" | base64_encode }}|{{ "c2FsYW0=" | base64_decode }}</p>
<p id="regex">{{ "2023-06-05" | regex_replace(pattern="(\d+)-(\d+)-(\d+)", rep="$3/$2/$1") }}</p>
<p id="num">{{ 1234567 | num_format }}|{{ 1234567 | num_format(locale="ar-PS") }}</p>
<div class="body">{{ page.content | safe }}</div>
</body></html>
"#;

/// A Zola site with its own templates: news sorted by date, a page with nested headings,
/// data files and images.
fn data_site() -> Site {
    let site = Site::new();
    site.remove("config.toml");
    site.remove("content/_index.md");
    site.write("config.toml", CONFIG);
    site.write(
        "templates/index.html",
        "<!doctype html><title>{{ section.title }}</title><p id=\"components\">{{ section.components | length }}</p>",
    );
    site.write(
        "templates/section.html",
        "<!doctype html><title>{{ section.title }}</title><p id=\"ancestors\">{{ section.ancestors | join(sep=\",\") }}</p><p id=\"components\">{{ section.components | join(sep=\",\") }}</p>",
    );
    site.write("templates/page.html", PAGE);
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write("content/_index.ar.md", "+++\ntitle = \"الرئيسية\"\n+++\n");
    site.write(
        "content/news/_index.md",
        "+++\ntitle = \"News\"\nsort_by = \"date\"\n+++\n",
    );
    for (slug, day) in [("first", 1), ("second", 2), ("third", 3)] {
        site.write(
            &format!("content/news/{slug}.md"),
            &format!("+++\ntitle = \"{slug}\"\ndate = 2024-01-0{day}\n+++\n## Findings\n\n### In Gaza\n\n### In the West Bank\n\n## Method\n"),
        );
    }
    site.write(
        "content/news/_index.ar.md",
        "+++\ntitle = \"أخبار\"\nsort_by = \"date\"\n+++\n",
    );
    site.write(
        "content/news/second.ar.md",
        "+++\ntitle = \"الثاني\"\ndate = 2024-01-02\n+++\nنص.\n",
    );
    site.write(
        "data/people.csv",
        "name,role\nLayla,\"director, Gaza office\"\nOmar,researcher\n",
    );
    site.write("data/info.toml", "[office]\ncity = \"Ramallah\"\n");
    site.write(
        "static/icon.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24"></svg>"#,
    );
    let mut png = Vec::new();
    image::RgbImage::new(30, 20)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("static/logo.png", &png);
    // Stored 40 wide and 20 high, by a camera that says to turn it a quarter: upright it is
    // 20 wide and 40 high.
    let tiff = common::photos::exif_tiff(6, "X1", 31.5, 34.4);
    let turned = common::photos::camera_jpeg(&image::RgbImage::new(40, 20), &tiff);
    site.write_bytes("static/turned.jpg", &turned);
    site
}

fn text(html: &str, css: &str) -> String {
    let document = Html::parse_document(html);
    let selector = Selector::parse(css).unwrap();
    let element = document.select(&selector).next();
    let element = element.unwrap_or_else(|| panic!("no {css} in:\n{html}"));
    element.text().collect::<String>().trim().to_string()
}

#[test]
fn zolas_functions_filters_and_page_fields_answer_as_in_zola() {
    let site = data_site();
    site.build(&[]).assert_ok();
    let second = site.output("news/second/index.html");
    assert_eq!(text(&second, "#trans"), "Hello|مرحبا");
    // Sorted by date, newest first: the page before the second is the third.
    assert_eq!(text(&second, "#lower"), "third");
    assert_eq!(text(&second, "#higher"), "first");
    assert_eq!(
        text(&site.output("news/third/index.html"), "#lower"),
        "none"
    );
    assert_eq!(text(&second, "#ancestors"), "_index.md,news/_index.md");
    assert_eq!(text(&second, "#components"), "news,second");
    assert_eq!(text(&second, "#date-parts"), "2024-1-2");
    assert_eq!(text(&second, "#metadata-only"), "News 0 3");
    assert_eq!(
        text(&second, "#csv"),
        "name,role|director, Gaza office;researcher;"
    );
    assert_eq!(text(&second, "#toml"), "Ramallah");
    assert_eq!(text(&second, "#literal"), "bob");
    assert_eq!(text(&second, "#missing"), "nothing");
    assert_eq!(text(&second, "#png"), "30x20 png image/png");
    assert_eq!(text(&second, "#svg"), "48x24 svg");
    assert_eq!(text(&second, "#base64"), "2LPZhNin2YU=|salam");
    assert_eq!(text(&second, "#regex"), "05/06/2023");
    assert_eq!(text(&second, "#num"), "1,234,567|١٬٢٣٤٬٥٦٧");

    // Resized copies are published where their addresses say, at the sizes they say.
    let document = Html::parse_document(&second);
    for (id, size, format) in [
        ("small", (15, 10), image::ImageFormat::Png),
        ("square", (10, 10), image::ImageFormat::Jpeg),
        ("turned", (10, 20), image::ImageFormat::Jpeg),
    ] {
        let img = document
            .select(&Selector::parse(&format!("#{id}")).unwrap())
            .next()
            .unwrap();
        let static_path = img.value().attr("data-static").unwrap();
        assert!(
            static_path.starts_with("processed_images/"),
            "{static_path}"
        );
        let src = img.value().attr("src").unwrap();
        assert_eq!(src, format!("../../{static_path}"), "relative to the page");
        let bytes = std::fs::read(site.path("public").join(static_path)).unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), format);
        let copy = image::load_from_memory(&bytes).unwrap();
        assert_eq!((copy.width(), copy.height()), size, "{id}");
    }
    assert_eq!(
        document
            .select(&Selector::parse("#square").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("data-orig"),
        Some("30x20")
    );
    let turned = document
        .select(&Selector::parse("#turned").unwrap())
        .next()
        .unwrap();
    assert_eq!(turned.value().attr("data-orig"), Some("20x40"), "upright");

    // The table of contents nests third-rank headings under the second-rank one before them.
    let document = Html::parse_document(&second);
    let top = Selector::parse("#toc > li").unwrap();
    let tops: Vec<_> = document.select(&top).collect();
    assert_eq!(tops.len(), 2, "two second-rank headings");
    assert_eq!(
        tops[0].value().attr("data-permalink"),
        Some("https://example.org/news/second/#findings")
    );
    let children = Selector::parse("ol > li").unwrap();
    let under: Vec<String> = (tops[0].select(&children))
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(under, ["In Gaza", "In the West Bank"]);

    // The Arabic page answers in Arabic, and its section's files are the Arabic ones.
    let arabic = site.output("ar/news/second/index.html");
    assert_eq!(text(&arabic, "#trans"), "مرحبا|مرحبا");
    assert_eq!(
        text(&arabic, "#ancestors"),
        "_index.ar.md,news/_index.ar.md"
    );
    assert_eq!(text(&arabic, "#components"), "ar,news,second");
    let news = site.output("news/index.html");
    assert_eq!(text(&news, "#ancestors"), "_index.md");
    assert_eq!(text(&news, "#components"), "news");
}

#[test]
fn zolas_ui_strings_need_no_warning_and_must_be_text() {
    let site = data_site();
    let run = site.build(&[]);
    run.assert_ok();
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(!said.contains("translations"), "{said}");
    site.write(
        "config.toml",
        &CONFIG.replace("greeting = \"Hello\"", "greeting = 3"),
    );
    site.build(&[]).assert_error(
        "config.toml:6:1: error: `greeting` of [translations] is a UI string, which is text",
    );
}

#[test]
fn a_missing_string_or_a_file_outside_the_site_stops_the_build_at_the_call() {
    let site = data_site();
    site.write(
        "templates/page.html",
        &PAGE.replace("trans(key=\"greeting\")", "trans(key=\"farewell\")"),
    );
    let run = site.build(&[]);
    run.assert_error("there is no UI string `farewell` in `en`");
    assert!(
        run.stderr.contains("templates/page.html:2:"),
        "{}",
        run.stderr
    );

    std::fs::write(site.root().join("../secret.toml"), "a = 1").ok();
    site.write(
        "templates/page.html",
        "{{ load_data(path=\"../secret.toml\") }}",
    );
    site.build(&[])
        .assert_error("load_data: `../secret.toml` is not a file inside the site's folder");
    site.write(
        "templates/page.html",
        "{{ load_data(url=\"https://example.com/data.json\") }}",
    );
    site.build(&[])
        .assert_error("Bayan does not fetch `https://example.com/data.json` while building");
}

#[test]
fn a_failing_call_is_located_at_the_call_not_at_a_word_like_it() {
    let site = data_site();
    site.write("templates/partials/datum.html", "<p>partial</p>");
    // "datum" is first written in a file name and in text; the filter is on line 4.
    site.write(
        "templates/page.html",
        "{% include \"partials/datum.html\" %}\n<p>datum</p>\n{# {{ x | datum }} #}\n<p>{{ page.date | datum }}</p>\n",
    );
    let run = site.build(&[]);
    run.assert_error("Filter 'datum' not found");
    assert!(
        run.stderr.contains("templates/page.html:4:"),
        "{}",
        run.stderr
    );
    // `soon()` is not `soon_year`, which comes first.
    site.write(
        "templates/page.html",
        "{% set soon_year = 2024 %}\n{{ soon_year }}\n{{ soon() }}\n",
    );
    let run = site.build(&[]);
    run.assert_error("Function 'soon' not found");
    assert!(
        run.stderr.contains("templates/page.html:3:4"),
        "{}",
        run.stderr
    );
    // A call in a parent template is found there, not in the child that extends it.
    site.write(
        "templates/base.html",
        "<title>{{ config.title }}</title>\n{% block body %}{% endblock body %}\n<footer>{{ trans(key=\"farewell\") }}</footer>\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block body %}{{ trans(key=\"greeting\") }}{% endblock body %}\n",
    );
    let run = site.build(&[]);
    run.assert_error("there is no UI string `farewell`");
    assert!(
        run.stderr.contains("templates/base.html:3:12"),
        "{}",
        run.stderr
    );
}
