"""Turning pydantic's validation errors into one-line findings that point at the offending line."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.model.findings import Finding, Severity, did_you_mean
from macros.model.yamldoc import PathKey, SourceMap

_WRONG_TYPE = {
    "string_type": "text",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "dict_type": "a mapping (key: value lines)",
    "list_type": "a list",
    "int_type": "a whole number",
    "bool_type": "true or false",
}

_HINTS = {
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "time_parsing": "write times as HH:MM, e.g. 09:00",
    "time_type": "write times as HH:MM, e.g. 09:00",
    "datetime_parsing": "write a local date and time as YYYY-MM-DD HH:MM",
    "datetime_from_date_parsing": "write a local date and time as YYYY-MM-DD HH:MM",
    "int_parsing": "write a whole number",
    "bool_parsing": "write true or false",
    "string_pattern_mismatch": "use lower-case letters, digits and dashes",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (Optional, Annotated and Union flattened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is Union or isinstance(annotation, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _step(candidates: list[Any], element: str | int) -> list[Any]:
    """Follow one element of an error location from the types that may hold the value."""
    found: list[Any] = []
    for candidate in candidates:
        origin = typing.get_origin(candidate)
        if isinstance(element, int) and origin is list:
            found += _unwrap(typing.get_args(candidate)[0])
        elif isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(element, str):
            for name, info in candidate.model_fields.items():
                if element in (name, info.alias):
                    found += _unwrap(info.annotation)
            if candidate.__name__ == element:  # a union branch tag names the model class itself
                found.append(candidate)
        elif origin is dict and isinstance(element, str):
            found += _unwrap(typing.get_args(candidate)[1])
    return found or candidates


def _known_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    candidates: list[Any] = [model]
    for element in loc:
        candidates = _step(candidates, element)
    keys: list[str] = []
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            keys += [info.alias or name for name, info in candidate.model_fields.items()]
    return keys


def _clean(loc: Sequence[str | int], source: SourceMap, prefix: PathKey) -> PathKey:
    """Drop the union-branch tags pydantic puts into locations, keeping only real keys and indexes."""
    kept: list[str | int] = []
    for element in loc:
        candidate = (*prefix, *kept, element)
        if isinstance(element, int) or candidate in source.values or candidate in source.keys:
            kept.append(element)
        elif not (isinstance(element, str) and ("[" in element or element[:1].isupper())):
            kept.append(element)  # a missing key: keep it so the message can name it
    return tuple(kept)


def _describe(error: ErrorDetails, model: type[BaseModel], shown: PathKey) -> tuple[str, str]:
    kind = error["type"]
    value = error.get("input")
    text = value if isinstance(value, str) else None
    name = str(shown[-1]) if shown else "value"
    if kind == "missing":
        return f"missing key '{name}'", f"add `{name}:`"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'", did_you_mean(name, _known_keys(model, error["loc"][:-1]))
    if kind in ("enum", "literal_error"):
        expected = str((error.get("ctx") or {}).get("expected", ""))
        choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]
        return f"'{text}' is not allowed for '{name}'", did_you_mean(text or "", choices)
    if kind == "value_error":
        message = str((error.get("ctx") or {}).get("error", error["msg"]))
        message, _, hint = message.partition(": ")
        return message, hint or "see the Editing the data page"
    if kind == "string_pattern_mismatch":
        return f"'{text}' is not a valid id for '{name}'", _HINTS[kind]
    if kind in _HINTS:
        what = "date" if "date" in kind else "time" if "time" in kind else "number" if "int" in kind else "value"
        if kind.startswith("datetime"):
            what = "date and time"
        return f"'{text}' is not a valid {what} for '{name}'", _HINTS[kind]
    if kind in _WRONG_TYPE:
        return f"'{name}' must be {_WRONG_TYPE[kind]}", "see the Editing the data page"
    return f"'{name}': {error['msg']}", "see the Editing the data page"


def _pick(errors: list[ErrorDetails], source: SourceMap, prefix: PathKey) -> Iterator[tuple[ErrorDetails, PathKey]]:
    """One error per place; within a union, prefer the branch that matched the value's shape."""
    by_place: dict[PathKey, list[tuple[ErrorDetails, PathKey]]] = {}
    for error in errors:
        shown = _clean(error["loc"], source, prefix)
        base = shown if len(shown) == len(error["loc"]) else shown[: _first_tag(error["loc"])]
        by_place.setdefault(base, []).append((error, shown))
    for group in by_place.values():
        specific = [item for item in group if item[0]["type"] not in _WRONG_TYPE]
        if specific:
            seen: set[tuple[PathKey, str]] = set()
            for error, shown in specific:
                if (shown, error["type"]) not in seen:
                    seen.add((shown, error["type"]))
                    yield error, shown
        else:
            error, shown = group[0]
            kinds = sorted({_WRONG_TYPE[item[0]["type"]] for item in group})
            yield {**error, "type": "union_type", "msg": " or ".join(kinds)}, shown


