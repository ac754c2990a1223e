//! A Zola site's `config.toml` reads as it is: Zola's settings are accepted with one warning
//! each, at its line, saying what Bayan does instead (from `build` and `check` alike); `title`
//! and `default_language` may be left out, as Zola allows; keys that are neither Bayan's nor
//! Zola's are errors, every one of them in one run.

mod common;

use common::{run, Site};

/// A config as Zola's documentation writes one: no title, no default language, Zola's settings.
const ZOLA_CONFIG: &str = r#"base_url = "https://example.org"
theme = "bayan"
ignored_static = ["*.psd"]
minify_html = false
build_search_index = true
taxonomies = [{ name = "tags", feed = true }]

[markdown]
smart_punctuation = true

[link_checker]
internal_level = "warn"

[extra]
author = "Someone"
"#;

fn zola_site() -> Site {
    let site = Site::with_default_theme(ZOLA_CONFIG);
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
    );
    site.write(
        "content/about/index.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
    site
}

const WARNED: [&str; 5] = [
    "config.toml:3:1: warning: `ignored_static` is a Zola setting that Bayan does not use: Bayan publishes every file of static/",
    "config.toml:5:1: warning: `build_search_index` is a Zola setting",
    "config.toml:9:1: warning: `[markdown] smart_punctuation` is a Zola setting",
    "config.toml:12:1: warning: `[link_checker] internal_level` is a Zola setting",
    "hint: the site builds as it is; remove the setting to silence this warning",
];

