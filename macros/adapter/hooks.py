"""MkDocs hooks: check `data/` before anything is built, and add the generated files to the site.

MkDocs runs `on_pre_build` before it empties `site_dir` (see `mkdocs/commands/build.py`), so bad
data stops the build while the previous site is still whole. Each finding is logged on one line,
`path:line:col: error[rule]: message (hint)`, and the build ends with `Abort`, which MkDocs reports
without a traceback. Warnings are logged as MkDocs warnings; with `--strict` they stop the build at the
same point (MkDocs itself would only fail at the end, after replacing the site).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs imports this file by path, with only `macros/` on sys.path: make `import macros.…` work.
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
if _PROJECT_ROOT not in sys.path:
    sys.path.insert(0, _PROJECT_ROOT)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.adapter import build_cache
from macros.adapter import freshness_hooks as mkdocs_freshness
from macros.adapter.build_cache import Checked
from macros.feeds import ics_writer, outputs
from macros.model.findings import Finding, Severity
from macros.pages import generated as site_pages
from macros.pages.findings_page import findings_page
from macros.pages.markup import Links
from macros.pages.page_checks import check_pages
from macros.pages.page_scripts import script_tags
from macros.schedule.clock import ClockError, build_time

# A child of the `mkdocs` logger: MkDocs prints it, and counts its warnings in strict mode.
log = logging.getLogger("mkdocs.hooks.handbook")

# The result `on_pre_build` accepted, for the later events of the same build.
_accepted: Checked | None = None
# Under `mkdocs serve`, bad data builds a page listing the findings instead of stopping the build: a failed
# build leaves the preview server waiting for a good one, and every browser request with it.
_serving = False
_findings_shown: list[Finding] | None = None
# Builds finished in this process: a `mkdocs serve` rebuild saves the serialised events only at shutdown.
_builds_done = 0


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_shutdown() -> None:
    """`mkdocs serve` stops: save the serialised events its rebuilds kept in memory, for the next build."""
    ics_writer.flush()


def project_root(config: MkDocsConfig) -> Path:
    """The handbook's root: the folder of mkdocs.yml, which holds `data/`."""
    config_file = config.config_file_path
    return Path(config_file).resolve().parent if config_file else Path.cwd()


def require_site_url(config: MkDocsConfig) -> None:
    """A published (strict) build needs `site_url`: every calendar event links the handbook by its address.

    `mkdocs serve` sets `site_url` to the address it serves; a non-strict build without it only warns, and
    its events then carry no handbook link (a path inside the site is no link a calendar app can open).
    """
    if config.site_url:
        return
    where = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
    message = (
        f"{where}:1:1: {'error' if config.strict else 'warning'}[site-url]: site_url is not set "
        "(set it to the handbook's public address, e.g. `site_url: https://handbook.example.com/`: "
        "calendar events link the handbook by it)"
    )
    if config.strict:
        log.error(message)
        raise Abort("Aborted: site_url is missing in strict mode; nothing was built.")
    log.warning(message)


def on_pre_build(config: MkDocsConfig) -> None:
    global _accepted, _findings_shown
    _accepted, _findings_shown = None, None
    require_site_url(config)
    try:
        now = build_time()
    except ClockError as exc:
        log.error(str(exc))
        raise Abort("Aborted: SOURCE_DATE_EPOCH is not valid.") from None
    build_cache.begin_build(project_root(config))
    checked = build_cache.check(project_root(config), now)
    mkdocs_freshness.start_build(project_root(config))
    for finding in checked.findings:
        if finding.severity is Severity.ERROR:
            log.error(finding.format())
        else:
            log.warning(finding.format())
    errors, warnings = len(checked.errors), len(checked.warnings)
    page_errors: list[Finding] = []
    if not errors and checked.project is not None:
        # What in the hand-written pages would stop the build half-way (a macro naming a rotation the data
        # lacks, a missing picture): reported now, as `validate` does. Freshness comes page by page below.
        docs_dir = Path(config.docs_dir)
        pages = check_pages(project_root(config), docs_dir, checked.project, now.date(), freshness=False)
        page_errors = [finding for finding in pages if finding.severity is Severity.ERROR]
        for finding in page_errors:
            log.error(finding.format())
        errors += len(page_errors)
    if (errors or checked.project is None) and _serving:
        log.error(f"{_count(errors, 'error')} (listed above): the preview shows them until they are fixed")
        shown = [*checked.findings, *page_errors]
        _findings_shown = sorted(shown, key=lambda f: (f.severity is not Severity.ERROR, f.sort_key()))
        return
    if errors or checked.project is None or checked.report is None:
        raise Abort(f"Aborted: {_count(errors, 'error')} in data/ (listed above); nothing was built.")
    if warnings and config.strict:
        # MkDocs would only stop at the end, after emptying site_dir: stop now and keep the previous site.
        counted = _count(warnings, "warning")
        raise Abort(f"Aborted: {counted} in data/ in strict mode (listed above); nothing was built.")
    _accepted = checked


def on_post_build(config: MkDocsConfig) -> None:
    """The build is done: a later check (outside a build) must see the data as it is then."""
    global _builds_done
    _builds_done += 1
    build_cache.end_build()


def on_build_error(error: Exception) -> None:
    """The build failed, even before `on_pre_build` ended: as `on_post_build`."""
    build_cache.end_build()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add `outputs.generated_files` to the site, as if they were files under docs/."""
    if _findings_shown is not None:  # serving bad data: the findings page is the whole site
        page = findings_page(_findings_shown)
        config.nav = []  # the navigation names pages this build does not have
        return Files([File.generated(config, name, content=page) for name in ("index.html", "404.html")])
    checked = _accepted
    if checked is None or checked.project is None or checked.report is None:  # pragma: no cover - on_pre_build ran
        raise Abort("Aborted: the data was not checked before the build.")
    root = project_root(config)
    generated = outputs.generated_files(
        checked.project, checked.report, checked.now, root=root, base_url=config.site_url,
        reuse=build_cache.reuse(root), defer_save=_serving and _builds_done > 0,
    )
    for path, content in sorted(generated.items()):
        if files.get_file_from_path(path) is not None:
            log.error(f"docs/{path}: a generated file has the same path; rename or remove the file in docs/")
            raise Abort(f"Aborted: docs/{path} clashes with a generated file.")
        files.append(File.generated(config, path, content=content))
    _add_pages(files, config, checked)
    return files


def _add_pages(files: Files, config: MkDocsConfig, checked: Checked) -> None:
    """People pages, rotation pages docs/ lacks, and the Rotations section of the navigation (`site_pages`)."""
    assert checked.project is not None and checked.report is not None
    docs_pages = {file.src_uri for file in files.documentation_pages()}
    pages = site_pages.generated_pages(
        checked.project, checked.report.expansions, checked.now, docs_pages, config.use_directory_urls,
        build_cache.reuse(project_root(config)),
    )
    for path, markdown in sorted(pages.items()):
        files.append(File.generated(config, path, content=markdown))
    config.nav = site_pages.expand_nav(config.nav, checked.project)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each handbook script only on the pages that show its widget (`pages.page_scripts`)."""
    return html + script_tags(html, Links(page.file.src_uri, config.use_directory_urls))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Page freshness: warn about a missing owner or a passed review date; add the "last changed" line."""
    return mkdocs_freshness.page_markdown(markdown, page, config.docs_dir, project_root(config), _accepted)
