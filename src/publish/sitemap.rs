//! `sitemap.xml` for search engines: every page of every language, and every taxonomy's list
//! and terms, with its translations as reciprocal `hreflang` alternates (and `x-default`),
//! split into an index past 50,000 addresses; and `robots.txt` pointing at it.

use std::fmt::Write as _;

use crate::content::front_matter::Date;
use crate::site::{Item, Site};

/// The most addresses one sitemap file may list (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

struct Entry {
    loc: String,
    lastmod: Option<String>,
    /// (hreflang, address) of every language the item exists in, then `x-default`.
    alternates: Vec<(String, String)>,
}

fn escape(text: &str) -> String {
    crate::html::escape_html(text)
}

/// The date an item last changed: its `updated`, else its `date`; for a section, its newest page.
fn lastmod(site: &Site, item: Item) -> Option<Date> {
    match item {
        Item::Page(i) => {
            let front = &site.pages[i].front;
            front.updated.clone().or_else(|| front.date.clone())
        }
        Item::Section(i) => site.sections[i]
            .pages
            .iter()
            .filter_map(|&p| lastmod(site, Item::Page(p)))
            .max(),
    }
}

fn entries(site: &Site) -> Vec<Entry> {
    let items = site
        .pages
        .iter()
        .enumerate()
        // `render = false`: no file to index; a fallback copy is not an address of its own.
        .filter(|(_, p)| p.front.renders() && p.fallback_of.is_none())
        .map(|(i, p)| (Item::Page(i), &p.key))
        .chain(
            site.sections
                .iter()
                .enumerate()
                // A section that redirects, is not rendered or is a fallback copy is not a
                // page to index.
                .filter(|(_, s)| {
                    s.front.redirect_to.is_none() && s.front.renders() && s.fallback_of.is_none()
                })
                .map(|(i, s)| (Item::Section(i), &s.key)),
        );
    let mut entries: Vec<Entry> = items
        .map(|(item, key)| {
            let translations = site
                .languages_of(key)
                .into_iter()
                .filter(|(_, other)| site.renders(*other))
                .map(|(code, other)| (code, site.item_path(other)))
                .collect();
            entry(
                site,
                site.item_path(item),
                lastmod(site, item),
                translations,
            )
        })
        .collect();
    entries.extend(taxonomy_entries(site));
    entries
}

/// The lists and terms of every taxonomy that is written: a list's translations are the
/// same taxonomy in other languages, a term's the term with the same slug there.
fn taxonomy_entries(site: &Site) -> Vec<Entry> {
    let newest = |pages: &mut dyn Iterator<Item = usize>| {
        pages.filter_map(|p| lastmod(site, Item::Page(p))).max()
    };
    let mut entries = Vec::new();
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if !taxonomy.render {
            continue;
        }
        let all_pages = &mut taxonomy
            .terms
            .iter()
            .flat_map(|term| term.pages.iter().copied());
        entries.push(entry(
            site,
            &taxonomy.path,
            newest(all_pages),
            site.taxonomy_translations(t),
        ));
        for (i, term) in taxonomy.terms.iter().enumerate() {
            entries.push(entry(
                site,
                &term.path,
                newest(&mut term.pages.iter().copied()),
                site.term_translations(t, i),
            ));
        }
    }
    entries
}

/// The entry of the address `path`, with its `translations` (language, path; itself among
/// them) as alternates when there are others, and `x-default`.
fn entry(site: &Site, path: &str, lastmod: Option<Date>, translations: Vec<(&str, &str)>) -> Entry {
    let config = &site.config;
    let mut alternates: Vec<(String, String)> = translations
        .iter()
        .map(|(code, other)| (code.to_string(), config.permalink(other)))
        .collect();
    // x-default: the default language's version, or the first language it exists in.
    let default = translations
        .iter()
        .find(|(code, _)| *code == config.default_language)
        .or(translations.first())
        .map(|(_, other)| config.permalink(other));
    if translations.len() > 1 {
        alternates.extend(default.map(|url| ("x-default".to_string(), url)));
    } else {
        alternates.clear();
    }
    Entry {
        loc: config.permalink(path),
        lastmod: lastmod.map(|d| d.iso),
        alternates,
    }
}

fn urlset(entries: &[Entry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", escape(&entry.loc));
        if let Some(lastmod) = &entry.lastmod {
            let _ = writeln!(xml, "    <lastmod>{}</lastmod>", escape(lastmod));
        }
        for (lang, href) in &entry.alternates {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(lang),
                escape(href)
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The addresses of the sitemap as a site's own `sitemap.xml` template sees them (Zola's
/// `entries`): `permalink`, `updated` (or `null`) and `alternates` (`lang`, `permalink`).
pub fn entry_values(site: &Site) -> serde_json::Value {
    let entries = entries(site);
    (entries.iter())
        .map(|entry| {
            let alternates: Vec<_> = (entry.alternates.iter())
                .map(|(lang, href)| serde_json::json!({ "lang": lang, "permalink": href }))
                .collect();
            serde_json::json!({
                "permalink": entry.loc,
                "updated": entry.lastmod,
                "alternates": alternates,
            })
        })
        .collect()
}

/// The sitemap files: `sitemap.xml` alone, or an index of `sitemap-N.xml` past [`MAX_URLS`].
pub fn sitemaps(site: &Site, max_urls: usize) -> Vec<(String, String)> {
    let entries = entries(site);
    if entries.len() <= max_urls {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(max_urls).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&site.config.permalink(&format!("/{name}")))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index));
    files
}

/// `robots.txt`: everything may be crawled, and here is the map.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site(pages: usize) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let config = "title = \"x\"\nbase_url = \"https://example.org\"\ndefault_language = \"ar\"\n[languages.ar]\n[languages.en]\n";
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        for i in 0..pages {
            std::fs::write(
                dir.path().join(format!("content/p{i}.md")),
                "+++\ntitle = \"p\"\n+++\n",
            )
            .unwrap();
            std::fs::write(
                dir.path().join(format!("content/p{i}.en.md")),
                "+++\ntitle = \"p\"\ndate = 2024-05-01\n+++\n",
            )
            .unwrap();
        }
        let config = Config::load(dir.path()).unwrap();
        let content = crate::content::load(&config).unwrap();
        let site = Site::assemble(config, content, false).unwrap();
        (dir, site)
    }

    #[test]
    fn splits_into_an_index_past_the_limit() {
        let (_dir, site) = site(5);
        // 10 pages and 2 homes, at most 5 addresses a file: an index and 3 files.
        let files = sitemaps(&site, 5);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0]
            .1
            .contains("<loc>https://example.org/sitemap-3.xml</loc>"));
        let listed: usize = files[1..]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .sum();
        assert_eq!(listed, 12);
        assert_eq!(sitemaps(&site, MAX_URLS).len(), 1);
    }

    #[test]
    fn a_page_in_one_language_has_no_alternates() {
        let (dir, _) = site(0);
        std::fs::write(
            dir.path().join("content/only.md"),
            "+++\ntitle = \"p\"\n+++\n",
        )
        .unwrap();
        let config = Config::load(dir.path()).unwrap();
        let site = Site::assemble(
            config.clone(),
            crate::content::load(&config).unwrap(),
            false,
        )
        .unwrap();
        let xml = &sitemaps(&site, MAX_URLS)[0].1;
        let entry = &xml[xml.find("<loc>https://example.org/only/</loc>").unwrap()..];
        assert!(
            entry[..entry.find("</url>").unwrap()]
                .find("xhtml:link")
                .is_none(),
            "{xml}"
        );
    }
}
