// The default theme on a phone and on paper, on the demo site in the real preview: the phone
// menu opens over the page without moving it, every control is big enough for a finger, the
// header never wraps awkwardly (Kurmanji has the longest labels), no page scrolls sideways, the
// photo view fits a 320 px phone, and reports and statements print as clean A4 documents (PDFs
// kept in target/quality/pdf/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, makeSite, repo, serve } from "./harness.mjs";

const LANGS = ["", "en/", "ku/"];
const REPORT = "reports/carter-elders-2021/";
const STATEMENT = "statements/geneva-2022-closing-message/";
const CONFERENCE = "conferences/madaniya-paris-2023/";
const MIN_TARGET = 44;
// The print control's label in each page's language.
const PRINT_LABELS = { ar: "اطبع أو احفظ PDF", en: "Print or save as PDF" };

let site;
let server;
let browser;

before(async () => {
  // The demo site as it is: its content, over the copy of its config, theme and strings.
  site = makeSite({});
  cpSync(join(repo, "content"), join(site.root, "content"), { recursive: true });
  server = await serve(site.root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  site?.remove();
});

/** A new page at `width` × `height` showing `path` of the preview, its webfonts loaded. */
async function open(path, width, height = 740, options = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  await page.goto(server.url + path);
  if (options.javaScriptEnabled !== false) await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, close: () => context.close() };
}

const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
});

const overlaps = (a, b) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test("the phone menu opens as a panel over the page: the header and the page stay put", async () => {
  for (const lang of LANGS) {
    const { page, close } = await open(lang + REPORT, 360);
    const where = `/${lang}${REPORT}`;
    const summary = page.locator(".site-header .nav-compact summary");
    const panel = page.locator(".site-header .nav-panel");
    assert.ok(await summary.isVisible(), `${where}: the menu button shows`);
    assert.ok((await box(summary)).height >= MIN_TARGET, `${where}: the menu button is ${(await box(summary)).height} px tall`);
    assert.equal(await panel.isVisible(), false, `${where}: the menu starts closed`);
    assert.equal(await page.locator(".site-header .nav-wide").isVisible(), false, `${where}: the row of sections is hidden`);

    const header = await box(page.locator(".site-header"));
    const main = await box(page.locator("main"));
    await summary.click();
    assert.ok(await panel.isVisible(), `${where}: the menu opens`);
    const links = page.locator(".site-header .nav-panel a");
    assert.ok((await links.count()) >= 4, `${where}: every section is in the menu`);
    for (const link of await links.all()) {
      assert.ok(await link.isVisible(), `${where}: ${await link.innerText()} shows`);
      const height = (await box(link)).height;
      assert.ok(height >= MIN_TARGET, `${where}: ${await link.innerText()} is ${height} px tall`);
      const lines = await link.evaluate((a) => { const r = document.createRange(); r.selectNodeContents(a); return new Set([...r.getClientRects()].map((x) => Math.round(x.bottom))).size; });
      assert.equal(lines, 1, `${where}: ${await link.innerText()} wraps in the menu`);
    }
    assert.deepEqual(await box(page.locator(".site-header")), header, `${where}: the header neither moves nor grows`);
    assert.deepEqual((await box(page.locator("main"))).y, main.y, `${where}: the page does not move down`);
    // The panel hangs from the header's bottom edge and lies on top of the page.
    const hung = await box(panel);
    assert.ok(Math.abs(hung.y - (header.y + header.height)) <= 1, `${where}: the panel starts at ${hung.y}, the header ends at ${header.y + header.height}`);
    assert.ok(hung.y + hung.height > main.y, `${where}: the panel covers part of the page`);
    const onTop = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest(".nav-panel"), {
      x: hung.x + hung.width / 2,
      y: hung.y + hung.height - 4,
    });
    assert.ok(onTop, `${where}: the panel is drawn over the page, not under it`);

    await summary.click();
    assert.equal(await panel.isVisible(), false, `${where}: a second click closes the menu`);
    assert.deepEqual(await box(page.locator(".site-header")), header, `${where}: closed, the header is as before`);
    await close();
  }
});

