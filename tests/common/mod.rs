//! Shared fixture helpers: real sites in temporary folders, built by the real `bayan` binary.
#![allow(dead_code)]

pub mod photos;
pub mod preview;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Fixtures turn minification off so tests can read the HTML as the templates wrote it;
/// `tests/postprocess.rs` checks minified pages.
pub const CONFIG: &str = r#"
title = "Test site"
base_url = "https://example.org"
default_language = "ar"
minify = false
theme = "t"

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"

[languages.ku]
name = "Kurdî"

[languages.ckb]
name = "کوردی"
"#;

/// A config for sites using the real default theme: ar (default), en, ku and ckb.
pub const THEME_CONFIG: &str = r#"
title = "Test"
base_url = "https://example.org"
default_language = "ar"
theme = "bayan"
minify = false

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"
locale = "en-GB"

[languages.ku]
name = "Kurdî"
locale = "ku"

[languages.ckb]
name = "کوردی"
locale = "ckb"
"#;

const BASE: &str = r#"<!doctype html>
<html lang="{{ lang }}" dir="{{ dir }}">
<head><title>{% block title %}{{ language.title }}{% endblock title %}</title></head>
<body>
<nav class="switcher">{% for l in languages %}{% if l.available and not l.is_current %}<a class="tr" hreflang="{{ l.code }}" href="{{ l.url }}">{{ l.name }}</a>{% elif not l.available %}<span class="missing">{{ l.code }}</span>{% endif %}{% endfor %}</nav>
{% block content %}{% endblock content %}
</body>
</html>
"#;

/// A site folder under construction.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with a config for ar (default), en, ku, ckb and a tiny theme `t`.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("config.toml", CONFIG);
        site.write("themes/t/templates/base.html", BASE);
        site.write(
            "themes/t/templates/index.html",
            r#"{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul class="pages">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}"#,
        );
        site.write(
            "themes/t/templates/section.html",
            r#"{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1><ul class="pages">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}"#,
        );
        site.write(
            "themes/t/templates/page.html",
            r#"{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1><div class="body">{{ page.content | safe }}</div>{% endblock content %}"#,
        );
        site.write("content/_index.md", "+++\ntitle = \"الرئيسية\"\n+++\n");
        site
    }

    /// A site using the real default theme (`themes/bayan`), with the given config.
    pub fn with_default_theme(config: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("themes/bayan"))
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(repo).unwrap();
                site.write_bytes(rel.to_str().unwrap(), &fs::read(entry.path()).unwrap());
            }
        }
        site.write("config.toml", config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs `bayan build --root SITE ARGS…`.
    pub fn build(&self, args: &[&str]) -> Run {
        run(&[&["build", "--root", self.root().to_str().unwrap()], args].concat())
    }

    /// Reads a built file of `public/`.
    pub fn output(&self, rel: &str) -> String {
        let path = self.path("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn has_output(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts a site error (exit 1) whose messages include `needle`.
    #[track_caller]
    pub fn assert_error(&self, needle: &str) -> &Run {
        assert_eq!(
            self.code, 1,
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn run(args: &[&str]) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(args)
            .output()
            .expect("bayan runs"),
    )
}

/// Runs the binary from `dir`, as an editor would from a terminal open there.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(args)
            .current_dir(dir)
            .output()
            .expect("bayan runs"),
    )
}

/// Every file below `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Builds the demo site at the repository root into `out`, as `bayan build` would.
pub fn build_demo(out: &Path) {
    run(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output-dir",
        out.to_str().unwrap(),
    ])
    .assert_ok();
}

/// The Chromium that Node tests drive (`CHROMIUM`, or Debian's), after making sure the npm
/// packages of `dir` (under tests/) are installed.
pub fn node_tests_ready(dir: &Path) -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "these tests need Chromium at {chromium}: install Debian's package (apt-get install chromium), or set CHROMIUM"
    );
    if !dir.join("node_modules/.package-lock.json").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .status()
            .expect("npm runs (Debian package npm)");
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
    chromium
}
