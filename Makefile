# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= build

.PHONY: build test validate clean schema screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/plancc build plans -o $(OUT)

validate: $(STAMP)
	$(BIN)/plancc validate plans

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(OUT) .pytest_cache

# The JSON Schemas editors use (yaml-language-server); regenerate after changing model.py.
schema: $(STAMP)
	for k in plan chapter glossary policy measures; do $(BIN)/plancc schema $$k > schema/$$k.schema.json; done

# PNGs of each plan's first screen, a schedule table and the glossary, for review.
screenshots: build
	$(BIN)/python tools/screenshots.py $(OUT)
