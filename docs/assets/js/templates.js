/*
 * Fill-in templates (the Templates page): typing in a field updates the text, one click copies it.
 *
 * The filling rules are those of macros/pages/template_fill.py (optional parts: macros/model/template_text.py),
 * written again here line for line; a browser test fills every template both ways and compares. The copy
 * button copies the filled text with its paragraphs re-flowed (`copyText`, as `copy_text` in Python).
 * Each template is a `.hb-template` element whose `data-hb-template` attribute holds the body, the fields
 * and the on-duty names as of the build.
 * Prefills: `today` is the reader's local date plus `offsetDays`; `on-duty` is whoever holds the role
 * now according to api/schedule.json, or the build's answer when that file cannot be read. A field the
 * reader has typed in is never overwritten by a prefill.
 *
 * No framework and no request to any other host. Re-run on every page Material's instant navigation
 * shows (`document$`), and safe to run twice on the same element.
 */
(function () {
  "use strict";
  // Loaded with the page's content (see macros/pages/page_scripts.py): Material's instant navigation runs it
  // again on each page that has the widget, so it sets up once and then follows document$ for every page.
  if (window.hbTemplatesLoaded) return;
  window.hbTemplatesLoaded = true;

  var BLANK = /\[\[([a-z0-9][a-z0-9-]*)\]\]/g;
  var RUNS = /[ \t\r\n]+/g;
  var TRAILING = /[ \t]+$/;
  var TYPED_MARKER = /^(?:[-*+\u2022]|[0-9]+[.)])[ \t]+/;
  var INDENT_ONLY = /^[ \t]*$/;
  var BULLET_PREFIX = /^([ \t]*)([-*+\u2022])([ \t]+)$/;
  var NUMBER_PREFIX = /^([ \t]*)([0-9]+)([.)])([ \t]+)$/;
  var MARK = /\[\[(if|end) ([a-z0-9][a-z0-9-]*)\]\]/g;
  var FENCE = /^[ \t]*(?:```|~~~)/;
  var ENDS_BLOCK = /^[ \t]*(?:#{1,6}(?:[ \t]|$)|\|)/;
  var LIST_ITEM = /^[ \t]*(?:[-*+\u2022]|[0-9]+[.)])[ \t]/;
  var STARTS_BLOCK = /^[ \t]*(?:[-*+\u2022][ \t]|[0-9]+[.)][ \t]|#{1,6}(?:[ \t]|$)|>|\|)/;

  function isBlank(value) {
    return value.replace(/[ \t]/g, "") === "";
  }

  /* The text a mark removes: its whole line (with the line break) when it stands alone there. */
  function markSpan(text, start, end) {
    var lineStart = text.lastIndexOf("\n", start - 1) + 1;
    var lineEnd = text.indexOf("\n", end);
    if (lineEnd < 0) lineEnd = text.length;
    if (!isBlank(text.slice(lineStart, start)) || !isBlank(text.slice(end, lineEnd))) return [start, end];
    return [lineStart, Math.min(lineEnd + 1, text.length)];
  }

  /* The paired [[if f]]…[[end f]] parts; unpaired marks stay as text (see optional_parts in Python). */
  function optionalParts(text) {
    var parts = [];
    var opened = null;
    var match;
    MARK.lastIndex = 0;
    while ((match = MARK.exec(text)) !== null) {
      var span = markSpan(text, match.index, match.index + match[0].length);
      if (match[1] === "if") {
        if (opened === null) opened = { field: match[2], start: span[0], innerStart: span[1] };
        continue;
      }
      if (opened === null || opened.field !== match[2]) continue;
      parts.push({ field: opened.field, start: opened.start, innerStart: opened.innerStart,
        innerEnd: span[0], end: span[1] });
      opened = null;
    }
    return parts;
  }

  function normaliseNewlines(value) {
    return value.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
  }

  function stripSpaces(value) {
    return value.replace(/^ +/, "").replace(/ +$/, "");
  }

  function listItems(value) {
    var items = [];
    normaliseNewlines(value).split("\n").forEach(function (line) {
      var item = stripSpaces(line.replace(RUNS, " "));
      item = stripSpaces(item.replace(TYPED_MARKER, ""));
      if (item) items.push(item);
    });
    return items;
  }

  function cleanValue(kind, value) {
    value = normaliseNewlines(value || "");
    if (kind === "multiline") {
      var lines = value.split("\n").map(function (line) { return line.replace(TRAILING, ""); });
      while (lines.length && !lines[0]) lines.shift();
      while (lines.length && !lines[lines.length - 1]) lines.pop();
      return lines.join("\n");
    }
    if (kind === "list") return listItems(value).join("\n");
    return stripSpaces(value.replace(RUNS, " "));
  }

  function renderList(items, prefix) {
    var bullet = BULLET_PREFIX.exec(prefix);
    if (bullet) return items.join("\n" + bullet[1] + bullet[2] + bullet[3]);
    var number = NUMBER_PREFIX.exec(prefix);
    if (number) {
      var start = parseInt(number[2], 10);
      return items.map(function (item, index) {
        return index === 0 ? item : number[1] + (start + index) + number[3] + number[4] + item;
      }).join("\n");
    }
    if (INDENT_ONLY.test(prefix)) {
      return items.map(function (item) { return "- " + item; }).join("\n" + prefix);
    }
    return items.join(", ");
  }

  function valueOf(values, fieldId) {
    return Object.prototype.hasOwnProperty.call(values, fieldId) ? values[fieldId] : "";
  }

  function resolveOptional(text, kinds, values) {
    var out = "";
    var position = 0;
    optionalParts(text).forEach(function (part) {
      if (!Object.prototype.hasOwnProperty.call(kinds, part.field)) return;
      out += text.slice(position, part.start);
      if (cleanValue(kinds[part.field], valueOf(values, part.field))) out += text.slice(part.innerStart, part.innerEnd);
      position = part.end;
    });
    return out + text.slice(position);
  }

  function rawSegments(body, fields, values) {
    var kinds = {};
    fields.forEach(function (field) { kinds[field.id] = field.type; });
    var text = resolveOptional(normaliseNewlines(body), kinds, values);
    var out = [];
    var position = 0;
    var match;
    BLANK.lastIndex = 0;
    while ((match = BLANK.exec(text)) !== null) {
      var fieldId = match[1];
      if (!Object.prototype.hasOwnProperty.call(kinds, fieldId)) continue;
      if (match.index > position) out.push({ text: text.slice(position, match.index), field: null, filled: false });
      position = match.index + match[0].length;
      var kind = kinds[fieldId];
      var value = cleanValue(kind, valueOf(values, fieldId));
      if (!value) {
        out.push({ text: match[0], field: fieldId, filled: false });
        continue;
      }
      if (kind === "list") {
        var prefix = text.slice(text.lastIndexOf("\n", match.index - 1) + 1, match.index);
        value = renderList(value.split("\n"), prefix);
      }
      out.push({ text: value, field: fieldId, filled: true });
    }
    if (position < text.length) out.push({ text: text.slice(position), field: null, filled: false });
    return out;
  }

  /* Drop spaces and tabs that end a line and line breaks that end the text, wherever they came from. */
  function tidy(pieces) {
    var kept = [];
    var pending = [];
    pieces.forEach(function (piece, index) {
      for (var i = 0; i < piece.text.length; i++) {
        var char = piece.text.charAt(i);
        if (char === " " || char === "\t") {
          pending.push([char, index]);
          continue;
        }
        if (char !== "\n") kept = kept.concat(pending);
        pending = [];
        kept.push([char, index]);
      }
    });
    while (kept.length && kept[kept.length - 1][0] === "\n") kept.pop();
    var out = [];
    var owners = [];
    kept.forEach(function (entry) {
      if (owners.length && owners[owners.length - 1] === entry[1]) {
        out[out.length - 1].text += entry[0];
      } else {
        var piece = pieces[entry[1]];
        out.push({ text: entry[0], field: piece.field, filled: piece.filled });
        owners.push(entry[1]);
      }
    });
    return out;
  }

  /* The filled text in pieces ({text, field, filled}), as shown; see segments() in template_fill.py. */
  function segments(body, fields, values) {
    return tidy(rawSegments(body, fields, values));
  }

  function fill(body, fields, values) {
    return segments(body, fields, values).map(function (s) { return s.text; }).join("");
  }

  /* The text of the pieces with the template's own line breaks inside paragraphs made spaces. */
  function reflow(pieces) {
    var lines = [""];
    var literalBreaks = [];
    pieces.forEach(function (piece) {
      var chunks = piece.text.split("\n");
      lines[lines.length - 1] += chunks[0];
      for (var i = 1; i < chunks.length; i++) {
        literalBreaks.push(piece.field === null);
        lines.push(chunks[i]);
      }
    });
    var inCode = [];
    var fenced = false;
    lines.forEach(function (line) {
      var fence = FENCE.test(line);
      inCode.push(fenced || fence);
      if (fence) fenced = !fenced;
    });
    var out = lines[0];
    var inItem = LIST_ITEM.test(lines[0]);
    for (var index = 1; index < lines.length; index++) {
      var before = lines[index - 1];
      var line = lines[index];
      var indented = line.charAt(0) === " " || line.charAt(0) === "\t";
      var joined = literalBreaks[index - 1] && !inCode[index - 1] && !inCode[index] &&
        !isBlank(before) && !isBlank(line) && !ENDS_BLOCK.test(before) && !STARTS_BLOCK.test(line) &&
        !(inItem && !indented);
      out += joined ? " " + line.replace(/^[ \t]+/, "") : "\n" + line;
      if (!joined) inItem = LIST_ITEM.test(line);
    }
    return out;
  }

  function copyText(body, fields, values) {
    return reflow(segments(body, fields, values));
  }

  /* --- prefills -------------------------------------------------------------------------------- */

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function localDate(offsetDays) {
    var now = new Date();
    var day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + (offsetDays || 0));
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  var schedules = {};

  function loadSchedule(url) {
    if (!schedules[url]) {
      schedules[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      schedules[url].catch(function () { delete schedules[url]; });
    }
    return schedules[url];
  }

  function holderNow(schedule, rotation, role) {
    var now = Date.now();
    var shifts = (schedule && schedule.shifts) || [];
    for (var i = 0; i < shifts.length; i++) {
      var shift = shifts[i];
      if (shift.rotation === rotation && shift.role === role &&
          Date.parse(shift.start) <= now && now < Date.parse(shift.end)) {
        return shift.name || shift.person || "";
      }
    }
    return "";
  }

  /* --- one template on the page ---------------------------------------------------------------- */

  function writeToClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain-http intranets have no Clipboard API: copy through a temporary, invisible textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setup(root) {
    if (root.getAttribute("data-hb-ready") === "1") return;
    var config;
    try {
      config = JSON.parse(root.getAttribute("data-hb-template"));
    } catch (error) {
      return;
    }
    root.setAttribute("data-hb-ready", "1");
    var output = root.querySelector(".hb-template__text");
    var copy = root.querySelector(".hb-template__copy");
    var clear = root.querySelector(".hb-template__clear");
    var status = root.querySelector(".hb-template__status");
    var inputs = {};
    var edited = {};
    root.querySelectorAll("[data-field]").forEach(function (input) {
      inputs[input.getAttribute("data-field")] = input;
    });

    function values() {
      var result = {};
      Object.keys(inputs).forEach(function (id) { result[id] = inputs[id].value; });
      return result;
    }

    function render() {
      var pieces = segments(config.body, config.fields, values());
      var fragment = document.createDocumentFragment();
      pieces.forEach(function (piece) {
        if (piece.field === null) {
          fragment.appendChild(document.createTextNode(piece.text));
          return;
        }
        var mark = document.createElement("mark");
        mark.className = "hb-blank " + (piece.filled ? "hb-blank--filled" : "hb-blank--empty");
        mark.textContent = piece.text;
        fragment.appendChild(mark);
      });
      output.textContent = "";
      output.appendChild(fragment);
    }

    function prefill(field, value) {
      var input = inputs[field.id];
      if (!input || edited[field.id] || !value) return;
      input.value = value;
    }

    function applyPrefills() {
      var waiting = false;
      config.fields.forEach(function (field) {
        if (field.prefill === "today") prefill(field, localDate(field.offsetDays));
        if (field.prefill === "on-duty") {
          prefill(field, config.onDuty[field.id]);
          waiting = true;
        }
      });
      render();
      if (!waiting || !config.scheduleUrl) return;
      loadSchedule(config.scheduleUrl).then(function (schedule) {
        config.fields.forEach(function (field) {
          if (field.prefill !== "on-duty") return;
          var name = holderNow(schedule, config.rotation, field.role);
          if (!edited[field.id]) inputs[field.id].value = name;
        });
        render();
      }, function () { /* keep the build's answer, already filled in */ });
    }

    Object.keys(inputs).forEach(function (id) {
      inputs[id].addEventListener("input", function () {
        edited[id] = true;
        status.textContent = "";
        render();
      });
    });
    copy.addEventListener("click", function () {
      writeToClipboard(copyText(config.body, config.fields, values())).then(function () {
        status.textContent = "Copied.";
      }, function () {
        status.textContent = "Could not copy: select the text and copy it by hand.";
      });
    });
    clear.addEventListener("click", function () {
      Object.keys(inputs).forEach(function (id) {
        inputs[id].value = "";
        edited[id] = false;
      });
      status.textContent = "";
      applyPrefills();
    });
    copy.disabled = false;
    clear.disabled = false;
    applyPrefills();
  }

  function setupAll() {
    document.querySelectorAll(".hb-template[data-hb-template]").forEach(setup);
  }

  // For the browser tests, which check that this file and template_fill.py fill alike.
  window.handbookTemplates = { fill: fill, segments: segments, copyText: copyText, localDate: localDate };

  var follow = () => window.document$ && typeof window.document$.subscribe === "function"
    ? window.document$.subscribe(setupAll) : setupAll();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
