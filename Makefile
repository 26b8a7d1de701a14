# Two commands on a fresh machine with Python 3.11:
#   make briefings   build the environment from the lock file, then run the main job
#   make test        build the environment, then run the whole test suite
# A second run reuses .venv and installs nothing unless the lock file changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
DATA ?= data/sample
OUT ?= outputs

.PHONY: briefings test test-fast lint lock sample benchmark clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The date printed in each briefing's run card is when the dataset last changed in git, so the
# same code and data give the same files on any day (reproducible-builds SOURCE_DATE_EPOCH),
# and a commit that touches only a notebook re-renders only that notebook's briefings.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- $(DATA) 2>/dev/null)
export SOURCE_DATE_EPOCH

# One command: it validates the data, writes the indicator tables and renders the briefings,
# each step skipping what is unchanged; with nothing changed it ends in a fraction of a second.
briefings: $(STAMP)
	$(BIN)/wres build --data $(DATA) --out $(OUT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The quick check while working: everything but the tests marked slow (builds, renders, the
# browser, warm kernels, simulations); `make test` still runs them all.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate the bundled synthetic dataset (byte-identical for the same code).
sample: $(STAMP)
	$(BIN)/wres generate-sample --out $(DATA)

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_indicators.py
	$(BIN)/python benchmarks/bench_models.py
	$(BIN)/python benchmarks/bench_build.py

# Re-resolve the pins (needs uv); keeps environment.yml in step with the lock file.
lock:
	uv pip compile pyproject.toml requirements-build.in --extra dev --universal --generate-hashes --no-header -o requirements.lock
	$(BIN)/python scripts/write_environment_yml.py

clean:
	rm -rf $(VENV) $(OUT)/[0-9]* $(OUT)/tables
