# Makefile for the briefing book, in the style of Sphinx's make-mode.
# `make html` and `make test` are all a new user needs: the first target that
# needs Python creates .venv and installs the pinned requirements into it.

SPHINXOPTS    ?= -n --keep-going
SOURCEDIR     = .
BUILDDIR      = _build
VENV          ?= .venv
PYTHON        ?= $(shell command -v python3.11 || command -v python3)
BIN           = $(VENV)/bin
SPHINXBUILD   = $(BIN)/python -m sphinx

BOOK_STAMP    = $(VENV)/.installed-book
DEV_STAMP     = $(VENV)/.installed-dev
IMPORT_STAMP  = $(VENV)/.installed-import

.DEFAULT_GOAL := help
.PHONY: help html dirhtml epub latex latexpdf clean test lint livehtml catalogs screenshots bench bench-edges eval test-stacks inspect import dossier handout docs

help:
	@echo "Targets (output lands in $(BUILDDIR)/<target>/):"
	@echo "  html       the book as HTML            -> $(BUILDDIR)/html/index.html"
	@echo "  latexpdf   the book as a Japanese PDF  -> $(BUILDDIR)/latex/briefing-book.pdf"
	@echo "  epub       the book as EPUB            -> $(BUILDDIR)/epub/briefing-book.epub"
	@echo "  dirhtml    HTML with one folder per page (pretty URLs)"
	@echo "  latex      the LaTeX sources only      -> $(BUILDDIR)/latex/"
	@echo "  livehtml   rebuild and reload in the browser on every change (sphinx-autobuild)"
	@echo "  screenshots  desktop and phone screenshots of every page type -> $(BUILDDIR)/screenshots/"
	@echo "  bench      the scale benchmark (N = 250, 500, 1000 briefings) -> BENCHMARKS.md"
	@echo "  bench-edges  1,000 undated briefings; registries of 2,000 and 20,000 entities -> BENCHMARKS.md"
	@echo "  eval       precision and recall of mentions, second references and candidates -> EVAL.md"
	@echo "  test       lint, type checks and the whole test suite"
	@echo "  docs       the guides (analyst, operator, developer) -> $(BUILDDIR)/docs/index.html"
	@echo "  test-stacks  the whole-book tests on Python 3.11 + Sphinx 8.2.3 and Python 3.12 + Sphinx 9.1 (CI runs it)"
	@echo "  lint       ruff (lint and format check), mypy, and the floors' import contracts (import-linter)"
	@echo "  inspect    how a seed was read, line by line: make inspect SEED=seeds/x.txt"
	@echo "  dossier    one entity's PDF: make dossier ENTITY=wang-yi [FROM=2025-01] [TO=2025-06]"
	@echo "  handout    one briefing's PDF: make handout SEED=seeds/x.txt"
	@echo "  import     saved pages and feeds become seeds: make import FILES=\"page.html feed.xml\" [URLS=…]"
	@echo "  catalogs   compile the extension's message catalogs (.po -> .mo)"
	@echo "  clean      remove $(BUILDDIR)/"
	@echo "  <builder>  any other Sphinx builder: singlehtml, text, man, gettext, linkcheck, …"
	@echo "Variables: SPHINXOPTS='$(SPHINXOPTS)' PYTHON=$(PYTHON) PINS=keep (use .venv as it is, never reinstall the pins)"

# The virtual environment, made when it is missing; the pins installed when the requirements
# are newer than the last install, saying first which installed versions they replace.
# PINS=keep builds with the environment as it is (one you upgraded on purpose).
PINS          ?= install

$(BOOK_STAMP): requirements.txt
	@if [ "$(PINS)" = keep ]; then \
	  test -x $(BIN)/python || { echo "make: PINS=keep, but $(VENV) has no Python yet: run make once without it" >&2; exit 1; }; \
	  echo "make: PINS=keep: $(VENV) is used as it is"; exit 0; \
	fi; \
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	$(BIN)/python tools/pins.py requirements.txt && \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt && touch $@

$(IMPORT_STAMP): requirements-import.txt $(BOOK_STAMP)
	@if [ "$(PINS)" = keep ]; then exit 0; fi; \
	$(BIN)/python tools/pins.py requirements-import.txt && \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-import.txt && touch $@

$(DEV_STAMP): requirements-dev.txt $(IMPORT_STAMP)
	@if [ "$(PINS)" = keep ]; then exit 0; fi; \
	$(BIN)/python tools/pins.py requirements-dev.txt && \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt && touch $@

