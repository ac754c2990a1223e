//! Taxonomies as Zola writes them, per language: `taxonomies = [{ name = "tags", … }]` at the
//! top (the default language's, lent to languages without a list of their own) and under
//! `[languages.X]`, `[taxonomies] tags = […]` in front matter, a list page and a page per term
//! in each language with term addresses in the term's own script, feeds and pagination when
//! asked, the sitemap with the same term in other languages as alternates, Zola's template
//! names and lookups, and an error at its line for a taxonomy the page's language lacks.

mod common;

use common::Site;
use scraper::{Html, Selector};

/// The default theme's config with taxonomies: Arabic's `tags` (a feed per term, two pages
/// per pager), English's own `tags` and `topics`, Kurmanji and Sorani borrowing Arabic's.
fn trilingual_site() -> Site {
    let config = common::THEME_CONFIG
        .replace(
            "minify = false\n",
            "minify = false\ntaxonomies = [{ name = \"tags\", feed = true, paginate_by = 2 }]\n",
        )
        .replace(
            "[languages.en]\nname = \"English\"\n",
            "[languages.en]\nname = \"English\"\ntaxonomies = [{ name = \"tags\" }, { name = \"topics\" }]\n",
        );
    let site = Site::with_default_theme(&config);
    site.write("content/_index.md", "+++\ntitle = \"الرئيسية\"\n+++\n");
    site.write("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write("content/_index.ku.md", "+++\ntitle = \"Destpêk\"\n+++\n");
    site.write("content/_index.ckb.md", "+++\ntitle = \"سەرەکی\"\n+++\n");
    site.write("content/news/_index.md", "+++\ntitle = \"أخبار\"\n+++\n");
    site.write("content/news/_index.en.md", "+++\ntitle = \"News\"\n+++\n");
    site.write("content/news/_index.ku.md", "+++\ntitle = \"Nûçe\"\n+++\n");
    for (n, date, tags) in [
        (1, "2024-01-01", r#"["غزة", "الأمم المتحدة"]"#),
        (2, "2024-02-01", r#"["غزّة"]"#),
        (3, "2024-03-01", r#"["غزة", "حقوق الإنسان"]"#),
    ] {
        site.write(
            &format!("content/news/a{n}.md"),
            &format!("+++\ntitle = \"خبر {n}\"\ndate = {date}\n\n[taxonomies]\ntags = {tags}\n+++\nنص.\n"),
        );
    }
    site.write(
        "content/news/a1.en.md",
        "+++\ntitle = \"News one\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"Gaza\", \"UN\"]\ntopics = [\"Rights\"]\n+++\nText.\n",
    );
    site.write(
        "content/news/a2.en.md",
        "+++\ntitle = \"News two\"\ndate = 2024-02-01\n[taxonomies]\ntags = [\"gaza\"]\n+++\nText.\n",
    );
    site.write(
        "content/news/a1.ku.md",
        "+++\ntitle = \"Nûçe yek\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"Gaza\"]\n+++\nNivîs.\n",
    );
    site
}

fn select(html: &str, selector: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(html);
    html.select(&Selector::parse(selector).unwrap())
        .map(|e| {
            (
                e.text().collect::<String>().trim().to_string(),
                e.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn decoded(href: &str) -> String {
    bayan::url::percent_decode_link(href).into_owned()
}

#[test]
fn each_language_gets_its_lists_and_term_pages_in_its_own_script() {
    let site = trilingual_site();
    site.build(&[]).assert_ok();

    // Arabic: the list of tags, with each term's count in Arabic digits, linking to pages
    // whose addresses are Arabic; غزّة with a shadda is the same term as غزة.
    let list = site.output("tags/index.html");
    assert!(list.contains("<html lang=\"ar\" dir=\"rtl\""), "{list}");
    let terms = select(&list, "ul.terms a");
    let names: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        names,
        ["الأمم المتحدة ١", "حقوق الإنسان ١", "غزة ٣"],
        "{list}"
    );
    // Relative, as every internal link: the term is one folder down from the list.
    assert_eq!(decoded(&terms[2].1), "غزة/", "{terms:?}");
    assert!(site.has_output("tags/الأمم-المتحدة/index.html"));

    // Three pages under غزة, two per pager: newest first, then the oldest on page 2.
    let first = site.output("tags/غزة/index.html");
    let listed = select(&first, ".page-list h2 a");
    let titles: Vec<&str> = listed.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["خبر 3", "خبر 2"], "{first}");
    let second = site.output("tags/غزة/page/2/index.html");
    let listed = select(&second, ".page-list h2 a");
    assert_eq!(listed.len(), 1, "{second}");
    assert_eq!(listed[0].0, "خبر 1");
    assert!(second.contains("rel=\"prev\""), "{second}");
    // Arabic asked for a feed per term, English did not.
    let feed = site.output("tags/غزة/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    assert!(!site.has_output("en/tags/gaza/atom.xml"));

    // English has its own taxonomies: Gaza and gaza are one term, listed once with both pages.
    let gaza = site.output("en/tags/gaza/index.html");
    assert!(gaza.contains("<html lang=\"en\" dir=\"ltr\""), "{gaza}");
    let listed = select(&gaza, ".page-list h2 a");
    let titles: Vec<&str> = listed.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["News two", "News one"], "{gaza}");
    assert!(site.has_output("en/topics/rights/index.html"));
    assert!(site.has_output("en/topics/index.html"));
    // Kurmanji borrows the top-level list; Sorani does too, but has no terms, so it gets no
    // empty pages.
    assert!(site.has_output("ku/tags/gaza/index.html"));
    assert!(!site.has_output("ckb/tags/index.html"));

    // A page shows its terms, each a link to the term's page.
    let page = site.output("en/news/a1/index.html");
    let links = select(&page, ".page-terms a");
    let names: Vec<&str> = links.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, ["Gaza", "UN", "Rights"], "{page}");
    assert!(links[0].1.ends_with("tags/gaza/"), "{links:?}");
    let labels = select(&page, ".page-terms dt");
    assert_eq!(labels[0].0, "Tags");
    assert_eq!(labels[1].0, "Topics");
    let arabic = site.output("news/a1/index.html");
    let labels = select(&arabic, ".page-terms dt");
    assert_eq!(labels[0].0, "الوسوم");

    // The same term in another language is the term's translation: in the switcher and in
    // the sitemap, with x-default; a term only one language has has no alternates.
    let switcher: Vec<String> = select(&gaza, "link[rel=alternate][hreflang]")
        .into_iter()
        .map(|(_, href)| href)
        .collect();
    assert!(
        switcher.iter().any(|h| h.ends_with("/ku/tags/gaza/")),
        "{switcher:?}"
    );
    let sitemap = site.output("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/en/tags/gaza/</loc>"))
        .expect("the English term is in the sitemap");
    assert!(
        entry.contains("hreflang=\"ku\" href=\"https://example.org/ku/tags/gaza/\""),
        "{entry}"
    );
    assert!(entry.contains("hreflang=\"x-default\""), "{entry}");
    let rights = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/en/topics/rights/</loc>"))
        .expect("a term of one language is in the sitemap");
    assert!(!rights.contains("hreflang"), "{rights}");
    assert!(sitemap.contains("<loc>https://example.org/tags/</loc>"));
}

#[test]
fn a_taxonomy_the_language_lacks_is_an_error_at_its_line() {
    let site = trilingual_site();
    site.build(&[]).assert_ok();
    let before = common::snapshot(&site.path("public"));
    site.write(
        "content/news/a2.en.md",
        "+++\ntitle = \"News two\"\ndate = 2024-02-01\n[taxonomies]\ntag = [\"gaza\"]\ncategories = [\"x\"]\n+++\nText.\n",
    );
    site.write(
        "content/news/a1.ku.md",
        "+++\ntitle = \"Nûçe yek\"\n[taxonomies]\ntags = [\"Gaza\"]\ntopics = [\"Maf\"]\n+++\nNivîs.\n",
    );
    site.write(
        "content/news/a3.md",
        "+++\ntitle = \"خبر\"\n[taxonomies]\ntags = [\"؟!\"]\n+++\n",
    );
    let result = site.build(&[]);
    result
        .assert_error("content/news/a2.en.md:5:1: error: front matter: the taxonomy `tag` is not one of the site's in English")
        .assert_error("did you mean `tags`?")
        .assert_error("content/news/a2.en.md:6:1: error: front matter: the taxonomy `categories` is not one of the site's in English")
        .assert_error("add { name = \"categories\" } to `taxonomies` under [languages.en] in config.toml")
        // Kurmanji borrows the top-level list: that is where a new taxonomy goes.
        .assert_error("content/news/a1.ku.md:5:1: error: front matter: the taxonomy `topics` is not one of the site's in Kurdî")
        .assert_error("add { name = \"topics\" } to `taxonomies` in config.toml")
        .assert_error("content/news/a3.md:4:1: error: front matter: a term of `tags` has no letter or digit: `؟!`");
    // A failed build leaves the output as it was.
    assert_eq!(common::snapshot(&site.path("public")), before);
}

/// A Zola theme's templates: `tags/list.html` is the taxonomy's own, `taxonomy_single.html`
/// serves every term, and pages call Zola's lookups.
#[test]
fn zolas_templates_and_lookups_see_zolas_shapes() {
    let site = Site::new();
    site.write(
        "config.toml",
        &common::CONFIG.replace(
            "theme = \"t\"",
            "theme = \"t\"\ntaxonomies = [{ name = \"tags\", paginate_by = 5 }, { name = \"authors\", render = false }]",
        ),
    );
    site.write(
        "themes/t/templates/tags/list.html",
        r#"{% extends "base.html" %}{% block content %}<h1>{{ taxonomy.name }} {{ taxonomy.paginate_by }}</h1><ul>{% for term in terms %}<li data-count="{{ term.page_count }}"><a href="{{ term.permalink }}">{{ term.name }}</a> {% for p in term.pages %}<i>{{ p.title }}</i>{% endfor %}</li>{% endfor %}</ul>{% endblock content %}"#,
    );
    site.write(
        "themes/t/templates/taxonomy_single.html",
        r#"{% extends "base.html" %}{% block content %}<h1>{{ term.name }} ({{ term.slug }}) in {{ taxonomy.name }}</h1><p class="pager">{{ paginator.current_index }}/{{ paginator.number_pagers }}</p>{% for p in paginator.pages %}<i>{{ p.title }}</i>{% endfor %}{% endblock content %}"#,
    );
    site.write(
        "themes/t/templates/page.html",
        r#"{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1>{% for name, terms in page.taxonomies %}<p class="terms" data-name="{{ name }}">{{ terms | join(sep=",") }}</p>{% endfor %}{% set tags = get_taxonomy(kind="tags") %}<p class="all">{{ tags.kind.name }}:{% for t in tags.items %}{{ t.name }}={{ t.pages | length }};{% endfor %}</p><p class="url">{{ get_taxonomy_url(kind="tags", name="Human rights") }}</p>{% set term = get_taxonomy_term(kind="tags", term="human rights") %}<p class="term">{{ term.name }}/{{ term.page_count }}</p><p class="none">{{ get_taxonomy(kind="nothing", required=false) | json_encode }}</p>{% set who = get_taxonomy(kind="authors") %}<p class="who">{% for t in who.items %}{{ t.name }};{% endfor %}</p>{% endblock content %}"#,
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"أ\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"Human rights\", \"حقوق\"]\nauthors = [\"Hana\"]\n+++\n",
    );
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ndate = 2024-02-01\n[taxonomies]\ntags = [\"human rights\"]\n+++\n",
    );
    site.build(&[]).assert_ok();

    let list = site.output("tags/index.html");
    assert!(list.contains("<h1>tags 5</h1>"), "{list}");
    assert!(
        list.contains("<li data-count=\"2\"><a href=\"https://example.org/tags/human-rights/\">Human rights</a> <i>ب</i><i>أ</i></li>"),
        "{list}"
    );
    let term = site.output("tags/human-rights/index.html");
    assert!(
        term.contains("<h1>Human rights (human-rights) in tags</h1><p class=\"pager\">1/1</p><i>ب</i><i>أ</i>"),
        "{term}"
    );
    assert!(site.has_output("tags/حقوق/index.html"));
    // `render = false`: the terms exist for templates, but have no pages of their own.
    assert!(!site.has_output("authors/index.html"));
    assert!(!site.has_output("authors/hana/index.html"));

    let page = site.output("a/index.html");
    assert!(
        page.contains("<p class=\"terms\" data-name=\"tags\">Human rights,حقوق</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"terms\" data-name=\"authors\">Hana</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"all\">tags:Human rights=2;حقوق=1;</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"url\">/tags/human-rights/</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"term\">Human rights/2</p>"),
        "{page}"
    );
    assert!(page.contains("<p class=\"none\">null</p>"), "{page}");
    assert!(page.contains("<p class=\"who\">Hana;</p>"), "{page}");
}

/// As in Zola, a taxonomy needs no template of its own to be written: without one, its pages
/// are Bayan's plain built-in ones, and the build says which template to add.
#[test]
fn a_taxonomy_without_templates_is_written_plainly_with_a_warning() {
    let site = Site::new();
    site.write(
        "config.toml",
        &common::CONFIG.replace(
            "theme = \"t\"",
            "theme = \"t\"\ntaxonomies = [{ name = \"tags\", paginate_by = 1 }]",
        ),
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"أ\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"غزة\"]\n+++\n",
    );
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ndate = 2024-02-01\n[taxonomies]\ntags = [\"غزة\"]\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr.contains("config.toml: warning: there is no template `taxonomy_list.html`: this is written with Bayan's plain built-in one"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("add templates/taxonomy_single.html to give it the site's look"),
        "{}",
        run.stderr
    );
    let list = site.output("tags/index.html");
    assert!(list.contains("<html lang=\"ar\" dir=\"rtl\">"), "{list}");
    let terms = select(&list, "ul a");
    assert_eq!(terms.len(), 1, "{list}");
    assert_eq!(terms[0].0, "غزة");
    assert_eq!(decoded(&terms[0].1), "غزة/");
    // One page per pager, newest first, each pager linking to the next.
    let first = site.output("tags/غزة/index.html");
    let listed = select(&first, "li a");
    assert_eq!(listed.len(), 1, "{first}");
    assert_eq!(listed[0].0, "ب");
    assert!(first.contains("rel=\"next\""), "{first}");
    let second = site.output("tags/غزة/page/2/index.html");
    assert_eq!(select(&second, "li a")[0].0, "أ", "{second}");
}

/// The preview writes a new term's page on the save that names it.
#[test]
fn the_preview_serves_a_new_term_after_a_save() {
    let site = trilingual_site();
    let preview = common::preview::Preview::start(site.root());
    assert_eq!(preview.get("/en/tags/un/").status, 200);
    assert_eq!(preview.get("/en/tags/ceasefire/").status, 404);
    site.write(
        "content/news/a2.en.md",
        "+++\ntitle = \"News two\"\ndate = 2024-02-01\n[taxonomies]\ntags = [\"gaza\", \"Ceasefire\"]\n+++\nText.\n",
    );
    preview.wait_for("/en/tags/ceasefire/", "the new term's page", |r| {
        r.status == 200
    });
    let page = preview.get("/en/tags/ceasefire/").text();
    assert!(page.contains("News two"), "{page}");
    let list = preview.get("/en/tags/").text();
    assert!(list.contains("Ceasefire"), "{list}");
}
