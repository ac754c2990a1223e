//! Zola's keys about addresses and outputs, done as Zola does them: a page's `path`, `render =
//! false` on pages and sections, a section's `transparent`, `paginate_reversed` and
//! `insert_anchor_links`; each on a small real site built by the real binary, in Arabic,
//! English and Kurmanji where the language matters.

mod common;

use common::Site;
use scraper::{Html, Selector};

/// The texts of the elements `selector` picks in a built file.
fn texts(site: &Site, file: &str, selector: &str) -> Vec<String> {
    let html = Html::parse_document(&site.output(file));
    html.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The values of attribute `attr` of the elements `selector` picks in a built file.
fn attrs(site: &Site, file: &str, selector: &str, attr: &str) -> Vec<String> {
    let html = Html::parse_document(&site.output(file));
    html.select(&Selector::parse(selector).unwrap())
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn a_pages_path_is_its_address_from_the_sites_root_in_every_language() {
    let site = Site::new();
    site.write("content/news/_index.md", "+++\ntitle = \"أخبار\"\n+++\n");
    site.write("content/news/_index.en.md", "+++\ntitle = \"News\"\n+++\n");
    site.write(
        "content/news/first/index.md",
        "+++\ntitle = \"الأول\"\npath = \"/من-نحن/\"\n+++\n[en](@/news/first/index.en.md)\n",
    );
    // As in Zola, no language folder is added: a translation names its own.
    site.write(
        "content/news/first/index.en.md",
        "+++\ntitle = \"First\"\npath = \"en/about-us\"\n+++\n[ar](@/news/first/index.ar.md)\n",
    );
    site.write(
        "content/news/first/index.ku.md",
        "+++\ntitle = \"Yekem\"\npath = \"ku//derbarê-me///\"\n+++\n",
    );
    site.write_bytes("content/news/first/report.pdf", b"%PDF-1.4\n");
    site.build(&[]).assert_ok();

    assert_eq!(texts(&site, "من-نحن/index.html", "h1"), ["الأول"]);
    assert_eq!(texts(&site, "en/about-us/index.html", "h1"), ["First"]);
    assert_eq!(texts(&site, "ku/derbarê-me/index.html", "h1"), ["Yekem"]);
    assert!(!site.has_output("news/first/index.html"));
    // Links, lists, the sitemap and the bundle's files follow the new address.
    // (Links are written relative to the page.)
    assert_eq!(
        attrs(&site, "من-نحن/index.html", ".body a", "href"),
        ["../en/about-us/"]
    );
    let back = attrs(&site, "en/about-us/index.html", ".body a", "href");
    assert!(
        back == ["../../من-نحن/"] || back == ["../../%D9%85%D9%86-%D9%86%D8%AD%D9%86/"],
        "{back:?}"
    );
    let listed = attrs(&site, "en/news/index.html", "ul.pages a", "href");
    assert_eq!(listed, ["../about-us/"]);
    assert!(site
        .output("sitemap.xml")
        .contains("https://example.org/en/about-us/"));
    assert!(site.has_output("من-نحن/report.pdf"));
}

#[test]
fn a_path_that_leaves_the_site_is_refused_at_its_line() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2024-01-02\npath = \"../../etc\"\n+++\n",
    );
    site.write("content/b.en.md", "---\ntitle: B\npath: /.hidden/b/\n---\n");
    site.write("content/c.md", "+++\ntitle = \"C\"\npath = \"/\"\n+++\n");
    site.build(&[])
        .assert_error("content/a.md:4:1: error: the page's `path` \"../../etc\" has a part that starts with a dot")
        .assert_error("content/b.en.md:3:1: error: the page's `path` \"/.hidden/b/\" has a part that starts with a dot")
        .assert_error("content/c.md:3:1: error: the page's `path` \"/\" is the home page's address")
        .assert_error("hint: `path` is the page's address from the site's root");
    assert!(!site.has_output("index.html"));
}

