# Two commands set up a new machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export MPLBACKEND := Agg

.PHONY: demo test test-fast lint lab app bench install install-dev system-deps clean screenshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's chromium (browser tests, PDF checks) and pango (PDF rendering), where we may
# install them; elsewhere this says how and the browser tests skip with the same message.
system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(BIN)/infoview demo --out out/demo

# The static checks come first so that a lint or type error fails in seconds; mypy checks
# the whole infoview package. Its settings and ruff's rules are in pyproject.toml.
lint: install-dev
	$(BIN)/ruff check infoview tests benchmarks
	$(BIN)/mypy

test: install-dev lint system-deps
	$(BIN)/pytest tests notebooks --nbval-lax --nbval-current-env -p no:cacheprovider

# The same run without the tests marked `slow` (the demo, the app and the wheel, the browser
# walks, the property and fuzz runs with many examples, the hostile archives, the batch runs
# that wait out politeness delays): a few minutes less while working. `make test` runs all.
test-fast: install-dev lint system-deps
	$(BIN)/pytest tests notebooks --nbval-lax --nbval-current-env -p no:cacheprovider -m "not slow"

# Refresh docs/screenshot.png (the README's picture) from the browser test; `make test`
# keeps its screenshot in the test's tmp folder and leaves the work tree clean.
screenshot: install-dev system-deps
	INFOVIEW_UPDATE_SCREENSHOT=1 $(BIN)/pytest tests/test_browser_e2e.py -p no:cacheprovider

# JupyterLab refuses to start as root unless told: root is common in containers and CI.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: install
	$(BIN)/jupyter lab notebooks/ $(ROOT_FLAG)

app: install
	$(BIN)/infoview app

bench: install-dev
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
