"""The rules across entries of the registry (pure): what one entry cannot know alone.

A state whose country is itself, a forum listing a member twice (mended, with a warning);
references to ids nobody declares; a title listed as an alias; an alias two entries claim.
Each rule takes the entries so far and the problems, and gives the entries it keeps.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from dataclasses import replace

from briefing.language.titles import TITLE_SUFFIXES
from briefing.registry.model import Entity, RegistryProblem, alias_key
from briefing.util.subtypes import Subtype


def mend(entity: Entity) -> tuple[Entity | None, list[tuple[Subtype, str]]]:
    """The entry as it can be used (None: left out) and (subtype, message) of what is wrong with it."""
    blank = [
        a
        for a in (*entity.all_aliases, *entity.shared_aliases, *entity.second_references, *entity.not_in)
        if not a.strip()
    ]
    if blank:
        return None, [
            (
                Subtype.REGISTRY_ALIAS,
                "an alias or name is only white space (it would match every space); entry left out",
            )
        ]
    faults = []
    if entity.country == entity.id:
        faults.append((Subtype.REGISTRY_REFERENCE, f"country is the entry itself ({entity.id!r}); country ignored"))
        entity = replace(entity, country="")
    counts = Counter(entity.members)
    twice = sorted(m for m, n in counts.items() if n > 1)
    if twice:
        faults.append((Subtype.REGISTRY_REFERENCE, f"members listed more than once: {', '.join(twice)}; listed once"))
    if entity.id in counts:
        faults.append((Subtype.REGISTRY_REFERENCE, "the entry lists itself among its members; left out of them"))
    if twice or entity.id in counts:
        entity = replace(entity, members=tuple(m for m in counts if m != entity.id))
    if not (entity.not_in or entity.inside_words):
        return entity, faults
    keys = {alias_key(v) for a in (*entity.all_aliases, *entity.second_references) for v in (a, *entity.other_forms(a))}
    stray = [p for p in entity.not_in if not any(k in alias_key(p) and k != alias_key(p) for k in keys)]
    if stray:
        faults.append((Subtype.REGISTRY_ALIAS, f"not_in {stray[0]!r} holds none of the entry's aliases; ignored"))
        entity = replace(entity, not_in=tuple(p for p in entity.not_in if p not in stray))
    loose = [a for a in entity.inside_words if alias_key(a) not in keys]
    if loose:
        faults.append((Subtype.REGISTRY_ALIAS, f"inside_words {loose[0]!r} is not one of the entry's aliases; ignored"))
        entity = replace(entity, inside_words=tuple(a for a in entity.inside_words if a not in loose))
    return entity, faults


def check_references(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """Leave out entries that name ids that do not exist, and then the entries that named those."""

    def missing(entity: Entity) -> list[str]:
        return [ref for ref in (entity.country, *entity.members) if ref and ref not in entities]

    named_by: dict[str, list[str]] = defaultdict(list)
    for entity in entities.values():
        for ref in (entity.country, *entity.members):
            if ref:
                named_by[ref].append(entity.id)
    queue = deque(eid for eid, entity in entities.items() if missing(entity))
    while queue:
        entity_id = queue.popleft()
        found = entities.get(entity_id)
        gone = missing(found) if found is not None else []
        if found is None or not gone:
            continue
        del entities[entity_id]
        msg = f"{entity_id}: refers to unknown id(s) {', '.join(gone)}; entry left out"
        problems.append(RegistryProblem(found.path, found.line, msg, Subtype.REGISTRY_REFERENCE))
        queue.extend(named_by.get(entity_id, ()))
    return entities


#: Titles and honorifics that follow a name.  The matcher never makes them part of a
#: mention, so an alias may not end with one (王毅外相 would swallow the title).
def check_titles(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """Leave out entries whose aliases carry a title: titles are never part of a mention."""
    kept = {}
    for eid, entity in entities.items():
        bad = [a for a in entity.all_aliases if any(a.endswith(t) and len(a) > len(t) for t in TITLE_SUFFIXES)]
        if bad:
            msg = (
                f"{eid}: alias {bad[0]!r} ends with a title; list the name alone "
                "(titles after a name are never part of a mention); entry left out"
            )
            problems.append(RegistryProblem(entity.path, entity.line, msg, Subtype.REGISTRY_ALIAS))
            continue
        kept[eid] = entity
    return kept


def check_aliases(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """An alias claimed by several entities must be listed in ``shared_aliases`` by each of them."""
    owners: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        for key in dict.fromkeys(alias_key(a) for a in entity.all_aliases):
            owners[key].append(entity)
    left_out: set[str] = set()
    for key, claimants in owners.items():
        if len(claimants) < 2:
            continue
        shared = [e for e in claimants if key in {alias_key(a) for a in e.shared_aliases}]
        if len(shared) == len(claimants):
            continue
        first = claimants[0]
        for entity in claimants[1:]:
            if entity.id in left_out:
                continue
            msg = (
                f"{entity.id}: alias {key!r} is also claimed by {first.id} ({first.path.name}:{first.line}); "
                "list it under shared_aliases in both entries if both are meant; entry left out"
            )
            problems.append(RegistryProblem(entity.path, entity.line, msg, Subtype.REGISTRY_ALIAS))
            left_out.add(entity.id)
    return {k: v for k, v in entities.items() if k not in left_out}
