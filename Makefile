# The two commands: `make run` and `make test`. Both create .venv when it is missing
# and are safe to run again.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

DEMO_SCALE ?= medium
DEMO_SOURCE := data/demo
DB := data/warehouse.duckdb
PORT ?= 8501

.PHONY: run test lint bench venv demo clean-data

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# The demo source is complete only once its marker exists, so an interrupted run starts over.
$(DEMO_SOURCE)/.complete: | $(STAMP)
	rm -rf $(DEMO_SOURCE)
	$(PY) -m pipelines demo --out $(DEMO_SOURCE) --scale $(DEMO_SCALE)
	touch $@

demo: $(DEMO_SOURCE)/.complete

# Built only when there is no warehouse yet; rebuild with `python -m pipelines build`.
$(DB): | $(STAMP) $(DEMO_SOURCE)/.complete
	$(PY) -m pipelines build --source $(DEMO_SOURCE) --db $(DB)

run: $(STAMP) $(DB)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Benchmarks print figures; they are not tests. The query benchmark needs a built warehouse.
bench: $(STAMP) $(DB)
	$(PY) benchmarks/bench_demo.py
	$(PY) benchmarks/bench_queries.py --db $(DB)
	$(PY) benchmarks/bench_pages.py --db $(DB)

clean-data:
	rm -rf $(DEMO_SOURCE) $(DB)
