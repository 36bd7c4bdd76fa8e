"""The gathering views at write time: entity pages, lists of links, what an incremental build
writes again.
"""