#[test]
fn a_zola_config_builds_with_one_warning_per_zola_setting() {
    let site = zola_site();
    let result = site.build(&[]);
    result.assert_ok();
    let said = format!("{}{}", result.stdout, result.stderr);
    for needle in WARNED {
        assert!(said.contains(needle), "lacks {needle:?}:\n{said}");
    }
    assert_eq!(said.matches(": warning: ").count(), 4, "{said}");
    // `taxonomies` is Bayan's too: the list of tags is written, with no terms yet.
    assert!(site.has_output("tags/index.html"));
    assert!(!said.contains("`taxonomies`"), "{said}");
    // English, the default when none is said, at the root; `minify_html = false` is read as
    // Bayan's `minify`.
    let home = site.output("index.html");
    assert!(home.contains("lang=\"en\""), "{home}");
    assert!(
        home.lines().count() > 10,
        "minify_html = false keeps the page as rendered"
    );

    let check = run(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    for needle in &WARNED[..4] {
        assert!(
            check.stdout.contains(needle),
            "check lacks {needle:?}:\n{}",
            check.stdout
        );
    }
}

#[test]
fn keys_that_are_neither_bayans_nor_zolas_are_all_refused_at_once() {
    let site = zola_site();
    site.write(
        "config.toml",
        &ZOLA_CONFIG.replace(
            "ignored_static = [\"*.psd\"]\n",
            "ignored_static = [\"*.psd\"]\nbaseurl = \"x\"\nthem = \"y\"\n",
        ),
    );
    let result = site.build(&[]);
    result.assert_error("config.toml:4:1: error: `baseurl` is not a setting of Bayan or of Zola");
    result.assert_error("config.toml:5:1: error: `them` is not a setting of Bayan or of Zola");
    result.assert_error("did you mean `base_url`?");
    result.assert_error("did you mean `theme`?");
    assert!(!site.has_output("index.html"));
}

/// The preview says each Zola setting once, not again on every save.
#[test]
fn the_preview_says_zola_settings_once_not_on_every_save() {
    let site = zola_site();
    let preview = common::preview::Preview::start(site.root());
    for round in 1..=2 {
        site.write(
            "content/about/index.md",
            &format!("+++\ntitle = \"About\"\n+++\nWho we are, round {round}.\n"),
        );
        // A save is followed by one "Rebuilt …" line; wait for this round's.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while preview_rebuilds(&preview) < round {
            assert!(std::time::Instant::now() < deadline, "no rebuild {round}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    let stderr = preview.stderr.lock().unwrap().clone();
    assert_eq!(
        stderr.matches("`ignored_static` is a Zola setting").count(),
        1,
        "{stderr}"
    );
}

fn preview_rebuilds(preview: &common::preview::Preview) -> usize {
    preview
        .stdout
        .lock()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("Rebuilt"))
        .count()
}

/// Zola names a theme's templates `THEME/templates/NAME` too, so a site's own `index.html`
/// can extend the theme's; and a site without `section.html` or `page.html` is written with
/// Bayan's plain built-in templates, as Zola writes its placeholder, with one warning each.
#[test]
fn a_site_extends_its_themes_templates_and_missing_ones_are_built_in() {
    let site = Site::new();
    site.write(
        "templates/index.html",
        r#"{% extends "t/templates/index.html" %}{% block content %}<p class="own">own</p>{{ super() }}{% endblock content %}"#,
    );
    std::fs::remove_file(site.path("themes/t/templates/section.html")).unwrap();
    std::fs::remove_file(site.path("themes/t/templates/page.html")).unwrap();
    site.write("content/news/_index.md", "+++\ntitle = \"الأخبار\"\n+++\n");
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"خبر\"\n+++\nنص **الخبر**.\n",
    );
    site.write("content/news/b.md", "+++\ntitle = \"خبر آخر\"\n+++\nنص.\n");
    let run = site.build(&[]);
    run.assert_ok();

    // The site's index.html, inside the theme's.
    let home = site.output("index.html");
    assert!(
        home.contains("<p class=\"own\">own</p><h1>الرئيسية</h1>"),
        "{home}"
    );

    // The built-in templates: the page's text and title, the section's list, in the
    // language's direction.
    let page = site.output("news/a/index.html");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(page.contains("<h1>خبر</h1>"), "{page}");
    assert!(page.contains("<strong>الخبر</strong>"), "{page}");
    let section = site.output("news/index.html");
    assert!(section.contains("<h1>الأخبار</h1>"), "{section}");
    assert!(section.contains(">خبر آخر</a>"), "{section}");
    assert!(
        run.stderr.contains("content/news/a.md: warning: there is no template `page.html`: this and 1 more is written with Bayan's plain built-in one"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/news/_index.md: warning: there is no template `section.html`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`index.html`"), "{}", run.stderr);

    // A template the front matter names stays an error when it is missing.
    site.write(
        "content/news/b.md",
        "+++\ntitle = \"خبر آخر\"\ntemplate = \"special.html\"\n+++\nنص.\n",
    );
    site.build(&[])
        .assert_error("content/news/b.md:3:13: error: template `special.html` does not exist")
        .assert_error("templates available: base.html, index.html\n");
}

/// Zola's page and section variables `relative_path`, `translations` (every language, itself
/// among them, with the file `get_page` takes) and `summary`, `content` in what `get_page` and
/// `get_section` give, a subsection passed to `get_section`, and the `markdown` filter.
#[test]
fn templates_see_zolas_relative_path_translations_summary_and_markdown() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        r#"{% extends "base.html" %}{% block content %}<p class="rel">{{ page.relative_path }}</p>{% for t in page.translations %}<p class="t">{% set other = get_page(path=t.path) %}{{ t.lang }}|{{ t.title }}|{{ t.permalink }}|{{ other.title }}|{{ other.content | striptags | trim }}</p>{% endfor %}<div class="summary">{{ page.summary | default(value="none") | safe }}</div><div class="md">{{ page.extra.note | markdown | safe }}</div><span class="inline">{{ "*مهم*" | markdown(inline=true) | safe }}</span>{% endblock content %}"#,
    );
    site.write(
        "templates/section.html",
        r#"{% extends "base.html" %}{% block content %}<p class="rel">{{ section.relative_path }}</p>{% for t in section.translations %}<p class="t">{{ t.lang }}|{{ t.title }}</p>{% endfor %}{% set home = get_section(path="_index.md") %}<p class="home">{{ home.content | trim | safe }}</p>{% for sub in section.subsections %}{% set full = get_section(path=sub) %}<p class="sub">{{ sub.relative_path }}|{{ full.title }}|{{ full.pages | length }}</p>{% endfor %}{% for p in section.pages %}<div class="s">{{ p.summary | default(value="none") | safe }}</div>{% endfor %}{% endblock content %}"#,
    );
    site.write("content/news/_index.md", "+++\ntitle = \"الأخبار\"\n+++\n");
    site.write("content/news/_index.en.md", "+++\ntitle = \"News\"\n+++\n");
    site.write(
        "content/_index.md",
        "+++\ntitle = \"الرئيسية\"\n+++\nأهلًا.\n",
    );
    site.write(
        "content/news/local/_index.md",
        "+++\ntitle = \"محلي\"\n+++\n",
    );
    site.write(
        "content/news/local/b.md",
        "+++\ntitle = \"ب\"\n[extra]\nnote = \"\"\n+++\n",
    );
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"خبر\"\n[extra]\nnote = \"**ملاحظة** \\\"مقتبسة\\\"\"\n+++\nالمقدمة.\n\n<!-- more -->\n\nالباقي.\n",
    );
    site.write(
        "content/news/a.en.md",
        "+++\ntitle = \"Story\"\n[extra]\nnote = \"A \\\"quoted\\\" note\"\n+++\nNo marker here.\n",
    );
    site.build(&[]).assert_ok();

    let page = site.output("news/a/index.html");
    assert!(page.contains("<p class=\"rel\">news/a.md</p>"), "{page}");
    assert!(
        page.contains("<p class=\"t\">ar|خبر|https://example.org/news/a/|خبر|المقدمة.\n\nالباقي.</p><p class=\"t\">en|Story|https://example.org/en/news/a/|Story|No marker here.</p>"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"summary\"><p>المقدمة.</p></div>"),
        "{page}"
    );
    // Arabic keeps straight quotes as typed; English gets typographic ones.
    assert!(
        page.contains("<div class=\"md\"><p><strong>ملاحظة</strong> \"مقتبسة\"</p>\n</div>"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"inline\"><em>مهم</em></span>"),
        "{page}"
    );
    let english = site.output("en/news/a/index.html");
    assert!(
        english.contains("<p class=\"rel\">news/a.en.md</p>"),
        "{english}"
    );
    assert!(
        english.contains("<div class=\"summary\">none</div>"),
        "{english}"
    );
    assert!(
        english.contains("<div class=\"md\"><p>A “quoted” note</p>\n</div>"),
        "{english}"
    );

    let section = site.output("news/index.html");
    assert!(
        section.contains("<p class=\"rel\">news/_index.md</p>"),
        "{section}"
    );
    assert!(
        section.contains("<p class=\"t\">ar|الأخبار</p><p class=\"t\">en|News</p>"),
        "{section}"
    );
    assert!(
        section.contains("<div class=\"s\"><p>المقدمة.</p></div>"),
        "{section}"
    );
    assert!(
        section.contains("<p class=\"home\"><p>أهلًا.</p></p>"),
        "{section}"
    );
    // Zola's templates pass a subsection to get_section as its path; Bayan's are items.
    assert!(
        section.contains("<p class=\"sub\">news/local/_index.md|محلي|1</p>"),
        "{section}"
    );
}

