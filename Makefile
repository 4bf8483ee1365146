# `make site` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
SITE ?= site
NODE_TOOLS := tests/browser/node_modules/.installed
# Reproducible builds: the site's timestamp comes from the last commit unless the caller sets one.
EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))
STAMP := $(if $(EPOCH),SOURCE_DATE_EPOCH=$(EPOCH))

.PHONY: site test check serve clean golden screenshots system-site system-test bench

$(BIN)/briefing: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	env -u SOURCE_DATE_EPOCH $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

system-site:
	tools/system-deps site

system-test:
	tools/system-deps test

$(NODE_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --silent --no-audit --no-fund
	touch $@

site: $(BIN)/briefing system-site
	$(STAMP) $(BIN)/briefing build --content $(CONTENT) --site-dir $(SITE)

check: $(BIN)/briefing
	$(BIN)/briefing check --strict --content $(CONTENT)

serve: $(BIN)/briefing
	$(BIN)/briefing serve --content $(CONTENT)

test: $(BIN)/briefing system-test $(NODE_TOOLS)
	$(BIN)/python -m pytest -q

golden: $(BIN)/briefing
	$(BIN)/python tests/test_golden.py

# The README's screenshots, taken by the browser tests.
screenshots: $(BIN)/briefing system-test $(NODE_TOOLS)
	SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_browser.py -k screenshots

clean:
	rm -rf $(SITE) $(VENV) tests/browser/node_modules

# The benchmark (README: Speed): the builder against plain MkDocs and Hugo on the same pages.
bench: $(BIN)/briefing
	$(BIN)/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(BIN)/python bench/run.py
