# KPI Portal. Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the app and its tests need: Pango/HarfBuzz for WeasyPrint (libthai breaks Thai lines),
# poppler-utils for pdftotext in PDF tests, chromium for browser tests, gettext for translations.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0 poppler-utils chromium gettext

.PHONY: run setup test system-deps venv messages migrate reference-data demo-data clean

# `make run` is the local development server (DEBUG on unless DEBUG=0 is set); production uses gunicorn.
# setup's demo-data step prints the demo accounts just before the server starts.
run: setup
	@# The background worker (huey) builds whole-city PDFs; it stops when runserver stops.
	$(PY) manage.py run_huey --quiet & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

setup: system-deps venv messages migrate reference-data demo-data

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "WARNING: missing system packages:$$missing (install them with your package manager)"; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	@touch $@

# Catalogues (English; Thai for strings Django and import-export lack, and for the admin's JavaScript): .mo files are build
# output (gitignored), compiled from every locale/*/LC_MESSAGES/*.po (django.po and djangojs.po).
messages: venv
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: venv
	$(PY) manage.py migrate --noinput

reference-data: venv
	$(PY) manage.py load_reference_data

demo-data: venv
	$(PY) manage.py demo_data
	$(PY) manage.py demo_accounts

test: system-deps venv messages
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles .pytest_cache

# Benchmarks (not tests): `make bench` runs bench/bench_*.py and bench/load_test.py and prints one table.
BENCH_VENV ?= bench/.venv
.PHONY: bench bench-venv
bench-venv: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: bench/requirements.txt
	@test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q -r bench/requirements.txt
	@touch $@

bench: venv bench-venv
	$(PY) bench/run_all.py
