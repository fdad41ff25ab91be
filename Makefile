# Two entry points for a fresh clone: `make voorbeeld` and `make test`.
# Both create the virtualenv .venv first (durable-rules compiles with gcc).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: voorbeeld test venv docs clean

$(BIN)/toetsing: pyproject.toml
	$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 10) <= v <= (3, 12) else "toetsing werkt met Python 3.10, 3.11 of 3.12 (durable-rules 2.0.28 werkt niet op %d.%d)." % v)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/toetsing

voorbeeld: venv
	# exit status 1 means: the toetsing found faults, which this example is meant to show
	$(BIN)/toetsing toets voorbeelden/werkplan-concept.xlsx || test $$? -eq 1

test: venv
	$(BIN)/python -m pytest

docs: venv
	$(BIN)/python -m toetsing.regels.documentatie

clean:
	rm -rf $(VENV)
