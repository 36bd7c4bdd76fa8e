"""The words the generated pages show, in the language of the build that reads them.

A generated page names its labels (``{briefing-label}`briefings```) instead of
holding them, so the files in the source tree are the same whatever the build's
language: ``-D language=en`` (Read the Docs' dashboard language) changes the
book, never a committed page.  :func:`label` writes the role; the role gives
the label in the language of the build, from the extension's message catalog
and, for a kind's name, from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from briefing.generating.label_markup import GOJUON_ROWS, label
from briefing.language.scripts import english
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("briefing")
logger = logging.getLogger(__name__)


def text_of(key: str, args: list[str], language: str | None, kinds: dict[str, tuple[str, str]]) -> str | None:
    """A label's text in ``language``; None for a key this code does not know.

    ``kinds``: kind id -> (Japanese name, English name), from the registry.
    """
    fixed = {
        "briefings": _("Briefings"),
        "takeaways": _("All takeaways"),
        "timeline": _("Timeline"),
        "graph": _("Relationship graph"),
        "entities": _("Actors, forums and topics"),
        "candidates": _("Names not in the registry"),
        "candidates-intro": _(
            "Names the briefings write like actors (X氏, X大統領, President X, …) that the registry "
            "does not know yet. Add the real ones to registry/ so that they get a page."
        ),
        "candidates-none": _("None so far: every name that looks like an actor is in the registry."),
    }
    if key in fixed and not args:
        return str(fixed[key])
    if key == "undated":
        return " ".join([str(_("Undated")), *args])
    if key == "year" and len(args) == 1 and args[0].isdigit():
        return str(_("{year}")).format(year=int(args[0]))
    if key == "month" and len(args) == 1 and args[0][:4].isdigit() and args[0][5:7].isdigit():
        return str(_("{year}-{month:02d}")).format(year=int(args[0][:4]), month=int(args[0][5:7]))
    if key == "kind" and len(args) == 1 and args[0] in kinds:
        ja, en = kinds[args[0]]
        return en if english(language) else ja
    if key == "row" and len(args) == 1:
        rows = dict(GOJUON_ROWS)
        if args[0] in rows:
            return f"{args[0].upper()}-row" if english(language) else f"{rows[args[0]][0]}行"
        return "Other" if english(language) else "その他"
    return None


class LabelRole(SphinxRole):
    """``{briefing-label}`key args```: a label of the generated pages, in the build's language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from briefing.readtime.domain import get_domain

        key, *args = self.text.split()
        declared = get_domain(self.env).kinds
        kinds = {k.id: (k.name_ja, k.name_en) for k in declared.values()}
        text = text_of(key, args, self.config.language, kinds)
        if key == "kind" and args and args[0] in declared and declared[args[0]].path:
            # The page is read again when the file that names the kind changes (Sphinx's own check).
            self.env.note_dependency(declared[args[0]].path)
        if text is None:
            logger.warning(
                "unknown briefing label %r",
                self.text,
                type="briefing",
                subtype=Subtype.LABEL,
                location=self.get_location(),
            )
            text = self.text
        return [nodes.Text(text)], []


@dataclass(frozen=True)
class Labels:
    """The titles and words of the generated pages, as MyST: labels named, not written out,
    so that a page is the same in every build language."""

    book: str = "Briefing book"  # the printed book's title: the project's name, escaped
    briefings: str = label("briefings")
    takeaways: str = label("takeaways")
    timeline: str = label("timeline")
    graph: str = label("graph")
    entities: str = label("entities")
    candidates: str = label("candidates")
    candidates_intro: str = label("candidates-intro")
    none: str = label("candidates-none")


def setup_labels(app: Sphinx) -> None:
    app.add_role("briefing-label", LabelRole())
