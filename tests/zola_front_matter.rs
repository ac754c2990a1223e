//! A Zola site's pages and sections read as they are: every front-matter key Zola documents is
//! either Bayan's (a section's `generate_feeds` is its `feed`, `sort_by` takes Zola's orders,
//! a page's `authors` reach templates) or accepted with one warning at its line saying what
//! Bayan does instead; keys that are neither Bayan's nor Zola's are errors, all at once; and
//! YAML front matter between `---` lines reads like TOML, with the same keys and warnings.

mod common;

use common::Site;
use scraper::{Html, Selector};

/// The tiny theme's page template, with what these tests read of a page.
const PAGE_TEMPLATE: &str = r#"{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1><time>{{ page.date }}</time><p class="colour">{{ page.extra.colour | default(value="") }}</p><ul class="authors">{% for a in page.authors %}<li>{{ a }}</li>{% endfor %}</ul><div class="body">{{ page.content | safe }}</div>{% endblock content %}"#;

fn site() -> Site {
    let site = Site::new();
    site.write("themes/t/templates/page.html", PAGE_TEMPLATE);
    site
}

/// The texts of the elements `selector` picks in a built file.
fn texts(site: &Site, file: &str, selector: &str) -> Vec<String> {
    let html = Html::parse_document(&site.output(file));
    html.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect()
}

const SECTION_WITH_EVERY_ZOLA_KEY: &str = r#"+++
title = "News"
description = "What happened"
draft = false
sort_by = "date"
weight = 1
template = "section.html"
page_template = "page.html"
paginate_by = 10
paginate_path = "pages"
paginate_reversed = false
insert_anchor_links = "right"
in_search_index = true
render = true
redirect_to = "elsewhere/first/"
transparent = false
aliases = ["/old-news/"]
generate_feeds = true

[extra]
banner = "news.jpg"
+++
"#;

const PAGE_WITH_EVERY_ZOLA_KEY: &str = r#"+++
title = "First"
description = "The first news"
date = 2024-01-02
updated = 2024-02-03
weight = 3
draft = false
render = true
slug = "first-post"
path = "elsewhere/first"
aliases = ["/old/first/"]
authors = ["Hana", "Karim"]
in_search_index = false
template = "page.html"

[taxonomies]
tags = ["rights", "news"]

[extra]
colour = "green"
+++
Text.
"#;

/// (file, line:column, key) of every warning the two files above must give, and nothing
/// else; a table is pointed at by its name inside the brackets.
const WARNED: [(&str, &str, &str); 1] = [("content/news/_index.md", "10:1", "paginate_path")];

