"""`data/templates/`, `data/checklists/` and `data/common-tasks/`: the team's replies, runbooks and notes.
Part of the typed model (`macros.model.types` lists it all)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional, Union

from pydantic import Field

from macros.model.fields import Ident, Markdown, Strict


class TemplateField(Strict):
    id: Ident
    label: str
    type: Literal["text", "multiline", "url", "date", "list"] = "text"
    placeholder: Optional[str] = None
    prefill: Optional[Literal["today", "on-duty"]] = Field(
        None, description="Fill from the viewer's date (`today`) or from who is on duty (`on-duty`)."
    )
    offset_days: int = Field(0, description="With prefill: today, shift the date by this many days (-7 = a week ago).")
    role: Optional[Ident] = Field(None, description="With prefill: on-duty, the role whose holder is filled in.")
    optional: bool = Field(
        False,
        description="May be left empty: its blanks sit inside [[if id]]…[[end id]], text dropped when it is empty.",
    )


class Template(Strict):
    """`data/templates/<id>.yml` — a reply or report with blanks written as [[field-id]]."""

    title: str
    kind: Literal["reply", "status-update", "post-mortem", "other"] = "reply"
    rotation: Optional[Ident] = None
    summary: Optional[Markdown] = Field(None, description="When to use it.")
    fields: list[TemplateField] = Field(default_factory=list)
    body: str = Field(
        description="The text, copied verbatim apart from [[field-id]] blanks and [[if id]]…[[end id]] optional parts."
    )


class ChecklistItem(Strict):
    text: Markdown
    details: Optional[Markdown] = None


class ChecklistSection(Strict):
    title: str
    items: list[Union[str, ChecklistItem]] = Field(min_length=1)


class Checklist(Strict):
    """`data/checklists/<id>.yml` — a runbook to tick through."""

    title: str
    rotation: Optional[Ident] = None
    when: Optional[Markdown] = Field(None, description="When to use the checklist.")
    due: Optional[Literal["handover-deadline"]] = Field(
        None, description="`handover-deadline`: to be done by the rotation's `handover_deadline`, shown with it."
    )
    ticks_kept_for: Literal["period", "segment"] = Field(
        "period", description="Ticks start afresh every period of the rotation, or every segment (e.g. weekly)."
    )
    sections: list[ChecklistSection] = Field(min_length=1)


class Link(Strict):
    title: str
    url: str


class CommonTask(Strict):
    """`data/common-tasks/<id>.yml` — how a recurring task was handled, for the next person on duty."""

    title: str
    rotation: Ident
    symptom: Markdown
    steps: list[Markdown] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)
    tags: list[Ident] = Field(default_factory=list)
    updated_by: Ident = Field(description="Person id of whoever last updated the entry.")
    updated: dt.date
