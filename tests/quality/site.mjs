// The pages of a built site, each with its language and kind, read from the HTML the build wrote
// (the `lang` of <html> and the theme's classes), so the gates follow whatever the site contains.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
function walk(dir, root = dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path, root));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join("/"));
  }
  return files.sort();
}

/** The kind of page the theme rendered, from its markup and place in the site. */
function kindOf(file, html, lang) {
  if (/<article class="not-found"/.test(html)) return "404";
  const signup = html.match(/<article class="signup-result signup-([a-z-]+)"/);
  if (signup) return `signup-${signup[1]}`;
  if (file === "index.html" || file === `${lang}/index.html`) return "home";
  const kind = html.match(/<article class="page kind-([a-z-]+)"/);
  if (kind) return kind[1];
  if (/<article class="page"/.test(html)) return "page";
  if (/<ul class="page-list"/.test(html)) return "section";
  return "other";
}

/**
 * The site's HTML pages: `{ file, url, lang, kind, gallery }`, where `url` is the address path
 * a host serves the file at (`about/index.html` → `/about/`).
 */
export function readPages(dir) {
  return walk(dir)
    .filter((file) => file.endsWith(".html"))
    .map((file) => {
      const html = readFileSync(join(dir, file), "utf8");
      const lang = html.match(/<html[^>]*\slang="([^"]+)"/)?.[1] ?? "none";
      const url = "/" + file.replace(/(^|\/)index\.html$/, "$1");
      return { file, url, lang, kind: kindOf(file, html, lang), gallery: /class="gallery"/.test(html) };
    });
}

/** One page per kind and language (the first by path): the pages the per-kind gates visit. */
export function representatives(pages) {
  const seen = new Map();
  for (const page of pages) {
    const key = `${page.kind} ${page.lang}`;
    if (!seen.has(key)) seen.set(key, page);
  }
  return [...seen.values()];
}

/** The site's languages in the order their home pages sort (the default language first). */
export function languages(pages) {
  const homes = pages.filter((page) => page.kind === "home").sort((a, b) => a.url.length - b.url.length);
  return [...new Set([...homes.map((page) => page.lang), ...pages.map((page) => page.lang)])];
}
