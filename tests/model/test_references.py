"""`check_references`: every id a file mentions exists, reported where the id is written.

References a rotation makes to its checklists and templates (for their order) must name its own.

References between files, and role ids that would clash with a period's own keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_project import BASE_FILES, findings, load
from macros.model.references import check_references
from macros.model.types import ScheduledPeriod

DUTY_WITH = """\
    name: Duty
    period: {{weeks: 1}}
    handoff: {{weekday: monday, time: "09:00", timezone: Europe/Berlin}}
    {extra}
    roles:
      - {{id: duty, title: Duty}}
      - {{id: duty, title: Again}}
    escalation:
      - {{role: duyt, after_minutes: 15}}
    schedule:
      - start: 2026-11-16
        duty: ana
    """


def lines(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    return [f.format() for f in check_references(load(tmp_path, files))]


def test_clean_data_has_no_reference_findings(tmp_path: Path) -> None:
    assert lines(tmp_path, {}) == []


def test_a_persons_unknown_team_is_named_with_a_hint(tmp_path: Path) -> None:
    found = lines(tmp_path, {"data/people/cy.yml": "name: Cy\nhandle: cy\nteam: coer\ntimezone: UTC\n"})
    assert found == ["data/people/cy.yml:3:7: error[reference]: unknown team 'coer' (did you mean 'core'?)"]


def test_rotation_owners_roles_and_escalation_are_checked(tmp_path: Path) -> None:
    found = lines(tmp_path, {"data/rotations/duty.yml": DUTY_WITH.format(extra="owners: [zed]")})
    assert any(":4:" in line and "unknown person 'zed'" in line for line in found)
    assert any("the role id 'duty' is used twice" in line for line in found)
    assert any("unknown role 'duyt'" in line and "did you mean 'duty'?" in line for line in found)


def test_a_blank_without_field_and_a_field_without_blank(tmp_path: Path) -> None:
    template = "title: Reply\nkind: reply\nbody: Hello [[name]]\nfields:\n  - {id: ticket, label: Ticket}\n"
    found = lines(tmp_path, {"data/templates/reply.yml": template})
    assert any("the blank [[name]] has no field" in line for line in found)
    assert any("the field 'ticket' is never used in the body" in line for line in found)


ROTATION = """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    rules:
      coverage: {horizon_days: 0}
    checklists: [take-over, take-ovre, other]
    templates: [reply]
    schedule:
      - {start: 2026-11-16, duty: ana}
      - {start: 2026-11-23, duty: ben}
    """
CHECKLIST = "title: T\nrotation: {rotation}\nsections:\n  - {{title: S, items: [one]}}\n"


def test_listed_checklists_and_templates_must_exist_and_belong_to_the_rotation(tmp_path: Path) -> None:
    files = {
        "data/rotations/duty.yml": ROTATION,
        "data/rotations/other-duty.yml": ROTATION.replace("[take-over, take-ovre, other]", "[]").replace(
            "[reply]", "[]"),
        "data/checklists/take-over.yml": CHECKLIST.format(rotation="duty"),
        "data/checklists/other.yml": CHECKLIST.format(rotation="other-duty"),
        "data/templates/reply.yml": "title: Reply\nrotation: duty\nbody: Hello\n",
    }
    assert [line for line in findings(tmp_path, files) if "[reference]" in line] == [
        "data/rotations/duty.yml:8:25: error[reference]: unknown checklist 'take-ovre' (did you mean 'take-over'?)",
        "data/rotations/duty.yml:8:36: error[reference]: the checklist 'other' belongs to another rotation "
        "(set `rotation: duty` in it, or leave it out of `checklists:`)",
    ]


def test_a_staggered_pair_names_roles_of_the_rotation(tmp_path: Path) -> None:
    rotation = ROTATION.replace("checklists: [take-over, take-ovre, other]\n", "planning: {staggered: [duty, dutty]}\n")
    rotation = rotation.replace("    templates: [reply]\n", "")
    assert [line for line in findings(tmp_path, {"data/rotations/duty.yml": rotation}) if "[reference]" in line] == [
        "data/rotations/duty.yml:8:30: error[reference]: unknown role 'dutty' (did you mean 'duty'?)"
    ]


@pytest.mark.parametrize("role_id", ["note", "start", "overrides"])
def test_role_id_that_is_a_period_key_is_refused(tmp_path: Path, role_id: str) -> None:
    rotation = BASE_FILES["data/rotations/duty.yml"].replace("{id: duty, title: Duty}", f"{{id: {role_id}, title: D}}")
    lines = findings(tmp_path, {"data/rotations/duty.yml": rotation})
    assert [line for line in lines if "[reference]" in line] == [
        f"data/rotations/duty.yml:5:10: error[reference]: the role id '{role_id}' is a key every period already has"
        f" (choose another id: {', '.join(period_keys())} are taken)"
    ]


def period_keys() -> list[str]:
    """The keys every period has (whatever the model grows), which a role id must not take."""
    return sorted(info.alias or name for name, info in ScheduledPeriod.model_fields.items())
