"""What each gathering page shows, as plain data computed from the domain's tables.

A *view* is a tuple of plain values: the same function feeds the page when it
is written and the fingerprint that decides, after an incremental read,
whether the page must be written again.  Nothing here makes docutils nodes.
Costs follow what a view shows: per-entity data comes from one inverted index
built once per build, never from a scan of the whole book per page.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, wraps
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from briefing.registry.model import reading_key

if TYPE_CHECKING:
    from briefing.data.records import BriefingRecord, EntityRecord, MentionRecord, TakeawayRecord

RELATED_SHOWN = 5
#: The shared entities shown for each related briefing (only what is shown is in the view,
#: so that a change the reader cannot see rewrites no page).
SHARED_SHOWN = 5
CO_MENTIONS_SHOWN = 10
NEIGHBOURS_SHOWN = 12


class DocMentions(NamedTuple):
    docname: str
    title: str
    date: str
    times: int
    sentences: tuple[tuple[str, str], ...]  # (anchor, sentence), each once


class EntityView(NamedTuple):
    docs: tuple[DocMentions, ...]  # newest first
    total: int
    together: tuple[tuple[str, int], ...]  # (entity id, briefings shared), most first
    first_seen: str
    last_seen: str


class Related(NamedTuple):
    docname: str
    title: str
    date: str
    shared: tuple[str, ...]  # entity ids, rarest first, the first SHARED_SHOWN


class TakeawayItem(NamedTuple):
    tid: str
    docname: str
    anchor: str
    text: str
    briefing_title: str
    date: str
    entities: tuple[str, ...]


@dataclass(frozen=True)
class TakeawayFilter:
    entities: frozenset[str] = frozenset()  # any of these
    briefing: str = ""
    start: str = ""  # ISO dates, inclusive
    end: str = ""
    limit: int = 0

    def accepts(self, item: TakeawayItem) -> bool:
        if self.entities and not self.entities & set(item.entities):
            return False
        if self.briefing and item.docname.rsplit("/", 1)[-1] != self.briefing:
            return False
        if self.start and (not item.date or item.date < self.start):
            return False
        return not (self.end and (not item.date or item.date > self.end))


def fingerprint(view: object) -> str:
    return hashlib.sha1(repr(view).encode("utf-8")).hexdigest()


def newest_first(date: str, name: str) -> tuple[bool, str, str]:
    """Sort key: dated before undated, newest date first, then by name."""
    return (date == "", _descending(date), name)


@cache
def _descending(date: str) -> str:
    """A string that sorts in the reverse order of ``date`` (a book has a few thousand dates)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


_View = TypeVar("_View")


