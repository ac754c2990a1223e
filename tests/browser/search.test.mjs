// The search page as a reader uses it, in the real preview: Arabic found without its article,
// hamza or vowel marks, digits as either script writes them, English and Kurmanji in their own
// indexes, results marked and linked in the reader's language, an address that keeps the
// query, and a saved page found at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { repo, withPreview } from "./harness.mjs";

const files = {
  "content/_index.md": "+++\ntitle = \"بيان\"\n+++\n",
  "content/_index.en.md": "+++\ntitle = \"Bayan\"\n+++\n",
  "content/_index.ku.md": "+++\ntitle = \"Beyan\"\n+++\n",
  "content/reports/_index.md": "+++\ntitle = \"التقارير\"\n+++\n",
  "content/reports/_index.en.md": "+++\ntitle = \"Reports\"\n+++\n",
  "content/reports/geneva/index.md":
    "+++\ntitle = \"تقرير اجتماع جنيف\"\ndate = 2022-03-10\n[report]\nplace = \"جنيف\"\n+++\nاجتمع ممثلو الأُمَم المتّحدة مع ممثلي للمجتمع المدني في جنيف.\n",
  "content/reports/geneva/index.en.md":
    "+++\ntitle = \"Geneva meeting report\"\ndate = 2022-03-10\n[report]\nplace = \"Geneva\"\n+++\nThe Elders met civil society in Geneva.\n",
  "content/reports/carter.md":
    "+++\ntitle = \"الحكماء ومركز كارتر\"\ndate = 2021-03-04\n+++\nلقاء مشترك في عام 2021 مع المجتمع المدني.\n",
  "content/reports/private.md":
    "+++\ntitle = \"مسودة\"\nin_search_index = false\n+++\nالمجتمع المدني في مسودة داخلية.\n",
  "content/about.ku.md": "+++\ntitle = \"Derbarê me de\"\n+++\nRêxistinên civaka sivîl.\n",
  // Enough words for the English index to be cut into several word files.
  "content/reports/lexicon.en.md": `+++\ntitle = "Lexicon"\n+++\naardvark ${Array.from({ length: 6000 }, (_, n) => `zeta${String(n).padStart(4, "0")}`).join(" ")}\n`,
};

