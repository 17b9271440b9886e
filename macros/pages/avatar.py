"""A person's picture, or an initials avatar drawn as inline SVG when the data gives none.

The avatar's colour comes from a hash of the person's id, so it is the same on every build and
every page, and differs between people with the same initials. No image is fetched from anywhere.
"""

from __future__ import annotations

import colorsys
import hashlib

from macros.model.types import Person
from macros.pages.markup import attr, text


def initials(name: str) -> str:
    """Up to two letters: the first letters of the first and the last word (`Ana Ruiz` → `AR`)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def colour(person_id: str) -> str:
    """A mid-dark colour picked by the id's hash; white text on it stays readable (contrast ≥ 4.5)."""
    digest = hashlib.sha256(person_id.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, 0.28, 0.5)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def avatar(person_id: str, person: Person, *, root: str = "", size: int = 48) -> str:
    """HTML for the person's picture (a file under docs/, linked relative to `root`) or initials avatar."""
    if person.picture:
        return (
            f'<img class="duty-avatar" src="{attr(root + person.picture)}" alt="" '
            f'width="{size}" height="{size}" loading="lazy">'
        )
    return (
        f'<svg class="duty-avatar" width="{size}" height="{size}" viewBox="0 0 48 48" aria-hidden="true">'
        f'<circle cx="24" cy="24" r="24" fill="{colour(person_id)}"/>'
        f'<text x="24" y="24" dy=".35em" text-anchor="middle" font-size="18" font-family="sans-serif" '
        f'fill="#fff">{text(initials(person.name))}</text></svg>'
    )
