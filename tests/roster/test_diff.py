"""`diff` between two git revisions, as the Markdown a pull request comment shows."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from fixture_project import NOW, load, write_project
from handbook_cli import main
from macros.roster.diff import MARKER, diff_projects, render_markdown

ROTATION = """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    rules:
      coverage: {horizon_days: 0}
    schedule:
      - start: 2026-11-16
        duty: ana
      - start: 2026-11-23
        duty: ben
      - start: 2026-11-30
        duty: ana
    """
CY = "name: Cy Carter\nhandle: cy\nteam: core\ntimezone: Europe/Berlin\n"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
                               "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin",
                               "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)})
    return done.stdout


def repository(root: Path, message: str) -> Path:
    """Two commits: the base data, then one that swaps a week, adds Cy and gives Cy a past week."""
    write_project(root, {"data/rotations/duty.yml": ROTATION, "data/people/cy.yml": CY})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "Base roster")
    rotation = root / "data" / "rotations" / "duty.yml"
    text = rotation.read_text(encoding="utf-8")
    text = text.replace("  - start: 2026-11-16\n    duty: ana", "  - start: 2026-11-16\n    duty: cy")
    text = text.replace("  - start: 2026-11-30\n    duty: ana", "  - start: 2026-11-30\n    duty: ben")
    rotation.write_text(text, encoding="utf-8")
    git(root, "commit", "-q", "-am", message)
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(root), "diff", *args, "--today", "2026-11-23"], out, err)
    return code, out.getvalue(), err.getvalue()


EXPECTED = f"""\
{MARKER}
## Schedule changes (`HEAD~1` → `HEAD`)

### Who gains or loses shifts

- **Ana** (`ana`)
  - loses Duty · Duty, period 2026-11-16 ⚠️ already ended
  - loses Duty · Duty, period 2026-11-30
- **Ben** (`ben`)
  - gains Duty · Duty, period 2026-11-30
- **Cy Carter** (`cy`)
  - gains Duty · Duty, period 2026-11-16 ⚠️ already ended

### Rules

Newly failing:

- `data/rotations/duty.yml:14:11` warning[consecutive-needs-reason]: ben is on duty 2 periods in a row \
(2026-11-23, 2026-11-30) with no reason given (say why with &#96;&#123;person: ben, reason: ...&#125;&#96;, \
or pick someone else)

### Calendar events

2 added, 2 removed (subscribed calendars update on their next refresh).

<details><summary>Events by UID</summary>

- removed `duty.duty.2026-11-16.all.s0.ana@duty-handbook`: Ana, 2026-11-16 09:00 – 2026-11-23 09:00
- added `duty.duty.2026-11-16.all.s0.cy@duty-handbook`: Cy Carter, 2026-11-16 09:00 – 2026-11-23 09:00
- removed `duty.duty.2026-11-30.all.s0.ana@duty-handbook`: Ana, 2026-11-30 09:00 – 2026-12-07 09:00
- added `duty.duty.2026-11-30.all.s0.ben@duty-handbook`: Ben, 2026-11-30 09:00 – 2026-12-07 09:00

</details>

"""
HISTORY_WARNING = """\
### ⚠️ Changes to shifts that already ended

History should not be rewritten: these shifts were over before this change. If the record was wrong, \
say so in a commit message starting with `history:` (or mentioning a `backfill`).

- Duty · Duty, period 2026-11-16: ana → cy
"""


def test_diff_of_two_commits_is_the_expected_markdown(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap weeks")
    code, out, err = run(root, "HEAD~1", "HEAD")
    assert out == EXPECTED + HISTORY_WARNING
    assert code == 1 and "rewrites past shifts" in err


def test_a_commit_message_can_explain_a_change_to_history(tmp_path: Path) -> None:
    root = repository(tmp_path, "history: Cy covered the week of 16 November, not Ana")
    code, out, _ = run(root, "HEAD~1", "HEAD")
    assert code == 0
    assert out == EXPECTED + "1 change(s) touch shifts that already ended; a commit message explains why.\n"


def test_the_working_tree_is_the_default_head(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap weeks")
    code, out, _ = run(root, "HEAD")
    assert (code, out) == (0, f"{MARKER}\n## Schedule changes (`HEAD` → the working tree)\n\n"
                              "No change to any schedule, rule finding or calendar event.\n")


def test_unknown_revisions_and_unloadable_heads_exit_two(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap weeks")
    code, _, err = run(root, "no-such-branch")
    assert code == 2 and err.startswith("handbook: git: ")
    (root / "data" / "people" / "cy.yml").write_text("name: [\n", encoding="utf-8")
    code, _, err = run(root, "HEAD")
    assert code == 2 and err.endswith("handbook: the data at the working tree cannot be loaded\n")


def test_new_errors_fail_and_fixed_ones_show_as_passing(tmp_path: Path) -> None:
    broken = ROTATION.replace("duty: ben\n      - start: 2026-11-30\n        duty: ana",
                              "duty: ana\n      - start: 2026-11-30\n        duty: ana")
    before = load(tmp_path / "a", {"data/rotations/duty.yml": ROTATION})
    after = load(tmp_path / "b", {"data/rotations/duty.yml": broken})
    forward = diff_projects(before, after, NOW)
    assert [f.rule for f in forward.new_errors] == ["max-consecutive"]
    backward = render_markdown(diff_projects(after, before, NOW), "a", "b")
    assert "Newly passing:\n\n- `data/rotations/duty.yml:" in backward
    assert "` error[max-consecutive]: ana is on duty 3 periods in a row" in backward


def test_names_in_the_comment_mention_nobody(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap weeks")
    person = root / "data" / "people" / "cy.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("Cy Carter", "Cy @org/sre-team @cy"), encoding="utf-8")
    code, out, err = run(root, "HEAD~1")
    assert "Cy @&#8203;org/sre-team @&#8203;cy" in out
    assert "@org" not in out and "@cy" not in out
