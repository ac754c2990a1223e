//! The bad-input catalogue: one table of broken sites, each built by the real binary from a copy
//! of the same small site in the default theme whose output was already written once. Every
//! case that must fail asserts exit code 1, the file (and line, where there is one) named in the
//! message, a hint, the previous `public/` byte for byte, and nothing else touched: the site's
//! own files, and a folder `outside/` next to it, which links in some cases point into (the
//! site's cache may only gain files). The cases that must
//! build (CRLF, byte-order marks, control characters) assert what they publish.
//! The table of outcomes is printed, so a run shows it with `--nocapture`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::{photos, run, snapshot};

const CONFIG: &str = r#"title = "Catalogue"
base_url = "https://example.org"
default_language = "ar"
theme = "bayan"

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"
locale = "en-GB"
"#;

/// The site every case starts from: a home page, an about page and a report with a photo, in
/// Arabic and English.
fn write_base_site(root: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("themes/bayan"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(repo).unwrap();
        put_bytes(
            root,
            rel.to_str().unwrap(),
            &fs::read(entry.path()).unwrap(),
        );
    }
    put(root, "config.toml", CONFIG);
    for (suffix, lang) in [("", "ar"), (".en", "en")] {
        put(
            root,
            &format!("content/_index{suffix}.md"),
            &format!("+++\ntitle = \"home {lang}\"\n+++\nWelcome.\n"),
        );
        put(
            root,
            &format!("content/about/index{suffix}.md"),
            &format!("+++\ntitle = \"about {lang}\"\n+++\n## Vision\n\nText.\n"),
        );
        put(
            root,
            &format!("content/reports/_index{suffix}.md"),
            &format!("+++\ntitle = \"reports {lang}\"\n+++\n"),
        );
        put(
            root,
            &format!("content/reports/r1/index{suffix}.md"),
            &format!("+++\ntitle = \"report {lang}\"\ndate = 2024-02-01\n+++\nIntro.\n\n![A photo of the hall](hall.jpg)\n\nSee [about](@/about/index.md).\n"),
        );
    }
    put_bytes(root, "content/reports/r1/hall.jpg", &photo());
}

fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(120, 80, |x, y| image::Rgb([x as u8 * 2, y as u8 * 3, 120]));
    photos::encode_jpeg(&img)
}

fn put(root: &Path, rel: &str, text: &str) {
    put_bytes(root, rel, text.as_bytes());
}

fn put_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap()
}

/// Replaces `from` (which must be there) by `to` in a file of the site.
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(root, rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    put(root, rel, &text.replacen(from, to, 1));
}

fn append(root: &Path, rel: &str, more: &str) {
    let text = read(root, rel);
    put(root, rel, &format!("{text}{more}"));
}

/// The number of the line `config.toml` gets next when `append`ed to with a leading newline.
fn config_lines(root: &Path) -> usize {
    String::from_utf8_lossy(&fs::read(root.join("config.toml")).unwrap())
        .lines()
        .count()
}

