//! Links, anchors and alt text of the rendered site. Every HTML page the build would write is
//! read with lol_html for its element ids, its links into the site and its `<img>` elements;
//! each link is resolved the way a browser would (against the page's address and the site's
//! base path) and looked up among the output files and the ids of its target. A problem is
//! reported at the Markdown file the page came from, on the line of the link when the link is
//! in the text; links that come from templates are reported once for all pages.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use lol_html::{element, rewrite_str, RewriteStrSettings};
use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;

use crate::config::LanguageId;
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::languages::Direction;
use crate::markdown;
use crate::output::{Contents, OutputFile};
use crate::render::finish::URL_ATTRIBUTES;
use crate::site::Site;
use crate::url::{has_scheme, percent_decode_link, percent_encode, relative_file};

/// What the check found, and the links to other sites (URL → where they are), for
/// `--external`.
pub struct Found {
    pub findings: Vec<Diagnostic>,
    pub external: BTreeMap<String, Vec<Place>>,
}

/// Where something is: a file of the site and a line in it (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: PathBuf,
    pub line: usize,
}

/// What one HTML page holds that the check needs.
#[derive(Default)]
struct Scan {
    /// Element ids (and `<a name>`), in document order.
    ids: Vec<String>,
    /// URLs as written, with the element they are on.
    links: Vec<String>,
    /// `src` of each `<img>` without an `alt` attribute.
    images_without_alt: Vec<String>,
}

fn scan(html: &str) -> Scan {
    let found = RefCell::new(Scan::default());
    let mut handlers = vec![
        element!("*[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                found.borrow_mut().ids.push(decode_entities(&id));
            }
            Ok(())
        }),
        element!("a[name]", |el| {
            if let Some(name) = el.get_attribute("name") {
                found.borrow_mut().ids.push(decode_entities(&name));
            }
            Ok(())
        }),
        element!("img", |el| {
            if !el.has_attribute("alt") {
                let src = el.get_attribute("src").unwrap_or_default();
                found
                    .borrow_mut()
                    .images_without_alt
                    .push(decode_entities(&src));
            }
            Ok(())
        }),
        element!("img[srcset], source[srcset]", |el| {
            let srcset = el.get_attribute("srcset").unwrap_or_default();
            let mut found = found.borrow_mut();
            for candidate in srcset.split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    found.links.push(decode_entities(url));
                }
            }
            Ok(())
        }),
    ];
    // A form's action is where it posts (a mailing-list provider), not a page to visit.
    for (selector, attribute) in URL_ATTRIBUTES
        .iter()
        .filter(|(s, _)| !s.starts_with("form"))
    {
        let found = &found;
        handlers.push(element!(*selector, move |el| {
            if let Some(url) = el.get_attribute(attribute) {
                found.borrow_mut().links.push(decode_entities(&url));
            }
            Ok(())
        }));
    }
    // A page that does not parse has been reported by the build already.
    let _ = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    );
    found.into_inner()
}

/// Where a URL leads, seen from a page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Target {
    /// A file of the output: its path inside the output folder (decoded, `/`-separated, no
    /// leading slash; `index.html` not added) and the fragment, if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Inside the host but outside the site's base path.
    Outside(String),
    /// Another site (the URL without its fragment).
    External(String),
    /// mailto:, tel:, data:, javascript:, an empty link, or only a query.
    Ignored,
}

/// The site's address, for resolving URLs.
struct Base<'a> {
    /// `https://example.org` (scheme and host, lower case).
    origin: String,
    /// `/` or `/org/`.
    path: &'a str,
}

