// Framing panel: category toggles highlight one kind of evaluative language in the comparison
// columns (#columns) and in the panel's own headline/lead preview. The page works without it.
"use strict";

const FRAMING_TARGETS = ["columns", "framing-preview"];

function framingApply(category, on) {
  for (const id of FRAMING_TARGETS) {
    const target = document.getElementById(id);
    if (target) target.classList.toggle(`show-ev-${category}`, on);
  }
}

// Show the toggles once this script runs, and keep pressed categories after a swap.
function framingRefresh() {
  for (const group of document.querySelectorAll(".ev-toggles[hidden]")) group.hidden = false;
  for (const button of document.querySelectorAll("button.ev-toggle[aria-pressed='true']")) {
    framingApply(button.dataset.category, true);
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.ev-toggle");
  if (!button || !/^[a-z_-]+$/.test(button.dataset.category || "")) return;
  const on = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(on));
  framingApply(button.dataset.category, on);
});
document.addEventListener("DOMContentLoaded", framingRefresh);
document.addEventListener("htmx:afterSettle", framingRefresh);
