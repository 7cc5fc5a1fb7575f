# The two set-up commands are `make run` and `make test`; everything else helps them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL ?= redis://127.0.0.1:6379/0
# Test processes run side by side (pytest-xdist); each gets its own Redis
# database (config/settings/test.py), so keep it well under 14.
TEST_WORKERS ?= 2

.PHONY: run test test-services lrs-deps e2e-deps pdf-deps lint format bench setup migrate demo worker beat workbooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs only when a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(MANAGE) migrate --no-input

demo: migrate pdf-deps
	$(MANAGE) setup_catalog
	$(MANAGE) import_curriculum
	$(MANAGE) badge_classes
	$(BIN)/python -m content.workbooks.build
	$(MANAGE) load_demo

run: demo
	$(MANAGE) runserver $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint pdf-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# CI's second tier: the same suite on PostgreSQL with a Redis broker.
test-services: setup lrs-deps
	REQUIRE_SERVICES=1 DATABASE_URL=$(PG_URL) CELERY_BROKER_URL=$(REDIS_URL) \
		CELERY_RESULT_BACKEND=$(REDIS_URL) $(BIN)/python -m pytest -n $(TEST_WORKERS)

# Ralph, a real learning record store, for the xAPI tests of the second tier.
lrs-deps:
	PYTHON=$(PYTHON) scripts/ralph-lrs.sh install

# Debian's Chromium for the browser tests (needs root; Playwright's own download is not used).
e2e-deps:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# Debian's fonts embedded in certificates: DejaVu Sans, Droid Sans Fallback for CJK (needs root).
pdf-deps:
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -a -f /usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf \
		|| (apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-dejavu-core fonts-droid-fallback) \
		|| echo "pdf-deps: fonts not installed (needs root); certificates fall back to Helvetica"

worker: setup
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(REDIS_URL)} $(BIN)/celery -A tasks worker -l info

beat: setup
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(REDIS_URL)} $(BIN)/celery -A tasks beat -l info

workbooks: setup
	$(BIN)/python -m content.workbooks.build

bench: setup
	$(BIN)/python -m bench
	$(BIN)/python -m bench.dashboard
	$(BIN)/python -m bench.time_audit
	$(BIN)/python -m bench.review
	$(BIN)/python -m bench.due_cards
	$(BIN)/python -m bench.readiness

clean:
	rm -rf $(VENV) var content/workbooks/out
