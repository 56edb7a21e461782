# Two commands do all set-up on a fresh machine with Python 3.11 and make: `make lab` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ARTICLE=name-or-path runs lab, notebooks, export and report on another article folder (data/articles/NAME or
# a path); without it they use the default article (data/articles/default). `make test` always checks the default.
ARTICLE ?=
ARTICLE_PATH = $(if $(wildcard $(ARTICLE)),$(abspath $(ARTICLE)),$(ARTICLE))
ARTICLE_NAME = $(notdir $(abspath $(ARTICLE)))

.PHONY: lab test lint browser export notebooks clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# The notebooks' kernel and pytest import analysis/ from this checkout, with no manual step.
	$(BIN)/python -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'article_analysis.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

lab: $(STAMP)
	ARTICLE=$(ARTICLE_PATH) $(BIN)/jupyter lab notebooks/

test: $(STAMP) lint browser
	env -u ARTICLE $(BIN)/python -m pytest

# The browser test drives Debian's Chromium (Playwright's own browser download is not available here);
# CHROMIUM=path for another build. README: "The browser test".
browser:
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian), then make test again"; exit 1; fi; }

lint: $(STAMP)
	$(BIN)/ruff check analysis tests notebooks

# Re-execute every notebook in place (after a change to analysis/ or data/), then commit the outputs; with
# ARTICLE=..., write executed copies for that article to build/notebooks/NAME/ (the committed ones stay as they are).
notebooks: $(STAMP)
ifeq ($(strip $(ARTICLE)),)
	for nb in notebooks/*.ipynb; do env -u ARTICLE $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False "$$nb" || exit 1; done
else
	mkdir -p build/notebooks/$(ARTICLE_NAME)
	for nb in notebooks/*.ipynb; do ARTICLE=$(ARTICLE_PATH) $(BIN)/jupyter nbconvert --to notebook --execute --output-dir build/notebooks/$(ARTICLE_NAME) --ExecutePreprocessor.record_timing=False "$$nb" || exit 1; done
endif

export: $(STAMP)
ifeq ($(strip $(ARTICLE)),)
	env -u ARTICLE $(BIN)/python -m analysis export out/
else
	$(BIN)/python -m analysis export out/$(ARTICLE_NAME)/ --article $(ARTICLE_PATH)
endif

clean:
	rm -rf $(VENV) out build .pytest_cache

.PHONY: bench report

# Time the notebooks against a floor (kernel start and imports), the export, and the build on 10x-1000x events.
bench: $(STAMP)
	$(BIN)/python -m analysis.bench

# Static HTML of the committed notebooks, their figures and the export tables, in build/report/ (no re-execution);
# with ARTICLE=..., of that article's executed notebooks (made first), in build/report-NAME/.
report: $(STAMP)
ifeq ($(strip $(ARTICLE)),)
	env -u ARTICLE $(BIN)/python -m analysis.report
else
	$(MAKE) notebooks ARTICLE=$(ARTICLE)
	$(BIN)/python -m analysis.report --notebooks build/notebooks/$(ARTICLE_NAME) --article $(ARTICLE_PATH) --out build/report-$(ARTICLE_NAME)
endif
