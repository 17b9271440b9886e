"""Every bad input gives a one-line error that names its place, in every command and the build; never a traceback.

The corpus is `tests/fixtures/bad-inputs/` (one small case per file, see its README). Each case is
applied to a copy of a small handbook that passes `validate --strict` and builds; then:

- `handbook validate --strict` exits non-zero and prints the case's `file:line`;
- the other read-only commands (`report`, `plan --dry-run`, `codeowners --check`) exit with a code of theirs
  and no traceback;
- `mkdocs build --strict` (what `make site` runs) prints no traceback; when it fails, its messages name
  the same place. Since every case makes `validate` fail, `validate` fails whenever the build does: the
  data gate is complete for these inputs.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook_cli import main as handbook
from site_fixture import FIXTURES, build_env, copy_site

pytestmark = pytest.mark.slow

CORPUS = FIXTURES / "bad-inputs"
CASES = sorted(path.stem for path in CORPUS.glob("*.yml"))
ROTATION_PAGE = """\
---
owner: ops
review_by: 2027-06-01
---
# Ops duty

{{ rotation_facts() }}

{{ rotation_roles() }}
"""


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small handbook with a hand-written rotation page, clean under `validate --strict` and `--strict` builds."""
    root = copy_site(tmp_path_factory.mktemp("bad-inputs") / "baseline")
    (root / "docs/rotations/ops-duty.md").write_text(ROTATION_PAGE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", build_env()["SOURCE_DATE_EPOCH"])
        assert command(root, "modelines")[0] == 0
        assert command(root, "validate", "--strict") == (0, "", "handbook: the data is valid\n")
    return root


def command(root: Path, *arguments: str) -> tuple[int, str, str]:
    """`handbook --root ROOT ARGUMENTS`, in this process (the commands' own error handling included)."""
    out, err = io.StringIO(), io.StringIO()
    code = handbook(["--root", str(root), *arguments], out, err)
    return code, out.getvalue(), err.getvalue()


def apply(case: dict[str, Any], root: Path) -> None:
    for edit in case.get("replace", []):
        path = root / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} is not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for relative, text in case.get("write", {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    for relative, text in case.get("write_bytes", {}).items():
        (root / relative).write_bytes(text.encode("latin-1"))
    for relative, size in case.get("write_large", {}).items():
        (root / relative).write_text("name: Big\ndescription: " + "x" * size + "\n", encoding="utf-8")
    for relative in case.get("delete", []):
        (root / relative).unlink()
    for relative, target in case.get("rename", {}).items():
        (root / relative).rename(root / target)
    for relative, target in case.get("symlink", {}).items():
        (root / relative).symlink_to(target)


def test_the_corpus_is_large_and_every_case_says_what_it_tries() -> None:
    assert len(CASES) >= 40
    for name in CASES:
        text = (CORPUS / f"{name}.yml").read_text(encoding="utf-8")
        assert text.startswith("# ") and "expect:" in text, name


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gives_one_line_errors_and_no_traceback(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    case = yaml.safe_load((CORPUS / f"{name}.yml").read_text(encoding="utf-8"))
    root = tmp_path / "handbook"
    shutil.copytree(baseline, root, symlinks=True)
    apply(case, root)
    env = {**build_env(), **{key: str(value) for key, value in case.get("env", {}).items()}}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", env["SOURCE_DATE_EPOCH"])
    expect = case["expect"]

    code, out, err = command(root, "validate", "--strict")
    assert code != 0, f"validate accepted it:\n{out}{err}"
    assert expect in out + err, out + err
    assert "internal error" not in out + err, out + err  # an exception the command did not expect

    for arguments in (["report"], ["plan", "ops-duty", "--periods", "1", "--dry-run"], ["codeowners", "--check"]):
        code, out, err = command(root, *arguments)
        assert "internal error" not in out + err and code in (0, 1, 2), f"{arguments}: {out}{err}"

    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    logged = build.stdout + build.stderr
    assert "Traceback" not in logged, logged[-4000:]
    if build.returncode != 0:
        assert expect in logged, logged[-4000:]
    assert not (root / "PWNED").exists()
