//! The build kept alive between renders, for the preview: each render re-reads only changed
//! files, re-renders only changed Markdown, and runs templates only for outputs whose inputs
//! changed.

use crate::build::{load_config, render_with, BuildOptions, Caches, RenderedSite};
use crate::diagnostics::Diagnostics;
use crate::render::{RenderCache, RenderOptions};

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

/// A build whose caches outlive one render.
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
            caches: kept_caches(),
        }
    }

    /// Drops what `change` makes stale.
    pub fn invalidate(&mut self, change: Change) {
        match change {
            Change::Content => {}
            Change::Templates => {
                self.caches.theme = None;
                self.caches.render.forget_outputs();
            }
            Change::Config => self.caches = kept_caches(),
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

fn kept_caches() -> Caches {
    Caches {
        render: RenderCache::enabled(),
        ..Default::default()
    }
}
