# Idékammaren: `make run` to start the site, `make test` to test it. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install translations messages migrate demo run test lint format bench backup verify-backup restore lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(INSTALLED) ## Create .venv and install the locked dependencies

translations: $(INSTALLED) ## Compile the .po files
	$(PY) manage.py compile_translations

messages: $(INSTALLED) ## Extract template and code strings into locale/sv (needs GNU gettext)
	$(PY) manage.py makemessages --locale sv --ignore '.venv/*' --ignore 'bench/*' --no-obsolete

migrate: $(INSTALLED)
	$(PY) manage.py migrate --no-input

demo: migrate translations ## Load the demo content (idempotent)
	$(PY) manage.py load_demo_content

run: demo ## Start the development server with demo content at http://127.0.0.1:8000/ (PORT=8001 for another port), and the e-mail worker beside it
	@$(PY) manage.py db_worker --backend email --interval 2 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: translations ## Run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)
	$(BIN)/pytest

lint: $(INSTALLED) ## ruff, formatting, the layering contracts and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: $(INSTALLED) ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: translations ## Measure the site under load and print markdown tables; with PostgreSQL also the search among 10,000 pages
	$(PY) bench/run.py
	$(PY) bench/search.py

backup: $(INSTALLED) ## Write the database and uploaded files to backups/idekammare-<time>.tar.gz
	$(PY) manage.py backup

verify-backup: $(INSTALLED) ## Check a backup against its manifest, changing nothing: make verify-backup FILE=backups/idekammare-<time>.tar.gz
	@test -n "$(FILE)" || { echo "Name the archive: make verify-backup FILE=backups/idekammare-<time>.tar.gz"; exit 1; }
	$(PY) manage.py backup --verify "$(FILE)"

restore: $(INSTALLED) ## Bring a backup back: make restore FILE=backups/idekammare-<time>.tar.gz
	@test -n "$(FILE)" || { echo "Name the archive: make restore FILE=backups/idekammare-<time>.tar.gz"; exit 1; }
	$(PY) manage.py restore "$(FILE)"

lock: $(INSTALLED) ## Re-pin requirements.lock from pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles bench/results
