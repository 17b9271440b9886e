"""Which tests look at the handbook's own content: `tests/conftest.py` marks them `content`."""

from __future__ import annotations

# Test modules that read the handbook's own content (data/, docs/, mkdocs.yml) rather than fixtures. In the
# browser modules only the tests on the built example are content tests (the rest open fixture sites). A test
# elsewhere may be marked `content` itself (e.g. one parameter of several, in
# tests/site/test_calendar_engines.py and test_calendar_client.py).
CONTENT_MODULES = {
    "tests/feeds/test_calendar_files.py",
    "tests/feeds/test_outputs.py",
    "tests/model/test_fuzz_loader.py",
    "tests/model/test_json_schemas.py",
    "tests/pages/test_macro_catalog.py",
    "tests/pages/test_page_scripts.py",
    "tests/roster/test_codeowners.py",
    "tests/roster/test_yamledit.py",
    "tests/scripts/test_handbook_cli.py",
    "tests/site/test_changing_the_roster.py",
    "tests/site/test_page_macros.py",
    "tests/site/test_reproducible_build.py",
    "tests/site/test_start_your_own.py",
    "tests/test_repository_files.py",
}
CONTENT_FIXTURES = {"example_site"}
