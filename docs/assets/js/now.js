/* "On duty now", live: who is on duty at the viewer's clock, from api/schedule.json. Same rules as
   macros/onduty.py (a hand-off is the next instant the people on duty change); fills the data-duty-*
   elements of macros/now_page.py with text nodes and the page's person templates only. */
(() => {
  "use strict";
  const W = "Sun Mon Tue Wed Thu Fri Sat".split(" ");
  const M = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const two = (n) => String(n).padStart(2, "0");
  let timer = 0;

  // "Mon 30 Nov 09:00 Europe/Berlin", as zoned() in macros/markup.py.
  const zoned = (ms, zone) => {
    const p = {}, n = "numeric";
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: n, month: n, day: n, hour: n, minute: n,
      hourCycle: "h23" }).formatToParts(ms).forEach((x) => { p[x.type] = +x.value; });
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
    return `${W[day]} ${p.day} ${M[p.month - 1]} ${two(p.hour % 24)}:${two(p.minute)} ${zone}`;
  };

  const countdown = (ms) => {
    const m = Math.floor(ms / 6e4), d = Math.floor(m / 1440), h = Math.floor(m % 1440 / 60);
    return m < 1 ? "in less than a minute" : d ? `in ${d} d ${h} h` : h ? `in ${h} h ${m % 60} min` : `in ${m} min`;
  };

  const node = (tag, cls, ...kids) => {
    const e = document.createElement(tag);
    e.className = cls;
    e.append(...kids);
    return e;
  };

  const running = (list, t) => list.filter((s) => s.a <= t && t < s.b);
  const who = (list) => list.map((s) => [s.role, s.shift, s.person]).sort().join();
  const handoff = (list, t) => {
    const now = who(running(list, t));
    return [...new Set(list.flatMap((s) => [s.a, s.b]))].filter((x) => x > t).sort((x, y) => x - y)
      .find((x) => who(running(list, x)) !== now) ?? null;
  };

  const fill = (box, list, cards) => {
    box.replaceChildren(...list.flatMap((s) => [s.shift_title ? node("span", "duty-shift", s.shift_title) : "",
      cards[s.person] ? cards[s.person].content.cloneNode(true) : s.name]));
    if (!list.length) box.append(node("p", "duty-none", "nobody"));
  };

  const header = (list, until, zone) => {
    if (!list.length && until === null) return "On duty: no one scheduled";
    const held = {};
    for (const s of list) {
      const label = s.role_title + (s.shift_title ? ` (${s.shift_title})` : "");
      const h = s.handle ? "@" + s.handle : s.person;
      held[label] = (held[label] || []).filter((x) => x !== h).concat(h);
    }
    const parts = Object.entries(held).map(([label, hs]) => `${label} ${hs.join(" & ")}`);
    return "On duty: " + (parts.join(" · ") || "no one") + (until === null ? "" : ", until " + zoned(until, zone));
  };

  const when = (ms, zone, t, here) => [
    Object.assign(node("time", "", zoned(ms, zone)), { dateTime: new Date(ms).toISOString().slice(0, 19) + "Z" }),
    here === zone ? "" : ` (${zoned(ms, here)}, your time)`, ", ", countdown(ms - t)];

  const render = (block, data, t, cards, here) => {
    const zone = block.dataset.dutyZone, roles = $$("[data-duty-role]", block).map((r) => r.dataset.dutyRole);
    const list = data.shifts.filter((s) => s.rotation === block.dataset.dutyRotation);
    const at = (x) => running(list, x).sort((p, q) => roles.indexOf(p.role) - roles.indexOf(q.role));
    const now = at(t), h = handoff(list, t), next = h === null ? [] : at(h);
    for (const r of $$("[data-duty-role]", block)) {
      const mine = (l) => l.filter((s) => s.role === r.dataset.dutyRole);
      fill(r.querySelector("[data-duty-now]"), mine(now), cards);
      fill(r.querySelector("[data-duty-next]"), mine(next), cards);
    }
    const line = block.querySelector("[data-duty-handoff]"), none = !now.length && h === null;
    line.classList.toggle("duty-handoff--none", none);
    line.replaceChildren(...(none ? [node("strong", "", "No one is scheduled."),
      " The schedule has ended: add periods to the rotation's data file."]
      : h === Math.max(...list.map((s) => s.b))
        ? ["The schedule ends ", ...when(h, zone, t, here), "; no one is scheduled after that."]
        : ["Next hand-off: ", ...when(h, zone, t, here), "."]));
    const text = header(now, h, zone);
    block.querySelector("[data-duty-header]").textContent = text;
    block.querySelector("[data-duty-copy]").dataset.clipboardText = text;
  };

  const update = (status, data) => {
    const t = Date.now(), here = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", cards = {};
    for (const c of $$("template[data-duty-person]")) cards[c.dataset.dutyPerson] = c;
    for (const b of $$("[data-duty-rotation]")) render(b, data, t, cards, here);
    status.classList.add("duty-status--live");
    status.replaceChildren(node("strong", "", `Live: as of ${zoned(t, here)} (your time).`),
      ` Worked out in your browser from the schedule published ${zoned(Date.parse(data.generated_at), "UTC")}.`);
  };

  const start = () => {
    clearInterval(timer);
    const status = document.querySelector("[data-duty-status]");
    if (!status) return;
    fetch(status.dataset.dutySchedule, { cache: "no-cache" })
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then((data) => {
        for (const s of data.shifts) { s.a = Date.parse(s.start); s.b = Date.parse(s.end); }
        update(status, data);
        timer = setInterval(() => status.isConnected && update(status, data), 30000);
      })
      .catch(() => status.append(" (The published schedule could not be loaded: this is the build's answer.)"));
  };

  // Material's instant navigation swaps pages without reloading scripts: document$ emits for each page.
  (window.document$ || { subscribe: (f) => addEventListener("DOMContentLoaded", f) }).subscribe(start);
})();
