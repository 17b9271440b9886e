"""Checks of the hand-written pages under `docs/`, so `validate` finds before a build what would break it.

A page is code the team writes, but it names things in the data: `{{ rotation_facts("sre-duty") }}`,
`{{ team_contacts("web") }}`, its owner in the front matter. When the data changes (a rotation renamed,
`data/` emptied), those names go stale and the build would stop in the middle of rendering, with the
macros plugin's error instead of a line pointing at the page. These checks read each page's front
matter and parse (never render) its Jinja with Jinja's own parser, then compare every literal id a
macro call names with the data; the same checks run at the start of every build.

People's pictures are checked here too: they are paths into `docs/`, and a missing file would show as
a broken image.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import pathspec
import yaml
from jinja2 import nodes

from macros.model.findings import Finding, Location, Severity, did_you_mean
from macros.model.project import Project
from macros.model.site_settings import SITE_CONFIG, excluded_docs, read_site_settings
from macros.pages.freshness import check_page
from macros.pages.macro_catalog import HANDBOOK_MACROS, PLUGIN_CALLABLES, PLUGIN_VARIABLES

RULE = "page"
# Macro → (which data collection its first argument names, the argument's keyword name).
_ID_ARGUMENTS = {name: argument for name, argument in HANDBOOK_MACROS.items() if argument is not None}
# The front matter as MkDocs reads it (mkdocs.utils.meta): `---`, YAML, then `---` or `...`.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, Any], int, str | None]:
    """The page's front matter, how many lines it spans, and a problem with it (None when fine)."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}, 0, None
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError as exc:
        return {}, found.group(0).count("\n"), f"the front matter is not valid YAML: {' '.join(str(exc).split())}"
    return (meta if isinstance(meta, dict) else {}), found.group(0).count("\n"), None


def _literal(call: nodes.Call, keyword: str) -> tuple[bool, str | None]:
    """(given, value) of a macro's id argument: the value only when it is a literal string."""
    argument: Any = call.args[0] if call.args else next((k.value for k in call.kwargs if k.key == keyword), None)
    if argument is None:
        return False, None
    if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
        return True, argument.value
    return True, None  # computed in the template: cannot be known before rendering


def _calls(template: nodes.Template) -> Iterator[tuple[str, nodes.Call]]:
    for call in template.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in _ID_ARGUMENTS:
            yield call.node.name, call


def _unknown_calls(template: nodes.Template, defined: set[str]) -> Iterator[nodes.Call]:
    """Calls of a name that is no macro of ours, of the plugin or of Jinja, nor defined by the page itself."""
    for call in template.find_all(nodes.Call):
        name = call.node.name if isinstance(call.node, nodes.Name) else None
        if name and name not in HANDBOOK_MACROS and name not in PLUGIN_CALLABLES and name not in defined:
            yield call


def _defined(template: nodes.Template, meta: dict[str, Any]) -> set[str]:
    """Names the page gives itself: its `{% macro %}`s, `{% set %}`s, loop variables, front matter keys."""
    names = {str(key) for key in meta}
    names |= {macro.name for macro in template.find_all(nodes.Macro)}
    names |= {target.name for target in template.find_all(nodes.Name) if target.ctx in ("store", "param")}
    return names


