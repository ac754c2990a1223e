//! `bayan serve` over real HTTP on a loopback port: pages, safety, live reload on every way an
//! editor saves, the error overlay coming and going, incremental rebuilds, concurrency.

mod common;

use std::time::Duration;

use common::preview::Preview;
use common::Site;

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

fn site_with_pages() -> Site {
    let site = Site::new();
    site.write("content/about.md", &page("من نحن", "النص الأول"));
    site.write("content/about.en.md", &page("About", "First text"));
    site.write(
        "content/عن-الموقع.md",
        &page("عن الموقع", "صفحة بعنوان عربي"),
    );
    site.write("static/style.css", "body { color: black }");
    site.write("static/fonts/x.woff2", "wOF2");
    site.write(
        "static/404.html",
        "<!doctype html><html lang=\"ar\"><body><h1>الصفحة غير موجودة</h1></body></html>",
    );
    site.write(
        "static/en/404.html",
        "<!doctype html><html lang=\"en\"><body><h1>Page not found</h1></body></html>",
    );
    site
}

#[test]
fn serves_pages_with_the_right_headers() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let home = preview.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(home.text().contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(
        home.text().contains(r#"<script data-bayan="live-reload""#),
        "no live reload script"
    );

    let about = preview.get("/en/about/");
    assert!(about.text().contains("First text"));
    // Links stay root-relative in preview, so the 404 page works at any depth.
    assert!(
        about.text().contains(r#"href="/about/""#),
        "{}",
        about.text()
    );

    let redirect = preview.get("/en/about?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/en/about/?x=1"));

    let arabic = preview.get("/%D8%B9%D9%86-%D8%A7%D9%84%D9%85%D9%88%D9%82%D8%B9/");
    assert_eq!(arabic.status, 200);
    assert!(arabic.text().contains("صفحة بعنوان عربي"));

    assert_eq!(
        preview.get("/style.css").header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        preview.get("/fonts/x.woff2").header("Content-Type"),
        Some("font/woff2")
    );
    assert_eq!(
        preview
            .get("/__bayan/live-reload.js")
            .header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );

    let head = preview.request("HEAD", "/en/about/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length").unwrap(),
        about.body.len().to_string()
    );

    assert_eq!(preview.request("POST", "/").status, 405);
}

#[test]
fn missing_pages_get_the_site_404_in_their_language() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let en = preview.get("/en/no/such/page/");
    assert_eq!(en.status, 404);
    assert!(en.text().contains("Page not found"));
    // Browsers send non-ASCII paths percent-encoded: /لا-شيء/
    let ar = preview.get("/%D9%84%D8%A7-%D8%B4%D9%8A%D8%A1/");
    assert_eq!(ar.status, 404);
    assert!(ar.text().contains("الصفحة غير موجودة"));
}

#[test]
fn nothing_outside_the_site_can_be_read() {
    let site = site_with_pages();
    site.write("secret.txt", "do not serve");
    let preview = Preview::start(site.root());
    for path in [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/en/..%2f..%2fconfig.toml",
        "/..\\config.toml",
        "/%5c..%5cconfig.toml",
        "//etc/passwd",
        "/config.toml",
        "/secret.txt",
        "/content/about.md",
        "/etc/passwd",
    ] {
        let response = preview.get(path);
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        let text = response.text();
        assert!(
            !text.contains("do not serve") && !text.contains("base_url") && !text.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn never_writes_the_output_folder() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    site.write("content/about.md", &page("من نحن", "نص معدل"));
    events.expect("reload");
    drop(preview);
    assert!(!site.path("public").exists(), "serve wrote public/");
}

#[test]
fn edits_reload_open_pages_for_every_way_of_saving() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");

    // Written in place.
    site.write("content/about.md", &page("من نحن", "تعديل في المكان"));
    events.expect("reload");
    assert!(preview.get("/about/").text().contains("تعديل في المكان"));

    // Written to a temporary file, then renamed over the original.
    site.write("content/.about.md.tmp", &page("من نحن", "حفظ عبر ملف مؤقت"));
    std::fs::rename(
        site.path("content/.about.md.tmp"),
        site.path("content/about.md"),
    )
    .unwrap();
    events.expect("reload");
    assert!(preview.get("/about/").text().contains("حفظ عبر ملف مؤقت"));

    // Deleted, then created again.
    site.remove("content/about.md");
    std::thread::sleep(Duration::from_millis(5));
    site.write("content/about.md", &page("من نحن", "حذف ثم إنشاء"));
    preview.wait_for("/about/", "recreated page", |r| {
        r.text().contains("حذف ثم إنشاء")
    });

    // A burst of saves ends with the last one shown.
    for i in 0..15 {
        site.write(
            "content/about.md",
            &page("من نحن", &format!("حفظة رقم {i}")),
        );
    }
    preview.wait_for("/about/", "last save of a burst", |r| {
        r.text().contains("حفظة رقم 14")
    });

    // A new file, a deleted file.
    site.write("content/new.en.md", &page("New", "Brand new page"));
    preview.wait_for("/en/new/", "new page", |r| {
        r.status == 200 && r.text().contains("Brand new page")
    });
    site.remove("content/new.en.md");
    preview.wait_for("/en/new/", "deleted page", |r| r.status == 404);

    // A renamed folder.
    site.write(
        "content/reports/_index.md",
        "+++\ntitle = \"تقارير\"\n+++\n",
    );
    site.write(
        "content/reports/geneva/index.md",
        &page("جنيف", "تقرير جنيف"),
    );
    preview.wait_for("/reports/geneva/", "bundle", |r| r.status == 200);
    std::fs::rename(
        site.path("content/reports"),
        site.path("content/publications"),
    )
    .unwrap();
    preview.wait_for("/publications/geneva/", "renamed folder", |r| {
        r.status == 200 && r.text().contains("تقرير جنيف")
    });
    assert_eq!(preview.get("/reports/geneva/").status, 404);
}

#[test]
fn stylesheet_changes_swap_css_without_reload() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    site.write("static/style.css", "body { color: navy }");
    events.expect("css");
    assert!(preview.get("/style.css").text().contains("navy"));
    site.write("content/about.md", &page("من نحن", "x"));
    events.expect("reload");
}

