"""Each line of a seed gets a role, and a reason (pure).

The cues of :mod:`briefing.cues` say what a line looks like; here its
neighbours decide: a numbered line alone before a paragraph is a heading, in a
run of its kind a list item; a ``key：value`` line is a field only beside
another; a short bare line is a heading only with something under it.  Where a
line stays ambiguous, the reading that loses nothing (a paragraph) wins, with
an info-level note.  An analyst's overrides (the sidecar's ``structure:``)
come first, matched by the line's text.
"""

from __future__ import annotations

import re

from briefing.articles import cues, datelines, line_model, page_cues, sentences
from briefing.articles.article import StructureOverrides
from briefing.articles.dates import ascii_digits
from briefing.articles.lead import find_lead, normalise
from briefing.articles.line_roles import candidate
from briefing.articles.page_roles import (
    above_title,
    related_lists,
    repeated_lines,
    tag_columns,
    tag_lists,
    tail_furniture,
    transcript,
)
from briefing.articles.role import Role
from briefing.articles.title import title_at

#: Japanese predicate endings: a line ending so is a sentence that lost its 。, not a heading.
_JA_SENTENCE_END_RE = re.compile(
    r"(?:ます|です|でした|である|ている|ていた|った|した|れた|だ|[すくむうつぶぐぬるた]|ない|たい)$"
)
#: A line that is one quotation (「…」, “…”): a speaker's words, not a heading.
_QUOTATION_RE = re.compile(r"^(?:「[^「」]*」|『[^『』]*』|“[^“”]*”|\"[^\"]*\")$")
#: More words than a heading has (Latin script).
HEADING_MAX_WORDS = 10


#: English words that make a line a sentence (a verb), not a heading, when it is long enough.
_EN_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "says",
        "did",
        "does",
        "do",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
    ]
)
#: Characters a heading does not start with: markup-like punctuation.
_NOT_HEADING_START = set("|>#<{%$:`*_~[=+")


def _heading_doubt(text: str) -> str | None:
    """Why a short bare line still reads as a sentence (then it is a paragraph), if it does."""
    if text[0] in _NOT_HEADING_START:
        return f"starts with {text[0]!r}, as no heading does"
    if _STAGE_NOTE_RE.match(text):
        return "a transcript's note in brackets ((BEGIN VIDEO CLIP)), not a heading"
    if not any(ch.isalpha() for ch in text):
        return "no words in it"
    if "，" in text:
        return "a comma inside, as in a sentence"
    words = text.split()
    if (len(words) >= 5 and any(w in _EN_VERBS for w in words)) or (
        len(words) >= 6 and any(w.islower() and w.endswith("ed") for w in words)
    ):
        return "a sentence with a verb that lost its full stop"
    if _JA_SENTENCE_END_RE.search(text) and cues.width(text) > 16:
        return "ends like a Japanese sentence that lost its 。"
    if _QUOTATION_RE.match(text):
        return "a quotation standing alone"
    if len(text.split()) > HEADING_MAX_WORDS:
        return f"more than {HEADING_MAX_WORDS} words"
    return None


def recognise(
    lines: list[tuple[int, str]], overrides: StructureOverrides | None = None
) -> tuple[list[Role], list[str]]:
    """The role of every line (``lines``: the seed's non-blank lines as (number, text), title first).

    Returns the roles and what is wrong with the overrides (one that matches no line, a lead
    that cannot open the article).
    """
    overrides = overrides or StructureOverrides()
    roles = [Role(n, t) for n, t in lines]
    if not roles:
        return roles, []
    at, title_problem = _title(roles, overrides)
    if title_problem is None:
        roles[at].set("title", "the sidecar says it is the title")
    else:
        roles[at].set("title", "the first line" if at == 0 else "the first line after the page's own")
    # A footer with nothing under it (Source: as the last line) opens no references: it stays text.
    footer = next((i for i in range(len(roles) - 2, at, -1) if cues.is_footer(roles[i].text)), None)
    end = footer if footer is not None else len(roles)
    if footer is not None:
        roles[footer].set("references", "a references footer")
        for r in roles[footer + 1 :]:
            r.set("reference", "after the references footer")
    body = roles[:at] + roles[at + 1 : end]
    for i, r in enumerate(body, start=1 - at):
        candidate(r, i, len(body) - at)  # i and last: places under the title
    above_title(body, at)
    transcript(body)
    related_lists(body)
    repeated_lines(body, roles[at])
    tag_lists(body)
    tag_columns(body, at)
    tail_furniture(body)
    _fields_beside_fields(body)
    _runs(body)
    _unbulleted_points(body)
    _headings(body)
    line_model.correct(body, at)  # a learnt second look, where the rules are least sure
    unmatched = [*_apply_overrides(body, overrides), *([title_problem] if title_problem else [])]
    find_lead(body, overrides)
    _levels(body)
    for r in body:
        if r.data.get("lead_refused"):
            unmatched.append(
                f"structure override lead: line {r.line} stands after a heading, list or Q&A turn, "
                "so it cannot open the article; it stays where it is"
            )
    return roles, unmatched


