# Idékammaren: `make run` to start the site, `make test` to test it. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install translations messages migrate demo run serve test lint format bench backup verify-backup restore lock clean

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

# Links in the e-mails (the invitations' personal links among them) point at this server.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: demo ## Start the development server with demo content at http://127.0.0.1:8000/ (PORT=8001 for another port), and the e-mail worker beside it
	@$(PY) manage.py db_worker --backend email --interval 2 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# gunicorn with the production settings (plain HTTP, a throwaway SECRET_KEY, the demo database or
# DATABASE_URL) behind Varnish with deploy/varnish/default.vcl, as in deploy/, on loopback only.
# Static files are collected into a temporary folder, removed with the rest on Ctrl-C. The e-mail
# worker prints each message, as under `make run`.
serve: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:6081
serve: demo ## The production stack on loopback: Varnish at http://127.0.0.1:6081/ before gunicorn (production settings) at :8000, and the e-mail worker (needs Debian's varnish varnish-modules)
	@command -v varnishd >/dev/null || { echo "make serve needs Varnish and its xkey module: apt-get install varnish varnish-modules"; exit 1; }
	@for port in 8000 6081; do \
	    $(PY) -c "import socket; socket.create_server(('127.0.0.1', $$port)).close()" 2>/dev/null || { echo "127.0.0.1:$$port is in use"; exit 1; }; \
	done
	@tmp=$$(mktemp -d /tmp/idekammare-serve-XXXXXX); chmod 755 "$$tmp"; pids=; \
	trap 'kill $$pids 2>/dev/null; wait $$pids 2>/dev/null; rm -rf "$$tmp"' EXIT; trap 'exit 130' INT TERM; \
	varnishd -C -n "$$tmp/varnish" -f $(CURDIR)/deploy/varnish/default.vcl >/dev/null 2>"$$tmp/vcl.log" || { \
	    cat "$$tmp/vcl.log"; echo "The VCL does not compile: is varnish-modules (xkey) installed?"; exit 1; }; \
	export DJANGO_SETTINGS_MODULE=idekammare.settings.production \
	    SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	    ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	    STATIC_ROOT="$$tmp/static" WAGTAILADMIN_BASE_URL=http://127.0.0.1:6081 \
	    VARNISH_PURGE_URL=http://127.0.0.1:6081 TRUSTED_PROXY_COUNT=1 GUNICORN_WORKERS=2 \
	    SERVE_IMAGE_RENDITIONS=1; \
	$(PY) manage.py collectstatic --no-input --verbosity 0 || exit 1; \
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py idekammare.wsgi:application & pids=$$!; \
	DJANGO_SETTINGS_MODULE=idekammare.settings.dev $(PY) manage.py db_worker --backend email --interval 2 --no-reload & pids="$$pids $$!"; \
	until $(PY) -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)" 2>/dev/null; do \
	    kill -0 $${pids%% *} 2>/dev/null || { echo "gunicorn did not start"; exit 1; }; sleep 0.5; \
	done; \
	echo "Varnish at http://127.0.0.1:6081/ (gunicorn at http://127.0.0.1:8000/); Ctrl-C stops all"; \
	varnishd -F -n "$$tmp/varnish" -a 127.0.0.1:6081 -f $(CURDIR)/deploy/varnish/default.vcl \
	    -s malloc,256m -p http_req_hdr_len=16k -p http_resp_hdr_len=32k

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
