//! The site model: every section and page of every language, with its URL, its place in the
//! section tree and its translations. Built once from loaded content; read-only afterwards.

mod fallback;
mod search;
pub mod taxonomies;
pub mod validate;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{Config, LanguageId};
use crate::content::front_matter::{Date, PageFrontMatter, SectionFrontMatter, SortBy};
use crate::content::{Asset, Content, Document, DocumentKind};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::slugs::slugify;

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: LanguageId,
    pub key: String,
    pub rel_path: PathBuf,
    /// Folder inside content/ whose relative links the body uses.
    pub dir: String,
    pub front: PageFrontMatter,
    pub body: Arc<str>,
    pub body_line: usize,
    pub front_matter: Arc<str>,
    pub front_matter_line: usize,
    /// Re-read from disk for this build: cached renderings of it are stale.
    pub fresh: bool,
    pub slug: String,
    /// Site-relative URL path: `/en/about/liberties-forum/`.
    pub path: String,
    /// Index into [`Site::sections`] of the section listing this page.
    pub section: usize,
    /// URLs of the files beside this page in its bundle.
    pub assets: Vec<String>,
    /// For a copy of an untranslated page (`[translations] fallback`), the language its text
    /// is in: the page is listed and reachable in `lang`, but it is not a translation.
    pub fallback_of: Option<LanguageId>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub lang: LanguageId,
    pub key: String,
    /// None for a home page that has no `_index` file in this language.
    pub rel_path: Option<PathBuf>,
    pub dir: String,
    pub front: SectionFrontMatter,
    pub body: Arc<str>,
    pub body_line: usize,
    pub fresh: bool,
    pub path: String,
    pub parent: Option<usize>,
    /// Indices into [`Site::pages`], in the section's order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    /// For a copy of an untranslated section, the language its text is in (see [`Page`]).
    pub fallback_of: Option<LanguageId>,
}

/// Something a key and language can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Page(usize),
    Section(usize),
}

/// A non-Markdown file of content/ and where it is published.
#[derive(Debug, Clone)]
pub struct PlacedAsset {
    pub source: PathBuf,
    /// Site-relative URL path.
    pub url: String,
}

pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub assets: Vec<PlacedAsset>,
    /// Every language's taxonomies, in config order, with their terms (`taxonomies.rs`).
    pub taxonomies: Vec<taxonomies::Taxonomy>,
    /// `(lang, key)` → item.
    index: HashMap<(String, String), Item>,
    /// Content-relative asset path (`about/x/photo.jpg`) → URL.
    asset_urls: HashMap<String, String>,
    /// Warnings of the settings and the front matter, which every build and `check` says.
    pub warnings: Diagnostics,
}

/// A resolved internal link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub url: String,
    /// The language of the target: differs from the linking page's when no translation exists.
    pub lang: String,
}

impl Page {
    /// Where `needle` first appears in the front matter, for pointing at a key's value.
    pub fn locate(&self, needle: &str) -> (usize, usize) {
        match self.front_matter.find(needle) {
            Some(offset) => {
                let (line, col) = crate::diagnostics::line_col(&self.front_matter, offset);
                (line + self.front_matter_line - 1, col)
            }
            None => (self.front_matter_line.saturating_sub(1), 1),
        }
    }
}

impl Site {
    /// Builds the model; `drafts` keeps pages and sections marked `draft = true`.
    pub fn assemble(config: Config, content: Content, drafts: bool) -> Result<Site, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut warnings = config.warnings.clone();
        warnings.extend(content.warnings);
        let mut site = Site {
            config,
            pages: Vec::new(),
            sections: Vec::new(),
            assets: Vec::new(),
            taxonomies: Vec::new(),
            index: HashMap::new(),
            asset_urls: HashMap::new(),
            warnings,
        };
        let mut seen: HashMap<(LanguageId, String), PathBuf> = HashMap::new();
        let mut draft_dirs: Vec<(LanguageId, String)> = Vec::new();

