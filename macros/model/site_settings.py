"""Reading the site settings (`mkdocs.yml`) as plain data, for the few values the core needs from them.

`mkdocs.yml` may hold `!!python/name:` and `!ENV` tags that MkDocs resolves by importing code or reading the
environment; here every tag becomes None and nothing is run. The core reads only `site_url` (in every
calendar event's link) and `exclude_docs` (pages left out of the site, which the page checks skip).
"""

from __future__ import annotations

from typing import Any

import yaml

SITE_CONFIG = "mkdocs.yml"


class _SettingsLoader(yaml.SafeLoader):
    """A SafeLoader that turns every tag into None instead of refusing or resolving it."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_settings(text: str | bytes) -> dict[str, Any]:
    """The settings as a mapping; empty when the text is not a readable YAML mapping."""
    try:
        settings = yaml.load(text or b"", Loader=_SettingsLoader)  # noqa: S506 - a SafeLoader that drops tags
    except yaml.YAMLError:
        return {}
    return settings if isinstance(settings, dict) else {}


def site_url_of(settings: dict[str, Any]) -> str | None:
    url = settings.get("site_url")
    return url if isinstance(url, str) and url else None


def excluded_docs(settings: dict[str, Any]) -> list[str]:
    """The `exclude_docs` patterns (gitignore style, relative to docs/), one per line."""
    value = settings.get("exclude_docs")
    if not isinstance(value, str):
        return []
    return [line.strip() for line in value.splitlines() if line.strip() and not line.strip().startswith("#")]
