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

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const container = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement)?.closest("[data-note-article]");
    const column = container(range.startContainer);
    if (!column || column !== container(range.endContainer)) return null;
    const start = textOffset(range.startContainer, range.startOffset);
    const end = textOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { article: column.dataset.noteArticle, start, end, text: selection.toString() };
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
