// Readers-first quality gates over a built site: valid HTML (the Nu Html Checker), accessibility
// (axe-core, WCAG 2.1 AA), no request to any host but the site's own, no sideways scrolling on a
// phone or a desktop, and page weight within budget. Builds nothing: it checks the folder given.
//
//   node tests/quality/run.mjs SITE_DIR [--artefacts DIR]
//
// Screenshots, A4 PDFs of a report and a statement (printed as a reader's browser prints them)
// and a JSON summary go to the artefacts folder (default target/quality/).
// Exits 1 when a gate fails, naming the page and what is wrong.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

import { startServer } from "./server.mjs";
import { languages, readPages, representatives } from "./site.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const require = createRequire(import.meta.url);

// Without these flags Chromium keeps trying to reach hosts the machine cannot reach (and those
// requests would not be the site's anyway); the same as the browser tests.
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
// A phone, a tablet held upright (the width at which the theme's sections leave the menu for a
// row) and a desktop. Every page is loaded at the first and the last; at the tablet's width, the
// layout a kind of page shares, only one page of every kind in every language (keeps CI quick).
const WIDTHS = [360, 768, 1280];
const EVERY_PAGE_WIDTHS = [360, 1280];
const WEIGHT_WIDTH = 360;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Languages whose pages are kept as screenshots: every one the demo publishes (Kurmanji has the
// longest labels).
const SCREENSHOT_LANGUAGES = ["ar", "en", "ku"];
// Pages printed to PDF: the first of each kind in each of these languages.
const PDF_KINDS = ["report", "statement"];
const PDF_LANGUAGES = ["ar", "en"];
// Bytes of HTML, CSS, fonts and scripts over the wire, gzipped: 1 kB = 1,000 bytes.
const BUDGETS = [{ kind: "about", lang: "ar", limit: 40_000, label: "Arabic about page" }];
// Messages of the Nu Html Checker that are wrong about this site, each with the reason.
// Empty: every message it gives is either fixed or shown.
const VNU_FALSE_POSITIVES = [];
// Hosts serve these gzipped; fonts (woff2), images and video are already compressed.
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|atom\+xml|manifest\+json)|image\/svg\+xml|font\/(ttf|otf))/;
const KIND_ORDER = ["home", "section", "about", "report", "conference", "statement", "page", "404", "signup-thanks", "signup-error", "search", "other"];

function parseArgs(argv) {
  const options = { site: null, artefacts: join(repo, "target", "quality") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--artefacts") options.artefacts = argv[++i];
    else if (!options.site) options.site = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!options.site) {
    console.error("usage: node tests/quality/run.mjs SITE_DIR [--artefacts DIR]\n(build the site first: cargo run -- build --output-dir SITE_DIR)");
    process.exit(2);
  }
  return { site: resolve(options.site), artefacts: resolve(options.artefacts) };
}

const kB = (bytes) => (bytes / 1000).toFixed(1);
const byKind = (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);

/** The Nu Html Checker over every HTML file: errors fail, warnings are listed. */
function validateHtml(site, pageCount) {
  const jar = require("vnu-jar");
  const run = spawnSync("java", ["-jar", jar, "--format", "json", "--exit-zero-always", "--skip-non-html", site], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) {
    throw new Error(`the Nu Html Checker did not run (is Java installed? apt-get install default-jre-headless): ${run.error?.message ?? run.stderr}`);
  }
  const { messages } = JSON.parse(run.stderr || run.stdout);
  const where = (m) => `${relative(site, fileURLToPath(m.url))}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}`;
  const known = (m) => VNU_FALSE_POSITIVES.some((fp) => fp.message.test(m.message));
  const errors = messages.filter((m) => (m.type === "error" || m.type === "non-document-error") && !known(m));
  const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning" && !known(m));
  console.log(`\n== HTML validity (Nu Html Checker ${JSON.parse(run.stderr || run.stdout).version ?? ""}): ${pageCount} pages`);
  for (const m of errors) console.log(`  error: ${where(m)}: ${m.message}\n    ${(m.extract ?? "").replace(/\n/g, " ")}`);
  for (const m of warnings) console.log(`  warning: ${where(m)}: ${m.message}`);
  console.log(`  ${errors.length} errors, ${warnings.length} warnings`);
  return { errors: errors.length, warnings: warnings.length };
}

