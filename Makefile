# Two commands do everything on a fresh clone:
#   make demo   build examples/ga-res-73-8.md into build/ (PDF + HTML)
#   make test   run the whole test suite
# Both create .venv and install unrender into it first. System libraries: see README.md.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test examples lint bench bench-check bench-limits fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) scripts/check_system.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/unrender build examples/ga-res-73-8.md -o build
	@echo "Open build/ga-res-73-8.pdf and build/ga-res-73-8.html"

examples: $(STAMP)
	$(BIN)/unrender build examples/*.md -o build

# one worker per core (pytest-xdist): most of the suite renders PDFs, one process at a time
test: $(STAMP)
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

bench-check: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py

bench-limits: $(STAMP)
	$(BIN)/python benchmarks/bench_limits.py

# The long fuzz run (tests/test_fuzz.py is the bounded one): FUZZ_ARGS="--inputs 2000 --seed 7"
FUZZ_ARGS ?= --inputs 50000
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

clean:
	rm -rf build $(VENV)
