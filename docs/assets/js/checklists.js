/*
 * Runbook checklists (the Checklists page): ticks are kept in this browser, per checklist and per
 * duty period, so a new period starts with a clean list.
 *
 * Each `.hb-checklist` element's `data-hb-checklist` attribute (see macros/checklist_pages.py) holds
 * the checklist id, its rotation and the rotation's periods as [start, end] UTC timestamps. The ticks
 * are stored in localStorage under `hb-checklist:<id>:<start of the current period>` (`…:unscheduled`
 * outside the schedule, `…:always` for a checklist of no rotation); keys of other periods of the same
 * checklist are removed. The period is looked up again every minute and when the tab comes back, so a
 * page left open across a hand-off starts clean too.
 *
 * No framework, no request. Re-run on every page Material's instant navigation shows (`document$`).
 */
(function () {
  "use strict";
  // Loaded with the page's content (see macros/pages/page_scripts.py): Material's instant navigation runs it
  // again on each page that has the widget, so it sets up once and then follows document$ for every page.
  if (window.hbChecklistsLoaded) return;
  window.hbChecklistsLoaded = true;

  var PREFIX = "hb-checklist:";
  var memory = {}; // used when localStorage is not available (some private modes)

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return memory[key] || null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { memory[key] = value; }
  }

  function storageRemove(key) {
    try { window.localStorage.removeItem(key); } catch (error) { /* memory only */ }
    delete memory[key];
  }

  function storageKeys() {
    var keys = Object.keys(memory);
    try {
      for (var i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
    } catch (error) { /* memory only */ }
    return keys;
  }

  function currentPeriod(periods, now) {
    for (var i = 0; i < periods.length; i++) {
      if (Date.parse(periods[i][0]) <= now && now < Date.parse(periods[i][1])) return periods[i];
    }
    return null;
  }

  function describe(moment) {
    return new Date(moment).toLocaleString(undefined, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    });
  }

  function storageKey(config, period) {
    if (!config.rotation) return PREFIX + config.id + ":always";
    return PREFIX + config.id + ":" + (period ? period[0] : "unscheduled");
  }

  function setup(root) {
    if (root.getAttribute("data-hb-ready") === "1") return;
    var config;
    try {
      config = JSON.parse(root.getAttribute("data-hb-checklist"));
    } catch (error) {
      return;
    }
    root.setAttribute("data-hb-ready", "1");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-item]"));
    var note = root.querySelector("[data-hb-period]");
    var progress = root.querySelector(".hb-checklist__progress");
    var key = null;

    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) {
        return box.getAttribute("data-item");
      });
    }

    function showProgress() {
      progress.textContent = ticked().length + " of " + boxes.length + " done";
    }

    function save() {
      var items = ticked();
      if (items.length) storageSet(key, JSON.stringify(items)); else storageRemove(key);
      showProgress();
    }

    function load() {
      var stored = [];
      try { stored = JSON.parse(storageGet(key) || "[]"); } catch (error) { stored = []; }
      boxes.forEach(function (box) { box.checked = stored.indexOf(box.getAttribute("data-item")) !== -1; });
      showProgress();
    }

    function prune() {
      storageKeys().forEach(function (other) {
        if (other && other.indexOf(PREFIX + config.id + ":") === 0 && other !== key) storageRemove(other);
      });
    }

    function describePeriod(period) {
      if (!config.rotation) return "Ticks are saved in this browser until you untick them.";
      if (!period) return "No duty period is scheduled now: ticks are saved in this browser until one starts.";
      return "Ticks are saved in this browser for the current duty period, " + describe(Date.parse(period[0])) +
        " to " + describe(Date.parse(period[1])) + " (your time); the next period starts with a clean list.";
    }

    function refresh() {
      var period = currentPeriod(config.periods || [], Date.now());
      var next = storageKey(config, period);
      if (next === key) return;
      key = next;
      prune();
      note.textContent = describePeriod(period);
      load();
    }

    boxes.forEach(function (box) { box.addEventListener("change", save); });
    root.querySelector(".hb-checklist__reset").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save();
    });
    root.querySelector(".hb-checklist__print").addEventListener("click", function () {
      var heading = root.previousElementSibling;
      var marked = [root];
      if (heading && /^H[1-6]$/.test(heading.tagName)) marked.push(heading);
      marked.forEach(function (element) { element.classList.add("hb-print-target"); });
      document.body.classList.add("hb-printing");
      window.addEventListener("afterprint", function done() {
        window.removeEventListener("afterprint", done);
        marked.forEach(function (element) { element.classList.remove("hb-print-target"); });
        document.body.classList.remove("hb-printing");
      });
      window.print();
    });
    root.hbRefresh = refresh;
    refresh();
  }

  function setupAll() {
    document.querySelectorAll(".hb-checklist[data-hb-checklist]").forEach(setup);
  }

  function refreshAll() {
    document.querySelectorAll(".hb-checklist[data-hb-ready]").forEach(function (root) {
      if (typeof root.hbRefresh === "function") root.hbRefresh();
    });
  }

  window.setInterval(refreshAll, 60 * 1000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refreshAll();
  });

  var follow = () => window.document$ && typeof window.document$.subscribe === "function"
    ? window.document$.subscribe(setupAll) : setupAll();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
