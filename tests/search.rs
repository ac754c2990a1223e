//! Search: each language's search page and index, written from real sites with the default
//! theme, and read back as the page's script reads them (manifest, shard, postings, documents).
//! `tests/browser/search.test.mjs` searches them in Chromium.

mod common;

use std::collections::BTreeSet;

use common::{Site, THEME_CONFIG};
use scraper::{Html, Selector};
use serde_json::Value;

fn site(config_extra: &str) -> Site {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}\n{config_extra}"));
    for (lang, suffix) in [("ar", ""), ("en", ".en"), ("ku", ".ku"), ("ckb", ".ckb")] {
        site.write(
            &format!("content/_index{suffix}.md"),
            &format!("+++\ntitle = \"{lang}\"\n+++\n"),
        );
    }
    site.write(
        "content/reports/_index.md",
        "+++\ntitle = \"التقارير\"\n+++\n",
    );
    site.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\n+++\n",
    );
    site.write(
        "content/reports/geneva/index.md",
        "+++\ntitle = \"تقرير اجتماع جنيف\"\ndate = 2022-03-10\n+++\nاجتمع ممثلو **الأمم المتحدة** مع ممثلي للمجتمع المدني في جنيف عام ٢٠٢١.\n",
    );
    site.write(
        "content/reports/geneva/index.en.md",
        "+++\ntitle = \"Geneva meeting report\"\ndate = 2022-03-10\n+++\nThe Elders met civil society in Geneva in 2021.\n\n<script>var hidden = \"scriptword\";</script>\n",
    );
    site.write(
        "content/reports/paris.md",
        "+++\ntitle = \"مؤتمر باريس\"\ndate = 2023-06-05\n+++\nوالمجتمع المدني حاضر.\n",
    );
    site.write(
        "content/reports/private.md",
        "+++\ntitle = \"مسودة داخلية\"\nin_search_index = false\n+++\nكلمةسرية\n",
    );
    site.write(
        "content/internal/_index.md",
        "+++\ntitle = \"داخلي\"\nin_search_index = false\n+++\nنصداخلي\n",
    );
    site.write(
        "content/internal/notes.md",
        "+++\ntitle = \"ملاحظات\"\n+++\nملاحظةداخلية\n",
    );
    site.write(
        "content/archive/_index.md",
        "+++\ntitle = \"الأرشيف\"\n+++\n",
    );
    site.write(
        "content/archive/old.md",
        "+++\ntitle = \"قديم\"\n+++\nكلمةمؤرشفة\n",
    );
    site.write(
        "content/about.ku.md",
        "+++\ntitle = \"Derbarê me de\"\n+++\nRêxistinên civaka sivîl.\n",
    );
    site
}

/// A language's index as the search page reads it.
struct Index {
    dir: std::path::PathBuf,
    manifest: Value,
}

impl Index {
    fn of(site: &Site, search_dir: &str) -> Index {
        let dir = site.path("public").join(search_dir);
        let manifest = serde_json::from_str(&site.output(&format!("{search_dir}manifest.json")))
            .expect("manifest.json is JSON");
        Index { dir, manifest }
    }

    fn version(&self) -> &str {
        self.manifest["version"].as_str().unwrap()
    }

