"""Every ``briefing_*`` option, declared once: its type, default, what a change rebuilds, and help.

:class:`BriefingConfig` is the declaration: each field is an option (``briefing_`` + its
name), and its metadata says how Sphinx registers it (:func:`setup_config`) and how the
README's table describes it (``tools/docs_tables.py`` writes the table; a test holds it
equal).  The extension reads the options through ``BriefingConfig.of(app.config)``, never
``app.config.briefing_*``.  No Sphinx at import: the registration imports what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

Rebuild = Literal["", "env", "html"]  # "env": a change re-reads every document; "": nothing to re-read


def _folder(value: Any) -> str:
    return str(value).strip("/")


def _option(
    default: Any,
    text: str,
    *,
    rebuild: Rebuild,
    types: tuple[type, ...] = (),
    choices: tuple[str, ...] = (),
    read: Callable[[Any], Any] = lambda value: value,
    shown: str = "",
) -> Any:
    """One option: a dataclass field whose metadata Sphinx's registration and the docs read;
    ``text`` is its help (Markdown: the README's table shows it).

    ``types`` (or ``choices``) are what Sphinx checks; ``read`` turns the configured value into
    the field's; ``shown`` is the default as the docs write it (else its ``repr``).
    """
    metadata = {
        "default": default,
        "help": text,
        "rebuild": rebuild,
        "types": types or (type(default),),
        "choices": choices,
        "read": read,
        "shown": shown or (f'"{default}"' if isinstance(default, str) else repr(default)),
    }
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class BriefingConfig:
    """The options as the extension reads them: ``BriefingConfig.of(app.config)``."""

    seed_dir: str = _option(
        "seeds", "folder of seed `.txt` files, relative to the source dir", rebuild="env", read=_folder
    )
    output_dir: str = _option("briefings", "folder the briefing pages are generated into", rebuild="env", read=_folder)
    index_title: str | None = _option(
        None,
        "title of the generated list of briefings; `None` uses the label of the book's language",
        rebuild="env",
        types=(str, type(None)),
    )
    registry_dir: str = _option("registry", "folder of the registry's YAML files", rebuild="env", read=_folder)
    entity_dir: str = _option("entities", "folder the entity pages are generated into", rebuild="env", read=_folder)
    link_mentions: str = _option(
        "section",
        "which mentions are links: `section` (first per section), `page` (first per page), `all`, `none`",
        rebuild="env",
        choices=("section", "page", "all", "none"),
    )
    graph_max_edges: int = _option(150, "edges kept in the book's relationship graph", rebuild="html", read=int)
    dossier: str = _option(
        "",
        "an entity id: the latex builder writes its dossier, `dossier-<id>.tex`, instead of the book "
        "(`make dossier ENTITY=…`)",
        rebuild="",
    )
    dossier_from: str = _option("", "first month (`2025-01`) of the dossier's briefings", rebuild="")
    dossier_to: str = _option("", "last month (`2025-06`) of the dossier's briefings", rebuild="")
    handout: str = _option(
        "",
        "a seed (`seeds/x.txt`) or briefing slug: the latex builder writes its handout, `handout-<slug>.tex`, "
        "instead of the book (`make handout SEED=…`)",
        rebuild="",
    )
    feed_length: int = _option(
        50,
        "entries of each Atom feed (`feeds/atom.xml`, one per entity and per tag; the newest first); "
        "feeds need `html_baseurl`",
        rebuild="",
        read=int,
    )
    group_above: int = _option(
        40, "lists longer than this are grouped (year/month, gojūon row)", rebuild="env", read=int
    )
    external_books: Mapping[str, Any] = _option(
        {},
        "other books to link: name -> base URL, or (base URL, path or URL of their `briefings.json`); "
        'see "Linking other books"',
        rebuild="env",
        read=lambda value: dict(value or {}),
    )
    external_timeout: float = _option(
        10.0,
        "seconds to fetch one other book's `briefings.json`, in all (a server that trickles is cut off)",
        rebuild="",
        types=(int, float),
        read=float,
    )
    external_max_bytes: int = _option(
        64 * 1024 * 1024,
        "largest `briefings.json` of another book that is read (64 MiB)",
        rebuild="",
        read=int,
    )
    external_cache_hours: float = _option(
        24.0,
        "hours a fetched book is reused before it is fetched again (a failure: one hour at most)",
        rebuild="",
        types=(int, float),
        read=float,
    )
    speedups: bool = _option(
        True,
        "the parts that replace Sphinx's or the theme's behaviour for speed (shared sidebars, one-level "
        "toctrees, doctrees read back, a tuned garbage collector, compiled templates kept, a faster Japanese "
        "splitter; `briefing/speedups/__init__.py` lists what each relies on); each checks that at startup "
        "and stays off, with an info line, when it does not hold; `False` builds with Sphinx's own behaviour "
        "everywhere (the same pages, tested)",
        rebuild="",
        read=bool,
    )
    latex_cjk_fonts: bool = _option(
        True,
        "load Japanese fonts (Noto CJK when TeX finds it, else Harano Aji from TeX Live; embedded) for the "
        "PDF under any LaTeX engine; `False` leaves fonts to `latex_elements`",
        rebuild="",
        read=bool,
    )

    @classmethod
    def of(cls, config: Config) -> BriefingConfig:
        return cls(**{f.name: f.metadata["read"](getattr(config, f"briefing_{f.name}")) for f in fields(cls)})


@dataclass(frozen=True)
class Option:
    """One option as Sphinx and the docs see it."""

    name: str
    default: Any
    rebuild: Rebuild
    types: tuple[type, ...]
    choices: tuple[str, ...]
    help: str
    shown: str


def options() -> Iterator[Option]:
    """Every option, in the order :class:`BriefingConfig` declares them."""
    for f in fields(BriefingConfig):
        m = f.metadata
        yield Option(f"briefing_{f.name}", m["default"], m["rebuild"], m["types"], m["choices"], m["help"], m["shown"])


def setup_config(app: Sphinx) -> None:
    from sphinx.config import ENUM

    for option in options():
        types = ENUM(*option.choices) if option.choices else option.types
        # Sphinx wants its own copy of a mutable default (a dict), never the declaration's.
        default = dict(option.default) if isinstance(option.default, dict) else option.default
        app.add_config_value(option.name, default, option.rebuild, types=types, description=option.help)
