"""A learnt second look at the line roles the rules gave (pure; DECISIONS 107 and 108).

The rules read the pages of the outlets they were written from well and an unseen outlet's page
less well (its own furniture, labels, credits).  A linear model learnt from the annotated sets
(``tools/train_line_model.py`` writes ``line_model.json``) looks at each line once the rules are
done, before the lead and the heading levels are settled: the role the rules gave, the line's
first and last words (in Chinese and Japanese, character pairs), its marks, width, digits, a
date, its place under the title and after the last prose, its neighbours' roles.  It may move a
line only between the roles that neither reshape the article nor carry a fact (prose, a heading,
furniture, a label, a caption, a separator, a footnote; and to a byline), never the lead to be,
only on pasted pages, and only when it is sure by :data:`MARGIN`.  Every line stays on the page
whatever its role.  Cost: a bounded number of features per line, each a dictionary lookup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from briefing.articles import cues
from briefing.articles.dates import read_date
from briefing.articles.role import Role

__all__ = ["GIVEN", "MARGIN", "SAFE", "correct", "features", "use"]

#: The roles the model may take a line from: none of them carries a fact (a date, a source, tags).
SAFE = frozenset({"paragraph", "heading", "furniture", "label", "caption", "separator", "footnote"})
#: The roles it may give: those, and a byline (which carries nothing unless the rules found it).
GIVEN = SAFE | {"byline"}
#: How much the model's best role must outscore the rules' role before it replaces it.
MARGIN = 2.0
_WEIGHTS = Path(__file__).with_name("line_model.json")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.-]{0,30}|[0-9]{1,12}")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
Weights = Mapping[str, Mapping[str, float]]
_override: list[Weights | None] = []


@cache
def _shipped() -> Weights | None:
    try:
        loaded = json.loads(_WEIGHTS.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def use(weights: Weights | None) -> None:
    """Read with these weights from now on (the training script's measures), or the shipped ones
    again with None."""
    _override.clear()
    if weights is not None:
        _override.append(weights)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((f"<{e}" for e in edges if n < e), "more")


def _lexical(text: str) -> list[str]:
    head = text[:400]  # a bounded look: the start of a line says what it is
    words = [w.casefold() for w in _WORD_RE.findall(head)]
    tail_words = [w.casefold() for w in _WORD_RE.findall(text[-120:])]
    cjk = "".join(_CJK_RE.findall(head))
    pairs = [cjk[i : i + 2] for i in range(min(len(cjk) - 1, 6))]
    tail_cjk = "".join(_CJK_RE.findall(text[-40:]))
    tail_pairs = [tail_cjk[i : i + 2] for i in range(max(0, len(tail_cjk) - 4), len(tail_cjk) - 1)]
    out = [f"w={w}" for w in words[:4]] + [f"wl={w}" for w in tail_words[-2:]]
    out += [f"c={p}" for p in pairs[:4]] + [f"cl={p}" for p in tail_pairs[-3:]]
    stripped = head.strip()
    out += [f"first={stripped[:1]}", f"last={text.strip()[-1:]}", f"first2={stripped[:2]}"]
    marks = sorted({ch for ch in stripped[:200] if not ch.isalnum() and not ch.isspace()})[:6]
    return out + [f"mark={m}" for m in marks]


def features(body: list[Role], k: int, place: int, last: int) -> list[str]:
    """The features of ``body[k]``: ``place`` is its place under the title (negative above it),
    ``last`` the index of the last prose line of ``body``."""
    r = body[k]
    rule, text = r.role, r.text
    width = _bucket(cues.width(text[:400]), (4, 8, 16, 30, 60, 120))
    out = ["bias", f"rule={rule}", f"place={_bucket(place, (0, 1, 2, 3, 6, 12))}"]
    out += [f"tail={k > last}", f"from_end={_bucket(len(body) - k, (1, 2, 3, 5, 8))}"]
    out += [f"before={body[k - 1].role if k else 'start'}", f"after={body[k + 1].role if k + 1 < len(body) else 'end'}"]
    out += [f"width={width}", f"sentence={cues.ends_like_sentence(text[-200:])}"]
    out += [f"digits={any(c.isdigit() for c in text[:400])}", f"date={read_date(text[:200]) is not None}"]
    out += [f"rule&width={rule}&width={width}"]
    return out + _lexical(text)


def _scores(weights: Weights, feats: list[str]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for f in feats:
        for label, w in weights.get(f, {}).items():
            scores[label] = scores.get(label, 0.0) + w
    return scores


def correct(body: list[Role], at: int) -> None:
    """Give the lines of ``body`` (the lines around the title at ``at``) the role the model is
    sure of (from :data:`SAFE` to :data:`GIVEN`), never the first prose under the title (the
    lead to be), and on a pasted page only (lines
    above the title, or furniture, a label or tags found by the rules), the pages it was learnt
    for."""
    weights = _override[0] if _override else _shipped()
    pasted = at > 0 or any(r.role in ("furniture", "label", "tags") for r in body)
    if not weights or not pasted:
        return  # an article as written (no page around it): the rules alone, as they were made for it
    last = max((k for k, r in enumerate(body) if r.role == "paragraph"), default=len(body))
    # The first prose under the title is the lead-to-be: the model never takes it away.
    first = next((k for k in range(at, len(body)) if body[k].role == "paragraph"), None)
    found = []
    for k, r in enumerate(body):
        if r.role not in SAFE or k == first:
            continue
        scores = _scores(weights, features(body, k, k + 1 - at, last))
        best = max(sorted(scores), key=lambda label: scores[label], default=r.role)
        if best != r.role and best in GIVEN and scores[best] - scores.get(r.role, 0.0) >= MARGIN:
            found.append((r, best))
    for r, role in found:  # all judged on the rules' roles, then changed
        was = r.role
        r.set(role, f"the line model: more like a {role} line than a {was} one")
        if role == "heading":
            r.style = "plain"
