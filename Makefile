# The two commands a new user runs (README): `make demo` and `make test`.
# Both install the locked environment first, from this repository's own files only.

UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
SHARED_OCDS ?= ../shared/data/ocds/real-2018-sample-data
WORKSPACE ?= adaldyq-workspace

.PHONY: setup demo test lint

$(UV):
	python3 -m pip install --user --quiet "uv==$(UV_VERSION)"

setup: $(UV)
	$(UV) sync --frozen --all-extras

demo: setup
	$(UV) run adaldyq demo --data $(SHARED_OCDS) --workspace $(WORKSPACE)

test: setup
	$(UV) run pytest -n 2

lint: setup
	$(UV) run ruff check src tests benchmarks
	$(UV) run ruff format --check src tests benchmarks
	$(UV) run mypy
	$(UV) run lint-imports
