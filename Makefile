# selfeval: every target sets itself up; nothing needs installing by hand.
# PY: the first Python 3.11+ on PATH (override: make PY=/path/to/python3.11 demo).
ifndef PY
PY := $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
endif
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
OUT ?= out
PIP := $(BIN)/python -m pip install --quiet --quiet --disable-pip-version-check
# A .venv is reused only when an install into it succeeded before (a stamp) and its Python is
# 3.11+; anything else (a failed install, an older Python) is removed and built afresh.
VENV_OK := $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && ls $(VENV)/.installed* >/dev/null 2>&1

.PHONY: setup demo test lint format bench samples clean browser

setup: $(STAMP)

# what running needs (make demo); the C extension is rebuilt when its source changes
$(RUN_STAMP): pyproject.toml $(wildcard extract/pdf/*.c)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "selfeval needs Python 3.11 or newer; $(or $(PY),python3) is $$($(or $(PY),python3) -V 2>&1 || echo missing)."; echo "Install Python 3.11+ and run: make PY=/path/to/python3.11 $(or $(MAKECMDGOALS),setup)"; exit 1; }
	@$(VENV_OK) || { rm -rf $(VENV) && echo "creating $(VENV) with $$($(PY) -V)" && $(PY) -m venv $(VENV); }
	$(PIP) -e .
	@touch $@

# everything, with the dev extra (tests, lint, notebook)
$(STAMP): $(RUN_STAMP)
	$(PIP) -e '.[dev]'
	@touch $@

demo: $(RUN_STAMP)
	rm -rf $(OUT)
	$(BIN)/selfeval extract samples --out $(OUT); test $$? -le 1
	@echo
	@echo "Results are in $(OUT)/: forms.csv, indicators.csv, funds.csv, findings.csv, selfeval.xlsx, and one JSON per input."
	@echo "The samples are test material: the err-* forms carry errors planted on purpose (their findings"
	@echo "are expected; samples/INDEX.md lists them) and many text dumps in samples/dumps/ keep their rows"
	@echo "in an order the text reader declines, so they are read in part (listed in $(OUT)/errors.csv)."
	@echo "Run the tool yourself: .venv/bin/selfeval --help (README.md: A five-minute tour)."

test: setup browser
	$(BIN)/python -m pytest -q

# the headless browser the report tests drive (tests/test_report.py); CI runs as root on Debian
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver)

# ruff, then mypy (strict) on the package as it installs: tools/typecheck.py
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/typecheck.py

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m bench

.PHONY: fuzz
fuzz: setup  # 1,207 damaged inputs through the batch (bench/bench_fuzz.py, docs/batch.md)
	$(BIN)/python -m bench fuzz

samples: setup
	apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei fonts-noto-cjk chromium poppler-utils
	$(BIN)/python -m pip install --quiet -e '.[samples]'
	$(BIN)/python -m samples.make

.PHONY: notebook
notebook: setup  # out/notebook/: executed analysis.ipynb, figures/*.png, summary.json
	$(BIN)/python notebooks/run.py --out $(OUT)/notebook

clean:
	rm -rf $(OUT) .pytest_cache $(VENV)
