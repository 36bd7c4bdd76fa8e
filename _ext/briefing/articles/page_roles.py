"""The passes that read what a pasted web page holds besides the article (pure): where the
title is under the page's own lines, a transcript's turns, the lists of other articles."""

from __future__ import annotations

import itertools
import re

from briefing.articles import cues, page_cues, speakers
from briefing.articles.role import Role


def above_title(body: list[Role], at: int) -> None:
    """The lines above the title are the page's: a short one right above it is its section label."""
    for k, r in enumerate(body[:at]):
        if r.role in ("furniture", "label", "meta", "caption", "byline", "tags", "question", "answer", "separator"):
            continue
        short = cues.width(r.text) <= 30 and not cues.ends_like_sentence(r.text)
        # A section's name (国際, Press release), or the one line over the title: its label; else a menu's
        if k == at - 1 and short and (page_cues.is_label(r.text) or (at == 1 and not page_cues.is_outlet(r.text))):
            r.set("label", "a short line right above the title")
        else:
            r.set("furniture", "a line of the page above the article's title")


def transcript(body: list[Role]) -> None:
    """Turns opened by a speaker's label (林剑：…, The Paper: …), when the article is a transcript:
    someone asks (a reporter, an outlet, ``QUESTION:``), or two officials speak, or two labels
    stand alone over what is said; a label that is neither an asker's nor an office's must recur."""
    labelled = []
    for r in body:
        if r.role in ("text", "field?", "paragraph", "byline") and not cues.names_reporters(r.text):
            found = speakers.colon_label(r.text) or speakers.bracketed_alone(r.text) or speakers.bare_label(r.text)
            bare = found is not None and not found[2].strip()
            if found is not None and (not bare or speakers.speaker_asks(found[0]) is not None):
                labelled.append((r, found))
    asks = [speakers.speaker_asks(label) for _r, (label, _m, _rest) in labelled]
    key = _speaker_keys([label for _r, (label, _m, _rest) in labelled])
    seen: dict[str, int] = {}
    for _r, (label, _m, _rest) in labelled:  # a speaker however the labels shorten the name
        seen[key[label]] = seen.get(key[label], 0) + 1
    asking = {key[label] for (_r, (label, _m, _rest)), a in zip(labelled, asks, strict=True) if a}
    asks = [
        True if a is None and key[label] in asking else a
        for (_r, (label, _m, _rest)), a in zip(labelled, asks, strict=True)
    ]
    asked = True in asks or any(r.role == "question" for r in body)  # a reporter, or Q: / QUESTION: turns
    alone = sum(not rest.strip() for _r, (_l, _m, rest) in labelled)
    talk = sum(count >= 2 for count in seen.values()) >= 2  # two speakers, each more than once: an interview
    if len(labelled) < 2 or not (asked or asks.count(False) >= 2 or alone >= 2 or talk):
        return
    for (r, (label, marker, rest)), asker in zip(labelled, asks, strict=True):
        if asker is None and seen[key[label]] < 2:
            continue  # a key：value line, or a name said once: not a speaker of this transcript
        r.marker, r.body = marker, rest
        r.data["speaker"] = label
        r.data.pop("field", None)
        r.set("question" if asker else "answer", f"a turn of the transcript: the speaker's label {marker!r}")


def _speaker_keys(labels: list[str]) -> dict[str, str]:
    """Who each label names, however the labels shorten it: BRIG. GEN. DANA WHITCOMB and GEN.
    WHITCOMB by their last word; MARSH and ELENA MARSH, HOST, HAN and HAN SEO-YEON, … by the one
    word the short label keeps, first or last in the long one; a CJK label whole."""

    def words(label: str) -> list[str]:
        return label.split("(")[0].split(",")[0].strip().casefold().split() or [label]  # Priya Nair (Radio 938)

    by_word: dict[str, str] = {}
    for label in labels:
        parts = words(label)
        if len(parts) > 1:
            for word in (parts[-1], parts[0]):
                by_word.setdefault(word, " ".join(parts))
    keys = {}
    for label in labels:
        parts = words(label)
        keys[label] = by_word.get(parts[-1], " ".join(parts)) if len(parts) > 1 else by_word.get(parts[0], parts[0])
    return keys


