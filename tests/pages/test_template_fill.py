"""Filling template blanks: the rules templates.js mirrors (tests/browser/ compares the two)."""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.model.types import TemplateField
from macros.pages.template_fill import Segment, clean_value, copy_text, fill, list_items, segments

Kind = Literal["text", "multiline", "url", "date", "list"]


def fields(**kinds: Kind) -> list[TemplateField]:
    return [TemplateField(id=name.replace("_", "-"), label=name, type=kind) for name, kind in kinds.items()]


def optional(**kinds: Kind) -> list[TemplateField]:
    return [TemplateField(id=name, label=name, type=kind, optional=True) for name, kind in kinds.items()]


def test_text_values_replace_every_occurrence_of_their_blank() -> None:
    body = "Hi [[name]], this is [[me]]. Bye [[name]]!\n"
    assert fill(body, fields(name="text", me="text"), {"name": "Ana", "me": "Ben"}) == "Hi Ana, this is Ben. Bye Ana!"


def test_an_empty_value_leaves_the_blank_as_written() -> None:
    body = "Hi [[name]], see [[ticket]]."
    assert fill(body, fields(name="text", ticket="url"), {"name": "  "}) == "Hi [[name]], see [[ticket]]."


def test_blanks_without_a_field_and_other_brackets_stay_verbatim() -> None:
    body = "{{ x }} {% y %} [[Not-An-Id]] [[other]] [link](u) <b>[[name]]</b> *[[name]]*"
    expected = "{{ x }} {% y %} [[Not-An-Id]] [[other]] [link](u) <b>Ana</b> *Ana*"
    assert fill(body, fields(name="text"), {"name": "Ana"}) == expected


def test_text_values_lose_line_breaks_and_runs_of_spaces() -> None:
    assert clean_value("text", "  Ana \t\r\n Ruiz  ") == "Ana Ruiz"
    assert clean_value("url", "\nhttps://example.org/a \n") == "https://example.org/a"
    assert clean_value("date", " 2026-11-20 ") == "2026-11-20"


def test_non_breaking_spaces_are_kept_as_typed() -> None:
    assert clean_value("text", "\u00a0Ana\u00a0") == "\u00a0Ana\u00a0"


def test_multiline_values_keep_inner_line_breaks_only() -> None:
    typed = "\r\n\n  first line  \r\n\r\n  second\t\n\n"
    assert clean_value("multiline", typed) == "  first line\n\n  second"


def test_list_items_drop_blank_lines_and_markers_the_user_typed() -> None:
    typed = "- one\n\n* two\r\n  3. three \n+ four\n\u2022 five\n2) six\n-seven\n"
    assert list_items(typed) == ["one", "two", "three", "four", "five", "six", "-seven"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Steps:\n[[steps]]\nDone.", "Steps:\n- one\n- two\nDone."),
        ("Steps:\n  [[steps]]", "Steps:\n  - one\n  - two"),
        ("Steps:\n* [[steps]] (in order)", "Steps:\n* one\n* two (in order)"),
        ("Steps:\n  1. [[steps]]", "Steps:\n  1. one\n  2. two"),
        ("Steps:\n4) [[steps]]", "Steps:\n4) one\n5) two"),
        ("Tried: [[steps]].", "Tried: one, two."),
        ("[[steps]]", "- one\n- two"),
    ],
    ids=["alone", "indented", "bullet-marker", "numbered", "numbered-paren", "inline", "first-line"],
)
def test_a_list_follows_the_marker_written_before_its_blank(body: str, expected: str) -> None:
    assert fill(body, fields(steps="list"), {"steps": "one\n\ntwo\n"}) == expected


def test_the_result_has_no_trailing_spaces_or_trailing_blank_lines() -> None:
    body = "Hello [[name]]   \r\n\tindented stays\r\n[[notes]]\n\n\n"
    values = {"name": "Ana", "notes": ""}
    assert fill(body, fields(name="text", notes="multiline"), values) == "Hello Ana\n\tindented stays\n[[notes]]"


def test_segments_tell_literal_text_from_filled_and_empty_blanks() -> None:
    result = segments("A [[x]] B [[y]]", fields(x="text", y="text"), {"x": "1"})
    assert result == [
        Segment("A "),
        Segment("1", "x", True),
        Segment(" B "),
        Segment("[[y]]", "y", False),
    ]


def test_a_realistic_status_update() -> None:
    body = (
        "#status set-update-[[date]]\n"
        "Status from [[lead]] for [[since]] to [[date]]\n\n"
        "Next in the queue:\n[[next]]\n\nNotes:\n[[notes]]\n"
    )
    values = {
        "date": "2026-11-24",
        "since": "2026-11-17",
        "lead": "Ana Ruiz",
        "next": "PLAT-1 login loop\n- PLAT-2 slow export  \n\n",
        "notes": "Quiet week.\nNothing else.",
    }
    kinds = fields(date="date", since="date", lead="text", next="list", notes="multiline")
    assert fill(body, kinds, values) == (
        "#status set-update-2026-11-24\n"
        "Status from Ana Ruiz for 2026-11-17 to 2026-11-24\n\n"
        "Next in the queue:\n- PLAT-1 login loop\n- PLAT-2 slow export\n\n"
        "Notes:\nQuiet week.\nNothing else."
    )


# --- optional parts -------------------------------------------------------------------------------