#[test]
fn every_zola_key_builds_with_one_warning_at_its_line() {
    let site = site();
    // The page's `[taxonomies]` are Bayan's too (tests/taxonomies.rs): the site declares
    // `tags`, and the tiny theme has no taxonomy templates, so none is written.
    site.write(
        "config.toml",
        &common::CONFIG.replace(
            "theme = \"t\"",
            "theme = \"t\"\ntaxonomies = [{ name = \"tags\", render = false }]",
        ),
    );
    site.write("content/news/_index.md", SECTION_WITH_EVERY_ZOLA_KEY);
    site.write("content/news/first.md", PAGE_WITH_EVERY_ZOLA_KEY);
    // Zola before 0.19 called `generate_feeds` `generate_feed`.
    site.write(
        "content/old/_index.md",
        "+++\ntitle = \"Old\"\ngenerate_feed = true\n+++\n",
    );
    site.write(
        "content/old/post.md",
        "+++\ntitle = \"Post\"\ndate = 2023-05-06\n+++\n",
    );
    let result = site.build(&[]);
    result.assert_ok();
    let said = format!("{}{}", result.stdout, result.stderr);
    for (file, line, key) in WARNED {
        let needle = format!(
            "{file}:{line}: warning: front matter: `{key}` is a Zola key that Bayan does not use: "
        );
        assert_eq!(said.matches(&needle).count(), 1, "{needle:?}:\n{said}");
    }
    assert_eq!(said.matches(": warning: ").count(), WARNED.len(), "{said}");
    assert!(
        said.contains("hint: the section builds as it is; remove the key to silence this warning")
    );

    // Bayan's keys did what they say: the path, the authors, the feeds of both sections.
    assert_eq!(
        texts(&site, "elsewhere/first/index.html", "ul.authors li"),
        ["Hana", "Karim"]
    );
    assert!(site.has_output("news/atom.xml"));
    let feed = site.output("news/atom.xml");
    assert!(
        feed.contains(
            "<author><name>Hana</name></author>\n    <author><name>Karim</name></author>"
        ),
        "{feed}"
    );
    assert!(site.output("old/atom.xml").contains("Post"));
    // `aliases`: each old address sends readers on, to hosts as a 301 too.
    for (old, new) in [
        ("old-news/index.html", "/news/"),
        ("old/first/index.html", "/elsewhere/first/"),
    ] {
        let html = site.output(old);
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={new}\">"
            )) && html.contains(&format!("<a href=\"{new}\">")),
            "{old}: {html}"
        );
    }
    // `redirect_to`: the section's address sends readers on, and is not in the sitemap.
    assert!(
        site.output("news/index.html")
            .contains("<meta http-equiv=\"refresh\" content=\"0; url=/elsewhere/first/\">"),
        "{}",
        site.output("news/index.html")
    );
    assert!(!site.output("sitemap.xml").contains("/news/<"));
    let redirects = site.output("_redirects");
    assert!(redirects.contains("/old-news/  /news/  301"), "{redirects}");
    assert!(
        redirects.contains("/old/first/  /elsewhere/first/  301"),
        "{redirects}"
    );
    assert!(
        redirects.contains("/news/  /elsewhere/first/  301"),
        "{redirects}"
    );

    // `bayan check` says the same warnings.
    let check = common::run(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .contains("content/news/_index.md:10:1: warning: front matter: `paginate_path`"),
        "{}",
        check.stdout
    );
}

#[test]
fn every_unknown_key_of_a_file_is_refused_at_once() {
    let site = site();
    site.write(
        "content/a.md",
        "+++\ntitel = \"A\"\ndate = 2024-01-02\nautors = [\"Hana\"]\nsort_by = \"date\"\n+++\n",
    );
    site.write(
        "content/s/_index.md",
        "+++\ntitle = \"S\"\nsort_bi = \"date\"\ndate = 2024-01-02\n+++\n",
    );
    let result = site.build(&[]);
    result
        .assert_error("content/a.md:2:1: error: front matter: unknown field `titel`")
        .assert_error("did you mean `title`?")
        .assert_error("content/a.md:4:1: error: front matter: unknown field `autors`")
        .assert_error("did you mean `authors`?")
        .assert_error("content/a.md:5:1: error: front matter: unknown field `sort_by` for a page")
        .assert_error("this key belongs in a section's _index.md, not in a page")
        .assert_error("content/s/_index.md:3:1: error: front matter: unknown field `sort_bi`")
        .assert_error("did you mean `sort_by`?")
        .assert_error(
            "content/s/_index.md:4:1: error: front matter: unknown field `date` for a section",
        )
        .assert_error("this key belongs in a page, not in a section's _index.md");
    assert!(!site.has_output("index.html"));
}

/// Writes a section sorted by `sort_by` and its pages, each (file name, front matter lines).
fn sorted_section(site: &Site, dir: &str, sort_by: &str, pages: &[(&str, &str)]) {
    site.write(
        &format!("content/{dir}/_index.md"),
        &format!("+++\ntitle = \"{dir}\"\nsort_by = \"{sort_by}\"\n+++\n"),
    );
    for (name, front) in pages {
        site.write(
            &format!("content/{dir}/{name}.md"),
            &format!("+++\n{front}\n+++\n"),
        );
    }
}

