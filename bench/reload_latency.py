#!/usr/bin/env python3
"""Edit-to-reload latency of `bayan serve`: the time from writing a changed page to the moment
the preview sends the reload event to open pages.

    python3 bench/reload_latency.py [--pages 1000] [--edits 30] [--binary target/release/bayan]

Generates a trilingual site of N pages per language (bench/generate.py), starts the real preview
server on a free loopback port, listens to its event stream as a browser would, and edits pages
in place: first only their text, then their title (which re-renders the section lists too).
Prints the median, 90th percentile, minimum and maximum per kind of edit. Python 3 standard
library only; everything runs on 127.0.0.1 and is stopped and removed at the end.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class Events:
    """A Server-Sent Events connection to the preview."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__bayan/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""

    def next(self, timeout):
        """The next event's name, or None on timeout."""
        deadline = time.perf_counter() + timeout
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    if line.startswith(b"event: "):
                        return line[7:].decode()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                return None
            self.buffer += chunk.replace(b"\r\n", b"\n")


def start_server(binary, site):
    server = subprocess.Popen(
        [binary, "serve", "--root", site, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        sys.exit(f"the preview did not start: {line}{server.stderr.read()}")
    return server, int(match.group(1)), line.strip()


def measure(events, path, edit, count):
    latencies = []
    with open(path, encoding="utf-8") as f:
        original = f.read()
    for i in range(count):
        text = edit(original, i)
        started = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            name = events.next(10)
            if name is None:
                sys.exit("no reload event within 10 s")
            if name == "reload":
                break
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.15)  # let the editor "type" before the next save
    return latencies


def report(label, values):
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    print(f"{label:<34} median {statistics.median(values):6.1f} ms   p90 {p90:6.1f} ms   "
          f"min {values[0]:6.1f} ms   max {values[-1]:6.1f} ms   ({len(values)} edits)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--edits", type=int, default=30, help="edits of each kind (default 30)")
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "bayan"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)

    work = tempfile.mkdtemp(prefix="bayan-reload-")
    site = os.path.join(work, "site")
    server = None
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--pages", str(args.pages),
                        "--out", site, "--no-hugo"], check=True, stdout=subprocess.DEVNULL)
        server, port, banner = start_server(args.binary, site)
        print(banner)
        events = Events(port)
        if events.next(10) != "hello":
            sys.exit("no hello event from the preview")

        pages = sorted(
            os.path.join(dirpath, name)
            for dirpath, _, names in os.walk(os.path.join(site, "content"))
            for name in names
            if name.endswith(".md") and not name.startswith("_index") and name.count(".") == 1
        )
        page = pages[len(pages) // 2]
        body = measure(events, page, lambda text, i: text.replace("\n\n", f"\n\nتعديل{i}\n\n", 1), args.edits)
        title = measure(events, page, lambda text, i: re.sub(r'title = "', f'title = "{i} ', text, count=1), args.edits)
        print(f"site: {args.pages} pages per language x 3 languages; edited {os.path.relpath(page, site)}")
        report("text edit (the page only)", body)
        report("title edit (page + section lists)", title)
    finally:
        if server:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
