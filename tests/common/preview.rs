//! A running `bayan serve` on a free loopback port, with a minimal HTTP and SSE client, so tests
//! talk to the real server over real sockets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Preview {
    child: Child,
    pub port: u16,
    pub stdout: Arc<Mutex<String>>,
    pub stderr: Arc<Mutex<String>>,
}

pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn collect(stream: impl Read + Send + 'static) -> (Arc<Mutex<String>>, Receiver<String>) {
    let buffer = Arc::new(Mutex::new(String::new()));
    let (sender, receiver) = channel();
    let copy = Arc::clone(&buffer);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            copy.lock().unwrap().push_str(&format!("{line}\n"));
            let _ = sender.send(line);
        }
    });
    (buffer, receiver)
}

impl Preview {
    /// Starts `bayan serve --root ROOT --port 0` and waits for its address.
    pub fn start(root: &Path) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bayan serve starts");
        let (stdout, lines) = collect(child.stdout.take().unwrap());
        let (stderr, _) = collect(child.stderr.take().unwrap());
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            let line = lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| {
                    panic!("no address printed; stderr: {}", stderr.lock().unwrap())
                });
            if let Some(rest) = line.strip_prefix("Serving the site at http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        Preview {
            child,
            port,
            stdout,
            stderr,
        }
    }

    /// Sends a request with the path exactly as given (no client-side normalising).
    pub fn request(&self, method: &str, path: &str) -> HttpResponse {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a full response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        HttpResponse {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    pub fn get(&self, path: &str) -> HttpResponse {
        self.request("GET", path)
    }

    /// Polls `path` until `check` holds for its body, or panics at the deadline.
    #[track_caller]
    pub fn wait_for(
        &self,
        path: &str,
        what: &str,
        check: impl Fn(&HttpResponse) -> bool,
    ) -> HttpResponse {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let response = self.get(path);
            if check(&response) {
                return response;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} at {path}; last status {}; stderr:\n{}",
                response.status,
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the server has printed a line that `check` accepts, and returns it.
    #[track_caller]
    pub fn wait_for_output(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(line) = self.stdout.lock().unwrap().lines().find(|l| check(l)) {
                return line.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "the server never printed {what}:\n{}",
                self.stdout.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__bayan/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        EventStream {
            reader: BufReader::new(stream),
            headers_read: false,
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads Server-Sent Events from a live connection.
pub struct EventStream {
    reader: BufReader<TcpStream>,
    headers_read: bool,
}

impl EventStream {
    /// The next event (name, data), or None when none comes before `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.reader.get_ref().set_read_timeout(Some(left)).unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(_) => return None,
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if !self.headers_read {
                if line.is_empty() {
                    self.headers_read = true;
                }
                continue;
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return Some((name, data));
            }
        }
    }

    /// Waits for an event called `name`, skipping others; panics at the deadline.
    #[track_caller]
    pub fn expect(&mut self, name: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some((n, data)) if n == name => return data,
                Some(_) => continue,
                None => panic!("no `{name}` event within 10 s"),
            }
        }
    }
}
