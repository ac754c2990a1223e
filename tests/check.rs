//! `bayan check`: a site with one problem of each kind is refused, naming every file, in text
//! and in JSON; fixed, it passes; nothing is written; `--external` asks a local server and
//! reports its dead link, and makes no request without the flag.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;

use common::{run, snapshot, Run, Site};
use serde_json::Value;

/// Arabic (default), English and Kurmanji: the languages the default theme has strings for.
const CONFIG: &str = r#"
title = "Test"
base_url = "https://example.org"
default_language = "ar"
theme = "bayan"

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"
locale = "en-GB"

[languages.ku]
name = "Kurdî"
locale = "ku"
"#;

/// A small site in three languages where every check passes.
fn good_site() -> Site {
    let site = Site::with_default_theme(CONFIG);
    for (lang, suffix) in [("ar", ""), ("en", ".en"), ("ku", ".ku")] {
        site.write(
            &format!("content/_index{suffix}.md"),
            &format!("+++\ntitle = \"home {lang}\"\n+++\nWelcome.\n"),
        );
        site.write(
            &format!("content/about/index{suffix}.md"),
            &format!(
                "+++\ntitle = \"about {lang}\"\ndate = 2024-01-10\nupdated = 2024-05-01\n+++\n## Vision {{#vision}}\n\nText.\n\n![A chart of the members](chart.svg)\n"
            ),
        );
        site.write(
            &format!("content/news/report/index{suffix}.md"),
            &format!(
                "+++\ntitle = \"report {lang}\"\ndate = 2024-02-01\n+++\nIntro.\n\nSee [our vision](@/about/index.md#vision) and [the list](@/news/_index.md).\n"
            ),
        );
        site.write(
            &format!("content/news/_index{suffix}.md"),
            &format!("+++\ntitle = \"news {lang}\"\n+++\n"),
        );
        site.write(
            &format!("i18n/{lang}.ftl"),
            &format!("org-motto = motto in {lang}\n"),
        );
    }
    site.write(
        "content/about/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write_bytes("static/images/chart.png", b"not really a png");
    site
}

/// The good site with one problem of each kind, each in its own file.
fn broken_site() -> Site {
    let site = good_site();
    // A root-relative link to a page that does not exist (line 9).
    site.write(
        "content/news/report/index.en.md",
        "+++\ntitle = \"report en\"\ndate = 2024-02-01\n+++\nIntro.\n\nSee [our vision](@/about/index.md#vision).\n\nThe [old report](/en/news/old-report/) is gone.\n",
    );
    // A link to an anchor the page does not have (line 7).
    site.write(
        "content/news/report/index.ku.md",
        "+++\ntitle = \"report ku\"\ndate = 2024-02-01\n+++\nIntro.\n\nSee [our mission](@/about/index.md#mission).\n",
    );
    // A UI string the other languages have, missing in Kurmanji.
    site.write(
        "i18n/ar.ftl",
        "org-motto = motto in ar\norg-address = address in ar\n",
    );
    site.write(
        "i18n/en.ftl",
        "org-motto = motto in en\norg-address = address in en\n",
    );
    // An image without alt text (line 9 of the Arabic page).
    site.write(
        "content/news/report/index.md",
        "+++\ntitle = \"report ar\"\ndate = 2024-02-01\n+++\nIntro.\n\nSee [our vision](@/about/index.md#vision).\n\n![](/images/chart.png)\n",
    );
    // An English translation older than its Arabic original.
    site.write(
        "content/about/index.en.md",
        "+++\ntitle = \"about en\"\ndate = 2024-01-10\nupdated = 2024-01-20\n+++\n## Vision {#vision}\n\nText.\n\n![A chart of the members](chart.svg)\n",
    );
    site
}

fn check(site: &Site, args: &[&str]) -> Run {
    run(&[&["check", "--root", site.root().to_str().unwrap()], args].concat())
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// The problems of a JSON report in `list` (`errors` or `warnings`) of `kind`.
fn of_kind<'a>(report: &'a Value, list: &str, kind: &str) -> Vec<&'a Value> {
    report[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {report}"))
        .iter()
        .filter(|p| p["kind"] == kind)
        .collect()
}

#[test]
fn a_good_site_passes() {
    let site = good_site();
    let result = check(&site, &[]);
    result.assert_ok();
    assert!(
        result
            .stdout
            .contains("0 errors, 0 warnings in 18 pages, 3 languages"),
        "{}",
        result.stdout
    );
}

#[test]
fn a_site_in_a_sub_folder_with_a_signup_form_passes() {
    let site = good_site();
    site.write(
        "config.toml",
        &format!(
            "{}\n[signup]\nprovider = \"listmonk\"\nurl = \"https://lists.example.org\"\nlists = [\"00000000-0000-4000-8000-000000000001\"]\nfooter = true\n",
            CONFIG.replace("https://example.org", "https://example.org/org")
        ),
    );
    let result = check(&site, &[]);
    result.assert_ok();
    // Pages, not-found pages, the signup result pages (thanks, error) and the search pages of
    // three languages.
    assert!(
        result
            .stdout
            .contains("0 errors, 0 warnings in 24 pages, 3 languages"),
        "{}",
        result.stdout
    );
    // The same link written for the root of the host leads outside the site.
    site.write(
        "content/news/report/index.en.md",
        "+++\ntitle = \"report en\"\ndate = 2024-02-01\n+++\nSee [the list](/en/news/).\n",
    );
    let result = check(&site, &[]);
    result.assert_error("");
    assert!(
        result.stdout.contains("content/news/report/index.en.md:5: error: the link `/en/news/` leads to /en/news/, outside the site (which lives at /org/)"),
        "{}",
        result.stdout
    );
}

#[test]
fn every_problem_is_reported_with_its_file_and_line() {
    let site = broken_site();
    let result = check(&site, &[]);
    assert_eq!(result.code, 1, "{}\n{}", result.stdout, result.stderr);
    let out = &result.stdout;
    for needle in [
        // the broken link, at its line in the English page
        "content/news/report/index.en.md:9: error: the link `/en/news/old-report/` leads nowhere",
        // the missing anchor, at its line in the Kurmanji page
        "content/news/report/index.ku.md:7: error: the link",
        "`#mission`, which is not on /ku/about/",
        "did you mean `#vision`?",
        // the UI string, naming the Kurmanji file
        "i18n/ku.ftl: error: the UI string `org-address` is missing in ku; it is defined in ar, en",
        // the image, at its line in the Arabic page
        "content/news/report/index.md:9: error: the image `/images/chart.png` has no alt text",
        // the old translation, at its `updated`
        "content/about/index.en.md:4:1: warning: this en translation is out of date: its `updated` is 2024-01-20, but the ar original content/about/index.md was updated on 2024-05-01",
        "4 errors, 1 warning in 18 pages, 3 languages",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}:\n{out}");
    }
    // The matrix: a row per page, a column per language.
    let table: Vec<Vec<&str>> = out
        .lines()
        .skip_while(|l| !l.starts_with("Translations ("))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(table[0], ["page", "ar", "en", "ku"], "{out}");
    assert!(
        table.contains(&vec!["about", "original", "OUT OF DATE", "ok"]),
        "{out}"
    );
    assert!(
        table.contains(&vec!["news/report", "original", "ok", "ok"]),
        "{out}"
    );
    // Problems are grouped under a heading per kind.
    for heading in [
        "Links that lead nowhere (1)",
        "Links to a missing #anchor (1)",
        "Images without alt text (1)",
        "UI strings missing in a language (1)",
        "Translations older than their original (1)",
    ] {
        assert!(out.contains(heading), "lacks {heading:?}:\n{out}");
    }
}

