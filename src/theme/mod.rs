//! The theme as one value, loaded once per build (and kept by the preview until a template or
//! UI string changes): its folder, its templates and UI strings overridden file by file by the
//! site's own, what each template can look up and which UI strings it uses, and which
//! attributes of values any template reads; where in a template a render error happened.

pub mod attributes;
pub mod built_in;
pub mod locate;
pub mod strings;
pub mod templates;
pub mod uses;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use strings::Strings;
use templates::Templates;
use uses::TemplateUses;

/// A theme with the site's overrides, ready to render with.
pub struct Theme {
    /// `themes/NAME`, when the config names a theme.
    pub dir: Option<PathBuf>,
    pub templates: Templates,
    pub strings: Arc<Strings>,
    /// What each template (with its parents, includes and macros) uses, by template name.
    uses: HashMap<String, TemplateUses>,
    /// The attributes any template reads; `None` when they may read any.
    attributes: Option<BTreeSet<String>>,
}

impl Theme {
    /// Loads the templates and UI strings of the theme `dir` and of the site, reporting every
    /// problem of both.
    pub fn load(config: &Config, dir: Option<&Path>) -> Result<Theme, Diagnostics> {
        let (templates, strings) = rayon::join(
            || Templates::load(config, dir),
            || Strings::load(config, dir),
        );
        let (templates, strings) = match (templates, strings) {
            (Ok(templates), Ok(strings)) => (templates, strings),
            (t, s) => {
                let mut problems = Diagnostics::new();
                for e in [t.err(), s.err()].into_iter().flatten() {
                    problems.extend(e);
                }
                return Err(problems);
            }
        };
        let uses = templates
            .names()
            .map(|name| (name.to_string(), uses::uses(&templates.tera, name)))
            .collect();
        Ok(Theme {
            dir: dir.map(Path::to_path_buf),
            attributes: attributes::attribute_names(&templates.tera),
            templates,
            strings: Arc::new(strings),
            uses,
        })
    }

    /// What template `name` uses, if there is such a template.
    pub fn uses(&self, name: &str) -> Option<&TemplateUses> {
        self.uses.get(name)
    }

    /// Whether some template may read attribute `name` of a value (`page.summary`).
    pub fn reads_attribute(&self, name: &str) -> bool {
        self.attributes
            .as_ref()
            .is_none_or(|names| names.contains(name))
    }
}