/** Types `query` into the search page of `tab` and waits for what it says. */
async function search(tab, query) {
  await tab.fill("#search-query", query);
  await tab.waitForFunction((q) => document.querySelector(".search-status").dataset.query === q, query, { timeout: 60_000 });
  return {
    status: (await tab.locator(".search-status").innerText()).trim(),
    titles: await tab.locator(".search-results li h2").allInnerTexts(),
    links: await tab.locator(".search-results li h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname)),
    marked: await tab.locator(".search-results mark").allInnerTexts(),
  };
}

test("readers find pages in their own language, however they spell the words", () =>
  withPreview(files, async (site, server, browser) => {
    const tab = await browser.newPage();
    const requests = [];
    tab.on("request", (r) => requests.push(r.url()));

    // The header of every page leads to the search page of its language.
    await tab.goto(`${server.url}reports/carter/`);
    await tab.locator("header a.search-link").click();
    await tab.waitForURL(/\/search\/$/);
    assert.equal(await tab.locator("html").getAttribute("lang"), "ar");
    assert.equal(await tab.locator("label[for=search-query]").innerText(), "ابحث في الموقع");
    // Nothing of the index is fetched before the reader types.
    assert.equal(requests.filter((u) => u.endsWith(".json")).length, 0);
    assert.equal(await tab.locator(".search-needs-script").count(), 0);

    // Without the article, the hamza and the vowel marks the page has; the page hidden from
    // search stays hidden.
    let found = await search(tab, "الامم المتحدة");
    assert.deepEqual(found.links, ["/reports/geneva/"]);
    assert.equal(found.status, "نتيجة واحدة");
    assert.deepEqual(found.marked, ["الأُمَم", "المتّحدة"]);
    assert.match(await tab.locator(".search-results .when").innerText(), /تقرير\s*١٠ آذار ٢٠٢٢/);

    // المجتمع finds للمجتمع and the newest page first when they weigh the same.
    found = await search(tab, "المجتمع المدني");
    assert.deepEqual(found.links, ["/reports/geneva/", "/reports/carter/"]);
    assert.equal(found.status, "نتيجتان");
    assert.ok(found.marked.includes("للمجتمع"), found.marked.join(" "));

    // Digits as either script writes them; a word as it is being typed.
    assert.deepEqual((await search(tab, "٢٠٢١")).links, ["/reports/carter/"]);
    assert.deepEqual((await search(tab, "2021")).links, ["/reports/carter/"]);
    assert.deepEqual((await search(tab, "كارت")).links, ["/reports/carter/"]);
    found = await search(tab, "غيرموجود");
    assert.equal(found.status, "لم يُعثر على شيء.");
    assert.equal(found.links.length, 0);

    // Every file fetched is the site's own.
    const origin = new URL(server.url).origin;
    assert.ok(requests.every((u) => new URL(u).origin === origin), requests.join("\n"));

    // The address keeps the query: opened again, the page searches it at once.
    await tab.goto(`${server.url}en/search/?q=elders`);
    await tab.waitForFunction(() => document.querySelector(".search-status").dataset.query === "elders");
    assert.deepEqual(await tab.locator(".search-results li h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname)), ["/en/reports/geneva/"]);
    assert.equal(await tab.locator("#search-query").inputValue(), "elders");
    assert.equal((await tab.locator(".search-status").innerText()).trim(), "1 result");
    assert.equal(await tab.locator(".search-results .when .kind").innerText(), "Report");
    // Words in the first, a middle and the last word file; a beginning that spans files.
    for (const word of ["aardvark", "zeta3000", "zeta5999", "zeta"]) {
      assert.deepEqual((await search(tab, word)).links, ["/en/reports/lexicon/"], word);
    }
    // Arabic pages are not in the English index.
    assert.equal((await search(tab, "المجتمع")).links.length, 0);

    // While results show, the list of every page makes way for them.
    assert.equal(await tab.locator(".search-browse").isVisible(), false);

    // Kurmanji: sivil finds sivîl.
    await tab.goto(`${server.url}ku/search/`);
    assert.deepEqual((await search(tab, "sivil")).links, ["/ku/about/"]);

    // Without JavaScript the page says so and lists every page the search holds.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(`${server.url}search/`);
    assert.match(await noScript.locator("main").innerText(), /يعمل البحث بجافاسكربت/);
    const listed = await noScript.locator(".search-browse li a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.deepEqual(listed.sort(), ["/reports/carter/", "/reports/geneva/"]);
    await plain.close();

    // A page saved while the preview runs is found after the reload it triggers.
    // The preview's live reload may cut a visit short while it rebuilds; such a visit is tried again.
    site.write("content/reports/new.md", "+++\ntitle = \"تقرير جديد\"\ndate = 2024-01-01\n+++\nعن حرية الصحافة.\n");
    await assert.doesNotReject(async () => {
      let cut = "";
      for (let tries = 0; tries < 50; tries++) {
        try {
          await tab.goto(`${server.url}search/?q=${encodeURIComponent("الصحافة")}`);
          await tab.waitForFunction(() => document.querySelector(".search-status").dataset.query);
          if ((await tab.locator(".search-results li h2 a").count()) === 1) return;
        } catch (error) {
          cut = String(error);
        }
        await tab.waitForTimeout(200);
      }
      throw new Error(`the saved page was never found ${cut}`);
    });
  }));

test("on the demo site, the searches its readers make find their pages in their language", () =>
  withPreview({}, async (site, server, browser) => {
    const tab = await browser.newPage();
    const requests = [];
    tab.on("request", (r) => requests.push(r.url()));
    await tab.goto(`${server.url}search/`);
    // Written الأمم المتحدة in the Geneva report.
    let found = await search(tab, "الامم المتحدة");
    assert.ok(found.links.includes("/reports/geneva-2022/"), found.links.join(" "));
    assert.ok(found.marked.includes("الأمم"), found.marked.join(" "));
    // Pages that write والمجتمع or للمجتمع.
    found = await search(tab, "المجتمع المدني");
    for (const page of ["/about/advocacy-unit/", "/reports/carter-elders-2021/", "/statements/geneva-2022-closing-message/"]) {
      assert.ok(found.links.includes(page), `${page} in ${found.links.join(" ")}`);
    }
    for (const year of ["٢٠٢١", "2021"]) {
      assert.ok((await search(tab, year)).links.includes("/reports/carter-elders-2021/"), year);
    }
    assert.ok(found.links.every((l) => !/^\/(en|ku)\//.test(l)), found.links.join(" "));

    await tab.goto(`${server.url}en/search/`);
    found = await search(tab, "elders");
    assert.equal(found.links[0], "/en/reports/carter-elders-2021/");
    assert.ok(found.links.every((l) => l.startsWith("/en/")), found.links.join(" "));

    await tab.goto(`${server.url}ku/search/`);
    found = await search(tab, "sivil");
    assert.ok(found.links.length > 0 && found.links.every((l) => l.startsWith("/ku/")), found.links.join(" "));
    assert.ok(found.marked.some((w) => /sivîl/i.test(w)), found.marked.join(" "));

    const origin = new URL(server.url).origin;
    assert.ok(requests.every((u) => new URL(u).origin === origin), requests.join("\n"));
  }, (site) => {
    // The demo site as it is: its content, over the copy of its config, theme and strings.
    cpSync(join(repo, "content"), join(site.root, "content"), { recursive: true });
  }));
