"""Importing: saved pages and feeds become seeds (run by the analyst, never by the build).

``python -m briefing import PATH…`` reads each saved page (``.html``, ``.htm``,
``.mhtml``) or feed (Atom, RSS 2.0, RDF), takes the article and its facts out
with trafilatura and feedparser, and writes ``seeds/<date>-<slug>.txt`` with
its sidecar.  Every input is untrusted: read within bounds of size, time and
memory, and a file that cannot be read is a message naming it, never a seed.
"""
