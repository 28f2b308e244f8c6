# Brobygger: `make run` serves the demo, `make test` runs the whole suite.
# Everything is installed into this folder (.venv, node_modules); nothing system-wide.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
VENDOR := brobygger/static/vendor
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test bench setup static messages migrate lint check clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Copy the design system from npm into static files (never committed).
$(VENDOR)/.copied: node_modules/.installed
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img $(VENDOR)/dkfds/
	touch $@

static: $(VENDOR)/.copied

messages: $(VENV)/.installed
	$(PY) manage.py compile_catalogues

setup: $(VENV)/.installed static messages

migrate: setup
	$(PY) manage.py migrate --no-input

run: migrate
	$(PY) manage.py demo --if-empty
	$(PY) manage.py demo_logins
	@echo "Brobygger serves on http://127.0.0.1:$(PORT)/ (the task worker and the reminders run beside it; Ctrl-C stops all)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 1 & \
	while true; do $(PY) manage.py send_reminders >/dev/null; sleep 300; done & \
	$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

test: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

# The benchmark (docs/performance.md): a generated national data set in var/bench/ (made on
# the first run, then reused), served as in production and loaded with wrk. With DATABASE_URL
# it runs on that database instead (an empty one is filled first).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench/national.sqlite3
bench: setup
	@mkdir -p var/bench
	DEBUG=false DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(PY) manage.py bench $(BENCH_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check: setup
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles var