impl<'a> Base<'a> {
    fn new(site: &'a Site, base_path: &'a str) -> Base<'a> {
        let base_url = &site.config.base_url;
        let origin = match base_url.split_once("://") {
            Some((scheme, rest)) => {
                let host = rest.split('/').next().unwrap_or("");
                format!("{scheme}://{host}").to_ascii_lowercase()
            }
            None => String::new(),
        };
        Base {
            origin,
            path: base_path,
        }
    }

    /// Resolves `url` as found on the page whose address (path, from `/`) is `page`.
    fn resolve(&self, url: &str, page: &str) -> Target {
        let url = url.trim();
        if url.is_empty() || url.starts_with('?') {
            return Target::Ignored;
        }
        let lower = url.to_ascii_lowercase();
        let absolute_path = if lower.starts_with("http://") || lower.starts_with("https://") {
            let rest_at = url.find("://").map_or(0, |i| i + 3);
            let host_end = url[rest_at..]
                .find(['/', '?', '#'])
                .map_or(url.len(), |i| rest_at + i);
            if lower[..host_end] != self.origin {
                return Target::External(strip_fragment(url).to_string());
            }
            let path = &url[host_end..];
            if path.is_empty() || path.starts_with(['?', '#']) {
                format!("/{path}")
            } else {
                path.to_string()
            }
        } else if let Some(rest) = url.strip_prefix("//") {
            return Target::External(format!("https://{}", strip_fragment(rest)));
        } else if has_scheme(url) {
            return Target::Ignored;
        } else if url.starts_with('/') {
            url.to_string()
        } else if url.starts_with('#') {
            format!("{page}{url}")
        } else {
            let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{url}")
        };
        let (rest, fragment) = match absolute_path.split_once('#') {
            Some((rest, fragment)) => (rest, Some(percent_decode_link(fragment).into_owned())),
            None => (absolute_path.as_str(), None),
        };
        let path = rest.split('?').next().unwrap_or("");
        let path = normalize(&percent_decode_link(path));
        match path.strip_prefix(self.path) {
            Some(inside) => Target::Internal {
                path: inside.to_string(),
                fragment: fragment.filter(|f| !f.is_empty()),
            },
            None if path.len() + 1 == self.path.len() && self.path.starts_with(&path) => {
                Target::Internal {
                    path: String::new(),
                    fragment: fragment.filter(|f| !f.is_empty()),
                }
            }
            None => Target::Outside(path),
        }
    }
}

fn strip_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Removes `.` and `..` segments of an absolute path, keeping a trailing slash.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "" | "." if !last => {}
            ".." => {
                parts.pop();
            }
            "." => parts.push(""),
            s => parts.push(s),
        }
    }
    if parts.last() == Some(&"..") {
        parts.pop();
    }
    format!("/{}", parts.join("/"))
}

/// Attribute values as lol_html gives them keep their character references.
fn decode_entities(text: &str) -> String {
    crate::url::decode_character_references(text).into_owned()
}

/// The Markdown file an output page was made from, with what is needed to read its links.
struct Source<'a> {
    file: PathBuf,
    markdown: Option<Markdown<'a>>,
}

#[derive(Clone, Copy)]
struct Markdown<'a> {
    body: &'a str,
    body_line: usize,
    lang: &'a str,
    /// The language's direction, which the Markdown options depend on.
    direction: Direction,
    /// Folder inside content/ for relative links.
    dir: &'a str,
    /// The page's address, from `/`, with the base path.
    address: &'a str,
}

/// A link of the Markdown text: where it is and where it leads.
struct MarkdownLink {
    offset: usize,
    /// As written in the text.
    dest: String,
    target: Target,
}

