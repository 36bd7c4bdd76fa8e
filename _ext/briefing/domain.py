"""The ``briefing`` domain: every briefing and takeaway as a named object.

All build state of the extension lives in ``BriefingDomain.data`` (never as
attributes on ``env``), with ``clear_doc`` and ``merge_domaindata`` so that
incremental and parallel builds stay correct.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from docutils.nodes import Element
    from docutils.parsers.rst.states import Inliner
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
_ = get_translation("briefing")


class BriefingRecord(NamedTuple):
    docname: str
    anchor: str
    title: str
    date: str  # ISO date or ""
    seed: str


class TakeawayRecord(NamedTuple):
    docname: str
    anchor: str
    text: str
    briefing: str  # the slug of the briefing it belongs to


class BriefingDomain(Domain):
    """Briefings and their takeaways, addressable by id from any page or project."""

    name = "briefing"
    label = "Briefing"
    object_types = {
        "briefing": ObjType(_("briefing"), "briefing", "any"),
        "takeaway": ObjType(_("takeaway"), "takeaway", "any"),
    }
    roles = {"briefing": XRefRole(), "takeaway": XRefRole()}
    initial_data = {"briefings": {}, "takeaways": {}}
    data_version = 1

    # -- typed accessors ---------------------------------------------------
    @property
    def briefings(self) -> dict[str, BriefingRecord]:
        table: dict[str, BriefingRecord] = self.data.setdefault("briefings", {})
        return table

    @property
    def takeaways(self) -> dict[str, TakeawayRecord]:
        table: dict[str, TakeawayRecord] = self.data.setdefault("takeaways", {})
        return table

    def add_briefing(self, slug: str, record: BriefingRecord, node: Element) -> None:
        self._warn_duplicate(self.briefings, slug, record.docname, node)
        self.briefings[slug] = record

    def add_takeaway(self, tid: str, record: TakeawayRecord, node: Element) -> None:
        self._warn_duplicate(self.takeaways, tid, record.docname, node)
        self.takeaways[tid] = record

    def _warn_duplicate(self, table: dict[str, Any], key: str, docname: str, node: Element) -> None:
        other = table.get(key)
        if other is not None and other.docname != docname:
            logger.warning(
                "duplicate id %r, also defined in %s",
                key,
                other.docname,
                type="briefing",
                subtype="duplicate-id",
                location=node,
            )

    # -- environment bookkeeping -------------------------------------------
    def clear_doc(self, docname: str) -> None:
        for table in (self.briefings, self.takeaways):
            for key in [k for k, rec in table.items() if rec.docname == docname]:
                del table[key]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for name in ("briefings", "takeaways"):
            table = self.data.setdefault(name, {})
            for key, rec in otherdata.get(name, {}).items():
                if rec.docname in wanted:
                    table[key] = rec

    # -- cross-references --------------------------------------------------
    def _lookup(self, typ: str, target: str) -> tuple[str, str, str] | None:
        """(docname, anchor, display title) of an object, or None."""
        if typ == "briefing" and target in self.briefings:
            rec = self.briefings[target]
            return rec.docname, rec.anchor, rec.title
        if typ == "takeaway" and target in self.takeaways:
            tk = self.takeaways[target]
            return tk.docname, tk.anchor, tk.text
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
        for typ in self.object_types:
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"briefing:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for slug, rec in self.briefings.items():
            yield slug, rec.title, "briefing", rec.docname, rec.anchor, 1
        for tid, tk in self.takeaways.items():
            yield tid, tk.text[:80], "takeaway", tk.docname, tk.anchor, 1


def domain_role(typ: str) -> Any:
    """A top-level role (``{takeaway}`` in MyST) that behaves as ``{briefing:takeaway}``."""
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


def setup_domain(app: Sphinx) -> None:
    app.add_domain(BriefingDomain)
    for typ in BriefingDomain.object_types:
        app.add_role(typ, domain_role(typ))


def get_domain(env: BuildEnvironment) -> BriefingDomain:
    domain = env.get_domain("briefing")
    assert isinstance(domain, BriefingDomain)
    return domain
