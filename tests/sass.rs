//! Sass, as Zola compiles it: `sass/**/*.scss` and `*.sass` to CSS at the same place, partials
//! only imported, the theme's always and the site's with `compile_sass = true`, minified and
//! fingerprinted like the theme's CSS; errors at the file, line and column of the Sass;
//! nothing read from outside the site; a save in the preview swaps the stylesheet.

mod common;

use common::preview::Preview;
use common::Site;

/// A trilingual site whose theme links its compiled stylesheet and the site's.
fn sass_site() -> Site {
    let site = Site::new();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    let config = config.replace("minify = false", "minify = true");
    site.write("config.toml", &format!("compile_sass = true\n{config}"));
    site.write(
        "themes/t/templates/base.html",
        r#"<!doctype html><html lang="{{ lang }}"><head><title>{{ config.title }}</title><link rel="stylesheet" href="{{ get_url(path='theme.css') }}"><link rel="stylesheet" href="{{ get_url(path='site/main.css') }}"></head><body>{% block content %}{% endblock content %}</body></html>"#,
    );
    site.write(
        "themes/t/sass/theme.scss",
        "$ink: #123456;\nbody { color: $ink; }\n",
    );
    site.write(
        "sass/_palette.scss",
        "$accent: rgb(200, 0, 0);\n$gap: 2rem;\n",
    );
    site.write(
        "sass/site/main.scss",
        "@import \"../palette\";\n.card {\n  margin-inline: $gap;\n  a { color: $accent; }\n}\n",
    );
    site.write("sass/site/indented.sass", ".note\n  padding: 1px\n");
    site.write("content/about.md", "+++\ntitle = \"من نحن\"\n+++\nنص.\n");
    site.write(
        "content/about.en.md",
        "+++\ntitle = \"About\"\n+++\nText.\n",
    );
    site.write(
        "content/about.ku.md",
        "+++\ntitle = \"Derbarê me\"\n+++\nNivîs.\n",
    );
    site
}

/// The `href` of every stylesheet a page links.
fn stylesheets(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let links = scraper::Selector::parse("link[rel=stylesheet]").unwrap();
    document
        .select(&links)
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn sass_compiles_to_minified_fingerprinted_css_that_every_language_links() {
    let site = sass_site();
    site.build(&[]).assert_ok();
    for page in [
        "about/index.html",
        "en/about/index.html",
        "ku/about/index.html",
    ] {
        let hrefs = stylesheets(&site.output(page));
        assert_eq!(hrefs.len(), 2, "{page}: {hrefs:?}");
        for href in &hrefs {
            // Links are relative to the page: resolve them against its folder.
            let page_dir = std::path::Path::new(page).parent().unwrap();
            let file = page_dir.join(href);
            let file = normalise(&file);
            assert!(
                site.has_output(&file),
                "{page} links {href}, which is not written"
            );
            assert!(
                file.rsplit('/').next().unwrap().split('.').count() == 3,
                "{href} is fingerprinted"
            );
        }
    }
    let main = site.output(&fingerprinted(&site, "site/main"));
    assert!(main.contains(".card{margin-inline:2rem}"), "{main}");
    assert!(main.contains(".card a{color:#c80000}"), "{main}");
    assert!(!main.contains('\n'), "minified: {main}");
    assert!(site
        .output(&fingerprinted(&site, "theme"))
        .contains("#123456"));
    // The plain names too, as static files are, for links written by hand.
    assert!(site.output("site/main.css").contains("margin-inline"));
    assert!(site.output("site/indented.css").contains("padding"));
    // Partials are only imported; Sass sources are not published.
    assert!(!site.has_output("_palette.css") && !site.has_output("palette.css"));
    assert!(!site.has_output("site/main.scss"));
}

/// `a/../b` → `b`.
fn normalise(path: &std::path::Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// The output path of the fingerprinted copy of `stem.css`.
fn fingerprinted(site: &Site, stem: &str) -> String {
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    let folder = site.path("public").join(dir);
    let found = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|f| {
            f.starts_with(&format!("{name}.")) && f.ends_with(".css") && f.len() > name.len() + 5
        })
        .unwrap_or_else(|| panic!("no fingerprinted {stem}.css in {}", folder.display()));
    match dir {
        "" => found,
        dir => format!("{dir}/{found}"),
    }
}

#[test]
fn the_site_sass_needs_compile_sass_the_theme_sass_does_not() {
    let site = sass_site();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write("config.toml", &config.replace("compile_sass = true\n", ""));
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("sass: warning: the Sass files of sass/ are not compiled")
            && run.stderr.contains("compile_sass = true"),
        "{}",
        run.stderr
    );
    assert!(!site.has_output("site/main.css"));
    assert!(site.has_output("theme.css"));
}