        for doc in content.documents {
            if let Some(first) = seen.get(&(doc.lang.clone(), doc.key.clone())) {
                problems.push(
                    Diagnostic::error(Code::DuplicatePage,
                        &doc.rel_path,
                        format!(
                            "this is the same page, in the same language, as {}",
                            first.display()
                        ),
                    )
                    .with_hint(format!(
                        "files without a language suffix are in the default language ({}); remove or rename one",
                        site.config.default_language
                    )),
                );
                continue;
            }
            seen.insert((doc.lang.clone(), doc.key.clone()), doc.rel_path.clone());
            site.add_document(doc, drafts, &mut draft_dirs, &mut problems);
        }
        site.leave_out_draft_dirs(&draft_dirs);
        site.add_missing_homes();
        if site.config.translations.fallback {
            site.add_fallback_copies();
        }
        site.sort_by_language_and_key();
        site.index_items();
        site.link_section_tree();
        site.order_section_children();
        site.place_assets(content.assets);
        match taxonomies::classify(&site.config, &site.pages) {
            Ok(taxonomies) => site.taxonomies = taxonomies,
            Err(more) => problems.extend(more),
        }
        problems.into_result()?;
        Ok(site)
    }

    /// Adds the section or page `doc` is, unless it is a draft left out: a draft section's
    /// language and folder go to `draft_dirs`.
    fn add_document(
        &mut self,
        doc: Document,
        drafts: bool,
        draft_dirs: &mut Vec<(LanguageId, String)>,
        problems: &mut Diagnostics,
    ) {
        match doc.kind {
            DocumentKind::Section(front) => {
                let front = *front;
                if front.draft && !drafts {
                    draft_dirs.push((doc.lang.clone(), doc.dir.clone()));
                    return;
                }
                let path = self.section_path(&doc.lang, &doc.dir);
                self.sections.push(Section {
                    lang: doc.lang,
                    key: doc.key,
                    rel_path: Some(doc.rel_path),
                    dir: doc.dir,
                    front,
                    body: doc.body,
                    body_line: doc.body_line,
                    fresh: doc.fresh,
                    path,
                    parent: None,
                    pages: Vec::new(),
                    subsections: Vec::new(),
                    fallback_of: None,
                });
            }
            DocumentKind::Page(front) => {
                let front = *front;
                if front.draft && !drafts {
                    return;
                }
                let (parent_dir, file_stem) = if doc.is_bundle {
                    split_dir(&doc.dir)
                } else {
                    (
                        doc.dir.clone(),
                        doc.key.rsplit('/').next().unwrap_or("").to_string(),
                    )
                };
                let slug = match &front.slug {
                    Some(slug) => slugify(slug, "page"),
                    None => slugify(&file_stem, "page"),
                };
                let folder_path =
                    || format!("{}{}/", self.section_path(&doc.lang, &parent_dir), slug);
                let path = match front.path.as_deref().map(own_path) {
                    Some(Ok(path)) => path,
                    Some(Err(why)) => {
                        let (line, col) =
                            key_place(&doc.front_matter, doc.front_matter_line, "path");
                        problems.push(bad_path(&doc.rel_path, &front, why).at(line, col));
                        folder_path()
                    }
                    None => folder_path(),
                };
                self.pages.push(Page {
                    lang: doc.lang,
                    key: doc.key,
                    rel_path: doc.rel_path,
                    dir: doc.dir,
                    front,
                    body: doc.body,
                    body_line: doc.body_line,
                    fresh: doc.fresh,
                    front_matter: doc.front_matter,
                    front_matter_line: doc.front_matter_line,
                    slug,
                    path,
                    section: 0,
                    assets: Vec::new(),
                    fallback_of: None,
                });
            }
        }
    }

    /// Pages under a draft section stay out with it.
    fn leave_out_draft_dirs(&mut self, draft_dirs: &[(LanguageId, String)]) {
        if !draft_dirs.is_empty() {
            self.pages.retain(|p| {
                !draft_dirs
                    .iter()
                    .any(|(lang, dir)| &p.lang == lang && is_within(&p.dir, dir))
            });
            self.sections.retain(|s| {
                !draft_dirs
                    .iter()
                    .any(|(lang, dir)| &s.lang == lang && is_within(&s.dir, dir))
            });
        }
    }

    /// Every language has a home, even without a `_index.LANG.md`.
    fn add_missing_homes(&mut self) {
        for lang in self.config.languages.clone() {
            let id = self.config.language_id(&lang.code).expect("configured");
            let has_home = self
                .sections
                .iter()
                .any(|s| s.lang == id && s.dir.is_empty());
            if !has_home {
                self.sections.push(Section {
                    lang: id,
                    key: "_index".into(),
                    rel_path: None,
                    dir: String::new(),
                    front: SectionFrontMatter {
                        title: lang.title.clone(),
                        ..Default::default()
                    },
                    body: Arc::from(""),
                    body_line: 1,
                    fresh: true,
                    path: lang.url.clone(),
                    parent: None,
                    pages: Vec::new(),
                    subsections: Vec::new(),
                    fallback_of: None,
                });
            }
        }
    }

    /// Deterministic order regardless of loading order: language (config order), then key.
    fn sort_by_language_and_key(&mut self) {
        let lang_rank = |code: &str| {
            self.config
                .languages
                .iter()
                .position(|l| l.code == code)
                .unwrap_or(usize::MAX)
        };
        self.sections
            .sort_by(|a, b| (lang_rank(&a.lang), &a.key).cmp(&(lang_rank(&b.lang), &b.key)));
        self.pages
            .sort_by(|a, b| (lang_rank(&a.lang), &a.key).cmp(&(lang_rank(&b.lang), &b.key)));
    }

    /// The `(lang, key)` index behind [`Site::get`], built once the order is final.
    fn index_items(&mut self) {
        for (i, s) in self.sections.iter().enumerate() {
            self.index
                .insert((s.lang.to_string(), s.key.clone()), Item::Section(i));
        }
        for (i, p) in self.pages.iter().enumerate() {
            self.index
                .insert((p.lang.to_string(), p.key.clone()), Item::Page(i));
        }
    }

    /// The section tree: each page and section hangs under its nearest ancestor section, and the
    /// pages of a transparent section under the section above too.
    fn link_section_tree(&mut self) {
        for i in 0..self.sections.len() {
            if self.sections[i].dir.is_empty() {
                continue;
            }
            let parent_dir = split_dir(&self.sections[i].dir).0;
            let parent = self.nearest_section(&self.sections[i].lang, &parent_dir);
            self.sections[i].parent = Some(parent);
            self.sections[parent].subsections.push(i);
        }
        for i in 0..self.pages.len() {
            let dir = if self.pages[i].key.ends_with("/index") {
                split_dir(&self.pages[i].dir).0
            } else {
                self.pages[i].dir.clone()
            };
            let section = self.nearest_section(&self.pages[i].lang, &dir);
            self.pages[i].section = section;
            self.sections[section].pages.push(i);
            // Zola's `transparent`: the page is listed in the sections above too, as far up
            // as the sections are transparent; each sorts it by its own `sort_by`.
            let mut listing = section;
            while let (true, Some(parent)) = (
                self.sections[listing].front.transparent,
                self.sections[listing].parent,
            ) {
                self.sections[parent].pages.push(i);
                listing = parent;
            }
        }
    }

    /// Each section's pages in its `sort_by` order, its subsections by weight, then key.
    fn order_section_children(&mut self) {
        for i in 0..self.sections.len() {
            let mut pages = std::mem::take(&mut self.sections[i].pages);
            sort_pages(&mut pages, &self.pages, self.sections[i].front.sort_by);
            self.sections[i].pages = pages;
            let mut subsections = std::mem::take(&mut self.sections[i].subsections);
            subsections.sort_by_key(|&s| {
                (
                    self.sections[s].front.weight.unwrap_or(0),
                    self.sections[s].key.clone(),
                )
            });
            self.sections[i].subsections = subsections;
        }
    }

    /// URL path of the section for content folder `dir` in `lang`.
    fn section_path(&self, lang: &LanguageId, dir: &str) -> String {
        let mut path = self.config.language_of(lang).url.clone();
        push_slugged_dir(&mut path, dir);
        path
    }

    /// The section at `dir` or its closest ancestor in `lang` (the home page at worst).
    fn nearest_section(&self, lang: &str, dir: &str) -> usize {
        let mut dir = dir.to_string();
        loop {
            let key = if dir.is_empty() {
                "_index".to_string()
            } else {
                format!("{dir}/_index")
            };
            if let Some(Item::Section(i)) = self.index.get(&(lang.to_string(), key)) {
                return *i;
            }
            if dir.is_empty() {
                unreachable!("every language has a home section");
            }
            dir = split_dir(&dir).0;
        }
    }

    /// Publishes each bundle's files once, beside the bundle's default-language page, so all
    /// translations share one copy of a large PDF or photo.
    fn place_assets(&mut self, assets: Vec<Asset>) {
        let languages: Vec<String> = self
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        for asset in assets {
            let mut bundle_dir = asset.dir.clone();
            let placed = loop {
                if bundle_dir.is_empty() {
                    break None;
                }
                let key = format!("{bundle_dir}/index");
                let owner = languages.iter().find_map(|lang| {
                    match self.index.get(&(lang.clone(), key.clone())) {
                        Some(Item::Page(i)) if self.pages[*i].fallback_of.is_none() => Some(*i),
                        _ => None,
                    }
                });
                if let Some(page) = owner {
                    let below = asset.dir[bundle_dir.len()..].trim_start_matches('/');
                    let mut url = self.pages[page].path.clone();
                    if !below.is_empty() {
                        url.push_str(below);
                        url.push('/');
                    }
                    url.push_str(&asset.file_name);
                    break Some((url, bundle_dir));
                }
                bundle_dir = split_dir(&bundle_dir).0;
            };
            let (url, bundle) = placed.unwrap_or_else(|| {
                let mut url = "/".to_string();
                push_slugged_dir(&mut url, &asset.dir);
                url.push_str(&asset.file_name);
                (url, String::new())
            });
            let content_rel = if asset.dir.is_empty() {
                asset.file_name.clone()
            } else {
                format!("{}/{}", asset.dir, asset.file_name)
            };
            if !bundle.is_empty() {
                for lang in &languages {
                    if let Some(Item::Page(i)) =
                        self.index.get(&(lang.clone(), format!("{bundle}/index")))
                    {
                        self.pages[*i].assets.push(url.clone());
                    }
                }
            }
            self.asset_urls.insert(content_rel, url.clone());
            self.assets.push(PlacedAsset {
                source: asset.rel_path,
                url,
            });
        }
    }

    /// The page or section with `key` in `lang`, from the index built once by [`Site::assemble`].
    pub fn get(&self, lang: &str, key: &str) -> Option<Item> {
        self.index
            .get(&(lang.to_string(), key.to_string()))
            .copied()
    }

    pub fn item_path(&self, item: Item) -> &str {
        match item {
            Item::Page(i) => &self.pages[i].path,
            Item::Section(i) => &self.sections[i].path,
        }
    }

    /// Whether the item gets a file of its own (Zola's `render`).
    pub fn renders(&self, item: Item) -> bool {
        match item {
            Item::Page(i) => self.pages[i].front.renders(),
            Item::Section(i) => self.sections[i].front.renders(),
        }
    }

    /// Languages (config order) in which the item with `key` exists: its translations,
    /// never a fallback copy of an untranslated item.
    pub fn languages_of(&self, key: &str) -> Vec<(&str, Item)> {
        self.config
            .languages
            .iter()
            .filter_map(|l| self.get(&l.code, key).map(|item| (l.code.as_str(), item)))
            .filter(|(_, item)| self.fallback_of(*item).is_none())
            .collect()
    }

    /// Resolves `@/path/file.md#anchor` for a page in `from_lang`: the same-language
    /// translation when there is one, else the default language, else any language.
    pub fn resolve_internal(&self, link: &str, from_lang: &str) -> Result<ResolvedLink, String> {
        let target = self.link_target(link, from_lang);
        let Some((lang, item)) = self.find_target(&target) else {
            return Err(format!(
                "`{link}` leads to no page: there is no content/{} in any language",
                target.path
            ));
        };
        let mut url = self.item_path(item).to_string();
        if let Some(fragment) = target.fragment {
            url.push('#');
            url.push_str(fragment);
        }
        Ok(ResolvedLink {
            url,
            lang: lang.to_string(),
        })
    }

    /// The item an internal link names, found as [`Site::resolve_internal`] finds it.
    pub fn find(&self, link: &str, from_lang: &str) -> Option<Item> {
        self.find_target(&self.link_target(link, from_lang))
            .map(|(_, item)| item)
    }

    fn link_target<'a>(&'a self, link: &'a str, from_lang: &'a str) -> LinkTarget<'a> {
        let languages: Vec<&str> = self
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        link_candidates(link, from_lang, &self.config.default_language, &languages)
    }

    /// The first candidate of `target` that exists, with its language.
    fn find_target<'a>(&self, target: &LinkTarget<'a>) -> Option<(&'a str, Item)> {
        target
            .candidates
            .iter()
            .find_map(|(lang, key)| self.get(lang, key).map(|item| (*lang, item)))
    }

    /// The URL of a file of content/ named relative to folder `dir`, if it is published.
    pub fn asset_url(&self, dir: &str, relative: &str) -> Option<&str> {
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for part in relative.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        self.asset_urls.get(&parts.join("/")).map(String::as_str)
    }

    /// The taxonomy `name` of language `lang`.
    pub fn taxonomy(&self, lang: &str, name: &str) -> Option<&taxonomies::Taxonomy> {
        self.taxonomies
            .iter()
            .find(|t| &*t.lang == lang && t.settings.name == name)
    }

    /// The taxonomy `t` in every language that writes it (itself among them), as (language,
    /// path): a taxonomy's translations are the same taxonomy in other languages.
    pub fn taxonomy_translations(&self, t: usize) -> Vec<(&str, &str)> {
        let name = &self.taxonomies[t].settings.name;
        (self.taxonomies.iter())
            .filter(|other| other.render && &other.settings.name == name)
            .map(|other| (&*other.lang, other.path.as_str()))
            .collect()
    }

    /// The term `term` of taxonomy `t` in every language that writes it (itself among them),
    /// as (language, path): a term's translations are the terms with the same slug there.
    pub fn term_translations(&self, t: usize, term: usize) -> Vec<(&str, &str)> {
        let taxonomy = &self.taxonomies[t];
        let slug = &taxonomy.terms[term].slug;
        (self.taxonomies.iter())
            .filter(|other| other.render && other.settings.name == taxonomy.settings.name)
            .filter_map(|other| Some((&*other.lang, other.term(slug)?.path.as_str())))
            .collect()
    }

    /// The home section of a language.
    pub fn home(&self, lang: &str) -> usize {
        self.nearest_section(lang, "")
    }
}

