"""Sphinx at read time: configuration, the domain, directives, nodes, collection of mentions,
transforms, labels, and the generation hook at builder-inited.
"""
