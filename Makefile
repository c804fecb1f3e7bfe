# SynergyPilot — set-up and everyday commands. Everything installs into .venv in this folder.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)

.PHONY: install run test bench lint templates screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) main.py

test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: install
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: install
	$(VENV)/bin/ruff check .

templates: install
	$(PY) -m scoring.template_build

clean:
	rm -rf $(VENV) .pytest_cache build dist
