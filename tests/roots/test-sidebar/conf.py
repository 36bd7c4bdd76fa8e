# A small book with the shipped book's theme and sidebar settings, and briefings grouped by
# year and month (group above two), to check which branch of the sidebar a page marks.
project = "Sidebar"
language = "ja"
extensions = ["briefing"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_theme_options = {
    "show_navbar_depth": 1,
    "max_navbar_depth": 2,
    "collapse_navbar": True,
    "home_page_in_toc": True,
}
briefing_group_above = 2
latex_documents = [("briefings/print", "sidebar.tex", project, "Test", "manual")]
