//! The outputs collector: every file of the output folder passes through it once, with the
//! source it comes from, so that two producers of one path are an error naming both.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::{Contents, OutputFile};

/// The files of one build by their path inside the output folder.
#[derive(Default)]
pub struct Outputs {
    files: BTreeMap<PathBuf, (OutputFile, String)>,
    problems: Diagnostics,
}

impl Outputs {
    /// Adds `file`, made from `source` (a file of the site as the editor knows it, or what the
    /// build generated); a second file at the same path is refused.
    pub fn add(&mut self, file: OutputFile, source: impl Into<String>) {
        let source = source.into();
        if let Some((_, first)) = self.files.get(&file.path) {
            self.problems.push(
                Diagnostic::error(
                    Code::DuplicateOutput,
                    &source,
                    format!(
                        "{} would be written twice: by {first} and by {source}",
                        file.path.display()
                    ),
                )
                .with_hint("two files have the same address: change one `slug` or file name"),
            );
        } else {
            self.files.insert(file.path.clone(), (file, source));
        }
    }

    /// Adds text the build generated (`sitemap.xml`, `_headers`…).
    pub fn add_generated(&mut self, path: impl Into<PathBuf>, text: String) {
        let path = path.into();
        let source = format!("the generated {}", path.display());
        let contents = Contents::Bytes(Arc::from(text.into_bytes()));
        self.add(OutputFile { path, contents }, source);
    }

    /// Every file in path order, or every problem found while collecting them.
    pub fn finish(self, mut problems: Diagnostics) -> Result<Vec<OutputFile>, Diagnostics> {
        problems.extend(self.problems);
        problems.into_result()?;
        Ok(self.files.into_values().map(|(f, _)| f).collect())
    }
}
