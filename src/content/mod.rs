//! Loading `content/`: finding sections, pages, bundles and their files, and parsing each
//! Markdown file's front matter in parallel. No links are resolved here; see `site`.

pub mod date;
pub mod front_matter;
pub mod kinds;
pub mod video;
pub mod yaml;
pub mod zola;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{is_language_code, Config, LanguageId};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::source::{read_text, relative_to, walk, Skip};
use front_matter::{PageFrontMatter, SectionFrontMatter};

pub const CONTENT_DIR: &str = "content";

/// What a Markdown file is, by its name.
#[derive(Debug, Clone)]
pub enum DocumentKind {
    Section(Box<SectionFrontMatter>),
    Page(Box<PageFrontMatter>),
}

/// One parsed Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Relative to the site root, for messages: `content/about/index.en.md`.
    pub rel_path: PathBuf,
    pub lang: LanguageId,
    /// What translations share: the path inside content/ without language and `.md`
    /// (`about/index`, `reports/_index`, `news/launch`).
    pub key: String,
    /// The folder the file is in, inside content/ (`about`, `` for the root).
    pub dir: String,
    /// True for `index.md` in a folder of its own (a page bundle).
    pub is_bundle: bool,
    pub kind: DocumentKind,
    /// Shared, so a document kept between builds is not copied.
    pub body: Arc<str>,
    pub body_line: usize,
    /// The front matter between its fences, to point at a key when a later stage finds a problem.
    pub front_matter: Arc<str>,
    pub front_matter_line: usize,
    /// What reading the front matter warned about (Zola's keys that Bayan does not use); kept
    /// with the document so that a document reused unchanged still says it.
    pub warnings: Diagnostics,
    /// Read from disk by this load (false when reused unchanged from the cache).
    pub fresh: bool,
}

/// A non-Markdown file in content/ (an image or PDF beside a page), copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel_path: PathBuf,
    /// Folder inside content/, `/`-separated.
    pub dir: String,
    pub file_name: String,
}

/// Parsed documents kept between builds, by file, with the size and time they were read at:
/// `serve` re-reads only the files an editor touched.
pub type ParseCache = HashMap<PathBuf, (FileStamp, Document)>;

/// Size and modification time: enough to notice a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

#[derive(Debug, Default)]
pub struct Content {
    pub documents: Vec<Document>,
    pub assets: Vec<Asset>,
    /// The warnings of every document, for the build to report.
    pub warnings: Diagnostics,
}

/// The name of a Markdown file taken apart: `index.en.md` → (`index`, Some(`en`)).
fn parse_file_name<'a>(
    name: &'a str,
    config: &Config,
) -> Result<(&'a str, Option<&'a str>), String> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if config.is_language(suffix) {
            return Ok((base, Some(suffix)));
        }
        if is_language_code(suffix) && suffix.len() <= 3 {
            return Err(suffix.to_string());
        }
    }
    Ok((stem, None))
}

/// Walks `ROOT/content` and parses every Markdown file; reports every problem found.
pub fn load(config: &Config) -> Result<Content, Diagnostics> {
    load_with_cache(config, &mut ParseCache::new())
}

/// [`load`], reusing documents of `cache` whose files have not changed, and updating it.
pub fn load_with_cache(config: &Config, cache: &mut ParseCache) -> Result<Content, Diagnostics> {
    let content_dir = config.root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Diagnostic::error(
            Code::ContentFile,
            CONTENT_DIR,
            "there is no content/ folder",
        )
        .with_hint("create content/_index.md for the home page")
        .into());
    }
    let Found {
        markdown,
        others,
        mut problems,
    } = find_files(config, &content_dir);
    let results = parse_markdown(config, &markdown, cache);
    // Keep unchanged entries as they are; store what was read anew; forget deleted files.
    let present: std::collections::HashSet<&PathBuf> =
        markdown.iter().map(|(rel, _)| rel).collect();
    cache.retain(|rel, _| present.contains(rel));
    let mut content = Content::default();
    for (rel, stamp, result) in results {
        match result {
            Ok(doc) => {
                match stamp {
                    Some(stamp) if doc.fresh => {
                        cache.insert(rel, (stamp, doc.clone()));
                    }
                    Some(_) => {}
                    None => {
                        cache.remove(&rel);
                    }
                }
                content.warnings.extend(doc.warnings.0.iter().cloned());
                content.documents.push(doc);
            }
            Err(e) => {
                cache.remove(&rel);
                problems.extend(e);
            }
        }
    }
    for (rel_path, file_name) in others {
        content.assets.push(Asset {
            dir: dir_of(&rel_path),
            rel_path,
            file_name,
        });
    }
    if problems.has_errors() {
        // Said with the errors too, as config.toml's are.
        problems.extend(std::mem::take(&mut content.warnings));
    }
    problems.into_result()?;
    content.warnings.sort();
    Ok(content)
}

