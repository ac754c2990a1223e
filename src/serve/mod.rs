//! `bayan serve`: the editor's preview. Renders the site into memory (never into the output
//! folder), serves it over HTTP on loopback, watches the site's folders, rebuilds only what a
//! save touches, and tells open pages to reload, or shows them the build error until it is fixed.

pub mod http;
pub mod live_reload;
pub mod pipeline;
pub mod server;
pub mod watch;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use serde_json::json;

use crate::build::{BuildOptions, RenderedSite};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::Contents;
use crate::render::RenderOptions;
use http::{content_type, inject_live_reload, route, Route, Served};
use live_reload::{format_event, Hub};
use pipeline::Pipeline;
use server::{Method, Reply, Request, Response, Server};

/// Where forms post when signups are tried out locally; the language code follows.
const SIGNUP_ENDPOINT: &str = "/__bayan/signup/";
/// The preview-only page listing the submissions recorded locally.
const SIGNUPS_PAGE: &str = "/__bayan/signups";
/// Where submissions tried out locally are kept, inside the site's cache folder.
pub const SIGNUPS_FILE: &str = "signups.jsonl";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    /// Send signup forms to the preview, which records them, instead of to the provider.
    pub try_signup: bool,
}

/// One consistent version of the site: a request sees one snapshot from start to end.
struct Snapshot {
    /// Version of the last good build; pages carry it so a stale page knows to reload.
    version: u64,
    files: HashMap<String, Served>,
    /// The problems of the last build, when it failed (the files are then the last good ones).
    error: Option<serde_json::Value>,
    /// Language codes that have their own URL prefix.
    prefixed_languages: Vec<String>,
    /// The signup forms, and each language's home URL, for trying signups out.
    signup: Option<crate::config::signup::Signup>,
    language_urls: HashMap<String, String>,
    /// The site's folder, resolved: a file is served only while it is still inside it.
    root: Arc<Path>,
}

struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    hub: Hub,
    /// Set when signups are tried out: the file submissions are appended to.
    signups_file: Option<PathBuf>,
    /// One submission is written at a time, so lines never interleave.
    signups_lock: std::sync::Mutex<()>,
}

/// Starts the preview and blocks. Errors that prevent starting are returned.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let root = options.root.canonicalize().map_err(|e| {
        Diagnostic::error(
            Code::Serve,
            &options.root,
            format!("cannot open the site folder: {e}"),
        )
        .with_hint("pass the folder that holds config.toml with --root")
    })?;
    let ip = interface_ip(&options.interface)?;
    let server = listen(ip, options.port)?;
    let url = server_url(&server);
    let pipeline = preview_pipeline(&root, &url, &options);
    let state = Arc::new(State::new(&root, options.try_signup));
    // Watch before the first render: a save made while it runs, or just after the address is
    // printed, must not be missed.
    let (mut watcher, events) = watch::watch(&root).map_err(|e| {
        Diagnostic::error(
            Code::Serve,
            &options.root,
            format!("cannot watch the site's files: {e}"),
        )
        .with_hint("on Linux, raise fs.inotify.max_user_watches")
    })?;
    let mut preview = Preview {
        root,
        pipeline,
        state: Arc::clone(&state),
        last_said: String::new(),
    };
    let started = Instant::now();
    let languages = preview.render_first();
    announce(&url, ip, &state, &languages, started);
    let answering = Arc::clone(&state);
    server.start(move |request| handle(request, &answering));
    if options.open {
        open_browser(&url);
    }
    while let Some(batch) = watch::next_batch(&preview.root, &events, &mut watcher) {
        preview.rebuild(&batch);
    }
    Ok(())
}

/// The address `--interface` names.
fn interface_ip(interface: &str) -> Result<IpAddr, Diagnostic> {
    interface.parse().map_err(|_| {
        Diagnostic::error(
            Code::Serve,
            "--interface",
            format!("`{interface}` is not an IP address"),
        )
        .with_hint("use 127.0.0.1 (this computer only) or 0.0.0.0 (every network interface)")
    })
}

