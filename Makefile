# Khepri — the two commands: `make run` (demo site) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= khepri.settings.dev

.PHONY: run test lint format bench messages install lock clean worker

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
	@bash scripts/run-dev.sh $(PORT)

test: install
	@bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	@bash scripts/bench.sh

messages: install
	bash scripts/messages.sh

worker: install
	$(PY) manage.py run_worker

# Re-resolve the pinned set from pyproject.toml in a throwaway venv.
lock:
	bash scripts/lock.sh

clean:
	rm -rf var/test-*.sqlite3* var/screenshots