#[test]
fn a_broken_save_shows_the_error_until_fixed() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");

    site.write(
        "content/about.en.md",
        "+++\ntitel = \"About\"\n+++\nBroken\n",
    );
    let report = events.expect("build-error");
    assert!(report.contains("content/about.en.md:2:1"), "{report}");
    assert!(report.contains("did you mean `title`"), "{report}");
    // The last good page is still served, and a page opened now learns of the error at once.
    assert!(preview.get("/en/about/").text().contains("First text"));
    let mut late = preview.events();
    let hello = late.expect("hello");
    assert!(hello.contains("content/about.en.md:2:1"), "{hello}");

    // Saving the same broken file again does not print the error twice.
    site.write(
        "content/about.en.md",
        "+++\ntitel = \"About\"\n+++\nBroken \n",
    );
    events.expect("build-error");
    site.write("content/about.en.md", &page("About", "Fixed text"));
    events.expect("reload");
    assert!(preview.get("/en/about/").text().contains("Fixed text"));
    let hello = preview.events().expect("hello");
    assert!(hello.contains("\"error\":null"), "{hello}");
    let stderr = preview.stderr.lock().unwrap().clone();
    assert_eq!(
        stderr.matches("content/about.en.md:2:1").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_broken_template_is_reported_and_fixed() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock content %}",
    );
    let report = events.expect("build-error");
    assert!(report.contains("templates/page.html:1:"), "{report}");
    site.remove("templates/page.html");
    events.expect("reload");
}

/// Page values leave out what no template reads (`translations` on every page is costly on
/// a large site); a template saved that starts reading it must see it at once.
#[test]
fn a_template_that_starts_reading_a_field_sees_it() {
    let site = site_with_pages();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=langs>none</p>{% endblock content %}",
    );
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    assert!(preview.get("/en/about/").text().contains("none"));
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=langs>\
         {% for t in page.translations %}[{{ t.lang }}]{% endfor %}</p>{% endblock content %}",
    );
    events.expect("reload");
    let text = preview.get("/en/about/").text();
    assert!(text.contains("[ar][en]"), "{text}");
}

#[test]
fn a_data_file_a_template_loads_is_read_again_when_it_changes() {
    let site = site_with_pages();
    site.write("data/office.toml", "city = \"Gaza\"\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\
         {% set office = load_data(path=\"data/office.toml\") %}\
         <p id=city>{{ office.city }}</p>{% endblock content %}",
    );
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");
    assert!(preview.get("/en/about/").text().contains("Gaza"));
    site.write("data/office.toml", "city = \"Ramallah\"\n");
    events.expect("reload");
    let text = preview.get("/en/about/").text();
    assert!(text.contains("Ramallah"), "{text}");
    // A save that renders only another page keeps the file watched for the pages kept.
    site.write("content/عن-الموقع.md", &page("عن الموقع", "نص آخر"));
    events.expect("reload");
    site.write("data/office.toml", "city = \"Nablus\"\n");
    events.expect("reload");
    let text = preview.get("/en/about/").text();
    assert!(text.contains("Nablus"), "{text}");
}