def _first_tag(loc: Sequence[str | int]) -> int:
    for index, element in enumerate(loc):
        if isinstance(element, str) and ("[" in element or element[:1].isupper()):
            return index
    return len(loc)


def _colon_mapping(error: ErrorDetails) -> str | None:
    """The text the user meant, when YAML read a line like `- Bugs resolved: open the filter` as a mapping.

    An unquoted ": " inside text makes YAML split it into a key and a value; where text was expected
    that shows up as a one-entry mapping of text to text (or to nothing, for a trailing colon).
    """
    value = error.get("input")
    if error["type"] != "string_type" or not isinstance(value, dict) or len(value) != 1:
        return None
    (key, inner), = value.items()
    if not isinstance(key, str) or not (inner is None or isinstance(inner, str)):
        return None
    return f"{key}: {inner}" if inner else f"{key}:"


def _split_colon_mappings(
    errors: list[ErrorDetails], source: SourceMap, prefix: PathKey
) -> tuple[list[ErrorDetails], list[Finding]]:
    """One finding per text that a ": " turned into a mapping; the errors that follow from it are dropped."""
    places: dict[PathKey, str] = {}
    for error in errors:
        meant = _colon_mapping(error)
        if meant is not None:
            place = _clean(error["loc"], source, prefix)
            while place and (*prefix, *place) not in source.values:
                place = place[:-1]  # drop a union branch's name such as 'str'
            if place:
                places.setdefault(place, meant)
    if not places:
        return errors, []
    kept = [
        error for error in errors
        if not any(_clean(error["loc"], source, prefix)[: len(place)] == place for place in places)
    ]
    findings = [
        Finding(
            source.locate((*prefix, *place)),
            Severity.ERROR,
            "schema",
            f"'{meant}' was read as a key and a value because of the ': ' in it",
            "put the text in quotes",
        )
        for place, meant in places.items()
    ]
    return kept, findings


def findings_from(
    exc: ValidationError, model: type[BaseModel], source: SourceMap, prefix: PathKey = ()
) -> list[Finding]:
    """Findings for every problem pydantic found in a document validated against `model`."""
    errors, findings = _split_colon_mappings(exc.errors(), source, prefix)
    for error, shown in _pick(errors, source, prefix):
        where = (*prefix, *shown)
        if error["type"] == "union_type":
            name = str(shown[-1]) if shown else "value"
            message, hint = f"'{name}' must be {error['msg']}", "see the Editing the data page"
        else:
            message, hint = _describe(error, model, shown)
        is_key = error["type"] == "extra_forbidden"
        location = source.locate(where if is_key else where, key=is_key)
        if error["type"] == "missing":
            location = source.locate(where[:-1])
        findings.append(Finding(location, Severity.ERROR, "schema", message, hint))
    return findings
