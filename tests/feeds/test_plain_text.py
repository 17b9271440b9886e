"""Markdown from the data as the plain text calendar descriptions need."""

from __future__ import annotations

from macros.feeds.plain_text import plain, plain_line


def test_paragraphs_are_reflowed_and_marks_removed() -> None:
    text = "The incoming lead goes through\nevery open issue (see the *cycle start*\nchecklist).\n"
    assert plain(text) == "The incoming lead goes through every open issue (see the cycle start checklist)."


def test_code_links_and_paragraphs() -> None:
    text = "Ask in `~delivery`.\n\nSee [the runbook](https://runbook.example.com/x) or <https://status.example.com/>."
    assert plain(text) == (
        "Ask in ~delivery.\n\nSee the runbook (https://runbook.example.com/x) or https://status.example.com/."
    )


def test_lists_keep_one_item_a_line() -> None:
    text = "Steps:\n\n- check the\n  queue\n- page the backup\n    - by phone\n\n1. first\n2. second\n"
    assert plain(text) == "Steps:\n\n- check the queue\n- page the backup\n  - by phone\n\n1. first\n2. second"


def test_raw_html_stays_text_and_blank_text_is_empty() -> None:
    assert plain("<script>alert(1)</script> & <b>bold</b>") == "<script>alert(1)</script> & <b>bold</b>"
    assert plain("  \n ") == ""


def test_one_line() -> None:
    assert plain_line("Covers **Ana**'s\nafternoon.\n\nBack on Friday.") == "Covers Ana's afternoon. Back on Friday."
