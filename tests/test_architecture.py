"""The folder tree is the architecture: `macros/` in layered packages, imports only point down, no cycles.

Layers, bottom to top (each package may import only the packages below it, and itself):

    model → schedule → rules → feeds → pages → roster → adapter

Only `macros/adapter/` may import MkDocs or its plugins; only `macros/adapter/` and `scripts/` may parse
command-line arguments. `scripts/` holds thin entry points over `macros/` and has no import cycle either.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("model", "schedule", "rules", "feeds", "pages", "roster", "adapter")
MKDOCS_TOPS = {"mkdocs", "mkdocs_macros", "material"}
ARGUMENT_PARSERS = {"argparse", "click", "optparse", "getopt"}

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


def _module_name(path: Path, base: Path) -> str:
    parts = path.relative_to(base).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(folder: Path, base: Path) -> dict[str, Path]:
    return {_module_name(path, base): path for path in sorted(folder.rglob("*.py"))}


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module a file imports (at any depth: lazy imports inside functions count too), with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:  # `from macros.feeds import api_json` imports a module too
                yield f"{node.module}.{alias.name}", node.lineno


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "macros" and parts[1] in LAYERS else None


MACROS = _modules(REPO / "macros", REPO)
SCRIPTS = _modules(REPO / "scripts", REPO / "scripts")


def test_every_module_lives_in_a_layer_package() -> None:
    loose = [name for name in MACROS if name != "macros" and _layer(name) is None]
    assert loose == [], f"modules outside the layer packages {LAYERS}: {loose}"
    assert {f"macros.{layer}" for layer in LAYERS} <= set(MACROS)


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((REPO / "macros" / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"macros/{layer}/__init__.py needs a docstring"
        assert f"Layer {LAYERS.index(layer)}" in doc, f"macros/{layer}/__init__.py should name its layer"


@pytest.mark.parametrize("module", sorted(name for name in MACROS if _layer(name)))
def test_imports_point_down_the_layers(module: str) -> None:
    own = LAYERS.index(_layer(module) or "")
    wrong = []
    for imported, line in _imports(MACROS[module]):
        layer = _layer(imported)
        if layer is not None and LAYERS.index(layer) > own:
            wrong.append(f"line {line}: {imported} (layer {layer} is above {LAYERS[own]})")
        top = imported.split(".")[0]
        if top in MKDOCS_TOPS and LAYERS[own] != "adapter":
            wrong.append(f"line {line}: {imported} (only macros.adapter may import MkDocs)")
        if top in ARGUMENT_PARSERS and LAYERS[own] != "adapter":
            wrong.append(f"line {line}: {imported} (arguments are parsed in scripts/ only)")
    assert wrong == [], f"{module}: " + "; ".join(wrong)


def test_the_package_root_reaches_the_adapter_only() -> None:
    imported = {name for name, _ in _imports(MACROS["macros"])}
    assert {_layer(name) for name in imported if name.startswith("macros")} <= {"adapter"}


def _graph(modules: dict[str, Path], known: set[str]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported, _ in _imports(path):
            # `from macros.feeds import api_json` names the module `macros.feeds.api_json`
            while imported and imported not in known:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_in_macros() -> None:
    graph = _graph(MACROS, set(MACROS))
    # A package's __init__ importing its own modules is how a package exposes them, not a cycle of concepts.
    for name in graph:
        if MACROS[name].name == "__init__.py":
            graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_no_import_cycle_in_scripts() -> None:
    graph = _graph(SCRIPTS, set(SCRIPTS))
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_scripts_import_no_mkdocs() -> None:
    """The CLI runs MkDocs as a process when it needs a build; it never imports it."""
    for name, path in SCRIPTS.items():
        tops = {imported.split(".")[0] for imported, _ in _imports(path)}
        assert not tops & MKDOCS_TOPS, f"scripts/{name}.py imports MkDocs"
        assert not any(t.startswith("macros.adapter") for t, _ in _imports(path)), f"scripts/{name}.py"


def core_modules() -> list[str]:
    return [name for name in MACROS if _layer(name) not in (None, "adapter")]


def test_importing_the_core_does_not_import_mkdocs() -> None:
    """What the layer test reads in the source, checked at run time too (a library could pull MkDocs in)."""
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


def test_every_source_module_has_its_test_module() -> None:
    """Tests mirror the packages: `macros/<package>/<module>.py` is tested in `tests/<package>/test_<module>.py`."""
    expected = [
        Path("tests", path.parent.name, f"test_{path.stem}.py")
        for name, path in MACROS.items()
        if _layer(name) and path.name != "__init__.py"
    ]
    missing = [str(test) for test in expected if not (REPO / test).is_file()]
    assert missing == []


def test_the_content_modules_named_for_the_second_handbook_exist() -> None:
    """CI runs the content tests again on a second handbook; a renamed module must not drop out of that run."""
    from content_marks import CONTENT_MODULES

    assert [module for module in sorted(CONTENT_MODULES) if not (REPO / module).is_file()] == []
