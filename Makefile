# Two commands for a new user: `make run` (service + demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck unit schema bench neo4j-start neo4j-stop clean system-packages
.PHONY: postgresql bench-peers-install bench-peers
.PHONY: web web-install web-check chromium docs-images

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,demo]"
	touch $(STAMP)

install: $(STAMP)

## system-packages: Debian's snmpd + snmp tools for the SNMP test network, Debian's
## prometheus-alertmanager for the events tests and prometheus for the /metrics test
## (apt, once; root)
system-packages:
	@if ! command -v snmpd >/dev/null 2>&1 && [ ! -x /usr/sbin/snmpd ] || ! command -v snmpget >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq snmpd snmp >/dev/null; \
	fi
	@if [ ! -x /usr/bin/prometheus-alertmanager ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus-alertmanager >/dev/null; \
	fi
	@if [ ! -x /usr/bin/prometheus ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; \
	fi

## web: the explorer (web/, TypeScript + Vite) built into the package, rebuilt when sources change
WEB_STAMP := web/node_modules/.installed
WEB_BUILD := src/graphcmdb/web/static/index.html
WEB_SRC   := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/package.json
CHROMIUM  := /usr/bin/chromium

$(WEB_STAMP): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

web-install: $(WEB_STAMP)

$(WEB_BUILD): $(WEB_STAMP) $(WEB_SRC)
	cd web && npm run build

web: $(WEB_BUILD)

## web-check: strict TypeScript check and the Vitest unit tests of the explorer
web-check: web-install
	cd web && npm run typecheck && npm test

## chromium: Debian's Chromium for the explorer's browser test (apt, once; root)
chromium: $(CHROMIUM)
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

## docs-images: rerun the browser test and copy its screenshots to docs/ (README images)
docs-images: install web chromium
	GRAPHCMDB_UPDATE_DOC_IMAGES=1 $(BIN)/pytest tests/web/test_browser.py

## run: provision Neo4j (Maven Central), apply the schema, load demo data, serve the API
run: install web
	$(BIN)/graphcmdb run

## test: lint, type-check, then every test against a real Neo4j started for the run
test: install system-packages postgresql lint typecheck web web-check chromium
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

schema: install
	$(BIN)/graphcmdb export-schema

bench: install
	$(BIN)/python benchmarks/upsert.py

## postgresql: Debian's PostgreSQL server binaries for the peers benchmark (apt, once; root);
## no cluster is created or started: the benchmark runs a throwaway one of its own
postgresql:
	@if [ -z "$$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

## bench-peers: impact against the raw driver, @neo4j/graphql and a PostgreSQL CTE (benchmarks/README.md)
PEERS_NODE := benchmarks/peers/neo4j-graphql
$(PEERS_NODE)/node_modules/.installed: $(PEERS_NODE)/package-lock.json
	cd $(PEERS_NODE) && npm ci --no-audit --no-fund
	touch $@

bench-peers-install: install postgresql $(PEERS_NODE)/node_modules/.installed

bench-peers: bench-peers-install
	$(BIN)/python -m benchmarks.peers --sizes 10000 100000

neo4j-start: install
	$(BIN)/graphcmdb neo4j start

neo4j-stop: install
	$(BIN)/graphcmdb neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
