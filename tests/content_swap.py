"""Put a fixture handbook's content in place of a checkout's: how CI runs the content tests on a third handbook.

    python tests/content_swap.py tests/fixtures/every-feature    # in a fresh copy of the repository

A fixture handbook (`tests/fixtures/every-feature/`) holds what a team writes (README, "Product and
content"): `data/`, and under `docs/` its home page, rotation pages, any page it adds and the people's
pictures. The swap removes what `scripts/handbook init` removes (the data, the hand-written rotation pages,
the pictures), copies the fixture's `data/` and `docs/` over the checkout, gives every page the fixture does
not write to the owner of the fixture's home page (as `init` gives them to the new team) and regenerates
`.github/CODEOWNERS`. The product (code, tests, reference pages, `mkdocs.yml`) is left as it is.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from the repository's root
    sys.path.insert(0, str(REPO))

from macros.model.findings import DataError  # noqa: E402
from macros.model.loader import load_project  # noqa: E402
from macros.roster.codeowners import write_codeowners  # noqa: E402
from macros.roster.starter import content_files, kept_pages, set_front_matter  # noqa: E402


def _owner(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8")
    header = text[4:].partition("\n---\n")[0] if text.startswith("---\n") else ""
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "owner" and value.strip():
            return value.strip()
    return None


def swap_content(fixture: Path, root: Path) -> list[str]:
    """Replace `root`'s content with `fixture`'s; the pages whose owner changed, relative to `root`."""
    home_owner = _owner(fixture / "docs" / "index.md")
    if home_owner is None:
        raise SystemExit(f"{fixture}/docs/index.md names no owner: the other pages are given to it")
    try:
        old = load_project(root)
    except DataError:  # content that does not load is removed all the same (its pictures are not known)
        old = None
    for path in content_files(root, old):
        path.unlink()
    shutil.copytree(fixture / "data", root / "data", dirs_exist_ok=True)
    shutil.copytree(fixture / "docs", root / "docs", dirs_exist_ok=True)
    project = load_project(root)
    known = set(project.people) | set(project.teams)
    written = {page.relative_to(fixture).as_posix() for page in (fixture / "docs").rglob("*.md")}
    reowned = []
    for page in kept_pages(root):
        relative = page.relative_to(root).as_posix()
        if relative not in written and _owner(page) not in known:
            set_front_matter(page, {"owner": home_owner})
            reowned.append(relative)
    write_codeowners(root, project)
    return reowned


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/content_swap.py FIXTURE   (run in the checkout to change)", file=sys.stderr)
        return 2
    reowned = swap_content(Path(argv[0]).resolve(), Path.cwd())
    print(f"content_swap: {argv[0]} in place; {len(reowned)} page(s) given to the home page's owner")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
