//! `--external`: one request per distinct link to another site (HEAD, then GET for servers that
//! refuse HEAD), a few at a time, each given 5 seconds. Dead links are warnings: the editor
//! cannot always fix someone else's site. Without a network nothing is reported but that.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

use super::links::Place;
use crate::diagnostics::{Code, Diagnostic};

/// How long one request may take, from connecting to the end of the headers.
const TIMEOUT: Duration = Duration::from_secs(5);
/// Requests in flight at once.
const PARALLEL: usize = 4;

/// Whether links to other sites were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ExternalStatus {
    /// `--external` was not given: no request was made.
    NotRequested,
    Checked {
        urls: usize,
    },
    /// No host could be reached at all: nothing is reported about the links.
    NoNetwork {
        urls: usize,
    },
}

/// What asking for one URL gave.
#[derive(Debug)]
enum Outcome {
    Alive,
    Status(u16),
    /// The host or the network could not be reached.
    Unreachable(String),
    /// Reached, but the answer was unusable (too many redirects, bad TLS, bad address…).
    Failed(String),
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent(concat!("bayan-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    let outcome = |result: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match result {
        Ok(response) => {
            let status = response.status().as_u16();
            if status < 400 {
                Outcome::Alive
            } else {
                Outcome::Status(status)
            }
        }
        Err(e) => match e {
            ureq::Error::HostNotFound => Outcome::Unreachable("its host was not found".into()),
            ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
                Outcome::Unreachable(format!("the connection failed ({e})"))
            }
            ureq::Error::Timeout(_) => Outcome::Unreachable(format!(
                "it did not answer within {} seconds",
                TIMEOUT.as_secs()
            )),
            other => Outcome::Failed(other.to_string()),
        },
    };
    match outcome(agent.head(url).call()) {
        // Some servers refuse or mishandle HEAD: ask again with GET (the body is not read).
        Outcome::Status(_) | Outcome::Failed(_) => outcome(agent.get(url).call()),
        done => done,
    }
}

/// Requests every URL of `links` and reports the dead ones.
pub fn check(links: &BTreeMap<String, Vec<Place>>) -> (ExternalStatus, Vec<Diagnostic>) {
    let urls: Vec<&String> = links.keys().collect();
    if urls.is_empty() {
        return (ExternalStatus::Checked { urls: 0 }, Vec::new());
    }
    let agent = agent();
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(urls.len()));
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(urls.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let outcome = request(&agent, url);
                outcomes.lock().expect("not poisoned").push((i, outcome));
            });
        }
    });
    let mut outcomes = outcomes.into_inner().expect("not poisoned");
    outcomes.sort_by_key(|(i, _)| *i);
    if outcomes
        .iter()
        .all(|(_, o)| matches!(o, Outcome::Unreachable(_)))
    {
        return (ExternalStatus::NoNetwork { urls: urls.len() }, Vec::new());
    }
    let mut findings = Vec::new();
    for (i, outcome) in outcomes {
        let url = urls[i];
        let problem = match outcome {
            Outcome::Alive => continue,
            // Forbidden, needs a login, or too many requests: the page may well be there.
            Outcome::Status(401 | 403 | 429) => continue,
            Outcome::Status(status @ (404 | 410)) => {
                format!("is dead: the site answers {status} ({})", reason(status))
            }
            Outcome::Status(status) => format!("answers {status} ({})", reason(status)),
            Outcome::Unreachable(why) => format!("could not be reached: {why}"),
            Outcome::Failed(why) => format!("could not be read: {why}"),
        };
        let places = &links[url];
        let first = &places[0];
        let also = match places.len() {
            1 => String::new(),
            n => format!(" (also linked from {} other places)", n - 1),
        };
        findings.push(
            Diagnostic::warning(Code::ExternalLink, &first.file, format!("the link {url} {problem}{also}"))
                .at(first.line, 0)
                .with_hint("open it in a browser; if the page moved, link to its new address, or to a copy on web.archive.org"),
        );
    }
    (ExternalStatus::Checked { urls: urls.len() }, findings)
}

fn reason(status: u16) -> &'static str {
    match status {
        404 => "not found",
        410 => "gone",
        400 => "bad request",
        405 => "method not allowed",
        500 => "server error",
        502 => "bad gateway",
        503 => "service unavailable",
        504 => "gateway timeout",
        _ if status >= 500 => "server error",
        _ => "client error",
    }
}