/// Zola's `get_hash`: a SHA-2 digest, base64 unless asked otherwise, of a text or of a file
/// found from the site's folder, static/ or the theme's static/; never of a file outside the
/// site, through `..` or a symlink.
#[test]
fn get_hash_digests_texts_and_the_sites_files_and_nothing_outside() {
    let site = Site::new();
    site.write("static/scripts/hello.js", "console.log(1);\n");
    site.write(
        "templates/page.html",
        r#"{% extends "base.html" %}{% block content %}<p class="literal">{{ get_hash(literal="hello") }}</p><p class="hex">{{ get_hash(path="scripts/hello.js", sha_type=256, base64=false) }}</p><p class="root">{{ get_hash(path="static/scripts/hello.js", sha_type=512) }}</p>{% endblock content %}"#,
    );
    site.write("content/a.md", "+++\ntitle = \"أ\"\n+++\n");
    site.build(&[]).assert_ok();
    let page = site.output("a/index.html");
    assert!(
        page.contains("<p class=\"literal\">WeF0h3dEjGnea4ANejO7+5/xtGPkQ1TDVTvNucZm+pASWjx5+QOXvfX2oT3oKGhP</p>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<p class=\"hex\">b603d946eb2b396ca4ecf65c223daff659dbe6f1cfeac235b7c61d3ba6964cae</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"root\">e+JW3z/2CMfsXHnQe3tc9DSzU4LDRezXRedpmgPC2YsZoDYcrJ+rtLwn2sQGHc6rDUAbTLC4HbX7Kyw22kUPQA==</p>"),
        "{page}"
    );

    // Outside the site: by `..`, and by a symlink inside static/ to a file elsewhere.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path("static/linked.txt"),
    )
    .unwrap();
    for path in ["../secret.txt", "linked.txt"] {
        site.write(
            "templates/page.html",
            &format!(
                r#"{{% extends "base.html" %}}{{% block content %}}{{{{ get_hash(path="{path}") }}}}{{% endblock content %}}"#
            ),
        );
        site.build(&[])
            .assert_error("templates/page.html")
            .assert_error("get_hash:");
    }
}

