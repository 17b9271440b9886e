/*
 * Material shows "Copied to clipboard" (code blocks, the channel header's Copy button) in its `.md-dialog`
 * box, which is not a live region, so a screen reader says nothing after a copy. Make the box one: a
 * polite status. No framework, nothing loaded from other hosts; safe to run on every page shown.
 */
(function () {
  "use strict";

  function markDialog() {
    var dialog = document.querySelector(".md-dialog");
    if (!dialog || dialog.getAttribute("role") === "status") return;
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(markDialog);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markDialog);
  } else {
    markDialog();
  }
})();
