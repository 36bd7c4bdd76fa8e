"""Every ``briefing_*`` option in one typed place, with its default and a line of help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sphinx.config import ENUM

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class Option:
    name: str
    default: object
    rebuild: Literal["", "env", "html"]  # "env": a change re-reads every document; "": nothing to re-read
    types: tuple[type, ...] | ENUM
    help: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "briefing_seed_dir", "seeds", "env", (str,), "Folder (relative to the source dir) holding the seed .txt files."
    ),
    Option("briefing_output_dir", "briefings", "env", (str,), "Folder the briefing pages are generated into."),
    Option("briefing_registry_dir", "registry", "env", (str,), "Folder of the entity registry's YAML files."),
    Option("briefing_entity_dir", "entities", "env", (str,), "Folder the entity pages are generated into."),
    Option(
        "briefing_link_mentions",
        "section",
        "env",
        ENUM("section", "page", "all", "none"),
        "Which mentions become links: section (first per section), page (first per page), all, none.",
    ),
    Option(
        "briefing_group_above",
        40,
        "env",
        (int,),
        "Lists longer than this are grouped (briefings by year and month, entities by gojūon row).",
    ),
    Option("briefing_graph_max_edges", 150, "html", (int,), "Edges kept in the book's relationship graph."),
    Option(
        "briefing_external_books",
        {},
        "env",
        (dict,),
        "Other books to link: name -> base URL, or (base URL, path or URL of their briefings.json).",
    ),
    Option(
        "briefing_external_timeout",
        10.0,
        "",
        (int, float),
        "Seconds to fetch one other book's briefings.json, in all (a server that trickles is cut off).",
    ),
    Option(
        "briefing_external_max_bytes",
        64 * 1024 * 1024,
        "",
        (int,),
        "Largest briefings.json of another book that is read.",
    ),
    Option(
        "briefing_external_cache_hours",
        24.0,
        "",
        (int, float),
        "Hours another book's briefings.json is reused before it is fetched again (a failure: one hour at most).",
    ),
    Option(
        "briefing_navigation_cache",
        True,
        "",
        (bool,),
        "Resolve the sidebar navigation once for all the pages that show the same one (HTML).",
    ),
    Option(
        "briefing_keep_doctrees",
        False,
        "",
        (bool,),
        "Let Sphinx keep every doctree it read in memory until it is written (faster, far more memory).",
    ),
    Option(
        "briefing_tune_gc",
        True,
        "",
        (bool,),
        "Freeze what the build keeps from Python's garbage collector while building (faster).",
    ),
    Option(
        "briefing_index_title",
        None,
        "env",
        (str, type(None)),
        "Title of the generated list of briefings; None uses the label for the book's language.",
    ),
    Option(
        "briefing_speedups",
        True,
        "",
        (bool,),
        "Use the parts that replace Sphinx's or the theme's behaviour for speed (briefing.speedups); "
        "False builds with Sphinx's own behaviour everywhere.",
    ),
    Option(
        "briefing_latex_cjk_fonts",
        True,
        "",
        (bool,),
        "Load Japanese fonts for the PDF (Harano Aji, from TeX Live) under any LaTeX engine; "
        "False leaves the fonts to latex_elements.",
    ),
)


@dataclass(frozen=True)
class BriefingConfig:
    """The options as the extension reads them (``BriefingConfig.from_sphinx(app)``)."""

    seed_dir: str
    output_dir: str
    index_title: str | None
    registry_dir: str = "registry"
    entity_dir: str = "entities"
    link_mentions: str = "section"
    group_above: int = 40

    @classmethod
    def from_sphinx(cls, app: Sphinx) -> BriefingConfig:
        c = app.config
        return cls(
            seed_dir=str(c.briefing_seed_dir).strip("/"),
            output_dir=str(c.briefing_output_dir).strip("/"),
            index_title=c.briefing_index_title,
            registry_dir=str(c.briefing_registry_dir).strip("/"),
            entity_dir=str(c.briefing_entity_dir).strip("/"),
            link_mentions=c.briefing_link_mentions,
            group_above=int(c.briefing_group_above),
        )


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types, description=option.help)
