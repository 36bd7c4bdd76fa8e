"""Utilities (the bottom floor): untrusted files in and atomic writes out, bounded YAML, build caches,
the generation's messages.  Imports only the standard library and PyYAML.
"""
