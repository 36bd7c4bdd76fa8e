"""The ``briefing`` domain: every entity, briefing, takeaway and mention as build state.

All build state of the extension lives in ``BriefingDomain.data`` (never as
attributes on ``env``), with ``clear_doc`` and ``merge_domaindata`` so that
incremental and parallel builds stay correct.  The object types follow the
kinds the registry declares (actor, forum, topic, place, …), plus ``briefing``
and ``takeaway``; each kind gets a role (``{actor}`wang-yi```) and an index
sorted in gojūon order by reading.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from briefing.data.records import BriefingRecord, EntityRecord, MentionRecord, MentionTable, TakeawayRecord
from briefing.data.views import BookViews
from briefing.language.scripts import english
from briefing.readtime.config import BriefingConfig
from briefing.registry.model import Kind, reading_key
from briefing.registry.store import registry_for
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from docutils.nodes import Element
    from docutils.parsers.rst.states import Inliner
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
_ = get_translation("briefing")


def _make_index(kind: Kind, language: str | None) -> type[Index]:
    label = kind.name_en if english(language) else kind.name_ja

    class KindIndex(Index):
        name = kind.id
        localname = label
        shortname = label

        def generate(self, docnames: Iterable[str] | None = None) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
            domain = self.domain
            assert isinstance(domain, BriefingDomain)
            wanted = set(docnames) if docnames is not None else None
            groups: dict[str, list[IndexEntry]] = defaultdict(list)
            counts = domain.mention_counts()
            items = [(eid, rec) for eid, rec in domain.entities.items() if rec.kind == kind.id]
            for eid, rec in sorted(items, key=lambda item: (reading_key(item[1].reading), item[0])):
                if wanted is not None and rec.docname not in wanted:
                    continue
                head = reading_key(rec.reading)[:1] or rec.name_ja[:1]
                extra = rec.name_en if rec.name_en != rec.name_ja else ""
                count = counts.get(eid, 0)
                descr = _("%d mentions") % count if count else ""
                groups[head].append(IndexEntry(rec.name_ja, 0, rec.docname, rec.anchor, extra, "", descr))
            return sorted(groups.items(), key=lambda g: g[0]), False

    KindIndex.__name__ = f"{kind.id.title()}Index"
    return KindIndex


class BriefingDomain(Domain):
    """Entities, briefings and takeaways, addressable by id from any page or project."""

    name = "briefing"
    label = "Briefing"
    object_types = {
        "briefing": ObjType(_("briefing"), "briefing", "any"),
        "takeaway": ObjType(_("takeaway"), "takeaway", "any"),
        "entity": ObjType(_("entity"), "entity", "any"),
    }
    roles = {"briefing": XRefRole(), "takeaway": XRefRole(), "entity": XRefRole()}
    # views: docname -> the views its placeholders show; written: per builder, what each
    # page showed (fingerprints) and its navigation when last written (rewrite.pages_to_rewrite).
    # external: other books' entities and mentions (external.py), read anew at every build.
    initial_data = {
        "briefings": {},
        "takeaways": {},
        "entities": {},
        "mentions": MentionTable(),
        "views": {},
        "written": {},
        "external": {},
    }
    data_version = 5  # 5: a briefing's record holds its lead

    def __init__(self, env: BuildEnvironment) -> None:
        # Per-instance copies (Sphinx declares these as class variables): configure()
        # adds the registry's kinds to them without touching the class.
        self.object_types = dict(type(self).object_types)  # type: ignore[misc]
        self.roles = dict(type(self).roles)  # type: ignore[misc]
        self.indices = []  # type: ignore[misc]
        self.kinds: dict[str, Kind] = {}
        self._views: BookViews | None = None
        # What this build read again or removed (not stored: one build's news), and the
        # entities those documents named before: the views they can have changed.
        self.touched: set[str] = set()
        self.touched_entities: set[str] = set()
        self._versioned = False
        # docname -> (table, key) of the records it defines: derived when first needed,
        # so that clearing a document costs its own records, not a walk over the book's.
        self._owned: dict[str, list[tuple[str, str]]] | None = None
        super().__init__(env)

    def configure(self, kinds: dict[str, Kind], language: str | None) -> None:
        """Add the registry's kinds: each becomes an object type, a role and an index.

        Called at ``builder-inited``: a domain is created before the config is
        attached to the environment, so this cannot happen in ``__init__``.
        """
        self.kinds = dict(kinds)
        for kind in self.kinds.values():
            self.add_object_type(kind.id, ObjType(kind.name_ja, kind.id, "entity", "any"))
            self.roles[kind.id] = XRefRole()
        self.indices = [_make_index(kind, language) for kind in self.kinds.values()]  # type: ignore[misc]
        std = self.env.domains.standard_domain
        for index in self.indices:
            docname = f"{self.name}-{index.name}"
            std.note_hyperlink_target(docname, docname, "", index.localname)

    # -- typed accessors ---------------------------------------------------
    @property
    def briefings(self) -> dict[str, BriefingRecord]:
        table: dict[str, BriefingRecord] = self.data.setdefault("briefings", {})
        return table

    @property
    def takeaways(self) -> dict[str, TakeawayRecord]:
        table: dict[str, TakeawayRecord] = self.data.setdefault("takeaways", {})
        return table

    @property
    def entities(self) -> dict[str, EntityRecord]:
        table: dict[str, EntityRecord] = self.data.setdefault("entities", {})
        return table

    @property
    def mentions(self) -> dict[str, list[MentionRecord]]:
        """docname -> the mentions in that document, in document order."""
        table: MentionTable = self.data.setdefault("mentions", MentionTable())
        return table

    def add_briefing(self, slug: str, record: BriefingRecord, node: Element) -> None:
        self._warn_duplicate(self.briefings, slug, record.docname, node)
        self.briefings[slug] = record
        self._own(record.docname, "briefings", slug)
        self.invalidate_views()

    def add_takeaway(self, tid: str, record: TakeawayRecord, node: Element) -> None:
        self._warn_duplicate(self.takeaways, tid, record.docname, node)
        self.takeaways[tid] = record
        self._own(record.docname, "takeaways", tid)
        self.invalidate_views()

    def add_entity(self, eid: str, record: EntityRecord, node: Element) -> None:
        self._warn_duplicate(self.entities, eid, record.docname, node)
        self.entities[eid] = record
        self._own(record.docname, "entities", eid)
        self.invalidate_views()

    def set_mentions(self, docname: str, records: list[MentionRecord]) -> None:
        self.invalidate_views()
        if records:
            self.mentions[docname] = records
        else:
            self.mentions.pop(docname, None)

    @property
    def page_views(self) -> dict[str, list[tuple[str, ...]]]:
        """docname -> the views (name and parameters) its placeholders show."""
        table: dict[str, list[tuple[str, ...]]] = self.data.setdefault("views", {})
        return table

    def set_page_views(self, docname: str, keys: list[tuple[str, ...]]) -> None:
        if keys:
            self.page_views[docname] = keys
        else:
            self.page_views.pop(docname, None)

    def book_views(self) -> BookViews:
        """The views of the book as it is now (built once, dropped when the data changes)."""
        if self._views is None:
            self._views = BookViews(self.briefings, self.takeaways, self.entities, self.mentions)
        return self._views

    def invalidate_views(self) -> None:
        """Drop the derived views: the data they come from changed."""
        self._views = None

    def _warn_duplicate(self, table: dict[str, Any], key: str, docname: str, node: Element) -> None:
        other = table.get(key)
        if other is not None and other.docname != docname:
            logger.warning(
                "duplicate id %r, also defined in %s",
                key,
                other.docname,
                type="briefing",
                subtype=Subtype.DUPLICATE_ID,
                location=node,
            )

    def content_version(self) -> tuple[str, str]:
        """(version before this build, version now) of what the documents told the domain.

        A new version for each build that read or removed a document; what a
        builder wrote is stamped with the version it saw, so a builder that
        skipped versions (another builder read the changes) knows it did.
        """
        before = self.data.get("content_version", "")
        if self.touched and not self._versioned:
            self._versioned = True
            self.data["content_version_before"] = before
            self.data["content_version"] = uuid.uuid4().hex
        if self._versioned:
            before = self.data.get("content_version_before", "")
        return before, self.data.get("content_version", "")

    # -- derived views (computed once per build, never stored) -------------
    def mention_counts(self) -> Counter[str]:
        return self.book_views().mention_counts

    def entities_in(self, docname: str) -> set[str]:
        return {m.entity for m in self.mentions.get(docname, ())}

    # -- environment bookkeeping -------------------------------------------
    def _own(self, docname: str, table: str, key: str) -> None:
        if self._owned is not None:
            self._owned.setdefault(docname, []).append((table, key))

    def _records_of(self, docname: str) -> list[tuple[str, str]]:
        """(table, key) of every briefing, takeaway and entity ``docname`` defines."""
        if self._owned is None:
            self._owned = {}
            for table in ("briefings", "takeaways", "entities"):
                for key, rec in self.data.setdefault(table, {}).items():
                    self._owned.setdefault(rec.docname, []).append((table, key))
        return self._owned.pop(docname, [])

    def clear_doc(self, docname: str) -> None:
        self.touched.add(docname)
        self.touched_entities |= self.entities_in(docname)
        for table_name, key in self._records_of(docname):
            table = self.data[table_name]
            rec = table.get(key)
            if rec is not None and rec.docname == docname:
                del table[key]
                if table_name == "entities":
                    self.touched_entities.add(key)
        self.mentions.pop(docname, None)
        self.page_views.pop(docname, None)
        self.invalidate_views()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        self._owned = None  # derived again when next needed
        wanted = set(docnames)
        self.touched |= wanted
        for name in ("briefings", "takeaways", "entities"):
            table = self.data.setdefault(name, {})
            for key, rec in otherdata.get(name, {}).items():
                if rec.docname in wanted:
                    table[key] = rec
        for name in ("mentions", "views"):
            table = self.data.setdefault(name, {})
            for docname, records in otherdata.get(name, {}).items():
                if docname in wanted:
                    table[docname] = records
        self.invalidate_views()

    # -- cross-references --------------------------------------------------
    def _lookup(self, typ: str, target: str) -> tuple[str, str, str] | None:
        """(docname, anchor, display title) of an object, or None."""
        if typ == "briefing" and target in self.briefings:
            rec = self.briefings[target]
            return rec.docname, rec.anchor, rec.title
        if typ == "takeaway" and target in self.takeaways:
            tk = self.takeaways[target]
            return tk.docname, tk.anchor, tk.text
        entity = self.entities.get(target)
        if entity is not None and (typ == "entity" or typ == entity.kind):
            # Links go to the page itself (the anchor is its title, so no #fragment is needed).
            return entity.docname, "", entity.name_ja
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self._lookup(typ, target)
        if found is None:
            return None
        docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("briefing", "takeaway", "entity"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                role = self.entities[target].kind if typ == "entity" else typ
                results.append((f"briefing:{role}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for eid, ent in self.entities.items():
            display = ent.name_ja if ent.name_en == ent.name_ja else f"{ent.name_ja} ({ent.name_en})"
            yield eid, display, ent.kind, ent.docname, ent.anchor, 1
        for slug, rec in self.briefings.items():
            yield slug, rec.title, "briefing", rec.docname, rec.anchor, 1
        for tid, tk in self.takeaways.items():
            yield tid, tk.text[:80], "takeaway", tk.docname, tk.anchor, 1


def domain_role(typ: str) -> Any:
    """A top-level role (``{actor}`` in MyST) that behaves as ``{briefing:actor}``."""
    xref = XRefRole()

    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: Any = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return xref(f"briefing:{typ}", rawtext, text, lineno, inliner, options or {}, content)

    return role


def get_domain(env: BuildEnvironment) -> BriefingDomain:
    domain = env.get_domain("briefing")
    assert isinstance(domain, BriefingDomain)
    return domain


def warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """An unknown target of one of our roles: a ``briefing.unknown-target`` warning with file and line."""
    if domain is None or domain.name != "briefing":
        return None
    logger.warning(
        "unknown %s %r",
        node["reftype"],
        node["reftarget"],
        type="briefing",
        subtype=Subtype.UNKNOWN_TARGET,
        location=node,
    )
    return True


def _register_kind_roles(app: Sphinx, config: Any) -> None:
    """A role for each kind the registry declares (``{actor}``, ``{forum}``, a new ``{treaty}``)."""
    registry = registry_for(app.srcdir, BriefingConfig.of(config).registry_dir, app.doctreedir)
    for kind in registry.kinds:
        app.add_role(kind, domain_role(kind), override=True)


def _configure_domain(app: Sphinx) -> None:
    """The domain learns the registry's kinds (its roles and indices) and the build's language."""
    registry = registry_for(app.srcdir, BriefingConfig.of(app.config).registry_dir, app.doctreedir)
    get_domain(app.env).configure(registry.kinds, app.config.language)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(BriefingDomain)
    for typ in ("briefing", "takeaway", "entity"):
        app.add_role(typ, domain_role(typ))
    app.connect("config-inited", _register_kind_roles)
    # Before the generation (400), whose pages use the kinds' roles, and before other books (450).
    app.connect("builder-inited", _configure_domain, priority=300)
    app.connect("warn-missing-reference", warn_missing_reference)