/// Where an internal link (`@/reports/x/index.en.md#part`) may lead.
pub struct LinkTarget<'a> {
    /// The path after `@/`, without the fragment.
    pub path: &'a str,
    pub fragment: Option<&'a str>,
    /// `(language, key)` pairs, most wanted first.
    pub candidates: Vec<(&'a str, String)>,
}

/// Parses an internal link seen from a page in `from_lang`. A language suffix in the file name
/// decides alone; otherwise the same language comes first, then the default, then any. The key
/// may name a page, a bundle (`x` for `x/index`) or a section (`x` for `x/_index`).
pub fn link_candidates<'a>(
    link: &'a str,
    from_lang: &'a str,
    default_language: &'a str,
    languages: &[&'a str],
) -> LinkTarget<'a> {
    let target = link.strip_prefix("@/").unwrap_or(link);
    let (path, fragment) = match target.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (target, None),
    };
    let without_md = path
        .strip_suffix(".md")
        .unwrap_or(path)
        .trim_end_matches('/');
    let (key, explicit) = match without_md.rsplit_once('.') {
        Some((key, lang)) if languages.contains(&lang) => {
            (key, languages.iter().find(|l| **l == lang).copied())
        }
        _ => (without_md, None),
    };
    let order: Vec<&str> = match explicit {
        Some(lang) => vec![lang],
        None => [from_lang, default_language]
            .into_iter()
            .chain(languages.iter().copied())
            .collect(),
    };
    let keys = [
        key.to_string(),
        format!("{key}/index"),
        format!("{key}/_index"),
    ];
    LinkTarget {
        path,
        fragment,
        candidates: order
            .into_iter()
            .flat_map(|lang| keys.iter().map(move |k| (lang, k.clone())))
            .collect(),
    }
}

