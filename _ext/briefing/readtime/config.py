"""Every ``briefing_*`` option in one typed place, with its default and a line of help."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sphinx.config import ENUM

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


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
        "Use the parts that replace Sphinx's or the theme's behaviour for speed (briefing.speedups: shared "
        "sidebars, one-level toctrees, doctrees not kept in memory, a tuned garbage collector, compiled "
        "templates kept, a faster Japanese splitter); False builds with Sphinx's own behaviour everywhere.",
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
    """The options as the extension reads them: ``BriefingConfig.of(app.config)``, never ``app.config.briefing_*``."""

    seed_dir: str
    output_dir: str
    index_title: str | None
    registry_dir: str = "registry"
    entity_dir: str = "entities"
    link_mentions: str = "section"
    group_above: int = 40
    graph_max_edges: int = 150
    external_books: Mapping[str, Any] = field(default_factory=dict)
    external_timeout: float = 10.0
    external_max_bytes: int = 64 * 1024 * 1024
    external_cache_hours: float = 24.0
    speedups: bool = True
    latex_cjk_fonts: bool = True

    @classmethod
    def of(cls, config: Config) -> BriefingConfig:
        c = config
        return cls(
            seed_dir=str(c.briefing_seed_dir).strip("/"),
            output_dir=str(c.briefing_output_dir).strip("/"),
            index_title=c.briefing_index_title,
            registry_dir=str(c.briefing_registry_dir).strip("/"),
            entity_dir=str(c.briefing_entity_dir).strip("/"),
            link_mentions=c.briefing_link_mentions,
            group_above=int(c.briefing_group_above),
            graph_max_edges=int(c.briefing_graph_max_edges),
            external_books=dict(c.briefing_external_books or {}),
            external_timeout=float(c.briefing_external_timeout),
            external_max_bytes=int(c.briefing_external_max_bytes),
            external_cache_hours=float(c.briefing_external_cache_hours),
            speedups=bool(c.briefing_speedups),
            latex_cjk_fonts=bool(c.briefing_latex_cjk_fonts),
        )


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types, description=option.help)
