# Sepakat — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=static --ignore=media --ignore=.test-media
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: run test lint format bench install messages messages-update migrate demo smoke clean-test-db

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

messages: install
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

## make messages-update: collect new strings into locale/{id,en}/LC_MESSAGES/django.po (needs gettext).
messages-update: install
	$(PY) manage.py makemessages -l id -l en --no-obsolete --no-wrap $(MAKEMESSAGES_IGNORE)
	$(MAKE) messages

migrate: install
	$(PY) manage.py migrate --noinput -v 0

## Links in the demo's mails and notices point at this server (override with WAGTAILADMIN_BASE_URL=…).
run demo: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

demo: migrate
	$(PY) manage.py load_demo

## make run: install, migrate, translations, demo data, then web + worker (Ctrl-C stops both).
run: messages demo
	@PORT=$(PORT) bash scripts/run-dev.sh

## make test: the whole suite. DATABASE_URL=postgres://… make test runs it on PostgreSQL.
## Two pytest-xdist workers (one test database each: pytest-django adds a _gwN suffix);
## PYTEST_WORKERS=0 runs everything in one process (easier to debug).
PYTEST_WORKERS ?= 2
test: messages
	@bash scripts/ensure-chromium.sh
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: migrate
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(PY) -m bench $(BENCH_ARGS)

## make smoke: production shape (gunicorn + PostgreSQL + Redis + django-q2 worker).
smoke: install
	bash scripts/smoke-production.sh

## make clean-test-db: remove the SQLite test databases (pytest-xdist adds _gwN suffixes).
clean-test-db:
	rm -f .test-db.sqlite3 .test-db.sqlite3-* .test-db.sqlite3_gw*
