// Review notes: select text inside a column ([data-note-article], paragraphs with
// data-start) to open the note form; a note mark opens its notes in the list.
(() => {
  "use strict";

  // Offset of (node, offset) in the article's clean text: the paragraph's data-start plus the
  // text before it in that paragraph (mark counts are drawn by CSS, so they add no text).
  function textOffset(node, offset) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const paragraph = element && element.closest("[data-start]");
    if (!paragraph) return null;
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    return Number(paragraph.dataset.start) + range.toString().length;
  }

  const column = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement)?.closest("[data-note-article]");

  // In a diff ([data-note-join]) the text is cut into segments of either article: a selection
  // belongs to the article of its first segment and ends in that article's last segment it
  // reaches (a boundary in a +/− marker moves to the nearest segment).
  function joinedSpan(range, join) {
    const segments = Array.from(join.querySelectorAll("[data-note-article]"));
    let start = [range.startContainer, range.startOffset];
    let first = column(range.startContainer);
    if (!first || !join.contains(first)) {
      first = segments.find((s) => range.comparePoint(s, 0) >= 0 && range.intersectsNode(s));
      if (!first) return null;
      start = [first, 0];
    }
    const article = first.dataset.noteArticle;
    let end = [range.endContainer, range.endOffset];
    const last = column(range.endContainer);
    if (!last || last.dataset.noteArticle !== article) {
      const reached = segments.filter((s) => s.dataset.noteArticle === article && range.intersectsNode(s));
      const closing = reached[reached.length - 1];
      if (!closing) return null;
      end = [closing, closing.childNodes.length];
    }
    return { article, start: textOffset(...start), end: textOffset(...end) };
  }

  // The selected words as they read: without a diff's +/− markers and screen-reader labels.
  function readText(range) {
    const copy = document.createElement("div");
    copy.append(range.cloneContents());
    copy.querySelectorAll(".marker, .visually-hidden").forEach((n) => n.remove());
    return copy.textContent;
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const startNode = range.startContainer.nodeType === Node.ELEMENT_NODE ? range.startContainer : range.startContainer.parentElement;
    const join = startNode && startNode.closest("[data-note-join]");
    let span;
    if (join) {
      span = joinedSpan(range, join);
    } else {
      const col = column(range.startContainer);
      if (!col || col !== column(range.endContainer)) return null;
      span = {
        article: col.dataset.noteArticle,
        start: textOffset(range.startContainer, range.startOffset),
        end: textOffset(range.endContainer, range.endOffset),
      };
    }
    if (!span || span.start === null || span.end === null || span.end <= span.start) return null;
    return { ...span, text: readText(range) };
  }

  let pending = null;

  function offerNote() {
    const button = document.getElementById("note-add");
    if (!button) return;
    pending = selectedSpan();
    button.hidden = pending === null;
  }

  function openForm() {
    const form = document.getElementById("note-form");
    if (!form || !pending) return;
    form.elements.article.value = pending.article;
    form.elements.start.value = pending.start;
    form.elements.end.value = pending.end;
    form.querySelector("[data-note-preview]").textContent = pending.text;
    form.hidden = false;
    document.getElementById("note-add").hidden = true;
    form.elements.text.focus();
  }

  function openNotes(mark) {
    const first = (mark.dataset.notes || "").split(" ")[0];
    const item = document.getElementById("note-item-" + first);
    if (item) {
      item.scrollIntoView({ block: "nearest" });
      item.focus();
    }
  }

  document.addEventListener("mouseup", () => setTimeout(offerNote, 0));
  document.addEventListener("keyup", (event) => {
    if (event.shiftKey || event.key === "Shift") offerNote();
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("#note-add")) openForm();
    else if (event.target.closest("[data-note-cancel]")) {
      document.getElementById("note-form").hidden = true;
    } else if (event.target.closest("mark.note-mark")) openNotes(event.target.closest("mark.note-mark"));
  });
  document.addEventListener("keydown", (event) => {
    const mark = event.target.closest && event.target.closest("mark.note-mark");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openNotes(mark);
    }
  });
})();
