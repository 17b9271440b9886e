/*
 * Two things Material leaves out, for keyboard and screen-reader users. No framework, nothing loaded
 * from other hosts; safe to run again on every page Material's instant navigation shows (`document$`).
 *
 * - "Copied to clipboard" (code blocks, the channel header's Copy button) appears in Material's
 *   `.md-dialog` box, which is not a live region, so a screen reader says nothing after a copy: make the
 *   box a polite status.
 * - A table wider than its column scrolls sideways inside Material's `.md-typeset__scrollwrap`, and a
 *   long line scrolls a code block (`pre > code`, also the text of a diagram not drawn yet); with no link
 *   inside, a keyboard cannot reach them to scroll. Such a frame becomes a named, focusable region (and
 *   stops being one when the window grows wide enough).
 */
(function () {
  "use strict";

  function markDialog() {
    var dialog = document.querySelector(".md-dialog");
    if (!dialog || dialog.getAttribute("role") === "status") return;
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
  }

  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (frame) {
      if (frame.scrollWidth > frame.clientWidth + 1) {
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        var what = frame.tagName === "CODE" ? "Code" : "Table";
        frame.setAttribute("aria-label", what + " (scrolls sideways)");
      } else if (frame.getAttribute("role") === "region") {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    });
  }

  function setup() {
    markDialog();
    markScrollingTables();
  }

  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollingTables, 200);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