/** Where a page overflows sideways: its widths and the elements reaching past the edge. */
function measureOverflow() {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  // Only the end side scrolls (right in ltr, left in rtl); content pushed past the start side
  // (a honeypot moved off-screen) never does.
  const rtl = getComputedStyle(document.documentElement).direction === "rtl";
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + [...el.classList].map((c) => `.${c}`).join("");
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (rtl ? box.left < -0.5 : box.right > width + 0.5) {
      culprits.push(`${describe(el)} (${Math.round(box.left)}…${Math.round(box.right)})`);
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 6) };
}

/** Opens `url` in a fresh context (empty cache) at `width`, recording every request and response. */
async function visit(browser, origin, url, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const requests = [];
  const responses = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("response", (response) => {
    responses.push((async () => {
      const status = response.status();
      const request = response.request();
      const body = status >= 300 && status < 400 ? null : await response.body().catch(() => null);
      return { url: response.url(), status, type: request.resourceType(), contentType: response.headers()["content-type"] ?? "", body };
    })());
  });
  const page = await context.newPage();
  await page.goto(origin + url, { waitUntil: "load", timeout: 30_000 });
  await page.waitForLoadState("networkidle", { timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { context, page, requests, responses: () => Promise.all(responses) };
}

/** Bytes a host would send for each response, grouped as the budget counts them. */
function weigh(responses) {
  const weight = { html: 0, css: 0, fonts: 0, scripts: 0, other: 0, images: 0, files: [] };
  for (const response of responses) {
    if (!response.body) continue;
    const sent = COMPRESSIBLE.test(response.contentType) ? gzipSync(response.body).length : response.body.length;
    const group = { document: "html", stylesheet: "css", font: "fonts", script: "scripts", image: "images", media: "images" }[response.type] ?? "other";
    weight[group] += sent;
    weight.files.push({ url: new URL(response.url).pathname, group, raw: response.body.length, sent });
  }
  weight.total = weight.html + weight.css + weight.fonts + weight.scripts + weight.other;
  return weight;
}

/** Prints `entry` to an A4 PDF at `path` as a reader's "Print" or "Save as PDF" does. */
async function printPdf(browser, origin, entry, path) {
  const { context, page } = await visit(browser, origin, entry.url, 1280);
  try {
    await page.emulateMedia({ media: "print" });
    await page.pdf({ format: "A4", path });
  } finally {
    await context.close();
  }
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error(`${path}: Chromium wrote no PDF for ${entry.url}`);
  const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { url: entry.url, path, pages, bytes: bytes.length };
}

async function runAxe(page, axeSource) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }), AXE_TAGS);
}

function printAxe(label, result) {
  for (const violation of result.violations) {
    console.log(`  violation: ${label}: ${violation.id} (${violation.impact}): ${violation.help}`);
    for (const node of violation.nodes.slice(0, 5)) {
      console.log(`    ${node.target.join(" ")}: ${(node.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()}`);
    }
    if (violation.nodes.length > 5) console.log(`    … and ${violation.nodes.length - 5} more`);
  }
}

