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
      quietly(column, () => { column.scrollTop = Math.max(0, top); });
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
    document.body.classList.remove("passage-open");
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
  // Without JavaScript its links carry the state in the URL (side=open|closed); here the URL is
  // left alone, so htmx's history snapshots stay valid for Back and Forward.
  function showSide(open) {
    const layout = document.getElementById("compare-layout");
    const hide = document.querySelector(".side-hide");
    if (!layout || !hide) return;
    layout.classList.toggle("side-hidden", !open);
    hide.setAttribute("aria-expanded", open ? "true" : "false");
    hide.textContent = open ? hide.dataset.hideLabel : hide.dataset.showLabel;
  }

  function selectTab(tab) {
    document.querySelectorAll(".side-tabs [role=tab]").forEach((other) => {
      const on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
    });
  }

  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    const tab = event.target.closest(".side-tabs [role=tab]");
    if (tab) {
      event.preventDefault();
      selectTab(tab);
      showSide(true);
      return;
    }
    const hide = event.target.closest(".side-hide");
    if (hide) {
      event.preventDefault();
      showSide(document.getElementById("compare-layout").classList.contains("side-hidden"));
    }
  });

  document.addEventListener("keydown", (event) => {
    const tab = event.target instanceof Element && event.target.closest(".side-tabs [role=tab]");
    if (tab && event.key === " ") {  // a tab is a link: Enter follows it, Space selects it too
      event.preventDefault();
      selectTab(tab);
      showSide(true);
    }
  });

  // Next conflict: the quote spans of claims labelled "conflict", in column order.
  function nextConflict() {
    const spans = Array.from(document.querySelectorAll("#columns .quote-span.conflict"));
    if (!spans.length) return;
    const current = document.activeElement && document.activeElement.closest(".quote-span.conflict");
    const next = spans[(spans.indexOf(current) + 1) % spans.length];
    next.focus({ preventScroll: true });
    reveal(next);
    next.classList.add("quote-flash");
    setTimeout(() => next.classList.remove("quote-flash"), 1500);
  }
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest(".passage-nav [data-conflict]")) nextConflict();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "c" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]")) return;
    nextConflict();
  });

  // Scroll together: when one column scrolls, the others follow. A column shows the counterpart
  // of the first shared passage in view at the same height; without one, the same share of its text.
  // A scroll made here, not by the reader: the other columns do not follow it.
  const timers = new WeakMap();
  function quietly(body, scroll) {
    body.dataset.quiet = "1";
    scroll();
    clearTimeout(timers.get(body));
    timers.set(body, setTimeout(() => { delete body.dataset.quiet; }, 120));
  }
  function follow(source) {
    const box = document.getElementById("columns");
    const sync = document.querySelector("[data-sync]");
    if (!box || (sync && !sync.checked)) return;
    const bodies = Array.from(box.querySelectorAll(".column-body"));
    const top = source.scrollTop;
    const anchor = Array.from(source.querySelectorAll("mark.passage[data-group]")).find((m) => m.offsetTop + m.offsetHeight > top);
    const share = top / Math.max(1, source.scrollHeight - source.clientHeight);
    bodies.forEach((body) => {
      if (body === source) return;
      const twin = anchor && body.querySelector(`mark.passage[data-group="${anchor.dataset.group}"]`);
      const goal = twin ? twin.offsetTop - (anchor.offsetTop - top) : share * (body.scrollHeight - body.clientHeight);
      quietly(body, () => { body.scrollTop = goal; });
    });
  }
  document.addEventListener("scroll", (event) => {
    const body = event.target instanceof Element && event.target.classList.contains("column-body") ? event.target : null;
    if (body && !body.dataset.quiet) follow(body);
  }, true);

  // Reveal a mark inside its own column (and the column inside the column set), not the page.
  function reveal(el) {
    const body = el.closest(".column-body");
    if (body) {
      quietly(body, () => { body.scrollTop = el.offsetTop - body.clientHeight / 3; });
    }
    const column = el.closest(".column");
    const box = document.getElementById("columns");
    if (column && box) {
      const left = column.offsetLeft - box.offsetLeft;
      if (left < box.scrollLeft || left + column.offsetWidth > box.scrollLeft + box.clientWidth) {
        box.scrollLeft = left;
      }
    }
  }
  // The columns fill the rest of the first screen: measure where their text starts.
  function fit() {
    const body = document.querySelector("#columns .column-body");
    if (!body) return;
    const top = body.getBoundingClientRect().top + window.scrollY;
    document.documentElement.style.setProperty("--columns-top", `${Math.round(top + 12)}px`);
  }
  document.addEventListener("DOMContentLoaded", fit);
  document.addEventListener("htmx:afterSettle", fit);
  window.addEventListener("resize", fit);

  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "passage-panel" && event.detail.target.children.length) {
      showSide(true);
      document.body.classList.add("passage-open");
      event.detail.target.focus({ preventScroll: true });  // it was hidden when the swap began
      if (lastMark) reveal(lastMark);
    }
  });
})();
