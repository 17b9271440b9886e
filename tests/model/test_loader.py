"""Every class of bad input gives one expected line naming the file and line."""

from pathlib import Path

import pytest

from fixture_project import BASE_FILES, load, write_project
from macros.model.findings import DataError
from macros.model.loader import load_project


def load_errors(root: Path, files: dict[str, str | None]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root, files)
    return [f.format() for f in caught.value.findings]


def test_valid_project_loads(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    assert list(project.people) == ["ana", "ben"]
    assert project.rotations["duty"].handoff.time.isoformat() == "09:00:00"


def test_unknown_key_with_hint(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\ntimezon: UTC\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:5:1: error[schema]: unknown key 'timezon' (did you mean 'timezone'?)"
    ]


def test_misspelt_role_key_in_schedule(tmp_path: Path) -> None:
    from fixture_project import findings

    rotation = """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
        roles:
          - {id: primary, title: Primary, required: false}
        schedule:
          - start: 2026-11-16
            primray: ana
        """
    lines = findings(tmp_path, {"data/rotations/duty.yml": rotation})
    assert [line for line in lines if "[schedule]" in line] == [
        "data/rotations/duty.yml:8:5: error[schedule]: 'primray' is not a role of this rotation"
        " (did you mean 'primary'?)"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\nname: Anna\ntimezone: Europe/Berlin\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:4:1: error[yaml]: duplicate key 'name' (first written on line 1) (keep only one of them)"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\ntags: lead\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:5:7: error[schema]: 'tags' must be a list (see the Editing the data page)"
    ]


def test_bad_date(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\njoined: 2026-02-30\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:5:9: error[schema]: '2026-02-30' is not a valid date for 'joined'"
        " (write dates as YYYY-MM-DD)"
    ]


def test_unknown_time_zone(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berln\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:4:11: error[schema]: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)"
    ]


def test_unknown_time_zone_far_from_any_gets_the_general_hint(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: ana\nteam: core\ntimezone: Nowhere/Xyzzyq\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:4:11: error[schema]: unknown time zone 'Nowhere/Xyzzyq'"
        " (use an IANA name such as Europe/Berlin or America/New_York)"
    ]


def test_sexagesimal_time_is_read_as_a_time(tmp_path: Path) -> None:
    # PyYAML alone would read 10:30 as the integer 630.
    rotation = """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: 10:30, timezone: Europe/Berlin}
        roles: [{id: duty, title: Duty}]
        """
    project = load(tmp_path, {"data/rotations/duty.yml": rotation})
    assert project.rotations["duty"].handoff.time.isoformat() == "10:30:00"


def test_yes_no_and_numbers_stay_text_where_text_is_meant(tmp_path: Path) -> None:
    person = "name: no\nhandle: 0123\nteam: core\ntimezone: UTC\ncountry: NO\n"
    project = load(tmp_path, {"data/people/ana.yml": person})
    ana = project.people["ana"]
    assert (ana.name, ana.handle, ana.country) == ("no", "0123", "NO")


def test_impossible_time_is_rejected(tmp_path: Path) -> None:
    rotation = """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: 25:00, timezone: Europe/Berlin}
        roles: [{id: duty, title: Duty}]
        """
    assert load_errors(tmp_path, {"data/rotations/duty.yml": rotation}) == [
        "data/rotations/duty.yml:3:34: error[schema]: '25:00' is not a valid time for 'time'"
        " (write times as HH:MM, e.g. 09:00)"
    ]


def test_wrong_weekday_spelling(tmp_path: Path) -> None:
    rotation = """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: mondy, time: "09:00", timezone: Europe/Berlin}
        roles: [{id: duty, title: Duty}]
        """
    assert load_errors(tmp_path, {"data/rotations/duty.yml": rotation}) == [
        "data/rotations/duty.yml:3:20: error[schema]: 'mondy' is not allowed for 'weekday' (did you mean 'monday'?)"
    ]


def test_missing_required_key_points_at_the_mapping(tmp_path: Path) -> None:
    person = "name: Ana\nteam: core\ntimezone: UTC\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:1:1: error[schema]: missing key 'handle' (add `handle:`)"
    ]


def test_handle_with_at_sign(tmp_path: Path) -> None:
    person = "name: Ana\nhandle: '@ana'\nteam: core\ntimezone: UTC\n"
    assert load_errors(tmp_path, {"data/people/ana.yml": person}) == [
        "data/people/ana.yml:2:9: error[schema]: the chat handle starts with @"
        " (write it without the @, which is added when shown)"
    ]


