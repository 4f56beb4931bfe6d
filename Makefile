# selfeval: every target sets itself up; nothing needs installing by hand.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: setup demo test lint format bench samples clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	rm -rf $(OUT)
	$(BIN)/selfeval extract samples --out $(OUT); test $$? -le 1
	@echo
	@echo "Results are in $(OUT)/: forms.csv, indicators.csv, funds.csv, findings.csv, selfeval.xlsx, and one JSON per input."

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m bench

samples: setup
	apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei poppler-utils
	$(BIN)/python -m pip install --quiet -e '.[samples]'
	$(BIN)/python -m samples.make

.PHONY: notebook
notebook: setup  # out/notebook/: executed analysis.ipynb, figures/*.png, summary.json
	$(BIN)/python notebooks/run.py --out $(OUT)/notebook

clean:
	rm -rf $(OUT) .pytest_cache