#[test]
fn render_false_writes_no_file_but_keeps_the_item_everywhere_else() {
    let site = Site::new();
    site.write(
        "themes/t/templates/index.html",
        r#"{% extends "base.html" %}{% block content %}{{ section.content | safe }}<ul class="pages">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul><p class="found">{% set hidden = get_page(path="team/hidden/index.md") %}{% set team = get_section(path="team/_index.md") %}{{ hidden.title }} {{ team.title }}</p>{% endblock content %}"#,
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\nsort_by = \"title\"\n+++\n[hidden](@/team/hidden/index.md)\n",
    );
    site.write(
        "content/team/_index.md",
        "+++\ntitle = \"Team\"\nrender = false\ntransparent = true\nfeed = true\n+++\n",
    );
    site.write(
        "content/team/hidden/index.md",
        "+++\ntitle = \"Hidden\"\ndate = 2024-01-02\nrender = false\n+++\n",
    );
    site.write_bytes("content/team/hidden/cv.pdf", b"%PDF-1.4\n");
    site.write(
        "content/team/shown.md",
        "+++\ntitle = \"Shown\"\ndate = 2024-01-03\n+++\n",
    );
    site.build(&[]).assert_ok();

    assert!(!site.has_output("team/hidden/index.html"));
    assert!(!site.has_output("team/index.html"));
    assert!(site.has_output("team/shown/index.html"));
    // Its bundle's files are still published; lookups and lists still find it.
    assert!(site.has_output("team/hidden/cv.pdf"));
    assert_eq!(texts(&site, "index.html", "p.found"), ["Hidden Team"]);
    assert_eq!(
        texts(&site, "index.html", "ul.pages a"),
        ["Hidden", "Shown"]
    );
    // An `@/` link leads to the address it would have, as in Zola.
    assert_eq!(
        attrs(&site, "index.html", "a[href='team/hidden/']", "href"),
        ["team/hidden/", "team/hidden/"]
    );
    // Not in the sitemap, nor in the feeds.
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("/team/hidden/"), "{sitemap}");
    assert!(!sitemap.contains("/team/<"), "{sitemap}");
    assert!(sitemap.contains("/team/shown/"), "{sitemap}");
    assert!(!site.output("atom.xml").contains("Hidden"));
    assert!(site.output("atom.xml").contains("Shown"));
}

#[test]
fn a_transparent_sections_pages_are_listed_above_in_the_order_of_the_section_above() {
    let site = Site::new();
    site.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\nsort_by = \"weight\"\n+++\n",
    );
    site.write(
        "content/reports/2023/_index.en.md",
        "+++\ntitle = \"2023\"\ntransparent = true\nsort_by = \"title\"\n+++\n",
    );
    site.write(
        "content/reports/2023/a.en.md",
        "+++\ntitle = \"A\"\nweight = 3\n+++\n",
    );
    site.write(
        "content/reports/2023/b.en.md",
        "+++\ntitle = \"B\"\nweight = 1\n+++\n",
    );
    site.write(
        "content/reports/c.en.md",
        "+++\ntitle = \"C\"\nweight = 2\n+++\n",
    );
    // Not transparent: its pages stay in it.
    site.write(
        "content/reports/archive/_index.en.md",
        "+++\ntitle = \"Archive\"\n+++\n",
    );
    site.write(
        "content/reports/archive/d.en.md",
        "+++\ntitle = \"D\"\nweight = 0\n+++\n",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        texts(&site, "en/reports/index.html", "ul.pages a"),
        ["B", "C", "A"]
    );
    assert_eq!(
        texts(&site, "en/reports/2023/index.html", "ul.pages a"),
        ["A", "B"]
    );
    // A page keeps its own address.
    assert!(site.has_output("en/reports/2023/a/index.html"));
}

#[test]
fn paginate_reversed_pages_through_the_list_last_first() {
    let site = Site::new();
    site.write(
        "themes/t/templates/section.html",
        r#"{% extends "base.html" %}{% block content %}<ul class="pager">{% for p in paginator.pages %}<li>{{ p.title }}</li>{% endfor %}</ul>{% endblock content %}"#,
    );
    site.write(
        "content/news/_index.md",
        "+++\ntitle = \"أخبار\"\nsort_by = \"date\"\npaginate_by = 2\npaginate_reversed = true\n+++\n",
    );
    for (name, day) in [("one", 1), ("two", 2), ("three", 3)] {
        site.write(
            &format!("content/news/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = 2024-01-0{day}\n+++\n"),
        );
    }
    site.build(&[]).assert_ok();
    // Newest first by `sort_by`, reversed: the oldest opens the first pager.
    assert_eq!(
        texts(&site, "news/index.html", "ul.pager li"),
        ["one", "two"]
    );
    assert_eq!(
        texts(&site, "news/page/2/index.html", "ul.pager li"),
        ["three"]
    );
}

