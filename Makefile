# Convenience targets. Everything runs from the project's virtual environment,
# created by the README's quick start: python3 -m venv .venv && .venv/bin/pip install -e '.[test]'
VENV ?= .venv
PYTHON := $(VENV)/bin/python
BRIEFS := $(VENV)/bin/briefs
# Examples per property for `make fuzz` (the test suite itself runs 100, derandomized).
FUZZ_EXAMPLES ?= 20000

.PHONY: test check build adversarial fuzz

test:  ## the whole test suite (browser tests included)
	$(PYTHON) -m pytest

check:  ## validate seeds/ and briefs/; every problem as file:line:col
	$(BRIEFS) check

build:  ## check, then build site/ atomically
	$(BRIEFS) build

adversarial:  ## only the adversarial suite (tests/adversarial, see docs/security.md)
	$(PYTHON) -m pytest tests/adversarial

fuzz:  ## the adversarial properties with a long random search; failures are kept in .hypothesis/
	BRIEFS_FUZZ=1 BRIEFS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PYTHON) -m pytest -p no:cacheprovider \
		--hypothesis-show-statistics tests/adversarial/test_fuzz.py tests/adversarial/test_escaping.py \
		tests/adversarial/test_ids_paths.py
