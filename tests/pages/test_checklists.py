"""The Checklists page: boxes with stable ids, the rotation's periods for the script, escaped text."""

from __future__ import annotations

import json
from pathlib import Path

from content_fixture import assert_golden, content, elements, to_html
from fixture_project import load
from macros.model.project import Project
from macros.model.types import Checklist
from macros.pages.checklists import checklist_widget, checklists_page, item_ids, periods
from macros.schedule.expansion import expand_all


def test_the_page_matches_its_golden_file() -> None:
    project, expansions = content()
    assert_golden("checklists.md", checklists_page(project, expansions))


def test_periods_are_the_rotations_hand_offs_in_utc() -> None:
    _, expansions = content()
    spans = periods(expansions["ops-duty"])
    assert len(spans) == 8
    assert spans[0] == ["2026-11-02T08:00:00Z", "2026-11-09T08:00:00Z"]
    assert spans[-1] == ["2026-12-21T08:00:00Z", "2026-12-28T08:00:00Z"]
    assert periods(None) == []


def test_item_ids_depend_on_section_and_text_only() -> None:
    first = Checklist.model_validate({"title": "T", "sections": [{"title": "S", "items": ["a", "b", "a"]}]})
    moved = Checklist.model_validate({"title": "T", "sections": [{"title": "S", "items": ["new", "a", "b"]}]})
    other = Checklist.model_validate({"title": "T", "sections": [{"title": "Other", "items": ["a"]}]})
    ids = item_ids(first)[0]
    assert ids[2] == ids[0] + "-2"
    assert len(set(ids)) == 3
    assert item_ids(moved)[0][1:] == ids[:2]
    assert item_ids(other)[0][0] != ids[0]


def test_the_widget_carries_id_rotation_and_periods() -> None:
    project, expansions = content()
    html = to_html(checklists_page(project, expansions))
    configs = [json.loads(e.attrs["data-hb-checklist"]) for e in elements(html, "div", "hb-checklist")]
    assert [(c["id"], c["rotation"], len(c["periods"])) for c in configs] == [
        ("handover", "ops-duty", 8),
        ("new-task", None, 0),
    ]


def test_items_are_checkboxes_with_markdown_text_and_html_shown_as_text() -> None:
    project, expansions = content()
    html = to_html(checklist_widget("handover", project.checklists["handover"], expansions["ops-duty"]))
    boxes = elements(html, "input")
    assert [b.attrs["type"] for b in boxes] == ["checkbox"] * 4
    assert [b.attrs["data-item"] for b in boxes] == [i for ids in item_ids(project.checklists["handover"]) for i in ids]
    texts = [e.text for e in elements(html, "span", "hb-checklist__text")]
    assert texts[3] == '<img src=x onerror="window.hbInjected = true"> shows as text'
    assert "<img src=x" not in html
    details = elements(html, "div", "hb-checklist__details")
    assert len(details) == 1
    assert '<strong>Duty</strong>' in html and 'href="https://example.org/board"' in html
    when = elements(html, "div", "hb-checklist__when")[0]
    assert when.text == "By Friday end of day, before the Monday hand-off."
    sections = [e.text for e in elements(html, "p", "hb-checklist__section")]
    assert sections == ["Tickets", "Knowledge"]


CYCLE = """\
    name: Cycle
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    handover_deadline: {weekday: friday, every_segment: true}
    checklists: [start, hand-over]
    roles:
      - {id: lead, title: Lead}
    schedule:
      - {start: 2026-11-16, lead: ana}
    """


def _cycle_project(tmp_path: Path, checklist_extra: str = "") -> Project:
    def checklist(title: str, extra: str = "") -> str:
        return f"title: {title}\nrotation: cycle\n{extra}sections:\n  - {{title: S, items: [one]}}\n"

    return load(tmp_path, {
        "data/rotations/cycle.yml": CYCLE,
        "data/checklists/hand-over.yml": checklist("Hand over", "due: handover-deadline\n" + checklist_extra),
        "data/checklists/start.yml": checklist("Start"),
        "data/checklists/aaa-loose-end.yml": checklist("Not listed"),
    })


def test_checklists_follow_the_order_the_rotation_lists_them(tmp_path: Path) -> None:
    project = _cycle_project(tmp_path)
    html = to_html(checklists_page(project, expand_all(project)))
    ids = [e.attrs["id"] for e in elements(html, "div", "hb-checklist")]
    assert ids[:3] == ["hb-checklist-start", "hb-checklist-hand-over", "hb-checklist-aaa-loose-end"]


def test_ticks_are_kept_per_segment_when_the_checklist_says_so(tmp_path: Path) -> None:
    project = _cycle_project(tmp_path, "ticks_kept_for: segment\n")
    expansion = expand_all(project)["cycle"]
    assert periods(expansion) == [["2026-11-16T08:00:00Z", "2026-11-30T08:00:00Z"]]
    assert periods(expansion, per_segment=True) == [
        ["2026-11-16T08:00:00Z", "2026-11-23T08:00:00Z"],
        ["2026-11-23T08:00:00Z", "2026-11-30T08:00:00Z"],
    ]
    widget = checklist_widget("hand-over", project.checklists["hand-over"], expansion)
    config = json.loads(elements(to_html(widget), "div", "hb-checklist")[0].attrs["data-hb-checklist"])
    assert len(config["periods"]) == 2


def test_a_checklist_due_by_the_hand_over_deadline_shows_it(tmp_path: Path) -> None:
    project = _cycle_project(tmp_path)
    expansion = expand_all(project)["cycle"]
    widget = checklist_widget("hand-over", project.checklists["hand-over"], expansion)
    assert "<strong>Due:</strong> Friday, end of day (Europe/Berlin), before every part" in widget
    assert "Due:" not in checklist_widget("start", project.checklists["start"], expansion)
