/*
 * The filter box of the Common tasks page: shows only the entries whose text contains every word
 * typed (case-insensitive), hides rotations left empty, and says how many entries match.
 * Material's search covers the whole site; this narrows one page as you type. No request, no framework.
 */
(function () {
  "use strict";
  // Loaded with the page's content (see macros/pages/page_scripts.py): Material's instant navigation runs it
  // again on each page that has the widget, so it sets up once and then follows document$ for every page.
  if (window.hbCommonTasksLoaded) return;
  window.hbCommonTasksLoaded = true;

  function words(value) {
    return value.toLowerCase().split(/\s+/).filter(function (word) { return word.length > 0; });
  }

  function setup(box) {
    if (box.getAttribute("data-hb-ready") === "1") return;
    box.setAttribute("data-hb-ready", "1");
    var input = box.querySelector("input");
    var count = box.querySelector(".hb-task-filter__count");
    var none = document.querySelector(".hb-task-filter__none");
    var tasks = Array.prototype.slice.call(document.querySelectorAll(".hb-task"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".hb-task-group"));
    var texts = tasks.map(function (task) { return task.textContent.toLowerCase(); });

    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      tasks.forEach(function (task, index) {
        var match = wanted.every(function (word) { return texts[index].indexOf(word) !== -1; });
        task.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".hb-task:not([hidden])");
      });
      count.textContent = wanted.length ? shown + " of " + tasks.length + " entries" : "";
      if (none) none.hidden = shown !== 0;
    }

    input.addEventListener("input", apply);
    box.hidden = false;
    apply();
  }

  function setupAll() {
    document.querySelectorAll(".hb-task-filter").forEach(setup);
  }

  var follow = () => window.document$ && typeof window.document$.subscribe === "function"
    ? window.document$.subscribe(setupAll) : setupAll();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