/// A link the build stops on (to a missing `@/` file, or one that would run code) does not hide
/// the rest: every other problem is still found, on every page.
#[test]
fn a_link_the_build_stops_on_hides_nothing_else() {
    let site = broken_site();
    site.write(
        "content/news/_index.en.md",
        "+++\ntitle = \"news en\"\n+++\nSee [the plan](@/plans/missing.md) and [me](javascript:alert(1)).\n",
    );
    // A photo the build could not publish.
    site.write_bytes(
        "content/news/report/photo.jpg",
        b"\xff\xd8\xffnot a photo at all",
    );
    let result = check(&site, &[]);
    assert_eq!(result.code, 1, "{}\n{}", result.stdout, result.stderr);
    let out = &result.stdout;
    for needle in [
        "content/news/_index.en.md:4:5: error:",
        "@/plans/missing.md",
        "content/news/_index.en.md:4:40: error: the link `javascript:alert(1)` would run code",
        "content/news/report/index.en.md:9: error: the link `/en/news/old-report/` leads nowhere",
        "content/news/report/index.ku.md:7: error: the link",
        "i18n/ku.ftl: error: the UI string `org-address` is missing in ku",
        "content/news/report/index.md:9: error: the image `/images/chart.png` has no alt text",
        "content/about/index.en.md:4:1: warning: this en translation is out of date",
        "content/news/report/photo.jpg: error:",
        "7 errors, 1 warning in 18 pages, 3 languages",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}:\n{out}");
    }
    assert!(
        out.lines().any(|l| l.starts_with("Translations (")),
        "the translations table is shown:\n{out}"
    );
}

