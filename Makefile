# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_WORKERS ?= auto
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup run test lint format bench mutation browser-deps postgres-deps audio-deps clean

setup: $(STAMP)
	$(BIN)/kiosk i18n compile >/dev/null

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup audio-deps
	$(BIN)/kiosk init-db
	$(BIN)/kiosk staff demo
	$(BIN)/kiosk serve

# Debian's chromium and Noto fonts for the browser tests (Playwright cannot
# download a browser here; the tests drive /usr/bin/chromium).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/noto ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-core; \
	fi

# Debian's PostgreSQL server binaries: the suite starts its own throwaway
# server (as the unprivileged user nobody) to run every database test on it too.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; \
	fi

# eSpeak NG and opus-tools render the read-aloud audio (kiosk serve does it in
# the background at start; kiosk content audio does it at once).
audio-deps:
	@if ! command -v espeak-ng >/dev/null || ! command -v opusenc >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq espeak-ng opus-tools; \
	fi

test: setup browser-deps postgres-deps audio-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(PYTEST_WORKERS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) test-output .pytest_cache .ruff_cache mutants
	find translations -name '*.mo' -delete

# wrk drives the load from outside Python (make bench falls back to Python
# threads where it cannot be installed).
bench: setup audio-deps postgres-deps
	@command -v wrk >/dev/null || ($(SUDO) apt-get install -y -qq wrk || true)
	$(BIN)/python bench/run.py

# Mutation testing of the domain modules (mutmut, configured in pyproject.toml),
# not part of `make test`: the first run takes a long while, later runs test
# again only the functions that changed. The figures are in README.md.
mutation: setup
	$(BIN)/python bench/mutation.py