test("on a phone every control of the header and the footer's signup button is at least 44 px tall", async () => {
  for (const lang of LANGS) {
    for (const path of ["", REPORT, CONFERENCE]) {
      const { page, close } = await open(lang + path, 360);
      const where = `/${lang}${path}`;
      const targets = await page.evaluate(() =>
        [...document.querySelectorAll(".site-header :is(a, button, summary, input, select)")]
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ el, r }) => r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true }))
          .map(({ el, r }) => ({ what: `${el.tagName.toLowerCase()}.${el.className} ${el.textContent.trim()}`, height: r.height })));
      // The name, the menu, search and the two other languages.
      assert.ok(targets.length >= 5, `${where}: ${targets.map((t) => t.what).join(", ")}`);
      for (const target of targets) assert.ok(target.height >= 44, `${where}: ${target.what} is ${target.height} px tall`);
      const signup = page.locator(".site-footer .signup button");
      assert.ok(await signup.isVisible(), `${where}: the footer has the signup button`);
      const height = (await box(signup)).height;
      assert.ok(height >= 44, `${where}: the signup button is ${height} px tall`);
      await close();
    }
  }
});

test("the header does not wrap awkwardly and no page scrolls sideways", async () => {
  for (const lang of LANGS) {
    const heights = {};
    for (const path of ["", REPORT, CONFERENCE, STATEMENT]) {
      // One load per page, resized to each width: the layout follows the media queries.
      const { page, close } = await open(lang + path, 1280, 800);
      for (const width of [320, 360, 768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const where = `/${lang}${path} at ${width} px`;
        const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: innerWidth }));
        assert.ok(sizes.scroll <= sizes.client && sizes.scroll <= sizes.inner, `${where} scrolls sideways: ${JSON.stringify(sizes)}`);
        if (width < 768) continue;
        (heights[width] ??= {})[path || "home"] = (await box(page.locator(".site-header"))).height;
        const nav = await page.evaluate(() =>
          [...document.querySelectorAll(".site-header .nav-wide a")].map((a) => {
            const range = document.createRange();
            range.selectNodeContents(a);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
            const lineHeight = parseFloat(getComputedStyle(a).lineHeight);
            return { text: a.textContent.trim(), lines: lines.size, textHeight: range.getBoundingClientRect().height, lineHeight, top: a.getBoundingClientRect().top, visible: a.checkVisibility() };
          }));
        assert.ok(nav.length >= 4 && nav.every((l) => l.visible), `${where}: the sections show as a row`);
        for (const link of nav) {
          assert.equal(link.lines, 1, `${where}: "${link.text}" is on ${link.lines} lines`);
          assert.ok(link.textHeight < 1.6 * link.lineHeight, `${where}: "${link.text}" is ${link.textHeight} px tall for a ${link.lineHeight} px line`);
        }
        // The sections stay on one row.
        const tops = nav.map((l) => l.top);
        assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `${where}: the sections wrap onto a second row (${tops.join(", ")})`);
      }
      await close();
    }
    // No page's header is taller than another's: nothing wraps because of one page's title or state.
    for (const [width, byPage] of Object.entries(heights)) {
      const values = Object.values(byPage);
      assert.ok(Math.max(...values) - Math.min(...values) <= 0.5, `/${lang} at ${width} px: the header's height changes from page to page: ${JSON.stringify(byPage)}`);
    }
  }
});