impl Markdown<'_> {
    fn place(&self, file: &Path, offset: usize) -> Place {
        let (line, _) = crate::diagnostics::line_col(self.body, offset);
        Place {
            file: file.to_path_buf(),
            line: line + self.body_line - 1,
        }
    }

    /// Every link and image of the text, resolved as the build resolves it.
    fn links(&self, site: &Site, base: &Base, base_path: &str) -> Vec<MarkdownLink> {
        let mut out = Vec::new();
        for (event, range) in markdown::parser(self.body, self.direction).into_offset_iter() {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. })
                | Event::Start(Tag::Image { dest_url, .. }) => dest_url.to_string(),
                _ => continue,
            };
            let url = if dest.starts_with("@/") {
                match site.resolve_internal(&dest, self.lang) {
                    Ok(r) => format!("{base_path}{}", r.url.trim_start_matches('/')),
                    Err(_) => continue, // reported by the build
                }
            } else {
                let asset = relative_file(&dest).and_then(|(path, fragment)| {
                    Some((site.asset_url(self.dir, &path)?, fragment))
                });
                match asset {
                    Some((asset, fragment)) => {
                        let mut url = format!("{base_path}{}", asset.trim_start_matches('/'));
                        if let Some(f) = fragment {
                            url.push('#');
                            url.push_str(f);
                        }
                        url
                    }
                    None => dest.clone(),
                }
            };
            out.push(MarkdownLink {
                offset: range.start,
                target: base.resolve(&url, self.address),
                dest,
            });
        }
        out
    }

    /// Images of the text whose alt text is empty: `![](photo.jpg)`.
    fn images_without_alt(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, String, String)> = None;
        for (event, range) in markdown::parser(self.body, self.direction).into_offset_iter() {
            match event {
                Event::Start(Tag::Image { dest_url, .. }) => {
                    open = Some((range.start, dest_url.to_string(), String::new()));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, alt)) = &mut open {
                        alt.push_str(&t);
                    }
                }
                Event::End(TagEnd::Image) => {
                    if let Some((offset, dest, alt)) = open.take() {
                        if alt.trim().is_empty() {
                            out.push((offset, dest));
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The line of the `<img>` (raw HTML in the text) that shows `src`, else of the first one.
    fn find_img(&self, file: &Path, src: &str) -> Option<Place> {
        let file_name = src.rsplit('/').next().unwrap_or(src);
        let at = self.body.find("<img")?;
        let found = self
            .body
            .match_indices("<img")
            .find(|(i, _)| {
                self.body[*i..]
                    .split('>')
                    .next()
                    .unwrap_or("")
                    .contains(file_name)
            })
            .map_or(at, |(i, _)| i);
        Some(self.place(file, found))
    }

    /// The line of the first `needle` in the text.
    fn find(&self, file: &Path, needle: &str) -> Option<Place> {
        let offset = self.body.find(needle)?;
        Some(self.place(file, offset))
    }
}

/// Output path (`en/about/index.html`) → what it was made from.
fn sources<'a>(
    site: &'a Site,
    addresses: &'a HashMap<String, String>,
) -> HashMap<String, Source<'a>> {
    let mut map = HashMap::new();
    for page in &site.pages {
        let output = output_key(&page.path);
        map.insert(
            output.clone(),
            Source {
                file: page.rel_path.clone(),
                markdown: Some(Markdown {
                    body: &page.body,
                    body_line: page.body_line,
                    lang: &page.lang,
                    direction: direction(site, &page.lang),
                    dir: &page.dir,
                    address: &addresses[&output],
                }),
            },
        );
    }
    for section in &site.sections {
        let output = output_key(&section.path);
        let source = match &section.rel_path {
            Some(rel) => Source {
                file: rel.clone(),
                markdown: Some(Markdown {
                    body: &section.body,
                    body_line: section.body_line,
                    lang: &section.lang,
                    direction: direction(site, &section.lang),
                    dir: &section.dir,
                    address: &addresses[&output],
                }),
            },
            None => Source {
                file: template_file(site, "index.html"),
                markdown: None,
            },
        };
        map.insert(output, source);
    }
    map
}

/// The direction of a language's text, as the build renders it.
fn direction(site: &Site, lang: &LanguageId) -> Direction {
    site.config.language_of(lang).direction
}

/// `/en/about/` → `en/about/index.html`.
fn output_key(site_path: &str) -> String {
    output_name(&crate::render::output_path(site_path))
}

/// The file a template is read from: the site's own, else the theme's.
fn template_file(site: &Site, name: &str) -> PathBuf {
    let own = Path::new("templates").join(name);
    if site.config.root.join(&own).is_file() {
        return own;
    }
    match &site.config.theme {
        Some(theme) => Path::new("themes").join(theme).join("templates").join(name),
        None => own,
    }
}

