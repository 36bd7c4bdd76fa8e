"""A dossier (one entity) or a handout (one briefing) as its own PDF, only when asked.

``-D briefing_dossier=wang-yi`` (``make dossier ENTITY=wang-yi``) makes the latex builder write
``dossier-wang-yi.tex`` instead of the book: the entity's page as a document of its own, with
its facts, its attention chart and graph, and every briefing that mentions it, newest first,
with the sentences that do; ``briefing_dossier_from`` / ``briefing_dossier_to`` (months) keep a
period. ``-D briefing_handout=seeds/x.txt`` (``make handout SEED=…``) writes ``handout-<slug>.tex``:
the briefing's page alone, its header, takeaways and full text. Both are set up here, at
builder-inited, after the generation wrote the pages they start from; the book's own
typesetting (fonts, glyphs, index) applies to them as to the book. Pages a dossier or a
handout links but does not hold are named without a page number.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError
from sphinx.util import logging

from briefing.data.attention import MONTH_RE
from briefing.generating.owned import read_marker
from briefing.readtime.config import BriefingConfig
from briefing.util.files import write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: The title at the top of the first page, not a page of its own (a report class's \maketitle).
COMPACT_TITLE = (
    r"\begingroup\makeatletter\noindent{\Large\sffamily\bfseries\@title\par}\vspace{0.5ex}"
    r"\noindent{\small\@date\par}\vspace{2ex}\makeatother\endgroup"
)
_HEADING_RE = re.compile(r"^# (.+)$", re.MULTILINE)
_ESCAPE_RE = re.compile(r"\\(.)")
_ROLE_RE = re.compile(r"\{mention\}`([^`<]*?)\s*<[^`]*>`")


def _title_of(page: Path) -> str:
    """A generated page's title as text (its ``# …`` line without roles or escapes)."""
    found = _HEADING_RE.search(page.read_text("utf-8"))
    return _ESCAPE_RE.sub(r"\1", _ROLE_RE.sub(r"\1", found.group(1))).strip() if found else page.stem


def _entity_page(srcdir: Path, entity_dir: str, eid: str) -> Path | None:
    found = sorted((srcdir / entity_dir).glob(f"*/{eid}.md"))
    return found[0] if found else None


def _briefing_page(srcdir: Path, conf: BriefingConfig, wanted: str) -> Path | None:
    """The generated page of a seed (``seeds/x.txt``, ``x.txt``) or of a slug."""
    folder = srcdir / conf.output_dir
    if (folder / f"{wanted}.md").is_file():
        return folder / f"{wanted}.md"
    source = f"{conf.seed_dir}/{Path(wanted).name}"
    for page in sorted(folder.glob("*.md")):
        with page.open(encoding="utf-8") as stream:
            marker = read_marker(stream.readline())
        if marker is not None and marker.source == source:
            return page
    return None


def _checked_months(conf: BriefingConfig) -> None:
    for key, value in (("briefing_dossier_from", conf.dossier_from), ("briefing_dossier_to", conf.dossier_to)):
        if value and not MONTH_RE.fullmatch(value):
            raise ConfigError(f"{key} takes a month like 2025-01, not {value!r}")


def handout_layout(app: Sphinx, config: Config) -> None:
    """A dossier or handout is a few pages: an article's layout, no table of contents, no page
    numbers after links (the pages they lead to are not in the document: they would print ??)."""
    # At config-inited: the latex builder copies latex_elements when it is made, before builder-inited.
    conf = BriefingConfig.of(config)
    if not (conf.dossier or conf.handout):
        return
    config.latex_elements = {**config.latex_elements, "tableofcontents": "", "maketitle": COMPACT_TITLE}
    config.latex_show_pagerefs = False


def set_up_handouts(app: Sphinx) -> None:
    """When a dossier or handout is asked for, it is the latex builder's only document."""
    # At builder-inited, after the generation (400): the pages it starts from exist by then.
    conf = BriefingConfig.of(app.config)
    if not (conf.dossier or conf.handout) or app.builder.name != "latex":
        return
    if conf.dossier and conf.handout:
        raise ConfigError("ask for a dossier or a handout, not both in one build")
    srcdir = Path(app.srcdir)
    author = str(app.config.author or "")
    if conf.dossier:
        _checked_months(conf)
        page = _entity_page(srcdir, conf.entity_dir, conf.dossier)
        if page is None:
            raise ConfigError(f"briefing_dossier: no entity {conf.dossier!r} in the registry")
        target = f"dossier-{conf.dossier}.tex"
    else:
        page = _briefing_page(srcdir, conf, conf.handout)
        if page is None:
            raise ConfigError(f"briefing_handout: no briefing page for {conf.handout!r} (a seed file or a slug)")
        target = f"handout-{page.stem}.tex"
    docname = page.relative_to(srcdir).with_suffix("").as_posix()
    app.config.latex_documents = [(docname, target, _title_of(page), author, "howto")]
    logger.info("briefing: writing %s only (from %s)", target, docname)
    # For make handout: which PDF to make of the .tex files in the folder (the slug is the name).
    Path(app.outdir).mkdir(parents=True, exist_ok=True)
    write_atomic(Path(app.outdir) / ".briefing-handout", target.removesuffix(".tex") + ".pdf")


def setup_handouts(app: Sphinx) -> None:
    app.connect("config-inited", handout_layout)
    app.connect("builder-inited", set_up_handouts, priority=450)  # after the generation (400) wrote the pages