/// What a case expects.
enum Expect {
    /// Exit 1; stderr names `place` (a file, or `file:line`) and says `says`.
    Refused {
        place: &'static str,
        says: &'static str,
    },
    /// Like `Refused`, with the place known only once the case has run (a line of the config).
    RefusedAt {
        place: fn(&Path) -> String,
        says: &'static str,
    },
    /// `Refused`, for a file made unreadable: root reads every file, so as root the case
    /// cannot be set up, and says so in the table instead.
    Unreadable { place: &'static str },
    /// Exit 0; `published` checks what was written (site root given).
    Builds { published: fn(&Path) },
    /// Exit 0 with a warning at `place` that says `says`.
    Warns {
        place: &'static str,
        says: &'static str,
    },
}

struct Case {
    name: &'static str,
    /// Breaks the site (its root, and the `outside/` folder next to it).
    damage: fn(&Path, &Path),
    /// Extra arguments of `bayan build`, `{outside}` standing for the outside folder.
    args: &'static [&'static str],
    expect: Expect,
}

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        // --- config.toml
        Case {
            name: "config.toml: broken TOML",
            damage: |s, _| {
                edit(
                    s,
                    "config.toml",
                    "title = \"Catalogue\"",
                    "title = \"Catalogue",
                )
            },
            args: &[],
            expect: Refused {
                place: "config.toml:1:",
                says: "",
            },
        },
        Case {
            name: "config.toml: unknown key",
            damage: |s, _| edit(s, "config.toml", "base_url", "baseurl"),
            args: &[],
            expect: Refused {
                place: "config.toml:2:1",
                says: "did you mean `base_url`",
            },
        },
        Case {
            name: "config.toml: wrong type",
            damage: |s, _| edit(s, "config.toml", "title = \"Catalogue\"", "title = 3"),
            args: &[],
            expect: Refused {
                place: "config.toml:1:",
                says: "`title` takes text in quotes, not the number 3",
            },
        },
        Case {
            name: "config.toml: invalid UTF-8",
            damage: |s, _| {
                let mut bytes = read(s, "config.toml").into_bytes();
                bytes.extend_from_slice(b"\n# caf\xe9\n");
                put_bytes(s, "config.toml", &bytes);
            },
            args: &[],
            expect: RefusedAt {
                place: |s| format!("config.toml:{}:6", config_lines(s)),
                says: "UTF-8",
            },
        },
        Case {
            name: "config.toml: default language a near miss of a configured one",
            damage: |s, _| {
                edit(
                    s,
                    "config.toml",
                    "default_language = \"ar\"",
                    "default_language = \"arr\"",
                )
            },
            args: &[],
            expect: Refused {
                place: "config.toml:3:",
                says: "did you mean `ar`?",
            },
        },
        Case {
            name: "config.toml: every key neither Bayan's nor Zola's, at once",
            damage: |s, _| {
                append(s, "config.toml", "\ntitel = \"x\"\nbogus = 1\n");
            },
            args: &[],
            expect: RefusedAt {
                place: |s| format!("config.toml:{}:1", config_lines(s) - 1),
                says: "did you mean `title`?",
            },
        },
        Case {
            name: "builds: a Zola config (its settings warned about, no title, default language without a table)",
            damage: |s, _| {
                let config = read(s, "config.toml")
                    .replace("title = \"Catalogue\"\n", "compile_sass = true\nminify_html = false\n")
                    .replace("default_language = \"ar\"", "default_language = \"ku\"")
                    + "\n[markdown]\nrender_emoji = true\n\n[search]\ninclude_content = true\n";
                put(s, "config.toml", &config);
            },
            args: &[],
            expect: Builds {
                published: |s| {
                    // The files without a language suffix are in Kurmanji, now the first
                    // language, with no table of its own.
                    let home = fs::read_to_string(s.join("public/index.html")).unwrap();
                    assert!(home.contains("lang=\"ku\""), "{home}");
                    assert!(s.join("public/en/index.html").exists());
                },
            },
        },
        Case {
            name: "config.toml: language code that is not one",
            damage: |s, _| {
                append(
                    s,
                    "config.toml",
                    "\n[languages.\"e n\"]\nname = \"x\"\nlocale = \"en\"\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "config.toml",
                says: "e n",
            },
        },
        Case {
            name: "config.toml: base_url that is not a URL",
            damage: |s, _| edit(s, "config.toml", "https://example.org", "example dot org"),
            args: &[],
            expect: Refused {
                place: "config.toml:2:",
                says: "base_url",
            },
        },
        Case {
            name: "config.toml: theme that is not there",
            damage: |s, _| edit(s, "config.toml", "theme = \"bayan\"", "theme = \"bayn\""),
            args: &[],
            expect: Refused {
                place: "config.toml:4:",
                says: "bayan",
            },
        },
        Case {
            name: "config.toml: image widths of 0",
            damage: |s, _| append(s, "config.toml", "\n[images]\nwidths = [0]\n"),
            args: &[],
            expect: RefusedAt {
                place: |s| format!("config.toml:{}:", config_lines(s)),
                says: "between 16 and 8000",
            },
        },
        Case {
            name: "config.toml: paginate_by of the wrong type",
            damage: |s, _| append(s, "config.toml", "\npaginate_by = \"ten\"\n"),
            args: &[],
            expect: RefusedAt {
                place: |s| format!("config.toml:{}:", config_lines(s)),
                says: "paginate_by",
            },
        },
        Case {
            name: "signup: unknown provider",
            damage: |s, _| {
                append(
                    s,
                    "config.toml",
                    "\n[signup]\nprovider = \"mailchimpp\"\nurl = \"https://lists.example.org\"\n",
                )
            },
            args: &[],
            expect: RefusedAt {
                place: |s| format!("config.toml:{}:", config_lines(s) - 2),
                says: "mailchimp",
            },
        },
        Case {
            name: "signup: provider without its address",
            damage: |s, _| {
                append(s, "config.toml", "\n[signup]\nprovider = \"listmonk\"\nlists = [\"00000000-0000-4000-8000-000000000001\"]\n")
            },
            args: &[],
            expect: Refused {
                place: "config.toml",
                says: "url",
            },
        },
        Case {
            name: "signup: form on a page of a site without one",
            damage: |s, _| append(s, "content/about/index.md", "\n{{ signup() }}\n"),
            args: &[],
            expect: Refused {
                place: "content/about/index.md:8:",
                says: "signup",
            },
        },
        // --- content files
        Case {
            name: "front matter: broken TOML",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\ndate = 2024-01-01\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:2:",
                says: "",
            },
        },
        Case {
            name: "front matter: unknown key",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\ndescripton = \"x\"\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:3:1",
                says: "did you mean `description`",
            },
        },
        Case {
            name: "front matter: every unknown key at once",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitel = \"ب\"\ndate = 2024-01-02\nautors = [\"x\"]\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:1",
                says: "did you mean `authors`",
            },
        },
        Case {
            name: "front matter: YAML that does not parse",
            damage: |s, _| put(s, "content/b.md", "---\ntitle: ب\n  date: 2024-01-02\n---\n"),
            args: &[],
            expect: Refused {
                place: "content/b.md:3:",
                says: "check the YAML",
            },
        },
        Case {
            name: "warns: a Zola front-matter key Bayan does not use",
            damage: |s, _| {
                put(
                    s,
                    "content/notes/_index.md",
                    "+++\ntitle = \"ب\"\npaginate_path = \"p\"\n+++\n",
                )
            },
            args: &[],
            expect: Warns {
                place: "content/notes/_index.md:3:1",
                says: "`paginate_path` is a Zola key that Bayan does not use",
            },
        },
        Case {
            name: "front matter: a section that redirects to no page",
            damage: |s, _| {
                put(
                    s,
                    "content/news/_index.md",
                    "+++\ntitle = \"x\"\nredirect_to = \"@/missing.md\"\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/news/_index.md",
                says: "redirect_to: `@/missing.md` leads to no page",
            },
        },
        Case {
            name: "front matter: an alias that leaves the site",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\naliases = [\"/old/\", \"/../../outside/\"]\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:3:1",
                says: "the alias `/../../outside/` has a part that starts with a dot",
            },
        },
        Case {
            name: "front matter: wrong type",
            damage: |s, _| put(s, "content/b.md", "+++\ntitle = [\"ب\"]\n+++\n"),
            args: &[],
            expect: Refused {
                place: "content/b.md:2:",
                says: "`title` takes text in quotes, not a list",
            },
        },
        Case {
            name: "front matter: a date that is not one",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\ndate = 2024-13-45\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:3:",
                says: "date",
            },
        },
        Case {
            name: "front matter: never closed",
            damage: |s, _| put(s, "content/b.md", "+++\ntitle = \"ب\"\n\nbody\n"),
            args: &[],
            expect: Refused {
                place: "content/b.md:1:1",
                says: "never closed",
            },
        },
        Case {
            name: "front matter: none",
            damage: |s, _| put(s, "content/b.md", "Just text.\n"),
            args: &[],
            expect: Refused {
                place: "content/b.md",
                says: "front matter",
            },
        },
        Case {
            name: "front matter: empty file",
            damage: |s, _| put(s, "content/b.md", ""),
            args: &[],
            expect: Refused {
                place: "content/b.md",
                says: "front matter",
            },
        },
        Case {
            name: "front matter: unknown kind of page",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\nkind = \"reprot\"\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:3:",
                says: "report",
            },
        },
        Case {
            name: "front matter: template that does not exist",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\ntemplate = \"nope.html\"\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:3:",
                says: "nope.html",
            },
        },
        Case {
            name: "front matter: gallery outside the site",
            damage: |s, _| {
                put(
                    s,
                    "content/b/index.md",
                    "+++\ntitle = \"ب\"\ngallery = \"../../../etc\"\n+++\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b/index.md:3:",
                says: "outside the site's content",
            },
        },
        Case {
            name: "content: invalid UTF-8",
            damage: |s, _| {
                put_bytes(
                    s,
                    "content/b.md",
                    b"+++\ntitle = \"b\"\n+++\nline\nbad \xff byte\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:5:5",
                says: "UTF-8",
            },
        },
        Case {
            name: "content: binary file with a .md name",
            damage: |s, _| {
                put_bytes(
                    s,
                    "content/b.md",
                    &[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0xfe],
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md",
                says: "binary",
            },
        },
        Case {
            name: "content: huge file",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    &format!("+++\ntitle = \"b\"\n+++\n{}", "كلمة ".repeat(1_000_000)),
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md",
                says: "too large",
            },
        },
        Case {
            name: "content: language that is not configured",
            damage: |s, _| put(s, "content/b.fr.md", "+++\ntitle = \"B\"\n+++\n"),
            args: &[],
            expect: Refused {
                place: "content/b.fr.md",
                says: "[languages.fr]",
            },
        },
        Case {
            name: "content: two pages at one address",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\nslug = \"same\"\n+++\n",
                );
                put(
                    s,
                    "content/c.md",
                    "+++\ntitle = \"ج\"\nslug = \"same\"\n+++\n",
                );
            },
            args: &[],
            expect: Refused {
                place: "content/b.md",
                says: "content/c.md",
            },
        },
        Case {
            name: "content: unreadable file",
            damage: |s, _| {
                put(s, "content/b.md", "+++\ntitle = \"ب\"\n+++\n");
                let path = s.join("content/b.md");
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
            },
            args: &[],
            expect: Unreadable {
                place: "content/b.md",
            },
        },
        // --- Markdown
        Case {
            name: "markdown: 2,000 nested list levels",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    &format!("+++\ntitle = \"ب\"\n+++\n{}x\n", "- ".repeat(2000)),
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:",
                says: "levels deep",
            },
        },
        Case {
            name: "markdown: 5,000 nested quotes",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    &format!("+++\ntitle = \"ب\"\n+++\n{}x\n", "> ".repeat(5000)),
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:",
                says: "levels deep",
            },
        },
        Case {
            name: "markdown: 5,000 nested <div>s",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    &format!("+++\ntitle = \"ب\"\n+++\n{}x\n", "<div>".repeat(5000)),
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:",
                says: "levels deep",
            },
        },
        Case {
            name: "markdown: javascript: link",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nClick [me](javascript:alert(1)).\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:7",
                says: "would run code",
            },
        },
        Case {
            name: "markdown: javascript: in raw HTML, spelt with entities",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\n<a href=\"jav&#x09;ascript&colon;alert(1)\">me</a>\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:",
                says: "would run code",
            },
        },
        Case {
            name: "markdown: data:text/html link",
            damage: |s, _| {
                put(s, "content/b.md", "+++\ntitle = \"ب\"\n+++\n<https://ok.example>\n\n[x](data:text/html,<b>hi</b>)\n")
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:6:1",
                says: "data:",
            },
        },
        Case {
            name: "markdown: link to a missing page",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nSee [it](@/nowhere.md).\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:5",
                says: "@/nowhere.md",
            },
        },
        Case {
            name: "markdown: link to a .md file by a relative path",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nSee [it](about/index.md).\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:5",
                says: "@/",
            },
        },
        // --- photos
        Case {
            name: "image: not an image at all",
            damage: |s, _| put_bytes(s, "content/reports/r1/hall.jpg", b"this is not a photo"),
            args: &[],
            expect: Refused {
                place: "content/reports/r1/hall.jpg",
                says: "not a JPEG",
            },
        },
        Case {
            name: "image: JPEG cut to 2 KB",
            damage: |s, _| {
                let mut bytes = fs::read(s.join("content/reports/r1/hall.jpg")).unwrap();
                bytes.truncate(2048.min(bytes.len() * 2 / 3));
                put_bytes(s, "content/reports/r1/hall.jpg", &bytes);
            },
            args: &[],
            expect: Refused {
                place: "content/reports/r1/hall.jpg",
                says: "cut short",
            },
        },
        Case {
            name: "image: decompression bomb (65,000 × 65,000 in the header)",
            damage: |s, _| {
                let bytes = fs::read(s.join("content/reports/r1/hall.jpg")).unwrap();
                put_bytes(
                    s,
                    "content/reports/r1/hall.jpg",
                    &with_jpeg_size(&bytes, 65_000, 65_000),
                );
            },
            args: &[],
            expect: Refused {
                place: "content/reports/r1/hall.jpg",
                says: "pixels",
            },
        },
        // --- templates and UI strings
        Case {
            name: "template: syntax error in the site's own",
            damage: |s, _| {
                put(s, "templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n")
            },
            args: &[],
            expect: Refused {
                place: "templates/page.html",
                says: "",
            },
        },
        Case {
            name: "UI strings: Fluent syntax error",
            damage: |s, _| put(s, "i18n/ar.ftl", "good = fine\nbad = { $x\n"),
            args: &[],
            expect: Refused {
                place: "i18n/ar.ftl:2",
                says: "",
            },
        },
        Case {
            name: "UI strings: an escape running into a letter (the Fluent parser panics on it)",
            damage: |s, _| put(s, "i18n/ar.ftl", "good = fine\nbad = { \"\\u\u{e9}\" }\n"),
            args: &[],
            expect: Refused {
                place: "i18n/ar.ftl:2:10",
                says: "four hex digits",
            },
        },
        // --- links and folders
        Case {
            name: "symlink: content file pointing outside",
            damage: |s, o| {
                fs::write(o.join("secret.txt"), "secret").unwrap();
                symlink(o.join("secret.txt"), s.join("content/secret.txt")).unwrap();
            },
            args: &[],
            expect: Refused {
                place: "content/secret.txt",
                says: "outside the site",
            },
        },
        Case {
            name: "symlink: loop in content",
            damage: |s, _| {
                symlink(s.join("content/loop-b"), s.join("content/loop-a")).unwrap();
                symlink(s.join("content/loop-a"), s.join("content/loop-b")).unwrap();
            },
            args: &[],
            expect: Refused {
                place: "content/loop-a",
                says: "leads to itself",
            },
        },
        Case {
            name: "symlink: output subfolder pointing outside",
            damage: |s, o| {
                fs::remove_dir_all(s.join("public/en")).unwrap();
                symlink(o, s.join("public/en")).unwrap();
            },
            args: &[],
            expect: Refused {
                place: "public/en",
                says: "link",
            },
        },
        Case {
            name: "output folder: the site's own folder",
            damage: |_, _| {},
            args: &["--output-dir", "."],
            expect: Refused {
                place: "output folder",
                says: "",
            },
        },
        Case {
            name: "output folder: content/",
            damage: |_, _| {},
            args: &["--output-dir", "content"],
            expect: Refused {
                place: "output folder",
                says: "content",
            },
        },
        Case {
            name: "output folder: the site's parent",
            damage: |_, _| {},
            args: &["--output-dir", ".."],
            expect: Refused {
                place: "output folder",
                says: "",
            },
        },
        Case {
            name: "output folder: a folder Bayan did not make",
            damage: |_, o| fs::write(o.join("notes.txt"), "my notes").unwrap(),
            args: &["--output-dir", "{outside}"],
            expect: Refused {
                place: "output folder",
                says: "did not write",
            },
        },
        // --- what must build
        Case {
            name: "builds: CRLF line ends",
            damage: |s, _| {
                put(s, "content/b.md", "+++\r\ntitle = \"سطور ويندوز\"\r\ndate = 2024-03-01\r\n+++\r\nFirst.\r\n\r\n## Heading\r\n")
            },
            args: &[],
            expect: Builds {
                published: |s| {
                    let html = fs::read_to_string(s.join("public/b/index.html")).unwrap();
                    assert!(
                        html.contains("سطور ويندوز") && html.contains("Heading"),
                        "{html}"
                    );
                },
            },
        },
        Case {
            name: "builds: byte-order marks on a page and config.toml",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "\u{feff}+++\ntitle = \"علامة\"\n+++\nBody.\n",
                );
                let config = read(s, "config.toml");
                put(s, "config.toml", &format!("\u{feff}{config}"));
            },
            args: &[],
            expect: Builds {
                published: |s| {
                    let html = fs::read_to_string(s.join("public/b/index.html")).unwrap();
                    assert!(
                        html.contains("علامة") && !html.contains('\u{feff}'),
                        "{html}"
                    );
                },
            },
        },
        Case {
            name: "builds: NUL and ESC in a body never reach the HTML",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nA\u{0}B\u{1b}[31mC\n",
                )
            },
            args: &[],
            expect: Builds {
                published: |s| {
                    let html = fs::read_to_string(s.join("public/b/index.html")).unwrap();
                    assert!(html.contains("A B [31mC"), "{html}");
                    assert!(!html.contains(['\u{0}', '\u{1b}']));
                },
            },
        },
        Case {
            name: "builds: control characters in a title never reach a page or a feed",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"A\\u0000B\\u001bC\\u009bD\"\ndate = 2024-05-01\n+++\nBody.\n",
                )
            },
            args: &[],
            expect: Builds {
                published: |s| {
                    let html = fs::read_to_string(s.join("public/b/index.html")).unwrap();
                    let feed = fs::read_to_string(s.join("public/atom.xml")).unwrap();
                    for text in [&html, &feed] {
                        assert!(!text.contains(['\u{0}', '\u{1b}', '\u{9b}']), "{text}");
                    }
                    assert!(feed.contains("ABCD"), "{feed}");
                },
            },
        },
        Case {
            name: "shortcode: one that does not exist",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nIntro.\n\n{{ youtube(id=\"abc\") }}\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:6:1",
                says: "there is no shortcode `youtube`",
            },
        },
        Case {
            name: "shortcode: a block never closed",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\n{% note(kind=\"x\") %}\nbody\n",
                )
            },
            args: &[],
            expect: Refused {
                place: "content/b.md:4:1",
                says: "the shortcode `note` is never closed",
            },
        },
        Case {
            name: "warns: something like a shortcode that is not one",
            damage: |s, _| {
                put(
                    s,
                    "content/b.md",
                    "+++\ntitle = \"ب\"\n+++\nIntro.\n\nA slip: {{ youtube(abc) }}\n",
                )
            },
            args: &[],
            expect: Warns {
                place: "content/b.md:6:9",
                says: "looks like a shortcode but is published as written",
            },
        },
    ]
}

