//! What one render leaves for the next, so that in `serve` a save re-renders only what it
//! touches. Everything is indexed by position: items (pages, then sections) and outputs keep
//! their positions while the site's skeleton (its pages, addresses and section tree) is
//! unchanged, and nothing is reused once it changes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde_json::Value;

use crate::markdown::Rendered;
use crate::render::types::RenderedFile;
use crate::site::Site;

/// An output file with the items it was made from.
pub(super) type Output = (RenderedFile, Deps);

/// The items (by index: pages, then sections) an output was made from.
#[derive(Debug, Clone)]
pub(super) enum Deps {
    Items(Arc<[usize]>),
    /// Any item: its template looks items up by paths it computes.
    Anything,
}

/// Hashes of what templates can see of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct ItemHash {
    /// What every template may see: the item's value (title, date, extra, word count, …).
    pub value: u64,
    /// What only its own page sees: the rendered body and table of contents.
    pub body: u64,
}

#[derive(Default)]
pub struct RenderCache {
    /// Off for one-shot builds: nothing is kept.
    enabled: bool,
    /// Hash of every address and bundle file: rendered Markdown (whose links depend on
    /// addresses) and page values stay valid while it is unchanged.
    universe: u64,
    markdown: Vec<Option<Rendered>>,
    page_values: Vec<Option<(Arc<Value>, ItemHash)>>,
    previous: Option<PreviousRender>,
    /// How many output files the last render made anew (the rest were reused).
    pub last_rendered: usize,
    /// The files the last render's templates read (`load_data`, `get_hash`…).
    pub(super) files_read: super::zola_api::FilesRead,
    /// The resized images templates asked for (`resize_image`).
    pub(super) resized: super::resize::Requests,
}

pub(super) struct PreviousRender {
    skeleton: u64,
    pub hashes: Vec<ItemHash>,
    pub outputs: Vec<Output>,
}

impl RenderCache {
    pub fn enabled() -> Self {
        RenderCache {
            enabled: true,
            ..Default::default()
        }
    }

    /// Templates or UI strings changed: every output must be rendered again, and every body
    /// whose shortcodes they render.
    pub fn forget_outputs(&mut self) {
        self.previous = None;
        for (i, slot) in self.markdown.iter_mut().enumerate() {
            if slot.as_ref().is_some_and(|r| r.has_shortcodes) {
                *slot = None;
                if let Some(value) = self.page_values.get_mut(i) {
                    *value = None;
                }
            }
        }
    }

    /// Starts a render of `site`: drops per-item entries when an address changed.
    pub(super) fn begin(&mut self, site: &Site, media_fingerprint: u64) {
        let universe = universe(site) ^ media_fingerprint.rotate_left(1);
        if !self.enabled || universe != self.universe {
            self.universe = universe;
            self.markdown = vec![None; site.pages.len() + site.sections.len()];
            self.page_values = vec![None; site.pages.len()];
            self.previous = None;
        }
    }

    /// Markdown of item `index` rendered earlier, unless its file was re-read.
    pub(super) fn markdown(&self, index: usize, fresh: bool) -> Option<Rendered> {
        (!fresh)
            .then(|| self.markdown.get(index).cloned().flatten())
            .flatten()
    }

    pub(super) fn store_markdown<'a>(&mut self, rendered: impl Iterator<Item = &'a Rendered>) {
        if self.enabled {
            for (slot, r) in self.markdown.iter_mut().zip(rendered) {
                *slot = Some(r.clone());
            }
        }
    }

    /// The value and hashes of page `index` computed earlier, unless its file was re-read.
    pub(super) fn page_value(&self, index: usize, fresh: bool) -> Option<(Arc<Value>, ItemHash)> {
        (!fresh)
            .then(|| self.page_values.get(index).cloned().flatten())
            .flatten()
    }

    pub(super) fn store_page_values(&mut self, values: &[(Arc<Value>, ItemHash)]) {
        if self.enabled {
            for (slot, v) in self.page_values.iter_mut().zip(values) {
                *slot = Some(v.clone());
            }
        }
    }

    /// The previous render's outputs, if they were made from the same skeleton.
    pub(super) fn take_previous(&mut self, skeleton: u64) -> Option<PreviousRender> {
        self.previous.take().filter(|p| p.skeleton == skeleton)
    }

    pub(super) fn finish(
        &mut self,
        skeleton: u64,
        hashes: Vec<ItemHash>,
        outputs: Vec<Output>,
        rendered: usize,
    ) {
        self.last_rendered = rendered;
        if self.enabled {
            self.previous = Some(PreviousRender {
                skeleton,
                hashes,
                outputs,
            });
        }
    }
}

pub(super) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Every address of the site and the bundle files: what rendered Markdown depends on.
fn universe(site: &Site) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.config.base_url.hash(&mut hasher);
    for l in &site.config.languages {
        (&l.code, l.direction.as_str()).hash(&mut hasher);
    }
    for p in &site.pages {
        (&p.lang, &p.key, &p.path, &p.dir).hash(&mut hasher);
    }
    for s in &site.sections {
        (&s.lang, &s.key, &s.path).hash(&mut hasher);
    }
    for a in &site.assets {
        (&a.source, &a.url).hash(&mut hasher);
    }
    hasher.finish()
}

/// The addresses plus the section tree: when it changes, every output is rendered again.
pub(super) fn skeleton(site: &Site, media_fingerprint: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    universe(site).hash(&mut hasher);
    media_fingerprint.hash(&mut hasher);
    for p in &site.pages {
        p.section.hash(&mut hasher);
    }
    for s in &site.sections {
        (s.parent, &s.subsections, s.pages.len(), s.front.paginate_by).hash(&mut hasher);
    }
    for t in &site.taxonomies {
        (t.render, &t.path, t.settings.paginate_by).hash(&mut hasher);
        for term in &t.terms {
            (&term.name, &term.path, &term.pages).hash(&mut hasher);
        }
    }
    hasher.finish()
}
