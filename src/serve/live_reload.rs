//! Live reload over Server-Sent Events: one long-lived response per open page, fed by a hub
//! that the rebuild loop broadcasts to. Each stream takes its connection from the server
//! (`Reply::Stream`), writes its own headers and flushes every event.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// How often an idle stream sends a comment, so closed tabs are noticed and proxies keep it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// Registers a stream; the first message it gets is `greeting`.
    pub fn subscribe(&self, greeting: String) -> Receiver<String> {
        let (sender, receiver) = channel();
        let _ = sender.send(greeting);
        self.streams.lock().expect("not poisoned").push(sender);
        receiver
    }

    /// Sends an event to every open page; streams whose page has gone are dropped.
    pub fn broadcast(&self, event: &str, data: &str) {
        let message = format_event(event, data);
        self.streams
            .lock()
            .expect("not poisoned")
            .retain(|s| s.send(message.clone()).is_ok());
    }

    pub fn open_streams(&self) -> usize {
        self.streams.lock().expect("not poisoned").len()
    }
}

/// One SSE message; `data` must be a single line (JSON is).
pub fn format_event(event: &str, data: &str) -> String {
    format!("event: {event}\ndata: {}\n\n", data.replace('\n', " "))
}

/// Writes the stream's headers, then its events until the page goes away.
pub fn run_stream(mut writer: Box<dyn Write + Send>, events: Receiver<String>) {
    let headers = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n";
    if writer
        .write_all(headers.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match events.recv_timeout(KEEP_ALIVE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(chunk.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The script added to every page in preview. It reloads on a rebuild, swaps stylesheets when
/// only CSS changed, and shows build errors over the page, in the page's direction, until fixed.
pub const SCRIPT: &str = r#"// Bayan preview: live reload and build errors. Never part of a built site.
(() => {
  "use strict";
  const script = document.currentScript;
  const builtVersion = script ? script.dataset.version : null;
  const root = document.documentElement;
  const lang = (root.lang || "en").split("-")[0];
  const titles = {
    ar: "تعذّر بناء الموقع",
    ckb: "دروستکردنی ماڵپەڕەکە سەرنەکەوت",
    fa: "ساخت وب‌سایت ناموفق بود",
    ku: "Malper nehat avakirin",
    en: "The site could not be built",
  };
  const notes = {
    ar: "تعرض المعاينة آخر نسخة سليمة. أصلِح الخطأ واحفظ الملف، وستُحدَّث الصفحة تلقائيًا.",
    ckb: "پێشبینین دوایین وەشانی دروست پیشان دەدات. هەڵەکە چاک بکە و پاشەکەوتی بکە.",
    ku: "Pêşdîtin guhertoya dawî ya baş nîşan dide. Çewtiyê rast bike û pelê tomar bike; rûpel bi xwe nû dibe.",
    en: "The preview shows the last good version. Fix the problem and save: the page updates by itself.",
  };
  const overlayId = "bayan-build-error";

  function showErrors(report) {
    hideErrors();
    const box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.dir = root.dir || "ltr";
    box.lang = root.lang || "en";
    // A solid panel over the whole page: `all:initial` keeps the page's own styles out (its
    // `div`, `h2`, `pre` rules), the background is opaque so no page text shows through, and
    // a long list scrolls inside the panel. `all` leaves `direction` alone, so `dir` holds.
    box.style.cssText = "all:initial;display:block;position:fixed;inset:0;z-index:2147483647;box-sizing:border-box;overflow:auto;overscroll-behavior:contain;background:#fff;color:#1a1a1a;color-scheme:light;padding:2rem max(1.5rem,calc((100% - 60rem) / 2));font:18px/1.6 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Arabic',sans-serif;text-align:start";
    const heading = document.createElement("h2");
    heading.textContent = titles[lang] || titles.en;
    heading.style.cssText = "all:initial;display:block;margin:0 0 .5rem;color:#b3261e;font:inherit;font-weight:700;font-size:1.5rem;line-height:1.3";
    const note = document.createElement("p");
    note.textContent = notes[lang] || notes.en;
    note.style.cssText = "all:initial;display:block;margin:0 0 1.5rem;color:#333;font:inherit";
    box.append(heading, note);
    for (const problem of report.problems || []) {
      const item = document.createElement("pre");
      item.dir = "ltr";
      item.style.cssText = "all:initial;display:block;white-space:pre-wrap;overflow-wrap:anywhere;text-align:start;background:#f3f3f3;color:#1a1a1a;padding:1rem;border-inline-start:4px solid #b3261e;margin:1rem 0;font:16px/1.6 ui-monospace,Menlo,Consolas,'Noto Sans Mono',monospace;unicode-bidi:plaintext";
      item.textContent = problem.location + ": " + problem.message + (problem.hint ? "\nhint: " + problem.hint : "");
      item.className = "bayan-problem";
      box.append(item);
    }
    document.body.append(box);
  }

  function hideErrors() {
    const old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("bayan-reload", Date.now().toString());
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      link.after(fresh);
    }
  }

  const events = new EventSource("/__bayan/events");
  events.addEventListener("hello", (e) => {
    const state = JSON.parse(e.data);
    if (state.error) showErrors(state.error);
    else if (builtVersion && String(state.version) !== builtVersion) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => { hideErrors(); swapStylesheets(); });
  events.addEventListener("build-error", (e) => showErrors(JSON.parse(e.data)));
  window.bayanPreview = { showErrors, hideErrors };
})();
"#;
