//! `bayan check`: the site rendered in memory by the build's own pipeline, then read the way a
//! visitor and a translator would, without writing anything:
//!
//! - `links`: internal links and `#anchors` of every rendered page that lead nowhere, and
//!   images without alt text (in the Markdown and in the HTML);
//! - `translations`: which pages exist in which languages, and translations older than their
//!   original;
//! - `strings`: UI strings (Fluent) present in one language and missing in another;
//! - `external` (only with `--external`): links to other sites that are dead;
//!
//! plus every problem the build itself reports (front matter, config, templates, Markdown
//! links). Every problem carries its kind ([`Code`]) from where it was found, and the report,
//! printed by `report` as text or JSON, groups by it.

mod external;
mod links;
mod report;
mod strings;
mod translations;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::build::{load_config, BuildOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::render::RenderOptions;

pub use external::ExternalStatus;
pub use report::{print, Format};
pub use translations::Matrix;

/// What the user asked for on the command line.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Also request every link to another site (the only time `check` uses the network).
    pub external: bool,
}

/// Everything one check found.
#[derive(Debug)]
pub struct CheckReport {
    /// Each problem carries its kind ([`Code`]), which groups the report.
    pub findings: Vec<Diagnostic>,
    /// None when the content could not be loaded.
    pub translations: Option<Matrix>,
    /// HTML pages rendered and checked.
    pub pages: usize,
    pub languages: Vec<String>,
    pub external: ExternalStatus,
    pub duration: Duration,
}

impl CheckReport {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.findings.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.findings.iter().filter(|d| !d.is_error())
    }

    /// 1 when there is any error, else 0 (warnings alone do not fail).
    pub fn exit_code(&self) -> u8 {
        u8::from(self.errors().next().is_some())
    }
}

/// Checks the site at `options.root` without writing its output anywhere.
pub fn check(options: &CheckOptions) -> CheckReport {
    let started = Instant::now();
    let mut report = CheckReport {
        findings: Vec::new(),
        translations: None,
        pages: 0,
        languages: Vec::new(),
        external: ExternalStatus::NotRequested,
        duration: Duration::ZERO,
    };
    let build_options = BuildOptions {
        root: options.root.clone(),
        ..Default::default()
    };
    let config = match load_config(&build_options) {
        Ok(config) => config,
        Err(problems) => {
            report.findings.extend(problems);
            report.duration = started.elapsed();
            return report;
        }
    };
    report.languages = config.languages.iter().map(|l| l.code.clone()).collect();

    // A missing theme is reported by the render below.
    if let Ok(theme) = crate::theme::templates::theme_dir(&config) {
        report
            .findings
            .extend(strings::check(&config, theme.as_deref()));
    }

    let keep_going = RenderOptions {
        keep_going: true,
        ..Default::default()
    };
    match crate::build::render(config, false, &keep_going) {
        Ok(rendered) => {
            report.pages = rendered.pages;
            // A UI string that falls back to the default language is missing in its own, and
            // `strings::check` above says so with where to add it: the build's note is a repeat.
            report.findings.extend(
                rendered
                    .problems
                    .into_iter()
                    .filter(|w| w.code != Code::UiStringFallback),
            );
            let site = &rendered.site;
            let found = links::check(site, &rendered.files);
            report.findings.extend(found.findings);
            let matrix = translations::matrix(site);
            report
                .findings
                .extend(translations::outdated(site, &matrix));
            report.translations = Some(matrix);
            if options.external {
                let (status, findings) = external::check(&found.external);
                report.external = status;
                report.findings.extend(findings);
            }
        }
        Err(problems) => report.findings.extend(problems),
    }
    report.findings.sort_by(|a, b| {
        (a.severity, &a.path, a.line, a.col, &a.message)
            .cmp(&(b.severity, &b.path, b.line, b.col, &b.message))
    });
    report.findings.dedup();
    report.duration = started.elapsed();
    report
}

/// `bayan check`: checks, prints the report in `format`, and returns the exit code.
pub fn run(options: &CheckOptions, format: Format) -> u8 {
    let mut report = check(options);
    // Paths as the user can open them from where they ran the command (JSON keeps them
    // relative to the site, for tools).
    if format == Format::Text && options.root != std::path::Path::new(".") {
        for d in &mut report.findings {
            if d.path.is_relative() {
                d.path = options.root.join(&d.path);
            }
        }
    }
    print(&report, format);
    report.exit_code()
}