test("on a 320 px phone the photo view keeps previous, back and next on one row, inside the screen", async () => {
  for (const lang of ["", "en/"]) {
    const { page, close } = await open(lang + CONFERENCE, 320, 640);
    const where = `/${lang}${CONFERENCE}#photo-2`;
    // The reader opens the second photo from its thumbnail.
    await page.locator(".gallery-grid li").nth(1).locator("a").click();
    await page.waitForFunction(() => location.hash === "#photo-2" && document.querySelector(".lightbox:target"));
    // The large photo loads once its view opens; the view is measured as it settles.
    await page.waitForFunction(() => {
      const img = document.querySelector(".lightbox:target img");
      return img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0;
    });
    const view = await page.evaluate(() => {
      const rect = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
      const lightbox = document.querySelector(".lightbox:target");
      const caption = lightbox.querySelector("figcaption");
      // The caption's own words: every text node of the figcaption outside the counter.
      const words = [...caption.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const range = document.createRange();
      const text = words.map((n) => { range.selectNodeContents(n); return rect(range); });
      return {
        id: lightbox.id,
        links: [...lightbox.querySelectorAll(".lightbox-nav a")].map((a) => ({ text: a.textContent.trim(), ...rect(a) })),
        count: rect(lightbox.querySelector(".count")),
        caption: text,
        nav: rect(lightbox.querySelector(".lightbox-nav")),
        image: rect(lightbox.querySelector("img")),
      };
    });
    assert.equal(view.id, "photo-2");
    assert.equal(view.links.length, 3, `${where}: previous, back and next: ${view.links.map((l) => l.text).join(" | ")}`);
    const tops = view.links.map((l) => l.y);
    assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `${where}: the buttons are not on one row: ${JSON.stringify(view.links)}`);
    for (const link of view.links) {
      assert.ok(link.x >= 0 && link.x + link.width <= 320 && link.y >= 0 && link.y + link.height <= 640,
        `${where}: "${link.text}" is not fully on the screen: ${JSON.stringify(link)}`);
      assert.ok(link.height >= MIN_TARGET, `${where}: "${link.text}" is ${link.height} px tall`);
    }
    assert.ok(view.caption.length > 0, `${where}: the photo has a caption`);
    for (const text of view.caption) assert.ok(!overlaps(view.count, text), `${where}: the counter ${JSON.stringify(view.count)} covers the caption ${JSON.stringify(text)}`);
    assert.ok(!overlaps(view.count, view.nav), `${where}: the counter ${JSON.stringify(view.count)} covers the buttons ${JSON.stringify(view.nav)}`);
    assert.ok(view.image.y >= 0 && view.image.y + view.image.height <= 640, `${where}: the photo is not wholly on the screen: ${JSON.stringify(view.image)}`);
    await close();
  }
});

test("reports and statements print as clean A4 documents; the print control shows only with JavaScript", async () => {
  const folder = join(repo, "target", "quality", "pdf");
  mkdirSync(folder, { recursive: true });
  for (const lang of ["ar", "en"]) {
    for (const [kind, path] of [["report", REPORT], ["statement", STATEMENT]]) {
      const address = (lang === "ar" ? "" : `${lang}/`) + path;
      const where = `/${address}`;
      const { page, close } = await open(address, 1280, 800);
      const control = page.locator(".print-control");
      assert.ok(await control.isVisible(), `${where}: the print control shows`);
      assert.equal((await page.locator(".print-control button").innerText()).trim(), PRINT_LABELS[lang], `${where}: the print button's label`);
      assert.ok((await box(page.locator(".print-control button"))).height >= MIN_TARGET, `${where}: the print button is big enough`);

      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() => {
        const display = (selector) => [...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).display);
        return {
          header: display(".site-header"),
          footer: display(".site-footer"),
          forms: display("form"),
          search: display(".search-link"),
          languages: display(".language-switcher"),
          button: display(".print-button"),
          article: display("main article"),
        };
      });
      for (const part of ["header", "footer", "forms", "search", "languages", "button"]) {
        assert.ok(shown[part].length > 0, `${where}: the page has its ${part}`);
        assert.ok(shown[part].every((d) => d === "none"), `${where}: the ${part} prints (${shown[part].join(", ")})`);
      }
      assert.equal(shown.article.length, 1);
      assert.notEqual(shown.article[0], "none", `${where}: the article prints`);

      const file = join(folder, `${lang}-${kind}.pdf`);
      await page.pdf({ format: "A4", path: file });
      const bytes = readFileSync(file);
      assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-", `${file} is a PDF`);
      const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      // Both are long documents: more than one sheet of A4.
      assert.ok(pages >= 2, `${file} has ${pages} pages`);
      await close();

      // Without JavaScript the button could not print: it stays hidden.
      const plain = await open(address, 1280, 800, { javaScriptEnabled: false });
      assert.equal(await plain.page.locator(".print-control").isVisible(), false, `${where}: without JavaScript the print control is hidden`);
      assert.equal(await plain.page.locator(".print-control").count(), 1, `${where}: the page has the print control`);
      await plain.close();
    }
  }
});