/// For outputs that no Markdown file made (not-found pages, signup results, later pagers):
/// the section of a pager, else the template.
fn source_of<'s, 'a>(
    sources: &'s HashMap<String, Source<'a>>,
    site: &Site,
    output: &str,
    fallback: &'s mut Option<Source<'a>>,
) -> &'s Source<'a> {
    if sources.contains_key(output) {
        return &sources[output];
    }
    // `news/page/2/index.html` is the section `news/`.
    if let Some(at) = output.rfind("page/") {
        let section = format!("{}index.html", &output[..at]);
        if sources.contains_key(&section) {
            return &sources[&section];
        }
    }
    let name = output.rsplit('/').next().unwrap_or(output);
    let template = if name == "404.html" {
        "404.html"
    } else {
        "signup-result.html"
    };
    fallback.insert(Source {
        file: template_file(site, template),
        markdown: None,
    })
}

/// A problem seen on a page, before it is located.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Problem {
    Broken {
        url: String,
        target: String,
    },
    Outside {
        url: String,
        target: String,
    },
    Anchor {
        url: String,
        page: String,
        fragment: String,
    },
    NoAlt {
        src: String,
    },
}

pub fn check(site: &Site, files: &[OutputFile]) -> Found {
    let base_path = site.config.base_path();
    let outputs = Outputs {
        site,
        base: Base::new(site, &base_path),
        base_path: &base_path,
        files: files.iter().map(|f| output_name(&f.path)).collect(),
        scans: scan_html_files(files),
    };
    let addresses = addresses(site, &base_path);
    let sources = sources(site, &addresses);

    let mut collected = Collected::default();
    let mut rendered: Vec<&String> = outputs
        .scans
        .iter()
        .filter(|(_, (rendered, _))| *rendered)
        .map(|(output, _)| output)
        .collect();
    rendered.sort();
    for output in rendered {
        let mut fallback = None;
        let source = source_of(&sources, site, output, &mut fallback);
        outputs.check_page(output, source, &mut collected);
    }
    let Collected {
        mut findings,
        mut external,
        from_templates,
    } = collected;
    findings.extend(outputs.template_findings(from_templates));
    findings.extend(markdown_images_without_alt(&sources));
    for places in external.values_mut() {
        places.sort();
    }
    Found { findings, external }
}

/// A path inside the output folder, `/`-separated.
fn output_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every HTML file's ids (read from disk for static pages), and whether the build rendered it:
/// links are checked only on rendered pages.
fn scan_html_files(files: &[OutputFile]) -> HashMap<String, (bool, Scan)> {
    files
        .par_iter()
        .filter(|f| crate::render::is_page(&f.path))
        .filter_map(|f| {
            let key = output_name(&f.path);
            match &f.contents {
                Contents::Bytes(bytes) => {
                    Some((key, (true, scan(&String::from_utf8_lossy(bytes)))))
                }
                Contents::CopyOf(path) => {
                    let text = std::fs::read_to_string(path).ok()?;
                    Some((key, (false, scan(&text))))
                }
            }
        })
        .collect()
}

/// Output path of each page and section → its address, from `/`, with the base path.
fn addresses(site: &Site, base_path: &str) -> HashMap<String, String> {
    site.pages
        .iter()
        .map(|p| &p.path)
        .chain(site.sections.iter().map(|s| &s.path))
        .map(|path| {
            let key = output_key(path);
            (key.clone(), format!("{base_path}{key}"))
        })
        .collect()
}

/// The site's output as the check of every page reads it.
struct Outputs<'a> {
    site: &'a Site,
    base: Base<'a>,
    base_path: &'a str,
    /// Every output file.
    files: HashSet<String>,
    /// Every HTML file's scan, and whether the build rendered it.
    scans: HashMap<String, (bool, Scan)>,
}

/// What the checks of the pages collect.
#[derive(Default)]
struct Collected {
    findings: Vec<Diagnostic>,
    external: BTreeMap<String, Vec<Place>>,
    /// Problems not in any page's text (from templates): problem → pages it is on.
    from_templates: BTreeMap<Problem, Vec<PathBuf>>,
}

