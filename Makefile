# The front door: `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_DEPS := $(VENV)/.installed
JS_DEPS := node_modules/.package-lock.json
# The Jupyter kernel the notebooks run in (mkdocs.yml: kernel_name), this venv's Python.
KERNEL := $(VENV)/share/jupyter/kernels/coursecode/kernel.json
ADDR ?= 127.0.0.1:8000
# Material 9.7+ prints a banner about MkDocs 2.0 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING := 1
# Importing mkdocs-jupyter imports nbconvert's command-line app, whose help text lists the
# exporters it can build: it instantiates each one, with nbconvert's config: about 0.45 s
# of every build, and of each of the builds the tests start (the rot suite's, for one). With
# this set, the list comes from the entry points alone; the site is byte for byte the same.
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

.PHONY: serve build test lint format lock clean deps browser-deps audit site-times

## serve: build the site and serve it at http://127.0.0.1:8000 with live reload; after the
##        first build, an edit rebuilds only the pages it can change (hooks/live_reload.py)
serve: deps
	$(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

## build: build the site into site/, failing on any warning
build: deps
	$(BIN)/mkdocs build --strict

## test: lint (code, layers, types and workflows) beside the strict build, then every test: unit,
##       doctests, page examples, formulas, the browser suite (on the site just built) and
##       the rot suite. The tests run as two pytest processes side by side, one per core: the
##       browser suite (-m browser) and all the others (they read the same built site); each
##       prints its report when it ends
test: deps browser-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target lint strict-build
	$(MAKE) --no-print-directory -j2 --output-sync=target test-browser test-rest

## lint: ruff (lint and format), the package's layers, mypy, and the GitHub workflows
lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/actionlint -shellcheck= -pyflakes=
	$(BIN)/zizmor --offline --quiet .github/workflows

.PHONY: strict-build test-browser test-rest
strict-build:
	$(BIN)/mkdocs build --strict
test-browser:
	SITE_DIR=site $(BIN)/python -m pytest -m browser --durations=12
test-rest:
	SITE_DIR=site $(BIN)/python -m pytest -m "not browser" -p no:cacheprovider --durations=12

## pdf: the site again with the whole course on one page, printed by Chromium to site/course.pdf
##      (the home page then links it; what the Pages workflow publishes)
.PHONY: pdf
pdf: deps browser-deps
	$(BIN)/python tools/build_pdf.py --site-dir site

## format: apply ruff's fixes and formatting
format: deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

deps: $(PY_DEPS) $(JS_DEPS) $(KERNEL)

# uv installs the pinned packages from the lock: 15 s where pip took 51 s. Like pip, it
# compiles them to bytecode as it installs; without that, the first imports compiled it,
# and the first build's notebooks, two kernels at a time, ran 8-15 s longer.
UV_VERSION := 0.13.9
$(PY_DEPS): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $@

$(KERNEL): $(PY_DEPS)
	$(BIN)/python -m ipykernel install --sys-prefix --name coursecode \
	  --display-name "Python 3 (coursecode)" >/dev/null

$(JS_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## lock: re-resolve the newest allowed versions into requirements.lock
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[docs,notebooks,bench,browser,cluster,fast]" --group dev
	{ echo '# Every Python package the build and the tests use, pinned. Regenerate with `make lock`.'; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | sed '/^-e /d; /^coursecode/d'; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache .hypothesis .ruff_cache

.PHONY: bench
## bench: time one gradient step, every variant and size (about 10 min); writes docs/performance/results
bench: deps
	$(BIN)/python -m coursecode.speed.bench $(BENCH_ARGS)

## browser-deps: Debian's Chromium for the browser tests (installed when we are root)
CHROMIUM ?= /usr/bin/chromium
browser-deps:
	@[ -x "$(CHROMIUM)" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "$(CHROMIUM) not found: the browser tests will skip. Install it: sudo apt-get install chromium"; \
	  fi; }

## audit: Lighthouse (mobile and desktop) on each kind of page: home, lesson, notebook,
##        performance, quiz and exercises; the median of AUDIT_RUNS runs each (default 3),
##        also written to docs/performance/results/lighthouse.{json,md} (the Performance page)
AUDIT_DEPS := tools/audit/node_modules/.package-lock.json
audit: build browser-deps $(AUDIT_DEPS)
	$(BIN)/python tools/audit.py

## site-times: how long a cold and a warm strict build (in a fresh clone; the median of 3
##             runs) and `make test` on a fresh clone take (a quarter of an hour or more;
##             SITE_TIMES_ARGS=--builds-only: about four minutes; --runs N), also written to
##             docs/performance/results/site-times.{json,md}
site-times: deps browser-deps
	$(BIN)/python tools/site_times.py $(SITE_TIMES_ARGS)

$(AUDIT_DEPS): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund
	touch $@
