# SIAP — the two commands: `make demo` and `make test`. Needs only Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DATA := data
STAMP := $(VENV)/.installed

.PHONY: demo test install serve lint clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 tidak ditemukan (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

$(DATA)/secret_key:
	@mkdir -p $(DATA)
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Fresh demo database, the demo accounts, and the production server on 127.0.0.1:8000.
demo: $(STAMP) $(DATA)/secret_key
	@rm -f $(DATA)/demo.sqlite3 $(DATA)/demo.sqlite3-wal $(DATA)/demo.sqlite3-shm
	@export DATABASE_URL=sqlite:///$(CURDIR)/$(DATA)/demo.sqlite3 DEBUG=0 \
	  SECRET_KEY="$$(cat $(DATA)/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost; \
	$(BIN)/siap migrate --verbosity 0 && \
	$(BIN)/siap demo-data && \
	$(BIN)/siap serve --bind 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(DATA)/*.sqlite3* $(DATA)/staticfiles .pytest_cache
