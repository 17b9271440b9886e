"""A title from data is never a template: the build neither evaluates nor runs what a name holds."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.adapter.page_titles import after_page_macros, before_page_macros
from site_fixture import copy_site, mkdocs

ROTATION = "data/rotations/ops-duty.yml"
# Writes a file into the project if the build ever evaluates the name as Jinja.
PAYLOAD = "Ops {{ cycler.__init__.__globals__.os.system('touch PWNED') }} {{ 7*191 }}"


class _Page:
    """Enough of MkDocs' Page: a computed title that an assigned one overrides."""

    @property
    def computed(self) -> str:
        return "From the heading"

    def __getattr__(self, name: str) -> str:
        if name == "title":
            return self.computed
        raise AttributeError(name)


def test_title_is_set_aside_and_put_back_exactly() -> None:
    page = _Page()
    page.__dict__["title"] = "{{ 7*191 }} & co"
    template_page = _Page()
    template_page.__dict__["title"] = "{{ 7*191 }} & co"
    env = SimpleNamespace(page=page, variables={"page": template_page})
    before_page_macros(env)
    assert page.title == ""  # nothing for the plugin to render
    assert template_page.title == "&#123;&#123; 7&#42;191 &#125;&#125; &amp; co"  # `{{ page.title }}` prints text
    after_page_macros(env)
    assert page.title == "{{ 7*191 }} & co"


def test_a_computed_title_stays_computed() -> None:
    page = _Page()
    env = SimpleNamespace(page=page, variables={})
    before_page_macros(env)
    after_page_macros(env)
    assert "title" not in page.__dict__ and page.title == "From the heading"


@pytest.mark.slow
def test_jinja_in_a_rotation_name_does_not_run_on_its_hand_written_page(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    source = (root / ROTATION).read_text(encoding="utf-8")
    (root / ROTATION).write_text(source.replace("name: Ops duty", f'name: "{PAYLOAD}"'), encoding="utf-8")
    (root / "docs/rotations/ops-duty.md").write_text(
        "# Ops duty\n\nThis page is titled: {{ page.title }}\n\n{{ rotation_facts() }}\n", encoding="utf-8"
    )
    build = mkdocs(root, "build", "--site-dir", str(root / "site"))
    assert build.returncode == 0, build.stderr[-3000:]
    assert not (root / "PWNED").exists(), "the build ran a command written in the data"
    page = (root / "site/rotations/ops-duty/index.html").read_text(encoding="utf-8")
    assert "1337" not in page
    assert "<title>Ops {{ cycler.__init__.__globals__.os.system('touch PWNED') }} {{ 7*191 }} - " in page
    assert "This page is titled: Ops {{ cycler" in page.replace("&#123;", "{").replace("&#125;", "}")
