# `make site` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
SITE ?= site
# Reproducible builds: the site's timestamp comes from the last commit unless the caller sets one.
EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))
STAMP := $(if $(EPOCH),SOURCE_DATE_EPOCH=$(EPOCH))

.PHONY: site test check serve clean golden

$(BIN)/briefing: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	env -u SOURCE_DATE_EPOCH $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

site: $(BIN)/briefing
	$(STAMP) $(BIN)/briefing build --content $(CONTENT) --site-dir $(SITE)

check: $(BIN)/briefing
	$(BIN)/briefing check --content $(CONTENT)

serve: $(BIN)/briefing
	$(BIN)/briefing serve --content $(CONTENT)

test: $(BIN)/briefing
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(SITE) $(VENV)

golden: $(BIN)/briefing
	$(BIN)/python tests/test_golden.py
