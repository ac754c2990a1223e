//! The rules of ARCHITECTURE.md that a reader of the code can check, checked on every test run:
//! no import cycle between source files, no function over 120 lines, no thread-local state,
//! and a build driver that reads in one sitting.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under src/, relative to it, with its text without its unit tests.
fn sources() -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(entry.path()).unwrap();
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            let rel = entry.path().strip_prefix(src()).unwrap().to_path_buf();
            files.insert(rel, code);
        }
    }
    files
}

/// `render/job.rs` → ["render", "job"]; `render/mod.rs` → ["render"]; `lib.rs` → [].
fn module_of(file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The files each file imports from (`crate::…`, `super::…`, `self::…` paths), by file.
fn imports(files: &BTreeMap<PathBuf, String>) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let by_module: BTreeMap<Vec<String>, PathBuf> = files
        .keys()
        .filter(|f| f.as_path() != Path::new("main.rs"))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    let mut graph = BTreeMap::new();
    for (file, text) in files {
        let here = module_of(file);
        let mut targets = BTreeSet::new();
        for (at, _) in text.match_indices("::") {
            let start = text[..at]
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(0, |i| i + 1);
            let end = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |i| at + i);
            let path: Vec<&str> = text[start..end].split("::").collect();
            if start != at - path[0].len() {
                continue;
            }
            let mut module: Vec<String> = match path[0] {
                "crate" => Vec::new(),
                "self" => here.clone(),
                "super" => here[..here.len().saturating_sub(1)].to_vec(),
                _ => continue,
            };
            for part in &path[1..] {
                if *part == "super" {
                    module.pop();
                    continue;
                }
                module.push(part.to_string());
            }
            // The longest prefix that is a file.
            while !module.is_empty() {
                if let Some(target) = by_module.get(&module) {
                    if target != file {
                        targets.insert(target.clone());
                    }
                    break;
                }
                module.pop();
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

#[test]
fn no_source_file_imports_itself_through_others() {
    let graph = imports(&sources());
    assert!(
        graph[Path::new("build.rs")].contains(Path::new("render/mod.rs")),
        "the import reader misses `use crate::render::…`"
    );
    for start in graph.keys() {
        // Depth-first from `start`: reaching it again is a cycle.
        let mut stack: Vec<(PathBuf, Vec<PathBuf>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((file, trail)) = stack.pop() {
            for next in &graph[&file] {
                if next == start {
                    panic!(
                        "import cycle: {} → {}",
                        trail
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(" → "),
                        start.display()
                    );
                }
                if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
}

/// A line without its string literals and its `//` comment (strings on one line only).
fn code_only(line: &str) -> String {
    let line = line.replace("'\"'", "");
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '/') if chars.peek() == Some(&'/') => break,
            (false, c) => out.push(c),
        }
    }
    out
}

#[test]
fn no_function_is_over_120_lines() {
    let mut long = Vec::new();
    for (file, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(super) fn ",
                "pub(crate) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn {
                continue;
            }
            // Count braces to the function's end (a declaration without a body ends in `;`).
            let mut depth = 0i32;
            let mut opened = false;
            let mut end = i;
            for (j, l) in lines.iter().enumerate().skip(i) {
                // A brace written as a character (`'{'`), in a string or a comment opens nothing.
                let l = code_only(&l.replace("'{'", "").replace("'}'", ""));
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                end = j;
                if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                    break;
                }
            }
            if end - i + 1 > 120 {
                long.push(format!(
                    "{}:{} ({} lines)",
                    file.display(),
                    i + 1,
                    end - i + 1
                ));
            }
        }
    }
    assert!(long.is_empty(), "functions over 120 lines: {long:?}");
}

#[test]
fn no_thread_local_state_and_a_short_build_driver() {
    for (file, text) in sources() {
        if !file.starts_with("serve") {
            assert!(
                !text.contains("thread_local!"),
                "{} keeps thread-local state",
                file.display()
            );
        }
    }
    let build = fs::read_to_string(src().join("build.rs")).unwrap();
    assert!(
        build.lines().count() <= 200,
        "build.rs is {} lines",
        build.lines().count()
    );
}
