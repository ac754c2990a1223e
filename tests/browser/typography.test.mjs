// Arabic typography on the built demo, as Chromium draws it: the digits an author wrote (2021)
// and the digits the theme writes (١٦) come from the same face as the words around them; Naskh
// is set larger than the Latin text; links in running text skip the letters' descenders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { repo, bayan, launch } from "./harness.mjs";

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".woff2": "font/woff2", ".js": "text/javascript", ".webp": "image/webp", ".jpg": "image/jpeg", ".svg": "image/svg+xml" };

/** Serves a built site on a free loopback port. */
function serveFolder(dir) {
  const server = createServer((req, res) => {
    let file = normalize(join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!file.startsWith(dir)) file = dir;
    if (existsSync(file) && !extname(file)) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/**
 * The fonts Chromium drew `text` with, where it first occurs inside `selector`: the text is
 * wrapped in a span of its own (which inherits everything), and the span's fonts are asked of
 * the browser.
 */
async function fontsOf(tab, selector, text) {
  const found = await tab.evaluate(([selector, text]) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const probe = document.createElement("span");
      probe.id = "font-probe";
      const rest = node.splitText(at);
      rest.splitText(text.length);
      rest.replaceWith(probe);
      probe.append(rest);
      return true;
    }
    return false;
  }, [selector, text]);
  assert.ok(found, `${text} in ${selector}`);
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "#font-probe" });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await tab.evaluate(() => document.getElementById("font-probe").removeAttribute("id"));
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

test("Arabic digits, written or printed by the theme, are drawn in the words' own face, and Naskh is set larger", async () => {
  const out = mkdtempSync(join(tmpdir(), "bayan-typography-"));
  const built = spawnSync(bayan, ["build", "--root", repo, "--output-dir", out], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  const server = await serveFolder(out);
  const browser = await launch();
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(`${server.url}/reports/carter-elders-2021/`);
    await tab.evaluate(() => document.fonts.ready);
    // Western digits the author wrote in the summary (16), Eastern ones the theme prints in the
    // facts (١٦ مشاركًا), and the words around both: all Noto Naskh Arabic, regular and bold alike.
    for (const [selector, text] of [[".summary p", "16"], [".summary p", "مركز"], [".facts", "١٦"], [".facts", "مشارك"], [".facts", "٢٠٢١"]]) {
      assert.deepEqual(await fontsOf(tab, selector, text), ["Noto Naskh Arabic"], `${text} in ${selector}`);
    }
    for (const [selector, text] of [[".body", "2021"], [".body", "زووم"]]) {
      assert.deepEqual(await fontsOf(tab, selector, text), ["Noto Naskh Arabic"], `${text} in ${selector}`);
    }
    const arabicText = await tab.evaluate(() => {
      const h1 = getComputedStyle(document.querySelector("h1"));
      const link = document.querySelector("main a:not([class])") ?? document.querySelector("a");
      const style = getComputedStyle(link);
      return {
        body: parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize),
        h1LineHeight: parseFloat(h1.lineHeight) / parseFloat(h1.fontSize),
        skipInk: style.textDecorationSkipInk,
        offset: parseFloat(style.textUnderlineOffset) / parseFloat(style.fontSize),
      };
    });
    await tab.goto(`${server.url}/en/reports/carter-elders-2021/`);
    const english = await tab.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize));
    // Naskh reads about 15% smaller than Noto Sans at the same size: it is set at least 10% larger.
    assert.ok(arabicText.body >= english * 1.1, `Arabic ${arabicText.body}px against English ${english}px`);
    // Two-line Arabic titles are not gappy; underlines leave the descenders alone.
    assert.ok(arabicText.h1LineHeight <= 1.55, `h1 line-height ${arabicText.h1LineHeight}`);
    assert.equal(arabicText.skipInk, "all");
    assert.ok(arabicText.offset >= 0.4, `underline offset ${arabicText.offset}em`);
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
});
