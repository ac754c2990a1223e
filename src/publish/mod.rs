//! Everything the site publishes besides its pages, and the one list of every output file:
//! static files and their fingerprinted copies (`assets`, collected before rendering), the
//! stylesheets compiled from Sass (`sass`), the files of page bundles and processed photos,
//! webfonts (`fonts`), feeds, sitemaps and robots.txt (`feeds`, `sitemap`), files for hosts
//! (`hosting`). Each file passes through the outputs collector (`outputs`), which refuses two
//! producers of one path.
//!
//! A new site-wide file (a search index, social cards) is one more module here and one more
//! `add` in [`publish`].

pub mod aliases;
pub mod assets;
pub mod feeds;
pub mod fonts;
pub mod hosting;
mod outputs;
pub mod sass;
pub mod search;
pub mod sitemap;

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::STATIC_DIR;
use crate::diagnostics::Diagnostics;
use crate::media::Media;
use crate::output::{Contents, OutputFile};
use crate::render::{is_page, RenderOptions, RenderedPages};
use crate::site::Site;
use crate::theme::Theme;
use crate::timing::StageTimer;
use assets::Assets;
use outputs::Outputs;

/// What the stages before publishing made.
pub struct Made<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub faces: &'a [fonts::Face],
    pub pages: RenderedPages,
    pub media: Media,
    pub assets: Assets,
    pub options: &'a RenderOptions,
}

/// Every file of the output folder, not yet written.
pub struct Published {
    pub files: Vec<OutputFile>,
    /// HTML pages among them.
    pub pages: usize,
    pub images: crate::media::images::ProcessStats,
    pub fonts: fonts::FontStats,
    /// The render's warnings (and errors it went past, for `check`).
    pub problems: Diagnostics,
}

/// Publishes the site: the pages with their webfonts, then every other file.
pub fn publish(made: Made) -> Result<Published, Diagnostics> {
    let Made {
        site,
        theme,
        faces,
        mut pages,
        media,
        assets,
        options,
    } = made;
    let mut timer = StageTimer::new();
    let mut names = (*options.assets).clone();
    let fonts = fonts::publish_for_pages(
        &site.config,
        theme.dir.as_deref(),
        faces,
        &mut pages.files,
        &mut names,
        options.preview,
    )?;
    timer.lap("fonts");
    let mut outputs = Outputs::default();
    let page_count = pages.files.iter().filter(|f| is_page(&f.path)).count();
    for file in pages.files {
        let contents = Contents::Bytes(Arc::<[u8]>::from(file.html));
        let source = file.source.display().to_string();
        outputs.add(
            OutputFile {
                path: file.path,
                contents,
            },
            source,
        );
    }
    let (aliases, mut problems) = aliases::aliases(site);
    for alias in &aliases {
        let contents = Contents::Bytes(Arc::from(aliases::redirect_page(site, alias).into_bytes()));
        let shown = format!("the alias `{}` of {}", alias.from, alias.source.display());
        let path = alias.output.clone();
        outputs.add(OutputFile { path, contents }, shown);
    }
    let engine = pages.site_files.as_ref();
    add_feeds(
        site,
        theme,
        engine,
        &pages.bodies,
        &mut outputs,
        &mut problems,
    );
    if pages.search {
        let index = search::index_files(site, &pages.bodies, &pages.section_bodies);
        for (path, text) in index {
            outputs.add_generated(path, text);
        }
    }
    add_bundle_files(site, media.files, &mut outputs);
    add_resized_images(site, &pages.resized, &mut outputs, &mut problems);
    let own = SiteFiles {
        theme,
        engine: pages.site_files.as_ref(),
    };
    add_site_files(site, own, &names, &aliases, &mut outputs, &mut problems);
    for file in fonts.files {
        let shown = format!("the generated {}", file.path.display());
        outputs.add(file, shown);
    }
    add_static_files(site, assets.statics, assets.fingerprinted, &mut outputs);
    for (path, (css, source)) in assets.compiled {
        let shown = source.strip_prefix(&site.config.root).unwrap_or(&source);
        let shown = format!("the stylesheet compiled from {}", shown.display());
        outputs.add(
            OutputFile {
                path,
                contents: Contents::Bytes(css),
            },
            shown,
        );
    }
    problems.extend(assets.problems);
    // Warnings of this stage (a site's Sass not compiled) are kept when it succeeds.
    let warnings: Vec<_> = problems.warnings().cloned().collect();
    let files = outputs.finish(problems)?;
    timer.lap("collect");
    let mut problems = site.warnings.clone();
    problems.extend(pages.problems);
    problems.extend(warnings);
    Ok(Published {
        files,
        pages: page_count,
        images: media.stats,
        fonts: fonts.stats,
        problems,
    })
}

/// The Atom feeds, from the site's or theme's own `atom.xml` template when there is one.
fn add_feeds(
    site: &Site,
    theme: &Theme,
    engine: Option<&crate::render::SiteFileEngine>,
    bodies: &[crate::markdown::Rendered],
    outputs: &mut Outputs,
    problems: &mut Diagnostics,
) {
    let Some(engine) = engine.filter(|_| theme.templates.has(FEED_TEMPLATE)) else {
        for (path, xml) in feeds::feeds(site, bodies, &site.config.feeds) {
            outputs.add_generated(path, xml);
        }
        return;
    };
    for (path, context) in feeds::template_contexts(site, bodies) {
        match engine.render(&theme.templates, FEED_TEMPLATE, &context) {
            Ok(xml) => outputs.add_generated(path, xml),
            Err(e) => problems.push(e),
        }
    }
}

