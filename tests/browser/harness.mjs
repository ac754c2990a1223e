// Shared pieces of the browser tests: Debian's Chromium driven by playwright-core, temporary
// copies of sites, and the real `bayan serve` on a free loopback port.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const bayan = process.env.BAYAN_BIN || join(repo, "target", "debug", "bayan");

// Without these flags Chromium keeps trying to reach hosts the test machine cannot reach.
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
}

/** A temporary site with the default theme and the given files (path → text). */
export function makeSite(files) {
  const root = mkdtempSync(join(tmpdir(), "bayan-browser-"));
  cpSync(join(repo, "themes"), join(root, "themes"), { recursive: true });
  cpSync(join(repo, "i18n"), join(root, "i18n"), { recursive: true });
  cpSync(join(repo, "config.toml"), join(root, "config.toml"));
  for (const [path, text] of Object.entries(files)) writeSite(root, path, text);
  return { root, write: (path, text) => writeSite(root, path, text), remove: () => rmSync(root, { recursive: true, force: true }) };
}

function writeSite(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Starts `bayan serve` on a free port; resolves with its address and a stop function. */
export function serve(root, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(bayan, ["serve", "--root", root, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`bayan serve did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Serving the site at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output, stop: () => child.kill() });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => { output += chunk; });
    child.on("error", reject);
  });
}

/** Runs `body(site, server, browser)` against a preview of a temporary site, then cleans up. */
export async function withPreview(files, body, prepare = () => {}, args = []) {
  const site = makeSite(files);
  prepare(site);
  const server = await serve(site.root, args);
  const browser = await launch();
  try {
    try {
      await body(site, server, browser);
    } catch (error) {
      // What the preview printed tells a failed test's reader what the server saw.
      console.log(`bayan serve said:\n${server.output()}`);
      throw error;
    }
  } finally {
    await browser.close();
    server.stop();
    site.remove();
  }
}