def test_bad_file_names(tmp_path: Path) -> None:
    errors = load_errors(tmp_path, {"data/people/Ana Ruiz.yml": "name: x\n", "data/teams/ops.yaml": "name: Ops\n"})
    assert errors == [
        "data/people/Ana Ruiz.yml:1:1: error[load]: 'Ana Ruiz' is not a valid id"
        " (rename it with lower-case letters, digits and dashes (the file name is the id))",
        "data/teams/ops.yaml:1:1: error[load]: unexpected file 'ops.yaml' (data files end in .yml)",
    ]


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    errors = load_errors(
        tmp_path,
        {"data/people/ana.yml": "name: Ana\n", "data/teams/core.yml": "name: Core\nnmae: x\n"},
    )
    assert [line.split(":")[0] for line in errors] == ["data/people/ana.yml"] * 3 + ["data/teams/core.yml"]


def test_no_data_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_project(tmp_path)
    assert "no data/ folder" in str(caught.value)


def test_unknown_references_get_hints(tmp_path: Path) -> None:
    from fixture_project import findings

    files = {
        "data/people/ana.yml": "name: Ana\nhandle: ana\nteam: cor\ntimezone: UTC\n",
        "data/checklists/start.yml": "title: Start\nrotation: dutty\nsections:\n  - title: s\n    items: [a]\n",
    }
    assert findings(tmp_path, files) == [
        "data/checklists/start.yml:2:11: error[reference]: unknown rotation 'dutty' (did you mean 'duty'?)",
        "data/people/ana.yml:3:7: error[reference]: unknown team 'cor' (did you mean 'core'?)",
    ]


def test_template_blanks_must_match_fields(tmp_path: Path) -> None:
    from fixture_project import findings

    template = """\
        title: Reply
        fields:
          - {id: reporter, label: Reporter}
          - {id: ticket, label: Ticket}
        body: |
          Hi [[reportr]], see [[ticket]]. Literal {{ braces }} and {% tags %} stay.
        """
    assert findings(tmp_path, {"data/templates/reply.yml": template}) == [
        "data/templates/reply.yml:3:10: error[reference]: the field 'reporter' is never used in the body"
        " (write [[reporter]] where it belongs, or remove the field)",
        "data/templates/reply.yml:5:7: error[reference]: the blank [[reportr]] has no field"
        " (did you mean 'reporter'? or add it under `fields:`)",
    ]


def test_optional_parts_must_pair_up_and_belong_to_an_optional_field(tmp_path: Path) -> None:
    from fixture_project import findings

    template = """\
        title: Reply
        fields:
          - {id: fix, label: Fix, optional: true}
          - {id: note, label: Note}
          - {id: extra, label: Extra, optional: true}
        body: |
          [[if fix]]Try [[fix]].[[end fix]] Also [[fix]]. [[if note]][[note]][[end note]] [[extra]]
          [[if ghost]]x[[end ghost]] [[if fix]]
        """
    assert findings(tmp_path, {"data/templates/reply.yml": template}) == [
        "data/templates/reply.yml:3:10: error[reference]: the optional field 'fix' has a blank outside its"
        " optional part (wrap the text that needs it in [[if fix]] and [[end fix]])",
        "data/templates/reply.yml:4:10: error[reference]: the field 'note' has an optional part but is not"
        " optional (add `optional: true` to the field)",
        "data/templates/reply.yml:5:10: error[reference]: the optional field 'extra' has a blank outside its"
        " optional part (wrap the text that needs it in [[if extra]] and [[end extra]])",
        "data/templates/reply.yml:6:7: error[reference]: [[if fix]] has no [[end fix]]"
        " (write each optional part as [[if id]]…[[end id]])",
        "data/templates/reply.yml:6:7: error[reference]: the optional part [[if ghost]] names no field"
        " (expected one of: extra, fix, note)",
    ]


def test_written_project_round_trip(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"data/people/ben.yml": None})
    assert sorted(p.name for p in (root / "data/people").iterdir()) == ["ana.yml"]


