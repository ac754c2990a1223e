// A tiny static host over a built site, on 127.0.0.1 and a free port: files as they are, a
// folder's index.html, and the site's not-found page (per language: /en/404.html) with status 404,
// as a static host would serve them. Nothing is compressed here; the gates gzip what they measure.
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
};

/** The file a request path names inside `root`, or null (never a path outside `root`). */
function resolveFile(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  if (!existsSync(candidate)) return null;
  const stat = statSync(candidate);
  if (stat.isFile()) return candidate;
  if (stat.isDirectory()) {
    const index = join(candidate, "index.html");
    return existsSync(index) ? index : null;
  }
  return null;
}

/** The not-found page a host would show for `pathname`: the language's own, else the root one. */
function notFoundPage(root, pathname) {
  const first = pathname.split("/")[1];
  if (first && !first.includes(".")) {
    const own = join(root, first, "404.html");
    if (existsSync(own)) return own;
  }
  const fallback = join(root, "404.html");
  return existsSync(fallback) ? fallback : null;
}

/** Starts the host; resolves with its origin (`http://127.0.0.1:PORT`) and a `close` function. */
export function startServer(folder) {
  const root = resolve(folder);
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, "http://127.0.0.1");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    // A folder without its trailing slash is redirected, as hosts do, so relative links resolve.
    const file = resolveFile(root, pathname);
    if (file && !pathname.endsWith("/") && statSync(join(root, decodeURIComponent(pathname))).isDirectory()) {
      response.writeHead(301, { Location: pathname + "/" }).end();
      return;
    }
    const served = file ?? notFoundPage(root, pathname);
    if (!served) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const body = readFileSync(served);
    response.writeHead(file ? 200 : 404, {
      "Content-Type": TYPES[extname(served).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "no-store",
    });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  return new Promise((ready, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ready({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
