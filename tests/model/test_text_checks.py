"""Which characters no text value may hold, whatever its field."""

import pytest

from macros.model.text_checks import control_character_findings, first_control_character
from macros.model.yamldoc import parse_text


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\ud800"])
def test_controls_and_lone_surrogates_are_refused(character: str) -> None:
    assert first_control_character(f"a{character}b") == character


@pytest.mark.parametrize("text", ["plain", "tab\there", "two\nlines", "Zoë 日本 🙂", "\u200b zero width"])
def test_ordinary_text_passes(text: str) -> None:
    assert first_control_character(text) is None


def test_every_value_and_key_at_any_depth_is_checked_at_its_place() -> None:
    document = parse_text('a:\n  - "x\\vy"\n  - ok\n"k\\fz": 1\n', "data/x.yml")
    assert [f.format() for f in control_character_findings(document.data, document.source)] == [
        "data/x.yml:2:5: error[text]: the text holds the control character U+000B,"
        " which pages and calendar feeds cannot carry (remove it; only tab and line feed are allowed)",
        "data/x.yml:4:1: error[text]: the text holds the control character U+000C,"
        " which pages and calendar feeds cannot carry (remove it; only tab and line feed are allowed)",
    ]
