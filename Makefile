# Everyday commands. Needs only Python 3.11+ and make: the first target you run creates .venv
# and installs the exact versions of requirements.lock into it (again whenever the lock changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

# Material 9.8 prints an end-of-life banner on every run; the handbook knows.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve site test lint pytest clean

help:
	@echo "make serve   preview the handbook at http://$(ADDR)/ (reloads on edits to docs/ and data/)"
	@echo "make site    build the handbook into site/ (a failed build leaves the previous site/ as it was)"
	@echo "make test    lint, type-check and run the tests"
	@echo "make lint    ruff and mypy only"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp is newer than the lock once the lock's exact versions are installed.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# Build beside site/, then swap: site/ is replaced only by a complete, strictly checked build.
site: $(STAMP)
	rm -rf site.tmp site.old
	$(BIN)/mkdocs build --strict --site-dir site.tmp || { rm -rf site.tmp; exit 1; }
	if [ -d site ]; then mv site site.old; fi
	mv site.tmp site
	rm -rf site.old

lint: $(STAMP)
	$(BIN)/ruff check macros scripts tests
	$(BIN)/mypy macros scripts

# The JavaScript the tests run (ical.js reads the feeds as Thunderbird does; axe-core checks accessibility),
# installed from package-lock.json when npm is there; the tests that need it skip (fail in CI) without it.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the ical.js and axe-core tests will not run"; fi

# Two processes (pytest-xdist): much of a browser or calendar-client test is waiting, so two share the cores
# well. Each test module runs whole in one of them, so a module's fixtures are made once. PYTEST_WORKERS=0
# runs everything in this process (for a debugger).
PYTEST_WORKERS ?= 2
pytest: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test: lint pytest

clean:
	rm -rf site.tmp site.old .pytest_cache .mypy_cache .ruff_cache
