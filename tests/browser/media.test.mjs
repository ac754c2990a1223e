// Galleries and videos in a real browser: the photo view opens from a link, loads its large
// image, answers the arrow keys (mirrored in Arabic) and Escape; a YouTube video makes no
// request to YouTube until the reader clicks, and then only to the privacy-enhanced host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repo, withPreview } from "./harness.mjs";

const bundle = "content/conferences/madaniya-paris-2023";

const siteFiles = { "content/_index.md": "+++\ntitle = \"بيان\"\n+++\n", "content/_index.en.md": "+++\ntitle = \"Bayan\"\n+++\n" };

/** Copies the demo conference into the site, with a YouTube video added. */
function prepareConference(site) {
  cpSync(join(repo, bundle), join(site.root, bundle), { recursive: true });
  for (const file of ["index.md", "index.en.md", "index.ku.md"]) {
    // The closing statement lives in another bundle, not copied here.
    const text = readFileSync(join(site.root, bundle, file), "utf8").replace(/^statement = .*\n/m, "");
    const youtube = "[[videos]]\ntitle = \"Highlights\"\nyoutube = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\nposter = \"videos/highlights-poster.jpg\"\n\n[conference]";
    site.write(join(bundle, file), text.replace("[conference]", youtube));
  }
}

test("the gallery opens, moves with the keys in the page's direction, and closes", () =>
  withPreview(siteFiles, async (site, server, browser) => {
    for (const [path, next, prev] of [["en/", "ArrowRight", "ArrowLeft"], ["", "ArrowLeft", "ArrowRight"]]) {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await tab.goto(`${server.url}${path}conferences/madaniya-paris-2023/`);
      await tab.locator('a.gallery-thumb[href="#photo-3"]').click();
      const view = tab.locator("#photo-3");
      await view.waitFor({ state: "visible" });
      await tab.waitForFunction(() => {
        const img = document.querySelector("#photo-3 img");
        return img && img.complete && img.naturalWidth > 0;
      });
      // The browser picked one of our own sizes, never an original.
      const src = await view.locator("img").evaluate((img) => img.currentSrc);
      assert.match(src, /\/gallery\/03-nine-working-groups-(480|960|1600)\.(webp|jpg)$/);
      await tab.keyboard.press(next);
      await tab.waitForFunction(() => location.hash === "#photo-4");
      await tab.keyboard.press(prev);
      await tab.waitForFunction(() => location.hash === "#photo-3");
      await tab.keyboard.press("Escape");
      await tab.waitForFunction(() => location.hash === "#gallery");
      assert.equal(await tab.locator(".lightbox:target").count(), 0);
      await tab.close();
    }
  }, prepareConference));

test("no request leaves the site until the reader plays a YouTube video", () =>
  withPreview(siteFiles, async (site, server, browser) => {
    const tab = await browser.newPage();
    const requests = [];
    tab.on("request", (request) => requests.push(request.url()));
    await tab.goto(`${server.url}en/conferences/madaniya-paris-2023/`);
    await tab.waitForLoadState("networkidle");
    const own = new URL(server.url).host;
    assert.deepEqual(requests.filter((url) => new URL(url).host !== own), []);

    // The test machine has no internet: answer the player's request here instead. Only from
    // now on: intercepting the page's own requests too slows them enough to time out here.
    await tab.route(/youtube/, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>player</p>" }));

    await tab.locator("a.video-poster").click();
    const frame = tab.locator("iframe.video-frame");
    await frame.waitFor();
    assert.equal(await frame.getAttribute("src"), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
    await tab.waitForTimeout(200);
    const outside = requests.filter((url) => new URL(url).host !== own).map((url) => new URL(url).host);
    assert.deepEqual([...new Set(outside)], ["www.youtube-nocookie.com"]);
  }, prepareConference));