def macro_findings(
    shown: str,
    page: str,
    body: str,
    first_line: int,
    project: Project,
    meta: dict[str, Any] | None = None,
    site_variables: Iterable[str] = (),
) -> list[Finding]:
    """Errors for the macro calls of one page body: Jinja syntax, and ids the data does not have.

    `page` is the path under docs/ (a rotation page may leave its rotation out), `first_line` the line
    of the file the body starts on.
    """
    try:
        template = jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as exc:
        location = Location(shown, first_line + (exc.lineno or 1) - 1, 1)
        return [Finding(location, Severity.ERROR, RULE, f"Jinja syntax error: {exc.message}", "fix the macro call")]
    findings = []
    defined = _defined(template, meta or {})
    reported: set[str] = set()
    for call in _unknown_calls(template, defined):
        called = call.node.name  # type: ignore[attr-defined]
        reported.add(called)
        findings.append(Finding(
            Location(shown, first_line + call.lineno - 1, 1), Severity.ERROR, RULE,
            f"{called}() is not a macro of the handbook",
            did_you_mean(called, HANDBOOK_MACROS) + " (the Writing pages page lists every macro)",
        ))
    # The build renders with `on_undefined: strict`: a name nothing defines would stop it half-way.
    names = defined | reported | set(HANDBOOK_MACROS) | PLUGIN_CALLABLES | PLUGIN_VARIABLES | set(site_variables)
    for used in template.find_all(nodes.Name):
        if used.ctx == "load" and used.name not in names:
            names.add(used.name)  # once per page
            findings.append(Finding(
                Location(shown, first_line + used.lineno - 1, 1), Severity.ERROR, RULE,
                f"'{used.name}' is not defined for this page",
                "define it in the page's front matter or under `extra:` in mkdocs.yml, or fix the name",
            ))
    folder, name = posixpath.split(page)
    for macro, call in _calls(template):
        kind, keyword = _ID_ARGUMENTS[macro]
        given, value = _literal(call, keyword)
        location = Location(shown, first_line + call.lineno - 1, 1)
        if not given and kind == "rotation" and folder == "rotations":
            value = posixpath.splitext(name)[0]
        elif not given:
            hint = f'name it: {macro}("…")'
            if kind == "rotation":
                hint += " (only docs/rotations/<id>.md may leave it out)"
            findings.append(Finding(location, Severity.ERROR, RULE, f"{macro}() does not say which {kind}", hint))
            continue
        if value is None:
            continue
        known = project.rotations if kind == "rotation" else project.teams
        if value not in known:
            folder_name = "rotations" if kind == "rotation" else "teams"
            findings.append(Finding(
                location, Severity.ERROR, RULE,
                f"{macro}() names the {kind} '{value}', which is not in data/{folder_name}/",
                did_you_mean(value, known),
            ))
    return findings


def picture_findings(project: Project, docs_dir: Path) -> list[Finding]:
    """An error for every person whose `picture` is not a file under docs/."""
    findings = []
    docs = docs_dir.resolve()
    for person_id, person in project.people.items():
        picture = person.picture
        if not picture:
            continue
        target = (docs / picture).resolve()
        if not target.is_file() or not target.is_relative_to(docs):
            findings.append(Finding(
                project.people.locate(person_id, ("picture",)), Severity.ERROR, RULE,
                f"the picture '{picture}' is not a file under {docs_dir.name}/", "add the file or remove `picture:`",
            ))
    return findings


def _site_settings(root: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data: `exclude_docs` (pages not built) and `extra` (variables every page has)."""
    try:
        return read_site_settings((root / SITE_CONFIG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def _owners(project: Project) -> dict[str, str]:
    names = {team_id: team.name for team_id, team in project.teams.items()}
    names.update({person_id: person.name for person_id, person in project.people.items()})
    return names


def check_pages(
    root: Path, docs_dir: Path, project: Project, today: dt.date, *, freshness: bool = True
) -> list[Finding]:
    """Findings for every Markdown page under `docs_dir` and every person's picture.

    With `freshness`, also the owner and review-date warnings the build gives each page (the build itself
    reports those page by page, so it asks without them).
    """
    findings = picture_findings(project, docs_dir)
    owners = _owners(project)
    settings = _site_settings(root)
    excluded = pathspec.GitIgnoreSpec.from_lines(excluded_docs(settings))
    extra = settings.get("extra")
    site_variables = [str(key) for key in extra] if isinstance(extra, dict) else []
    for file in sorted(docs_dir.rglob("*.md")):
        if any(part.startswith(".") for part in file.relative_to(docs_dir).parts):
            continue  # MkDocs leaves hidden files out of the site
        if excluded.match_file(file.relative_to(docs_dir).as_posix()):
            continue  # `exclude_docs`: not built, so nothing in it can break the build
        shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            findings.append(Finding(Location(shown, 1, 1), Severity.ERROR, RULE, f"cannot read the page: {exc}",
                                    "save it as UTF-8"))
            continue
        meta, lines, problem = _front_matter(text)
        if problem is not None:
            findings.append(Finding(Location(shown, 1, 1), Severity.ERROR, RULE, problem, "fix the front matter"))
        if freshness:
            findings += check_page(shown, meta, today, source=text, owners=owners).findings
        if meta.get("render_macros") is False:
            continue
        body = text[len(_FRONT_MATTER.match(text).group(0)):] if lines else text  # type: ignore[union-attr]
        page = file.relative_to(docs_dir).as_posix()
        findings += macro_findings(shown, page, body, lines + 1, project, meta, site_variables)
    return findings