def _fields_beside_fields(body: list[Role]) -> None:
    """A labelled line (``Date: …``) beside ``key：value`` lines is one of the block's fields."""
    for order in (range(len(body)), range(len(body) - 1, -1, -1)):
        for i in order:
            r = body[i]
            if r.role not in ("meta", "source") or r.data.get("field"):
                continue
            kv = cues.field(r.text)
            beside = any(  # the next line of the file, not across a blank line
                0 <= j < len(body) and body[j].role == "field?" and abs(body[j].line - r.line) == 1
                for j in (i - 1, i + 1)
            )
            if kv and beside:
                r.data["field"] = kv
                r.data["was_meta"] = r.role == "meta"  # its date still counts
                r.set("field?", "key：value beside other fields")


def _runs(body: list[Role]) -> None:
    """Bullets, numbered lines and fields by their neighbours."""
    sequenced = _sequenced(body)
    n = len(body)
    i = 0
    while i < n:
        r = body[i]
        if r.role == "field?":
            j = i
            while j < n and body[j].role == "field?":
                j += 1
            for k in range(i, j):
                if j - i >= 2:
                    body[k].set("field", "one of several key：value lines")
                else:
                    body[k].set("text", "key：value alone (not a block of fields)")
            i = j
            continue
        if r.role == "bullet":
            j = i
            while j < n and body[j].role == "bullet":
                j += 1
            numbered_photos = {_TRAILING_NUMBER_RE.sub("", b.body) for b in body[i:j]}
            if j - i >= 2 and len(numbered_photos) == 1 and all(_TRAILING_NUMBER_RE.search(b.body) for b in body[i:j]):
                for k in range(i, j):  # • Foreign Ministers' Meeting1, • …Meeting2: a gallery's photos
                    body[k].set("caption", "one of a gallery's photos (the same text, numbered)")
            elif j - i == 1 and r.marker in ("*",) and j >= n - 2:
                r.set("footnote", "a lone * line at the end: a footnote mark")
            else:
                for k in range(i, j):
                    body[k].set("item", f"a bullet ({body[k].marker!r}) in a list")
                    body[k].style = "bullet"
            i = j
            continue
        if r.role == "numbered":
            j = i
            while j < n and body[j].role == "numbered" and body[j].style == r.style:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    body[k].set("item", f"numbered ({body[k].marker!r}) in a run of {j - i}")
            else:
                nxt = body[i + 1] if i + 1 < n else None
                short = cues.is_heading_like(r.body) and not r.body.endswith((":", "："))
                if short and nxt is not None:
                    r.set("heading", f"numbered ({r.marker or r.style!r}), short, with text under it")
                elif r.style.startswith("mark") or r.style in ("lenticular", "chapter"):
                    r.set("paragraph", "a heading mark without a heading's shape, or nothing under it")
                elif cues.ends_like_sentence(r.body) and r.style in sequenced and nxt is not None and _short(r.body):
                    # 1. The water question is now a security question. (a short claim over its paragraphs)
                    r.set("heading", f"numbered ({r.marker!r}), one of a numbered sequence of short claims over text")
                elif cues.ends_like_sentence(r.body) and r.style in sequenced:
                    r.set("item", f"numbered ({r.marker!r}), one of a numbered sequence with text between")
                elif cues.ends_like_sentence(r.body):
                    # "12 people were killed…", "a. k. a. …": a sentence that starts with a number.
                    r.set("paragraph", f"starts like a numbering ({r.marker!r}) but is a sentence, alone")
                    r.data["doubt"] = "taken as a paragraph: a sentence that starts with a number, not a list"
                else:
                    r.set("item", f"numbered ({r.marker!r}), a list of one")
            i = j
            continue
        i += 1


