// The preview in a real browser: a broken save shows the error over the page, in the page's
// direction, and fixing it reloads the page without the overlay; a stylesheet is swapped in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withPreview } from "./harness.mjs";

const page = (title, body) => `+++\ntitle = "${title}"\n+++\n${body}\n`;

test("a broken save shows an overlay in the page's direction until it is fixed", () =>
  withPreview({
    "content/_index.md": page("بيان", "الصفحة الرئيسية"),
    "content/_index.en.md": page("Bayan", "Home page"),
  }, async (site, server, browser) => {
    const tab = await browser.newPage();
    await tab.goto(server.url);
    await tab.waitForFunction(() => window.bayanPreview !== undefined);
    const english = await browser.newPage();
    await english.goto(server.url + "en/");
    await english.waitForFunction(() => window.bayanPreview !== undefined);

    site.write("content/_index.md", "+++\ntitel = \"بيان\"\n+++\nنص\n");
    const overlay = tab.locator("#bayan-build-error");
    await overlay.waitFor({ state: "visible", timeout: 10000 });
    assert.equal(await overlay.getAttribute("dir"), "rtl");
    assert.equal(await overlay.getAttribute("role"), "alert");
    const text = await overlay.innerText();
    assert.match(text, /تعذّر بناء الموقع/);
    assert.match(text, /content\/_index\.md:2:1: front matter: unknown field `titel`/);
    assert.match(text, /hint: did you mean `title`\?/);
    // Every open page shows it, each in its own direction and language.
    const englishOverlay = english.locator("#bayan-build-error");
    await englishOverlay.waitFor({ state: "visible", timeout: 10000 });
    assert.equal(await englishOverlay.getAttribute("dir"), "ltr");
    assert.match(await englishOverlay.innerText(), /The site could not be built/);
    // The last good page is still what the overlay covers.
    assert.match(await tab.locator("main").innerText(), /الصفحة الرئيسية/);

    site.write("content/_index.md", page("بيان", "نص جديد بعد الإصلاح"));
    await tab.waitForFunction(() => document.querySelector("main")?.innerText.includes("نص جديد بعد الإصلاح"), null, { timeout: 10000 });
    assert.equal(await tab.locator("#bayan-build-error").count(), 0);
  }));

test("a stylesheet change is swapped in without reloading the page", () =>
  withPreview({
    "content/_index.md": page("بيان", "نص"),
    "static/extra.css": "body { outline: 0 }",
  }, async (site, server, browser) => {
    const tab = await browser.newPage();
    await tab.goto(server.url);
    await tab.waitForFunction(() => window.bayanPreview !== undefined);
    await tab.evaluate(() => { window.notReloaded = true; });
    site.write("themes/bayan/static/style.css", "body { background: rgb(1, 2, 3) }");
    await tab.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: 10000 });
    assert.equal(await tab.evaluate(() => window.notReloaded), true);
  }));
