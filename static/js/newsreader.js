// newsreader: small progressive enhancements; every page works without this file.
"use strict";

// After an htmx swap, tell assistive technology where the new content is.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target && target.hasAttribute("data-focus-on-swap")) {
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
});

// The language switch returns to the page as it is now (htmx may have changed its URL).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.classList && form.classList.contains("language-switch")) {
    form.querySelector("input[name=next]").value = location.pathname + location.search + location.hash;
  }
});
