# The two commands: `make run` starts the whole portal, `make test` tests it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := services/common services/auth services/dossiers services/reporting \
            services/notifications services/portal deploy/local
PYPROJECTS := $(addsuffix /pyproject.toml,$(PACKAGES))
PORTAL_VENDOR := services/portal/cp_portal/static/vendor

.PHONY: run test servers code assets test-tools compose-check clean

run: $(VENV)/.installed assets servers
	$(BIN)/python -m cp_local run

test: $(VENV)/.installed assets test-tools servers
	$(BIN)/python -m pytest

# The newest security code that the local SMTP sink received.
code: $(VENV)/.installed
	$(BIN)/python -m cp_local.mailsink latest --maildir var/mail

servers:
	deploy/local/ensure-servers.sh

$(VENV)/.installed: constraints.txt $(PYPROJECTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt $(addprefix -e ,$(PACKAGES)) \
		pytest pytest-timeout schemathesis playwright
	touch $@

assets: $(PORTAL_VENDOR)/.built

$(PORTAL_VENDOR)/.built: services/portal/package-lock.json $(VENV)/.installed
	cd services/portal && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m cp_portal build-assets
	touch $@

# Test tools from Debian: chromium, pdftotext (poppler-utils) to read PDFs,
# docker-compose to validate the compose file without a Docker engine.
test-tools:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v docker-compose >/dev/null 2>&1 || missing="$$missing docker-compose"; \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
			|| { echo "error: could not install$$missing; install them and run make test again" >&2; exit 1; }; \
	fi

compose-check: test-tools
	docker-compose -f deploy/docker-compose.yml config --quiet

clean:
	rm -rf var
