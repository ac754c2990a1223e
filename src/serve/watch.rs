//! Watching the site's folders: editors save in many ways (in place, to a temporary file then
//! renamed over, delete then recreate, bursts of saves), so events are only a signal that
//! something under a path changed. They are gathered until the folder is quiet for a moment,
//! then classified by what they can affect.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::serve::pipeline::Change;

/// Folders of a site whose changes matter, watched recursively (`data/` for the files
/// templates load with `load_data`).
pub const WATCHED_DIRS: &[&str] = &[
    "content",
    "static",
    "sass",
    "templates",
    "themes",
    "i18n",
    "data",
];

/// After the first event, wait until this long passes without another…
const QUIET: Duration = Duration::from_millis(20);
/// …but never longer than this in total, so a constant stream of saves still rebuilds.
const MAX_WAIT: Duration = Duration::from_millis(300);

/// What a batch of file events means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub change: Change,
    /// Only stylesheets changed: pages can swap them without reloading.
    pub css_only: bool,
    pub paths: Vec<PathBuf>,
    /// When the first event of the batch arrived.
    pub first_event: Instant,
}

/// Starts watching `root`; events arrive on the returned channel.
pub fn watch(root: &Path) -> notify::Result<(RecommendedWatcher, Receiver<notify::Result<Event>>)> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })?;
    // The root itself, not recursively: config.toml, and folders created later.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok((watcher, receiver))
}

/// Blocks until a batch of relevant changes has arrived and settled; `None` when the watcher
/// has stopped. Newly created site folders are added to `watcher`.
pub fn next_batch(
    root: &Path,
    events: &Receiver<notify::Result<Event>>,
    watcher: &mut RecommendedWatcher,
) -> Option<Batch> {
    loop {
        let first = events.recv().ok()?;
        let first_event = Instant::now();
        let mut paths = relevant_paths(root, first);
        let deadline = first_event + MAX_WAIT;
        loop {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            match events.recv_timeout(QUIET.min(deadline - now)) {
                Ok(event) => paths.extend(relevant_paths(root, event)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            continue;
        }
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if paths.contains(&path) && path.is_dir() {
                let _ = watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
        return Some(classify(root, paths, first_event));
    }
}

fn relevant_paths(root: &Path, event: notify::Result<Event>) -> Vec<PathBuf> {
    let Ok(event) = event else {
        // The watcher lost track (e.g. too many events): rebuild everything to be safe.
        return vec![root.join(crate::config::CONFIG_FILE)];
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter(|p| is_relevant(root, p))
        .collect()
}

/// Editor droppings (swap and backup files) and anything outside the site's own folders
/// never trigger a rebuild.
fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with('#')
        || name == "4913"
    {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match first.as_deref() {
        Some(crate::config::CONFIG_FILE) => true,
        Some(dir) => WATCHED_DIRS.contains(&dir),
        None => false,
    }
}

fn classify(root: &Path, paths: Vec<PathBuf>, first_event: Instant) -> Batch {
    let change = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match parts.first().map(String::as_str) {
                Some(crate::config::CONFIG_FILE) => Change::Config,
                Some("templates") | Some("i18n") => Change::Templates,
                Some("themes")
                    if parts
                        .get(2)
                        .is_some_and(|p| p == "templates" || p == "i18n") =>
                {
                    Change::Templates
                }
                Some("themes") if parts.len() <= 2 => Change::Templates,
                _ => Change::Content,
            }
        })
        .max()
        .unwrap_or(Change::Content);
    let css_only = change == Change::Content
        && paths.iter().all(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            let in_folder = |name: &str| {
                rel.starts_with(name)
                    || (rel.starts_with("themes")
                        && rel
                            .components()
                            .nth(2)
                            .is_some_and(|c| c.as_os_str() == name))
            };
            let extension = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
            (in_folder("static") && extension == "css")
                || (in_folder(crate::publish::sass::SASS_DIR)
                    && matches!(extension, "scss" | "sass"))
        });
    Batch {
        change,
        css_only,
        paths,
        first_event,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(paths: &[&str]) -> Batch {
        let root = Path::new("/site");
        classify(
            root,
            paths.iter().map(|p| root.join(p)).collect(),
            Instant::now(),
        )
    }

    #[test]
    fn classifies_by_what_a_change_can_affect() {
        assert_eq!(batch(&["content/a.md"]).change, Change::Content);
        assert_eq!(
            batch(&["content/a.md", "templates/page.html"]).change,
            Change::Templates
        );
        assert_eq!(
            batch(&["themes/bayan/i18n/ar.ftl"]).change,
            Change::Templates
        );
        assert_eq!(
            batch(&["themes/bayan/static/style.css"]).change,
            Change::Content
        );
        assert_eq!(
            batch(&["config.toml", "content/a.md"]).change,
            Change::Config
        );
        assert!(batch(&["static/style.css", "themes/bayan/static/x.css"]).css_only);
        assert!(!batch(&["static/style.css", "content/a.md"]).css_only);
        assert!(!batch(&["static/logo.svg"]).css_only);
        assert!(batch(&["sass/_vars.scss", "themes/t/sass/main.sass"]).css_only);
        assert!(!batch(&["sass/notes.txt"]).css_only);
        assert!(!batch(&["content/x.scss"]).css_only);
    }

    #[test]
    fn ignores_editor_files_and_other_folders() {
        let root = Path::new("/site");
        assert!(is_relevant(root, &root.join("content/a.md")));
        assert!(is_relevant(root, &root.join("config.toml")));
        assert!(!is_relevant(root, &root.join("content/.a.md.swp")));
        assert!(!is_relevant(root, &root.join("content/a.md~")));
        assert!(!is_relevant(root, &root.join("public/index.html")));
        assert!(!is_relevant(root, &root.join("target/debug/x")));
        assert!(!is_relevant(root, &root.join(".git/index")));
    }
}