def _kept(method: Callable[..., _View]) -> Callable[..., _View]:
    """Compute a view once for each set of arguments: the fingerprint after reading and the page
    written later show the same view of the same state (a ``BookViews`` is never updated)."""

    @wraps(method)
    def kept(self: BookViews, *args: Any, **kwargs: Any) -> _View:
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        try:
            return self._kept[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._kept[key] = method(self, *args, **kwargs)
            return value

    return kept


class BookViews:
    """All views of one state of the book; build one after reading, use it while writing."""

    def __init__(
        self,
        briefings: Mapping[str, BriefingRecord],
        takeaways: Mapping[str, TakeawayRecord],
        entities: Mapping[str, EntityRecord],
        mentions: Mapping[str, list[MentionRecord]],
    ) -> None:
        self.briefings, self.takeaways, self.entities, self.mentions = briefings, takeaways, entities, mentions
        self._kept: dict[tuple[Any, ...], Any] = {}

    # -- indexes, each built once ------------------------------------------
    @cached_property
    def briefing_of_doc(self) -> dict[str, BriefingRecord]:
        return {rec.docname: rec for rec in self.briefings.values()}

    @cached_property
    def takeaway_counts(self) -> Counter[str]:
        return Counter(rec.docname for rec in self.takeaways.values())

    @cached_property
    def doc_entities(self) -> dict[str, frozenset[str]]:
        """Briefing docname -> the (known) entities it mentions."""
        return {
            doc: frozenset(m.entity for m in records if m.entity in self.entities)
            for doc, records in self.mentions.items()
            if doc in self.briefing_of_doc
        }

    @cached_property
    def entity_docs(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = defaultdict(list)
        for doc in sorted(self.doc_entities):
            for eid in self.doc_entities[doc]:
                table[eid].append(doc)
        return dict(table)

    @cached_property
    def mention_counts(self) -> Counter[str]:
        """Entity id -> how many times the book mentions it."""
        return Counter(record.entity for records in self.mentions.values() for record in records)

    @cached_property
    def by_entity(self) -> dict[str, dict[str, list[MentionRecord]]]:
        table: dict[str, dict[str, list[MentionRecord]]] = defaultdict(lambda: defaultdict(list))
        for doc in sorted(self.mentions):
            for record in self.mentions[doc]:
                table[record.entity][doc].append(record)
        return {eid: dict(docs) for eid, docs in table.items()}

    def weight(self, eid: str) -> float:
        """Rare entities weigh more: 1 / bit length of the number of briefings naming it.

        It moves only when that number crosses a power of two, so a new
        briefing does not reorder the related lists of the whole book (as an
        IDF over the book's size would) — only where it really ranks.
        """
        return 1.0 / max(1, len(self.entity_docs.get(eid, ()))).bit_length()

    @cached_property
    def _doc_sets(self) -> dict[str, frozenset[str]]:
        return {eid: frozenset(docs) for eid, docs in self.entity_docs.items()}

    @cached_property
    def _hub_size(self) -> int:
        """Entities named by more briefings than this are *hubs* in :meth:`related`."""
        return max(32, len(self.doc_entities) // 16)

    def _title_date(self, doc: str) -> tuple[str, str]:
        rec = self.briefing_of_doc.get(doc)
        return (rec.title, rec.date) if rec else (doc, "")

    # -- views ---------------------------------------------------------------
    @_kept
    def entity(self, eid: str) -> EntityView:
        docs = self.by_entity.get(eid, {})
        rows = []
        for doc, records in docs.items():
            title, date = self._title_date(doc)
            sentences = tuple(dict.fromkeys((r.anchor, r.sentence) for r in records))
            rows.append(DocMentions(doc, title, date, len(records), sentences))
        rows.sort(key=lambda r: newest_first(r.date, r.docname))
        together = self.co_mentions(eid)
        ranked = sorted(together.items(), key=lambda kv: (-kv[1], reading_key(self.entities[kv[0]].reading), kv[0]))
        dates = sorted(r.date for r in rows if r.date)
        return EntityView(
            tuple(rows),
            sum(r.times for r in rows),
            tuple(ranked[:CO_MENTIONS_SHOWN]),
            dates[0] if dates else "",
            dates[-1] if dates else "",
        )

    @_kept
    def related(self, doc: str, limit: int = RELATED_SHOWN) -> tuple[Related, ...]:
        """The briefings sharing most (rare-weighted) entities with ``doc``; ties by name.

        Exact, but without visiting every briefing that shares a hub (an entity
        in most briefings): score the briefings reached through the other
        entities, add what they share of the hubs, and stop there when a
        briefing reached only through hubs could not make the list anyway.
        """
        mine = self.doc_entities.get(doc, frozenset())
        docs_of, weight = self.entity_docs, self.weight
        hubs = {e: weight(e) for e in mine if len(docs_of.get(e, ())) > self._hub_size}
        scores: dict[str, float] = defaultdict(float)
        for eid in mine:
            if eid not in hubs:
                w = weight(eid)
                for other in docs_of.get(eid, ()):
                    scores[other] += w
        scores.pop(doc, None)
        bound = sum(hubs.values())  # the most a briefing gets from the hubs alone
        if hubs and len(scores) >= limit:
            cut = heapq.nlargest(limit, scores.values())[-1]
            keep = {o: v for o, v in scores.items() if v + bound >= cut - 1e-9}
            for eid, w in hubs.items():
                for other in self._doc_sets[eid].intersection(keep):
                    keep[other] += w
            ranked = _best(keep, limit)
            if round(ranked[limit - 1][1], 9) > round(bound, 9):
                return self._related_rows(doc, mine, ranked)
        for eid, w in hubs.items():
            for other in docs_of.get(eid, ()):
                scores[other] += w
        scores.pop(doc, None)
        return self._related_rows(doc, mine, _best(scores, limit))

    def _related_rows(self, doc: str, mine: frozenset[str], best: list[tuple[str, float]]) -> tuple[Related, ...]:
        out = []
        for other, _score in best:
            title, date = self._title_date(other)
            shared = sorted(mine & self.doc_entities[other], key=lambda e: (-self.weight(e), e))
            out.append(Related(other, title, date, tuple(shared[:SHARED_SHOWN])))
        return tuple(out)

    @_kept
    def header(self, doc: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(kind, entity ids in order of first mention) for the entities a briefing mentions."""
        seen: dict[str, list[str]] = defaultdict(list)
        for record in self.mentions.get(doc, ()):
            ent = self.entities.get(record.entity)
            if ent is not None and record.entity not in seen[ent.kind]:
                seen[ent.kind].append(record.entity)
        return tuple((kind, tuple(ids)) for kind, ids in seen.items())

    def takeaway_items(self, flt: TakeawayFilter) -> tuple[TakeawayItem, ...]:
        items = []
        for tid, rec in self.takeaways.items():
            title, date = self._title_date(rec.docname)
            item = TakeawayItem(tid, rec.docname, rec.anchor, rec.text, title, date, rec.entities)
            if flt.accepts(item):
                items.append(item)
        items.sort(key=lambda i: (*newest_first(i.date, i.docname), _number(i.tid)))
        return tuple(items[: flt.limit] if flt.limit else items)

    def timeline(self) -> tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]:
        """(YYYY-MM or "", ((docname, title, date), …)), newest month first."""
        groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for rec in self.briefings.values():
            groups[rec.date[:7]].append((rec.docname, rec.title, rec.date))
        ordered = sorted(groups, key=lambda m: newest_first(m, m))
        return tuple((m, tuple(sorted(groups[m], key=lambda r: newest_first(r[2], r[0])))) for m in ordered)

    def latest(self, limit: int) -> tuple[tuple[str, str, str, int], ...]:
        """(docname, title, date, takeaway count) of the newest briefings."""
        recs = sorted(self.briefings.values(), key=lambda r: newest_first(r.date, r.docname))[:limit]
        return tuple((r.docname, r.title, r.date, self.takeaway_counts[r.docname]) for r in recs)

    def directory(self, kinds: Iterable[str]) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
        """(kind, ((entity id, briefings mentioning it), …) in gojūon order)."""
        out = []
        for kind in kinds:
            ids = [e for e, rec in self.entities.items() if rec.kind == kind]
            ids.sort(key=lambda e: (reading_key(self.entities[e].reading), e))
            out.append((kind, tuple((e, len(self.entity_docs.get(e, ()))) for e in ids)))
        return tuple(out)

    @cached_property
    def pairs(self) -> Counter[tuple[str, str]]:
        """(a, b) with a < b -> the briefings mentioning both; counted once per build."""
        return self.pairs_in("", "")

    @_kept
    def pairs_in(self, start: str, end: str) -> Counter[tuple[str, str]]:
        """:attr:`pairs` of the briefings dated in the months ``start``..``end`` ("": open)."""
        counter: Counter[tuple[str, str]] = Counter()
        for doc, members in self.doc_entities.items():
            if (start or end) and not in_months(self.briefing_of_doc[doc].date, start, end):
                continue
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    counter[(a, b)] += 1
        return counter

    @_kept
    def co_mentions(self, eid: str) -> Counter[str]:
        """The other entities named with ``eid``, with how many briefings name both.

        From the briefings naming ``eid`` only: the cost of one entity's page,
        not of the book (kept for the build: a page asks for it twice).
        """
        together: Counter[str] = Counter()
        for doc in self.by_entity.get(eid, {}):
            together.update(self.doc_entities.get(doc, frozenset()))
        together.pop(eid, None)
        return together

    @_kept
    def edges(
        self, kinds: frozenset[str], limit: int, around: str = "", window: tuple[str, str] = ("", "")
    ) -> tuple[tuple[str, str, int], ...]:
        """Co-mention edges (a, b, briefings shared) between entities of ``kinds``, heaviest first.

        ``around`` keeps the neighbourhood of one entity: its edges to its
        ``NEIGHBOURS_SHOWN`` strongest neighbours (the cost is that of the
        drawing, not of the book). ``window`` (months, YYYY-MM) keeps the briefings of a period.
        """

        def wanted(eid: str) -> bool:
            return self.entities[eid].kind in kinds

        if around:
            # A star: the entity and its strongest neighbours.  (Edges among the
            # neighbours would change with every briefing that mentions two of
            # them, and so every entity page with every new briefing.)
            near = sorted(self.co_mentions(around).items(), key=lambda kv: (-kv[1], kv[0]))
            found = [(min(around, e), max(around, e), n) for e, n in near if wanted(e)][:NEIGHBOURS_SHOWN]
        else:
            pairs = self.pairs_in(*window) if any(window) else self.pairs
            found = [(a, b, n) for (a, b), n in pairs.items() if wanted(a) and wanted(b)]
        found.sort(key=lambda edge: (-edge[2], edge[0], edge[1]))
        return tuple(found[:limit])


def in_months(date: str, start: str, end: str) -> bool:
    """Whether a date (or a month, YYYY-MM) falls in the months ``start``..``end`` ("": open); undated never."""
    month = date[:7]
    return bool(month) and (not start or month >= start) and (not end or month <= end)


def _best(scores: Mapping[str, float], limit: int) -> list[tuple[str, float]]:
    """The ``limit`` best of ``scores``: highest score (to 9 places) first, then by name.

    Without sorting them all: only the scores within rounding of the
    ``limit``-th highest can be among them.  (A briefing's candidates are
    hundreds at a thousand briefings, and this runs for every briefing.)
    """
    if len(scores) > limit:
        cut = heapq.nlargest(limit, scores.values())[-1] - 1e-9
        near = [(o, v) for o, v in scores.items() if v >= cut]
    else:
        near = list(scores.items())
    return sorted(near, key=lambda kv: (-round(kv[1], 9), kv[0]))[:limit]


def _number(tid: str) -> int:
    tail = tid.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
