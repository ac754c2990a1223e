//! Which pages and sections a language's search holds: the index (`publish/search`) and the
//! search page's list of pages (`render`) ask the same question here.

use super::Site;

impl Site {
    /// Whether page `i` is searched: not a fallback copy of another language's page, published,
    /// and not left out by `in_search_index = false` (on the page, its section or a section
    /// above) or by `[search] exclude`.
    pub fn page_searched(&self, i: usize) -> bool {
        let page = &self.pages[i];
        page.fallback_of.is_none()
            && page.front.renders()
            && page.front.in_search()
            && self.section_searched(page.section)
    }

    /// Whether section `i`, and every section above it, are searched.
    pub fn section_searched(&self, mut i: usize) -> bool {
        let excluded = &self.config.search.exclude;
        loop {
            let section = &self.sections[i];
            if !section.front.in_search() || excluded.contains(&section.dir) {
                return false;
            }
            match section.parent {
                Some(parent) => i = parent,
                None => return true,
            }
        }
    }
}
