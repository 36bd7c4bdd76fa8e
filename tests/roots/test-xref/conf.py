extensions = ["myst_parser", "briefing"]
language = "ja"
myst_enable_extensions = ["colon_fence"]
latex_documents = [("index", "xref.tex", "Xref", "Test", "manual")]
