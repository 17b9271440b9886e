"""Reading `mkdocs.yml` as plain data: tags never run, only `site_url` and `exclude_docs` are read."""

from __future__ import annotations

from macros.model.site_settings import excluded_docs, read_site_settings, site_url_of

SETTINGS = """\
site_name: Duty
site_url: https://handbook.example.com/
exclude_docs: |
  /product/
  # a comment
  drafts/*.md
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - format: !!python/name:os.system
extra:
  secret: !ENV HOME
"""


def test_tags_become_none_and_nothing_is_imported() -> None:
    settings = read_site_settings(SETTINGS)
    fence = settings["markdown_extensions"][0]["pymdownx.superfences"]["custom_fences"][0]
    assert fence == {"format": None} and settings["extra"] == {"secret": None}


def test_site_url_and_exclude_docs() -> None:
    settings = read_site_settings(SETTINGS.encode())
    assert site_url_of(settings) == "https://handbook.example.com/"
    assert excluded_docs(settings) == ["/product/", "drafts/*.md"]


def test_unreadable_or_missing_values_give_nothing() -> None:
    assert read_site_settings("site_name: [unclosed\n") == {}
    assert read_site_settings("- a list, not settings\n") == {}
    assert site_url_of({"site_url": ""}) is None and site_url_of({}) is None
    assert excluded_docs({"exclude_docs": ["not", "a", "block"]}) == []