function printWeights(weights, langs) {
  console.log(`\n== page weight at ${WEIGHT_WIDTH} px: bytes a host sends, gzipped (kB = 1,000 bytes); the heaviest page of each kind`);
  const header = ["kind", "lang", "page", "HTML", "CSS", "fonts", "scripts", "total", "images"];
  const rows = [];
  const kinds = [...new Set(weights.map((w) => w.kind))].sort((a, b) => byKind({ kind: a }, { kind: b }));
  for (const kind of kinds) {
    for (const lang of langs) {
      const heaviest = weights.filter((w) => w.kind === kind && w.lang === lang).sort((a, b) => b.total - a.total)[0];
      if (!heaviest) continue;
      const w = heaviest.weight;
      rows.push([kind, lang, heaviest.url, kB(w.html), kB(w.css), kB(w.fonts), kB(w.scripts + w.other), kB(w.total), kB(w.images)]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => "| " + cells.map((c, i) => (i < 3 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ") + " |";
  console.log(line(header));
  console.log("| " + widths.map((w, i) => (i < 3 ? "-".repeat(w) : "-".repeat(w - 1) + ":")).join(" | ") + " |");
  for (const row of rows) console.log(line(row));
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(options.site, "index.html"))) {
    console.error(`${options.site} has no index.html: build the site first (cargo run -- build --output-dir DIR)`);
    process.exit(2);
  }
  const started = Date.now();
  const pages = readPages(options.site);
  const langs = languages(pages);
  const chosen = new Set(representatives(pages));
  const screenshots = join(options.artefacts, "screenshots");
  mkdirSync(screenshots, { recursive: true });
  for (const old of readdirSync(screenshots).filter((f) => f.endsWith(".png"))) rmSync(join(screenshots, old));
  const pdfFolder = join(options.artefacts, "pdf");
  mkdirSync(pdfFolder, { recursive: true });
  for (const old of readdirSync(pdfFolder).filter((f) => f.endsWith(".pdf"))) rmSync(join(pdfFolder, old));
  console.log(`Quality gates over ${options.site}: ${pages.length} pages in ${langs.join(", ")}; ${chosen.size} kinds × languages checked for accessibility`);

  const gates = [];
  const html = validateHtml(options.site, pages.length);
  gates.push({ name: "HTML validity: 0 errors", passed: html.errors === 0, figure: `${html.errors} errors, ${html.warnings} warnings` });

  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  const server = await startServer(options.site);
  const foreign = [];
  const broken = [];
  const overflows = [];
  const weights = [];
  const axeFindings = [];
  const shots = [];
  const pdfs = [];
  let axeChecked = 0;

  /** Loads one page at one width and runs every browser check that applies to it. */
  const check = async (entry, width) => {
    const { context, page, requests, responses } = await visit(browser, server.origin, entry.url, width);
    const found = { foreign: [], broken: [], overflow: null, weight: null, axe: [], shots: [], axeViews: 0 };
    try {
      const label = `${entry.url} at ${width} px`;
      for (const url of requests) {
        if (/^(data|blob):/.test(url)) continue;
        if (new URL(url).origin !== server.origin) found.foreign.push({ page: label, url });
      }
      const answered = await responses();
      for (const response of answered) {
        if (response.status >= 400) found.broken.push({ page: label, url: response.url, status: response.status });
      }
      const overflow = await page.evaluate(measureOverflow);
      if (overflow) found.overflow = { page: label, ...overflow };
      if (width === WEIGHT_WIDTH) {
        const weight = weigh(answered);
        found.weight = { url: entry.url, kind: entry.kind, lang: entry.lang, total: weight.total, weight };
      }
      if (!chosen.has(entry)) return found;
      if (SCREENSHOT_LANGUAGES.includes(entry.lang)) {
        const path = join(screenshots, `${entry.lang}-${entry.kind}-${width}.png`);
        await page.screenshot({ path, fullPage: true });
        found.shots.push(path);
      }
      const result = await runAxe(page, axeSource);
      found.axeViews++;
      if (result.violations.length) found.axe.push({ label, result });
      if (entry.gallery) {
        // A photo's own view is a state of the page readers reach by a link: check it too.
        await page.evaluate(() => { location.hash = "photo-1"; });
        await page.waitForFunction(() => document.querySelector(".lightbox:target"));
        const view = await runAxe(page, axeSource);
        found.axeViews++;
        if (view.violations.length) found.axe.push({ label: `${entry.url}#photo-1 at ${width} px`, result: view });
      }
      if (entry.kind === "search") {
        // Results are a state of the page readers reach by typing: a word of the newest
        // page's title, which the index must find.
        const typed = await page.evaluate(async () => {
          const index = new URL(document.querySelector(".search-form").dataset.index, location.href);
          const manifest = await (await fetch(index)).json();
          if (!manifest.docs) return null;
          const doc = await (await fetch(new URL(`${manifest.version}/doc/0.json`, index))).json();
          return doc.title.split(/\s+/).find((w) => w.length > 3) ?? doc.title;
        });
        if (typed) {
          await page.fill("#search-query", typed);
          await page.waitForSelector(".search-results li mark", { timeout: 10_000 });
          const view = await runAxe(page, axeSource);
          found.axeViews++;
          if (view.violations.length) found.axe.push({ label: `${entry.url}?q=${typed} at ${width} px`, result: view });
        }
      }
      return found;
    } finally {
      await context.close();
    }
  };

  const jobs = pages.flatMap((entry) =>
    WIDTHS.filter((width) => EVERY_PAGE_WIDTHS.includes(width) || chosen.has(entry)).map((width) => [entry, width]));
  const outcomes = new Array(jobs.length);
  try {
    // Four pages at a time: most of a load is waiting for the network to go quiet.
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const index = next++;
        outcomes[index] = await check(...jobs[index]);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const printed = [...chosen].filter((e) => PDF_KINDS.includes(e.kind) && PDF_LANGUAGES.includes(e.lang));
    printed.sort((a, b) => PDF_LANGUAGES.indexOf(a.lang) - PDF_LANGUAGES.indexOf(b.lang) || PDF_KINDS.indexOf(a.kind) - PDF_KINDS.indexOf(b.kind));
    for (const entry of printed) {
      pdfs.push(await printPdf(browser, server.origin, entry, join(pdfFolder, `${entry.lang}-${entry.kind}.pdf`)));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const found of outcomes) {
    foreign.push(...found.foreign);
    broken.push(...found.broken);
    if (found.overflow) overflows.push(found.overflow);
    if (found.weight) weights.push(found.weight);
    axeFindings.push(...found.axe);
    shots.push(...found.shots);
    axeChecked += found.axeViews;
  }

  console.log(`\n== accessibility (axe-core ${JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version}, ${AXE_TAGS.join(", ")}): ${axeChecked} page views`);
  for (const finding of axeFindings) printAxe(finding.label, finding.result);
  const violations = axeFindings.reduce((sum, f) => sum + f.result.violations.length, 0);
  console.log(`  ${violations} violations`);
  gates.push({ name: "accessibility: 0 axe violations (WCAG 2.1 AA)", passed: violations === 0, figure: `${violations} violations on ${axeChecked} page views` });

  const loads = jobs.length;
  console.log(`\n== requests: ${loads} page loads, only ${server.origin} allowed`);
  for (const f of foreign) console.log(`  third-party request: ${f.page}: ${f.url}`);
  for (const b of broken) console.log(`  broken local request: ${b.page}: ${b.url} (status ${b.status})`);
  console.log(`  ${foreign.length} third-party requests, ${broken.length} broken local requests`);
  gates.push({ name: "no third-party requests", passed: foreign.length === 0, figure: `${foreign.length} on ${loads} loads` });
  gates.push({ name: "no broken local requests", passed: broken.length === 0, figure: `${broken.length} on ${loads} loads` });

  console.log(`\n== layout: no sideways scrolling at ${WIDTHS.join(", ")} px`);
  for (const o of overflows) {
    console.log(`  scrolls sideways: ${o.page}: content ${o.scrollWidth} px wide in ${o.clientWidth} px`);
    for (const c of o.culprits) console.log(`    ${c}`);
  }
  console.log(`  ${overflows.length} of ${loads} page loads scroll sideways`);
  gates.push({ name: "layout: no sideways scrolling", passed: overflows.length === 0, figure: `${overflows.length} of ${loads} loads` });

  const table = printWeights(weights, langs);
  const budgetProblems = [];
  for (const budget of BUDGETS) {
    const measured = weights.filter((w) => w.kind === budget.kind && w.lang === budget.lang);
    if (measured.length === 0) budgetProblems.push(`no ${budget.label} (kind ${budget.kind}, lang ${budget.lang}) was found to measure`);
    for (const w of measured) {
      const verdict = w.total <= budget.limit ? "within" : "OVER";
      console.log(`  budget: ${budget.label} ${w.url}: ${kB(w.total)} kB of ${kB(budget.limit)} kB (HTML + CSS + fonts + scripts): ${verdict}`);
      if (w.total > budget.limit) {
        budgetProblems.push(`${w.url} is ${kB(w.total)} kB`);
        for (const file of w.weight.files.filter((f) => f.group !== "images")) console.log(`    ${file.url}: ${kB(file.sent)} kB (${kB(file.raw)} kB unzipped)`);
      }
    }
  }
  gates.push({ name: `page weight: ${BUDGETS.map((b) => `${b.label} ≤ ${kB(b.limit)} kB`).join(", ")}`, passed: budgetProblems.length === 0, figure: budgetProblems.join("; ") || "within budget" });

  writeFileSync(join(options.artefacts, "quality.json"), JSON.stringify({
    site: options.site, pages: pages.length, html, axe: { views: axeChecked, violations }, thirdParty: foreign, broken, overflows,
    weights: table, pdfs: pdfs.map((p) => ({ ...p, path: relative(options.artefacts, p.path) })), gates: gates.map(({ name, passed, figure }) => ({ name, passed, figure })),
  }, null, 2));
  console.log(`\n== screenshots (${shots.length}) in ${screenshots}`);
  for (const shot of shots) console.log(`  ${relative(process.cwd(), shot)}`);
  console.log(`\n== PDFs, A4 as a browser prints them (${pdfs.length}) in ${pdfFolder}`);
  for (const pdf of pdfs) console.log(`  ${relative(process.cwd(), pdf.path)}: ${pdf.url}, ${pdf.pages} pages, ${kB(pdf.bytes)} kB`);
  console.log(`\n== gates (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const gate of gates) console.log(`  ${gate.passed ? "ok    " : "FAILED"} ${gate.name}: ${gate.figure}`);
  const failed = gates.filter((g) => !g.passed).length;
  console.log(`quality: ${gates.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
