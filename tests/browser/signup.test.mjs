// The mailing-list form tried out in the preview (`bayan serve --try-signup`), as a reader
// would use it: an Arabic submission reaches the Arabic thank-you page and is recorded once;
// a bot filling the honeypot is recorded nowhere; a bad address gets the Arabic error page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repo, withPreview } from "./harness.mjs";

const files = {
  "content/_index.md": "+++\ntitle = \"بيان\"\n+++\nنص\n",
  "content/_index.en.md": "+++\ntitle = \"Bayan\"\n+++\nText\n",
  "content/join.md": "+++\ntitle = \"انضموا\"\n+++\nانضموا إلى القائمة البريدية.\n\n{{ signup() }}\n",
};

const records = (root) => {
  const file = join(root, ".bayan-cache", "signups.jsonl");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
};

test("an Arabic signup is thanked in Arabic and recorded once; bots and bad addresses are not", () =>
  withPreview(files, async (site, server, browser) => {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}join/`);
    const form = tab.locator("main form.signup");
    assert.equal(await form.locator("label[for=signup-email-content]").innerText(), "البريد الإلكتروني");
    await form.locator("input[type=email]").fill("reader@example.org");
    await form.locator("input[name=name]").fill("ليلى");
    await Promise.all([tab.waitForURL(/\/signup\/thanks\/$/), form.locator("button[type=submit]").click()]);
    assert.equal(await tab.locator("html").getAttribute("lang"), "ar");
    assert.equal(await tab.locator("html").getAttribute("dir"), "rtl");
    assert.equal(await tab.locator("h1").innerText(), "شكرًا لاشتراككم");
    let saved = records(site.root);
    assert.equal(saved.length, 1);
    assert.equal(saved[0].language, "ar");
    assert.equal(saved[0].provider, "listmonk");
    const fields = Object.fromEntries(saved[0].fields.filter(([k]) => k !== "l"));
    assert.equal(fields.email, "reader@example.org");
    assert.equal(fields.name, "ليلى");
    assert.deepEqual(saved[0].fields.filter(([k]) => k === "l").map(([, v]) => v).length, 2);

    // A bot fills every field, the hidden one too: it is thanked and forgotten.
    await tab.goto(`${server.url}join/`);
    await form.locator("input[type=email]").fill("bot@example.org");
    await tab.evaluate(() => { document.querySelector("#signup-trap-content").value = "http://spam.example"; });
    await Promise.all([tab.waitForURL(/\/signup\/thanks\/$/), form.locator("button[type=submit]").click()]);
    assert.equal(records(site.root).length, 1);

    // An address the browser lets through but that cannot be delivered: an Arabic error.
    await tab.goto(`${server.url}join/`);
    await form.locator("input[type=email]").fill("reader@localhost");
    await Promise.all([tab.waitForURL(/\/signup\/error\/$/), form.locator("button[type=submit]").click()]);
    assert.equal(await tab.locator("h1").innerText(), "تعذّر الاشتراك");
    assert.match(await tab.locator("main").innerText(), /name@example\.org/);
    assert.equal(records(site.root).length, 1);

    // The footer form of an English page goes to the English thank-you page.
    await tab.goto(`${server.url}en/`);
    await tab.locator("footer input[type=email]").fill("reader2@example.org");
    await Promise.all([tab.waitForURL(/\/en\/signup\/thanks\/$/), tab.locator("footer button[type=submit]").click()]);
    assert.equal(await tab.locator("h1").innerText(), "Thank you for subscribing");
    saved = records(site.root);
    assert.equal(saved.length, 2);
    assert.equal(saved[1].language, "en");

    // The preview lists what it received.
    await tab.goto(`${server.url}__bayan/signups`);
    assert.match(await tab.locator("body").innerText(), /2 recorded/);
  }, () => {}, ["--try-signup"]));

// The demo's advocacy-unit page places the form in its text: the footer's steps aside, in
// every language, so a reader sees one form and every id once.
test("a page that places the form itself shows one, in every language", () =>
  withPreview({}, async (site, server, browser) => {
    const tab = await browser.newPage();
    for (const prefix of ["", "en/", "ku/"]) {
      await tab.goto(`${server.url}${prefix}about/advocacy-unit/`);
      const forms = tab.locator("form.signup");
      assert.equal(await forms.count(), 1, prefix);
      assert.ok(await forms.first().isVisible(), prefix);
      assert.equal(await tab.locator("main form.signup").count(), 1, prefix);
      assert.equal(await tab.locator("footer form.signup").count(), 0, prefix);
      const duplicates = await tab.evaluate(() => {
        const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
        return ids.filter((id, i) => ids.indexOf(id) !== i);
      });
      assert.deepEqual(duplicates, [], prefix);
    }
    // A page without it keeps the footer's form.
    await tab.goto(`${server.url}en/`);
    assert.equal(await tab.locator("form.signup").count(), 1);
    assert.ok(await tab.locator("footer form.signup").isVisible());
  }, (site) => cpSync(join(repo, "content"), join(site.root, "content"), { recursive: true })));