def related_lists(body: list[Role]) -> None:
    """The titles a page lists under ``Related:`` / ``相关新闻`` are furniture, up to the first sentence."""
    following = False
    for r in body:
        if r.role == "furniture":
            following = page_cues.opens_related_list(r.text)
            continue
        if not following:
            continue
        if cues.is_editor(r.text):
            following = False  # JPV / gsg: the editors' initials close the article
        elif r.role in ("text", "bullet", "numbered") and not cues.ends_like_sentence(r.text) and len(r.text) <= 120:
            r.set("furniture", "a title in the page's list of other articles")
        else:
            following = False


#: Roles that end an article without being prose: they keep their role, and the page's lines may follow them.
_CLOSING = frozenset({"editor", "source", "tags", "byline", "meta", "footnote", "separator", "furniture", "caption"})


def tail_furniture(body: list[Role]) -> None:
    """After the article's last sentence, the short lines that are not the article's own (other
    articles' titles, a site's menus and notices) are the page's furniture: in a pasted web page
    (one with furniture the census knows), or in a run of two or more."""
    pasted = any(r.role in ("furniture", "label", "tags") for r in body)
    run = []
    above: Role | None = None
    for r in reversed(body):
        if r.role in _CLOSING:
            continue
        text = r.text
        short = r.role in ("text", "field?", "bullet") and not cues.ends_like_sentence(text) and len(text) <= 120
        if not short or (r.role != "bullet" and _reads_as_sentence(text)):
            above = r
            break
        run.append(r)
    pointed = next(
        (k for k, r in enumerate(run) if r.role == "text" and cues.width(r.text) <= 30 and cues.names_points(r.text)),
        None,
    )
    if pointed is not None:  # ココがポイント and its points: the article's, however short
        run = run[pointed + 1 :]
    if above is not None and above.text.rstrip().endswith((":", "：")):
        run = [r for r in run if r.role != "bullet"]  # a list the last sentence introduces is the article's
    if not pasted:
        run = [r for r in run if r.role != "bullet"]
    for r in reversed(body):  # after the last sentence, a crumb-like line of topics is the tags
        if r is above:
            break
        if r.role == "furniture" and page_cues.slash_tags(r.text):
            r.set("tags", "words joined by slashes after the article's last sentence: its tags")
    if pasted or len(run) >= 2:
        for r in run:
            if page_cues.slash_tags(r.text):
                r.set("tags", "words joined by slashes after the article's last sentence: its tags")
            else:
                r.set("furniture", "a short line after the article's last sentence")


def _unbulleted(text: str) -> str:
    return text.lstrip("•・-*· \u3000")


def repeated_lines(body: list[Role], title: Role) -> None:
    """A line the page prints again (the title over a photo, a headline in a list) is furniture
    the second time; a caption printed twice stays a caption."""
    title_key = " ".join(title.text.split())
    seen = {title_key}
    previous: Role | None = None
    if _doubled(body):
        return  # the whole text twice over, line by line (a paste of a page that prints it so): prose, kept
    last = max((k for k, r in enumerate(body) if r.role == "text" and cues.ends_like_sentence(r.text)), default=-1)
    for k, r in enumerate(body):
        if k > last >= 0 and previous is not None and r.role == "text" and r.text == previous.text:
            r.set("furniture", "the same line again (the page prints it twice)")  # after the article: another's title
            if previous.role == "text":
                previous.set("furniture", "a line the page prints twice after the article's last sentence")
            previous = r
            continue
        key = " ".join(r.text.split())
        bare = _unbulleted(key)
        twin = previous is not None and _unbulleted(" ".join(previous.text.split())) == bare and key != title_key
        twin = twin and len(key) <= 300 and sum(key.count(ch) for ch in "。!?！？") + key.count(". ") <= 2
        both_listed = previous is not None and {previous.role, r.role} <= {"bullet", "item"}
        if (
            previous is not None
            and r.role == "caption"
            and previous.role == "text"
            and len(previous.text) >= 8
            and r.text.startswith(previous.text)
        ):
            previous.set("caption", "a photo's text, then the same text with its credit")  # alt text, caption
        elif (
            twin
            and not both_listed
            and previous is not None
            and previous.role in ("text", "caption", "paragraph", "bullet", "item")
        ):
            # A photo's text twice in a row (its alternative text, then its caption); a name twice: the byline.
            named = cues.is_person_name(key)  # a name twice: a byline, not a photo's text
            for line in (previous, r):
                if named:
                    line.set("byline", "a person's name the page prints twice in a row")
                elif line.role != "caption":
                    line.set("caption", "a line the page prints twice in a row under a photo")
        elif key in seen and r.role in ("text", "field?"):
            r.set("furniture", "the same line again (the page prints it twice)")
        elif r.role == "text" and len(title_key) >= 10 and len(key) <= 300 and key.endswith(title_key):
            r.set("furniture", "a crumb that ends with the title (Home…Press Releases…the title)")
        seen.add(key)
        previous = r


