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

test("the error panel is solid and says every front-matter problem of a file in plain words", () =>
  withPreview({
    "content/_index.md": page("بيان", "الصفحة الرئيسية"),
    "content/meeting.md": "+++\ntitle = \"لقاء\"\ndate = 2024-03-16\n\n[report]\nparticipants = 16\n+++\nنص\n",
  }, async (site, server, browser) => {
    const tab = await browser.newPage();
    await tab.goto(server.url);
    await tab.waitForFunction(() => window.bayanPreview !== undefined);

    // Three problems in one file: a wrong kind of value, an unknown key, a number in words.
    site.write("content/meeting.md",
      "+++\ntitle = \"لقاء\"\ndraft = \"نعم\"\ntitel = \"x\"\n\n[report]\nparticipants = \"ستة عشر\"\n+++\nنص\n");
    const overlay = tab.locator("#bayan-build-error");
    await overlay.waitFor({ state: "visible", timeout: 10000 });
    const shown = await overlay.locator(".bayan-problem").allInnerTexts();
    const problems = shown.filter((text) => text.startsWith("content/meeting.md:"));
    assert.equal(problems.length, 3, shown.join("\n"));
    assert.match(problems[0], /^content\/meeting\.md:3:9: front matter: `draft` takes true or false, not the text "نعم"/);
    assert.match(problems[1], /^content\/meeting\.md:4:1: front matter: unknown field `titel`[^]*hint: did you mean `title`\?/);
    assert.match(problems[2], /^content\/meeting\.md:7:16: front matter: `participants` takes a number, like 16, not the text "ستة عشر"/);
    assert.match(problems[2], /hint: write the number in digits, without quotes: `participants = 16`/);

    // A solid panel: opaque, covering the page, readable, scrolling inside itself, in the
    // page's direction.
    const look = await overlay.evaluate((box) => {
      const style = getComputedStyle(box);
      const middle = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
      return {
        background: style.backgroundColor,
        color: style.color,
        fontSize: parseFloat(style.fontSize),
        problemSize: parseFloat(getComputedStyle(box.querySelector(".bayan-problem")).fontSize),
        overflowY: style.overflowY,
        covers: box.contains(middle),
        direction: style.direction,
      };
    });
    const alpha = (colour) => {
      const parts = colour.match(/^rgba?\(([^)]*)\)$/)[1].split(",").map(Number);
      return parts.length === 4 ? parts[3] : 1;
    };
    assert.equal(alpha(look.background), 1, `background ${look.background}`);
    assert.notEqual(look.background, look.color);
    assert.ok(look.fontSize >= 16 && look.problemSize >= 15, JSON.stringify(look));
    assert.equal(look.overflowY, "auto");
    assert.equal(look.covers, true, "the page shows above the panel");
    assert.equal(look.direction, "rtl", JSON.stringify(look));
  }));
