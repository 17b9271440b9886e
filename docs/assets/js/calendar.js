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
  // Loaded with the page's content (see macros/pages/page_scripts.py): Material's instant navigation runs it
  // again on each page that has the widget, so it sets up once and then follows document$ for every page.
  if (window.hbCalendarLoaded) return;
  window.hbCalendarLoaded = true;

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

  var follow = () => window.document$ && typeof window.document$.subscribe === "function"
    ? window.document$.subscribe(enhance) : enhance();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