#: How many lines printed twice in a row make a page that doubles its whole text, not a photo's.
DOUBLED_RUN = 3


def _doubled(body: list[Role]) -> bool:
    """Three or more prose lines each printed twice in a row."""
    keys = [" ".join(r.text.split()) for r in body]
    pairs = sum(1 for a, b in itertools.pairwise(keys) if a == b and len(a) >= 40)
    return pairs >= DOUBLED_RUN


_JA_PREDICATE_RE = re.compile(r"(?:ました|ません|です|ます|でした|した|った|ている|ていた|である|だった)$")


def _reads_as_sentence(text: str) -> bool:
    """A sentence that lost its full stop (most of its words in lower case; a Japanese predicate at
    its end; a Chinese comma inside), not a title of the page's."""
    words = text.split()
    if len(words) >= 4 and sum(w[:1].islower() for w in words) * 2 >= len(words):
        return True
    commas = ("，" in text or "、" in text) and len(text) > 30  # a headline has its commas too
    return bool(_JA_PREDICATE_RE.search(text)) or commas


#: How many lines of tags may stand under a tags heading (KEYWORDS, 关键词) one per line.
TAG_LINES = 8


def tag_lists(body: list[Role]) -> None:
    """Tags one per line under a line that only says so (KEYWORDS, 关键词, キーワード)."""
    following = 0
    for r in body:
        if page_cues.opens_tags(r.text):
            r.set("tags", "a tags heading")
            following = TAG_LINES
            continue
        tag = r.role in ("text", "field?", "furniture", "label") and cues.width(r.text) <= 60
        tag = tag and not page_cues.is_furniture(r.text)  # Share, Reuse this content: the page's, after the tags
        if following and tag and not cues.ends_like_sentence(r.text):
            r.set("tags", "a tag under the tags heading")
            following -= 1
            continue
        following = 0


#: How many short lines in a row make a column of tags on a pasted page (安华 / 黄循财 / 新柔经济特区).
TAG_COLUMN = 3
#: How wide each of them may be.
TAG_WIDTH = 16


def tag_columns(body: list[Role], at: int = 0) -> None:
    """On a pasted page, three or more one-word lines in a row under the title (no sentence, no list
    marker, no colon line above them) are the page's tags: no line of them has text under it.
    (``at``: how many of ``body``'s lines stand above the title: the page's menus, not its tags.)"""
    if not any(r.role in ("furniture", "label", "tags") for r in body):
        return
    run: list[Role] = []
    last = max((k for k, r in enumerate(body) if r.role == "text" and cues.ends_like_sentence(r.text)), default=0)
    for k, r in enumerate([*body[:last], None]):  # above the article's last sentence: after it, the page's menus
        if k < at:
            continue
        word = r is not None and r.role in ("text", "furniture", "label") and _one_word(r.text)
        word = word and r is not None and not page_cues.is_furniture(r.text) and not page_cues.is_button(r.text)
        if word and r is not None:
            run.append(r)
            continue
        start = k - len(run)
        introduced = start > 0 and body[start - 1].text.rstrip().endswith((":", "："))
        if len(run) >= TAG_COLUMN and not introduced and any(t.role == "text" for t in run):
            for t in run:
                t.set("tags", "one of a column of single words on the page (its tags)")
        run = []


def _one_word(text: str) -> bool:
    stripped = text.strip()
    return (
        0 < cues.width(stripped) <= TAG_WIDTH
        and not any(ch in stripped for ch in "，。、,.:：!?！？|｜/・•")
        and not cues.BULLET_RE.match(stripped)
        and len(stripped.split()) <= 2
        and not any(ch.isdigit() for ch in stripped)
        and not _JA_PREDICATE_RE.search(stripped)
    )
