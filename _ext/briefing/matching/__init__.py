"""Mentions and names (pure): the one-pass alias matcher, word boundaries, second references, and
the people a text names whom the registry lacks.  Imports the registry and language floors.
"""
