"""References a rotation makes to its checklists and templates (for their order) must name its own."""

from pathlib import Path

from fixture_project import findings

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
