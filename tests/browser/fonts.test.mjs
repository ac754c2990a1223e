// Subset webfonts in a real browser: Arabic and Sorani text set in the subset WOFF2 that
// `bayan build` made must look exactly as in the whole TTF (joining, marks, Sorani letters),
// the subset must really be the font in use, and a built page loads its fonts from the site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { repo, bayan, makeSite, launch } from "./harness.mjs";

const ARABIC = "بيان منظمات المجتمع المدني: حرية التعبير والتجمّع السلمي، ٢٠٢٤ و۱۴۰۳ لا لكم";
const SORANI = "ڕێکخراوە مەدەنییەکان لە کوردستان؛ ڵەشکر، ھەولێر، ئۆمێد، پێشمەرگە";
const shots = join(repo, "target", "fonts-screenshots");

/** Serves `roots` (URL prefix → folder) and `pages` (path → HTML) on a free loopback port. */
function staticServer(roots, pages) {
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".woff2": "font/woff2", ".ttf": "font/ttf", ".js": "text/javascript" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (pages[path]) {
      res.writeHead(200, { "content-type": types[".html"] });
      return res.end(pages[path]);
    }
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!path.startsWith(prefix)) continue;
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      if (file.endsWith("/") || (existsSync(file) && !extname(file))) file = join(file, "index.html");
      if (existsSync(file)) {
        res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
        return res.end(readFileSync(file));
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** A page setting both samples in `family` (declared by `fontFace`, if any). */
function samplePage(fontFace, family) {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>
${fontFace}
body { margin: 0; background: #fff; }
#sample { font-family: ${family}; font-size: 34px; line-height: 1.9; inline-size: 1100px; padding: 12px; color: #000; }
</style></head><body><div id="sample"><p>${ARABIC}</p><p lang="ckb">${SORANI}</p></div></body></html>`;
}

/** Pixels that differ between two PNG screenshots, counted in the browser's own canvas. */
async function differingPixels(browser, a, b) {
  const tab = await browser.newPage();
  const result = await tab.evaluate(async ([a, b]) => {
    const load = (png) => new Promise((resolve) => { const img = new Image(); img.onload = () => resolve(img); img.src = `data:image/png;base64,${png}`; });
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    if (ia.width !== ib.width || ia.height !== ib.height) return { sizes: [ia.width, ia.height, ib.width, ib.height], differing: ia.width * ia.height };
    const data = (img) => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height; const x = c.getContext("2d"); x.drawImage(img, 0, 0); return x.getImageData(0, 0, img.width, img.height).data; };
    const [da, db] = [data(ia), data(ib)];
    let differing = 0;
    for (let i = 0; i < da.length; i += 4) {
      if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) > 24) differing++;
    }
    return { differing, total: da.length / 4 };
  }, [a.toString("base64"), b.toString("base64")]);
  await tab.close();
  return result;
}

async function screenshot(browser, base, path, family) {
  const tab = await browser.newPage({ viewport: { width: 1140, height: 400 } });
  await tab.goto(`${base}${path}`);
  await tab.evaluate(() => document.fonts.ready);
  // Which declared faces the browser actually loaded (and so used for the text).
  const loaded = await tab.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, "")));
  const shot = await tab.locator("#sample").screenshot();
  writeFileSync(join(shots, `${family}.png`), shot);
  await tab.close();
  return { shot, loaded };
}

test("Arabic and Sorani text in the subset looks exactly as in the whole font, and the subset is used", async () => {
  const sample = `+++\ntitle = "خطوط"\n+++\n\n${ARABIC}\n\n<p lang="ckb">${SORANI}</p>\n`;
  const site = makeSite({ "content/fonts-sample.md": sample });
  const built = spawnSync(bayan, ["build", "--root", site.root], { encoding: "utf8" });
  assert.equal(built.status, 0, `${built.stdout}${built.stderr}`);
  mkdirSync(shots, { recursive: true });
  const pub = join(site.root, "public");
  const css = readdirSync(pub).find((f) => /^fonts\.[0-9a-f]{8}\.css$/.test(f));
  assert.ok(css, `no fingerprinted fonts.css in ${readdirSync(pub)}`);
  const subset = readFileSync(join(pub, css), "utf8").match(/url\((fonts\/noto-naskh-arabic-400\.[0-9a-f]{8}\.woff2)\)/)[1];
  const full = "/theme-fonts/NotoNaskhArabic-Regular.ttf";
  const face = (family, url, format) => `@font-face { font-family: "${family}"; src: url(${url}) format("${format}"); }`;
  const server = await staticServer({ "/site/": pub, "/theme-fonts/": join(repo, "themes/bayan/fonts") }, {
    "/subset.html": samplePage(face("Subset", `/site/${subset}`, "woff2"), '"Subset", "DejaVu Sans"'),
    "/full.html": samplePage(face("Full", full, "truetype"), '"Full", "DejaVu Sans"'),
    "/fallback.html": samplePage("", '"DejaVu Sans"'),
  });
  const browser = await launch();
  try {
    const subsetShot = await screenshot(browser, server.url, "/subset.html", "subset");
    const fullShot = await screenshot(browser, server.url, "/full.html", "full");
    const fallbackShot = await screenshot(browser, server.url, "/fallback.html", "fallback");
    assert.deepEqual(subsetShot.loaded, ["Subset"], "the subset WOFF2 was not loaded");
    assert.deepEqual(fullShot.loaded, ["Full"], "the whole TTF was not loaded");
    const same = await differingPixels(browser, subsetShot.shot, fullShot.shot);
    assert.equal(same.differing, 0, `subset and whole font render differently: ${JSON.stringify(same)} (see ${shots})`);
    // The comparison can tell fonts apart: another font differs in many pixels.
    const other = await differingPixels(browser, subsetShot.shot, fallbackShot.shot);
    assert.ok(other.differing > 1000, `the fallback font looks like the subset: ${JSON.stringify(other)}`);

    // A built page loads its fonts from the site itself, only those its text needs.
    const tab = await browser.newPage();
    const requests = [];
    tab.on("request", (r) => requests.push(r.url()));
    await tab.goto(`${server.url}/site/fonts-sample/`);
    await tab.evaluate(() => document.fonts.ready);
    const fonts = requests.filter((u) => /\.woff2$/.test(u));
    assert.ok(fonts.some((u) => /\/site\/fonts\/noto-naskh-arabic-400\.[0-9a-f]{8}\.woff2$/.test(u)), `no Naskh subset requested: ${fonts}`);
    assert.ok(requests.every((u) => u.startsWith(server.url)), `a request left the site: ${requests}`);
    const family = await tab.locator("main p").first().evaluate((p) => getComputedStyle(p).fontFamily);
    assert.match(family, /^"Noto Naskh Arabic"/);
    assert.ok(await tab.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', "بيان")));
    await tab.close();
  } finally {
    await browser.close();
    server.close();
    site.remove();
  }
});