WORKAROUND = "Hi.\n\nIt is a bug.\n\n[[if fix]]\nTry this:\n\n1. [[fix]]\n\n[[end fix]]\nBest regards\n"


def test_an_optional_paragraph_is_dropped_whole_when_its_field_is_empty() -> None:
    assert fill(WORKAROUND, optional(fix="list"), {"fix": " \n "}) == "Hi.\n\nIt is a bug.\n\nBest regards"


def test_an_optional_paragraph_is_kept_without_its_marks_when_filled() -> None:
    assert fill(WORKAROUND, optional(fix="list"), {"fix": "a\nb"}) == (
        "Hi.\n\nIt is a bug.\n\nTry this:\n\n1. a\n2. b\n\nBest regards"
    )


def test_an_optional_sentence_and_list_item() -> None:
    body = "It is a bug.[[if fix]] Try [[fix]].[[end fix]] Sorry.\n- one\n[[if fix]]\n- [[fix]]\n[[end fix]]\n- two"
    assert fill(body, optional(fix="text"), {}) == "It is a bug. Sorry.\n- one\n- two"
    assert fill(body, optional(fix="text"), {"fix": "X"}) == "It is a bug. Try X. Sorry.\n- one\n- X\n- two"


def test_marks_that_do_not_pair_or_name_no_field_stay_as_written() -> None:
    body = "[[if nobody]]a[[end nobody]] [[end fix]] [[if fix]]b"
    assert fill(body, optional(fix="text"), {}) == body


# --- copying: paragraphs re-flowed ----------------------------------------------------------------


def test_lines_the_template_wrapped_are_joined_within_a_paragraph() -> None:
    body = "Hi [[name]],\n\nWe confirmed it is a\nbug. It is filed as\n    [[ticket]].\n\nBest regards"
    values = {"name": "Ana", "ticket": "BUG-1"}
    assert copy_text(body, fields(name="text", ticket="text"), values) == (
        "Hi Ana,\n\nWe confirmed it is a bug. It is filed as BUG-1.\n\nBest regards"
    )


def test_lists_headings_quotes_tables_and_code_keep_their_lines() -> None:
    body = (
        "# Title\nText that\nwraps.\n- item that\n  wraps\n* star\n+ plus\n1. one\n2) two\n> quote\n"
        "| a | b |\n| - | - |\nafter\n```\ncode\nstays\n```\n~~~\nx\n~~~\nend\nline"
    )
    assert copy_text(body, [], {}) == (
        "# Title\nText that wraps.\n- item that wraps\n* star\n+ plus\n1. one\n2) two\n> quote\n"
        "| a | b |\n| - | - |\nafter\n```\ncode\nstays\n```\n~~~\nx\n~~~\nend line"
    )


def test_line_breaks_the_reader_typed_are_kept() -> None:
    body = "What happened:\n[[notes]]\nThanks."
    values = {"notes": "first\nsecond"}
    assert copy_text(body, fields(notes="multiline"), values) == "What happened: first\nsecond Thanks."


def test_a_list_blank_alone_on_its_line_copies_as_a_list() -> None:
    body = "Steps we\nsuggest:\n[[steps]]\nThanks."
    assert copy_text(body, fields(steps="list"), {"steps": "a\nb"}) == "Steps we suggest:\n- a\n- b\nThanks."


def test_a_list_item_continues_only_on_indented_lines() -> None:
    body = "- an item that\n  wraps\n  twice\nA paragraph that\nwraps."
    assert copy_text(body, [], {}) == "- an item that wraps twice\nA paragraph that wraps."


# --- properties -----------------------------------------------------------------------------------

PIECES = st.sampled_from([*"ab -*1.)\t\n\r{}[]<>\u00a0", "[[x]]", "[[y]]"])
TEXT = st.lists(PIECES, max_size=30).map("".join)
KINDS = st.sampled_from(["text", "multiline", "url", "date", "list"])


@given(body=TEXT, x=TEXT, y=TEXT, kind_x=KINDS, kind_y=KINDS)
def test_a_filled_text_never_has_trailing_white_space(body: str, x: str, y: str, kind_x: Kind, kind_y: Kind) -> None:
    template_fields = [TemplateField(id="x", label="X", type=kind_x), TemplateField(id="y", label="Y", type=kind_y)]
    result = fill(body, template_fields, {"x": x, "y": y})
    assert "\r" not in result
    assert not result.endswith("\n")
    assert all(line == line.rstrip(" \t") for line in result.split("\n"))
    assert "".join(s.text for s in segments(body, template_fields, {"x": x, "y": y})) == result


@given(body=TEXT)
def test_with_no_values_the_text_is_the_body_tidied(body: str) -> None:
    template_fields = [TemplateField(id="x", label="X"), TemplateField(id="y", label="Y", type="list")]
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert fill(body, template_fields, {}) == "\n".join(line.rstrip(" \t") for line in lines).rstrip("\n")


@given(body=TEXT, x=TEXT, kind_x=KINDS)
def test_a_copy_differs_from_the_shown_text_only_by_joined_lines(body: str, x: str, kind_x: Kind) -> None:
    template_fields = [TemplateField(id="x", label="X", type=kind_x)]
    shown = fill(body, template_fields, {"x": x})
    copied = copy_text(body, template_fields, {"x": x})
    assert copied.replace("\n", "").replace(" ", "").replace("\t", "") == (
        shown.replace("\n", "").replace(" ", "").replace("\t", "")
    )
    assert copied.count("\n") <= shown.count("\n")
