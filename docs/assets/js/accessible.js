/*
 * Two things Material leaves out, for keyboard and screen-reader users. No framework, nothing loaded
 * from other hosts; safe to run again on every page Material's instant navigation shows (`document$`).
 *
 * - "Copied to clipboard" (code blocks, the channel header's Copy button) appears in Material's
 *   `.md-dialog` box, which is not a live region, so a screen reader says nothing after a copy: make the
 *   box a polite status.
 * - A table wider than its column scrolls sideways inside Material's `.md-typeset__scrollwrap`; with no
 *   link in it, a keyboard cannot reach it to scroll. Such a frame becomes a named, focusable region
 *   (and stops being one when the window grows wide enough for the table).
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
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (frame) {
      if (frame.scrollWidth > frame.clientWidth + 1) {
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", "Table (scrolls sideways)");
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
