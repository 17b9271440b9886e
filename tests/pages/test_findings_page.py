"""The page `make serve` shows while data/ has errors: every finding on its own line, quoted text escaped."""

from __future__ import annotations

from macros.model.findings import Finding, Location, Severity
from macros.pages.findings_page import findings_page


def test_each_finding_is_a_line_and_data_text_stays_text() -> None:
    findings = [
        Finding(Location("data/people/ana.yml", 3, 7), Severity.ERROR, "yaml", "bad <script>alert(1)</script>", "fix"),
        Finding(Location("data/rotations/duty.yml", 9, 1), Severity.WARNING, "coverage", "runs out", ""),
    ]
    page = findings_page(findings)
    assert page.startswith("<!doctype html>") and "</body>" in page  # MkDocs injects its reload poller there
    assert "<title>The data has 2 problems</title>" in page
    assert '<li class="error">data/people/ana.yml:3:7: error[yaml]: bad &lt;script&gt;' in page
    assert '<li class="warning">data/rotations/duty.yml:9:1: warning[coverage]: runs out</li>' in page
    assert "<script>" not in page
