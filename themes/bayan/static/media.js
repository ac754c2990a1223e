// Bayan: small enhancements of galleries and videos. Everything works without this script:
// gallery views are links, videos are links to their pages.
(() => {
  "use strict";
  // Gallery: arrow keys move between photos (mirrored in right-to-left pages), Escape closes.
  document.addEventListener("keydown", (event) => {
    const open = document.querySelector(".lightbox:target");
    if (!open || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = document.documentElement.dir === "rtl";
    const actions = { Escape: "close", ArrowRight: rtl ? "prev" : "next", ArrowLeft: rtl ? "next" : "prev" };
    const link = actions[event.key] && open.querySelector(`[data-gallery="${actions[event.key]}"]`);
    if (link) {
      event.preventDefault();
      link.click();
    }
  });
  // Move focus into a photo's view when it opens, so keyboard and screen-reader users land there.
  const focusTarget = () => {
    const open = document.querySelector(".lightbox:target");
    if (open) open.querySelector("[data-gallery]")?.focus({ preventScroll: true });
  };
  window.addEventListener("hashchange", focusTarget);
  focusTarget();

  // Videos: load the third-party player only when the reader asks for it.
  for (const poster of document.querySelectorAll("a.video-poster[data-embed]")) {
    poster.addEventListener("click", (event) => {
      event.preventDefault();
      const frame = document.createElement("iframe");
      frame.src = poster.dataset.embed;
      frame.title = poster.dataset.title || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "video-frame";
      poster.replaceWith(frame);
      frame.focus();
    });
  }
})();
