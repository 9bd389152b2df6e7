# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= build

.PHONY: build test validate clean schema screenshots fuzz bench i18n i18n-extract i18n-update i18n-compile

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,publish]'
	touch $(STAMP)

# diff exits 1 when it finds differences (as diff(1) does); only 2 is trouble
DIFF = run() { $(BIN)/plancc diff "$$@" || [ $$? -eq 1 ]; }; run

build: $(STAMP)
	$(BIN)/plancc build plans examples -o $(OUT)
	for f in html docx md; do \
	  $(DIFF) plans/iizuka/2021 --phases 前期 中期 --format $$f -o $(OUT)/iizuka/2021/review-zenki-chuki.$$f; done
	for f in html docx; do \
	  $(DIFF) plans/iizuka/2021 plans/iizuka/later --format $$f -o $(OUT)/iizuka/shinkyu-2021-later.$$f; \
	  if [ -f plans/toride/4th/plan.yaml ]; then \
	    $(DIFF) plans/toride/4th plans/toride/5th --format $$f -o $(OUT)/toride/shinkyu-4th-5th.$$f; fi; done

validate: $(STAMP)
	$(BIN)/plancc validate plans examples

# the layers first (contracts in pyproject.toml; tests/test_architecture.py checks them too)
test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(OUT) .pytest_cache

# Messages in Japanese and English (gettext catalogs kept with Babel). After changing or
# adding a user-facing text: `make i18n-update`, translate the new entries of
# src/plancc/locale/ja/LC_MESSAGES/plancc.po (msgstr), then `make i18n-compile`.
# tests/test_i18n.py fails when a catalog is stale or a message has no Japanese.
LOCALE  := src/plancc/locale
PYBABEL := $(BIN)/pybabel
SITE     = $$($(BIN)/python -c 'import click, os; print(os.path.dirname(os.path.dirname(click.__file__)))')
i18n-extract: $(STAMP)
	$(PYBABEL) -q extract -F babel.cfg --add-location=file --sort-by-file --no-wrap --project plancc \
	  --copyright-holder plancc --msgid-bugs-address "" -o $(LOCALE)/plancc.pot .
	$(PYBABEL) -q extract --add-location=never --sort-output --no-wrap --project click-typer \
	  --msgid-bugs-address "" -o $(LOCALE)/click.pot $(SITE)/click $(SITE)/typer
i18n-update: i18n-extract
	$(PYBABEL) -q update -i $(LOCALE)/plancc.pot -d $(LOCALE) -D plancc --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(PYBABEL) -q update -i $(LOCALE)/click.pot -d $(LOCALE) -D click --no-wrap --ignore-obsolete --no-fuzzy-matching
i18n-compile: $(STAMP)
	$(PYBABEL) -q compile -d $(LOCALE) -D plancc
	$(PYBABEL) -q compile -d $(LOCALE) -D click
i18n: i18n-update i18n-compile

# The JSON Schemas editors use (yaml-language-server); regenerate after changing model.py.
schema: $(STAMP)
	for k in plan chapter glossary policy measures progress; do $(BIN)/plancc schema $$k > schema/$$k.schema.json; done

# PNGs of each plan's first screen, a schedule table and the glossary, for review.
screenshots: build
	$(BIN)/python tools/screenshots.py $(OUT)

# Random damage to the bundled plans, file-system faults (links, FIFOs, devices, unreadable
# folders), builds on a full disk and builds killed with SIGKILL; not part of `make test`.
N ?= 10000
FS ?= 2000
DISK ?= 100
KILLS ?= 100
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py $(N) --fs $(FS) --disk $(DISK) --kill $(KILLS)

# Wall time and memory of start-up, validate and build: each bundled plan, all of them,
# and a synthetic corpus of 1,741 plans, against a floor (Python + C libyaml parse).
# Not part of `make test`. Figures: build/bench/bench.json. BENCH_ARGS=--quick for a smoke run.
# Byte-compiling first is what `pip install` does; an editable install under
# PYTHONDONTWRITEBYTECODE would otherwise compile plancc's sources on every start.
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/run.py $(BENCH_ARGS)
