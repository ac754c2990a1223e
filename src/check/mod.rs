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
//! links). `report` prints it all as text or JSON.

mod external;
mod links;
mod report;
mod strings;
mod translations;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::build::{load_config, BuildOptions};
use crate::diagnostics::Diagnostic;
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

/// What a problem is about: groups the text report, and is `kind` in the JSON one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// config.toml or front matter the loader refused.
    FrontMatter,
    /// Anything else the build reports (templates, UI-string syntax, galleries…).
    Build,
    BrokenLink,
    MissingAnchor,
    MissingAlt,
    MissingUiString,
    OutdatedTranslation,
    ExternalLink,
}

impl Kind {
    /// The heading of this group in the text report.
    pub fn title(self) -> &'static str {
        match self {
            Kind::FrontMatter => "Front matter and settings",
            Kind::Build => "Build problems",
            Kind::BrokenLink => "Links that lead nowhere",
            Kind::MissingAnchor => "Links to a missing #anchor",
            Kind::MissingAlt => "Images without alt text",
            Kind::MissingUiString => "UI strings missing in a language",
            Kind::OutdatedTranslation => "Translations older than their original",
            Kind::ExternalLink => "Links to other sites",
        }
    }

    /// Sorts what the build reported into the groups of the check.
    fn of_build_problem(d: &Diagnostic) -> Kind {
        let m = &d.message;
        if m.starts_with("front matter") || m.starts_with("invalid config") {
            Kind::FrontMatter
        } else if m.contains("leads to no page") || m.contains("links to a Markdown file") {
            Kind::BrokenLink
        } else if m.contains("no alt text") {
            Kind::MissingAlt
        } else if m.starts_with("UI string `") {
            Kind::MissingUiString
        } else {
            Kind::Build
        }
    }
}

/// One problem found, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub kind: Kind,
    pub diagnostic: Diagnostic,
}

/// Everything one check found.
#[derive(Debug)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    /// None when the content could not be loaded.
    pub translations: Option<Matrix>,
    /// HTML pages rendered and checked.
    pub pages: usize,
    pub languages: Vec<String>,
    pub external: ExternalStatus,
    pub duration: Duration,
}

impl CheckReport {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.diagnostic.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.diagnostic.is_error())
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
            add_build_problems(&mut report.findings, problems);
            report.duration = started.elapsed();
            return report;
        }
    };
    report.languages = config.languages.iter().map(|l| l.code.clone()).collect();

    let missing_strings = match crate::theme::templates::theme_dir(&config) {
        Ok(theme) => strings::check(&config, theme.as_deref()),
        Err(_) => Vec::new(), // the render below reports the missing theme
    };
    let reported_strings: Vec<(String, String)> =
        missing_strings.iter().map(|m| m.key.clone()).collect();
    report
        .findings
        .extend(missing_strings.into_iter().map(|m| m.finding));

    match crate::build::render(config, false, &RenderOptions::default()) {
        Ok(rendered) => {
            report.pages = rendered.pages;
            // The build's own notes on UI strings that fell back are said better above.
            let warnings = rendered.warnings.into_iter().filter(|w| {
                !reported_strings.iter().any(|(lang, key)| {
                    w.message
                        .starts_with(&format!("UI string `{key}` is missing in {lang};"))
                })
            });
            add_build_problems(&mut report.findings, warnings);
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
        Err(problems) => add_build_problems(&mut report.findings, problems),
    }
    report.findings.sort_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        (a.severity, &a.path, a.line, a.col, &a.message)
            .cmp(&(b.severity, &b.path, b.line, b.col, &b.message))
    });
    report
        .findings
        .dedup_by(|a, b| a.kind == b.kind && a.diagnostic == b.diagnostic);
    report.duration = started.elapsed();
    report
}

fn add_build_problems(findings: &mut Vec<Finding>, problems: impl IntoIterator<Item = Diagnostic>) {
    findings.extend(problems.into_iter().map(|diagnostic| Finding {
        kind: Kind::of_build_problem(&diagnostic),
        diagnostic,
    }));
}

/// `bayan check`: checks, prints the report in `format`, and returns the exit code.
pub fn run(options: &CheckOptions, format: Format) -> u8 {
    let mut report = check(options);
    // Paths as the user can open them from where they ran the command (JSON keeps them
    // relative to the site, for tools).
    if format == Format::Text && options.root != std::path::Path::new(".") {
        for finding in &mut report.findings {
            let d = &mut finding.diagnostic;
            if d.path.is_relative() {
                d.path = options.root.join(&d.path);
            }
        }
    }
    print(&report, format);
    report.exit_code()
}
