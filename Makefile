# Two commands on a fresh machine with Python 3.11 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run test test-fast demo build clean lint screenshots system-packages bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Builds the demo warehouse the first time (or the province's own data, if some was ingested),
# rebuilds a warehouse that an older version of the code built, and on the very first run creates
# the admin account and prints its password once.
run: $(STAMP)
	@if [ ! -f parquet/manifest.json ]; then \
		if [ -d submissions/staged ]; then $(PY) -m data_pipeline build; else $(PY) -m data_pipeline demo; fi; \
	elif ! $(PY) -m data_pipeline check >/dev/null; then $(PY) -m data_pipeline build; fi
	@$(PY) -m data_pipeline user init
	$(VENV)/bin/streamlit run dashboard.py

# The intake tests re-save a template with LibreOffice, as a unit's office would; the browser
# tests and the screenshots drive Debian's Chromium (never `playwright install`).
APT := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
system-packages:
	@command -v soffice >/dev/null || (apt-get update -qq && $(APT) libreoffice-calc-nogui)
	@command -v chromium >/dev/null || (apt-get update -qq && $(APT) chromium)

test: $(STAMP) system-packages
	$(PY) -m pytest -q

# The quick inner loop: no browser, benchmark, crash, LibreOffice or demo-warehouse tests, on 2 workers.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow" -n 2

# Replaces all data under parquet/ and submissions/ with the demo.
demo: $(STAMP) clean
	$(PY) -m data_pipeline demo

build: $(STAMP)
	$(PY) -m data_pipeline ingest
	$(PY) -m data_pipeline build

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# README screenshots with Debian's headless Chromium (installed with apt when missing).
screenshots: $(STAMP) system-packages
	PYTHONPATH=. $(PY) docs/screenshots.py

# The benchmark at 1×, 3×, 10× a province and the whole country (about an hour on 2 cores);
# writes bench/results.json and bench/RESULTS.md. The generated data go to .bench/.
bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf parquet .builds submissions
