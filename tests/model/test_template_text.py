"""Optional parts of a template's body: how `[[if f]]…[[end f]]` pairs up and what a mark takes with it."""

from __future__ import annotations

from macros.model.template_text import OptionalPart, optional_parts


def test_a_mark_alone_on_its_line_takes_the_line_with_it() -> None:
    text = "A\n[[if x]]\nB [[x]]\n  [[end x]]  \nC"
    parts, problems = optional_parts(text)
    assert problems == []
    assert parts == [OptionalPart("x", 2, 11, 19, 33)]
    part = parts[0]
    assert text[part.start : part.inner_start] == "[[if x]]\n"
    assert text[part.inner_start : part.inner_end] == "B [[x]]\n"
    assert text[part.inner_end : part.end] == "  [[end x]]  \n"


def test_a_mark_inside_a_sentence_takes_only_itself() -> None:
    text = "Sorry.[[if x]] Try [[x]].[[end x]]\nBye"
    (part,), _ = optional_parts(text)
    assert text[part.start : part.inner_start] == "[[if x]]"
    assert text[part.inner_start : part.inner_end] == " Try [[x]]."
    assert text[part.inner_end : part.end] == "[[end x]]"


def test_a_part_at_the_very_end_of_the_text() -> None:
    text = "A\n[[if x]]\n[[x]]\n[[end x]]"
    (part,), _ = optional_parts(text)
    assert (part.start, part.end) == (2, len(text))
    assert text[part.inner_start : part.inner_end] == "[[x]]\n"


def test_marks_that_do_not_pair_up_are_reported() -> None:
    parts, problems = optional_parts("[[if a]] [[if b]] [[end b]] [[end a]] [[end c]] [[if d]]")
    assert parts == [OptionalPart("a", 0, 8, 28, 37)]
    assert problems == [
        "[[if b]] opens inside [[if a]]: optional parts do not nest",
        "[[end b]] closes no [[if b]]",
        "[[end c]] closes no [[if c]]",
        "[[if d]] has no [[end d]]",
    ]