/// Appends content folder `dir` to a URL path as it is published: each folder slugged, each
/// followed by `/`.
fn push_slugged_dir(path: &mut String, dir: &str) {
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        path.push_str(&slugify(part, "section"));
        path.push('/');
    }
}

/// The address a page's `path` gives it. As in Zola, it is from the site's root, whatever the
/// page's language: a translation's `path` names its language's folder itself (`en/about`).
fn own_path(written: &str) -> Result<String, &'static str> {
    crate::url::site_path(written).map(|inside| format!("/{inside}/"))
}

fn bad_path(rel: &std::path::Path, front: &PageFrontMatter, why: &str) -> Diagnostic {
    let written = front.path.as_deref().unwrap_or_default();
    Diagnostic::error(
        Code::FrontMatter,
        rel,
        format!("the page's `path` \"{written}\" {why}"),
    )
    .with_hint("`path` is the page's address from the site's root, e.g. path = \"about-us\" or \"en/about-us\"; remove it to use the folder and the slug")
}

/// The line and column of `key` at the start of a line of front matter that starts on
/// `first_line`, for pointing at it (TOML `key =` or YAML `key:`).
fn key_place(front_matter: &str, first_line: usize, key: &str) -> (usize, usize) {
    front_matter
        .lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map_or((first_line, 1), |i| (first_line + i, 1))
}

