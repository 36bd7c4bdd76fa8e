"""Reading articles (pure): a seed's bytes to text, its sidecar, each line's cues and role, dates,
and the :class:`~briefing.articles.article.Article`.  Imports the utilities and language floors.
"""
