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

/**
 * The start tags of `name` in `html`, each as a map of its attributes. Minified pages drop
 * quotes and reorder attributes, so attributes are read as HTML does, not matched as text.
 */
function tags(html, name) {
  const found = [];
  const tag = new RegExp(`<${name}(\\s[^>]*)?>`, "gi");
  const attribute = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const match of html.matchAll(tag)) {
    const attributes = new Map();
    for (const a of (match[1] ?? "").matchAll(attribute)) {
      attributes.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? "");
    }
    found.push(attributes);
  }
  return found;
}

const classes = (attributes) => (attributes.get("class") ?? "").split(/\s+/).filter(Boolean);

/** The kind of page the theme rendered, from its markup and place in the site. */
function kindOf(file, html, lang) {
  const articles = tags(html, "article").map(classes);
  if (articles.some((c) => c.includes("not-found"))) return "404";
  if (articles.some((c) => c.includes("search"))) return "search";
  const signup = articles.flat().find((c) => /^signup-(?!result$)[a-z-]+$/.test(c));
  if (articles.some((c) => c.includes("signup-result")) && signup) return signup;
  if (file === "index.html" || file === `${lang}/index.html`) return "home";
  const page = articles.find((c) => c.includes("page"));
  const kind = page?.find((c) => c.startsWith("kind-"));
  if (kind) return kind.slice("kind-".length);
  if (page) return "page";
  if (tags(html, "ul").some((u) => classes(u).includes("page-list"))) return "section";
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
      const lang = tags(html, "html")[0]?.get("lang") ?? "none";
      const url = "/" + file.replace(/(^|\/)index\.html$/, "$1");
      const gallery = ["div", "section", "ul"].some((t) => tags(html, t).some((e) => classes(e).includes("gallery")));
      return { file, url, lang, kind: kindOf(file, html, lang), gallery };
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