/// A site's (or its theme's) own `robots.txt` and `sitemap.xml` templates are used, with
/// `config`, the page functions, and for the sitemap Zola's `entries`; a broken one stops the
/// build at its line with the output folder unchanged; a file in static/ still wins.
#[test]
fn a_sites_own_robots_and_sitemap_templates_are_used() {
    let site = Site::new();
    site.write(
        "content/about.md",
        "+++\ntitle = \"من نحن\"\ndate = 2024-03-01\n+++\n",
    );
    site.write("content/about.en.md", "+++\ntitle = \"About\"\n+++\n");
    site.write(
        "templates/robots.txt",
        "User-agent: bayan-test\nDisallow: /drafts/\nSitemap: {{ config.base_url }}/sitemap.xml ({{ lang }})\n",
    );
    site.write(
        "themes/t/templates/sitemap.xml",
        "<urlset>{% for e in entries %}<url><loc>{{ e.permalink }}</loc>{% if e.updated %}<lastmod>{{ e.updated }}</lastmod>{% endif %}<n>{{ e.alternates | length }}</n></url>{% endfor %}</urlset>\n",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: bayan-test\nDisallow: /drafts/\nSitemap: https://example.org/sitemap.xml (ar)\n"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains(
            "<url><loc>https://example.org/about/</loc><lastmod>2024-03-01</lastmod><n>3</n></url>"
        ),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.org/en/about/</loc>"),
        "{sitemap}"
    );

    let before = common::snapshot(&site.path("public"));
    site.write(
        "templates/robots.txt",
        "User-agent: *\n{{ config.nope.deeper }}\n",
    );
    site.build(&[]).assert_error("robots.txt:2");
    assert_eq!(before, common::snapshot(&site.path("public")));

    site.write("static/robots.txt", "User-agent: static\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.output("robots.txt"), "User-agent: static\n");
}

/// A site's own `atom.xml` template writes every feed (each language's, a section's, a
/// term's) with Zola's names: `feed_url`, `last_updated`, `lang`, `pages` with their
/// `content` (links absolute) and `summary`, and `section` or `term`; a broken one stops the
/// build at its line.
#[test]
fn a_sites_own_atom_template_writes_every_feed() {
    let site = Site::new();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &config.replace(
            "theme = \"t\"",
            "theme = \"t\"\ntaxonomies = [{ name = \"tags\", feed = true }]",
        ),
    );
    site.write(
        "content/news/_index.md",
        "+++\ntitle = \"أخبار\"\nfeed = true\n+++\n",
    );
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"خبر\"\ndate = 2024-03-01\n[taxonomies]\ntags = [\"غزة\"]\n+++\nأول.\n\n<!-- more -->\n\n[عن](@/about.md)\n",
    );
    site.write("content/about.md", "+++\ntitle = \"من نحن\"\n+++\n");
    site.write(
        "content/news/b.en.md",
        "+++\ntitle = \"News\"\ndate = 2024-04-02\n+++\nText.\n",
    );
    site.write(
        "templates/atom.xml",
        "<feed xml:lang=\"{{ lang }}\"><title>{% if term %}{{ term.name }}{% elif section %}{{ section.title }}{% else %}{{ config.title }}{% endif %}</title><link href=\"{{ feed_url }}\"/><updated>{{ last_updated }}</updated>{% for page in pages %}<entry><title>{{ page.title }}</title><link href=\"{{ page.permalink }}\"/><summary>{{ page.summary }}</summary><content>{{ page.content }}</content></entry>{% endfor %}</feed>\n",
    );
    site.build(&[]).assert_ok();
    let arabic = site.output("atom.xml");
    let document = roxmltree::Document::parse(&arabic).unwrap();
    let root = document.root_element();
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("ar")
    );
    let text = |name: &str| {
        let node = root.descendants().find(|n| n.has_tag_name(name));
        node.and_then(|n| n.text()).unwrap_or_default().to_string()
    };
    assert_eq!(text("title"), "Test site");
    assert_eq!(text("updated"), "2024-03-01T00:00:00Z");
    let link = root.children().find(|n| n.has_tag_name("link")).unwrap();
    assert_eq!(link.attribute("href"), Some("https://example.org/atom.xml"));
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1, "{arabic}");
    let content = text("content");
    assert!(
        content.contains("href=\"https://example.org/about/\""),
        "{content}"
    );
    assert!(text("summary").contains("أول"), "{arabic}");
    assert!(!text("summary").contains("عن"), "{arabic}");

    let english = site.output("en/atom.xml");
    assert!(english.contains("xml:lang=\"en\""), "{english}");
    assert!(english.contains("<title>News</title>"), "{english}");
    assert!(site
        .output("news/atom.xml")
        .contains("<title>أخبار</title>"));
    let term = site.output("tags/غزة/atom.xml");
    assert!(
        term.starts_with("<feed xml:lang=\"ar\"><title>غزة</title>"),
        "{term}"
    );

    site.write("templates/atom.xml", "<feed>\n{{ pages | nope }}</feed>\n");
    site.build(&[]).assert_error("templates/atom.xml:2:");
}
