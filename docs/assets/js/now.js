/* Who is on duty, live: at the viewer's clock, from api/schedule.json, by the rules of
   macros/schedule/onduty.py. Serves every page with a `data-duty-status` element (the "On duty now" page,
   the home page's overview, rotation pages; see macros/pages/now.py and home.py): each `data-duty-rotation`
   block gets its `data-duty-now` (and, where present, `data-duty-next`, hand-off line and channel header,
   whose text per segment the build writes) refreshed. Writes text nodes and the page's person templates only. */
(() => {
  "use strict";
  // Loaded with the page's content (see macros/pages/page_scripts.py): Material's instant navigation runs it
  // again on each page that has the widget, so it sets up once and then follows document$ for every page.
  if (window.hbNowLoaded) return;
  window.hbNowLoaded = true;
  const one = (name, root = document) => root.querySelector(`[data-duty-${name}]`);
  const all = (name, root = document) => [...root.querySelectorAll(`[data-duty-${name}]`)];
  let timer = 0;

  // "Mon 30 Nov 09:00 Europe/Berlin", as zoned() in macros/markup.py.
  const zoned = (ms, zone) => {
    const p = {}, d = "2-digit", s = "short";
    for (const x of new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: s, day: "numeric", month: s,
      hour: d, minute: d, hourCycle: "h23" }).formatToParts(ms)) p[x.type] = x.value;
    return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${zone}`;
  };

  const countdown = (ms) => {
    const m = Math.floor(ms / 6e4), d = Math.floor(m / 1440), h = Math.floor(m % 1440 / 60);
    return m < 1 ? "in less than a minute" : d ? `in ${d} d ${h} h` : h ? `in ${h} h ${m % 60} min` : `in ${m} min`;
  };

  const node = (tag, className, ...kids) => {
    const e = Object.assign(document.createElement(tag), { className });
    e.append(...kids);
    return e;
  };

  // A hand-off is the next instant the people on duty change.
  const running = (list, t) => list.filter((s) => s.a <= t && t < s.b);
  const who = (list) => list.map((s) => [s.role, s.shift, s.person]).sort().join();
  const handoff = (list, t) => {
    const now = who(running(list, t));
    return [...new Set(list.flatMap((s) => [s.a, s.b]))].filter((x) => x > t).sort((x, y) => x - y)
      .find((x) => who(running(list, x)) !== now);
  };

  const fill = (box, list, none = "nobody") => box.replaceChildren(...list.flatMap((s) => [
    s.shift_title ? node("span", "duty-shift", s.shift_title) : "",
    one(`person="${CSS.escape(s.person)}"`)?.content.cloneNode(true) ?? s.name,
  ]), list.length ? "" : node("p", "duty-none", none));
  const UNPUBLISHED = "not in the published schedule";

  // The channel header of each segment is written by the build (macros/pages/now.py); pick the one of now.
  const header = (block, t, none = block.dataset.dutyHeaderNone) => {
    const hit = JSON.parse(block.dataset.dutyHeaders || "[]")
      .find(([a, b]) => Date.parse(a) <= t && t < Date.parse(b));
    return hit ? hit[2] : none;
  };

  const update = (status, data) => {
    const t = Date.now(), here = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    for (const block of all("rotation")) {
      const zone = block.dataset.dutyZone, rows = all("role", block), roles = rows.map((r) => r.dataset.dutyRole);
      const list = data.shifts.filter((s) => s.rotation === block.dataset.dutyRotation);
      const at = (x) => running(list, x).sort((p, q) => roles.indexOf(p.role) - roles.indexOf(q.role));
      const now = at(t), h = handoff(list, t), next = h ? at(h) : [];
      // The file holds shifts up to window.end only; the rotation's data may go on after it.
      const horizon = Date.parse(data.window.end);
      const until = Date.parse(data.rotations[block.dataset.dutyRotation]?.scheduled_until ?? "");
      const goesOn = (x) => !(until <= x), last = Math.max(...list.map((s) => s.b));
      const beyond = (t >= horizon || (!now.length && !h)) && goesOn(t);
      const nextUnknown = beyond || (h >= horizon && goesOn(h));
      for (const r of rows) {  // shifts the file has are right; a role it has no one for is not known
        const mine = (l) => l.filter((s) => s.role === r.dataset.dutyRole);
        const nowBox = one("now", r), nextBox = one("next", r);  // the home page shows no "next"
        if (nowBox) fill(nowBox, mine(now), beyond ? UNPUBLISHED : "nobody");
        if (nextBox) fill(nextBox, mine(next), nextUnknown ? UNPUBLISHED : "nobody");
      }
      const line = one("handoff", block), none = !now.length && !h && !beyond, end = h === last && !goesOn(h);
      line?.classList.toggle("duty-handoff--none", none || beyond);
      if (beyond) {
        line?.replaceChildren(node("strong", "", "Not known from this copy of the handbook."),
          " The published schedule reaches only until ",
          Object.assign(node("time", "", zoned(horizon, zone)), { dateTime: data.window.end }),
          "; the rotation's data goes on after that. A newer build of the handbook shows who is on duty.");
        const text = one("header", block), copy = one("copy", block);
        // The build wrote the headers of the weeks around it; past those, the header is not known either.
        if (text && copy) text.textContent = copy.dataset.clipboardText =
          header(block, t, block.dataset.dutyHeaderNone.replace(/: [^:]*$/, ": " + UNPUBLISHED));
        continue;
      }
      line?.replaceChildren(...(none ? [node("strong", "", "No one is scheduled."),
        " The schedule has ended: add periods to the rotation's data file."]
        : [end ? "The schedule ends " : "Next hand-off: ",
          Object.assign(node("time", "", zoned(h, zone)), { dateTime: new Date(h).toISOString().slice(0, 19) + "Z" }),
          here === zone ? "" : ` (${zoned(h, here)}, your time)`, ", ", countdown(h - t),
          end ? "; no one is scheduled after that." : "."]));
      const text = one("header", block), copy = one("copy", block);
      if (text && copy) text.textContent = copy.dataset.clipboardText = header(block, t);
    }
    // One sentence for screen readers, written only when someone on duty changed (or on the first answer).
    // The rotation's name is its heading's text (the heading's id is the rotation id; ¶ comes after).
    const named = (id) => document.getElementById(id)?.firstChild?.textContent?.trim() || id;
    const announce = one("announce"), said = all("rotation")
      .filter((block) => one("header", block))
      .map((block) => `${named(block.dataset.dutyRotation)}: ${one("header", block).textContent}.`).join(" ");
    if (announce && announce.dataset.said !== said) {
      announce.dataset.said = said;
      announce.textContent = said;
    }
    status.classList.add("duty-status--live");
    status.replaceChildren(node("strong", "", `Live: as of ${zoned(t, here)} (your time).`),
      ` Worked out in your browser from the schedule published ${zoned(Date.parse(data.generated_at), "UTC")}.`);
  };

  // api/now.json: the weeks around the build, names and titles once each (as ids in the shifts). Outside it,
  // within a week of its end (a site not rebuilt for long), or when it is missing, the full api/schedule.json.
  const load = (url) => fetch(url, { cache: "no-cache" }).then((r) => r.ok ? r.json() : Promise.reject(r.status));
  const named = (data) => {
    data.shifts = data.shifts.map((row) => Object.fromEntries(data.fields.map((f, i) => [f, row[i]])));
    for (const s of data.shifts) {
      const r = data.rotations[s.rotation] || {}, p = data.people[s.person] || {};
      Object.assign(s, { rotation_name: r.name, role_title: (r.roles || {})[s.role] ?? s.role,
        shift_title: s.shift ? (r.shifts || {})[s.shift] ?? null : null, name: p.name ?? s.person,
        handle: p.handle ?? null });
    }
    return data;
  };
  const schedule = (status) => status.dataset.dutyWindow
    ? load(status.dataset.dutyWindow).then((data) => Date.now() < Date.parse(data.window.start)
      || Date.now() > Date.parse(data.window.end) - 7 * 864e5 ? load(status.dataset.dutySchedule) : named(data),
      () => load(status.dataset.dutySchedule))
    : load(status.dataset.dutySchedule);

  const start = () => {
    clearInterval(timer);
    const status = one("status");
    if (!status) return;
    schedule(status)
      .then((data) => {
        for (const s of data.shifts) { s.a = Date.parse(s.start); s.b = Date.parse(s.end); }
        update(status, data);
        timer = setInterval(() => status.isConnected && update(status, data), 30000);
      })
      .catch(() => status.append(" (The published schedule could not be loaded: this is the build's answer.)"));
  };

  // Material's instant navigation emits document$ for each page it swaps in.
  const follow = () => window.document$ && typeof window.document$.subscribe === "function"
    ? window.document$.subscribe(start) : start();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
