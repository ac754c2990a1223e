//! The first step of a render: every page's and section's Markdown body to HTML, with its
//! shortcodes rendered, its internal links resolved, its photos as responsive pictures and its
//! text directions marked.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Tera;

use crate::highlight::Highlighter;

use crate::config::LanguageId;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::markdown::{self, AnchorLinks, Rendered};
use crate::media::Media;
use crate::render::cache::RenderCache;
use crate::render::types::url_of;
use crate::shortcodes;
use crate::site::{Page, Section, Site};
use crate::theme::Theme;

/// The rendered bodies of every page and section, in the site's order, with the problems of
/// every file (a body with an error is rendered as well as it can be, for `check`).
pub(super) struct Bodies {
    pub pages: Vec<Rendered>,
    pub sections: Vec<Rendered>,
    pub problems: Diagnostics,
}

/// What rendering shortcodes needs, shared by every body: the theme, the config as templates
/// see it, and an engine per language, made when a first body of that language calls one.
pub(super) struct Shortcodes<'a> {
    pub site: &'a Arc<Site>,
    pub theme: &'a Theme,
    pub config: &'a Value,
    files: &'a super::functions::SiteReads,
    engines: HashMap<&'a str, OnceLock<Tera>>,
}

impl<'a> Shortcodes<'a> {
    pub fn new(
        site: &'a Arc<Site>,
        theme: &'a Theme,
        config: &'a Value,
        files: &'a super::functions::SiteReads,
    ) -> Self {
        let engines = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), OnceLock::new()))
            .collect();
        Shortcodes {
            site,
            theme,
            config,
            files,
            engines,
        }
    }

    fn engine(&self, lang: &LanguageId) -> Option<&Tera> {
        let language = self.site.config.language_of(lang);
        Some(self.engines.get(lang.as_str())?.get_or_init(|| {
            super::functions::shortcode_engine(
                lang,
                &language.locale,
                &self.theme.templates,
                &self.theme.strings,
                self.site,
                self.files,
            )
        }))
    }
}

/// What a shortcode's template sees of the page or section it is in.
fn page_context(site: &Site, page: &Page) -> (&'static str, Value) {
    let base_path = site.config.base_path();
    let front = &page.front;
    let value = json!({
        "title": front.title,
        "description": front.description,
        "date": front.date,
        "updated": front.updated,
        "slug": page.slug,
        "path": page.path,
        "url": url_of(&base_path, &page.path),
        "permalink": site.config.permalink(&page.path),
        "lang": page.lang,
        "weight": front.weight,
        "draft": front.draft,
        "key": page.key,
        "kind": front.kind().ok().flatten().map(|k| k.name),
        "extra": serde_json::to_value(&front.extra).unwrap_or_default(),
    });
    ("page", value)
}

fn section_context(site: &Site, section: &Section) -> (&'static str, Value) {
    let base_path = site.config.base_path();
    let value = json!({
        "title": section.front.title,
        "description": section.front.description,
        "path": section.path,
        "url": url_of(&base_path, &section.path),
        "permalink": site.config.permalink(&section.path),
        "lang": section.lang,
        "key": section.key,
        "extra": serde_json::to_value(&section.front.extra).unwrap_or_default(),
    });
    ("section", value)
}

/// Renders every body that the cache does not already hold.
pub(super) fn render_bodies(
    site: &Site,
    media: &Media,
    cache: &RenderCache,
    shortcodes: &Shortcodes,
    highlighter: Option<&Highlighter>,
) -> Bodies {
    let pages_count = site.pages.len();
    let pages: Vec<(Rendered, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            match cache.markdown(i, p.fresh || section_changed(&site.sections[p.section])) {
                Some(rendered) => (rendered, Vec::new()),
                None => without_repeats(
                    p.fallback_of.is_some(),
                    render_markdown(
                        site,
                        media,
                        Body {
                            text: &p.body,
                            rel_path: &p.rel_path,
                            first_line: p.body_line,
                            lang: &p.lang,
                            text_lang: p.fallback_of.as_ref().unwrap_or(&p.lang),
                            dir: &p.dir,
                            anchor_links: site.sections[p.section].front.insert_anchor_links,
                            context: &|| page_context(site, p),
                        },
                        shortcodes,
                        highlighter,
                    ),
                ),
            }
        })
        .collect();
    let sections: Vec<(Rendered, Vec<Diagnostic>)> = site
        .sections
        .par_iter()
        .enumerate()
        .map(
            |(i, s)| match (&s.rel_path, cache.markdown(pages_count + i, s.fresh)) {
                (_, Some(rendered)) => (rendered, Vec::new()),
                (Some(rel), None) => without_repeats(
                    s.fallback_of.is_some(),
                    render_markdown(
                        site,
                        media,
                        Body {
                            text: &s.body,
                            rel_path: rel,
                            first_line: s.body_line,
                            lang: &s.lang,
                            text_lang: s.fallback_of.as_ref().unwrap_or(&s.lang),
                            dir: &s.dir,
                            anchor_links: s.front.insert_anchor_links,
                            context: &|| section_context(site, s),
                        },
                        shortcodes,
                        highlighter,
                    ),
                ),
                (None, None) => (Rendered::default(), Vec::new()),
            },
        )
        .collect();
    let mut problems = Diagnostics::new();
    let mut take = |results: Vec<(Rendered, Vec<Diagnostic>)>| -> Vec<Rendered> {
        results
            .into_iter()
            .map(|(rendered, found)| {
                problems.extend(found);
                rendered
            })
            .collect()
    };
    let pages = take(pages);
    let sections = take(sections);
    Bodies {
        pages,
        sections,
        problems,
    }
}

