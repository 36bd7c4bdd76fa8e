extensions = ["myst_parser", "briefing"]
language = "ja"
briefing_seed_dir = "no-seeds"
include_patterns = ["index.md"]
