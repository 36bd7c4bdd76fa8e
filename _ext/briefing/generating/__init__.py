"""Generating pages (pure): escaping, an Article with its mentions rendered as MyST, slugs,
grouping, owned files, the seed cache, the candidates.  Imports the floors below, never Sphinx.
"""
