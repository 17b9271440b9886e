"""pydantic's errors as one-line findings: at the offending line, in the user's words, with what to do."""

from __future__ import annotations

from pydantic import ValidationError

from macros.model.findings import Severity
from macros.model.schema_errors import findings_from
from macros.model.types import Person
from macros.model.yamldoc import parse_text


def findings_for(text: str) -> list[str]:
    document = parse_text(text, "data/people/x.yml")
    try:
        Person.model_validate(document.data)
    except ValidationError as exc:
        found = findings_from(exc, Person, document.source)
        assert all(f.severity is Severity.ERROR and f.rule == "schema" for f in found)
        return [f.format() for f in found]
    return []


def test_valid_data_gives_nothing() -> None:
    assert findings_for("name: X\nhandle: x\nteam: t\ntimezone: UTC\n") == []


def test_an_unknown_key_points_at_the_key_and_suggests_the_known_one() -> None:
    found = findings_for("name: X\nhandle: x\nteam: t\ntimezone: UTC\ntimzone: UTC\n")
    assert len(found) == 1
    assert found[0].startswith("data/people/x.yml:5:1: error[schema]: ")
    assert "'timzone'" in found[0] and "timezone" in found[0]


def test_a_missing_key_points_at_the_mapping_that_lacks_it() -> None:
    found = findings_for("name: X\nhandle: x\ntimezone: UTC\n")
    assert found == ["data/people/x.yml:1:1: error[schema]: missing key 'team' (add `team:`)"]


def test_a_wrong_value_points_at_the_value() -> None:
    found = findings_for("name: X\nhandle: x\nteam: t\ntimezone: Mars/Base\n")
    assert len(found) == 1 and found[0].startswith("data/people/x.yml:4:11: error[schema]: ")
