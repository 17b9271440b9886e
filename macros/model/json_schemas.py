"""JSON Schemas for the data files, generated from the typed model, and the editor modelines that use them.

The model in `model.py` is the one source of truth; the schemas are derived from it and committed under
`docs/schemas/` (so the site serves them too). Each data file's first line names its schema:

    # yaml-language-server: $schema=../../docs/schemas/person.schema.json

which makes editors with a YAML language server (VS Code, Neovim, Helix, JetBrains, …) complete keys and
flag mistakes while typing. The schemas describe the YAML as an editor reads it (YAML 1.2), so a few
formats are loosened to what the loader accepts: `09:00` for a time, `2026-09-08 09:00` for a local
date and time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.model.findings import Finding, Location, Severity
from macros.model.types import Checklist, CommonTask, Person, Rotation, Team, Template

SCHEMA_FOLDER = "docs/schemas"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE_PREFIX = "# yaml-language-server: $schema="
MODELINE_RULE = "modeline"

# folder under data/ → (kind, model); the kind names the schema file.
KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "people": ("person", Person),
    "teams": ("team", Team),
    "rotations": ("rotation", Rotation),
    "templates": ("template", Template),
    "checklists": ("checklist", Checklist),
    "common-tasks": ("common-task", CommonTask),
}

# What the loader accepts, written as patterns because JSON Schema's `time` and `date-time` formats
# demand seconds and a UTC offset, which nobody types in a roster.
_TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
_DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
_LOOSENED_FORMATS = {
    "time": ("a local time, HH:MM", _TIME_PATTERN),
    "date-time": ("a local date and time, YYYY-MM-DD HH:MM", _DATETIME_PATTERN),
}


def schema_path(kind: str) -> str:
    """The schema file of one kind, relative to the project root."""
    return f"{SCHEMA_FOLDER}/{kind}.schema.json"


def _loosen(node: Any) -> Any:
    if isinstance(node, dict):
        result = {key: _loosen(value) for key, value in node.items()}
        fmt = result.get("format")
        if result.get("type") == "string" and fmt in _LOOSENED_FORMATS:
            del result["format"]
            result["pattern"] = _LOOSENED_FORMATS[fmt][1]
        return result
    if isinstance(node, list):
        return [_loosen(item) for item in node]
    return node


def build_schema(folder: str) -> dict[str, Any]:
    """The JSON Schema of the files in `data/<folder>/`."""
    kind, model = KINDS[folder]
    generated = _loosen(model.model_json_schema(by_alias=True, mode="validation"))
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT, "$comment": _GENERATED_NOTE}
    schema.update(generated)
    return schema


_GENERATED_NOTE = "Generated from macros/model/types.py by `scripts/handbook schemas`; do not edit by hand."


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """Every schema file's path (relative to the root) and the exact text it should hold."""
    return {schema_path(kind): render_schema(build_schema(folder)) for folder, (kind, _) in KINDS.items()}


def write_schemas(root: Path) -> list[str]:
    """Write the schema files under `root`; return the paths whose content changed."""
    changed = []
    for relative, text in expected_files().items():
        target = root / relative
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(relative)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """The schema files that are missing or differ from what the model generates."""
    stale = []
    for relative, text in expected_files().items():
        target = root / relative
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(relative)
    return stale


# --- modelines ------------------------------------------------------------------------------------


def modeline(folder: str) -> str:
    """The first line of a file in `data/<folder>/`: the schema path relative to that file."""
    kind, _ = KINDS[folder]
    return f"{MODELINE_PREFIX}../../{schema_path(kind)}"


def with_modeline(text: str, folder: str) -> str:
    """`text` with its folder's modeline in front (unchanged when it already starts with it)."""
    line = modeline(folder)
    first, _, rest = text.partition("\n")
    if _MODELINE_ANYWHERE.match(first):
        return f"{line}\n{rest}"  # replace a modeline that points elsewhere
    return f"{line}\n{text}"


def _data_files(root: Path) -> Iterator[tuple[str, Path]]:
    for folder in KINDS:
        directory = root / "data" / folder
        if directory.is_dir():
            for file in sorted(directory.glob("*.yml")):
                yield folder, file


_MODELINE_ANYWHERE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S*)", re.MULTILINE)


def check_modelines(root: Path) -> list[Finding]:
    """A warning for every data file whose first line is not its schema modeline."""
    findings = []
    for folder, file in _data_files(root):
        shown = file.relative_to(root).as_posix()
        try:
            # utf-8-sig: a byte-order mark (some Windows editors write one) is not part of the first line;
            # YAML readers and the YAML language server skip it too.
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the loader reports unreadable files
        expected = modeline(folder)
        if text.startswith(expected + "\n") or text == expected:
            continue
        found = _MODELINE_ANYWHERE.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            message = f"the schema modeline points at '{found.group(1)}'" if found.group(0) != expected else (
                "the schema modeline is not the first line"
            )
            location = Location(shown, line, 1)
        else:
            message, location = "the file does not start with its schema modeline", Location(shown, 1, 1)
        hint = f"make the first line `{expected}`"
        findings.append(Finding(location, Severity.WARNING, MODELINE_RULE, message, hint))
    return findings