_TRAILING_NUMBER_RE = re.compile(r"[0-9]{1,3}$")
_LEADING_NUMBER_RE = re.compile(r"[0-9０-９]{1,2}")


def _short(text: str) -> bool:
    """One short sentence (a claim that heads what follows), not a question or a paragraph."""
    core = text.rstrip("。.")
    return cues.width(core) <= 60 and not core.endswith(("?", "？")) and sentences.sentence_ends(core) == 0


def _sequenced(body: list[Role]) -> set[str]:
    """The numbering styles whose lines run 1, 2, 3 … (three or more) across the article with text
    between them: the items of one list (a press conference's questions, each answered). One pass."""
    numbers: dict[str, list[int]] = {}
    for b in body:
        if b.role == "numbered":
            m = _LEADING_NUMBER_RE.match(ascii_digits(b.marker))
            if m:
                numbers.setdefault(b.style, []).append(int(m.group()))
    return {
        style
        for style, found in numbers.items()
        if len(found) >= 3 and found == list(range(found[0], found[0] + len(found)))
    }


#: Roles that may stand between the points of an unbulleted list (each point's source, its date).
_BETWEEN_POINTS = frozenset({"source", "meta", "furniture"})


def _unbulleted_points(body: list[Role]) -> None:
    """Under a short line that names points (ココがポイント, 主要有以下幾點：), two or more short lines
    without a marker or a sentence's end (each perhaps with its source under it) are its points."""
    for i, r in enumerate(body):
        if r.role != "text" or cues.width(r.text) > 60 or not cues.names_points(r.text):
            continue
        if not (r.text.endswith((":", "：")) or cues.is_heading_like(r.text)):
            continue
        points = []
        for b in body[i + 1 :]:
            if b.role in _BETWEEN_POINTS:
                continue
            if b.role != "text" or not cues.is_heading_like(b.text) or b.text.endswith((":", "：")):
                break
            points.append(b)
        if len(points) < 2:
            continue
        for b in points:
            b.style, b.marker, b.body = "bullet", "", b.text
            b.set("item", "a short line under a line that names the points: one of them, unbulleted")


#: A transcript's stage note: (BEGIN VIDEO CLIP), (LAUGHTER), (COMMERCIAL BREAK).
_STAGE_NOTE_RE = re.compile(r"^\([A-Z]+[ ,.'-][A-Z ,.'-]{1,40}\)$")
#: A question standing as a section's heading (What happens next?, Why did they go together?).
_QUESTION_HEADING_RE = re.compile(
    r"^(?:What|Why|How|Who|When|Where|Which|Will|Is|Are|Can|Does|Do|Did|Should)\b[^.!?。]{2,60}\?$"
)


def _question_headings(body: list[Role]) -> None:
    """Two or more short questions, each over a paragraph, head an explainer's sections."""
    asked = [
        i
        for i, r in enumerate(body[:-1])
        if r.role == "text" and _QUESTION_HEADING_RE.match(r.text) and body[i + 1].role == "text"
    ]
    if len(asked) >= 2:
        for i in asked:
            body[i].set("heading", "a short question over a paragraph, one of several: a section's heading")
            body[i].style = "plain"


