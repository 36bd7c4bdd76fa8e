"""YAML in, bounded: sidecars, front matter and registry files are untrusted text.

A few lines of YAML can name an alias of an alias of an alias (a "billion
laughs") that expands to more objects than the machine holds, or an alias of
itself.  :func:`load_yaml` composes the document (aliases stay shared nodes,
so this is as small as the text), counts what it would expand to, and only
then builds Python objects.  Dates stay strings (``date: 2025-02-30`` is a bad
value of one key for the caller to report, not a failure of the whole file).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["YAMLTooLarge", "load_yaml"]

#: libyaml when PyYAML has it (it does on PyPI's wheels): ten times faster on a large registry.
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc]
    """PyYAML's safe loader, with timestamps left as the strings they were written as."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


class YAMLTooLarge(ValueError):
    """The document would expand to more nodes than allowed, or refers to itself."""


def expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes ``root`` holds once every alias is expanded; :class:`YAMLTooLarge` past ``limit``.

    Each distinct node is visited once (its size is remembered), without
    recursion, so the count costs as much as the composed document, not its expansion.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > limit:
                raise YAMLTooLarge(f"the YAML expands to more than {limit} values (aliases of aliases?)")
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise YAMLTooLarge("the YAML refers to itself (a recursive alias)")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str, limit: int = 10_000) -> tuple[Any, yaml.Node | None]:
    """(the value, its composed node) of one YAML document of at most ``limit`` expanded values.

    Raises ``yaml.YAMLError`` for bad YAML, :class:`YAMLTooLarge` (a
    ``ValueError``) for a document that expands too far, ``RecursionError``
    for nesting deeper than the pure-Python parser can follow.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        expanded_size(node, limit)
        return loader.construct_document(node), node
    finally:
        loader.dispose()