#[test]
fn json_report_lists_each_problem_with_its_file() {
    let site = broken_site();
    let result = check(&site, &["--format", "json"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let report = json(&result);
    let file_and_line = |list: &str, kind: &str| -> Vec<(String, Option<u64>)> {
        of_kind(&report, list, kind)
            .iter()
            .map(|p| {
                assert!(p["message"].as_str().is_some_and(|m| !m.is_empty()));
                assert!(p["hint"].as_str().is_some_and(|h| !h.is_empty()), "{p}");
                (p["file"].as_str().unwrap().to_string(), p["line"].as_u64())
            })
            .collect()
    };
    assert_eq!(
        file_and_line("errors", "broken-link"),
        [("content/news/report/index.en.md".to_string(), Some(9))]
    );
    assert_eq!(
        file_and_line("errors", "missing-anchor"),
        [("content/news/report/index.ku.md".to_string(), Some(7))]
    );
    assert_eq!(
        file_and_line("errors", "missing-ui-string"),
        [("i18n/ku.ftl".to_string(), None)]
    );
    assert_eq!(
        file_and_line("errors", "missing-alt"),
        [("content/news/report/index.md".to_string(), Some(9))]
    );
    assert_eq!(
        file_and_line("warnings", "outdated-translation"),
        [("content/about/index.en.md".to_string(), Some(4))]
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), 4, "{report}");
    assert_eq!(report["summary"]["errors"], 4);
    assert_eq!(report["summary"]["warnings"], 1);
    assert_eq!(report["summary"]["pages"], 18);
    assert_eq!(report["external"]["status"], "not-requested");
    // The matrix: the about page exists in every language, its English translation is old.
    let translations = &report["translations"];
    assert_eq!(
        translations["languages"],
        serde_json::json!(["ar", "en", "ku"])
    );
    let about = translations["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "about/index")
        .expect("about in the matrix");
    assert_eq!(about["kind"], "page");
    assert_eq!(about["languages"]["ar"]["status"], "original");
    assert_eq!(about["languages"]["en"]["status"], "out-of-date");
    assert_eq!(
        about["languages"]["en"]["file"],
        "content/about/index.en.md"
    );
    assert_eq!(about["languages"]["ku"]["status"], "up-to-date");
}

#[test]
fn fixing_the_problems_makes_check_pass() {
    let site = broken_site();
    check(&site, &[]).assert_error("");
    // Fix each file back to its good version.
    let good = good_site();
    for file in [
        "content/news/report/index.md",
        "content/news/report/index.en.md",
        "content/news/report/index.ku.md",
        "content/about/index.en.md",
        "i18n/ar.ftl",
        "i18n/en.ftl",
    ] {
        site.write(file, &std::fs::read_to_string(good.path(file)).unwrap());
    }
    let result = check(&site, &["--format", "json"]);
    result.assert_ok();
    let report = json(&result);
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    assert_eq!(report["warnings"], serde_json::json!([]), "{report}");
}

#[test]
fn missing_translations_show_in_the_matrix_and_front_matter_errors_are_all_reported() {
    let site = good_site();
    site.remove("content/news/report/index.ku.md");
    let result = check(&site, &["--format", "json"]);
    result.assert_ok();
    let report = json(&result);
    let report_row = report["translations"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "news/report/index")
        .unwrap()
        .clone();
    assert_eq!(report_row["languages"]["ku"]["status"], "missing");
    assert_eq!(report_row["languages"]["en"]["status"], "up-to-date");

    // Two files with bad front matter: both are named, with their lines.
    site.write(
        "content/about/index.en.md",
        "+++\ntitle = \"about en\"\ntitel = \"typo\"\n+++\nText.\n",
    );
    site.write(
        "content/news/report/index.en.md",
        "+++\ntitle = \"report en\"\ndate = 2024-13-01\n+++\nText.\n",
    );
    let result = check(&site, &[]);
    result.assert_error("");
    for needle in [
        "content/about/index.en.md:3:1: error: front matter: unknown field `titel`",
        "did you mean `title`?",
        "content/news/report/index.en.md:3:8: error: front matter: invalid date",
        "Front matter and settings (2)",
    ] {
        assert!(
            result.stdout.contains(needle),
            "lacks {needle:?}:\n{}",
            result.stdout
        );
    }
}

#[test]
fn check_writes_nothing() {
    // Only the cache of encoded photos and font subsets may appear: a build reuses it.
    let without_cache = |root: &Path| {
        let mut files = snapshot(root);
        files.retain(|path, _| !path.starts_with(".bayan-cache"));
        files
    };
    let site = broken_site();
    let before = without_cache(site.root());
    check(&site, &[]).assert_error("");
    let fixed = good_site();
    check(&fixed, &[]).assert_ok();
    assert_eq!(
        without_cache(site.root()),
        before,
        "check changed the site's folder"
    );
    assert!(!site.path("public").exists());
    assert!(!fixed.path("public").exists());
}

#[test]
fn the_demo_site_passes_and_stays_unbuilt() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let public = root.join("public");
    let before = public.exists().then(|| snapshot(&public));
    let result = run(&["check", "--root", root.to_str().unwrap()]);
    result.assert_ok();
    assert!(
        result.stdout.contains(" 0 errors, 0 warnings in ")
            || result.stdout.contains("\n0 errors, 0 warnings in "),
        "{}",
        result.stdout
    );
    assert!(result.stdout.contains(", 3 languages"), "{}", result.stdout);
    assert_eq!(public.exists().then(|| snapshot(&public)), before);
}

#[test]
fn usage_mistakes_exit_2() {
    let site = good_site();
    assert_eq!(check(&site, &["--format", "yaml"]).code, 2);
    assert_eq!(check(&site, &["--no-such-option"]).code, 2);
}

/// A local server on a free port: `/live` answers 200, anything else 404. Counts requests.
struct Server {
    server: Arc<tiny_http::Server>,
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a free port"));
        let port = server.server_addr().to_ip().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let server = Arc::clone(&server);
            let requests = Arc::clone(&requests);
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    let url = request.url().to_string();
                    requests
                        .lock()
                        .unwrap()
                        .push(format!("{} {url}", request.method()));
                    let status = if url == "/live" { 200 } else { 404 };
                    let _ = request
                        .respond(tiny_http::Response::from_string("x").with_status_code(status));
                }
            })
        };
        Server {
            server,
            port,
            requests,
            thread: Some(thread),
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Runs `bayan check` without proxies from the environment, so requests go straight to the
/// local server.
fn check_direct(site: &Site, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
        .args([&["check", "--root", site.root().to_str().unwrap()], args].concat())
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("bayan runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn site_with_external_links(links: &[String]) -> Site {
    let site = good_site();
    let list: String = links
        .iter()
        .enumerate()
        .map(|(i, url)| format!("- [link {i}]({url})\n"))
        .collect();
    site.write(
        "content/news/report/index.en.md",
        &format!("+++\ntitle = \"report en\"\ndate = 2024-02-01\n+++\nIntro.\n\n{list}"),
    );
    site
}

#[test]
fn external_links_are_asked_for_only_with_the_flag_and_dead_ones_are_warnings() {
    let server = Server::start();
    let live = format!("http://127.0.0.1:{}/live", server.port);
    let dead = format!("http://127.0.0.1:{}/gone", server.port);
    let site = site_with_external_links(&[
        live.clone(),
        format!("{live}#part"),
        dead.clone(),
        "http://nonexistent.invalid/".to_string(),
    ]);

    // Without the flag: no request at all.
    check_direct(&site, &[]).assert_ok();
    assert_eq!(server.requests(), Vec::<String>::new());

    let result = check_direct(&site, &["--external", "--format", "json"]);
    result.assert_ok();
    let report = json(&result);
    let warnings = of_kind(&report, "warnings", "external-link");
    let dead_warning = warnings
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains(&dead))
        .unwrap_or_else(|| panic!("{dead} not reported: {report}"));
    assert_eq!(dead_warning["file"], "content/news/report/index.en.md");
    assert_eq!(dead_warning["line"], 9);
    assert!(dead_warning["message"].as_str().unwrap().contains("404"));
    assert!(
        !warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains(&format!("{live} "))),
        "{report}"
    );
    assert_eq!(report["external"]["status"], "checked");
    assert_eq!(report["external"]["urls"], 3);
    // One request per distinct address (HEAD; the dead one again with GET).
    let requests = server.requests();
    assert_eq!(
        requests.iter().filter(|r| r.ends_with(" /live")).count(),
        1,
        "{requests:?}"
    );
    assert!(requests.contains(&"HEAD /gone".to_string()), "{requests:?}");

    // As text: the dead link is named, and the run still passes.
    let result = check_direct(&site, &["--external"]);
    result.assert_ok();
    assert!(
        result.stdout.contains(&format!("{dead} is dead")),
        "{}",
        result.stdout
    );
    assert!(result
        .stdout
        .contains("external links checked: 3 addresses"));
}