impl Outputs<'_> {
    /// Checks the links and images of one rendered page, made from `source`.
    fn check_page(&self, output: &str, source: &Source, collected: &mut Collected) {
        let (_, page_scan) = &self.scans[output];
        let address = format!("{}{output}", self.base_path);
        let markdown_links = source
            .markdown
            .map(|m| m.links(self.site, &self.base, self.base_path))
            .unwrap_or_default();
        let mut seen: HashSet<Problem> = HashSet::new();
        for url in &page_scan.links {
            let problem = match self.base.resolve(url, &address) {
                Target::Ignored => continue,
                Target::External(url) => {
                    collected.external_link(url, source);
                    continue;
                }
                Target::Outside(path) => Problem::Outside {
                    url: url.clone(),
                    target: path,
                },
                Target::Internal { path, fragment } => {
                    match self.internal_problem(url, path, fragment) {
                        Some(problem) => problem,
                        None => continue,
                    }
                }
            };
            if !seen.insert(problem.clone()) {
                continue;
            }
            match locate_link(&problem, source, &markdown_links, &self.base, &address) {
                Some((place, written)) => {
                    // Name the link as the editor wrote it, not as the build rewrote it.
                    let problem = match written {
                        Some(written) => problem.with_url(written),
                        None => problem,
                    };
                    collected.report(self, problem, Some(place), source);
                }
                None => collected.report(self, problem, None, source),
            }
        }
        for src in &page_scan.images_without_alt {
            let problem = Problem::NoAlt { src: src.clone() };
            if !seen.insert(problem.clone()) {
                continue;
            }
            let place = source.markdown.and_then(|m| m.find_img(&source.file, src));
            collected.report(self, problem, place, source);
        }
    }

    /// What is wrong with the link `url` to `path` (inside the output folder) and `fragment`.
    fn internal_problem(
        &self,
        url: &str,
        path: String,
        fragment: Option<String>,
    ) -> Option<Problem> {
        let outputs = &self.files;
        let file = if path.is_empty() || path.ends_with('/') {
            Some(format!("{path}index.html"))
        } else if outputs.contains(&path) {
            Some(path.clone())
        } else {
            let index = format!("{path}/index.html");
            outputs.contains(&index).then_some(index)
        };
        match (file.filter(|f| outputs.contains(f)), fragment) {
            (None, _) => Some(Problem::Broken {
                url: url.to_string(),
                target: format!("{}{path}", self.base_path),
            }),
            (Some(file), Some(fragment)) => match self.scans.get(&file) {
                Some((_, target)) if !target.ids.contains(&fragment) && fragment != "top" => {
                    Some(Problem::Anchor {
                        url: url.to_string(),
                        page: file,
                        fragment,
                    })
                }
                _ => None,
            },
            (Some(_), None) => None,
        }
    }

    /// One finding for each problem that templates put on pages, naming how many.
    fn template_findings(
        &self,
        from_templates: BTreeMap<Problem, Vec<PathBuf>>,
    ) -> Vec<Diagnostic> {
        let mut findings = Vec::new();
        for (problem, mut pages) in from_templates {
            pages.sort();
            pages.dedup();
            let place = Place {
                file: pages[0].clone(),
                line: 0,
            };
            findings.push(finding(
                &problem,
                place,
                &self.scans,
                self.base_path,
                pages.len(),
            ));
        }
        findings
    }
}

impl Collected {
    /// A problem at its place in the page's text; one not in the text (`None`) is kept with
    /// the same problem of other pages, to be reported once.
    fn report(
        &mut self,
        outputs: &Outputs,
        problem: Problem,
        place: Option<Place>,
        source: &Source,
    ) {
        match place {
            Some(place) => self.findings.push(finding(
                &problem,
                place,
                &outputs.scans,
                outputs.base_path,
                1,
            )),
            None => self
                .from_templates
                .entry(problem)
                .or_default()
                .push(source.file.clone()),
        }
    }

    /// A link to another site, at its line in the page's text when it is there.
    fn external_link(&mut self, url: String, source: &Source) {
        let place = source
            .markdown
            .and_then(|m| m.find(&source.file, &url))
            .unwrap_or_else(|| Place {
                file: source.file.clone(),
                line: 0,
            });
        let places = self.external.entry(url).or_default();
        if !places.contains(&place) {
            places.push(place);
        }
    }
}

