# Amparo: `make run` serves the demo at 127.0.0.1:$(PORT); `make test` runs every check.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck test-sqlite test-postgres install clean bench

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/amparo migrate --noinput
	$(BIN)/amparo demo
	@echo ""
	@echo "Amparo is starting at http://127.0.0.1:$(PORT)/ — sign in at http://127.0.0.1:$(PORT)/accounts/login/"
	@echo "with attorney@amparo.example / amparo-demo-2026 (other roles above). Stop with Ctrl-C."
	@# Imports, exports, reminders and document runs are background tasks: a worker runs beside
	@# the server and stops with it.
	@$(BIN)/amparo db_worker --queue-name '*' --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/amparo runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy amparo

test-sqlite: $(STAMP)
	DJANGO_ENV=test DATABASE_URL= $(BIN)/pytest

test-postgres: $(STAMP)
	$(BIN)/python scripts/run_postgres_tests.py

test: lint typecheck $(STAMP)
	DJANGO_ENV=test $(BIN)/amparo makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

BENCH_CASES ?= 10000,100000
BENCH_DECISIONS ?= 1000000
# Every part runs even when an earlier one misses a target; the exit status says whether any did.
bench: $(STAMP)
	status=0; \
	$(BIN)/python scripts/bench.py --cases $(BENCH_CASES) || status=1; \
	$(BIN)/python scripts/bench_load.py || status=1; \
	$(BIN)/python scripts/bench_import.py || status=1; \
	nice -n 10 $(BIN)/python scripts/bench_reports.py --decisions $(BENCH_DECISIONS) --databases sqlite,postgresql || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