def test_a_reload_reads_only_the_files_that_changed(tmp_path: Path) -> None:
    from calendar_fixture import copy_fixture

    root = copy_fixture(tmp_path / "hb")
    first = load_project(root, reuse_unchanged=True)
    ana = root / "data" / "people" / "ana.yml"
    ana.write_text(ana.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    second = load_project(root, reuse_unchanged=True)
    assert second.people["ana"].name.startswith("Renamed ")
    assert second.people["ana"] is not first.people["ana"]
    assert all(second.people[p] is first.people[p] for p in first.people if p != "ana")  # not read again
    assert all(second.rotations[r] is first.rotations[r] for r in first.rotations)
    assert second == load_project(root)  # the same project as a full read
    (root / "data" / "people" / "ben.yml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as broken:
        load_project(root, reuse_unchanged=True)
    with pytest.raises(DataError) as again:
        load_project(root, reuse_unchanged=True)  # the findings of an unchanged broken file are reused
    assert [f.format() for f in again.value.findings] == [f.format() for f in broken.value.findings]


# --- untrusted data: control characters, file names, links, skipped files ---------------------------


@pytest.mark.parametrize("escape", ["\\v", "\\f", "\\x00", "\\e", "\\x85", "\\r"])
def test_control_character_in_a_name_is_refused_where_it_is(tmp_path: Path, escape: str) -> None:
    person = f'name: "Ana{escape}Lima"\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\n'
    (line,) = load_errors(tmp_path, {"data/people/ana.yml": person})
    assert line.startswith("data/people/ana.yml:1:7: error[text]: the text holds the control character U+")
    assert line.endswith("(remove it; only tab and line feed are allowed)")


def test_control_character_in_a_key_is_refused_at_the_key(tmp_path: Path) -> None:
    rotation = BASE_FILES["data/rotations/duty.yml"].replace("duty: ben", '"du\\fty": ben')
    (line,) = load_errors(tmp_path, {"data/rotations/duty.yml": rotation})
    assert line.startswith("data/rotations/duty.yml:12:5: error[text]: the text holds the control character U+000C")


def test_tab_and_line_feed_stay_allowed_in_multi_line_text(tmp_path: Path) -> None:
    team = 'name: Core\ndescription: "one\\tcolumn\\nand a second line"\n'
    assert load(tmp_path, {"data/teams/core.yml": team}).teams["core"].description == "one\tcolumn\nand a second line"


def test_file_name_ending_in_a_line_break_is_not_an_id(tmp_path: Path) -> None:
    write_project(tmp_path, {})
    (tmp_path / "data/teams/ops\n.yml").write_text("name: Ops\n", encoding="utf-8")
    (line,) = [f.format() for f in _load_findings(tmp_path)]
    assert line == (
        "data/teams/ops\\n.yml:1:1: error[load]: 'ops\\n' is not a valid id"
        " (rename it with lower-case letters, digits and dashes (the file name is the id))"
    )


def test_overlong_id_is_refused_before_it_names_a_file(tmp_path: Path) -> None:
    long_id = "r" * 300
    rotation = BASE_FILES["data/rotations/duty.yml"].replace("{id: duty, title: Duty}", f"{{id: {long_id}, title: D}}")
    errors = load_errors(tmp_path, {"data/rotations/duty.yml": rotation})
    assert errors[0].startswith("data/rotations/duty.yml:5:10: error[schema]:")
    assert "64" in errors[0]
    write_project(tmp_path, {})
    (tmp_path / f"data/teams/{'t' * 65}.yml").write_text("name: Long\n", encoding="utf-8")
    assert [f.format() for f in _load_findings(tmp_path) if "[load]" in f.format()] == [
        f"data/teams/{'t' * 65}.yml:1:1: error[load]: the id is 65 characters long"
        " (ids name files and pages: use at most 64 characters)"
    ]


def test_link_out_of_the_handbook_is_not_followed(tmp_path: Path) -> None:
    root = write_project(tmp_path / "handbook", {})
    outside = tmp_path / "secret.yml"
    outside.write_text("name: Secret\n", encoding="utf-8")
    (root / "data/teams/leak.yml").symlink_to(outside)
    (root / "data/teams/alias.yml").symlink_to(root / "data/teams/core.yml")  # inside: allowed
    assert [f.format() for f in _load_findings(root)] == [
        "data/teams/leak.yml:1:1: error[load]: the file is a link to a place outside the handbook"
        " (copy the file instead)"
    ]


def test_skipped_files_are_reported_as_warnings(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "data/people/old/carl.yml": "name: Carl\n", "data/people/.draft.yml": "x: 1\n", "data/people/.gitkeep": "",
    })
    project = load_project(root)
    assert sorted(f.format() for f in project.load_warnings) == [
        "data/people/.draft.yml:1:1: warning[load]: hidden file '.draft.yml' is not read"
        " (data files sit directly in data/people/)",
        "data/people/old:1:1: warning[load]: folder 'old' is not read (data files sit directly in data/people/)",
    ]


def _load_findings(root: Path) -> list:  # type: ignore[type-arg]
    try:
        project = load_project(root)
    except DataError as exc:
        return exc.findings
    return list(project.load_warnings)
