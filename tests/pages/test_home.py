"""The home page overview: each rotation, who was on duty at the build, and the next hand-off."""

from __future__ import annotations

import re

from content_fixture import elements, to_html
from macros.pages.home import duty_overview, rotation_on_duty
from pages_fixture import BUILD_NOW, assert_golden, at, links, pages


def test_overview_matches_its_golden_file() -> None:
    project, expansions = pages()
    assert_golden("home-overview.md", duty_overview(project, expansions, BUILD_NOW, links("index.md")))


def test_past_the_end_of_every_schedule() -> None:
    project, expansions = pages()
    page = to_html(duty_overview(project, expansions, at(2027, 2, 1), links("index.md")))
    lines = [e.text for e in elements(page, "p", "duty-handoff")]
    assert lines == ["No one is scheduled. The schedule has ended: add periods to the rotation's data file."] * 2
    assert {e.text for e in elements(page, "p", "duty-none")} == {"nobody"}


def test_the_build_writes_no_relative_time_and_marks_its_answer() -> None:
    project, expansions = pages()
    text = duty_overview(project, expansions, BUILD_NOW, links("index.md"))
    assert not re.search(r"\bin (\d+ (d|h|min)|less than a minute)\b", text)
    page = to_html(text)
    status = elements(page, "p", "duty-status")
    assert len(status) == 1 and status[0].text.startswith("As of the last build, ")
    rows = elements(page, "tr")
    assert [row.attrs.get("data-duty-rotation") for row in rows[1:]] == list(project.rotations)


def test_person_templates_only_for_people_the_rotations_shown_schedule() -> None:
    """now.js needs a link for each holder it may show; anyone else would only make pages grow as
    rotations × people."""
    project, expansions = pages()
    templated = set(re.findall(r'<template data-duty-person="([^"]+)"', duty_overview(
        project, expansions, BUILD_NOW, links("index.md"))))
    scheduled = {shift.person for expansion in expansions.values() for shift in expansion.shifts}
    assert templated == scheduled
    one = next(iter(expansions.values()))
    own = set(re.findall(r'data-duty-person="([^"]+)"', rotation_on_duty(project, one, BUILD_NOW, links("x.md"))))
    assert own == {shift.person for shift in one.shifts} and own < set(project.people)
