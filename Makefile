# Two commands for a new user: `make run` (service + demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck unit schema bench neo4j-start neo4j-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## run: provision Neo4j (Maven Central), apply the schema, load demo data, serve the API
run: install
	$(BIN)/graphcmdb run

## test: lint, type-check, then every test against a real Neo4j started for the run
test: install lint typecheck
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy

schema: install
	$(BIN)/graphcmdb export-schema

bench: install
	$(BIN)/python benchmarks/upsert.py

neo4j-start: install
	$(BIN)/graphcmdb neo4j start

neo4j-stop: install
	$(BIN)/graphcmdb neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