/// The files of content/, by path relative to the site root and file name.
struct Found {
    markdown: Vec<(PathBuf, String)>,
    others: Vec<(PathBuf, String)>,
    problems: Diagnostics,
}

/// Walks content/ and sorts its files into Markdown and others, leaving out those that
/// `ignored_content` names.
fn find_files(config: &Config, content_dir: &Path) -> Found {
    let root = config.root.as_path();
    let walked = walk(
        root,
        content_dir,
        Skip::HiddenAndBackups,
        "copy the file into the site instead of linking to it",
    );
    let mut found = Found {
        markdown: Vec::new(),
        others: Vec::new(),
        problems: walked.problems,
    };
    for path in walked.files {
        let rel_path = relative_to(root, &path);
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            found.problems.push(
                Diagnostic::error(
                    Code::ContentFile,
                    &rel_path,
                    "the file name is not valid Unicode",
                )
                .with_hint("rename the file"),
            );
            continue;
        };
        let inside = path.strip_prefix(content_dir).unwrap_or(&path);
        if config
            .ignored_content
            .ignores(&inside.to_string_lossy().replace('\\', "/"))
        {
            continue;
        }
        if name.ends_with(".md") {
            found.markdown.push((rel_path, name.to_string()));
        } else {
            found.others.push((rel_path, name.to_string()));
        }
    }
    found
}

/// The folder a file is in, inside content/, `/`-separated.
fn dir_of(rel: &Path) -> String {
    rel.parent()
        .and_then(|p| p.strip_prefix(CONTENT_DIR).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Parses the Markdown files in parallel, taking from `cache` those whose stamp is unchanged.
fn parse_markdown(
    config: &Config,
    markdown: &[(PathBuf, String)],
    cache: &ParseCache,
) -> Vec<(PathBuf, Option<FileStamp>, Result<Document, Diagnostics>)> {
    markdown
        .par_iter()
        .map(|(rel, name)| {
            let stamp = FileStamp::of(&config.root.join(rel));
            if let (Some(stamp), Some((old, doc))) = (stamp, cache.get(rel)) {
                if *old == stamp {
                    let mut doc = doc.clone();
                    doc.fresh = false;
                    return (rel.clone(), Some(stamp), Ok(doc));
                }
            }
            (
                rel.clone(),
                stamp,
                load_document(config, rel, name, dir_of(rel)),
            )
        })
        .collect()
}

fn load_document(
    config: &Config,
    rel: &Path,
    name: &str,
    dir: String,
) -> Result<Document, Diagnostics> {
    let (base, lang) = parse_file_name(name, config).map_err(|unknown| {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        Diagnostics::from(
            Diagnostic::error(
                Code::UnknownLanguage,
                rel,
                format!("language `{unknown}` in the file name is not configured"),
            )
            .with_hint(format!(
                "add [languages.{unknown}] to config.toml, or rename the file to use one of: {}",
                known.join(", ")
            )),
        )
    })?;
    let lang = config
        .language_id(lang.unwrap_or(&config.default_language))
        .expect("parse_file_name admits configured languages only");
    let text = read_text(&config.root.join(rel), rel)?;
    let split = front_matter::split(&text, rel).map_err(Diagnostics::from)?;
    let key = if dir.is_empty() {
        base.to_string()
    } else {
        format!("{dir}/{base}")
    };
    let (kind, warnings) = if base == "_index" {
        let (front, warnings) = front_matter::read_section(&split, rel)?;
        (DocumentKind::Section(Box::new(front)), warnings)
    } else {
        let (front, warnings) = front_matter::read_page(&split, rel)?;
        (DocumentKind::Page(Box::new(front)), warnings)
    };
    let is_bundle = base == "index" && !dir.is_empty();
    if base == "index" && dir.is_empty() {
        return Err(Diagnostic::error(
            Code::ContentFile,
            rel,
            "content/index.md would clash with the home page",
        )
        .with_hint("the home page is content/_index.md; rename this file")
        .into());
    }
    Ok(Document {
        rel_path: rel.to_path_buf(),
        lang,
        key,
        dir,
        is_bundle,
        kind,
        body: Arc::from(split.body),
        body_line: split.body_line,
        front_matter: Arc::from(split.front_matter),
        front_matter_line: split.front_matter_line,
        warnings,
        fresh: true,
    })
}