/// Images of the Markdown with an empty alt text, once per file.
fn markdown_images_without_alt(sources: &HashMap<String, Source>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for source in sources.values() {
        let Some(markdown) = source.markdown else {
            continue;
        };
        for (offset, dest) in markdown.images_without_alt() {
            let place = markdown.place(&source.file, offset);
            findings.push(
                Diagnostic::error(Code::MissingAlt, &place.file, format!("the image `{dest}` has no alt text"))
                    .at(place.line, 0)
                    .with_hint(format!(
                        "describe what it shows, for readers who cannot see it, between the brackets: ![A hall full of people]({dest})"
                    )),
            );
        }
    }
    findings
}

impl Problem {
    fn with_url(self, new: String) -> Problem {
        match self {
            Problem::Broken { target, .. } => Problem::Broken { url: new, target },
            Problem::Outside { target, .. } => Problem::Outside { url: new, target },
            Problem::Anchor { page, fragment, .. } => Problem::Anchor {
                url: new,
                page,
                fragment,
            },
            other => other,
        }
    }
}

/// Where the link of `problem` is in the page's Markdown, if it is there, and the link as
/// written there when it is a Markdown link.
fn locate_link(
    problem: &Problem,
    source: &Source,
    markdown_links: &[MarkdownLink],
    base: &Base,
    address: &str,
) -> Option<(Place, Option<String>)> {
    let markdown = source.markdown?;
    let url = match problem {
        Problem::Broken { url, .. }
        | Problem::Outside { url, .. }
        | Problem::Anchor { url, .. } => url,
        Problem::NoAlt { .. } => return None,
    };
    let wanted = base.resolve(url, address);
    if let Some(link) = markdown_links.iter().find(|l| l.target == wanted) {
        return Some((
            markdown.place(&source.file, link.offset),
            Some(link.dest.clone()),
        ));
    }
    // Raw HTML in the Markdown: look for the fragment, else the last part of the address.
    let place = match &wanted {
        Target::Internal {
            fragment: Some(f), ..
        } => markdown
            .find(&source.file, &format!("#{f}"))
            .or_else(|| markdown.find(&source.file, &format!("#{}", percent_encode(f)))),
        Target::Internal { path, .. } | Target::Outside(path) => {
            let last = path.trim_end_matches('/').rsplit('/').next()?;
            if last.is_empty() {
                return None;
            }
            markdown
                .body
                .match_indices(last)
                .find(|(i, _)| markdown.body[..*i].ends_with('/'))
                .map(|(i, _)| markdown.place(&source.file, i))
        }
        _ => None,
    };
    place.map(|p| (p, None))
}

