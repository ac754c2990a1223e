//! The first step of a render: every page's and section's Markdown body to HTML, with its
//! internal links resolved, its photos as responsive pictures and its text directions marked.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::LanguageId;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::markdown::{self, Rendered};
use crate::media::Media;
use crate::render::cache::RenderCache;
use crate::render::types::url_of;
use crate::site::Site;

/// The rendered bodies of every page and section, in the site's order, with the problems of
/// every file (a body with an error is rendered as well as it can be, for `check`).
pub(super) struct Bodies {
    pub pages: Vec<Rendered>,
    pub sections: Vec<Rendered>,
    pub problems: Diagnostics,
}

/// Renders every body that the cache does not already hold.
pub(super) fn render_bodies(site: &Site, media: &Media, cache: &RenderCache) -> Bodies {
    let pages_count = site.pages.len();
    let pages: Vec<(Rendered, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| match cache.markdown(i, p.fresh) {
            Some(rendered) => (rendered, Vec::new()),
            None => render_markdown(
                site,
                media,
                &p.body,
                &p.rel_path,
                p.body_line,
                &p.lang,
                &p.dir,
            ),
        })
        .collect();
    let sections: Vec<(Rendered, Vec<Diagnostic>)> = site
        .sections
        .par_iter()
        .enumerate()
        .map(
            |(i, s)| match (&s.rel_path, cache.markdown(pages_count + i, s.fresh)) {
                (_, Some(rendered)) => (rendered, Vec::new()),
                (Some(rel), None) => {
                    render_markdown(site, media, &s.body, rel, s.body_line, &s.lang, &s.dir)
                }
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

fn render_markdown(
    site: &Site,
    media: &Media,
    body: &str,
    rel_path: &std::path::Path,
    first_line: usize,
    lang: &LanguageId,
    dir: &str,
) -> (Rendered, Vec<Diagnostic>) {
    let direction = site.config.language_of(lang).direction;
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
    });
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
