//! One build, start to finish, as a pipeline of stages that pass plain values:
//! config → content → site model → theme + media → render → publish → write.
//! Nothing is written until every stage has succeeded. `serve` keeps the caches between renders
//! (`serve::pipeline`), to reuse what a save did not touch.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{self, ParseCache};
use crate::diagnostics::Diagnostics;
use crate::output::{self, OutputFile, WriteStats};
use crate::publish::{self, fonts};
use crate::render::{render_site, RenderCache, RenderOptions};
use crate::site::Site;
use crate::theme::{templates::theme_dir, Theme};
use crate::timing::StageTimer;

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
    pub images: crate::media::images::ProcessStats,
    /// Webfonts published, and how many were subset this time (not in the cache).
    pub fonts: fonts::FontStats,
    /// Warnings, and with [`RenderOptions::keep_going`] the errors the render went past.
    pub problems: Diagnostics,
}

#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub pages: usize,
    pub images: crate::media::images::ProcessStats,
    pub fonts: fonts::FontStats,
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

/// What one render may take from the previous one (nothing, for a one-shot build).
#[derive(Default)]
pub struct Caches {
    pub parse: ParseCache,
    pub render: RenderCache,
    pub theme: Option<Arc<Theme>>,
}

/// Renders the whole site in memory. Errors from every stage that could run are reported.
pub fn render(
    config: Config,
    drafts: bool,
    options: &RenderOptions,
) -> Result<RenderedSite, Diagnostics> {
    render_with(config, drafts, options, &mut Caches::default())
}

/// The pipeline, stage by stage, reusing what `caches` hold.
pub fn render_with(
    config: Config,
    drafts: bool,
    options: &RenderOptions,
    caches: &mut Caches,
) -> Result<RenderedSite, Diagnostics> {
    let mut timer = StageTimer::new();
    let theme_dir = theme_dir(&config)?;
    let faces = fonts::faces(&config.root, &config.fonts, theme_dir.as_deref())?;
    let (theme, content) = load_theme_and_content(&config, theme_dir, caches)?;
    timer.lap("load");
    let site = Arc::new(Site::assemble(config, content, drafts)?);
    timer.lap("assemble");
    let (media, media_problems) = crate::media::prepare(&site);
    let media_problems = options.stop_on(media_problems)?;
    timer.lap("media");
    let assets = publish::assets::collect(
        &site,
        theme.dir.as_deref(),
        options.preview,
        !faces.is_empty(),
    );
    let options = RenderOptions {
        assets: Arc::new(assets.names.clone()),
        ..options.clone()
    };
    let pages = render_site(
        &site,
        &theme,
        &media,
        &options,
        !faces.is_empty(),
        &mut caches.render,
    )?;
    timer.lap("render");
    let mut published = publish::publish(publish::Made {
        site: &site,
        theme: &theme,
        faces: &faces,
        pages,
        media,
        assets,
        options: &options,
    })?;
    published.problems.extend(media_problems);
    Ok(RenderedSite {
        config: site.config.clone(),
        site,
        files: published.files,
        pages: published.pages,
        images: published.images,
        fonts: published.fonts,
        problems: published.problems,
    })
}

/// The theme (kept from the previous render while its folder is the same) and the content,
/// with the problems of both when either fails.
fn load_theme_and_content(
    config: &Config,
    theme_dir: Option<PathBuf>,
    caches: &mut Caches,
) -> Result<(Arc<Theme>, content::Content), Diagnostics> {
    let theme = match &caches.theme {
        Some(theme) if theme.dir == theme_dir => Ok(Arc::clone(theme)),
        _ => Theme::load(config, theme_dir.as_deref()).map(Arc::new),
    };
    if let Ok(theme) = &theme {
        caches.theme = Some(Arc::clone(theme));
    }
    match (theme, content::load_with_cache(config, &mut caches.parse)) {
        (Ok(theme), Ok(content)) => Ok((theme, content)),
        (theme, content) => {
            let mut problems = Diagnostics::new();
            problems.extend(theme.err().into_iter().flatten());
            problems.extend(content.err().into_iter().flatten());
            problems.sort();
            Err(problems)
        }
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
    let stats = output::write(&output_dir, &rendered.files)
        .map_err(|e| Diagnostics::from(output::write_failed(&shown, &e)))?;
    timer.lap("write");
    Ok(BuildReport {
        output_dir,
        pages: rendered.pages,
        images: rendered.images,
        fonts: rendered.fonts,
        files: rendered.files.len(),
        stats,
        warnings: rendered.problems,
        duration: started.elapsed(),
    })
}
