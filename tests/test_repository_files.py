"""The files that make pull requests the way to change the roster: workflows, pre-commit hook, PR template.

The workflows are checked with actionlint (installed from PyPI into the virtual environment).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"


def _actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.exists() else shutil.which("actionlint")


def _workflow(name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def _uses(workflow: dict[Any, Any]) -> list[str]:
    return [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflows_pass_actionlint() -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (it comes with the test dependencies)")
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files
    result = subprocess.run([binary, "-no-color", *files], capture_output=True, text=True, check=False, cwd=REPO)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (it comes with the test dependencies)")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nope }}\n")
    result = subprocess.run([binary, "-no-color", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "nope" in result.stdout


def test_pull_requests_run_the_tests_the_rules_the_strict_build_and_post_the_diff() -> None:
    workflow = _workflow("pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    runs = "\n".join(_runs(workflow))
    assert "make test" in runs
    assert "scripts/handbook validate --format github" in runs
    assert "mkdocs build --strict" in runs
    assert re.search(r'scripts/handbook diff "origin/\$BASE_REF" HEAD', runs)
    assert "actions/github-script" in _uses(workflow)


def test_pull_request_code_runs_with_a_read_only_token() -> None:
    workflow = _workflow("pull-request.yml")
    assert workflow["permissions"] == {"contents": "read"}
    check, comment = workflow["jobs"]["check"], workflow["jobs"]["comment"]
    assert check["permissions"] == {"contents": "read"}
    checkout = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    assert check["steps"][3]["env"]["HANDBOOK_REQUIRE_ALL"] == "1"  # the browser and corpus tests run
    # The job that may write runs none of the pull request's code and only for branches of this repository.
    assert comment["permissions"] == {"pull-requests": "write"}
    assert not any("run" in step or step.get("uses", "").startswith("actions/checkout") for step in comment["steps"])
    assert "head.repo.full_name == github.repository" in comment["if"]


def test_main_builds_and_deploys_to_pages() -> None:
    workflow = _workflow("pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert "make site" in "\n".join(_runs(workflow))
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(_uses(workflow))
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"  # never another branch


def test_pre_commit_validates_when_data_changes() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    validate = hooks["handbook-validate"]
    assert (validate["entry"], validate["language"], validate["pass_filenames"]) == (
        "scripts/handbook validate", "system", False)
    pattern = re.compile(validate["files"])
    assert pattern.search("data/people/someone.yml") and not pattern.search("docs/index.md")
    for hook in hooks.values():
        assert (REPO / hook["entry"].split()[0]).is_file()


def test_pull_request_template_has_a_roster_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4
    assert "history:" in text and "scripts/handbook validate" in text
