# Two commands matter: `make lab` (learn) and `make test` (check everything).
# Both set up what they need from a fresh clone and are quick when already set up.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# nbgrader runs `alembic` by name: the environment's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)
# Learners' own copy of the released modules (git-ignored, never overwritten).
WORKSPACE ?= workspace
PORT ?= 8888
# JupyterLab configuration for learners (make lab)
LEARNER_CONFIG := $(abspath jupyter/learner)
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# two workers; a test file stays on one worker, so each module's graded cohort (a
# module-scoped fixture) is built once (--dist loadgroup was seen building it twice)
PYTEST_ARGS ?= -n 2 --dist loadfile --durations=15

.PHONY: help setup lab test lint notebooks data map release check-release chromium sandbox npm bench clean \
	learner-wheel

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/' | expand -t 16

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	@# jsonschema imports the optional IRI checker rfc3987-syntax whenever it is present,
	@# and that package builds a parser at import: 2.4 s added to every nbgrader command,
	@# Jupyter server and nbformat import. Nothing here validates IRIs; `pip check` stays
	@# clean without it.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	@touch $@

setup: $(STAMP)  ## create .venv and install the course (idempotent)

lab: $(STAMP)  ## open the course in JupyterLab (your work lives in workspace/)
	@# Bring in released modules you do not have yet; never overwrite a file you have.
	$(BIN)/python -m course.workspace release $(WORKSPACE)
	@# The course's start page (modules, what each teaches, your progress, where to begin),
	@# rebuilt each time; JupyterLab opens on it instead of the launcher.
	$(BIN)/python -m course.home $(WORKSPACE)
	@# Learner tools only (no Create Assignment, formgrader, course list or news): see
	@# jupyter/learner/README.md. Lab settings stay in the workspace, not in the repository.
	JUPYTER_CONFIG_DIR=$(LEARNER_CONFIG) \
	JUPYTERLAB_SETTINGS_DIR=$(abspath $(WORKSPACE))/.jupyter/lab/user-settings \
	JUPYTERLAB_WORKSPACES_DIR=$(abspath $(WORKSPACE))/.jupyter/lab/workspaces \
		$(BIN)/jupyter lab --ServerApp.root_dir=$(abspath $(WORKSPACE)) --ServerApp.port=$(PORT) \
		--ServerApp.ip=127.0.0.1 --LabApp.default_url=/lab/tree/START.ipynb $(ALLOW_ROOT)

chromium:  ## install Debian's chromium for the browser tests when it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

sandbox:  ## install Debian's bubblewrap (the grading sandbox) when it is missing
	@command -v bwrap >/dev/null 2>&1 || { \
		echo "Installing Debian's bubblewrap for the grading sandbox..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq bubblewrap >/dev/null; }

npm:  ## install Debian's npm (configurable-http-proxy for the JupyterHub test) when missing
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing Debian's npm for the JupyterHub class test..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }

test: $(STAMP) chromium sandbox npm  ## run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff over the code
	$(BIN)/ruff check .

notebooks: $(STAMP)  ## rebuild source/ notebooks from materials/lessons/
	$(BIN)/python -m autograder.build.notebooks

data: $(STAMP)  ## rebuild the seeded data sets in materials/data/
	$(BIN)/python -m materials.generate

map: $(STAMP)  ## rebuild materials/curriculum.yaml and the README's coverage and source tables
	$(BIN)/python -m autograder.build.curriculum
	$(BIN)/python -m materials.source_map

seeds: $(STAMP)  ## rebuild the no-copy check's fingerprints from ../shared/seeds (after a seed changes)
	$(BIN)/python -m materials.no_copy --rebuild

release: $(STAMP) notebooks  ## regenerate release/ from source/ with nbgrader
	$(BIN)/python -m autograder.build.release

learner-wheel: $(STAMP)  ## build the learners' wheel (course and data, no answers) into dist/
	$(BIN)/python -m pip wheel --no-deps -w dist ./learner

bench: $(STAMP) sandbox  ## run the benchmarks (ratios against baselines measured in the same run)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:  ## remove grading by-products (keeps .venv and workspace/)
	rm -rf submitted autograded feedback gradebook.db .pytest_cache