def _headings(body: list[Role]) -> None:
    """Short bare lines with something under them; everything else is a paragraph."""
    _question_headings(body)
    for i, r in enumerate(body):
        if r.role != "text":
            continue
        nxt = body[i + 1] if i + 1 < len(body) else None
        if datelines.dateline(r.text) or not cues.is_heading_like(r.text):
            r.set("paragraph", r.reason or "prose")
            continue
        if r.text.endswith((":", "：")):
            r.set("paragraph", "ends with a colon: introduces what follows")
            continue
        if nxt is None:
            r.set("paragraph", "a short last line: nothing under it to head")
            continue
        if nxt.role == "meta" and cues.is_person_name(r.text):
            r.set("byline", "a person's name over the article's date")  # Harriet Lowe / Thu 10 Apr 2025 06.30 BST
            continue
        if i and body[i - 1].role == "meta" and page_cues.names_a_venue(r.text):
            r.set("meta", "where it was held, under its date")  # MFA Press Conference Room and MFA FB LIVE
            continue
        if _QUOTATION_RE.match(nxt.text.strip()):
            r.set("paragraph", "a short line over a quotation: who says it, not a heading")
            continue
        if r.data.get("field") and nxt.role == "heading":
            r.set("paragraph", "key：value alone, a heading after it: a line of facts, not a heading")
            continue
        doubt = _heading_doubt(r.text)
        headline = nxt.role == "text" and datelines.dateline(nxt.text) and len(r.text.split()) <= 2 * HEADING_MAX_WORDS
        if doubt and headline:
            doubt = None  # a story's headline over its dateline (a digest of stories)
        if doubt:
            r.set("paragraph", f"short, but {doubt}")
            r.data["doubt"] = f"taken as a paragraph: {doubt}"
            continue
        r.set("heading", "short, no sentence end, text under it")
        r.style = "plain"


def _title(roles: list[Role], overrides: StructureOverrides) -> tuple[int, str | None]:
    """(where the title is, None when the sidecar said so; else what is wrong with its word, or "")."""
    if overrides.title is None:
        return title_at(roles), ""
    wanted = normalise(overrides.title)
    at = next((i for i, r in enumerate(roles) if normalise(r.text) == wanted), None)
    if at is None:
        return title_at(roles), f"structure override title: {overrides.title!r} matches no line of the seed"
    return at, None


def _apply_overrides(body: list[Role], overrides: StructureOverrides) -> list[str]:
    if not overrides:
        return []
    by_text: dict[str, list[Role]] = {}
    for r in body:
        by_text.setdefault(normalise(r.text), []).append(r)
    unmatched: list[str] = []
    for text in overrides.headings:
        found = by_text.get(normalise(text))
        if not found:
            unmatched.append(f"structure override headings: {text!r} matches no line of the seed")
        for r in found or ():
            r.set("heading", "the sidecar says it is a heading")
            r.data["forced"] = True
            r.style = r.style or "plain"
            if r.body == "":
                r.body = r.text
    for text in overrides.not_headings:
        found = by_text.get(normalise(text))
        if not found:
            unmatched.append(f"structure override not_headings: {text!r} matches no line of the seed")
        for r in found or ():
            if r.role == "heading":
                r.set("paragraph", "the sidecar says it is not a heading")
    for text in overrides.takeaways:
        found = by_text.get(normalise(text))
        if not found:
            unmatched.append(f"structure override takeaways: {text!r} matches no line of the seed")
        for r in found or ():
            r.data["points"] = True
    if overrides.lead is not None and normalise(overrides.lead) not in by_text:
        unmatched.append(f"structure override lead: {overrides.lead!r} matches no line of the seed")
    return unmatched


#: Numberings that nest in a section (FORMAT: (1), （一）, （1）, ①, a)): level 2 under another heading.
_NESTED_STYLES = frozenset({"paren", "han-paren", "half-paren", "circled", "letter"})


def _levels(body: list[Role]) -> None:
    """Heading levels by numbering style, in the order the styles first appear; never skipping one."""
    order: list[str] = []
    previous = 0
    for r in body:
        if r.role != "heading":
            continue
        style = r.style or "plain"
        if style == "plain":
            r.level = previous = 1  # unnumbered: a section of its own; numberings nest by their order
            continue
        if style not in order:
            order.append(style)
        level = min(order.index(style) + 1, 3, previous + 1)
        if style in _NESTED_STYLES and previous:
            level = min(max(level, 2), previous + 1)  # (1), （一）, ① under a heading: nested in it
        r.level = previous = level
