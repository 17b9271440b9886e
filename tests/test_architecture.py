"""The core in macros/ stays free of MkDocs: only `mkdocs_*` modules may import it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Imports every module named on the command line, in order, and reports the first that brought in MkDocs.
PROBE = """
import importlib, json, sys
found = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    for loaded in sorted(sys.modules):
        top = loaded.split(".")[0]
        if top in ("mkdocs", "mkdocs_macros", "material") and top not in found:
            found[top] = name
print(json.dumps(found))
"""


def core_modules() -> list[str]:
    names = []
    for path in sorted((REPO / "macros").rglob("*.py")):
        if path.name.startswith("mkdocs_"):
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_modules_are_found() -> None:
    modules = core_modules()
    assert {"macros", "macros.model", "macros.build_cache", "macros.outputs", "macros.rules.base"} <= set(modules)
    assert not any(name.split(".")[-1].startswith("mkdocs_") for name in modules)


def test_importing_the_core_does_not_import_mkdocs() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *core_modules()],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": f"{REPO}:{REPO / 'scripts'}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}