#[test]
fn the_site_sass_replaces_the_theme_file_of_the_same_name() {
    let site = sass_site();
    site.write("sass/theme.scss", "body { color: #abcdef; }\n");
    site.build(&[]).assert_ok();
    let css = site.output("theme.css");
    assert!(css.contains("#abcdef") && !css.contains("#123456"), "{css}");
}

#[test]
fn sass_errors_name_the_file_line_and_column_and_change_nothing() {
    let site = sass_site();
    site.build(&[]).assert_ok();
    let before = common::snapshot(&site.path("public"));
    // The mistake is in the partial, on its second line.
    site.write("sass/_palette.scss", "$accent: red;\n$gap: 2rem +;\n");
    let run = site.build(&[]);
    run.assert_error("sass/_palette.scss:2:");
    run.assert_error("error: Sass: ");
    assert_eq!(before, common::snapshot(&site.path("public")));

    site.write("sass/_palette.scss", "$accent: red;\n$gap: 2rem;\n");
    site.write("sass/site/broken.scss", ".a {\n  color: $nowhere;\n}\n");
    site.build(&[])
        .assert_error("sass/site/broken.scss:2:10: error: Sass: Undefined variable.");
    assert_eq!(before, common::snapshot(&site.path("public")));
}

#[test]
fn two_sources_of_one_stylesheet_are_refused() {
    let site = sass_site();
    site.write("sass/site/main.sass", ".x\n  color: red\n");
    site.build(&[]).assert_error(
        "sass/site/main.sass and sass/site/main.scss would both become site/main.css",
    );
}

#[cfg(unix)]
#[test]
fn sass_reads_nothing_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("_secret.scss"),
        ".secret { color: red; }\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("loot.scss"), ".loot { color: red; }\n").unwrap();
    let site = sass_site();
    // Through `..`, through an absolute path, and through a link inside sass/.
    let relative = format!(
        "{}/secret",
        pathdiff(site.path("sass/site").as_path(), outside.path())
    );
    site.write("sass/site/main.scss", &format!("@import \"{relative}\";\n"));
    site.build(&[])
        .assert_error("sass/site/main.scss:1:9: error: Sass: Can't find stylesheet to import.");
    site.write(
        "sass/site/main.scss",
        &format!("@import \"{}/secret\";\n", outside.path().display()),
    );
    site.build(&[])
        .assert_error("Can't find stylesheet to import.");
    site.write("sass/site/main.scss", ".ok { color: blue; }\n");
    std::os::unix::fs::symlink(
        outside.path().join("loot.scss"),
        site.path("sass/loot.scss"),
    )
    .unwrap();
    let run = site.build(&[]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!site.has_output("loot.css"));
    assert!(run.stderr.contains("sass/loot.scss"), "{}", run.stderr);
}

/// The relative path from `from` to `to`: `../../…`.
fn pathdiff(from: &std::path::Path, to: &std::path::Path) -> String {
    let ups = from.components().count();
    let mut path = "../".repeat(ups);
    path.push_str(to.to_str().unwrap().trim_start_matches('/'));
    path
}

#[test]
fn a_saved_partial_swaps_the_stylesheet_in_the_preview() {
    let site = sass_site();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    assert!(preview.get("/site/main.css").text().contains("2rem"));
    site.write(
        "sass/_palette.scss",
        "$accent: rgb(200, 0, 0);\n$gap: 3rem;\n",
    );
    events.expect("css");
    let css = preview.get("/site/main.css").text();
    assert!(css.contains("3rem") && !css.contains("2rem"), "{css}");
}
