"""What in a hand-written page would stop the build is found before it, at the page's line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fixture_project import load, write_project
from macros.model.loader import load_project
from macros.pages.page_checks import check_pages, macro_findings

TODAY = dt.date(2026, 11, 20)


def test_macro_naming_a_missing_rotation_or_team_is_an_error_at_its_line(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    body = 'Intro\n\n{{ rotation_facts("duty") }}\n{{ rotation_roles("dutty", level=2) }}\n{{ team_contacts("web") }}\n'
    assert [f.format() for f in macro_findings("docs/x.md", "x.md", body, 5, project)] == [
        "docs/x.md:8:1: error[page]: rotation_roles() names the rotation 'dutty', which is not in data/rotations/"
        " (did you mean 'duty'?)",
        "docs/x.md:9:1: error[page]: team_contacts() names the team 'web', which is not in data/teams/"
        " (expected one of: core)",
    ]


def test_a_rotation_page_may_leave_its_rotation_out_but_only_if_the_data_has_it(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    assert macro_findings("docs/rotations/duty.md", "rotations/duty.md", "{{ rotation_facts() }}", 1, project) == []
    gone = macro_findings("docs/rotations/old.md", "rotations/old.md", "\n{{ rotation_roles(level=3) }}", 1, project)
    assert [f.format() for f in gone] == [
        "docs/rotations/old.md:2:1: error[page]: rotation_roles() names the rotation 'old', which is not in"
        " data/rotations/ (expected one of: duty)"
    ]
    elsewhere = macro_findings("docs/index.md", "index.md", "{{ rotation_facts() }}", 1, project)
    assert [f.message for f in elsewhere] == ["rotation_facts() does not say which rotation"]


def test_jinja_syntax_error_and_computed_ids(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    loop = "{% for r in rotations %}{{ rotation_facts(r) }}{% endfor %}"  # `rotations` from mkdocs.yml's extra
    assert macro_findings("docs/x.md", "x.md", loop, 1, project, site_variables=["rotations"]) == []
    broken = macro_findings("docs/x.md", "x.md", "a\n{{ rotation_facts(", 3, project)
    assert [f.location.line for f in broken] == [4] and broken[0].message.startswith("Jinja syntax error")


def test_pages_front_matter_owners_and_pictures(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "data/people/ana.yml": "name: Ana\nhandle: ana\nteam: core\ntimezone: UTC\npicture: img/ana.png\n",
    })
    docs = root / "docs"
    (docs / "rotations").mkdir(parents=True)
    (docs / "index.md").write_text("---\nowner: core\nreview_by: 2027-01-01\n---\n\n# Home\n", encoding="utf-8")
    (docs / "rotations/gone.md").write_text(
        "---\nowner: nobody\nreview_by: 2027-01-01\n---\n# Gone\n\n{{ rotation_schedule() }}\n", encoding="utf-8"
    )
    (docs / "raw.md").write_text("---\nowner: core\nreview_by: 2027-01-01\nrender_macros: false\n---\n"
                                 "{{ rotation_facts('x') }}\n", encoding="utf-8")
    (docs / ".hidden.md").write_text("{{ rotation_facts('x') }}\n", encoding="utf-8")
    lines = [f.format() for f in check_pages(root, docs, load_project(root), TODAY)]
    assert lines == [
        "data/people/ana.yml:5:10: error[page]: the picture 'img/ana.png' is not a file under docs/"
        " (add the file or remove `picture:`)",
        "docs/rotations/gone.md:2:1: warning[page-freshness]: unknown owner 'nobody' (expected one of: ana, ben,"
        " core (a person or team id))",
        "docs/rotations/gone.md:7:1: error[page]: rotation_schedule() names the rotation 'gone', which is not in"
        " data/rotations/ (expected one of: duty)",
    ]
    (docs / "img").mkdir()
    (docs / "img/ana.png").write_bytes(b"\x89PNG")
    again = [f.format() for f in check_pages(root, docs, load_project(root), TODAY)]
    assert not any("picture" in line for line in again)


def test_a_call_of_a_macro_that_does_not_exist_is_an_error_with_the_closest_name(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    body = "{% macro mine() %}x{% endmacro %}{% set f = rotation_facts %}\n{{ mine() }} {{ now() }} {{ f() }}\n" \
        "{{ rotation_fact('duty') }}\n{{ teams_contacts('core') }}\n"
    assert [f.format() for f in macro_findings("docs/x.md", "x.md", body, 1, project)] == [
        "docs/x.md:3:1: error[page]: rotation_fact() is not a macro of the handbook"
        " (did you mean 'rotation_facts'? (the Writing pages page lists every macro))",
        "docs/x.md:4:1: error[page]: teams_contacts() is not a macro of the handbook"
        " (did you mean 'team_contacts'? (the Writing pages page lists every macro))",
    ]


def test_a_front_matter_value_may_be_called_by_the_page(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    assert macro_findings("docs/x.md", "x.md", "{{ helper() }}", 1, project, {"helper": "x"}) == []


def test_pages_left_out_of_the_site_are_not_checked(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    (root / "mkdocs.yml").write_text("site_name: X\nexclude_docs: |\n  /product/\n", encoding="utf-8")
    (root / "docs" / "product").mkdir(parents=True)
    (root / "docs" / "product" / "notes.md").write_text("{{ no_such_macro() }}\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("---\nowner: core\nreview_by: 2027-01-01\n---\nHi\n", encoding="utf-8")
    assert check_pages(root, root / "docs", load_project(root), TODAY) == []
    (root / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    assert [f.message for f in check_pages(root, root / "docs", load_project(root), TODAY) if "macro" in f.message] \
        == ["no_such_macro() is not a macro of the handbook"]


def test_a_name_nothing_defines_is_an_error_once_per_page(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    body = "{{ page.title }} {{ config.site_name }} {{ team_motto }}\n{{ missing }} {{ missing }}\n" \
        "{% for r in range(2) %}{{ r }}{% endfor %}{{ owner }}\n"
    found = macro_findings("docs/x.md", "x.md", body, 1, project, {"owner": "core"}, ["team_motto"])
    assert [f.format() for f in found] == [
        "docs/x.md:2:1: error[page]: 'missing' is not defined for this page"
        " (define it in the page's front matter or under `extra:` in mkdocs.yml, or fix the name)"
    ]
