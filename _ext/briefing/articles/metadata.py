"""Facts about a seed that its text does not hold: front matter or a sidecar, checked (pure).

A sidecar may also correct how the text was read (``structure:``, see
:class:`briefing.articles.article.StructureOverrides`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from briefing.articles.article import Metadata, Problem, StructureOverrides
from briefing.util.subtypes import Subtype
from briefing.util.yamlio import load_yaml

_METADATA_KEYS = {"date", "url", "source_url", "language", "tags", "slug", "source", "structure"}
#: Matched with ``fullmatch``: ``$`` would also match before a final newline.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
#: A URL the book links: http(s) only, nothing that could leave an attribute or a role.
HTTP_URL_RE = re.compile(r"https?://[^\s<>\"'`\\]+")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*")


def parse_metadata(raw: Any, *, line: int | None = None) -> tuple[Metadata, tuple[Problem, ...]]:
    """Check a metadata mapping (front matter or sidecar) and turn it into :class:`Metadata`.

    Bad values are reported and dropped one by one; the rest still counts.
    """
    if raw is None:
        return Metadata(), ()
    if not isinstance(raw, dict):
        return Metadata(), (Problem(Subtype.METADATA, "metadata must be a mapping of keys to values", line),)
    problems: list[Problem] = []
    for key in sorted(set(map(str, raw)) - _METADATA_KEYS):
        problems.append(
            Problem(
                Subtype.METADATA, f"unknown metadata key {key!r} (known: {', '.join(sorted(_METADATA_KEYS))})", line
            )
        )

    date = _date(raw.get("date"), problems, line)

    url = raw.get("url", raw.get("source_url"))
    if url is not None and not (isinstance(url, str) and HTTP_URL_RE.fullmatch(url)):
        problems.append(
            Problem(Subtype.METADATA, f"url {url!r} is not an http(s) URL without spaces, quotes, < > ` or \\", line)
        )
        url = None

    language = raw.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE_RE.fullmatch(language)):
        problems.append(Problem(Subtype.METADATA, f"language {language!r} is not a language code like ja or en", line))
        language = None

    tags = _tags(raw.get("tags", ()), problems, line)

    slug = raw.get("slug")
    if slug is not None and not (isinstance(slug, str) and SLUG_RE.fullmatch(slug)):
        problems.append(
            Problem(Subtype.METADATA, f"slug {slug!r} must be lower-case ASCII letters, digits, - and _", line)
        )
        slug = None

    source = raw.get("source")
    if source is not None and not (isinstance(source, str) and source.strip() and len(source) <= 200):
        problems.append(Problem(Subtype.METADATA, f"source {source!r} must be the name of an agency or outlet", line))
        source = None
    structure = _structure(raw.get("structure"), problems, line)
    meta = Metadata(date=date, url=url, language=language, tags=tags, slug=slug, source=source, structure=structure)
    return meta, tuple(problems)


def _date(value: Any, problems: list[Problem], line: int | None) -> dt.date | None:
    """The ``date:`` as a date (YAML gives dates and datetimes; a string must be ISO), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    date = _iso_date(value.strip()) if isinstance(value, str) else None
    if date is None and value is not None:
        problems.append(Problem(Subtype.METADATA, f"date {value!r} is not a date like 2025-02-28", line))
    return date


def _tags(value: Any, problems: list[Problem], line: int | None) -> tuple[str, ...]:
    """The ``tags:`` as words (one string is one tag); a tag with a comma is dropped."""
    if isinstance(value, str):
        value = [value]
    if not (isinstance(value, list | tuple) and all(isinstance(t, str | int) for t in value)):
        problems.append(Problem(Subtype.METADATA, "tags must be a list of words", line))
        return ()
    tags = tuple(" ".join(str(t).split()) for t in value if str(t).strip())
    if any("," in t for t in tags):  # the page lists them with commas
        problems.append(Problem(Subtype.METADATA, "a tag may not hold a comma; those tags were dropped", line))
        tags = tuple(t for t in tags if "," not in t)
    return tags


#: The keys of a sidecar's ``structure:`` (see :class:`briefing.articles.article.StructureOverrides`).
STRUCTURE_KEYS = ("headings", "not_headings", "lead", "takeaways", "title")
#: How many lines an override may name (a sidecar is written by hand).
STRUCTURE_LIMIT = 200


def _structure(raw: Any, problems: list[Problem], line: int | None) -> StructureOverrides:
    if raw is None:
        return StructureOverrides()
    if not isinstance(raw, dict):
        message = "structure must be a mapping (headings, not_headings, lead, takeaways, title)"
        problems.append(Problem(Subtype.METADATA, message, line))
        return StructureOverrides()
    for key in sorted(set(map(str, raw)) - set(STRUCTURE_KEYS)):
        message = f"unknown structure key {key!r} (known: {', '.join(STRUCTURE_KEYS)})"
        problems.append(Problem(Subtype.METADATA, message, line))

    def texts(key: str) -> tuple[str, ...]:
        value = raw.get(key, ())
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            problems.append(Problem(Subtype.METADATA, f"structure.{key} must be a list of lines of the seed", line))
            return ()
        if len(value) > STRUCTURE_LIMIT:
            message = f"structure.{key}: more than {STRUCTURE_LIMIT} lines; the rest ignored"
            problems.append(Problem(Subtype.METADATA, message, line))
        return tuple(" ".join(v.split()) for v in value[:STRUCTURE_LIMIT] if v.strip())

    one = {}
    for key in ("lead", "title"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            message = f"structure.{key} must be the text of one line of the seed"
            problems.append(Problem(Subtype.METADATA, message, line))
            value = None
        one[key] = value
    return StructureOverrides(texts("headings"), texts("not_headings"), one["lead"], texts("takeaways"), one["title"])


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None (never javascript: and friends)."""
    return url if url and HTTP_URL_RE.fullmatch(url) else None


def _iso_date(text: str) -> dt.date | None:
    """The date of an ISO 8601 date or date and time (``2025-02-28``, ``2025-02-28T09:00+09:00``)."""
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            value = parse(text)
        except ValueError:
            continue
        return value.date() if isinstance(value, dt.datetime) else value
    return None


def split_front_matter(lines: list[str]) -> tuple[Any, int, tuple[Problem, ...]]:
    """Return (raw front matter, number of lines it takes, problems)."""
    if not lines or lines[0].strip() != "---":
        return None, 0, ()
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            try:
                raw, _node = load_yaml("\n".join(lines[1:end]))
            except (yaml.YAMLError, ValueError, RecursionError) as err:
                # ValueError: a document that expands too far (aliases of aliases).
                mark = getattr(err, "problem_mark", None)
                where = 2 + mark.line if mark is not None else 1
                return None, end + 1, (Problem(Subtype.METADATA, f"front matter is not valid YAML: {err}", where),)
            if not isinstance(raw, dict):
                # Two "---" lines around article text are not front matter: keep the text.
                return None, 0, ()
            return raw, end + 1, ()
    return None, 0, ()  # an opening --- without a closing one is just text


def merge_metadata(front: Metadata, sidecar: Metadata | None) -> Metadata:
    """The sidecar's facts over the front matter's: the sidecar is where an analyst adds them."""
    if sidecar is None:
        return front
    return Metadata(
        date=sidecar.date or front.date,
        url=sidecar.url or front.url,
        language=sidecar.language or front.language,
        tags=sidecar.tags or front.tags,
        slug=sidecar.slug or front.slug,
        source=sidecar.source or front.source,
        structure=sidecar.structure or front.structure,
    )
