"""An imported article written as a seed and its sidecar, never over a file (pure, but for the writes).

The seed is the article as lines (title first, one line per paragraph, heading
and list item; items marked ``・`` in Japanese and Chinese, ``-`` otherwise,
numbered as the page numbered them); the sidecar holds what the page said about
it (``date``, ``url``, ``source``, ``language``, ``tags``) and the page's own
sub-headings (``structure: headings:``), so the book reads them as headings
without guessing.  A page already in the folder, by its URL or by its text, is
not written again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.articles.metadata import HTTP_URL_RE, STRUCTURE_LIMIT
from briefing.importing.extract import Extracted
from briefing.language.scripts import text_language
from briefing.util.files import SEED_LIMIT, SIDECAR_LIMIT, UnsafeFile, read_inside, regular_files, write_new
from briefing.util.yamlio import load_yaml

#: Longest slug part of a seed's file name.
SLUG_LENGTH = 60
_URL_TAIL = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cms)$", re.IGNORECASE)


def seed_text(article: Extracted) -> str:
    """The seed's text: the title, then each block on its own line."""
    cjk = (article.language or text_language(article.title)).split("-")[0].lower() in ("ja", "zh")
    lines = [article.title]
    for block in article.blocks:
        if block.kind == "item":
            lines.append(f"{block.marker} {block.text}" if block.marker else f"{'・' if cjk else '- '}{block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def sidecar(article: Extracted) -> dict[str, Any]:
    """The sidecar's keys (only those the page gave)."""
    data: dict[str, Any] = {}
    if article.date:
        data["date"] = article.date
    if article.url:
        data["url"] = article.url
    if article.source:
        data["source"] = article.source[:200]
    if article.language:
        data["language"] = article.language
    if article.tags:
        data["tags"] = list(article.tags)
    structure: dict[str, Any] = {"title": article.title}
    headings = list(dict.fromkeys(b.text for b in article.blocks if b.kind == "heading"))[:STRUCTURE_LIMIT]
    if headings:
        structure["headings"] = headings
    data["structure"] = structure
    return data


def sidecar_text(article: Extracted) -> str:
    head = "# Written by python -m briefing import; yours to edit (the importer never writes it again).\n"
    return head + yaml.safe_dump(sidecar(article), allow_unicode=True, sort_keys=False, width=100)


def fingerprint(text: str) -> str:
    """A seed's text as compared for duplicates: NFKC, without whitespace."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def same_url(url: str) -> str:
    """A URL as compared for duplicates: without its fragment, scheme or a trailing slash."""
    return re.sub(r"^https?://(?:www\.)?", "", url.split("#", 1)[0]).rstrip("/").lower()


@dataclass
class Folder:
    """The seeds already in a folder, by URL and by text, as the importer checks them."""

    path: Path
    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Folder:
        folder = cls(path)
        if not path.is_dir():
            return folder
        files, _refused = regular_files(path, lambda name: name.endswith((".txt", ".yaml", ".yml")))
        for file in files:
            try:
                data = read_inside(file, path, SEED_LIMIT if file.suffix == ".txt" else SIDECAR_LIMIT)
                if file.suffix == ".txt":
                    folder.texts.setdefault(fingerprint(data.decode("utf-8", "replace")), file.name)
                else:
                    raw, _node = load_yaml(data.decode("utf-8"))
                    url = raw.get("url") if isinstance(raw, dict) else None
                    if isinstance(url, str):
                        folder.urls.setdefault(same_url(url), file.with_suffix(".txt").name)
            except (UnsafeFile, OSError, UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError):
                continue  # the build says what is wrong with it
        return folder

    def already(self, article: Extracted) -> str | None:
        """The seed this article already is (by URL or by text), or None."""
        if article.url and (name := self.urls.get(same_url(article.url))):
            return name
        return self.texts.get(fingerprint(seed_text(article)))

    def write(self, article: Extracted) -> Path:
        """Write the seed and its sidecar under a name no file has; remember them."""
        stem = free_stem(self.path, file_stem(article))
        seed = self.path / f"{stem}.txt"
        write_new(self.path / f"{stem}.yaml", sidecar_text(article))
        try:
            write_new(seed, seed_text(article))
        except OSError:
            (self.path / f"{stem}.yaml").unlink()  # ours, written a moment ago: no sidecar without its seed
            raise
        self.texts[fingerprint(seed_text(article))] = seed.name
        if article.url:
            self.urls[same_url(article.url)] = seed.name
        return seed


def file_stem(article: Extracted) -> str:
    """``<date>-<slug>`` (``undated-<slug>``): the slug from the URL's last words, else the
    title's ASCII words, else a short hash of the URL or the text."""
    prefix = article.date.isoformat() if article.date else "undated"
    return f"{prefix}-{_slug(article)}"


def _slug(article: Extracted) -> str:
    if article.url and HTTP_URL_RE.fullmatch(article.url):
        path = re.sub(r"[?#].*", "", article.url.split("://", 1)[1]).split("/", 1)[-1]
        words = [w for w in (_URL_TAIL.sub("", p) for p in path.split("/")) if w][-2:]
        slug = _ascii("-".join(words))
        if len(slug) >= 4 and not slug.isdigit():
            return slug
    slug = _ascii(article.title)
    if len(slug) >= 8:
        return slug
    return "h" + hashlib.sha1((article.url or seed_text(article)).encode("utf-8")).hexdigest()[:10]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


def free_stem(folder: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``…: the first no file of the folder has (seed or sidecar)."""
    taken = {p.stem for p in folder.iterdir()} if folder.is_dir() else set()
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate
