// Lighthouse, mobile settings (its default: a mid-range phone on a slow 4G link), over a built
// site served from 127.0.0.1, with Debian's Chromium. Not a CI gate (its timings vary from run
// to run); the scores go in the README's quality section.
//
//   node tests/lighthouse/run.mjs SITE_DIR [URL_PATH ...]
//
// Without paths it checks the Arabic home page, a report and the conference page of the demo.
// Reports (HTML and JSON) go to target/lighthouse/.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { startServer } from "../quality/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "target", "lighthouse");
const DEMO_PAGES = ["/", "/reports/carter-elders-2021/", "/conferences/madaniya-paris-2023/"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// The same flags as the browser tests: without them Chromium keeps calling hosts this machine
// cannot reach.
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const [siteArg, ...paths] = process.argv.slice(2);
if (!siteArg) {
  console.error("usage: node tests/lighthouse/run.mjs SITE_DIR [URL_PATH ...]\n(build the site first: cargo run --release -- build --output-dir SITE_DIR)");
  process.exit(2);
}
const site = resolve(siteArg);
mkdirSync(out, { recursive: true });
const server = await startServer(site);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: CHROMIUM_FLAGS,
});
const rows = [];
try {
  for (const path of paths.length ? paths : DEMO_PAGES) {
    const result = await lighthouse(server.origin + path, {
      port: chrome.port,
      output: ["html", "json"],
      onlyCategories: CATEGORIES,
      logLevel: "error",
    });
    const name = path.replace(/^\/|\/$/g, "").replace(/\//g, "-") || "home";
    writeFileSync(join(out, `${name}.html`), result.report[0]);
    writeFileSync(join(out, `${name}.json`), result.report[1]);
    const scores = CATEGORIES.map((c) => Math.round(result.lhr.categories[c].score * 100));
    rows.push([path, ...scores]);
    for (const audit of Object.values(result.lhr.audits)) {
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "notApplicable") {
        console.log(`  ${path}: ${audit.id} (${Math.round(audit.score * 100)}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log(`\n| page | ${CATEGORIES.join(" | ")} |`);
console.log(`| --- | ${CATEGORIES.map(() => "---:").join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(`\nReports in ${out}`);
