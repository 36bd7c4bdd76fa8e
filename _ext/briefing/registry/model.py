"""The entity registry: its entities, kinds and aliases, and the order of their readings.

The registry is data, read from YAML files by :mod:`briefing.registry_files`;
kinds are declared in the data (``kinds:``), so a new kind needs no code.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from briefing.language.scripts import english
from briefing.language.words import analyser_versions
from briefing.util.subtypes import Subtype

__all__ = ["Entity", "Kind", "MatchTable", "Registry", "RegistryProblem", "alias_key", "reading_key"]


@dataclass(frozen=True)
class RegistryProblem:
    path: Path
    line: int
    message: str
    subtype: Subtype


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
    reading: str  # kana; derived from the Japanese name when the registry gives none
    path: Path
    line: int
    type: str = ""
    name_zh: str = ""
    full_name_ja: str = ""
    full_name_en: str = ""
    aliases_ja: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
    shared_aliases: tuple[str, ...] = ()
    titles_ja: tuple[str, ...] = ()
    titles_en: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    country: str = ""
    members: tuple[str, ...] = ()
    description_ja: str = ""
    description_en: str = ""
    #: Short forms (a surname: 王, Wang) that name the entity once its full name has
    #: appeared in the same article; never aliases on their own.
    second_references: tuple[str, ...] = ()
    #: Phrases in which an alias is not a mention (South China Sea, 中国人民大学).
    not_in: tuple[str, ...] = ()
    #: Aliases that are mentions even inside a longer word (no word-boundary check).
    inside_words: tuple[str, ...] = ()
    reading_derived: bool = False
    #: The other written forms (traditional, simplified: OpenCC) of the entry's Chinese texts, found
    #: when the registry is loaded (and kept in its cache, so OpenCC is loaded only then).
    written_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def other_forms(self, text: str) -> tuple[str, ...]:
        """The other written forms of one of the entry's Chinese texts (none for any other text)."""
        for known, forms in self.written_forms:
            if known == text:
                return forms
        return ()

    @property
    def all_aliases(self) -> tuple[str, ...]:
        """Every string that names this entity, in a stable order, without repeats."""
        names = (
            self.name_ja,
            self.name_en,
            self.name_zh,
            self.full_name_ja,
            self.full_name_en,
            *self.abbreviations,
            *self.aliases_ja,
            *self.aliases_en,
            *self.aliases_zh,
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
class MatchTable:
    """What the matcher is built from: aliases, short forms, blocking phrases, aliases free
    inside words, and the Chinese names jieba is told are words."""

    aliases: dict[str, tuple[str, ...]]
    short_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blockers: tuple[str, ...] = ()
    inside_words: tuple[str, ...] = ()
    user_words: tuple[str, ...] = ()

    def key(self) -> str:
        """A digest of the table and of the analysers' versions: the pages depend on both."""
        text = repr((sorted(self.aliases.items()), sorted(self.short_forms.items()), self.blockers))
        text += repr((self.inside_words, self.user_words, analyser_versions()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Registry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    problems: tuple[RegistryProblem, ...] = ()

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Alias (as written) -> the ids of the entities it names; a Chinese alias also in
        its other written forms (traditional, simplified)."""
        table: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            chinese = {entity.name_zh, *entity.aliases_zh}
            for alias in entity.all_aliases:
                table[alias].append(entity.id)
                for form in entity.other_forms(alias) if alias in chinese else ():
                    if entity.id not in table[form]:
                        table[form].append(entity.id)
        return {alias: tuple(ids) for alias, ids in table.items()}

    def match_table(self) -> MatchTable:
        """Everything the matcher needs from the registry (see :class:`.mentions.Matcher`)."""
        short: dict[str, list[str]] = defaultdict(list)
        blockers: dict[str, None] = {}
        inside: dict[str, None] = {}
        user_words: dict[str, None] = {}
        for entity in self.entities.values():
            for form in entity.second_references:
                for written in (form, *entity.other_forms(form)):
                    if entity.id not in short[written]:
                        short[written].append(entity.id)
            for phrase in entity.not_in:
                blockers.update(dict.fromkeys((phrase, *entity.other_forms(phrase))))
            for alias in entity.inside_words:
                inside.update(dict.fromkeys((alias, *entity.other_forms(alias))))
            for alias in (entity.name_zh, *entity.aliases_zh):
                if alias:
                    user_words.update(dict.fromkeys((alias, *entity.other_forms(alias))))
        return MatchTable(
            self.aliases(),
            {form: tuple(ids) for form, ids in short.items()},
            tuple(blockers),
            tuple(inside),
            tuple(user_words),
        )

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
