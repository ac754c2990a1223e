//! One build, start to finish: config → content → site model → render → check → write.
//! Nothing is written until every stage has succeeded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::output::{self, Contents, OutputFile, WriteStats};
use crate::postprocess::AssetNames;
use crate::render::{render_site, RenderCache, RenderOptions};
use crate::site::Site;
use crate::templates::{theme_dir, Templates};

pub const STATIC_DIR: &str = "static";

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub drafts: bool,
    /// Write pages as the templates made them, whatever config.toml says.
    pub no_minify: bool,
}

/// A site rendered in memory: every output file, not yet written anywhere.
pub struct RenderedSite {
    pub config: Config,
    /// The model the files were rendered from: which page each output shows (for `check`).
    pub site: Arc<Site>,
    pub files: Vec<OutputFile>,
    pub pages: usize,
    /// Photos processed, and how many of their files had to be encoded (not in the cache).
    pub images: crate::images::ProcessStats,
    /// Webfonts published, and how many were subset this time (not in the cache).
    pub fonts: crate::fonts::FontStats,
    pub warnings: Diagnostics,
}

#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub pages: usize,
    pub images: crate::images::ProcessStats,
    pub fonts: crate::fonts::FontStats,
    pub files: usize,
    pub stats: WriteStats,
    pub warnings: Diagnostics,
    pub duration: Duration,
}

/// Loads the config and applies command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url);
    }
    if let Some(output_dir) = &options.output_dir {
        config.output_dir = output_dir.clone();
    }
    if options.no_minify {
        config.minify = false;
    }
    Ok(config)
}

/// Prints how long each stage took when `BAYAN_TIMINGS` is set: for profiling, not for users.
pub struct StageTimer {
    enabled: bool,
    last: Instant,
}

