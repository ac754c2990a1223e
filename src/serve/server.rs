//! The preview's HTTP/1.1 server: a thread per connection, keep-alive with an idle limit, and
//! connections that an event stream takes over. Written here rather than taken from a crate
//! because the one used before queued a browser's new connection behind idle keep-alive ones
//! (its thread pool counted a thread as free before it took work), so a page's seventh file
//! could wait minutes for a socket to close. The preview serves one editor on loopback: a
//! thread per connection costs nothing there and cannot stall.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How long a kept-alive connection may sit idle before the server closes it.
const IDLE: Duration = Duration::from_secs(20);
/// Request line and headers together: anything longer is not a browser asking for a page.
const MAX_HEAD: usize = 64 * 1024;
/// Bodies are small forms (signups): anything larger is refused.
const MAX_BODY: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Other(String),
}

/// A request as the preview needs it: method, target (path and query, as sent) and body.
#[derive(Debug)]
pub struct Request {
    pub method: Method,
    pub target: String,
    pub body: Vec<u8>,
}

/// A complete response: `Content-Length` and `Connection` are added when it is written.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// What a handler answers: a response, or the connection itself for a long-lived stream,
/// which then writes its own status line and headers.
pub enum Reply {
    Response(Response),
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

pub struct Server {
    listener: TcpListener,
}

impl Server {
    pub fn bind(ip: IpAddr, port: u16) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind((ip, port))?,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers every connection on a thread of its own with `handler`; returns at once.
    pub fn start<H>(self, handler: H)
    where
        H: Fn(Request) -> Reply + Send + Sync + 'static,
    {
        let handler = Arc::new(handler);
        thread::spawn(move || {
            for stream in self.listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                thread::spawn(move || serve_connection(stream, handler.as_ref()));
            }
        });
    }
}

/// Reads requests from one connection and answers them in order until either side closes it.
fn serve_connection(stream: TcpStream, handler: &(dyn Fn(Request) -> Reply + Send + Sync)) {
    let _ = stream.set_nodelay(true);
    if stream.set_read_timeout(Some(IDLE)).is_err() {
        return;
    }
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut writer = stream;
    loop {
        let (request, keep_alive) = match read_request(&mut reader) {
            Ok(Some(read)) => read,
            // Closed, idle too long, or broken: nothing to answer.
            Ok(None) | Err(Failure::Io) => return,
            Err(Failure::Refused(status, why)) => {
                let response = Response {
                    status,
                    headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
                    body: format!("{why}\n").into_bytes(),
                };
                let _ = write_response(&mut writer, &response, false, false);
                return;
            }
        };
        let head_only = request.method == Method::Head;
        match handler(request) {
            Reply::Response(response) => {
                if write_response(&mut writer, &response, head_only, keep_alive).is_err()
                    || !keep_alive
                {
                    return;
                }
            }
            Reply::Stream(stream) => return stream(writer),
        }
    }
}

enum Failure {
    Io,
    Refused(u16, &'static str),
}

impl From<io::Error> for Failure {
    fn from(_: io::Error) -> Failure {
        Failure::Io
    }
}

/// The next request on the connection and whether the connection stays open after it;
/// `None` when the client closed the connection between requests.
fn read_request(reader: &mut impl BufRead) -> Result<Option<(Request, bool)>, Failure> {
    let mut head_bytes = 0;
    let mut line = String::new();
    // Browsers may send an empty line between requests; it is skipped.
    while line.trim().is_empty() {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        head_bytes += line.len();
        if head_bytes > MAX_HEAD {
            return Err(Failure::Refused(431, "Request header too large."));
        }
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Failure::Refused(400, "Bad request line."));
    };
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        other => Method::Other(other.to_string()),
    };
    let target = target.to_string();
    let mut keep_alive = version == "HTTP/1.1";
    let mut length = 0usize;
    let mut expects_continue = false;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(Failure::Io);
        }
        head_bytes += line.len();
        if head_bytes > MAX_HEAD {
            return Err(Failure::Refused(431, "Request header too large."));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(Failure::Refused(400, "Bad header line."));
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                length = value
                    .parse()
                    .map_err(|_| Failure::Refused(400, "Bad Content-Length."))?
            }
            "transfer-encoding" => {
                return Err(Failure::Refused(411, "Send a Content-Length, not chunks."))
            }
            "connection" if value.contains("close") => keep_alive = false,
            "connection" if value.contains("keep-alive") => keep_alive = true,
            "expect" => expects_continue = value == "100-continue",
            _ => {}
        }
    }
    if length > MAX_BODY {
        return Err(Failure::Refused(413, "Request body too large."));
    }
    if expects_continue && length > 0 {
        // The client waits for this before sending its body; written on the same socket.
        return Err(Failure::Refused(
            417,
            "Send the body without Expect: 100-continue.",
        ));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let request = Request {
        method,
        target,
        body,
    };
    Ok(Some((request, keep_alive)))
}

fn write_response(
    writer: &mut TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    writer.write_all(&bytes)?;
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        417 => "Expectation Failed",
        431 => "Request Header Fields Too Large",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<(Request, bool)>, Failure> {
        read_request(&mut BufReader::new(text.as_bytes()))
    }

    #[test]
    fn reads_requests_one_after_another_on_a_kept_connection() {
        let text = "GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabcGET";
        let mut reader = BufReader::new(text.as_bytes());
        let Ok(Some((first, keep))) = read_request(&mut reader) else {
            panic!("first request")
        };
        assert_eq!(
            (first.method, first.target.as_str(), keep),
            (Method::Get, "/a/?q=1", true)
        );
        let Ok(Some((second, keep))) = read_request(&mut reader) else {
            panic!("second request")
        };
        assert_eq!(
            (second.method, second.body, keep),
            (Method::Post, b"abc".to_vec(), false)
        );
    }

    #[test]
    fn refuses_what_a_preview_never_needs() {
        assert!(matches!(
            read("GARBAGE\r\n\r\n"),
            Err(Failure::Refused(400, _))
        ));
        assert!(matches!(
            read("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Err(Failure::Refused(411, _))
        ));
        assert!(matches!(
            read("POST / HTTP/1.1\r\nContent-Length: 9999999\r\n\r\n"),
            Err(Failure::Refused(413, _))
        ));
        assert!(matches!(read(""), Ok(None)));
        assert!(matches!(
            read("GET / HTTP/1.0\r\n\r\n"),
            Ok(Some((_, false)))
        ));
    }
}
