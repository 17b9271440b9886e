"""Shape errors as one line each; text that an unquoted ": " turned into a mapping is named as such."""

from pathlib import Path

import pytest

from fixture_project import load
from macros.model.findings import DataError


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