impl StageTimer {
    pub fn new() -> Self {
        StageTimer {
            enabled: std::env::var_os("BAYAN_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if self.enabled {
            eprintln!(
                "timing: {stage:<12} {:>7.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

impl Default for StageTimer {
    fn default() -> Self {
        Self::new()
    }
}

/// Renders the whole site in memory. Errors from every stage that could run are reported.
pub fn render(
    config: Config,
    drafts: bool,
    render_options: &RenderOptions,
) -> Result<RenderedSite, Diagnostics> {
    let mut caches = Caches::default();
    render_with(config, drafts, render_options, &mut caches)
}

/// What changed on disk since the last render, from least to most far-reaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Markdown or other files of content/, or static files.
    Content,
    /// Templates or UI strings.
    Templates,
    /// config.toml: nothing can be reused.
    Config,
}

/// Templates and UI strings as loaded for one theme.
struct Loaded {
    theme: Option<PathBuf>,
    templates: Templates,
    strings: Arc<Strings>,
}

#[derive(Default)]
struct Caches {
    parse: content::ParseCache,
    render: RenderCache,
    loaded: Option<Loaded>,
}

/// A build kept alive between renders (for `serve`): each render re-reads only changed files,
/// re-renders only changed Markdown, and re-runs templates only for outputs whose inputs changed.
pub struct Pipeline {
    options: BuildOptions,
    render_options: RenderOptions,
    caches: Caches,
}

impl Pipeline {
    pub fn new(options: BuildOptions, render_options: RenderOptions) -> Pipeline {
        Pipeline {
            options,
            render_options,
            caches: Caches {
                render: RenderCache::enabled(),
                ..Default::default()
            },
        }
    }

    /// Drops what `change` makes stale.
    pub fn invalidate(&mut self, change: Change) {
        match change {
            Change::Content => {}
            Change::Templates => {
                self.caches.loaded = None;
                self.caches.render.forget_outputs();
            }
            Change::Config => {
                self.caches = Caches {
                    render: RenderCache::enabled(),
                    ..Default::default()
                };
            }
        }
    }

    pub fn render(&mut self) -> Result<RenderedSite, Diagnostics> {
        let config = load_config(&self.options)?;
        render_with(
            config,
            self.options.drafts,
            &self.render_options,
            &mut self.caches,
        )
    }

    /// How many output files the last render made anew (the others were reused).
    pub fn last_rendered(&self) -> usize {
        self.caches.render.last_rendered
    }
}

fn render_with(
    mut config: Config,
    drafts: bool,
    render_options: &RenderOptions,
    caches: &mut Caches,
) -> Result<RenderedSite, Diagnostics> {
    let mut timer = StageTimer::new();
    let theme = theme_dir(&config)?;
    let font_faces = crate::fonts::faces(&config.root, &config.fonts, theme.as_deref())?;
    config.fonts.enabled = !font_faces.is_empty();
    if caches.loaded.as_ref().is_some_and(|l| l.theme != theme) {
        caches.loaded = None;
    }
    let loaded = match caches.loaded.take() {
        Some(loaded) => Ok(loaded),
        None => {
            let (templates, strings) = rayon::join(
                || Templates::load(&config, theme.as_deref()),
                || Strings::load(&config, theme.as_deref()),
            );
            match (templates, strings) {
                (Ok(templates), Ok(strings)) => Ok(Loaded {
                    theme: theme.clone(),
                    templates,
                    strings: Arc::new(strings),
                }),
                (t, s) => {
                    let mut problems = Diagnostics::new();
                    for e in [t.err(), s.err()].into_iter().flatten() {
                        problems.extend(e);
                    }
                    Err(problems)
                }
            }
        }
    };
    let content = content::load_with_cache(&config, &mut caches.parse);
    let (loaded, content) = match (loaded, content) {
        (Ok(l), Ok(c)) => (l, c),
        (l, c) => {
            let mut problems = Diagnostics::new();
            match l {
                Ok(l) => caches.loaded = Some(l),
                Err(e) => problems.extend(e),
            }
            if let Err(e) = c {
                problems.extend(e);
            }
            return Err(problems.into_result().unwrap_err());
        }
    };
    timer.lap("load");
    let site = Site::assemble(config, content, drafts)?;
    timer.lap("assemble");
    let media = match crate::media::prepare(&site) {
        Ok(media) => media,
        Err(e) => {
            caches.loaded = Some(loaded);
            return Err(e);
        }
    };
    timer.lap("media");
    // Static files: the theme's first, the site's winning on the same path.
    let static_dirs = theme
        .iter()
        .map(|t| t.join(STATIC_DIR))
        .chain([site.config.root.join(STATIC_DIR)]);
    let mut statics: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let mut static_problems = Diagnostics::new();
    for dir in static_dirs.filter(|d| d.is_dir()) {
        collect_static(&site.config.root, &dir, &mut statics, &mut static_problems);
    }
    // Built pages load theme assets under fingerprinted names that hosts may cache forever.
    let mut render_options = render_options.clone();
    let mut fingerprinted = Vec::new();
    if !render_options.preview {
        let base_path = site.config.base_path();
        let mut assets = AssetNames::default();
        for (path, source) in &statics {
            let rel = path.to_string_lossy().replace('\\', "/");
            if !AssetNames::wants_fingerprint(&rel) {
                continue;
            }
            match std::fs::read(source) {
                Ok(mut bytes) => {
                    if site.config.minify && rel.ends_with(".css") {
                        if let Some(small) = crate::postprocess::minify_stylesheet(&bytes) {
                            bytes = small;
                        }
                    }
                    let copy = assets.add(&base_path, &rel, &bytes);
                    fingerprinted.push((PathBuf::from(copy), Arc::<[u8]>::from(bytes)));
                }
                Err(e) => static_problems.push(Diagnostic::error(
                    source.strip_prefix(&site.config.root).unwrap_or(source),
                    format!("this file could not be read: {e}"),
                )),
            }
        }
        if !font_faces.is_empty() {
            // Its name depends on the fonts, which depend on the pages' text: set once known.
            assets.set(
                &base_path,
                crate::fonts::FONTS_CSS,
                crate::fonts::CSS_PLACEHOLDER,
            );
        }
        render_options.assets = Arc::new(assets);
    }
    let result = render_site(
        &site,
        &loaded.templates,
        &loaded.strings,
        &render_options,
        &media,
        &mut caches.render,
    );
    let strings = Arc::clone(&loaded.strings);
    let loaded_has_404 = loaded.templates.has("404.html");
    caches.loaded = Some(loaded);
    let (mut rendered, mut warnings) = result?;
    let mut problems = Diagnostics::new();
    timer.lap("render");
    let fonts = publish_fonts(
        &site,
        theme.as_deref(),
        &font_faces,
        &mut rendered,
        &mut render_options,
    )?;
    timer.lap("fonts");
    warnings.extend(strings.missing_warnings());

    let mut files: BTreeMap<PathBuf, (OutputFile, String)> = BTreeMap::new();
    let mut add = |file: OutputFile, from: String, problems: &mut Diagnostics| {
        if let Some((_, first)) = files.get(&file.path) {
            problems.push(
                Diagnostic::error(
                    &from,
                    format!("{} is also written by {first}", file.path.display()),
                )
                .with_hint("two pages have the same address: change one `slug` or file name"),
            );
        } else {
            files.insert(file.path.clone(), (file, from));
        }
    };
    let pages = rendered
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    for file in rendered {
        add(
            OutputFile {
                path: file.path.clone(),
                contents: Contents::Bytes(Arc::<[u8]>::from(file.html)),
            },
            format!("the page {}", file.path.display()),
            &mut problems,
        );
    }
    // Photos are published only as processed, metadata-free files, never as their originals.
    let media_stats = media.stats;
    for file in media.files {
        let shown = format!("the processed image {}", file.path.display());
        add(file, shown, &mut problems);
    }
    for asset in site
        .assets
        .iter()
        .filter(|a| !crate::media::is_image(&a.url))
    {
        let path = PathBuf::from(asset.url.trim_start_matches('/'));
        add(
            OutputFile {
                path,
                contents: Contents::CopyOf(site.config.root.join(&asset.source)),
            },
            asset.source.display().to_string(),
            &mut problems,
        );
    }
    // For search engines: the sitemap and robots.txt (unless the site ships its own).
    let own_static = |name: &str| site.config.root.join(STATIC_DIR).join(name).is_file();
    let sitemaps = if own_static("sitemap.xml") {
        Vec::new()
    } else {
        crate::sitemap::sitemaps(&site, crate::sitemap::MAX_URLS)
    };
    for (name, xml) in sitemaps {
        add(
            OutputFile {
                path: PathBuf::from(&name),
                contents: Contents::Bytes(Arc::from(xml.into_bytes())),
            },
            format!("the generated {name}"),
            &mut problems,
        );
    }
    if !own_static("robots.txt") {
        add(
            OutputFile {
                path: PathBuf::from("robots.txt"),
                contents: Contents::Bytes(Arc::from(crate::sitemap::robots(&site).into_bytes())),
            },
            "the generated robots.txt".into(),
            &mut problems,
        );
    }
    // For hosts: security and cache headers, and redirects (unless the site ships its own).
    let hosting = &site.config.hosting;
    if hosting.headers && !own_static("_headers") {
        add(
            OutputFile {
                path: PathBuf::from("_headers"),
                contents: Contents::Bytes(Arc::from(
                    crate::hosting::headers(&site, &render_options.assets).into_bytes(),
                )),
            },
            "the generated _headers".into(),
            &mut problems,
        );
    }
    if hosting.redirects && !own_static("_redirects") {
        let has_not_found_pages = loaded_has_404 && !own_static("404.html");
        add(
            OutputFile {
                path: PathBuf::from("_redirects"),
                contents: Contents::Bytes(Arc::from(
                    crate::hosting::redirects(&site, has_not_found_pages).into_bytes(),
                )),
            },
            "the generated _redirects".into(),
            &mut problems,
        );
    }
    problems.extend(static_problems);
    for file in fonts.files {
        let shown = format!("the generated {}", file.path.display());
        add(file, shown, &mut problems);
    }
    for (path, bytes) in fingerprinted {
        let shown = format!("the fingerprinted copy {}", path.display());
        add(
            OutputFile {
                path,
                contents: Contents::Bytes(bytes),
            },
            shown,
            &mut problems,
        );
    }
    for (path, source) in statics {
        let shown = source
            .strip_prefix(&site.config.root)
            .unwrap_or(&source)
            .display()
            .to_string();
        add(
            OutputFile {
                path,
                contents: Contents::CopyOf(source),
            },
            shown,
            &mut problems,
        );
    }
    problems.into_result()?;
    timer.lap("collect");
    Ok(RenderedSite {
        config: site.config.clone(),
        site: Arc::new(site),
        files: files.into_values().map(|(f, _)| f).collect(),
        pages,
        images: media_stats,
        fonts: fonts.stats,
        warnings,
    })
}

/// Webfonts for the pages just rendered: subsets of the characters they show (whole files in
/// the preview), their stylesheet, and the pages pointed at its fingerprinted name.
fn publish_fonts(
    site: &Site,
    theme: Option<&Path>,
    faces: &[crate::fonts::Face],
    rendered: &mut [crate::render::RenderedFile],
    render_options: &mut RenderOptions,
) -> Result<crate::fonts::Published, Diagnostics> {
    use crate::fonts::{self, Mode};
    use rayon::prelude::*;
    if faces.is_empty() {
        return Ok(fonts::Published::default());
    }
    let config = &site.config;
    let cache_dir = config.root.join(crate::media::CACHE_DIR);
    if render_options.preview {
        return fonts::publish(faces, Mode::Preview, &cache_dir, |rel, _| rel.to_string());
    }
    let chars = config.fonts.subset.then(|| {
        let pages = rendered
            .par_iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
            .map(|f| &*f.html);
        let mut chars = fonts::chars_of_pages(pages);
        let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        chars.add_text(&fonts::ui_text(&config.root, theme, &codes));
        chars
    });
    let mode = chars.as_ref().map_or(Mode::Whole, Mode::Subset);
    let base_path = config.base_path();
    let mut assets = (*render_options.assets).clone();
    let published = fonts::publish(faces, mode, &cache_dir, |rel, bytes| {
        assets.add(&base_path, rel, bytes)
    })?;
    let placeholder = fonts::CSS_PLACEHOLDER;
    let css_name = published.css.rsplit('/').next().unwrap_or(&published.css);
    rendered.par_iter_mut().for_each(|file| {
        if file.html.contains(placeholder) {
            file.html = Arc::from(file.html.replace(placeholder, css_name));
        }
    });
    render_options.assets = Arc::new(assets);
    Ok(published)
}

fn collect_static(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<PathBuf, PathBuf>,
    problems: &mut Diagnostics,
) {
    let walked = crate::source::walk(
        root,
        dir,
        crate::source::Skip::DotFiles,
        "copy the file into static/ instead of linking to it",
    );
    problems.extend(walked.problems);
    for path in walked.files {
        let rel = path
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_path_buf();
        out.insert(rel, path);
    }
}

/// `bayan build`: renders everything, and only then writes the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let config = load_config(options)?;
    let output_dir = if config.output_dir.is_absolute() {
        config.output_dir.clone()
    } else {
        options.root.join(&config.output_dir)
    };
    let shown = config.output_dir.clone();
    output::check_output_dir(&options.root, &output_dir, &shown).map_err(Diagnostics::from)?;
    let rendered = render(config, options.drafts, &RenderOptions::default())?;
    let mut timer = StageTimer::new();
    let stats = output::write(&output_dir, &rendered.files).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(&shown, format!("writing the output failed: {e}"))
                .with_hint("check there is free disk space and that you may write to this folder"),
        )
    })?;
    timer.lap("write");
    Ok(BuildReport {
        output_dir,
        pages: rendered.pages,
        images: rendered.images,
        fonts: rendered.fonts,
        files: rendered.files.len(),
        stats,
        warnings: rendered.warnings,
        duration: started.elapsed(),
    })
}