/// The finding for `problem` at `place`; `pages` > 1 when a template puts it on many pages.
fn finding(
    problem: &Problem,
    place: Place,
    scans: &HashMap<String, (bool, Scan)>,
    base_path: &str,
    pages: usize,
) -> Diagnostic {
    let on_pages = match pages {
        1 => String::new(),
        n => format!(" (on {n} pages)"),
    };
    let template_note = "the link is not in the page's text: it comes from a template; ";
    let in_text = place.line > 0;
    let diagnostic = match problem {
        Problem::Broken { url, target } => Diagnostic::error(Code::BrokenLink,
                &place.file,
                format!("the link `{url}` leads nowhere: the site has no page or file at {target}{on_pages}"),
            )
            .with_hint(format!(
                "{}link to pages as @/ followed by their file in content/, e.g. [text](@/reports/_index.md), and to files of the page's folder by their name",
                if in_text { "" } else { template_note }
            )),
        Problem::Outside { url, target } => Diagnostic::error(Code::BrokenLink,
                &place.file,
                format!(
                    "the link `{url}` leads to {target}, outside the site (which lives at {base_path}){on_pages}"
                ),
            )
            .with_hint(format!(
                "{}link to pages as @/ followed by their file in content/, so the address is right wherever the site is published",
                if in_text { "" } else { template_note }
            )),
        Problem::Anchor {
            url,
            page,
            fragment,
        } => {
            let ids = scans.get(page).map(|(_, s)| s.ids.as_slice()).unwrap_or(&[]);
            let suggestion = match did_you_mean(fragment, ids.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `#{best}`? "),
                None => String::new(),
            };
            let mut listed: Vec<&str> = ids.iter().map(String::as_str).take(12).collect();
            if ids.len() > listed.len() {
                listed.push("…");
            }
                Diagnostic::error(Code::MissingAnchor,
                    &place.file,
                    format!(
                        "the link `{url}` leads to `#{fragment}`, which is not on {base_path}{}{on_pages}",
                        page.strip_suffix("index.html").unwrap_or(page)
                    ),
                )
                .with_hint(format!(
                    "{}{suggestion}anchors on that page: {}; a heading's anchor is its text in lower case with hyphens, or set your own with `## Heading {{#name}}`",
                    if in_text { "" } else { template_note },
                    if listed.is_empty() { "none".to_string() } else { listed.join(", ") }
                ))
        }
        Problem::NoAlt { src } => Diagnostic::error(Code::MissingAlt,
                &place.file,
                format!("the image `{src}` has no alt attribute{on_pages}"),
            )
            .with_hint(if in_text {
                "add alt=\"…\" describing what the image shows (alt=\"\" only for pure decoration)".to_string()
            } else {
                "the <img> comes from a template: add alt=\"…\" to it there (alt=\"\" only for pure decoration)".to_string()
            }),
    };
    diagnostic.at(place.line, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(path: &str) -> Base<'_> {
        Base {
            origin: "https://example.org".into(),
            path,
        }
    }

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn urls_resolve_against_the_page_and_base_path() {
        let b = base("/org/");
        let page = "/org/en/about/index.html";
        assert_eq!(
            b.resolve("../reports/", page),
            internal("en/reports/", None)
        );
        assert_eq!(b.resolve("./", page), internal("en/about/", None));
        assert_eq!(
            b.resolve("#team", page),
            internal("en/about/index.html", Some("team"))
        );
        assert_eq!(
            b.resolve("../../style.css?v=1", page),
            internal("style.css", None)
        );
        assert_eq!(
            b.resolve("../../../style.css", page),
            Target::Outside("/style.css".into())
        );
        assert_eq!(
            b.resolve("/org/en/x/#%D8%A7", page),
            internal("en/x/", Some("ا"))
        );
        assert_eq!(
            b.resolve("https://EXAMPLE.org/org/en/", page),
            internal("en/", None)
        );
        assert_eq!(
            b.resolve("https://example.org/org", page),
            internal("", None)
        );
        assert_eq!(
            b.resolve("/other/", page),
            Target::Outside("/other/".into())
        );
        assert_eq!(
            b.resolve("https://other.example/a#b", page),
            Target::External("https://other.example/a".into())
        );
        assert_eq!(b.resolve("mailto:a@example.org", page), Target::Ignored);
        assert_eq!(b.resolve("", page), Target::Ignored);
    }

    #[test]
    fn scan_finds_ids_links_and_images_without_alt() {
        let s = scan(
            r#"<h2 id="a&amp;b">x</h2><a name=old></a><a href="../x/?a=1&amp;b=2">l</a><img src=p.png><img src=q.png alt=""><img srcset="a.jpg 1x, b.jpg 2x" alt=x>"#,
        );
        assert_eq!(s.ids, ["a&b", "old"]);
        assert!(s.links.contains(&"../x/?a=1&b=2".to_string()));
        assert!(s.links.contains(&"b.jpg".to_string()));
        assert_eq!(s.images_without_alt, ["p.png"]);
    }

    #[test]
    fn entities_and_percent_escapes_decode() {
        assert_eq!(decode_entities("a&amp;b&#x41;&#66;&nope;"), "a&bAB&nope;");
        assert_eq!(percent_decode_link("%D8%A7%2"), "ا%2");
    }
}