#[test]
fn without_a_network_external_links_are_skipped_in_one_line() {
    // A port nothing listens on, and a host that cannot exist: nothing can be reached.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = site_with_external_links(&[
        format!("http://127.0.0.1:{port}/"),
        "http://nonexistent.invalid/".to_string(),
    ]);
    let result = check_direct(&site, &["--external"]);
    result.assert_ok();
    assert!(
        result
            .stdout
            .contains("external links not checked: no network\n"),
        "{}",
        result.stdout
    );
    assert!(
        !result.stdout.contains("Links to other sites"),
        "{}",
        result.stdout
    );
}

/// The kinds of problem are a fixed list with stable names: the README documents each one, the
/// text report names the kind after each heading, and JSON gives it as `kind`, whatever stage
/// found the problem and however its message is worded.
#[test]
fn every_problem_has_a_kind_documented_in_the_readme() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for code in bayan::diagnostics::Code::ALL {
        assert!(
            readme.contains(&format!("| `{}` | ", code.name())),
            "the README's table of kinds of problems lacks `{}`",
            code.name()
        );
    }

    let site = broken_site();
    let text = check(&site, &[]).stdout;
    for heading in [
        "Links that lead nowhere (1) [broken-link]",
        "Links to a missing #anchor (1) [missing-anchor]",
        "Translations older than their original (1) [outdated-translation]",
    ] {
        assert!(text.contains(heading), "lacks {heading:?}:\n{text}");
    }

    // Problems the build finds, in three stages: a page with two kind tables and a template
    // that does not exist (the site model), and a kind table linking to a missing page.
    let site = good_site();
    site.write(
        "content/news/twice/index.md",
        "+++\ntitle = \"twice\"\ndate = 2024-02-01\n[report]\nplace = \"Erbil\"\n[statement]\nplace = \"Erbil\"\n+++\n",
    );
    site.write(
        "content/news/styled/index.md",
        "+++\ntitle = \"styled\"\ndate = 2024-02-01\ntemplate = \"nowhere.html\"\n+++\n",
    );
    site.write(
        "content/news/linked/index.md",
        "+++\ntitle = \"linked\"\ndate = 2024-02-01\n[report]\nstatement = \"@/statements/none/index.md\"\n+++\n",
    );
    let report = json(&check(&site, &["--format", "json"]));
    let kinds: Vec<(&str, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    for expected in [
        ("content/news/twice/index.md", "page-kind"),
        ("content/news/linked/index.md", "broken-link"),
    ] {
        assert!(kinds.contains(&expected), "lacks {expected:?}: {report}");
    }
    // Every kind in the JSON is one the README lists.
    for (_, kind) in &kinds {
        assert!(readme.contains(&format!("| `{kind}` | ")), "{kind}");
    }
}
