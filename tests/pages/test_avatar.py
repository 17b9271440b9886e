"""Initials avatars: letters, a colour fixed by the id and readable under white text, pictures as files."""

from __future__ import annotations

import re

import pytest

from macros.model.types import Person
from macros.pages.avatar import avatar, colour, initials


def person(name: str, picture: str | None = None) -> Person:
    return Person.model_validate(
        {"name": name, "handle": "x", "team": "t", "timezone": "UTC", **({"picture": picture} if picture else {})}
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana Ruiz", "AR"), ("Ana", "A"), ("Jean-Luc Picard", "JP"), ("maria de la cruz", "MC"),
        ("<img>", "?"), ("", "?"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("person_id", ["ana-ruiz", "wei-chen", "bo", "cy", "x", "a-very-long-id-0123456789"])
def test_colour_is_deterministic_and_white_text_is_readable(person_id: str) -> None:
    assert colour(person_id) == colour(person_id)
    assert re.fullmatch(r"#[0-9a-f]{6}", colour(person_id))
    contrast = 1.05 / (_luminance(colour(person_id)) + 0.05)
    assert contrast >= 4.5


def test_different_ids_get_different_colours() -> None:
    assert len({colour(f"person-{n}") for n in range(50)}) > 40


def test_initials_avatar_is_inline_svg_with_escaped_text() -> None:
    svg = avatar("mallory", person("<b onclick=x> Smith"))
    assert svg.startswith('<svg class="duty-avatar" width="48" height="48"')
    assert ">&lt;S</text>" not in svg and "<b" not in svg
    assert f'fill="{colour("mallory")}"' in svg


def test_a_picture_is_an_img_relative_to_the_site_root() -> None:
    img = avatar("ana", person("Ana", "img/people/ana.png"), root="../../", size=96)
    assert img == (
        '<img class="duty-avatar" src="../../img/people/ana.png" alt="" width="96" height="96" loading="lazy">'
    )