/// `a/b/c` → (`a/b`, `c`); `a` → (``, `a`).
fn split_dir(dir: &str) -> (String, String) {
    match dir.rsplit_once('/') {
        Some((parent, last)) => (parent.to_string(), last.to_string()),
        None => (String::new(), dir.to_string()),
    }
}

fn is_within(dir: &str, ancestor: &str) -> bool {
    ancestor.is_empty() || dir == ancestor || dir.starts_with(&format!("{ancestor}/"))
}

fn sort_pages(pages: &mut [usize], all: &[Page], sort_by: SortBy) {
    // Zola breaks ties by address; so do the orders Bayan took from it.
    let by_path = |a: &Page, b: &Page| a.path.cmp(&b.path);
    match sort_by {
        SortBy::Date => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            b.front
                .date
                .cmp(&a.front.date)
                .then_with(|| a.front.title.cmp(&b.front.title))
                .then_with(|| a.key.cmp(&b.key))
        }),
        SortBy::UpdateDate => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            fn latest(p: &Page) -> Option<&Date> {
                p.front.date.as_ref().max(p.front.updated.as_ref())
            }
            latest(b).cmp(&latest(a)).then_with(|| by_path(a, b))
        }),
        SortBy::Weight => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            let weight = |p: &Page| (p.front.weight.is_none(), p.front.weight.unwrap_or(0));
            weight(a).cmp(&weight(b)).then_with(|| a.key.cmp(&b.key))
        }),
        SortBy::Title => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            a.front
                .title
                .to_lowercase()
                .cmp(&b.front.title.to_lowercase())
                .then_with(|| a.key.cmp(&b.key))
        }),
        SortBy::TitleBytes => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            a.front
                .title
                .cmp(&b.front.title)
                .then_with(|| by_path(a, b))
        }),
        SortBy::Slug => pages.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            natural_order(&a.slug, &b.slug).then_with(|| by_path(a, b))
        }),
        SortBy::None => pages.sort_by(|&a, &b| all[a].key.cmp(&all[b].key)),
    }
}

/// Compares texts as people order them: letters regardless of case, and runs of digits by
/// their value, so `part-2` comes before `part-10`.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(d) = chars.next_if(char::is_ascii_digit) {
                        digits.push(d);
                    }
                    digits.trim_start_matches('0').to_string()
                };
                let (x, y) = (number(&mut a), number(&mut b));
                let order = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if order.is_ne() {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order.is_ne() {
                    return order;
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::natural_order;

    #[test]
    fn numbers_in_slugs_sort_by_value() {
        let mut slugs = ["part-10", "part-2", "Part-3", "part", "a-01", "a-1b", "b"];
        slugs.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            slugs,
            ["a-01", "a-1b", "b", "part", "part-2", "Part-3", "part-10"]
        );
    }
}
