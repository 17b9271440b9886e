"""A rotation's escalation policy: who is paged in what order, as a Mermaid diagram and as a table.

The diagram is drawn by the locally vendored Mermaid; every label is written so that no name from the data
can end it or carry markup.
"""

from __future__ import annotations

import datetime as dt

from macros.model.project import Project
from macros.model.types import EscalationStep
from macros.pages.links import person_md
from macros.pages.markup import Links, attr, text
from macros.schedule.expansion import Expansion
from macros.schedule.onduty import Duty, duty_at


def _step_when(step: EscalationStep) -> str:
    """'paged after 15 min', the rotation's own words for a judgement call, or both."""
    if step.after_minutes is None:
        return step.when or ""
    return _delay(step.after_minutes) + (f" ({step.when})" if step.when else "")


def _delay(minutes: int) -> str:
    if minutes == 0:
        return "paged at once"
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"paged after {hours} h {rest} min"
    return f"paged after {hours} h" if hours else f"paged after {minutes} min"


def _holders_now(duty: Duty, role_id: str) -> list[str]:
    seen: list[str] = []
    for shift in duty.holders(role_id):
        if shift.person not in seen:
            seen.append(shift.person)
    return seen


MERMAID_SCRIPT = "assets/vendor/mermaid.min.js"
# Characters allowed as they are in a Mermaid label; everything else becomes a `#code;` entity, so no
# name can end the label, start a new statement, or carry markup (Mermaid shows entities as text).
_MERMAID_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:()-")


def mermaid_label(value: str) -> str:
    """A quoted Mermaid label showing `value` literally."""
    return '"' + "".join(c if c in _MERMAID_PLAIN else f"#{ord(c)};" for c in value) + '"'


def escalation_diagram(steps: list[tuple[str, str, list[str]]], links: Links) -> str:
    """A Mermaid flowchart of (delay, role title, names) steps, rendered by the locally vendored Mermaid.

    Material draws ```mermaid fences with the `mermaid` it finds on the page, and would fetch it from a
    CDN otherwise; the script tag loads our copy, on the pages that have a diagram only.
    """
    lines = ["flowchart TD", f"  page([{mermaid_label('A page goes out')}])"]
    previous = "page"
    for number, (delay, title, names) in enumerate(steps, start=1):
        node = f"step{number}"
        label = mermaid_label(title) if not names else mermaid_label(f"{title}: {', '.join(names)}")
        lines.append(f"  {previous} -->|{mermaid_label(delay)}| {node}[{label}]")
        previous = node
    script = f'<script src="{attr(links.url(MERMAID_SCRIPT))}"></script>'
    return script + "\n\n```mermaid\n" + "\n".join(lines) + "\n```"


def escalation_section(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """The paging order as a Mermaid diagram and as a table, with who is on duty at `now`."""
    rotation = expansion.rotation
    if not rotation.escalation:
        return "*This rotation pages nobody: requests wait for whoever is on duty.*\n"
    duty = duty_at(expansion, now)
    steps: list[tuple[str, str, list[str]]] = []
    rows = ["| Step | When | Role | On duty at the last build |", "| --- | --- | --- | --- |"]
    for number, step in enumerate(rotation.escalation, start=1):
        title = text(rotation.role_title(step.role))
        people = _holders_now(duty, step.role)
        md_names = ", ".join(person_md(project, p, links) for p in people) or "nobody scheduled"
        delay = _step_when(step)
        if number > 1 and step.after_minutes is not None:
            delay = f"no acknowledgement: {delay}"
        names = [project.people[p].name if p in project.people else p for p in people]
        steps.append((delay, rotation.role_title(step.role), names or ["nobody scheduled"]))
        when = _step_when(step)
        rows.append(f"| {number} | {text(when[:1].upper() + when[1:])} | {title} | {md_names} |")
    return escalation_diagram(steps, links) + "\n\n" + "\n".join(rows) + "\n"
