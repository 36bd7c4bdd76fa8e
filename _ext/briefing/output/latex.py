"""The printed book under any build language and job name, the way Read the Docs makes it.

Read the Docs does not run ``make latexpdf``: after Sphinx's latex builder it runs latexmk
itself, named after the project's slug, with one of two command lines:

- Japanese projects: ``latexmk -r latexmkjarc -pdfdvi -f -dvi- -ps- -jobname=<slug> …``
  ((u)pLaTeX, then mendex with ``-d <slug>.dic``);
- every other language: ``latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname=<slug> …``
  (an engine that writes the PDF itself, then makeindex or xindy).

So the extension

1. writes each entity's index entry with its sort key, the kana reading
   (``\\index{おうき@\\spxentry{王毅}}``): any index program sorts it in gojūon order, with
   no dictionary file whose name would have to match a job name nobody knows in advance;
2. when the build language is not Japanese and the engine cannot make that PDF (pLaTeX and
   upLaTeX write DVI; pdfLaTeX has no Japanese), uses XeLaTeX, and points Sphinx's
   ``latexmkrc`` at upmendex (Unicode-aware; makeindex would head kana with broken bytes,
   xindy does not sort kana);
3. loads Japanese fonts that ship with TeX Live (Harano Aji, embedded) under whichever
   engine runs (``briefing_latex_cjk_fonts``; see ``static/briefingcjk.sty``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from briefing.language.scripts import japanese
from briefing.output.glyphs import uses_noto
from briefing.readtime.config import BriefingConfig
from briefing.readtime.nodes import entity_index
from briefing.util.files import write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)

#: Engines that write DVI (Read the Docs' non-Japanese command line asks latexmk for -pdf).
DVI_ENGINES = frozenset({"platex", "uplatex"})
#: The engine used when the build language is not Japanese and the configured one cannot serve.
FALLBACK_ENGINE = "xelatex"
#: Latin fonts under XeLaTeX: TeX Gyre Termes, Heros and Cursor, from TeX Live.
TEX_GYRE = "\n".join(
    rf"\set{family}font{{{name}}}[Extension=.otf, UprightFont=*-regular, ItalicFont=*-italic, "
    rf"BoldFont=*-bold, BoldItalicFont=*-bolditalic]"
    for family, name in (("main", "texgyretermes"), ("sans", "texgyreheros"), ("mono", "texgyrecursor"))
)
#: The line Sphinx's latexmkrc template writes when xindy is off, and what replaces it.
SPHINX_MAKEINDEX = "$makeindex = 'makeindex -s python.ist %O -o %D %S';"
UPMENDEX = "$makeindex = 'upmendex -s python.ist %O -o %D %S';"


def _index_text(translator: LaTeXTranslator, value: str) -> str:
    """``value`` as LaTeX, with makeindex's special characters quoted (as Sphinx's writer does)."""
    value = translator.encode(value)
    for special, quoted in (
        (r"\{", r"\sphinxleftcurlybrace{}"),
        (r"\}", r"\sphinxrightcurlybrace{}"),
        ('"', '""'),
        ("@", '"@'),
        ("!", '"!'),
        ("|", r"\textbar{}"),
    ):
        value = value.replace(special, quoted)
    return value


def visit_entity_index_latex(translator: LaTeXTranslator, node: entity_index) -> None:
    keys = list(node.get("sortkeys", []))
    rest = []
    out = []
    for i, entry in enumerate(node["entries"]):
        kind, text, _target, main, _category = entry
        key = keys[i] if i < len(keys) else ""
        if kind == "single" and key and ";" not in text:
            mark = "|spxpagem" if main else ""
            out.append(rf"\index{{{_index_text(translator, key)}@\spxentry{{{_index_text(translator, text)}}}{mark}}}")
        else:
            rest.append(entry)
    translator.body.extend(out)
    if rest:
        # Sphinx's own writer for the others; it ends by skipping the node, as this does.
        with contextlib.suppress(nodes.SkipNode):
            translator.visit_index(addnodes.index(entries=rest, inline=node.get("inline", True)))
    raise nodes.SkipNode


def choose_engine(app: Sphinx, config: Config) -> None:
    """Under a language other than Japanese, an engine that makes the PDF ``latexmk -pdf`` asks for."""
    if japanese(config.language):
        return
    engine = config.latex_engine
    if engine in DVI_ENGINES or engine == "pdflatex":
        logger.info(
            "briefing: the build language is %r: using %s for the PDF (%s cannot make it the way "
            "latexmk -pdf and Read the Docs do for that language, or has no Japanese)",
            config.language,
            FALLBACK_ENGINE,
            engine,
        )
        config.latex_engine = FALLBACK_ENGINE
        # xindy does not sort kana; latexmkrc's makeindex is pointed at upmendex instead.
        config.latex_use_xindy = False
        # Sphinx's XeLaTeX default is GNU FreeFont, which TeX Live does not ship; TeX Gyre
        # is what the Japanese build prints its Latin text in.
        if "fontpkg" not in config.latex_elements:
            config.latex_elements = {**config.latex_elements, "fontpkg": TEX_GYRE}


def add_latex_packages(app: Sphinx, config: Config) -> None:
    """The PDF's styles (``briefing.sty``) and, unless switched off, its CJK fonts (``briefingcjk.sty``)."""
    app.add_latex_package("briefing")
    if BriefingConfig.of(config).latex_cjk_fonts:
        # Noto CJK when TeX can find it (fonts-noto-cjk): it has the simplified and traditional
        # Chinese glyphs that Harano Aji, TeX Live's Japanese font, lacks.
        app.add_latex_package("briefingcjk", "noto" if uses_noto() else None)


def point_latexmkrc_at_upmendex(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx's latexmkrc runs makeindex; the index of a Japanese book needs a Unicode-aware one.

    Relies on the line Sphinx's template writes; when it is not there (another Sphinx, xindy
    chosen by the user), the file stays as Sphinx wrote it and an info message says so.
    """
    if exception is not None or app.builder.name != "latex" or app.config.latex_engine in DVI_ENGINES:
        return
    rc = Path(app.outdir) / "latexmkrc"
    try:
        text = rc.read_text("utf-8")
    except OSError:
        return
    if SPHINX_MAKEINDEX not in text:
        logger.info("briefing: latexmkrc has no makeindex line to replace; its index program is left as Sphinx set it")
        return
    write_atomic(rc, text.replace(SPHINX_MAKEINDEX, UPMENDEX).encode("utf-8"))


def setup_latex(app: Sphinx) -> None:
    app.add_node(entity_index, latex=(visit_entity_index_latex, None))
    # Before Sphinx's own config-inited handlers read the engine (priority 500 is the default).
    app.connect("config-inited", choose_engine, priority=100)
    app.connect("config-inited", add_latex_packages)
    app.connect("build-finished", point_latexmkrc_at_upmendex)