/// A JPEG whose frame header says it is `width` × `height`.
fn with_jpeg_size(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut out = jpeg.to_vec();
    let sof = (0..out.len() - 9)
        .find(|&i| out[i] == 0xFF && matches!(out[i + 1], 0xC0 | 0xC2))
        .expect("a frame header");
    out[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    out[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    out
}

/// Every file under `dir` (links as where they point), for "nothing touched" comparisons.
fn everything_under(dir: &Path, skip: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.path() != skip)
        .filter_map(|e| e.ok())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = if e.path_is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else if e.file_type().is_file() {
                fs::read(e.path()).unwrap_or_default()
            } else {
                b"folder".to_vec()
            };
            (rel, bytes)
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One row of the printed table.
struct Row {
    name: &'static str,
    exit: i32,
    place: String,
    intact: &'static str,
}

/// Runs one case in its own copy of the built site; panics with what went wrong.
fn run_case(case: &Case, built: &Path) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let outside = dir.path().join("outside");
    copy_tree(built, &site);
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("keep.txt"), "keep").unwrap();
    (case.damage)(&site, &outside);

    if let Expect::Unreadable { .. } = case.expect {
        if fs::read(site.join("content/b.md")).is_ok() {
            return Row {
                name: case.name,
                exit: -1,
                place: "not run: root reads every file".into(),
                intact: "-",
            };
        }
    }
    let public_before = snapshot(&site.join("public"));
    let public_dir = site.join("public");
    let beside_before = everything_under(dir.path(), &public_dir);
    let outside_arg = outside.to_str().unwrap().to_string();
    let args: Vec<&str> = ["build", "--root", site.to_str().unwrap()]
        .into_iter()
        .chain(case.args.iter().map(|a| {
            if *a == "{outside}" {
                outside_arg.as_str()
            } else {
                a
            }
        }))
        .collect();
    let result = run(&args);
    let said = format!("{}{}", result.stdout, result.stderr);
    let beside_after = everything_under(dir.path(), &public_dir);

    let name = case.name;
    match &case.expect {
        Expect::Refused { place, says } => {
            refused(name, &result, &said, place, says);
        }
        Expect::RefusedAt { place, says } => {
            let place = place(&site);
            refused(name, &result, &said, &place, says);
        }
        Expect::Unreadable { place } => {
            refused(name, &result, &said, place, "");
        }
        Expect::Builds { published } => {
            assert_eq!(result.code, 0, "{name}: expected a build\n{said}");
            published(&site);
        }
        Expect::Warns { place, says } => {
            assert_eq!(result.code, 0, "{name}: expected a build\n{said}");
            let line = said
                .lines()
                .find(|l| l.contains(place) && l.contains("warning:"))
                .unwrap_or_else(|| panic!("{name}: no warning at {place}\n{said}"));
            assert!(
                line.contains(says),
                "{name}: the warning lacks {says:?}: {line}"
            );
            assert!(said.contains("hint:"), "{name}: no hint\n{said}");
        }
    }
    let failed = result.code != 0;
    if failed {
        assert!(
            public_before == snapshot(&public_dir),
            "{name}: the failed build changed public/"
        );
    }
    // The site's cache may gain files (a new page needs new font subsets); nothing else
    // beside the output folder may change, and nothing may go.
    let mut beside_after = beside_after;
    beside_after.retain(|path, _| {
        beside_before.contains_key(path) || !path.starts_with("site/.bayan-cache")
    });
    assert!(
        beside_before == beside_after,
        "{name}: files beside the output folder changed:\n{}",
        differences(&beside_before, &beside_after)
    );
    assert_eq!(
        read(&outside, "keep.txt"),
        "keep",
        "{name}: outside/ touched"
    );
    let place = match &case.expect {
        Expect::Refused { place, .. }
        | Expect::Warns { place, .. }
        | Expect::Unreadable { place } => place.to_string(),
        Expect::RefusedAt { place, .. } => place(&site),
        Expect::Builds { .. } => "-".to_string(),
    };
    Row {
        name,
        exit: result.code,
        place,
        intact: if failed { "yes" } else { "rebuilt" },
    }
}

