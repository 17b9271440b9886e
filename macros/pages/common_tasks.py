"""The Common tasks page: per rotation, how recurring tasks were handled, as short runbooks.

Each entry is an `<article>` holding a Markdown heading (so the table of contents lists it and Material's
search finds it as its own section) and raw HTML for the symptom, the steps, the links and who last
updated it. The wrappers use `md_in_html` (`markdown` attribute) only so that the headings inside them
are Markdown; all data text is rendered here (`markup.text` for plain text, `rich_text` for the
Markdown fields). `docs/assets/js/common-tasks.js` adds the filter box, which hides entries whose text
does not contain every word typed.
"""

from __future__ import annotations

import html

from macros.model.project import Project
from macros.model.types import CommonTask
from macros.pages import markup, rich_text
from macros.pages.links import person_html
from macros.pages.markup import Links
from macros.pages.parts import GENERAL_ANCHOR, GENERAL_TITLE, heading

FILTER = (
    '<div class="hb-task-filter" hidden>'
    '<label for="hb-task-filter-input">Filter</label>'
    '<input type="search" id="hb-task-filter-input" placeholder="Type words from the symptom, steps or tags" '
    'autocomplete="off">'
    '<span class="hb-task-filter__count" aria-live="polite"></span></div>'
)


def _link(title: str, url: str) -> str:
    if not rich_text.safe_href(url):
        return f"{markup.text(title)} (<code>{html.escape(url)}</code>)"
    return f'<a href="{markup.attr(url.strip())}">{markup.text(title)}</a>'


def _updated(project: Project, task: CommonTask, links: Links | None) -> str:
    if links is not None:
        who = person_html(project, task.updated_by, links)
    else:
        person = project.people.get(task.updated_by)
        who = markup.text(person.name if person else task.updated_by)
    return (
        f'<p class="hb-task__updated">Last updated <time datetime="{task.updated.isoformat()}">'
        f"{task.updated.isoformat()}</time> by {who}</p>"
    )


def task_body(project: Project, task: CommonTask, links: Links | None = None) -> str:
    """Symptom, steps, links, tags and the last update of one entry, as one raw HTML block.

    With `links` (where the page is), the name of whoever updated the entry links to their page.
    """
    parts = ['<div class="hb-task__body">']
    symptom = rich_text.block(task.symptom)
    parts.append(f'<p class="hb-task__label">Symptom</p><div class="hb-task__symptom">{symptom}</div>')
    steps = "".join(f"<li>{rich_text.inline(step)}</li>" for step in task.steps)
    parts.append(f'<p class="hb-task__label">Steps</p><ol class="hb-task__steps">{steps}</ol>')
    if task.links:
        items = "".join(f"<li>{_link(link.title, link.url)}</li>" for link in task.links)
        parts.append(f'<p class="hb-task__label">Links</p><ul class="hb-task__links">{items}</ul>')
    if task.tags:
        tags = " ".join(f'<span class="hb-task__tag">{markup.text(tag)}</span>' for tag in task.tags)
        parts.append(f'<p class="hb-task__tags">{tags}</p>')
    parts.append(_updated(project, task, links))
    parts.append("</div>")
    return "\n".join(parts)


def _groups(project: Project) -> list[tuple[str, str, list[str]]]:
    groups: list[tuple[str, str, list[str]]] = []
    for rotation_id, rotation in project.rotations.items():
        ids = [t for t, task in project.common_tasks.items() if task.rotation == rotation_id]
        if ids:
            groups.append((rotation_id, rotation.name, ids))
    loose = [t for t, task in project.common_tasks.items() if task.rotation not in project.rotations]
    if loose:
        groups.append((GENERAL_ANCHOR, GENERAL_TITLE, loose))
    return groups


def common_tasks_page(project: Project, links: Links | None = None, level: int = 2) -> str:
    """Every entry, grouped by rotation (in id order), newest update first within a rotation."""
    if not project.common_tasks:
        return "*No common tasks yet: add one under `data/common-tasks/`.*\n"
    lines = [FILTER, ""]
    for anchor, title, ids in _groups(project):
        lines += ['<section class="hb-task-group" markdown="1">', "", heading(level, title, f"tasks-{anchor}"), ""]
        ordered = sorted(ids, key=lambda t: (-project.common_tasks[t].updated.toordinal(), t))
        for task_id in ordered:
            task = project.common_tasks[task_id]
            lines += [f'<article class="hb-task" id="hb-task-{task_id}" markdown="1">', ""]
            lines += [heading(level + 1, task.title, f"task-{task_id}"), ""]
            lines += [task_body(project, task, links), "", "</article>", ""]
        lines += ["</section>", ""]
    lines.append('<p class="hb-task-filter__none" hidden>No entry contains all of these words.</p>')
    return "\n".join(lines) + "\n"