/// The resized images templates asked for (`resize_image`), made in parallel.
fn add_resized_images(
    site: &Site,
    resized: &[(PathBuf, crate::render::resize::Resize)],
    outputs: &mut Outputs,
    problems: &mut Diagnostics,
) {
    use rayon::prelude::*;
    let made: Vec<_> = (resized.par_iter())
        .map(|(path, resize)| (path, resize, crate::render::resize::make(resize)))
        .collect();
    let root = site
        .config
        .root
        .canonicalize()
        .unwrap_or(site.config.root.clone());
    for (path, resize, bytes) in made {
        let source = resize.source.strip_prefix(&root).unwrap_or(&resize.source);
        let shown = format!("the resized copy of {}", source.display());
        match bytes {
            Ok(bytes) => {
                let contents = Contents::Bytes(Arc::from(bytes));
                outputs.add(
                    OutputFile {
                        path: path.clone(),
                        contents,
                    },
                    shown,
                );
            }
            Err(e) => problems.push(crate::diagnostics::Diagnostic::error(
                crate::diagnostics::Code::Template,
                source,
                format!("resize_image could not make {shown}: {e}"),
            )),
        }
    }
}

/// Photos, only as processed, metadata-free files (never their originals), and the other files
/// of page bundles as they are.
fn add_bundle_files(site: &Site, processed: Vec<OutputFile>, outputs: &mut Outputs) {
    for file in processed {
        let shown = format!("the processed image {}", file.path.display());
        outputs.add(file, shown);
    }
    for asset in site
        .assets
        .iter()
        .filter(|a| !crate::media::is_image(&a.url))
    {
        let file = OutputFile {
            path: PathBuf::from(asset.url.trim_start_matches('/')),
            contents: Contents::CopyOf(site.config.root.join(&asset.source)),
        };
        outputs.add(file, asset.source.display().to_string());
    }
}

/// The name of a site's or theme's own feed template (Zola's).
const FEED_TEMPLATE: &str = "atom.xml";

/// A site's or theme's own templates for the files Bayan otherwise writes itself.
struct SiteFiles<'a> {
    theme: &'a Theme,
    engine: Option<&'a crate::render::SiteFileEngine>,
}

/// For search engines, the sitemap and robots.txt, from the site's or theme's template of that
/// name when there is one; for hosts, security and cache headers and redirects; each unless
/// the site ships its own in static/.
fn add_site_files(
    site: &Site,
    own: SiteFiles,
    names: &crate::render::finish::AssetNames,
    aliases: &[aliases::Alias],
    outputs: &mut Outputs,
    problems: &mut Diagnostics,
) {
    let theme = own.theme;
    let own_static = |name: &str| site.config.root.join(STATIC_DIR).join(name).is_file();
    // What a template sees is made only when there is one: the sitemap's entries of a large
    // site are tens of megabytes.
    let from_template = |name: &str, extra: &dyn Fn() -> Vec<(&'static str, serde_json::Value)>| {
        (own.engine.filter(|_| theme.templates.has(name)))
            .map(|engine| engine.render(&theme.templates, name, &extra()))
    };
    if !own_static("sitemap.xml") {
        let entries = || vec![("entries", sitemap::entry_values(site))];
        match from_template("sitemap.xml", &entries) {
            Some(Ok(xml)) => outputs.add_generated("sitemap.xml", xml),
            Some(Err(e)) => problems.push(e),
            None => {
                for (name, xml) in sitemap::sitemaps(site, sitemap::MAX_URLS) {
                    outputs.add_generated(name, xml);
                }
            }
        }
    }
    if !own_static("robots.txt") {
        match from_template("robots.txt", &Vec::new) {
            Some(Ok(text)) => outputs.add_generated("robots.txt", text),
            Some(Err(e)) => problems.push(e),
            None => outputs.add_generated("robots.txt", sitemap::robots(site)),
        }
    }
    let hosting = &site.config.hosting;
    if hosting.headers && !own_static("_headers") {
        outputs.add_generated("_headers", hosting::headers(site, names));
    }
    if hosting.redirects && !own_static("_redirects") {
        let has_not_found_pages = theme.templates.has("404.html") && !own_static("404.html");
        let redirects = hosting::redirects(site, aliases, has_not_found_pages);
        outputs.add_generated("_redirects", redirects);
    }
}

/// The fingerprinted copies, then the static files as they are.
fn add_static_files(
    site: &Site,
    statics: std::collections::BTreeMap<PathBuf, PathBuf>,
    fingerprinted: Vec<(PathBuf, Arc<[u8]>)>,
    outputs: &mut Outputs,
) {
    for (path, bytes) in fingerprinted {
        let shown = format!("the fingerprinted copy {}", path.display());
        let contents = Contents::Bytes(bytes);
        outputs.add(OutputFile { path, contents }, shown);
    }
    for (path, source) in statics {
        let shown = source
            .strip_prefix(&site.config.root)
            .unwrap_or(&source)
            .display()
            .to_string();
        outputs.add(
            OutputFile {
                path,
                contents: Contents::CopyOf(source),
            },
            shown,
        );
    }
}
