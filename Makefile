# mathshubs: `make demo` and `make test` work from a fresh clone (README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_SCALE ?= national
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

# WeasyPrint lays out the report's PDF with Debian's Pango and HarfBuzz; the tests read
# the PDF back with poppler's pdftotext.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; }

/usr/bin/pdftotext:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null

CSS := src/mathshubs/static/mathshubs/mathshubs.css
$(CSS): frontend/mathshubs.scss node_modules/.installed
	npm run -s build:css

install: $(BIN)/.installed node_modules/.installed $(CSS) pdf-libs ## Create .venv, install Python and npm dependencies, build the CSS

browser: /usr/bin/chromium /usr/bin/pdftotext ## Install Debian's chromium and pdftotext for the tests

demo: install ## Build the national demo on SQLite and serve it at http://127.0.0.1:8000
	$(BIN)/mathshubs migrate --no-input -v0
	$(BIN)/mathshubs demo --scale $(DEMO_SCALE)
	$(BIN)/mathshubs collectstatic --no-input -v0
	@echo "Emails (verification codes) are written to var/mail/; a task worker sends them."
	@echo "Serving the demo at http://$(HOST):$(PORT)  (sign-ins above, password demo-password; Ctrl-C stops)"
	@trap 'kill 0' EXIT; \
	  EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(BIN)/mathshubs worker & \
	  EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend \
	  $(BIN)/gunicorn mathshubs.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile - 

test: install browser ## Run every test, browser tests included (one worker per core)
	$(BIN)/pytest -q -n auto

fuzz: install ## Fuzz the API (schemathesis): every operation, anonymous and as four roles
	$(BIN)/pytest -q -m fuzz tests/fuzz

lint: install ## ruff, mypy, then make audit (NO_AUDIT=1 leaves the audit out)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	@if [ -n "$(NO_AUDIT)" ]; then echo "make lint: NO_AUDIT is set, so nothing was audited"; \
	  else $(MAKE) --no-print-directory audit; fi

# --strict: a package the advisory service cannot answer for fails the audit rather than
# passing unaudited. Machines that reach package registries only (no PyPI JSON API per
# version, no npm advisories endpoint) cannot audit: run make lint NO_AUDIT=1 there.
audit: install ## Known vulnerabilities: pip-audit over .venv (not the project itself), npm audit
	$(BIN)/pip-audit --skip-editable --strict --progress-spinner off
	npm audit --audit-level=moderate

format: install ## Format the code with ruff
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

bench: install ## Benchmarks: print figures (import speed, demo build, pages, events, confirmations)
	$(BIN)/python benchmarks/run.py

clean: ## Remove the demo database and collected files (keeps .venv)
	rm -rf var

.PHONY: help install pdf-libs browser demo test fuzz lint audit format bench clean