#[test]
fn insert_anchor_links_puts_a_labelled_link_before_or_after_each_heading() {
    let site = Site::new();
    for (dir, place) in [("left", "left"), ("right", "right"), ("whole", "heading")] {
        for suffix in ["", ".ku"] {
            site.write(
                &format!("content/{dir}/_index{suffix}.md"),
                &format!("+++\ntitle = \"{dir}\"\ninsert_anchor_links = \"{place}\"\n+++\n"),
            );
        }
        site.write(
            &format!("content/{dir}/p.md"),
            "+++\ntitle = \"ص\"\n+++\n## الرؤية\n\nنص.\n",
        );
        site.write(
            &format!("content/{dir}/p.ku.md"),
            "+++\ntitle = \"P\"\n+++\n## Dîroka Me\n",
        );
    }
    site.write("content/plain/_index.md", "+++\ntitle = \"plain\"\n+++\n");
    site.write("content/plain/p.md", "+++\ntitle = \"ص\"\n+++\n## الرؤية\n");
    site.build(&[]).assert_ok();

    // As the parser writes it back (attributes in its own order).
    let normal = |html: String| Html::parse_fragment(&html).root_element().inner_html();
    let heading = |file: &str| {
        let html = Html::parse_document(&site.output(file));
        let h2 = html.select(&Selector::parse("h2").unwrap()).next().unwrap();
        h2.inner_html()
    };
    // "left" is before the text (logically: on its right in Arabic), "right" after it.
    let link = |id: &str| {
        format!("<a class=\"anchor\" href=\"#{id}\" aria-labelledby=\"{id}\"><span aria-hidden=\"true\">#</span></a>")
    };
    assert_eq!(
        heading("left/p/index.html"),
        normal(format!("{}الرؤية", link("الرؤية")))
    );
    assert_eq!(
        heading("right/p/index.html"),
        normal(format!("الرؤية{}", link("الرؤية")))
    );
    assert_eq!(
        heading("ku/right/p/index.html"),
        normal(format!("Dîroka Me{}", link("dîroka-me")))
    );
    assert_eq!(
        heading("whole/p/index.html"),
        "<a class=\"anchor\" href=\"#الرؤية\">الرؤية</a>"
    );
    assert_eq!(heading("plain/p/index.html"), "الرؤية");
}

#[test]
fn the_new_keys_give_no_warning() {
    let site = Site::new();
    site.write(
        "content/s/_index.md",
        "+++\ntitle = \"S\"\nrender = true\ntransparent = false\npaginate_reversed = false\ninsert_anchor_links = \"none\"\n+++\n",
    );
    site.write(
        "content/s/p.md",
        "+++\ntitle = \"P\"\nrender = true\npath = \"p\"\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn ignored_content_leaves_files_unread_and_unpublished() {
    let site = Site::new();
    let config = common::CONFIG.replace(
        "theme = \"t\"\n",
        "theme = \"t\"\nignored_content = [\"*.xlsx\", \"drafts/**\"]\n",
    );
    site.write("config.toml", &config);
    site.write(
        "content/reports/x/index.md",
        "+++\ntitle = \"X\"\n+++\n[pdf](report.pdf)\n",
    );
    site.write_bytes("content/reports/x/report.pdf", b"%PDF-1.4\n");
    site.write_bytes("content/reports/x/data.xlsx", b"PK");
    // Not even read: this front matter would stop the build.
    site.write("content/drafts/broken.md", "+++\ntitel = \n+++\n");
    site.write_bytes("content/drafts/photo.jpg", b"not a photo");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("ignored_content"), "{}", run.stderr);
    assert!(site.has_output("reports/x/index.html"));
    assert!(site.has_output("reports/x/report.pdf"));
    assert!(!site.has_output("reports/x/data.xlsx"));
    assert!(!site.has_output("drafts"));

    // A glob that does not parse is an error at its line.
    site.write(
        "config.toml",
        &common::CONFIG.replace(
            "theme = \"t\"\n",
            "theme = \"t\"\nignored_content = [\"a[\"]\n",
        ),
    );
    site.build(&[])
        .assert_error("config.toml:7:")
        .assert_error("ignored_content: `a[` is not a glob")
        .assert_error("hint: globs name files inside content/");
}

#[test]
fn heading_ids_are_ascii_for_latin_text_as_in_zola_but_keep_kurmanji_and_arabic_letters() {
    let site = Site::new();
    site.write(
        "content/p.md",
        "+++\ntitle = \"ص\"\n+++\n## رؤيتنا ورسالتنا\n\n## Búsqueda avanzada\n",
    );
    site.write(
        "content/p.en.md",
        "+++\ntitle = \"P\"\n+++\n## Búsqueda avanzada\n\n## Café {#café}\n\n[up](#busqueda-avanzada)\n",
    );
    site.write(
        "content/p.ku.md",
        "+++\ntitle = \"P\"\n+++\n## Dîroka Me\n\n## Çalakiyên şêwirmendiyê\n",
    );
    site.write(
        "content/p.ckb.md",
        "+++\ntitle = \"P\"\n+++\n## پەیامی ئێمە\n",
    );
    site.build(&[]).assert_ok();
    let ids = |file: &str| attrs(&site, file, "h2", "id");
    assert_eq!(
        ids("p/index.html"),
        ["رؤيتنا-ورسالتنا", "busqueda-avanzada"]
    );
    // An id written by the editor is kept as written.
    assert_eq!(ids("en/p/index.html"), ["busqueda-avanzada", "café"]);
    assert_eq!(
        ids("ku/p/index.html"),
        ["dîroka-me", "çalakiyên-şêwirmendiyê"]
    );
    assert_eq!(ids("ckb/p/index.html"), ["پەیامی-ئێمە"]);
    let check = common::run(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