html dirhtml epub latex: $(BOOK_STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

latexpdf: $(BOOK_STAMP)
	@tools/system-deps --tex
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
	@echo "PDF: $(BUILDDIR)/latex/briefing-book.pdf"

livehtml: $(DEV_STAMP)
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
		--ignore "$(BUILDDIR)" --ignore "$(VENV)" --ignore "briefings/*" --watch _ext

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONPATH=_ext $(BIN)/lint-imports --no-cache

test: $(DEV_STAMP)
	@tools/system-deps --install
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

# The guides: a MyST site of their own (docs/), warnings are errors.
docs: $(BOOK_STAMP)
	$(SPHINXBUILD) -W --keep-going -n -b html -d "$(BUILDDIR)/docs-doctrees" docs "$(BUILDDIR)/docs"
	@echo "Guides: $(BUILDDIR)/docs/index.html"

# The tests marked `stacks` on the other ends of the supported range (noxfile.py: Pythons by
# their names on PATH, a virtual environment each in .nox/).
test-stacks: $(DEV_STAMP)
	$(BIN)/nox --no-color

# Each line of a seed with the role it got and why (python -m briefing inspect, run from _ext/).
# SEED reaches the shell as an environment variable, always quoted: a name holding ; $() or
# quotes is a file name, never a command.
SEED          ?=
export SEED
inspect: $(BOOK_STAMP)
	@test -n "$$SEED" || { echo "make inspect SEED=seeds/<name>.txt" >&2; exit 2; }
	@test -f "$$SEED" || { echo "make inspect: SEED is not a file (one seed: SEED=seeds/<name>.txt)" >&2; exit 2; }
	PYTHONPATH=_ext $(BIN)/python -m briefing inspect -- "$$SEED"

# Saved pages and feeds become seeds (python -m briefing import). FILES and URLS reach the shell
# as environment variables, split into words there and never globbed or run: a name holding ;
# $() or quotes is a file name. A path with spaces: call python -m briefing import yourself.
FILES         ?=
URLS          ?=
export FILES URLS
import: $(IMPORT_STAMP)
	@test -n "$$FILES$$URLS" || { echo 'make import FILES="saved/page.html saved/feed.xml" [URLS="https://…"]' >&2; exit 2; }
	@set -f; PYTHONPATH=_ext $(BIN)/python -m briefing import $$FILES $${URLS:+--fetch $$URLS}

# One entity's dossier, or one briefing's handout, as a PDF of its own (plain sphinx-build: -D
# briefing_dossier=… or -D briefing_handout=…). The values reach the shell as environment
# variables, quoted: a name is a name, never a command.
ENTITY        ?=
FROM          ?=
TO            ?=
export ENTITY FROM TO
dossier: $(BOOK_STAMP)
	@test -n "$$ENTITY" || { echo "make dossier ENTITY=<entity id> [FROM=2025-01] [TO=2025-06]" >&2; exit 2; }
	@tools/system-deps --tex
	$(SPHINXBUILD) -b latex -d "$(BUILDDIR)/doctrees" "$(SOURCEDIR)" "$(BUILDDIR)/latex" $(SPHINXOPTS) \
	  -D briefing_dossier="$$ENTITY" -D briefing_dossier_from="$$FROM" -D briefing_dossier_to="$$TO"
	$(MAKE) -C "$(BUILDDIR)/latex" "dossier-$$ENTITY.pdf"
	@echo "PDF: $(BUILDDIR)/latex/dossier-$$ENTITY.pdf"

# The handout's file is named by the briefing's page (its slug): the builder says which.
handout: $(BOOK_STAMP)
	@test -n "$$SEED" || { echo "make handout SEED=seeds/<name>.txt" >&2; exit 2; }
	@tools/system-deps --tex
	$(SPHINXBUILD) -b latex -d "$(BUILDDIR)/doctrees" "$(SOURCEDIR)" "$(BUILDDIR)/latex" $(SPHINXOPTS) \
	  -D briefing_handout="$$SEED"
	$(MAKE) -C "$(BUILDDIR)/latex" "$$(cat "$(BUILDDIR)/latex/.briefing-handout")"
	@echo "PDF: $(BUILDDIR)/latex/$$(cat "$(BUILDDIR)/latex/.briefing-handout")"

bench: $(BOOK_STAMP)
	$(BIN)/python benchmarks/run.py

bench-edges: $(BOOK_STAMP)
	$(BIN)/python benchmarks/edges.py

eval: $(BOOK_STAMP)
	$(BIN)/python benchmarks/eval.py --write

screenshots: $(DEV_STAMP) html
	$(BIN)/python tools/browser.py "$(BUILDDIR)/html" "$(BUILDDIR)/screenshots"

catalogs: $(BOOK_STAMP)
	$(BIN)/python tools/compile_catalogs.py

clean:
	rm -rf "$(BUILDDIR)"

# Files make must never try to build with the catch-all rule below.
Makefile requirements.txt requirements-dev.txt requirements-import.txt: ;

# Any other target is a Sphinx builder, as in Sphinx's own make-mode Makefile:
# `make singlehtml`, `make text`, `make man`, `make gettext`, `make linkcheck`, …
%: $(BOOK_STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