#[test]
fn one_page_edit_renders_only_what_depends_on_it() {
    let site = Site::new();
    site.write("content/news/_index.md", "+++\ntitle = \"أخبار\"\n+++\n");
    for i in 0..30 {
        site.write(
            &format!("content/news/n{i}.md"),
            &page(&format!("خبر {i}"), "نص"),
        );
        site.write(
            &format!("content/other/o{i}.md"),
            &page(&format!("أخرى {i}"), "نص"),
        );
    }
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    events.expect("hello");

    // Only the body changed (same word count, which lists may show): just that page.
    site.write("content/news/n3.md", &page("خبر 3", "كلام"));
    events.expect("reload");
    let line = preview.wait_for_output("a rebuild of n3", |l| {
        l.starts_with("Rebuilt") && l.contains("n3.md")
    });
    assert!(line.contains("(1 pages rendered again)"), "{line}");

    // The title changed: the page, its section's list, and the home page that lists the root.
    site.write("content/news/n4.md", &page("عنوان جديد", "نص"));
    events.expect("reload");
    assert!(preview.get("/news/").text().contains("عنوان جديد"));
    let last = preview.wait_for_output("a rebuild of n4", |l| {
        l.starts_with("Rebuilt") && l.contains("n4.md")
    });
    let rendered: usize = last
        .split('(')
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((2..=4).contains(&rendered), "{last}");
}

#[test]
fn concurrent_readers_never_see_a_torn_page() {
    let site = site_with_pages();
    let long_body = |marker: &str| {
        format!(
            "{}\n",
            (0..400).map(|_| marker).collect::<Vec<_>>().join(" ")
        )
    };
    site.write("content/about.md", &page("من نحن", &long_body("ألف")));
    let preview = std::sync::Arc::new(Preview::start(site.root()));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..6)
        .map(|_| {
            let preview = preview.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut seen = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let text = preview.get("/about/").text();
                    let a = text.contains("ألف");
                    let b = text.contains("باء");
                    assert!(a != b && text.trim_end().ends_with("</html>"), "torn page");
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for i in 0..10 {
        let marker = if i % 2 == 0 { "باء" } else { "ألف" };
        site.write("content/about.md", &page("من نحن", &long_body(marker)));
        preview.wait_for("/about/", "edit", |r| r.text().contains(marker));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let total: usize = readers.into_iter().map(|r| r.join().unwrap()).sum();
    assert!(total > 20, "readers made only {total} requests");
}

#[test]
fn a_port_in_use_is_explained() {
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let run = common::run(&[
        "serve",
        "--root",
        site.root().to_str().unwrap(),
        "--port",
        &preview.port.to_string(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already in use") && run.stderr.contains("--port"),
        "{}",
        run.stderr
    );
}

/// A file of the site replaced by a link to somewhere outside while the preview runs: the
/// rebuild fails, as it should, and the address that served the file serves nothing outside.
#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_link_outside_is_not_served() {
    let site = site_with_pages();
    site.write("content/about/index.md", &page("من نحن", "النص"));
    site.remove("content/about.md");
    site.write("content/about/report.txt", "the report");
    site.write("static/notes.txt", "our notes");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "root:x:0:0 do not serve").unwrap();
    let preview = Preview::start(site.root());
    assert_eq!(preview.get("/about/report.txt").text(), "the report");
    assert_eq!(preview.get("/notes.txt").text(), "our notes");
    let mut events = preview.events();
    events.expect("hello");
    for (file, address) in [
        ("content/about/report.txt", "/about/report.txt"),
        ("static/notes.txt", "/notes.txt"),
    ] {
        // Asked for as soon as the link is there, and again once the rebuild has failed.
        site.remove(file);
        std::os::unix::fs::symlink(&secret, site.path(file)).unwrap();
        for rebuilt in [false, true] {
            if rebuilt {
                events.expect("build-error");
            }
            let response = preview.get(address);
            assert!(
                !response.text().contains("do not serve"),
                "{address} served a file outside the site"
            );
            assert_ne!(response.status, 200, "{address}");
        }
    }
}

/// A browser opens several connections at once for a page's files and keeps them open; a new
/// one must still be answered at once (the preview's server once queued it behind idle ones).
#[test]
fn connections_kept_open_never_hold_up_new_ones() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    let site = site_with_pages();
    let preview = Preview::start(site.root());
    let _events = preview.events();
    let ask = |stream: &mut TcpStream| {
        stream
            .write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
            .unwrap();
        let mut reply = [0u8; 4096];
        let read = stream
            .read(&mut reply)
            .expect("an answer within the timeout");
        assert!(reply[..read].starts_with(b"HTTP/1.1 200"));
    };
    let connect = || {
        let stream = TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(3)))
            .unwrap();
        stream
    };
    for _round in 0..3 {
        // Opened together, each asks once, and all stay open and idle.
        let mut kept: Vec<TcpStream> = (0..12).map(|_| connect()).collect();
        std::thread::scope(|scope| {
            for stream in kept.iter_mut() {
                scope.spawn(|| ask(stream));
            }
        });
        // Asked again on a kept connection, and on a new one.
        ask(&mut kept[0]);
        ask(&mut connect());
    }
}
