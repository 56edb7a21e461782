# Two commands do all set-up on a fresh machine with Python 3.11 and make: `make lab` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test lint export notebooks clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# The notebooks' kernel and pytest import analysis/ from this checkout, with no manual step.
	$(BIN)/python -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'article_analysis.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check analysis tests notebooks

# Re-execute every notebook in place (after a change to analysis/ or data/), then commit the outputs.
notebooks: $(STAMP)
	for nb in notebooks/*.ipynb; do $(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done

export: $(STAMP)
	$(BIN)/python -m analysis export out/

clean:
	rm -rf $(VENV) out build .pytest_cache
