"""pydantic's errors as one-line findings: at the offending line, in the user's words, with what to do.

Shape errors as one line each; text that an unquoted ": " turned into a mapping is named as such."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from fixture_project import load
from macros.model.findings import DataError, Severity
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


def load_errors(root: Path, files: dict[str, str | None]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root, files)
    return [f.format() for f in caught.value.findings]


def test_a_list_item_with_a_colon_is_one_finding_with_the_quote_hint(tmp_path: Path) -> None:
    checklist = """\
        title: Status update
        sections:
          - title: Numbers
            items:
              - Count the open bugs
              - Bugs resolved: open the filter
        """
    assert load_errors(tmp_path, {"data/checklists/status.yml": checklist}) == [
        "data/checklists/status.yml:6:9: error[schema]: 'Bugs resolved: open the filter' was read as a key "
        "and a value because of the ': ' in it (put the text in quotes)"
    ]


def test_a_value_ending_in_a_colon_is_named_too(tmp_path: Path) -> None:
    team = "name: Delivery\nownership:\n  - 'Release pipelines'\n  - Test environments:\n"
    assert load_errors(tmp_path, {"data/teams/delivery.yml": team}) == [
        "data/teams/delivery.yml:4:5: error[schema]: 'Test environments:' was read as a key and a value "
        "because of the ': ' in it (put the text in quotes)"
    ]


def test_a_real_mapping_where_text_is_expected_keeps_the_type_message(tmp_path: Path) -> None:
    # Two keys are not a slip of one colon: the ordinary message stays.
    team = "name: Delivery\nownership:\n  - {a: b, c: d}\n"
    assert load_errors(tmp_path, {"data/teams/delivery.yml": team}) == [
        "data/teams/delivery.yml:3:5: error[schema]: '0' must be text (see the Editing the data page)"
    ]
