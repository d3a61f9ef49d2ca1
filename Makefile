# The two README commands:
#   make py=NAME   train pipelines/NAME.py, build js_dist/NAME.js, predict its samples in Node
#   make test      the whole test suite (what .ci/run runs)
# Every step is a file target, so a second run with nothing changed only re-runs the demo.

py ?= pipeline
# What fits the featurizer: python (this process) or spark (SPARK_MASTER=spark://host:7077, else a
# local Spark). Both write the same build/NAME/featurizer.json, byte for byte.
ENGINE ?= python
PYTHON_BOOTSTRAP ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PYTHON := $(VENV)/bin/python

# Restricted featurizer sources: compiled into bundles and used in training.
# The Python-only subpackages (featurizers.compiler.PYTHON_ONLY) are never compiled.
FEATURIZERS := $(wildcard src/featurizers/*.py)
TRAINING := $(wildcard src/featurizers/training/*.py src/featurizers/training/data/*) $(wildcard src/featurizers/interop/*.py)
# The build, and the parity gate it runs (featurizers.testing's core).
BUILDING := $(shell find src/featurizers/compiler src/featurizers/testing -name '*.py' -o -name '*.cjs' -o -name '*.j2')

.PHONY: run train build test unit setup clean bench bench-scale fuzz FORCE
.DEFAULT_GOAL := run

run: js_dist/$(py).js
	$(PYTHON) -m featurizers demo pipelines/$(py).py --out js_dist

train: build/$(py)/.trained
build: js_dist/$(py).js
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PYTHON) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[train,test,spark]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Training stamps are reached through pattern rules; without this, make deletes them as intermediate
# files after a build, and the next run trains again.
.PRECIOUS: build/%/.trained build/%/.engine

# The engine is an input of training: a run with another ENGINE trains again (and must give the
# same featurizer.json). The stamp changes only when the engine does.
build/%/.engine: FORCE
	@mkdir -p $(@D)
	@echo $(ENGINE) | cmp -s - $@ || echo $(ENGINE) > $@
FORCE:

# The environment is order-only: a pytest setting in pyproject.toml must not retrain; the locked
# versions (constraints.txt) and the corpus package (package-lock.json) are real inputs. These are
# the commands a user runs in any folder (README: "Use it in your own project"), with this
# checkout's folders: `featurizers train` checks the pipeline before it trains.
build/%/.trained: pipelines/%.py $(FEATURIZERS) $(TRAINING) build/%/.engine constraints.txt package-lock.json | $(VENV)/.installed node_modules/.installed
	$(PYTHON) -m featurizers train pipelines/$*.py --out build --engine $(ENGINE)
	touch $@

js_dist/%.js: build/%/.trained $(FEATURIZERS) $(BUILDING) | $(VENV)/.installed node_modules/.installed
	$(PYTHON) -m featurizers build pipelines/$*.py --from build --out js_dist

# Debian's chromium for the browser tests: Playwright drives it, and cannot download browsers here.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# The tests use the flagship, iris, tfidf, sklearn_sms and keras_textvec bundles; they build them first if needed.
# The slowest tests are listed at the end: CI's budget is 45 minutes on a fresh machine.
test: js_dist/pipeline.js js_dist/iris.js js_dist/tfidf.js js_dist/sklearn_sms.js js_dist/keras_textvec.js | $(CHROMIUM)
	$(PYTHON) -m pytest --durations=15

unit: $(VENV)/.installed
	$(PYTHON) -m pytest tests/unit

# Side-by-side measurements, medians and ratios (bench/run.py; the demo page in Chromium:
# bench/page.py): prints Markdown tables, writes bench/results.json and the plot bench/scaling.png
# (copied to docs/bench/ for the README).
bench: js_dist/pipeline.js js_dist/tfidf.js js_dist/sklearn_sms.js $(VENV)/.bench-installed bench/onnxruntime/node_modules/.installed | $(CHROMIUM)
	$(PYTHON) bench/run.py

# The scale section alone: a million synthetic mails, one process and Spark with 1 and 2 workers
# (SCALE_DOCS=N for another size); merged into bench/results.json.
bench-scale: js_dist/pipeline.js
	$(PYTHON) bench/scale.py

# onnxruntime-node for the scikit-learn row, apart from the project's own packages. Its install
# script only downloads the GPU execution providers (from outside the npm registry); the CPU
# runtime is in the package itself, so the script is skipped.
bench/onnxruntime/node_modules/.installed: bench/onnxruntime/package.json bench/onnxruntime/package-lock.json
	cd bench/onnxruntime && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The bench extra (skl2onnx, onnx), installed once into the same venv.
$(VENV)/.bench-installed: pyproject.toml constraints.txt | $(VENV)/.installed
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[bench]"
	touch $@

# Differential fuzzing, randomized: 100,000 generated texts per featurizer in CPython and Node
# (FUZZ_TEXTS=N for another number); a divergence prints its minimal reproducer.
fuzz: js_dist/pipeline.js
	HYPOTHESIS_PROFILE=fuzz $(PYTHON) -m pytest tests/fuzz -q

clean:
	rm -rf build js_dist
