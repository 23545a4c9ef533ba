// Claims panel: clicking a claim card (or one quoted version) scrolls the quoted passages of the
// comparison columns into view and flashes them. Without this file the links still jump.
"use strict";

(() => {
  const FLASH = "quote-flash";
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // The marked passage, plus any continuation pieces the comparison page tags with data-quote.
  function passages(anchor) {
    const first = document.getElementById(anchor);
    if (!first) return [];
    const rest = document.querySelectorAll(`[data-quote="${CSS.escape(anchor)}"]`);
    return [first, ...[...rest].filter((el) => el !== first)];
  }

  function flash(anchors) {
    const found = anchors.flatMap(passages);
    const seen = new Set();
    for (const el of found) {
      el.classList.remove(FLASH);
      void el.offsetWidth; // restart the animation
      el.classList.add(FLASH);
      window.setTimeout(() => el.classList.remove(FLASH), 2500);
      // One passage per article column is enough to bring that column to it.
      const column = el.closest("[data-article], article, section") || el;
      if (!seen.has(column)) {
        seen.add(column);
        el.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
      }
    }
    return found.length > 0;
  }

  function anchorsOf(card) {
    return (card.dataset.quotes || "").split(" ").filter(Boolean);
  }

  // The "Show in the texts" buttons only make sense where the passages are on the page.
  function revealButtons(root) {
    for (const card of root.querySelectorAll(".claim-card")) {
      const button = card.querySelector(".claim-show");
      if (button) button.hidden = !anchorsOf(card).some((a) => document.getElementById(a));
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.claim-quote");
    if (link) {
      if (flash([decodeURIComponent(link.hash.slice(1))])) event.preventDefault();
      return;
    }
    const card = event.target.closest(".claim-card");
    if (!card || event.target.closest("a, select, input, textarea")) return;
    flash(anchorsOf(card));
  });

  document.addEventListener("DOMContentLoaded", () => revealButtons(document));
  document.addEventListener("htmx:load", (event) => revealButtons(event.detail.elt));
})();
