"""The small pieces content pages share: headings with fixed anchors, JSON in attributes, UTC stamps."""

from __future__ import annotations

import datetime as dt
import html
import json
import zoneinfo

from macros.pages.parts import heading, json_attribute, utc_stamp


def test_heading_shows_the_title_literally_with_its_anchor() -> None:
    line = heading(3, "Disk *full* <b>", "disk-full")
    assert line.startswith("### ") and line.endswith(" {#disk-full}")
    assert "<b>" not in line and "*full*" not in line  # Markdown and HTML in the title stay text


def test_json_attribute_is_one_line_that_reads_back() -> None:
    value = {"text": 'He said "hi" <script>\nnext line', "n": [1, 2], "é": "ü"}
    encoded = json_attribute(value)
    assert "\n" not in encoded and '"' not in encoded and "<" not in encoded
    assert json.loads(html.unescape(encoded)) == value


def test_json_attribute_is_stable_whatever_the_key_order() -> None:
    assert json_attribute({"b": 1, "a": 2}) == json_attribute({"a": 2, "b": 1})


def test_utc_stamp_converts_to_utc_and_ends_in_z() -> None:
    berlin = dt.datetime(2026, 7, 1, 10, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    assert utc_stamp(berlin) == "2026-07-01T08:30:00Z"
