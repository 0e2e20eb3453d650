# The two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core for the accessibility check (tests/browser/test_axe.py), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
PG_LOCAL := postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run messages test lint typecheck test-sqlite test-postgres bench bench-load bench-linkage eval eval-cases eval-offers eval-notes clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Re-installed only when package-lock.json changes. Without npm (or the registry) the
# accessibility check skips, or fails under REQUIRE_BROWSER as CI runs it, and says why.
$(NODE_STAMP): package-lock.json
	@if ! command -v npm >/dev/null; then \
	  echo "npm not found: the accessibility check will skip (apt-get install npm)"; \
	elif npm ci --no-audit --no-fund --loglevel=error; then touch $(NODE_STAMP); \
	else echo "npm ci failed: the accessibility check will skip"; fi

# The compiled translations (.mo) are built, never committed: a broken .po stops the build here.
messages: $(STAMP)
	$(BIN)/stepstones compilemessages --ignore=.venv

run: $(STAMP) messages
	$(BIN)/stepstones migrate --noinput
	$(BIN)/stepstones migrate --noinput --database sandbox
	$(BIN)/stepstones demo
	$(BIN)/stepstones demo-statistics
	$(BIN)/stepstones import-glotip --if-present
	$(BIN)/stepstones import-ctdc ../shared/data/ctdc-vp-synthetic-2022/CTDC_VPsynthetic_condensed.csv --if-present --no-progress
	@echo "Serving stepstones at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@# The demo serves with DEBUG off (settings.py: STEPSTONES_DEMO), so a bad address shows the
	@# real 404 page; `STEPSTONES_DEMO=false make run` brings back Django's debug pages.
	STEPSTONES_DEMO=$${STEPSTONES_DEMO:-true} $(BIN)/stepstones runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval
	@# Security lint (issue 17 §7): any medium or high finding fails; see [tool.bandit].
	$(BIN)/bandit -c pyproject.toml -q -r src --severity-level medium

typecheck: $(STAMP)
	$(BIN)/mypy

test-sqlite: $(STAMP) $(NODE_STAMP) messages
	scripts/ensure-browser
	env -u DATABASE_URL $(BIN)/python -m pytest

# The same suite on PostgreSQL: DATABASE_URL when set, else the local server when it answers.
test-postgres: $(STAMP) $(NODE_STAMP) messages
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ]; then \
	  if $(BIN)/python scripts/pg-reachable $(PG_LOCAL); then url=$(PG_LOCAL); \
	  elif [ -n "$${REQUIRE_POSTGRES:-}" ]; then echo "PostgreSQL is required but not reachable at $(PG_LOCAL)"; exit 1; \
	  else echo "PostgreSQL pass skipped: set DATABASE_URL or start a server on 127.0.0.1:5432"; exit 0; fi; \
	fi; \
	echo "PostgreSQL pass on $${url%%@*}@..."; \
	DATABASE_URL="$$url" $(BIN)/python -m pytest

test: lint typecheck test-sqlite test-postgres

bench: $(STAMP)
	@for f in $(filter-out bench/bench_load.py bench/bench_linkage.py,$(wildcard bench/bench_*.py)); do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# Issue 13's load scenario (minutes, not part of `make bench`): BENCH_LOAD_SECONDS, BENCH_LOAD_USERS.
bench-load: $(STAMP)
	$(BIN)/python bench/bench_load.py

# Issue 19's duplicate detection at 10,000 and 100,000 registrations (minutes, not part of
# `make bench`). SPLINK_PYTHON=<python with splink> adds Splink on the same records.
bench-linkage: $(STAMP)
	$(BIN)/python bench/bench_linkage.py

eval: eval-cases eval-offers eval-notes

eval-cases: $(STAMP)
	$(BIN)/python eval/eval_cases.py

eval-offers: $(STAMP)
	$(BIN)/python eval/eval_offers.py

eval-notes: $(STAMP)
	$(BIN)/python eval/eval_notes.py
	$(BIN)/python eval/eval_frontline.py
	$(BIN)/python eval/eval_notes_languages.py

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .mypy_cache .ruff_cache .hypothesis
