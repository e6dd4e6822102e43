# StrikeWatch: `make run` runs the whole pipeline locally, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= --durations=15
FAULTS_ARGS ?=
BROKER_ENGINE ?= tansu

.DEFAULT_GOAL := help

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install pinned dependencies

run: $(STAMP) ## Broker, every service, the sample feed and the alert receiver (Ctrl-C stops all)
	@rm -rf var/run && mkdir -p var/run
	@echo "make run: the analyst's page will be at http://127.0.0.1:6069/ (API: http://127.0.0.1:6069/api/openapi.json)"
	@# A fresh dev secret per run, shared by the alerting service and the local receiver (never committed).
	STRIKEWATCH_WEBHOOK_SECRET=$${STRIKEWATCH_WEBHOOK_SECRET:-whsec_$$($(BIN)/python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')} \
	STRIKEWATCH_DATA_DIR=var/run PATH=$(CURDIR)/$(BIN):$$PATH \
	$(BIN)/honcho --procfile Procfile --env /dev/null start

broker: $(STAMP) ## Run only the broker with all topics created (Tansu; BROKER_ENGINE=kafka: Apache Kafka)
	$(BIN)/strikewatch broker --engine $(BROKER_ENGINE)

test: $(STAMP) ## Lint, then unit, integration and end-to-end tests
	@bash deploy/ensure-test-tools.sh
	@# Apache Kafka's jars (Maven Central, cached outside the repo) for the tests' local broker;
	@# without java or mvn the integration and e2e tests run on Tansu instead.
	@$(BIN)/strikewatch broker --engine kafka --prepare \
	  || echo "make test: no local Apache Kafka (reason above): integration and e2e tests use Tansu" >&2
	$(BIN)/ruff check .
	$(BIN)/strikewatch schemas check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check .

bench: $(STAMP) ## Benchmarks: prints a table, writes JSON under bench/results/
	$(BIN)/python -m bench

faults: $(STAMP) ## Fault suite: scripted faults on the whole stack vs a clean run, per broker; prints a table
	@$(BIN)/strikewatch broker --engine kafka --prepare \
	  || echo "make faults: no local Apache Kafka (reason above): Tansu only" >&2
	$(BIN)/python -m faults $(FAULTS_ARGS)

schemas: $(STAMP) ## Re-export JSON Schemas under schemas/json/
	$(BIN)/strikewatch schemas export

clean: ## Remove the venv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache var

.PHONY: help install run broker test lint bench faults schemas clean

# --- docker compose stack (needs a Docker engine; see docker-compose.yml) ---
.env:
	@sed -e "s|^STRIKEWATCH_WEBHOOK_SECRET=.*|STRIKEWATCH_WEBHOOK_SECRET=whsec_$$($(PYTHON) -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')|" \
	     -e "s|^GRAFANA_ADMIN_PASSWORD=.*|GRAFANA_ADMIN_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(18))')|" \
	     -e "s|^STRIKEWATCH_INBOX_UID=.*|STRIKEWATCH_INBOX_UID=$$(id -u)|" \
	     .env.example > .env
	@echo "created .env from .env.example with fresh random secrets (Grafana password inside)"

up: .env ## Build the image and start the compose stack (Kafka, services, Prometheus :9090, Grafana :3000)
	docker compose up -d --build

down: ## Stop the compose stack (named volumes kept; `docker compose down -v` drops them)
	docker compose down

.PHONY: up down
