# dyadwatch: `make demo` and `make test` are the whole quick start.
# The first target that needs it creates .venv from the lock (requirements.lock).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     := out/dyadwatch.duckdb

.PHONY: install demo test chromium bench train lock clean screenshots

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "dyadwatch needs Python 3.11, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

demo: install
	@mkdir -p out
	$(BIN)/dyadwatch process examples/caucasus --db $(DB)
	$(BIN)/dyadwatch report --db $(DB) --out out/briefing.html
	$(BIN)/dyadwatch events --db $(DB) --modality asserted
	$(BIN)/dyadwatch dyads --db $(DB)
	$(BIN)/dyadwatch dyads --db $(DB) --trend

# The browser tests drive Debian's chromium (/usr/bin/chromium) through Playwright, which never
# downloads a browser. When it is missing, this says so and installs it with apt-get (as root),
# or stops with the command to run.
# The tests run in parallel, one worker process per core (pytest-xdist; TEST_WORKERS=0 runs them in
# this one process). A test file goes to one worker whole, so its module fixtures are built once.
TEST_WORKERS ?= auto
test: install chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "make test: the browser tests need Debian's chromium; installing it: apt-get install -y chromium"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "make test: run 'sudo apt-get install -y chromium' first" >&2; exit 1; fi; }

bench: install
	$(BIN)/python bench/run_all.py

# The event decision model (src/dyadwatch/events/data/decision_model.json), trained from the gold
# data in ../shared/eval and the shipped patterns; same data, same bytes. bench/cross_validate.py
# gives the figures to trust (it trains without the fold it scores).
EVAL ?= ../shared/eval
train: install
	$(BIN)/python -m dyadwatch.events.training --eval $(EVAL)
	$(BIN)/python -m dyadwatch.relevance.training --eval $(EVAL)

# The README's dashboard screenshots, taken by the browser tests (needs Debian's chromium).
screenshots: install
	DYADWATCH_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/web/test_web_browser.py -k "every_page_renders or story or map_renders"

# Regenerate the lock from what is installed in .venv (after changing pyproject.toml).
lock:
	$(BIN)/pip freeze --all --exclude-editable --disable-pip-version-check | grep -v '^dyadwatch' > requirements.lock

clean:
	rm -rf out .pytest_cache
