extensions = ["myst_parser", "briefing"]
language = "ja"
project = "Hostile"
myst_enable_extensions = ["colon_fence"]
# Group the list of briefings with a handful of seeds, as a book of more than 40 would be.
briefing_group_above = 3
