# Two commands on a fresh machine: `make run` and `make test`. Nothing else to install by hand.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first interpreter that is Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint messages check-deploy security demo clean help

help:
	@echo "make run    — 설치, 마이그레이션, 시연 자료(빈 DB일 때), http://$(HOST):$(PORT) 에서 실행"
	@echo "make test   — 전체 시험 (브라우저 시험 포함; DATABASE_URL 로 PostgreSQL 지정 가능)"
	@echo "make lint   — ruff, mypy"
	@echo "make messages — 영어 번역 목록 갱신·컴파일 (gettext 필요) / update and compile the English catalogue"

$(BIN)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "오류: Python 3.12 이상이 필요합니다 (.python-version 참고)."; \
		echo "  Debian/Ubuntu: sudo apt-get install python3.12 python3.12-venv   또는  pyenv install 3.12"; \
		exit 1; fi
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
		echo "오류: $(PYTHON) 에 venv/ensurepip 이 없습니다. Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

run: $(BIN)/.installed
	$(BIN)/sangsaeng manage migrate --noinput
	$(BIN)/sangsaeng demo --if-empty
	@echo ""
	@echo "  상생이 http://$(HOST):$(PORT)/ 에서 실행됩니다. 위의 시연 계정으로 로그인하세요."
	@echo ""
	$(BIN)/sangsaeng serve --host $(HOST) --port $(PORT)

demo: $(BIN)/.installed
	$(BIN)/sangsaeng manage migrate --noinput
	$(BIN)/sangsaeng demo

# Both cores by default (pytest-xdist; each worker has its own test database). TEST_WORKERS=0 runs in
# one process, e.g. to read a failure's output in order.
TEST_WORKERS ?= auto
test: $(BIN)/.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src
	$(BIN)/mypy

# Korean strings are the msgids; locale/en/LC_MESSAGES/django.po gives English. Run after changing
# user-facing text, fill in every new or fuzzy msgstr, run again, and commit the .po and the .mo (the app
# and `make test` never need gettext). Runs inside the package, so .venv, var, the repository's bench/
# and tests/ are never scanned; the ignores keep the package's own tests and benchmark tooling out.
LOCALE_DIR := src/sangsaeng/locale
messages: $(BIN)/.installed
	@if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgfmt >/dev/null 2>&1; then \
		echo "오류: gettext 도구(xgettext, msgmerge, msgfmt)가 없습니다. Debian/Ubuntu: sudo apt-get install gettext"; \
		echo "Error: the gettext tools (xgettext, msgmerge, msgfmt) are missing. Debian/Ubuntu: sudo apt-get install gettext"; \
		exit 1; fi
	cd src/sangsaeng && ../../$(BIN)/sangsaeng manage makemessages --locale en --no-obsolete --no-wrap \
		--add-location file --ignore 'tests' --ignore 'bench' --ignore 'migrations' --ignore 'static'
	cd src/sangsaeng && ../../$(BIN)/sangsaeng manage compilemessages --locale en
	@stats=$$(msgfmt --statistics -o /dev/null $(LOCALE_DIR)/en/LC_MESSAGES/django.po 2>&1); echo "en: $$stats"; \
	case "$$stats" in *untranslated*|*fuzzy*) \
		echo "번역이 빠졌거나 확인이 필요한 항목 / untranslated or fuzzy entries:"; \
		msgattrib --no-wrap --untranslated $(LOCALE_DIR)/en/LC_MESSAGES/django.po | grep '^msgid "[^"]'; \
		msgattrib --no-wrap --only-fuzzy $(LOCALE_DIR)/en/LC_MESSAGES/django.po | grep '^msgid "[^"]'; \
		exit 1;; esac

check-deploy: $(BIN)/.installed
	SANGSAENG_ENV=production SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') \
	ALLOWED_HOSTS=sangsaeng.example.go.kr DATABASE_URL=sqlite:///var/check-deploy.sqlite3 \
	$(BIN)/sangsaeng manage check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var build *.egg-info