/// Listens on `ip:port`, saying what to do when the port is taken.
fn listen(ip: IpAddr, port: u16) -> Result<Server, Diagnostic> {
    Server::bind(ip, port).map_err(|e| {
        if e.kind() == ErrorKind::AddrInUse {
            Diagnostic::error(
                Code::Serve,
                "--port",
                format!("port {port} on {ip} is already in use (is another preview running?)"),
            )
            .with_hint(format!(
                "choose another port, e.g. bayan serve --port {}",
                port.wrapping_add(1).max(1024)
            ))
        } else {
            Diagnostic::error(
                Code::Serve,
                "--port",
                format!("cannot listen on {ip}:{port}: {e}"),
            )
            .with_hint("try another --port, or --interface 127.0.0.1")
        }
    })
}

/// The address the preview answers at (`http://127.0.0.1:1111/`).
fn server_url(server: &Server) -> String {
    let address = server.local_addr().expect("a bound socket has an address");
    let host = match address.ip() {
        IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    format!("http://{host}:{}/", address.port())
}

/// The build as the preview runs it: absolute URLs to `url`, never minified.
fn preview_pipeline(root: &Path, url: &str, options: &ServeOptions) -> Pipeline {
    Pipeline::new(
        BuildOptions {
            root: root.to_path_buf(),
            base_url: Some(url.trim_end_matches('/').to_string()),
            output_dir: None,
            drafts: options.drafts,
            // The preview never minifies (RenderOptions::preview).
            no_minify: true,
        },
        RenderOptions {
            absolute_urls: true,
            signup_endpoint: options.try_signup.then(|| SIGNUP_ENDPOINT.to_string()),
            preview: true,
            keep_going: false,
            assets: Default::default(),
        },
    )
}

impl State {
    /// Nothing served yet; `try_signup` records submissions in the site's cache folder.
    fn new(root: &Path, try_signup: bool) -> State {
        State {
            snapshot: RwLock::new(Arc::new(Snapshot {
                version: 0,
                files: HashMap::new(),
                error: None,
                prefixed_languages: Vec::new(),
                signup: None,
                language_urls: HashMap::new(),
                root: Arc::from(root.canonicalize().unwrap_or_else(|_| root.to_path_buf())),
            })),
            hub: Hub::default(),
            signups_file: try_signup.then(|| root.join(crate::media::CACHE_DIR).join(SIGNUPS_FILE)),
            signups_lock: std::sync::Mutex::new(()),
        }
    }
}

/// Says where the preview is and what it serves.
fn announce(url: &str, ip: IpAddr, state: &State, languages: &[String], started: Instant) {
    println!(
        "Serving the site at {url} ({}) in {} ms",
        if languages.is_empty() {
            "not built yet".to_string()
        } else {
            languages.join(", ")
        },
        started.elapsed().as_millis()
    );
    if !ip.is_loopback() {
        println!("Note: {ip} is reachable from other computers on your network.");
    }
    if let Some(file) = &state.signups_file {
        println!(
            "Signup forms post to this preview: submissions go to {} and show at {url}{}",
            file.display(),
            SIGNUPS_PAGE.trim_start_matches('/')
        );
    }
    println!("Press Ctrl+C to stop.");
}

/// The build side of the preview: renders the site and makes each result the served one.
struct Preview {
    root: PathBuf,
    pipeline: Pipeline,
    state: Arc<State>,
    /// The text of the last problems printed (a build's errors, or its warnings), so that
    /// unchanged ones are not printed again on every save.
    last_said: String,
}

impl Preview {
    /// Renders the site for the first time; returns its language codes, none if it failed.
    fn render_first(&mut self) -> Vec<String> {
        let first = self.pipeline.render();
        let languages = match &first {
            Ok(site) => site
                .config
                .languages
                .iter()
                .map(|l| l.code.clone())
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        };
        apply(&self.state, first, &mut self.last_said, None);
        languages
    }

    /// Renders again what `batch` touched, serves the result and tells open pages.
    fn rebuild(&mut self, batch: &watch::Batch) {
        let state = &self.state;
        self.pipeline.invalidate(batch.change);
        let started = Instant::now();
        let result = self.pipeline.render();
        let ok = result.is_ok();
        let previous_failed = state.snapshot.read().expect("not poisoned").error.is_some();
        apply(state, result, &mut self.last_said, Some(batch));
        if ok {
            let changed: Vec<String> = batch
                .paths
                .iter()
                .map(|p| {
                    p.strip_prefix(&self.root)
                        .unwrap_or(p)
                        .display()
                        .to_string()
                })
                .collect();
            println!(
                "Rebuilt in {} ms ({} pages rendered again): {}",
                started.elapsed().as_millis(),
                self.pipeline.last_rendered(),
                changed.join(", ")
            );
            let version = state.snapshot.read().expect("not poisoned").version;
            let event = if batch.css_only && !previous_failed {
                "css"
            } else {
                "reload"
            };
            state
                .hub
                .broadcast(event, &json!({ "version": version }).to_string());
        }
    }
}

/// Makes a render's result the served site, or keeps the last good site and shows the error.
fn apply(
    state: &State,
    result: Result<RenderedSite, Diagnostics>,
    last_said: &mut String,
    batch: Option<&watch::Batch>,
) {
    let current = Arc::clone(&state.snapshot.read().expect("not poisoned"));
    let next = match result {
        Ok(site) => {
            let warnings: String = site.problems.warnings().map(|w| format!("{w}\n")).collect();
            if *last_said != warnings {
                eprint!("{warnings}");
            }
            *last_said = warnings;
            let prefixed_languages = site
                .config
                .languages
                .iter()
                .filter(|l| !l.is_default)
                .map(|l| l.code.clone())
                .collect();
            let files = site
                .files
                .into_iter()
                .map(|f| {
                    let served = match f.contents {
                        Contents::Bytes(bytes) => Served::Bytes(bytes),
                        Contents::CopyOf(path) => Served::File(path),
                    };
                    (f.path.to_string_lossy().replace('\\', "/"), served)
                })
                .collect();
            Snapshot {
                version: current.version + 1,
                files,
                error: None,
                prefixed_languages,
                signup: site.config.signup.clone(),
                language_urls: site
                    .config
                    .languages
                    .iter()
                    .map(|l| (l.code.clone(), l.url.clone()))
                    .collect(),
                root: Arc::clone(&current.root),
            }
        }
        Err(problems) => {
            let text = problems.to_string();
            if *last_said != text {
                eprint!("{text}");
                let count = problems.errors().count();
                eprintln!(
                    "Build failed with {count} error{}; the preview keeps showing the last good version.",
                    if count == 1 { "" } else { "s" }
                );
                *last_said = text;
            }
            let report = error_report(&problems);
            Snapshot {
                version: current.version,
                files: current.files.clone(),
                error: Some(report),
                prefixed_languages: current.prefixed_languages.clone(),
                signup: current.signup.clone(),
                language_urls: current.language_urls.clone(),
                root: Arc::clone(&current.root),
            }
        }
    };
    let error = next.error.clone();
    *state.snapshot.write().expect("not poisoned") = Arc::new(next);
    // Told only once the snapshot holds the error, so a page that connects on hearing it
    // is greeted with the same error.
    if let (Some(report), Some(_)) = (error, batch) {
        state.hub.broadcast("build-error", &report.to_string());
    }
}

/// The problems as the overlay shows them.
fn error_report(problems: &Diagnostics) -> serde_json::Value {
    let problems: Vec<serde_json::Value> = problems
        .errors()
        .map(|d| json!({ "location": d.location(), "message": d.message, "hint": d.hint }))
        .collect();
    json!({ "problems": problems })
}

/// A whole response, never cached: the preview's files change with every save.
fn respond(
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: Option<(&'static str, String)>,
) -> Reply {
    let mut headers = vec![
        ("Content-Type", content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    headers.extend(extra);
    Reply::Response(Response {
        status,
        headers,
        body,
    })
}

fn handle(request: Request, state: &State) -> Reply {
    if let (Method::Post, Some(file)) = (&request.method, &state.signups_file) {
        if let Some(lang) = request
            .target
            .strip_prefix(SIGNUP_ENDPOINT)
            .map(|l| l.split('?').next().unwrap_or("").to_string())
        {
            let snapshot = Arc::clone(&state.snapshot.read().expect("not poisoned"));
            let location = try_signup(&request, &snapshot, &lang, file, &state.signups_lock);
            return respond(
                303,
                "text/plain; charset=utf-8",
                format!("See {location}\n").into_bytes(),
                Some(("Location", location)),
            );
        }
    }
    if !matches!(&request.method, Method::Get | Method::Head) {
        return respond(
            405,
            "text/plain; charset=utf-8",
            b"Only GET and HEAD are served.\n".to_vec(),
            Some(("Allow", "GET, HEAD".to_string())),
        );
    }
    let path = request.target.split('?').next().unwrap_or("").to_string();
    let snapshot = Arc::clone(&state.snapshot.read().expect("not poisoned"));
    match path.as_str() {
        "/__bayan/live-reload.js" => {
            return respond(
                200,
                "text/javascript; charset=utf-8",
                live_reload::SCRIPT.as_bytes().to_vec(),
                None,
            )
        }
        SIGNUPS_PAGE if state.signups_file.is_some() => {
            let records = state
                .signups_file
                .as_ref()
                .and_then(|f| std::fs::read_to_string(f).ok())
                .unwrap_or_default();
            return respond(
                200,
                "text/html; charset=utf-8",
                signups_page(&records).into_bytes(),
                None,
            );
        }
        "/__bayan/events" => {
            let hello = json!({ "version": snapshot.version, "error": snapshot.error });
            let events = state
                .hub
                .subscribe(format_event("hello", &hello.to_string()));
            return Reply::Stream(Box::new(move |connection| {
                live_reload::run_stream(Box::new(connection), events)
            }));
        }
        _ => {}
    }
    match route(
        &request.target,
        &snapshot.files,
        &snapshot.prefixed_languages,
    ) {
        Route::File(rel) => match read(&snapshot, &snapshot.files[&rel]) {
            Some(bytes) => {
                let kind = content_type(&rel);
                let body = if kind.starts_with("text/html") {
                    inject_live_reload(&bytes, snapshot.version)
                } else {
                    bytes.to_vec()
                };
                respond(200, kind, body, None)
            }
            None => not_found(&snapshot, None),
        },
        Route::Redirect(location) => respond(
            301,
            "text/plain; charset=utf-8",
            format!("Moved to {location}\n").into_bytes(),
            Some(("Location", location)),
        ),
        Route::NotFound { lang } => not_found(&snapshot, lang.as_deref()),
        Route::BadRequest => respond(
            400,
            "text/plain; charset=utf-8",
            b"Bad request: that path cannot be part of the site.\n".to_vec(),
            None,
        ),
    }
}

/// Handles a signup posted to the preview: checks it as the provider would, records accepted
/// ones (on disk before answering), and says where to send the browser next.
fn try_signup(
    request: &Request,
    snapshot: &Snapshot,
    lang: &str,
    file: &std::path::Path,
    lock: &std::sync::Mutex<()>,
) -> String {
    let home = snapshot
        .language_urls
        .get(lang)
        .cloned()
        .unwrap_or_else(|| "/".into());
    let page = |outcome: &str| crate::config::signup::result_path(&home, outcome);
    let Some(form) = snapshot.signup.as_ref().and_then(|s| s.forms.get(lang)) else {
        return page("error");
    };
    // Forms are small (the server refuses large bodies) and UTF-8.
    let Ok(body) = std::str::from_utf8(&request.body) else {
        return page("error");
    };
    let fields = http::parse_form(body);
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    // A filled honeypot is a bot: it is told all went well, and nothing is kept.
    if form
        .honeypot
        .as_deref()
        .and_then(value)
        .is_some_and(|v| !v.trim().is_empty())
    {
        return page("thanks");
    }
    let email = value(&form.email).unwrap_or("").trim();
    if !crate::config::signup::plausible_email(email) {
        return page("error");
    }
    let record = json!({
        "received": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        "language": lang,
        "provider": form.provider,
        "would_post_to": form.action,
        "fields": fields
            .iter()
            .filter(|(k, _)| Some(k.as_str()) != form.honeypot.as_deref())
            .map(|(k, v)| json!([k, v]))
            .collect::<Vec<_>>(),
    });
    let _guard = lock.lock().expect("not poisoned");
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| {
            let mut out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)?;
            std::io::Write::write_all(&mut out, format!("{record}\n").as_bytes())?;
            // On disk before the browser hears it worked: a submission is never lost.
            out.sync_data()
        });
    match written {
        Ok(()) => page("thanks"),
        Err(e) => {
            eprintln!("Could not record the signup in {}: {e}", file.display());
            page("error")
        }
    }
}

/// The preview-only page of recorded submissions.
fn signups_page(records: &str) -> String {
    let rows: String = records
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|r| {
            let fields = r["fields"]
                .as_array()
                .map(|f| {
                    f.iter()
                        .map(|kv| {
                            format!(
                                "{}={}",
                                kv[0].as_str().unwrap_or(""),
                                kv[1].as_str().unwrap_or("")
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td dir=\"ltr\">{}</td></tr>",
                crate::html::escape_html(r["language"].as_str().unwrap_or("")),
                crate::html::escape_html(r["provider"].as_str().unwrap_or("")),
                crate::html::escape_html(r["would_post_to"].as_str().unwrap_or("")),
                crate::html::escape_html(&fields)
            )
        })
        .collect();
    let count = records.lines().filter(|l| !l.trim().is_empty()).count();
    format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Signups tried out in the preview</title>\
         <body><h1>Signups tried out in the preview</h1><p>{count} recorded. They were not sent to the provider; \
         a built site posts to it directly.</p><table><thead><tr><th>Language</th><th>Provider</th><th>Would post to</th><th>Fields</th></tr></thead>\
         <tbody>{rows}</tbody></table></body></html>"
    )
}

/// The bytes of a served file. A file of the site is read when asked for, and only if it is
/// still inside the site: replaced by a link to somewhere else after the last good build, it
/// is not served.
fn read(snapshot: &Snapshot, served: &Served) -> Option<Arc<[u8]>> {
    match served {
        Served::Bytes(bytes) => Some(Arc::clone(bytes)),
        Served::File(path) if crate::source::stays_inside(&snapshot.root, path) => {
            std::fs::read(path).ok().map(Arc::from)
        }
        Served::File(_) => None,
    }
}

/// The site's own 404 page for the language of the path, else the default language's, else a
/// plain one (which still shows build errors).
fn not_found(snapshot: &Snapshot, lang: Option<&str>) -> Reply {
    let candidates = lang
        .map(|l| format!("{l}/404.html"))
        .into_iter()
        .chain(["404.html".to_string()]);
    let page = candidates
        .filter_map(|c| snapshot.files.get(&c))
        .find_map(|served| read(snapshot, served))
        .map(|b| b.to_vec())
        .unwrap_or_else(|| {
            b"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><body><h1>Not found</h1><p>There is no page at this address.</p></body></html>".to_vec()
        });
    let body = inject_live_reload(&page, snapshot.version);
    respond(404, "text/html; charset=utf-8", body, None)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        println!("Could not open a browser; open {url} yourself.");
    }
}
