extensions = ["myst_parser", "briefing"]
language = "ja"
include_patterns = ["index.md", "briefings/**"]
myst_enable_extensions = ["colon_fence"]
