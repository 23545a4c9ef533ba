# Command index. `make run [PORT=8010]`: install the app, migrate, load the samples, serve on
# 127.0.0.1:$(PORT). `make test`: install the app and the test tools, run the whole suite on
# SQLite and on PostgreSQL. `make install`: the app and the test tools (a developer's venv).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3 python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python 2>/dev/null); do $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsreader
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres install install-app messages gettext chromium lint fmt check bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "newsreader needs Python 3.12 or newer; none found (set PYTHON=/path/to/python3.12)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "newsreader needs Python 3.12 or newer; found " + sys.version.split()[0] + " at $(PYTHON)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The app alone (runtime dependencies) and its compiled translations.
install-app: $(BIN)/python gettext
	$(BIN)/pip install --quiet -e .
	$(MAKE) messages

# The app and the test tools (pytest, Playwright, ruff).
install: install-app
	$(BIN)/pip install --quiet -e '.[test]'

# locale/*/LC_MESSAGES/django.mo is built from the committed .po, never committed itself.
messages:
	$(BIN)/python manage.py compilemessages -l id --ignore=.venv

gettext:
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq gettext >/dev/null); } || { echo "gettext is missing: run 'apt-get install -y gettext' as root" >&2; exit 1; }

run: install-app
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_articles newsreader/samples --story-title "Putin dan Kim Jong Un bertemu"
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); } || { echo "Chromium is missing: run 'apt-get install -y chromium' as root" >&2; exit 1; }

test: install chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) test-sqlite test-postgres

test-sqlite:
	$(BIN)/pytest

test-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

lint: install
	$(BIN)/ruff check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check:
	$(BIN)/python manage.py check
	SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') SECURE_SSL=true REQUIRE_SECRET_KEY=true $(BIN)/python manage.py check --deploy --fail-level WARNING

bench:
	$(BIN)/python bench/bench_reuse.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
