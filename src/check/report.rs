//! The check's report: grouped text for people, or one JSON document for tools.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::translations::{Matrix, Status};
use super::{CheckReport, ExternalStatus};
use crate::diagnostics::{Code, Diagnostic};

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// Prints the report on standard output (a closed pipe, as with `| head`, is not an error).
pub fn print(report: &CheckReport, format: Format) {
    let text = match format {
        Format::Text => text(report),
        Format::Json => {
            let json = serde_json::to_string_pretty(&to_json(report));
            format!("{}\n", json.expect("JSON values serialise"))
        }
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "3 errors, 2 warnings in 41 pages, 3 languages".
pub fn summary(report: &CheckReport) -> String {
    format!(
        "{}, {} in {}, {}",
        plural(report.errors().count(), "error"),
        plural(report.warnings().count(), "warning"),
        plural(report.pages, "page"),
        plural(report.languages.len(), "language"),
    )
}

fn external_line(status: ExternalStatus) -> Option<String> {
    match status {
        ExternalStatus::NotRequested => None,
        ExternalStatus::Checked { urls: 0 } => {
            Some("external links: the site links to no other site".into())
        }
        ExternalStatus::Checked { urls } => Some(format!(
            "external links checked: {urls} {}",
            if urls == 1 { "address" } else { "addresses" }
        )),
        ExternalStatus::NoNetwork { .. } => Some("external links not checked: no network".into()),
    }
}

pub fn text(report: &CheckReport) -> String {
    let mut out = String::new();
    for code in Code::ALL {
        let group: Vec<&Diagnostic> = report.findings.iter().filter(|d| d.code == code).collect();
        if group.is_empty() {
            continue;
        }
        // The kind's name is what the README and the JSON report call it.
        let _ = writeln!(out, "{} ({}) [{code}]", code.title(), group.len());
        for diagnostic in group {
            let _ = writeln!(out, "{diagnostic}");
        }
        out.push('\n');
    }
    if let Some(matrix) = &report.translations {
        out.push_str(&matrix_table(matrix));
        out.push('\n');
    }
    if let Some(line) = external_line(report.external) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{} ({} ms)",
        summary(report),
        report.duration.as_millis()
    );
    out
}

/// `about/liberties-forum/index` → `about/liberties-forum`; `reports/_index` → `reports/`.
fn shown_key(key: &str) -> String {
    if key == "_index" {
        return "(home)".into();
    }
    if let Some(section) = key.strip_suffix("/_index") {
        return format!("{section}/");
    }
    key.strip_suffix("/index").unwrap_or(key).to_string()
}

fn matrix_table(matrix: &Matrix) -> String {
    let mut out = format!(
        "Translations ({} items; the {} version is the original)\n",
        matrix.items.len(),
        matrix.default_language
    );
    let keys: Vec<String> = matrix.items.iter().map(|r| shown_key(&r.key)).collect();
    let width = keys
        .iter()
        .map(|k| k.chars().count())
        .chain(["page".len()])
        .max()
        .unwrap_or(4);
    let column = matrix
        .items
        .iter()
        .flat_map(|r| r.languages.values().map(|c| c.status.mark().len()))
        .chain(matrix.languages.iter().map(String::len))
        .max()
        .unwrap_or(2);
    let pad = |text: &str, width: usize| {
        let n = text.chars().count();
        format!("{text}{}", " ".repeat(width.saturating_sub(n)))
    };
    let mut line = format!("  {}", pad("page", width));
    for lang in &matrix.languages {
        line.push_str("  ");
        line.push_str(&pad(lang, column));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    for (row, key) in matrix.items.iter().zip(&keys) {
        let mut line = format!("  {}", pad(key, width));
        for cell in row.languages.values() {
            line.push_str("  ");
            line.push_str(&pad(cell.status.mark(), column));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let count = |status: Status| {
        matrix
            .items
            .iter()
            .flat_map(|r| r.languages.values())
            .filter(|c| c.status == status)
            .count()
    };
    let _ = writeln!(
        out,
        "  {} missing, {} out of date",
        plural(count(Status::Missing), "translation"),
        count(Status::OutOfDate)
    );
    out
}

fn finding_json(d: &Diagnostic) -> Value {
    json!({
        "file": d.path.to_string_lossy().replace('\\', "/"),
        "line": (d.line > 0).then_some(d.line),
        "column": (d.col > 0).then_some(d.col),
        "kind": d.code,
        "message": d.message,
        "hint": d.hint,
    })
}

pub fn to_json(report: &CheckReport) -> Value {
    json!({
        "errors": report.errors().map(finding_json).collect::<Vec<_>>(),
        "warnings": report.warnings().map(finding_json).collect::<Vec<_>>(),
        "translations": report.translations,
        "external": report.external,
        "summary": {
            "errors": report.errors().count(),
            "warnings": report.warnings().count(),
            "pages": report.pages,
            "languages": report.languages,
            "duration_ms": report.duration.as_millis() as u64,
            "text": summary(report),
        },
    })
}
