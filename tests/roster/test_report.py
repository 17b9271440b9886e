"""The duty report: per person load over a window, per rotation gaps and the end of the schedule."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from fixture_project import NOW, load, write_project
from handbook_cli import main
from macros.roster.report import build_report, render_markdown, report_page

FILES: dict[str, str | None] = {
    "data/people/ana.yml": "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\ncountry: DE\n",
    "data/rotations/duty.yml": """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
        roles:
          - {id: duty, title: Duty}
          - {id: backup, title: Backup}
        rules:
          coverage: {horizon_days: 0}
        schedule:
          - {start: 2026-12-14, duty: ana, backup: ben}
          - {start: 2026-12-21, duty: ana}
          - {start: 2027-01-04, duty: ben, backup: ana}
        """,
}


def test_people_get_shifts_hours_weekends_holidays_and_streaks(tmp_path: Path) -> None:
    report = build_report(load(tmp_path, FILES), dt.date(2026, 12, 14), dt.date(2026, 12, 27))
    ana, ben = report.people
    # The window ends at midnight, 9 hours before the second week's hand-off.
    assert (ana.person, ana.shifts, ana.hours, ana.longest_streak) == ("ana", 2, 327.0, 2)
    assert (ana.team, ana.team_name) == ("core", "Core")
    assert ana.weekend_days == (dt.date(2026, 12, 19), dt.date(2026, 12, 20), dt.date(2026, 12, 26),
                                dt.date(2026, 12, 27))
    assert ana.holidays == (
        (dt.date(2026, 12, 25), "Christmas Day"), (dt.date(2026, 12, 26), "Second Day of Christmas"))
    assert (ben.shifts, ben.hours, ben.holidays, ben.longest_streak) == (1, 168.0, (), 1)


def test_a_window_clips_the_shifts_at_its_edges(tmp_path: Path) -> None:
    report = build_report(load(tmp_path, FILES), dt.date(2026, 12, 15), dt.date(2026, 12, 15))
    assert [(p.person, p.shifts, p.hours) for p in report.people] == [("ana", 1, 24.0), ("ben", 1, 24.0)]


def test_rotations_show_gaps_and_where_the_schedule_runs_out(tmp_path: Path) -> None:
    report = build_report(load(tmp_path, FILES), dt.date(2026, 12, 14), dt.date(2027, 1, 31))
    (duty,) = report.rotations
    assert duty.runs_out == dt.date(2027, 1, 11)
    assert duty.gaps == (
        "2026-12-21: no Backup",
        "2026-12-28 to 2027-01-04: no period",
        "2027-01-11 to 2027-01-31: nothing scheduled",
    )


def test_markdown_tables(tmp_path: Path) -> None:
    text = render_markdown(build_report(load(tmp_path, FILES), dt.date(2026, 12, 14), dt.date(2026, 12, 27)))
    assert "| Ana | Core | 2 | 327 | 4 | 2 | 2 periods |" in text  # the team's name, not its id
    assert "Public holidays on duty:\n\n- Ana: 2026-12-25 Christmas Day, 2026-12-26 Second Day of Christmas\n" in text
    assert "| Duty | 2027-01-11 | 2026-12-21: no Backup; 2026-12-28 to 2027-01-04: no period |" in text


def test_the_page_escapes_names_for_markdown_and_html(tmp_path: Path) -> None:
    ben = "name: <b>Ben</b> | *x*\nhandle: ben\nteam: core\ntimezone: UTC\n"
    files: dict[str, str | None] = {**FILES, "data/people/ben.yml": ben}
    page = report_page(load(tmp_path, files), NOW)
    assert "&lt;b&gt;Ben&lt;/b&gt; &#124; &#42;x&#42;" in page and "<b>" not in page


def test_the_command_prints_markdown_or_json(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    out, err = io.StringIO(), io.StringIO()
    args = ["--root", str(root), "report", "--from", "2026-12-14", "--until", "2026-12-27"]
    assert main([*args, "--format", "json"], out, err) == 0
    data = json.loads(out.getvalue())
    assert data["people"][0]["public_holidays"][0] == {"date": "2026-12-25", "name": "Christmas Day"}
    assert data["rotations"][0]["runs_out"] == "2027-01-11"
    out = io.StringIO()
    assert main([*args], out, err) == 0 and out.getvalue().startswith("## People\n")
    assert main(["--root", str(root), "report", "--from", "2027-01-02", "--until", "2027-01-01"], out, err) == 2
