"""Names the briefings write like actors (X氏, X大統領, President X…) that the registry does not know.

They fill the page of candidate names, the analyst's list of entities to add,
and each is logged once, at its first place.  A page's names are found again
only when its seed's bytes or the registry's aliases changed (:class:`.SeedCache`).
"""

from __future__ import annotations

from pathlib import Path

from briefing.articles.article import Article
from briefing.generating.render import BriefingPage
from briefing.generating.seed_cache import SeedCache
from briefing.matching.mentions import Matcher
from briefing.matching.person_names import merge_candidates, people_in
from briefing.util.messages import MessageRecorder


def _page_candidates(
    article: Article, matcher: Matcher | None, failures: list[tuple[str, str]]
) -> tuple[tuple[str, str, int], ...]:
    """(name, title, line) of every person one article names whom the registry lacks, each
    under the fullest form of the name the article gives; what an analyser failed on is
    added to ``failures``."""
    texts = [(article.title, article.title_line)]
    texts += [(article.lead.text, article.lead.line)] if article.lead else []
    texts += [(s.heading, s.line) for s in article.sections if s.heading]
    texts += [(p.text, p.line) for p in article.paragraphs] + [(t.text, t.line) for t in article.takeaways]
    people = people_in((text for text, _line in texts), matcher, article.language, failures)
    found = [(c, line) for (_known, found), (_text, line) in zip(people, texts, strict=True) for c in found]
    fullest = merge_candidates([c for c, _line in found])
    return tuple((fullest[c.name], c.title, line) for c, line in found)


def _cached(
    page: BriefingPage, cache: SeedCache | None, registry_key: str
) -> tuple[str, tuple[tuple[str, str, int], ...] | None]:
    """(the key a page's candidates are kept under, or "" when they cannot be kept; what the
    cache holds under it, or None)."""
    entry = cache.seeds.get(Path(page.seed).name) if cache is not None else None
    key = f"{entry[0]} {registry_key}" if entry is not None else ""
    hit = cache.candidates.get(Path(page.seed).name) if cache is not None and key else None
    return key, hit[1] if hit is not None and hit[0] == key else None


def prime(page: BriefingPage, matcher: Matcher | None, cache: SeedCache, registry_key: str) -> None:
    """Find one page's candidate names now (right after its page was rendered, while its
    analyser is loaded and its clauses' cuts are remembered) and keep them in ``cache`` for
    :func:`candidate_rows`; a page an analyser failed on is left for it (it warns)."""
    key, hit = _cached(page, cache, registry_key)
    if not key or hit is not None:
        return
    failures: list[tuple[str, str]] = []
    found = _page_candidates(page.article, matcher, failures)
    if matcher is not None and matcher.segmenter.failures:
        failures += matcher.segmenter.failures
        matcher.segmenter.failures.clear()
    if not failures:
        cache.candidates[Path(page.seed).name] = (key, found)
        cache.dirty = True


def candidate_rows(
    pages: list[BriefingPage],
    matcher: Matcher | None,
    srcdir: Path,
    messages: MessageRecorder,
    cache: SeedCache | None = None,
    registry_key: str = "",
    output_dir: str = "briefings",
) -> list[tuple[str, str, int, list[str]]]:
    """Names that look like actors but are not in the registry, most frequent first; each logged once."""
    seen: dict[str, tuple[str, int, list[str]]] = {}
    for page in pages:
        key, hit = _cached(page, cache, registry_key)
        if hit is not None:
            found = hit
        else:
            failures: list[tuple[str, str]] = []
            found = _page_candidates(page.article, matcher, failures)
            if matcher is not None:  # the words around mentions: the page's rendering warned of these
                matcher.segmenter.failures.clear()
            # After a failure, found again (and warned about again) by the next build.
            failed = messages.analyser_failures(srcdir / page.seed, page.article.line_of, failures)
            if cache is not None and key and not failed:
                cache.candidates[Path(page.seed).name] = (key, found)
                cache.dirty = True
        for cname, ctitle, line in found:
            title, count, docs = seen.get(cname, (ctitle, 0, []))
            if not docs:
                messages.log(
                    "info",
                    "briefing: %r (%s) looks like an actor but is not in the registry",
                    cname,
                    ctitle,
                    location=f"{srcdir / page.seed}:{line}",
                )
            docname = f"{output_dir}/{page.slug}"
            seen[cname] = (title, count + 1, docs if docname in docs else [*docs, docname])
    return sorted(((n, t, c, d) for n, (t, c, d) in seen.items()), key=lambda r: (-r[2], r[0]))
