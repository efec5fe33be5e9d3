# NIK — the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := nik/static/vendor

.PHONY: demo test lint format install assets messages messages-update clean bench

$(BIN)/nik: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(BIN)/nik

install: $(BIN)/nik

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end packages from npm, copied into static/vendor (git-ignored); nothing vendored by hand.
$(VENDOR)/.stamp: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/utrecht $(VENDOR)/axe-core
	cp node_modules/@utrecht/design-tokens/dist/index.css $(VENDOR)/utrecht/design-tokens.css
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/component-library.css
	cp node_modules/@utrecht/component-library-css/dist/html.css $(VENDOR)/utrecht/html.css
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe-core/axe.min.js
	touch $@

assets: $(VENDOR)/.stamp

# After adding texts: extract them into nik/locale/nl/LC_MESSAGES/django.po (the one source of the
# Dutch texts), write the Dutch there, then `make messages`. A test fails while a text has none.
messages-update: $(BIN)/nik
	cd nik && ../$(BIN)/nik makemessages -l nl --ignore=static --no-obsolete --add-location=file -v 0
	$(BIN)/python -c "import polib; po = polib.pofile('nik/locale/nl/LC_MESSAGES/django.po'); [print('missing:', e.msgid) for e in po.untranslated_entries() + po.fuzzy_entries()]"
	cd nik && ../$(BIN)/nik compilemessages -v 0

messages: $(BIN)/nik
	cd nik && ../$(BIN)/nik compilemessages --ignore=.venv -v 0

demo: install assets messages
	$(BIN)/nik demo --port $(PORT)

# On every core (pytest-xdist; pytest-django gives each worker its own database).
test: install assets messages
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check nik tests bench conftest.py
	$(BIN)/ruff format --check nik tests bench conftest.py
	$(BIN)/nik makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install
	$(BIN)/ruff format nik tests bench conftest.py
	$(BIN)/ruff check --fix nik tests bench conftest.py

# National-scale data for the benchmark (bench/generate.py): into NIK_DATABASE_URL, or by default a
# throw-away SQLite file data/bench.sqlite3 (remove it to generate again). Sizes: FAMILIES, REGIONS.
FAMILIES ?= 1000
REGIONS ?= 1
bench: install
	NIK_DATABASE_URL="$${NIK_DATABASE_URL:-sqlite:///$(CURDIR)/data/bench.sqlite3}" \
		$(BIN)/python bench/generate.py --migrate --families $(FAMILIES) --regions $(REGIONS)

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
