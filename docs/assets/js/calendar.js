/*
 * Calendar feeds (the Calendar page, and any page that shows a feed's subscribe links).
 *
 * Each feed is a `.duty-feed` element holding a web link to the .ics file (`a.duty-feed-link`, relative,
 * written by MkDocs), a `webcal://` link and a "Copy link" button. Calendar apps need the absolute
 * address, which only the browser knows for sure: it is the web link resolved against this page. This
 * script writes it into the webcal link and into the button's `data-clipboard-text`, which Material's
 * clipboard support copies on click, and shows both. Without JavaScript, the web link still works
 * (copy its address from the context menu).
 *
 * No framework and no request to any other host. Re-run on every page Material's instant navigation
 * shows (`document$`); safe to run twice on the same element.
 */
(function () {
  "use strict";

  function enhance() {
    document.querySelectorAll(".duty-feed").forEach(function (feed) {
      var link = feed.querySelector("a.duty-feed-link");
      if (!link || !/^https?:/.test(link.href)) return;
      var absolute = link.href;
      var webcal = feed.querySelector("a.duty-feed-webcal");
      var copy = feed.querySelector("button.duty-feed-copy");
      if (webcal) {
        webcal.setAttribute("href", absolute.replace(/^https?:/, "webcal:"));
        webcal.hidden = false;
      }
      if (copy) {
        copy.setAttribute("data-clipboard-text", absolute);
        copy.hidden = false;
      }
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
