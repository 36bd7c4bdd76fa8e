"""The entity registry: its entities, kinds and aliases, and the order of their readings.

The registry is data, read from YAML files by :mod:`briefing.registry_files`;
kinds are declared in the data (``kinds:``), so a new kind needs no code.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from .language import english

__all__ = ["Entity", "Kind", "Registry", "RegistryProblem", "alias_key", "reading_key"]


@dataclass(frozen=True)
class RegistryProblem:
    path: Path
    line: int
    message: str
    subtype: str = "registry"


@dataclass(frozen=True)
class Kind:
    id: str
    name_ja: str
    name_en: str
    types: tuple[str, ...] = ()
    path: str = ""  # the registry file that declares it


#: Names a kind may not take: each kind becomes a role (``{actor}``), and these are the
#: extension's own roles and directives, or Sphinx's and docutils' most common roles.
RESERVED_KINDS = frozenset(
    {
        "mention", "briefing", "takeaway", "entity", "any", "ref", "doc", "term", "numref", "download",
        "keyword", "option", "envvar", "token", "abbr", "math", "eq", "raw", "code", "index", "sub", "sup",
        "takeaway-list", "briefing-timeline", "briefing-latest", "entity-directory", "briefing-graph",
        "briefing-related", "briefing-sources", "briefing-source", "briefing-label",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name_ja: str
    name_en: str
    reading: str
    path: Path
    line: int
    type: str = ""
    full_name_ja: str = ""
    full_name_en: str = ""
    aliases_ja: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    shared_aliases: tuple[str, ...] = ()
    titles_ja: tuple[str, ...] = ()
    titles_en: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    country: str = ""
    members: tuple[str, ...] = ()
    description_ja: str = ""
    description_en: str = ""

    @property
    def all_aliases(self) -> tuple[str, ...]:
        """Every string that names this entity, in a stable order, without repeats."""
        names = (
            self.name_ja,
            self.name_en,
            self.full_name_ja,
            self.full_name_en,
            *self.abbreviations,
            *self.aliases_ja,
            *self.aliases_en,
        )
        return tuple(dict.fromkeys(n for n in names if n))

    def name(self, language: str | None) -> str:
        return self.name_en if english(language) else self.name_ja

    def description(self, language: str | None) -> str:
        return (
            (self.description_en or self.description_ja)
            if english(language)
            else (self.description_ja or self.description_en)
        )


def alias_key(alias: str) -> str:
    """The form aliases are compared and matched in: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", alias).casefold()


@dataclass(frozen=True)
class Registry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    problems: tuple[RegistryProblem, ...] = ()

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Alias (as written) -> the ids of the entities it names."""
        table: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            for alias in entity.all_aliases:
                table[alias].append(entity.id)
        return {alias: tuple(ids) for alias, ids in table.items()}

    def forums_of(self, entity_id: str) -> tuple[str, ...]:
        """The forums (entities with members) an entity belongs to, derived from ``members``."""
        return self._forums.get(entity_id, ())

    @cached_property
    def _forums(self) -> dict[str, tuple[str, ...]]:
        """member id -> the forums listing it, in registry order (one pass, not one per entity)."""
        table: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            for member in dict.fromkeys(entity.members):
                table[member].append(entity.id)
        return {member: tuple(ids) for member, ids in table.items()}

    def by_kind(self, kind: str) -> list[Entity]:
        """The entities of a kind in gojūon order of their readings."""
        return sorted(
            (e for e in self.entities.values() if e.kind == kind), key=lambda e: (reading_key(e.reading), e.id)
        )


@cache
def reading_key(reading: str) -> str:
    """A sort key in gojūon order: katakana folded to hiragana, spaces and dots ignored."""
    out = []
    for ch in unicodedata.normalize("NFKC", reading):
        code = ord(ch)
        if 0x30A1 <= code <= 0x30F6:
            ch = chr(code - 0x60)
        if ch not in " ・\u3000":
            out.append(ch)
    return "".join(out)