    fn doc(&self, id: u64) -> Value {
        let path = self.dir.join(self.version()).join(format!("doc/{id}.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn docs(&self) -> Vec<Value> {
        (0..self.manifest["docs"].as_u64().unwrap())
            .map(|id| self.doc(id))
            .collect()
    }

    /// Every word file, checked to be cut as the manifest says: in code point order, each
    /// starting with the word the manifest names.
    fn words(&self) -> serde_json::Map<String, Value> {
        let firsts = self.manifest["words"].as_array().unwrap();
        let mut all = serde_json::Map::new();
        let mut last: Option<String> = None;
        for (n, first) in firsts.iter().enumerate() {
            let path = self.dir.join(self.version()).join(format!("w/{n}.json"));
            let text = std::fs::read_to_string(path).unwrap();
            // serde_json keeps the file's order (preserve_order is not on: read the keys).
            let keys: Vec<String> = text
                .match_indices("\":[")
                .map(|(end, _)| {
                    let start = text[..end].rfind(['{', ',']).unwrap() + 1;
                    serde_json::from_str(&text[start..=end]).unwrap()
                })
                .collect();
            assert_eq!(Some(&keys[0]), first.as_str().map(str::to_string).as_ref());
            for key in &keys {
                assert!(
                    last.as_ref().is_none_or(|l| l < key),
                    "{last:?} before {key}"
                );
                last = Some(key.clone());
            }
            let file: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
            all.extend(file);
        }
        all
    }

    /// The URLs of the documents holding the indexed word `term` exactly, with its weight.
    fn postings(&self, term: &str) -> Vec<(String, u64)> {
        let words = self.words();
        let Some(list) = words.get(term).and_then(Value::as_array) else {
            return Vec::new();
        };
        let mut id = 0;
        list.chunks(2)
            .map(|pair| {
                id += pair[0].as_u64().unwrap();
                let url = self.doc(id)["url"].as_str().unwrap().to_string();
                (url, pair[1].as_u64().unwrap())
            })
            .collect()
    }

    fn urls_of(&self, term: &str) -> BTreeSet<String> {
        self.postings(term)
            .into_iter()
            .map(|(url, _)| url)
            .collect()
    }
}

/// The site path a link of the page at `page` (`/en/reports/x/`) leads to, as a browser reads
/// it: pages link to each other relative to themselves.
fn resolve(page: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    let trailing = if href.ends_with('/') || href.is_empty() {
        "/"
    } else {
        ""
    };
    match parts.is_empty() {
        true => "/".to_string(),
        false => format!("/{}{trailing}", parts.join("/")),
    }
}

/// The default theme's config without Sorani, whose UI strings the theme lacks: a build
/// with it has no warning of its own.
fn config_without_sorani() -> String {
    THEME_CONFIG[..THEME_CONFIG.find("[languages.ckb]").unwrap()].to_string()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

#[test]
fn each_language_is_searched_in_its_own_pages_with_arabic_folded_and_stemmed() {
    let site = site("[search]\nexclude = [\"archive\"]\n");
    site.build(&[]).assert_ok();

    let ar = Index::of(&site, "search/");
    let urls =
        |terms: &[&str]| -> BTreeSet<String> { terms.iter().flat_map(|t| ar.urls_of(t)).collect() };
    // The article and the prepositions joined to it are not part of the word indexed:
    // المجتمع, للمجتمع and والمجتمع are all مجتمع; الأمم is امم, its hamza folded.
    assert_eq!(
        urls(&["مجتمع"]),
        BTreeSet::from([
            "/reports/geneva/".to_string(),
            "/reports/paris/".to_string()
        ])
    );
    assert_eq!(
        urls(&["امم"]),
        BTreeSet::from(["/reports/geneva/".to_string()])
    );
    assert!(urls(&["الامم", "للمجتمع", "والمجتمع"]).is_empty());
    // Eastern Arabic digits are indexed as the digits a Latin keyboard types.
    assert_eq!(
        urls(&["2021"]),
        BTreeSet::from(["/reports/geneva/".to_string()])
    );
    // A title's word weighs more than the body's.
    let geneva = ar.postings("جنيف");
    assert_eq!(geneva.len(), 1);
    assert!(geneva[0].1 > 1, "{geneva:?}");

    // Left out: `in_search_index = false` on a page, on a section (its pages too), and
    // `[search] exclude`; the other languages' pages are in their own indexes.
    let all_docs = ar.docs();
    let doc_urls: BTreeSet<&str> = all_docs
        .iter()
        .map(|d| d["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        doc_urls,
        BTreeSet::from(["/reports/geneva/", "/reports/paris/"]),
        "{all_docs:#?}"
    );
    for hidden in ["كلمةسريه", "نصداخلي", "ملاحظهداخليه", "كلمهمورشفه", "elders"]
    {
        assert!(ar.urls_of(hidden).is_empty(), "{hidden} is indexed");
    }
    // Newest first: ids follow the date, so equal scores list recent pages first.
    assert_eq!(all_docs[0]["url"], "/reports/paris/");
    assert_eq!(all_docs[1]["date"], "١٠ آذار ٢٠٢٢");
    assert_eq!(all_docs[1]["title"], "تقرير اجتماع جنيف");
    assert!(all_docs[1]["text"]
        .as_str()
        .unwrap()
        .contains("الأمم المتحدة مع ممثلي"));

    let en = Index::of(&site, "en/search/");
    assert_eq!(
        en.urls_of("elders"),
        BTreeSet::from(["/en/reports/geneva/".to_string()])
    );
    // What a reader does not read is not searched.
    assert!(en.urls_of("scriptword").is_empty());
    assert!(en.urls_of("hidden").is_empty());
    // Kurmanji's accented letters are folded: sivîl is found as sivil.
    let ku = Index::of(&site, "ku/search/");
    assert_eq!(
        ku.urls_of("sivil"),
        BTreeSet::from(["/ku/about/".to_string()])
    );
    // A language without pages has an empty index, and its page says so without failing.
    let ckb = Index::of(&site, "ckb/search/");
    assert_eq!(ckb.manifest["docs"], 0);

    // Every language's search page: a labelled search form in its language, the address of
    // its own index, and every page the index holds, by section, for readers whose browser
    // runs no script.
    for (dir, lang, index, pages) in [
        (
            "search/",
            "ar",
            "/search/manifest.json",
            // In the section's order: newest first.
            &["/reports/paris/", "/reports/geneva/"][..],
        ),
        (
            "en/search/",
            "en",
            "/en/search/manifest.json",
            &["/en/reports/geneva/"][..],
        ),
    ] {
        let page = Html::parse_document(&site.output(&format!("{dir}index.html")));
        let html = &select(&page, "html")[0];
        assert_eq!(html.value().attr("lang"), Some(lang));
        let form = select(&page, "form[role=search]");
        assert_eq!(form.len(), 1);
        assert_eq!(form[0].value().attr("data-index"), Some(index));
        let label = select(&page, "label[for=search-query]");
        assert!(!label[0].text().collect::<String>().trim().is_empty());
        assert_eq!(
            select(&page, "input#search-query[type=search][name=q]").len(),
            1
        );
        assert_eq!(select(&page, "[role=status][aria-live=polite]").len(), 1);
        assert_eq!(select(&page, "script[src*=search]").len(), 1);
        let links = |selector: &str| -> Vec<String> {
            (select(&page, selector).iter())
                .map(|a| resolve(&format!("/{dir}"), a.value().attr("href").unwrap()))
                .collect()
        };
        assert_eq!(links(".search-browse li a"), pages);
        let prefix = if lang == "ar" { "/" } else { "/en/" };
        assert_eq!(links(".search-browse h3 a"), [format!("{prefix}reports/")]);
    }
    // Every page links to its language's search page; other pages do not load its script.
    let page = Html::parse_document(&site.output("en/reports/geneva/index.html"));
    let link = select(&page, "header a.search-link")[0]
        .value()
        .attr("href");
    assert_eq!(resolve("/en/reports/geneva/", link.unwrap()), "/en/search/");
    assert!(select(&page, "script[src*=search]").is_empty());
    let page = Html::parse_document(&site.output("reports/paris/index.html"));
    let link = select(&page, "header a.search-link")[0]
        .value()
        .attr("href");
    assert_eq!(resolve("/reports/paris/", link.unwrap()), "/search/");
}

#[test]
fn sorani_is_searched_as_it_is_spelt_either_way() {
    let site = site("");
    site.write(
        "content/about.ckb.md",
        "+++\ntitle = \"دەربارە\"\n+++\nزمانی کوردی، ساڵی ٢٠٢٣.\n",
    );
    site.build(&[]).assert_ok();
    let ckb = Index::of(&site, "ckb/search/");
    let about = BTreeSet::from(["/ckb/about/".to_string()]);
    // Kurdish ک, ی and ە are indexed as Arabic's ك, ي and ه, so either spelling finds them;
    // Sorani has no article to strip.
    assert_eq!(ckb.urls_of("كوردي"), about);
    assert_eq!(ckb.urls_of("دهرباره"), about);
    assert_eq!(ckb.urls_of("2023"), about);
    assert!(ckb.urls_of("کوردی").is_empty());
}

#[test]
fn a_large_index_is_cut_into_word_files_in_order() {
    let site = site("");
    let lexicon: Vec<String> = (0..6000).map(|n| format!("zeta{n:04}")).collect();
    site.write(
        "content/reports/lexicon.en.md",
        &format!(
            "+++\ntitle = \"Lexicon\"\n+++\nalpha {}\n",
            lexicon.join(" ")
        ),
    );
    site.build(&[]).assert_ok();
    let en = Index::of(&site, "en/search/");
    let files = en.manifest["words"].as_array().unwrap().len();
    assert!(files >= 3, "{files} word files");
    // Every word is in the file the manifest's first words lead to (`words` checks the order).
    let words = en.words();
    for word in ["alpha", "zeta0000", "zeta5999", "elders"] {
        assert!(words.contains_key(word), "{word}");
    }
    for n in 0..files {
        let path = en.dir.join(en.version()).join(format!("w/{n}.json"));
        let size = std::fs::metadata(path).unwrap().len();
        assert!(size <= 34 * 1024, "word file {n}: {size} bytes");
    }
}

#[test]
fn a_site_can_turn_search_off_as_zola_or_bayan_says() {
    let languages = config_without_sorani();
    // Top-level keys go before the language tables, a table after them.
    for config in [
        format!("search = false\n{languages}"),
        format!("build_search_index = false\n{languages}"),
        format!("{languages}\n[search]\nenabled = false\n"),
    ] {
        let site = Site::with_default_theme(&config);
        site.write("content/_index.md", "+++\ntitle = \"ar\"\n+++\n");
        site.write("content/a.md", "+++\ntitle = \"أ\"\n+++\nنص\n");
        let run = site.build(&[]);
        run.assert_ok();
        assert!(!run.stderr.contains("warning"), "{config}: {}", run.stderr);
        assert!(!site.has_output("search"), "{config}");
        assert!(!site.output("a/index.html").contains("search"), "{config}");
    }
}

#[test]
fn a_theme_without_a_search_page_gives_no_search() {
    let site = Site::new();
    site.write("content/a.md", "+++\ntitle = \"أ\"\n+++\nنص\n");
    site.build(&[]).assert_ok();
    assert!(!site.has_output("search"));
    assert!(!site.has_output("en/search"));
}

#[test]
fn zolas_search_settings_are_read_or_warned_about() {
    let site = Site::with_default_theme(&format!(
        "build_search_index = true\n{}\n[search]\ninclude_content = true\nexclude = [\"archive\"]\n",
        config_without_sorani()
    ));
    site.write("content/_index.md", "+++\ntitle = \"ar\"\n+++\n");
    site.write("content/archive/_index.md", "+++\ntitle = \"أرشيف\"\n+++\n");
    site.write(
        "content/archive/a.md",
        "+++\ntitle = \"أ\"\n+++\nكلمةمؤرشفة\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("config.toml:1:1: warning: `build_search_index` is a Zola setting"),
        "{said}"
    );
    assert!(said.contains("[search] include_content"), "{said}");
    assert_eq!(said.matches(": warning: ").count(), 2, "{said}");
    let ar = Index::of(&site, "search/");
    assert_eq!(ar.manifest["docs"], 0);
}

#[test]
fn a_search_index_is_rebuilt_alike_and_renamed_when_a_page_changes() {
    let site = site("");
    site.build(&[]).assert_ok();
    let first = Index::of(&site, "search/").version().to_string();
    site.build(&[]).assert_ok();
    assert_eq!(Index::of(&site, "search/").version(), first);
    site.write(
        "content/reports/paris.md",
        "+++\ntitle = \"مؤتمر باريس\"\ndate = 2023-06-05\n+++\nنص جديد.\n",
    );
    site.build(&[]).assert_ok();
    let ar = Index::of(&site, "search/");
    assert_ne!(ar.version(), first);
    assert_eq!(
        ar.urls_of("جديد"),
        BTreeSet::from(["/reports/paris/".to_string()])
    );
    // The previous version's files are gone from the output folder.
    assert!(!site.path("public/search").join(&first).exists());
}
