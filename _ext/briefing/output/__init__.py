"""Output builders: the PDF (LaTeX, fonts, index keys, glyphs), graphs, the search page."""
