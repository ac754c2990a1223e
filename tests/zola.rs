//! A Zola site's `config.toml` reads as it is: Zola's settings are accepted with one warning
//! each, at its line, saying what Bayan does instead (from `build` and `check` alike); `title`
//! and `default_language` may be left out, as Zola allows; keys that are neither Bayan's nor
//! Zola's are errors, every one of them in one run.

mod common;

use common::{run, Site};

/// A config as Zola's documentation writes one: no title, no default language, Zola's settings.
const ZOLA_CONFIG: &str = r#"base_url = "https://example.org"
theme = "bayan"
compile_sass = true
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
    "config.toml:3:1: warning: `compile_sass` is a Zola setting that Bayan does not use: Bayan does not compile Sass",
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
            "compile_sass = true\n",
            "compile_sass = true\nbaseurl = \"x\"\nthem = \"y\"\n",
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
        stderr.matches("`compile_sass` is a Zola setting").count(),
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
