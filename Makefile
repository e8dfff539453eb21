# Template development. Every target that runs a tool installs what it needs first:
# uv from PATH, or bootstrapped once into .tools/ with the machine's python3.

UV ?= $(shell uv --version >/dev/null 2>&1 && command -v uv || echo .tools/bin/uv)
RUN := $(UV) run --frozen
# Most tests wait on one single-threaded process (a baked project's own suite): one worker
# per core keeps every core busy. JOBS=1 runs them in a row.
JOBS ?= auto
PYTEST := $(RUN) pytest -n $(JOBS)
# Baked projects run the pnpm their package.json pins through npx: fetched once here, so
# parallel workers never install it into npx's cache at the same moment.
PNPM := $(shell sed -n 's/.*"packageManager": "\(pnpm@[^"]*\)".*/\1/p' '{{cookiecutter.project_slug}}/package.json')

.PHONY: help bake test test-fast test-full install lint node-tools kit-manifest kit-test

help:  ## List the targets
	@grep -E '^[a-z.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

bake: install  ## Bake a project with the default answers into build/
	$(RUN) cookiecutter $(CURDIR) --no-input --output-dir build

test: install lint node-tools  ## The template's whole test suite: fast tier and full tier
	$(PYTEST)

test-fast: install lint  ## Only the fast tier: bakes and static checks, in about two minutes
	$(PYTEST) -m "not full"

# TEMPLATE_PYTHON=3.12 TEMPLATE_OPTIONS="one product" narrow it to one cell (tests/options.py).
test-full: install node-tools  ## Only the full tier: baked projects install and pass their own tests
	$(PYTEST) -m full

# The project template holds Jinja: the tests lint it once baked, with its own config.
lint: install  ## ruff over the template's own Python (hooks, tests, benchmarks, scripts)
	$(RUN) ruff check hooks tests benchmarks scripts answers_extension.py
	$(RUN) ruff format --check hooks tests benchmarks scripts answers_extension.py

# A project's make check holds its kit/ to this list of files and hashes (docs/kit.md).
kit-manifest: install  ## Rewrite the kit's manifest (kit/MANIFEST.json) after changing the kit
	$(RUN) python scripts/kit_manifest.py

# No bake: a copy of the kit, its own test project and dev tools (kit/pyproject.toml).
kit-test: install  ## The kit's own test suite, standalone, over its coverage floor
	$(RUN) python scripts/kit_test.py --uv $(UV)

install: $(UV)
	$(UV) sync --locked

node-tools:
	npx --yes $(PNPM) --version

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet "uv>=0.9,<1"
