//! Sass stylesheets, as Zola compiles them: every `.scss` and `.sass` file of `sass/` becomes
//! a CSS file at the same place in the output (`sass/a/b.scss` → `a/b.css`); partials
//! (`_name.scss`) are only imported. A theme's `sass/` is always compiled, the site's own with
//! `compile_sass = true`; the site's file wins over the theme's of the same name. Imports are
//! read only inside the site: one that leads elsewhere, through `..` or a link, is not found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// The folder of Sass sources, in the site and in its theme.
pub const SASS_DIR: &str = "sass";

/// Compiled stylesheets: path inside the output (`a/b.css`) → the CSS and its source.
pub type Compiled = BTreeMap<PathBuf, (Arc<[u8]>, PathBuf)>;

/// Compiles the Sass of the theme (`theme_dir`) and, with `compile_sass`, of the site at `root`.
pub fn compile(
    root: &Path,
    theme_dir: Option<&Path>,
    compile_sass: bool,
) -> (Compiled, Diagnostics) {
    let mut problems = Diagnostics::new();
    let site_dir = root.join(SASS_DIR);
    if !compile_sass && has_sources(&site_dir) {
        problems.push(
            Diagnostic::warning(
                Code::Sass,
                SASS_DIR,
                "the Sass files of sass/ are not compiled: config.toml does not say compile_sass = true",
            )
            .with_hint("add `compile_sass = true` to config.toml, as for Zola"),
        );
    }
    // Output path → source; the site's sources come last and replace the theme's.
    let mut sources: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let dirs = theme_dir
        .map(|t| t.join(SASS_DIR))
        .into_iter()
        .chain(compile_sass.then_some(site_dir));
    for dir in dirs.filter(|d| d.is_dir()) {
        let walked = crate::source::walk(
            root,
            &dir,
            crate::source::Skip::HiddenAndBackups,
            "copy the stylesheet into sass/ instead of linking to it",
        );
        problems.extend(walked.problems);
        let mut here: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
        for path in walked.files.into_iter().filter(|p| is_entry_point(p)) {
            let output = path
                .strip_prefix(&dir)
                .expect("walked below dir")
                .with_extension("css");
            if let Some(other) = here.insert(output.clone(), path.clone()) {
                problems.push(same_output(root, &other, &path, &output));
            }
        }
        sources.extend(here);
    }
    let fs = SiteFs::new(root);
    let compiled: Vec<_> = sources
        .into_par_iter()
        .map(|(output, source)| {
            let result = compile_one(root, &fs, &source);
            (output, source, result)
        })
        .collect();
    let mut css = Compiled::new();
    for (output, source, result) in compiled {
        match result {
            Ok(text) => {
                css.insert(output, (Arc::from(text.into_bytes()), source));
            }
            Err(e) => problems.push(e),
        }
    }
    (css, problems)
}

/// A `.scss` or `.sass` file whose name does not start with `_`.
fn is_entry_point(path: &Path) -> bool {
    let sass = path.extension().is_some_and(|e| e == "scss" || e == "sass");
    let partial = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('_'));
    sass && !partial
}

fn has_sources(dir: &Path) -> bool {
    dir.is_dir()
        && walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| is_entry_point(e.path()))
}

fn same_output(root: &Path, first: &Path, second: &Path, output: &Path) -> Diagnostic {
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    Diagnostic::error(
        Code::Sass,
        shown(second),
        format!(
            "{} and {} would both become {}",
            shown(first),
            shown(second),
            output.display()
        ),
    )
    .with_hint("rename one of them, or make one a partial (`_name.scss`) that the other imports")
}

fn compile_one(root: &Path, fs: &SiteFs, source: &Path) -> Result<String, Diagnostic> {
    let load_dir = source.parent().unwrap_or(root);
    let options = grass::Options::default()
        .fs(fs)
        .load_path(load_dir)
        .style(grass::OutputStyle::Expanded)
        .quiet(true);
    // Sass names imported files by the path it joined (`sass/site/../_palette.scss`).
    let shown = |p: &Path| {
        let plain = without_dot_dots(p);
        plain
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or(plain)
    };
    grass::from_path(source, &options).map_err(|e| match e.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => {
            let file = PathBuf::from(loc.file.name());
            let hint = match message.contains("find stylesheet to import") {
                true => "import a file of sass/ (or the theme's sass/) by its path from the importing file; files outside the site are not read",
                false => "fix the Sass at this place; partials (`_name.scss`) are checked where they are imported",
            };
            Diagnostic::error(Code::Sass, shown(&file), format!("Sass: {message}"))
                .at(loc.begin.line + 1, loc.begin.column + 1)
                .with_hint(hint)
        }
        grass::ErrorKind::FromUtf8Error(_) => Diagnostic::error(
            Code::Sass,
            shown(source),
            "this stylesheet, or one it imports, is not UTF-8 text",
        ),
        other => Diagnostic::error(
            Code::Sass,
            shown(source),
            format!("this stylesheet could not be read: {other:?}"),
        ),
    })
}

/// `a/b/../c` → `a/c`, without reading the disk.
fn without_dot_dots(path: &Path) -> PathBuf {
    let mut plain = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                plain.pop();
            }
            std::path::Component::CurDir => {}
            other => plain.push(other),
        }
    }
    plain
}

/// The files Sass may read: those inside the site, once links are followed.
#[derive(Debug)]
struct SiteFs {
    root: PathBuf,
}

impl SiteFs {
    fn new(root: &Path) -> Self {
        SiteFs {
            root: root.to_path_buf(),
        }
    }

    fn inside(&self, path: &Path) -> bool {
        crate::source::stays_inside(&self.root, path)
    }
}

impl grass::Fs for SiteFs {
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir() && self.inside(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file() && self.inside(path)
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.inside(path) {
            true => std::fs::read(path),
            false => Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "outside the site",
            )),
        }
    }
}
