# A second book that installs the briefing extension with pip (`pip install <this repository>`)
# and keeps its own seeds and registry. Only the extension is named: it loads MyST and
# sphinx-design and turns on the MyST syntax its pages use.
project = "Trade notes"
author = "Second team"
language = "ja"
extensions = ["briefing"]
include_patterns = ["index.md", "briefings/**", "entities/**"]
exclude_patterns = ["_build"]
briefing_seed_dir = "articles"
briefing_registry_dir = "people-and-forums"
latex_engine = "uplatex"
latex_documents = [("briefings/print", "trade-notes.tex", project, author, "manual")]
