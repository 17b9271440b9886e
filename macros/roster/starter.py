"""`init`: turn a checkout into a fresh handbook for one team, and `init --example` back into the example.

The team's content is everything a team writes (README, "Product and content"): the files under
`data/`, the hand-written rotation and team pages in `docs/rotations/` and `docs/teams/`, the pictures people's
files name, who owns
each page (its front matter) and the CODEOWNERS generated from the data. Everything else is the product
and is left alone, so a checkout can take product updates after `init`.

`init` writes a first team, its people and one rotation from the answers, lets the planner fill the
next quarter (so the result passes every rule at once) and gives every kept page to the new team. The
commit the example was removed from is recorded in `.handbook-example`, which is how `init --example`
brings the example back later. Both refuse to run over uncommitted changes: what they remove must be
recoverable from git.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from macros.model.findings import DataError
from macros.model.json_schemas import with_modeline
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.site_settings import SITE_CONFIG, read_site_settings
from macros.roster.codeowners import write_codeowners
from macros.roster.plan_format import write_periods
from macros.roster.planner import PlanError, plan_rotation
from macros.roster.yamledit import load_roundtrip
from macros.rules.validate import validate
from macros.schedule.localtime import add_days, to_local

CONTENT_FOLDERS = ("people", "teams", "rotations", "templates", "checklists", "common-tasks")
ROTATION_PAGES = "docs/rotations"
TEAM_PAGES = "docs/teams"  # a team's own page, written instead of the generated one
PRODUCT_PAGES = "docs/product"  # the product's own documentation, left out of a team's site
EXAMPLE_MARK = ".handbook-example"
PLANNED_DAYS = 91  # a quarter: beyond the coverage rule's default horizon of 42 days
REVIEW_AFTER_DAYS = 182  # the kept pages are the team's now; it reviews them within half a year
_NOT_ID = re.compile(r"[^a-z0-9]+")


class StartError(Exception):
    """`init` cannot go on: one line saying why and what to do."""


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    handle: str


@dataclass(frozen=True)
class StarterRole:
    id: str
    title: str


@dataclass(frozen=True)
class Starter:
    """The answers `init` needs; ids are derived from names where not given."""

    team_name: str
    rotation_name: str
    period_weeks: int
    weekday: str
    time: str
    timezone: str
    roles: tuple[StarterRole, ...]
    members: tuple[Member, ...]
    # The site settings that are the team's too (mkdocs.yml); empty: keep what is there.
    site_name: str = ""
    site_url: str = ""

    @property
    def team_id(self) -> str:
        return ident(self.team_name)

    @property
    def rotation_id(self) -> str:
        return ident(self.rotation_name)


def ident(name: str) -> str:
    """The id for a name: lower-case letters, digits and dashes (`Web Platform` → `web-platform`)."""
    slug = _NOT_ID.sub("-", name.lower()).strip("-")
    if not slug:
        raise StartError(f"{name!r} gives no id: use letters or digits")
    return slug


def member(text: str) -> Member:
    """`Name` or `Name:handle` (the handle defaults to the id's first part)."""
    name, _, handle = text.partition(":")
    name = name.strip()
    person_id = ident(name)
    return Member(person_id, name, handle.strip().lstrip("@") or person_id.split("-")[0])


def role(text: str) -> StarterRole:
    """`id` or `id:Title` (the title defaults to the id, capitalised)."""
    role_id, _, title = text.partition(":")
    role_id = ident(role_id)
    return StarterRole(role_id, title.strip() or role_id.replace("-", " ").capitalize())


# --- git ------------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise StartError(f"git is needed to start a handbook: {exc}") from None
    if done.returncode != 0:
        raise StartError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def require_clean(root: Path) -> str:
    """The commit checked out; refuses a tree with uncommitted changes (what init removes must stay in git)."""
    if not (root / "data").is_dir():
        raise StartError(f"{root} holds no data/ folder: run init in a handbook checkout")
    head = _git(root, "rev-parse", "--verify", "HEAD").strip()
    if _git(root, "status", "--porcelain", "--untracked-files=normal").strip():
        raise StartError("the checkout has uncommitted changes: commit or stash them first (git status lists them)")
    return head


# --- the team's content ---------------------------------------------------------------------------


def content_files(root: Path, project: Project | None) -> list[Path]:
    """The files init removes: the data, the hand-written rotation and team pages and the people's pictures."""
    files = [path for folder in CONTENT_FOLDERS for path in sorted((root / "data" / folder).glob("*.yml"))]
    for pages in (ROTATION_PAGES, TEAM_PAGES):  # they describe the example's rotations and teams
        files.extend(sorted((root / pages).glob("*.md")))
    if project is not None:
        pictures = (root / "docs" / person.picture for person in project.people.values() if person.picture)
        files.extend(path for path in pictures if path.is_file())
    return files


def _loaded_or_none(root: Path) -> Project | None:
    try:
        return load_project(root)
    except DataError:
        return None


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _write_data(root: Path, folder: str, file_id: str, data: dict[str, Any]) -> None:
    path = root / "data" / folder / f"{file_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_modeline(_dump(data), folder), encoding="utf-8")


def _write_starter(root: Path, starter: Starter) -> None:
    _write_data(root, "teams", starter.team_id, {"name": starter.team_name})
    for person in starter.members:
        fields = {"name": person.name, "handle": person.handle, "team": starter.team_id,
                  "timezone": starter.timezone}
        _write_data(root, "people", person.id, fields)
    rotation = {
        "name": starter.rotation_name,
        "team": starter.team_id,
        "period": {"weeks": starter.period_weeks},
        "handoff": {"weekday": starter.weekday, "time": starter.time, "timezone": starter.timezone},
        "roles": [{"id": r.id, "title": r.title} for r in starter.roles],
        "schedule": [],
    }
    _write_data(root, "rotations", starter.rotation_id, rotation)


def _plan(root: Path, starter: Starter, project: Project, now: dt.datetime) -> None:
    """Fill the next quarter from the last hand-off weekday on or before today, so someone is on duty now."""
    rotation = project.rotations[starter.rotation_id]
    today = to_local(now, rotation.handoff.timezone).date()
    start = add_days(today, -((today.weekday() - rotation.handoff.weekday.number) % 7))
    count = -(-PLANNED_DAYS // rotation.period.total_days)
    try:
        plan = plan_rotation(project, starter.rotation_id, count, now, start=start)
    except PlanError as exc:
        raise StartError(f"cannot plan a first schedule: {exc.message} ({exc.hint})") from None
    relative = f"data/rotations/{starter.rotation_id}.yml"
    path = root / relative
    document = load_roundtrip(path.read_text(encoding="utf-8"), relative)
    write_periods(document, rotation, plan.periods)
    path.write_text(document.render(), encoding="utf-8")


# --- page owners ----------------------------------------------------------------------------------


def kept_pages(root: Path) -> list[Path]:
    """The Markdown pages of the site that stay (the product's own documentation is not in the site)."""
    product = root / PRODUCT_PAGES
    return [page for page in sorted((root / "docs").rglob("*.md")) if product not in page.parents]


def _split_front_matter(text: str) -> tuple[str, str] | None:
    if not text.startswith("---\n"):
        return None
    header, separator, body = text[4:].partition("\n---\n")
    return (header + "\n", body) if separator else None


def set_front_matter(page: Path, values: dict[str, Any]) -> bool:
    """Set keys already in the page's front matter (round-trip YAML, comments kept); False when none is."""
    text = page.read_text(encoding="utf-8")
    parts = _split_front_matter(text)
    if parts is None:
        return False
    header, body = parts
    document = load_roundtrip(header, page.as_posix())  # only the changed lines are rewritten
    meta = document.data
    if not isinstance(meta, dict) or not any(key in meta for key in values):
        return False
    for key, value in values.items():
        if key in meta:
            meta[key] = value
    page.write_text(f"---\n{document.render()}---\n{body}", encoding="utf-8")
    return True


def front_matter_at(root: Path, commit: str, page: str) -> dict[str, Any]:
    """The front matter of `page` in `commit` (empty when the page or its front matter is not there)."""
    try:
        text = _git(root, "show", f"{commit}:{page}")
    except StartError:
        return {}
    parts = _split_front_matter(text)
    meta = _yaml().load(parts[0]) if parts else None
    return dict(meta) if isinstance(meta, dict) else {}


# --- the two commands -----------------------------------------------------------------------------


def start_handbook(root: Path, starter: Starter, now: dt.datetime) -> list[str]:
    """Replace the content with a first team and rotation; the changed paths, relative to `root`."""
    head = require_clean(root)
    _check_answers(starter)
    removed = content_files(root, _loaded_or_none(root))
    for path in removed:
        path.unlink()
    mark = root / EXAMPLE_MARK
    if not mark.is_file():  # a second init keeps pointing at the example, not at the first team
        mark.write_text(f"{head}\n", encoding="utf-8")
    _write_starter(root, starter)
    set_site_settings(root, {"site_name": starter.site_name, "site_url": starter.site_url})
    try:
        project = load_project(root)
        _plan(root, starter, project, now)
        project = load_project(root)
    except DataError as exc:
        lines = "; ".join(finding.format() for finding in exc.findings)
        raise StartError(f"the answers do not make a valid handbook: {lines}") from None
    review_by = now.date() + dt.timedelta(days=REVIEW_AFTER_DAYS)
    for page in kept_pages(root):
        set_front_matter(page, {"owner": starter.team_id, "review_by": review_by})
    write_codeowners(root, project)
    errors = validate(project, now).errors
    if errors:  # the planner keeps every rule; this would be a bug in it
        raise StartError(f"the first schedule breaks a rule: {errors[0].format()}")
    return _changed(root)


def set_site_settings(root: Path, values: dict[str, str]) -> bool:
    """Write `site_name` / `site_url` into mkdocs.yml, keeping its comments, layout and tags; whether it changed."""
    path = root / SITE_CONFIG
    yaml = _yaml()
    yaml.preserve_quotes = True
    settings = yaml.load(path.read_text(encoding="utf-8"))
    wanted = {key: value for key, value in values.items() if value and settings.get(key) != value}
    if not wanted:
        return False
    for key, value in wanted.items():
        settings[key] = value
    out = io.StringIO()
    yaml.dump(settings, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return True


def _check_answers(starter: Starter) -> None:
    if starter.site_url and not re.match(r"^https?://[^/\s]+/", starter.site_url):
        raise StartError(f"--site-url {starter.site_url!r} is not an address: give it as https://host/path/")
    if not starter.roles:
        raise StartError("give at least one role (--role ID[:Title])")
    if not starter.members:
        raise StartError("give at least one member (--member 'Full Name[:handle]')")
    for kind, ids in (("role", [r.id for r in starter.roles]), ("member", [m.id for m in starter.members])):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise StartError(f"{kind} {repeated[0]!r} is given twice")


def restore_example(root: Path) -> list[str]:
    """Bring back the example content from the commit `init` recorded; the changed paths."""
    require_clean(root)
    mark = root / EXAMPLE_MARK
    if not mark.is_file():
        raise StartError(f"no {EXAMPLE_MARK} here: this checkout still has the example, or was never started")
    commit = mark.read_text(encoding="utf-8").strip()
    _git(root, "cat-file", "-e", f"{commit}^{{commit}}")
    for path in content_files(root, _loaded_or_none(root)):
        path.unlink()
    paths = [f"data/{folder}" for folder in CONTENT_FOLDERS] + [ROTATION_PAGES, TEAM_PAGES, ".github/CODEOWNERS"]
    present = [p for p in paths if _git(root, "ls-tree", "--name-only", commit, "--", p).strip()]
    if ".github/CODEOWNERS" not in present:  # generated by init: the example had none
        (root / ".github" / "CODEOWNERS").unlink(missing_ok=True)
    _git(root, "checkout", commit, "--", *present)
    _git(root, "reset", "--quiet", "--", *present)  # leave the change unstaged, like init's
    settings = read_site_settings(_git(root, "show", f"{commit}:{SITE_CONFIG}"))
    set_site_settings(root, {key: str(settings.get(key) or "") for key in ("site_name", "site_url")})
    for page in kept_pages(root):
        relative = page.relative_to(root).as_posix()
        old = front_matter_at(root, commit, relative)
        set_front_matter(page, {key: old[key] for key in ("owner", "review_by") if key in old})
    mark.unlink()
    return _changed(root)


def _changed(root: Path) -> list[str]:
    lines = _git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    return sorted(line[3:] for line in lines)


def summary(paths: Sequence[str]) -> str:
    return f"{len(paths)} file(s) changed; review them with `git status`, then commit"