/// Whether a section's `_index.md` was read again: its pages' bodies depend on its
/// `insert_anchor_links`, so they are rendered again too. (A home with no file never changes.)
fn section_changed(section: &Section) -> bool {
    section.rel_path.is_some() && section.fresh
}

/// A fallback copy's body is its original's, whose problems are said once, with the original.
fn without_repeats(
    is_copy: bool,
    (rendered, problems): (Rendered, Vec<Diagnostic>),
) -> (Rendered, Vec<Diagnostic>) {
    (rendered, if is_copy { Vec::new() } else { problems })
}

/// A Markdown body and where it comes from.
struct Body<'a> {
    text: &'a str,
    rel_path: &'a std::path::Path,
    first_line: usize,
    /// The language of the output: its internal links lead to that language's pages.
    lang: &'a LanguageId,
    /// The language the text is written in (another one in a fallback copy): its direction,
    /// and the language its shortcodes speak.
    text_lang: &'a LanguageId,
    dir: &'a str,
    /// The `insert_anchor_links` of its section (for a page, the section listing it).
    anchor_links: AnchorLinks,
    /// What its shortcodes see as `page` or `section`, made only if it has any.
    context: &'a dyn Fn() -> (&'static str, Value),
}

/// The body's text with its shortcodes rendered, if it may have any.
fn expand_shortcodes(
    body: &Body,
    shortcodes: &Shortcodes,
) -> (Option<shortcodes::Expanded>, Vec<Diagnostic>) {
    if !shortcodes::may_have_calls(body.text) {
        return (None, Vec::new());
    }
    let Some(engine) = shortcodes.engine(body.text_lang) else {
        return (None, Vec::new());
    };
    let mut context = tera::Context::new();
    context.insert("lang", body.text_lang);
    context.insert("config", shortcodes.config);
    let (name, value) = (body.context)();
    context.insert(name, &value);
    let renderer = shortcodes::Renderer {
        templates: &shortcodes.theme.templates,
        engine,
        context: &context,
    };
    let (expanded, problems) =
        shortcodes::expand(body.text, &renderer, body.rel_path, body.first_line);
    (Some(expanded), problems)
}

fn render_markdown(
    site: &Site,
    media: &Media,
    body: Body,
    shortcodes: &Shortcodes,
    highlighter: Option<&Highlighter>,
) -> (Rendered, Vec<Diagnostic>) {
    let (expanded, shortcode_problems) = expand_shortcodes(&body, shortcodes);
    let Body {
        text: body,
        rel_path,
        first_line,
        lang,
        text_lang,
        dir,
        anchor_links,
        ..
    } = body;
    let direction = site.config.language_of(text_lang).direction;
    let base_path = site.config.base_path();
    let resolve_internal = |link: &str| {
        site.resolve_internal(link, lang)
            .map(|r| url_of(&base_path, &r.url))
    };
    // A link to a photo leads to its largest published size: originals are not published.
    let resolve_asset = |path: &str| {
        site.asset_url(dir, path)
            .map(|u| match media.images.get(u) {
                Some(image) => url_of(
                    &base_path,
                    &image.variants.last().expect("a variant").jpeg.url,
                ),
                None => url_of(&base_path, u),
            })
    };
    let picture = |path: &str, alt: &str, first: bool| {
        let image = media.images.get(site.asset_url(dir, path)?)?;
        Some(crate::media::picture_html(
            image,
            alt,
            crate::media::SIZES_CONTENT,
            !first,
            &base_path,
        ))
    };
    let (mut rendered, mut problems) = markdown::render(&markdown::Source {
        text: body,
        rel_path,
        first_line,
        direction,
        resolve_internal: &resolve_internal,
        resolve_asset: &resolve_asset,
        picture: &picture,
        shortcodes: expanded.as_ref(),
        anchor_links,
        keep_latin_ids: crate::slugs::keeps_latin_letters(lang),
        highlighter,
    });
    problems.splice(0..0, shortcode_problems);
    // Blocks and runs in the other direction get `dir` and `<bdi>`, once, here: the result is
    // cached with the rendering.
    match crate::bidi::mark_directions(&rendered.html, direction) {
        Ok(marked) => rendered.html = Arc::from(marked),
        Err(e) => problems.push(Diagnostic::error(
            Code::Html,
            rel_path,
            format!("marking text directions failed: {e}"),
        )),
    }
    if site.config.signup.is_none() && rendered.html.contains(markdown::SIGNUP_PLACEHOLDER) {
        let offset = body
            .find("signup()")
            .and_then(|at| body[..at].rfind("{{"))
            .unwrap_or(0);
        problems.push(Diagnostic::error(Code::Signup, rel_path, "this page shows the signup form, but the site has none")
            .at_offset(body, offset, first_line)
            .with_hint("add a [signup] table to config.toml naming your mailing-list provider (see the README), or remove {{ signup() }}"));
    }
    (rendered, problems)
}