#[track_caller]
fn refused(name: &str, result: &common::Run, said: &str, place: &str, says: &str) {
    assert_eq!(result.code, 1, "{name}: expected exit 1\n{said}");
    let located = said
        .lines()
        .find(|l| l.contains(place) && l.contains(says))
        .or_else(|| said.contains(place).then_some(""));
    assert!(located.is_some(), "{name}: no message at {place:?}\n{said}");
    assert!(said.contains(says), "{name}: lacks {says:?}\n{said}");
    assert!(said.contains("hint:"), "{name}: no hint\n{said}");
}

fn differences(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let mut out = String::new();
    for path in a.keys().chain(b.keys()) {
        if a.get(path) != b.get(path) {
            out.push_str(&format!("  {}\n", path.display()));
        }
    }
    out
}

#[test]
fn every_bad_input_is_refused_where_it_is_and_loses_nothing() {
    let base = tempfile::tempdir().unwrap();
    write_base_site(base.path());
    run(&["build", "--root", base.path().to_str().unwrap()]).assert_ok();
    assert!(base.path().join("public/reports/r1/index.html").exists());

    let cases = cases();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    // Two at a time: each case is a run of the binary on its own copy. A failing case is
    // recorded and the rest still run, so one run shows every case that does not hold.
    let outcomes: Vec<Result<Row, String>> = std::thread::scope(|scope| {
        let cases = &cases;
        let built = base.path();
        let handles: Vec<_> = (0..2)
            .map(|worker| {
                scope.spawn(move || {
                    cases
                        .iter()
                        .skip(worker)
                        .step_by(2)
                        .map(|case| {
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                run_case(case, built)
                            }))
                            .map_err(|e| {
                                e.downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                                    .unwrap_or_else(|| format!("{}: panicked", case.name))
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker"))
            .collect()
    });
    let mut outcomes = outcomes;
    let position = |outcome: &Result<Row, String>| match outcome {
        Ok(row) => cases.iter().position(|c| c.name == row.name),
        Err(_) => None,
    };
    outcomes.sort_by_key(|o| position(o));
    println!("| case | exit | location | public/ |\n|---|---|---|---|");
    let mut failures = Vec::new();
    for outcome in &outcomes {
        match outcome {
            Ok(row) => println!(
                "| {} | {} | `{}` | {} |",
                row.name, row.exit, row.place, row.intact
            ),
            Err(failure) => failures.push(failure.as_str()),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases do not hold:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    let rows = outcomes.len();
    assert_eq!(rows, cases.len());
}