#[test]
fn sections_sort_their_pages_as_zola_does() {
    let site = site();
    // The later of `updated` and `date`, newest first.
    sorted_section(
        &site,
        "updates",
        "update_date",
        &[
            ("a", "title = \"a\"\ndate = 2018-01-01"),
            (
                "b",
                "title = \"b\"\ndate = 2017-01-01\nupdated = 2022-02-01",
            ),
            ("c", "title = \"c\"\ndate = 2019-01-01"),
        ],
    );
    // Numbers in slugs by their value.
    sorted_section(
        &site,
        "parts",
        "slug",
        &[
            ("part-10", "title = \"ten\""),
            ("part-2", "title = \"two\""),
            ("x", "title = \"one\"\nslug = \"part-1\""),
        ],
    );
    // Titles by their bytes: capitals first, letters outside ASCII last.
    let titles = ["bagel", "Österrike", "BART", "åland", "Underground"];
    let pages: Vec<(String, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("p{i}"), format!("title = \"{t}\"")))
        .collect();
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, f)| (n.as_str(), f.as_str()))
        .collect();
    sorted_section(&site, "names", "title_bytes", &pages);
    site.build(&[]).assert_ok();

    let listed = |dir: &str| texts(&site, &format!("{dir}/index.html"), "ul.pages li a");
    assert_eq!(listed("updates"), ["b", "c", "a"]);
    assert_eq!(listed("parts"), ["one", "two", "ten"]);
    assert_eq!(
        listed("names"),
        ["BART", "Underground", "bagel", "Österrike", "åland"]
    );
}

#[test]
fn yaml_front_matter_reads_like_toml() {
    let site = site();
    site.write(
        "content/notes/_index.md",
        "---\ntitle: Notes\nsort_by: title_bytes\ntransparent: true\npaginate_path: p\n---\n",
    );
    site.write(
        "content/notes/from-yaml.md",
        "---\ntitle: From YAML\ndate: 2024-03-04\nauthors:\n  - Hana\nextra:\n  colour: red\naliases: [/old/]\nin_search_index: false\n---\nBody text.\n",
    );
    let result = site.build(&[]);
    result.assert_ok();
    let said = format!("{}{}", result.stdout, result.stderr);
    let needle =
        "content/notes/_index.md:5:1: warning: front matter: `paginate_path` is a Zola key";
    assert!(said.contains(needle), "lacks {needle:?}:\n{said}");
    assert_eq!(said.matches(": warning: ").count(), 1, "{said}");
    let file = "notes/from-yaml/index.html";
    assert_eq!(texts(&site, file, "h1"), ["From YAML"]);
    assert_eq!(texts(&site, file, "time"), ["2024-03-04"]);
    assert_eq!(texts(&site, file, "p.colour"), ["red"]);
    assert_eq!(texts(&site, file, "ul.authors li"), ["Hana"]);
    assert!(site.output(file).contains("Body text."));
    assert!(site
        .output("old/index.html")
        .contains("url=/notes/from-yaml/"));
    assert_eq!(
        texts(&site, "notes/index.html", "h1"),
        ["Notes"],
        "the YAML section is read too"
    );

    // A YAML key that is neither Bayan's nor Zola's, and YAML that does not parse.
    site.write(
        "content/notes/from-yaml.md",
        "---\ntitle: From YAML\ndate: 2024-03-04\ndescripton: x\n---\n",
    );
    site.write(
        "content/notes/broken.md",
        "---\ntitle: Broken\n  date: 2024-03-04\n---\n",
    );
    site.build(&[])
        .assert_error(
            "content/notes/from-yaml.md:4:1: error: front matter: unknown field `descripton`",
        )
        .assert_error("did you mean `description`?")
        .assert_error("content/notes/broken.md:3:")
        .assert_error("check the YAML");
}

#[test]
fn authors_reach_templates_in_lists_too() {
    let site = site();
    site.write(
        "themes/t/templates/section.html",
        r#"{% extends "base.html" %}{% block content %}{% for p in section.pages %}<p class="by">{{ p.authors | join(sep=" & ") }}</p>{% endfor %}{% endblock content %}"#,
    );
    site.write("content/team/_index.md", "+++\ntitle = \"Team\"\n+++\n");
    site.write(
        "content/team/note.md",
        "+++\ntitle = \"Note\"\nauthors = [\"Hana\", \"Karim\"]\n+++\n",
    );
    site.write("content/team/other.md", "+++\ntitle = \"Other\"\n+++\n");
    site.build(&[]).assert_ok();
    let mut by = texts(&site, "team/index.html", "p.by");
    by.sort();
    assert_eq!(by, ["", "Hana & Karim"]);
    assert_eq!(
        texts(&site, "team/note/index.html", "ul.authors li"),
        ["Hana", "Karim"]
    );
}
