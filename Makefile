# Civil Society Exchange — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST   ?= 127.0.0.1:8000
ONLY   ?=
PYTEST_ARGS ?=

.PHONY: run test bench lint messages install migrate demo check-pdf clean

# The venv is rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed .env

# Local settings for a developer's machine: DEBUG on and a fresh random secret.
.env:
	@echo "Writing .env for local development (DEBUG=1, random SECRET_KEY)"
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# Absolute links in e-mails and calendars follow the address served (a SITE_URL set in the
# environment or in .env wins).
run: demo check-pdf
	EXCHANGE_HOST=$(HOST) $(MANAGE) runserver $(HOST)

# PDF export (WeasyPrint) needs Pango from the system; without it the rest of the site works.
check-pdf: install
	@$(PY) -c "import weasyprint" 2>/dev/null || echo "Note: PDFs of applications need Pango. On Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"

test: install
	$(VENV)/bin/pytest -n auto $(PYTEST_ARGS)

bench: install
	$(PY) -m bench $(ONLY)

lint: install
	$(VENV)/bin/ruff check exchange tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check exchange tests bench

# Extract every string into locale/*/LC_MESSAGES/django.po and compile the catalogues.
messages: install
	cd exchange && ../$(PY) ../manage.py makemessages -l tr -l de -l en --no-obsolete --ignore 'static/*'
	cd exchange && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var/db.sqlite3 staticfiles
