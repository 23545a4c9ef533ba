// Comparison page: counterpart highlighting, passage panel, n/p navigation, Escape.
// Without this file every passage is still listed with a link to its panel page.
"use strict";

(() => {
  const PASSAGE = "#columns mark.passage[data-group]";
  let lastMark = null;

  const columnOf = (mark) => mark.closest(".column-body, td");
  const firstPieces = () =>
    Array.from(document.querySelectorAll(PASSAGE + ":not([data-continued])"));

  function highlight(mark) {
    const group = mark.dataset.group;
    const own = columnOf(mark);
    document.querySelectorAll(PASSAGE).forEach((el) => {
      const same = el.dataset.group === group;
      el.classList.toggle("active", same && columnOf(el) === own);
      el.classList.toggle("counterpart", same && columnOf(el) !== own);
    });
    // Bring each counterpart into view inside its own scrolling column, not the page.
    const seen = new Set([own]);
    document.querySelectorAll(`${PASSAGE}[data-group="${group}"]`).forEach((el) => {
      const column = columnOf(el);
      if (seen.has(column) || !column.classList.contains("column-body")) return;
      seen.add(column);
      const top = el.offsetTop - column.clientHeight / 3;
      column.scrollTo({ top: Math.max(0, top), behavior: "smooth" });
    });
  }

  function clear() {
    document.querySelectorAll(`${PASSAGE}.active, ${PASSAGE}.counterpart`).forEach((el) => {
      el.classList.remove("active", "counterpart");
    });
  }

  function openPanel(mark) {
    const columns = document.getElementById("columns");
    if (!columns || !window.htmx) return;
    lastMark = mark;
    const url = `${columns.dataset.passageBase}${mark.dataset.group}/?${columns.dataset.query}`;
    window.htmx.ajax("GET", url, { target: "#passage-panel", swap: "innerHTML" });
  }

  function closePanel() {
    const panel = document.getElementById("passage-panel");
    if (!panel || !panel.children.length) return false;
    panel.replaceChildren();
    if (lastMark && document.body.contains(lastMark)) lastMark.focus();
    return true;
  }

  function step(direction) {
    const marks = firstPieces();
    if (!marks.length) return;
    const current = document.activeElement && document.activeElement.closest(PASSAGE);
    let index = current ? marks.indexOf(current) : -1;
    if (current && index === -1) {
      // A continuation piece: start from the first piece of its group in that column.
      index = marks.findIndex((m) => m.dataset.group === current.dataset.group && columnOf(m) === columnOf(current));
    }
    const next = index === -1 ? (direction > 0 ? 0 : marks.length - 1)
      : (index + direction + marks.length) % marks.length;
    marks[next].focus();
  }

  const passageFrom = (target) => target instanceof Element && target.closest(PASSAGE);

  document.addEventListener("mouseover", (event) => {
    const mark = passageFrom(event.target);
    if (mark) highlight(mark);
  });
  document.addEventListener("mouseout", (event) => {
    if (passageFrom(event.target) && !passageFrom(event.relatedTarget)) clear();
  });
  document.addEventListener("focusin", (event) => {
    const mark = passageFrom(event.target);
    if (mark) highlight(mark);
    else clear();
  });
  document.addEventListener("click", (event) => {
    const mark = passageFrom(event.target);
    if (mark) {
      openPanel(mark);
      return;
    }
    const stepper = event.target instanceof Element && event.target.closest(".passage-nav [data-step]");
    if (stepper) step(Number(stepper.dataset.step));
    const close = event.target instanceof Element && event.target.closest("#passage-panel [data-close]");
    if (close && closePanel()) event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      if (closePanel()) event.preventDefault();
      return;
    }
    if (typing) return;
    const mark = passageFrom(event.target);
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openPanel(mark);
    } else if (event.key === "n" || event.key === "p") {
      event.preventDefault();
      step(event.key === "n" ? 1 : -1);
    }
  });

  const showNav = () => document.querySelectorAll(".passage-nav").forEach((nav) => { nav.hidden = false; });
  document.addEventListener("DOMContentLoaded", showNav);
  document.addEventListener("htmx:afterSettle", showNav);

  // Side panel: tabs between claims and framing, and a button that gives the columns the room.
  function setUpSide() {
    const tabs = document.querySelector(".side-tabs");
    if (!tabs || !tabs.hidden) return;
    tabs.hidden = false;
    const select = (tab) => {
      tabs.querySelectorAll("[role=tab]").forEach((other) => {
        const on = other === tab;
        other.setAttribute("aria-selected", on ? "true" : "false");
        document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
      });
    };
    const first = tabs.querySelector("[role=tab]");
    if (first) select(first);
    tabs.addEventListener("click", (event) => {
      const tab = event.target.closest("[role=tab]");
      if (tab) return select(tab);
      const hide = event.target.closest(".side-hide");
      if (!hide) return;
      const layout = document.getElementById("compare-layout");
      const hidden = layout.classList.toggle("side-hidden");
      hide.setAttribute("aria-expanded", hidden ? "false" : "true");
      hide.textContent = hidden ? hide.dataset.showLabel : hide.dataset.hideLabel;
    });
  }
  document.addEventListener("DOMContentLoaded", setUpSide);
  document.addEventListener("htmx:afterSettle", setUpSide);
})();
