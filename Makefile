# Two entry points: `make run` (the dashboard) and `make test` (every test).
# Each installs what it needs by itself: .venv with pinned requirements, the
# front-end assets and boundary data from the npm registry, and (for tests)
# Debian's chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
VENDOR := static/vendor
BASEMAP := static/basemap

.PHONY: run test lint assets chromium bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Copy only the files the map loads, into the folder Streamlit serves at /app/static/.
$(VENDOR)/.installed: node_modules/.package-lock.json
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/leaflet $(VENDOR)/jquery $(VENDOR)/leaflet.markercluster $(VENDOR)/leaflet.fullscreen
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/leaflet/
	cp -r node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp node_modules/jquery/dist/jquery.min.js $(VENDOR)/jquery/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/leaflet.markercluster/
	cp node_modules/leaflet.fullscreen/Control.FullScreen.js node_modules/leaflet.fullscreen/Control.FullScreen.css \
	   node_modules/leaflet.fullscreen/icon-fullscreen.svg $(VENDOR)/leaflet.fullscreen/
	touch $@

$(BASEMAP)/.built: node_modules/.package-lock.json geo/basemap.py geo/russian_ground.py $(VENV)/.runtime-installed
	$(PY) -m geo basemap --node-modules node_modules --out $(BASEMAP)
	touch $@

assets: $(VENDOR)/.installed $(BASEMAP)/.built

# Browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@/usr/bin/chromium --version

run: $(VENV)/.runtime-installed assets
	$(PY) -m ui.serve --server.port $(PORT)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint assets chromium
	$(PY) -m pytest

# Benchmark of the map page at 1k/10k/100k synthetic events, ours beside a naive baseline (see bench/README.md).
# Synthetic data is written to the git-ignored bench/.data/. A shorter run, for example:
#   make bench BENCH_ARGS="--sizes 1000,10000 --sessions 5 --memory-steps 40"
BENCH_ARGS ?=
bench: $(VENV)/.dev-installed assets chromium
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(BASEMAP) .pytest_cache .ruff_cache
