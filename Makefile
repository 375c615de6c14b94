# lanhmanh — two commands for a new user: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test check lint format messages bench clean

# A Python 3.12+ interpreter: python3.13, python3.12 or python3, whichever answers first.
$(STAMP): pyproject.toml
	@py=""; for candidate in python3.13 python3.12 python3; do \
	  if command -v $$candidate >/dev/null 2>&1 && \
	     $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    py=$$candidate; break; fi; done; \
	if [ -z "$$py" ]; then \
	  echo "lanhmanh needs Python 3.12 or newer (python3.13, python3.12 or python3 on PATH)." >&2; \
	  echo "Install one (for example: pyenv install 3.12) and run make again." >&2; exit 1; fi; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "Creating $(VENV) with $$($$py --version)"; rm -rf $(VENV); $$py -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

run: $(STAMP)
	$(BIN)/lanhmanh migrate --verbosity 0
	LANHMANH_LOG_LEVEL=WARNING $(BIN)/lanhmanh demo
	$(BIN)/lanhmanh serve --port $(PORT)

# The suite runs in one worker per core (pytest-xdist), each on its own test database;
# a module's tests stay together on one worker. TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

test: $(STAMP)
	$(PYTEST) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint
	$(BIN)/lanhmanh makemigrations --check --dry-run --verbosity 1
	$(PYTEST) $(PYTEST_ARGS)

# Needs GNU gettext (Debian: gettext). The compiled .mo files are committed, so
# `make run` works without it. An app with a locale/ folder of its own keeps its
# messages there (so work on separate apps never edits the same catalogue).
APP_LOCALES := $(patsubst lanhmanh/%/locale,%,$(wildcard lanhmanh/*/locale))
MAKEMESSAGES := makemessages --locale vi --locale en --no-obsolete --ignore '*/tests/*'
messages: $(STAMP)
	cd lanhmanh && ../$(BIN)/django-admin $(MAKEMESSAGES) $(foreach app,$(APP_LOCALES),--ignore '$(app)/*') \
	  --settings lanhmanh.settings --pythonpath ..
	for app in $(APP_LOCALES); do (cd lanhmanh/$$app && ../../$(BIN)/django-admin $(MAKEMESSAGES)) || exit 1; done
	cd lanhmanh && ../$(BIN)/django-admin compilemessages --settings lanhmanh.settings --pythonpath ..

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.reporting
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.national

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
