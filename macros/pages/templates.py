"""The Templates page: each template as a small form whose text fills in live and copies in one click.

What the page gets from here, per template: a Markdown heading (so the template is in the table of
contents and in search), then one raw HTML block that Markdown leaves alone:

- a `<form>` with one input per field (`text`, `url` and `date` inputs; a textarea for `multiline` and
  `list`);
- the text itself in a `<pre>`, HTML-escaped, with its blanks as written: what a reader without
  JavaScript sees and can copy by hand;
- everything the script needs in one `data-hb-template` attribute (JSON, HTML-escaped): the body, the
  fields, and for `prefill: on-duty` fields the holder as of the build, used when `api/schedule.json`
  cannot be read.

The body never passes through Jinja or Markdown: the macro's output is not rendered again, and the text
sits in a raw HTML block, so `{{ }}`, `{% %}`, `<script>` and `*` come out exactly as written.
`docs/assets/js/templates.js` fills the blanks with the rules of `template_fill`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

from macros.model.project import Project
from macros.model.types import Template, TemplateField
from macros.pages import markup, rich_text
from macros.pages.parts import GENERAL_ANCHOR, GENERAL_TITLE, heading, in_listed_order, json_attribute
from macros.pages.template_fill import fill
from macros.schedule.expansion import Expansion
from macros.schedule.onduty import duty_at

KIND_TITLES = {"reply": "Reply", "status-update": "Status update", "post-mortem": "Post-mortem", "other": "Template"}


def on_duty_names(
    project: Project, expansions: Mapping[str, Expansion], template: Template, now: dt.datetime
) -> dict[str, str]:
    """For each `prefill: on-duty` field, the name of whoever holds its role at `now` (absent if nobody)."""
    names: dict[str, str] = {}
    expansion = expansions.get(template.rotation or "")
    if expansion is None:
        return names
    duty = duty_at(expansion, now)
    for field in template.fields:
        if field.prefill != "on-duty" or not field.role:
            continue
        holders = duty.holders(field.role)
        if holders:
            person = project.people.get(holders[0].person)
            names[field.id] = person.name if person else holders[0].person
    return names


def _input(template_id: str, field: TemplateField) -> str:
    element_id = f"hb-{template_id}-{field.id}"
    # A line break in an attribute would be a line of the raw HTML block Markdown sees: write it as &#10;.
    shown = markup.attr(field.placeholder.rstrip("\n")).replace("\n", "&#10;") if field.placeholder else ""
    placeholder = f' placeholder="{shown}"' if shown else ""
    common = f'id="{element_id}" name="{markup.attr(field.id)}" data-field="{markup.attr(field.id)}"{placeholder}'
    if field.type in ("multiline", "list"):
        control = f'<textarea {common} rows="4" spellcheck="true"></textarea>'
    else:
        kind = {"url": "url", "date": "date"}.get(field.type, "text")
        control = f'<input type="{kind}" {common}>'
    hints = {
        "list": "One item per line.",
        "today": "Filled with today's date." if not field.offset_days else _offset_hint(field.offset_days),
        "on-duty": "Filled with whoever is on duty now.",
    }
    notes = [hints["list"]] if field.type == "list" else []
    if field.optional:
        notes.append("Optional: left empty, the text that needs it is left out.")
    if field.prefill:
        notes.append(hints[field.prefill])
    note = f'<span class="hb-field__note">{markup.text(" ".join(notes))}</span>' if notes else ""
    return (
        f'<div class="hb-field hb-field--{field.type}">'
        f'<label for="{element_id}">{markup.text(field.label)}</label>{control}{note}</div>'
    )


def _offset_hint(days: int) -> str:
    count = abs(days)
    unit = "day" if count == 1 else "days"
    return f"Filled with the date {count} {unit} {'ago' if days < 0 else 'from today'}."


def template_widget(template_id: str, template: Template, on_duty: Mapping[str, str], schedule_url: str) -> str:
    """The form, the live text and the copy button of one template, as one raw HTML block."""
    config = {
        "id": template_id,
        "rotation": template.rotation,
        "body": template.body,
        "fields": [
            {
                "id": f.id,
                "type": f.type,
                "prefill": f.prefill,
                "offsetDays": f.offset_days,
                "role": f.role,
            }
            for f in template.fields
        ],
        "onDuty": dict(on_duty),
        "scheduleUrl": schedule_url,
    }
    text = fill(template.body, template.fields, {})
    parts = [f'<div class="hb-template" id="hb-template-{template_id}" data-hb-template="{json_attribute(config)}">']
    if template.summary:
        parts.append(f'<div class="hb-template__summary">{rich_text.block(template.summary)}</div>')
    if template.fields:
        inputs = "".join(_input(template_id, f) for f in template.fields)
        parts.append(f'<form class="hb-template__form" autocomplete="off">{inputs}</form>')
    # A newline right after <pre> is dropped by HTML parsers: the extra one keeps a body's leading blank line.
    parts.append(f'<pre class="hb-template__text">\n{html.escape(text, quote=False)}</pre>')
    parts.append(
        '<p class="hb-template__actions">'
        '<button type="button" class="md-button md-button--primary hb-template__copy" disabled>Copy text</button> '
        '<button type="button" class="md-button hb-template__clear" disabled>Clear fields</button> '
        '<span class="hb-template__status" role="status" aria-live="polite"></span></p>'
    )
    parts.append(
        '<noscript><p class="hb-template__noscript">Filling in the blanks needs JavaScript: '
        "copy the text above and replace each [[blank]] by hand.</p></noscript>"
    )
    parts.append("</div>")
    return "\n".join(parts)


def _replies_first(project: Project, ids: list[str]) -> list[str]:
    """Short replies before the long forms (status updates, post-mortems), each in the order given."""
    return sorted(ids, key=lambda template_id: project.templates[template_id].kind != "reply")


def _groups(project: Project) -> list[tuple[str | None, str, list[str]]]:
    """(rotation id, heading, template ids): rotations in id order (templates as each lists them), then the rest."""
    groups: list[tuple[str | None, str, list[str]]] = []
    for rotation_id, rotation in project.rotations.items():
        ids = in_listed_order(
            [t for t, template in project.templates.items() if template.rotation == rotation_id], rotation.templates
        )
        if ids:
            groups.append((rotation_id, rotation.name, _replies_first(project, ids)))
    loose = _replies_first(
        project, [t for t, template in project.templates.items() if template.rotation not in project.rotations]
    )
    if loose:
        groups.append((None, GENERAL_TITLE, loose))
    return groups


def templates_page(
    project: Project, expansions: Mapping[str, Expansion], now: dt.datetime, schedule_url: str, level: int = 2
) -> str:
    """Every template, grouped by rotation: a heading per rotation and per template, then its form."""
    if not project.templates:
        return "*No templates yet: add one under `data/templates/`.*\n"
    lines: list[str] = []
    for rotation_id, title, ids in _groups(project):
        lines += [heading(level, title, f"templates-{rotation_id or GENERAL_ANCHOR}"), ""]
        for template_id in ids:
            template = project.templates[template_id]
            kind = KIND_TITLES[template.kind]
            lines += [heading(level + 1, template.title, f"template-{template_id}"), ""]
            lines += [f'<p class="hb-template__kind">{markup.text(kind)}</p>', ""]
            names = on_duty_names(project, expansions, template, now)
            lines += [template_widget(template_id, template, names, schedule_url), ""]
    return "\n".join(lines)
