"""The article's lead: its opening paragraph (pure).

The first prose paragraph before any heading, list, field or Q&A turn; in a news story, the
paragraph that opens with the dateline, under a pasted page's labels and subtitles; under a
summary in bullets; a short line right under the title with prose under it (a subtitle).
An analyst's override (the sidecar's ``structure.lead``) wins where it can open the article.
"""

from __future__ import annotations

import itertools
import re

from briefing.articles import captions, cues, datelines, sentences
from briefing.articles.article import StructureOverrides
from briefing.articles.role import Role


def normalise(text: str) -> str:
    """How an override's text and a line are compared: whitespace folded."""
    return " ".join(text.split())


_NOT_LEAD = frozenset({"meta", "byline", "caption", "separator", "editor", "field", "furniture", "label", "tags"})


def find_lead(body: list[Role], overrides: StructureOverrides) -> None:
    """The opening paragraph: the first prose line, before any heading, list, field or Q&A."""
    if overrides.lead is not None:
        wanted = normalise(overrides.lead)
        for i, r in enumerate(body):
            if normalise(r.text) == wanted:
                # Only what may stand before a lead (a date, a byline, fields, prose) is before it.
                if all(b.role in _NOT_LEAD or b.role == "paragraph" for b in body[:i]):
                    r.set("lead", "the sidecar says it is the lead")
                else:
                    r.data["lead_refused"] = True
                return
        return
    pasted = any(r.role in ("furniture", "label", "tags") for r in body)
    if _lead_at_dateline(body):
        return
    for i, r in enumerate(body):
        if r.role in _NOT_LEAD:
            continue
        if r.role == "item" and r.style == "bullet" and _summary_above_lead(body, i, pasted):
            continue  # a summary in bullets above the article (Reuters, SCMP): the lead is under it
        if pasted and r.role == "paragraph" and _page_scrap(r.text):
            r.set("furniture", "a scrap of the page above the article's first sentence")
            continue
        if (
            r.role == "heading"
            and r.style == "plain"
            and not r.data.get("forced")
            and cues.is_person_name(r.text, dated=True)
        ):
            r.set("byline", "a person's name alone above the article's first sentence")  # Takeshi Kojima
            continue
        if r.role == "heading" and r.style == "plain" and not r.data.get("forced") and _heads_nothing(body, i):
            r.set("label", "a short line over the page's own lines, above the article's first sentence")
            continue
        if r.role == "heading" and r.style == "plain" and not r.data.get("forced") and i + 1 < len(body):
            nxt = body[i + 1].role
            if pasted and nxt == "furniture":  # 東網電視 over 更多新聞短片: a box of the page's
                r.set("furniture", "a short line over the page's own lines, above the article's first sentence")
                continue
            if nxt in ("meta", "byline"):  # 大國外交 over the article's time: its section's label
                r.set("label", "a short line over the article's date or byline, above its first sentence")
                continue
        if (
            r.role == "paragraph"
            and not cues.ends_like_sentence(r.text)
            and sentences.sentence_ends(r.text) == 0
            and i + 1 < len(body)
            and body[i + 1].role == "meta"
        ):
            continue  # over the article's date line: the title's other line (its translation, a deck)
        if r.role == "paragraph" and _caption_over_lead(body, i):
            r.set("caption", "a photo's text over the first paragraph")
            continue
        introduces_prose = i + 1 < len(body) and body[i + 1].role == "paragraph"  # …the following announcements:
        if r.role == "paragraph" and (not r.text.endswith((":", "：")) or introduces_prose):
            opens = " (opens with a dateline)" if datelines.dateline(r.text) else ""
            r.set("lead", f"the first prose paragraph{opens}")
        elif (
            r.role == "heading"
            and r.style == "plain"
            and not r.data.get("forced")
            and (not pasted or cues.width(r.text) >= SUBTITLE_WIDTH)
            and i + 1 < len(body)
            and body[i + 1].role == "paragraph"
        ):
            # Right under the title, a short line with prose under it is the article's lead (a subtitle).
            r.set("lead", "the first line under the title, with prose under it")
        return


#: How wide a line under a pasted page's title must be to be its subtitle (the lead): narrower
#: ones are a program's or a section's name (一秒世界, CNN Newsroom).
SUBTITLE_WIDTH = 30
#: How far down a page the paragraph that opens with a dateline may stand and still be the lead.
DATELINE_REACH = 16


def _lead_at_dateline(body: list[Role]) -> bool:
    """A news story's lead opens with its dateline (MANILA, Philippines (AP) —, (吉隆坡20日讯),
    【ソウル共同】): no section heading stands above it, so the short lines that read as headings
    before it are the page's labels and subtitles. Only when no prose comes before it."""
    for i, r in enumerate(body[:DATELINE_REACH]):
        if r.role == "paragraph" and (datelines.dateline(r.text) or datelines.outlet_opener(r.text)):
            before = body[:i]
            if any(b.role in ("question", "answer", "field") for b in before):
                return False
            prose = [b for b in before if b.role == "paragraph"]
            if not all(sentences.reads_as_caption(b.text) for b in prose):
                return False
            for b in prose:  # a photo's text above the story (Leaders pose for a photo …)
                b.set("caption", "a photo's text above the paragraph that opens with the dateline")
            if any(b.role == "heading" and n.role == "item" for b, n in itertools.pairwise(before)):
                return False  # a section (At a Glance and its bullets) opens the article: no lead under it
            for b in before:
                if b.role == "heading" and not b.data.get("forced") and cues.is_person_name(b.text, dated=True):
                    b.set("byline", "a person's name alone above the paragraph that opens with the dateline")
                elif b.role == "heading" and not b.data.get("forced"):
                    b.set("label", "a short line above the paragraph that opens with the dateline")
            r.set("lead", "the paragraph that opens with the dateline")
            return True
    return False


def _page_scrap(text: str) -> bool:
    """On a pasted page, a short line above the first sentence that is no sentence itself."""
    return cues.width(text) < 40 and not cues.ends_like_sentence(text)


def _summary_above_lead(body: list[Role], i: int, pasted: bool) -> bool:
    """Bullets at the top of a pasted page, or over a paragraph that opens with a dateline."""
    j = i
    while j < len(body) and body[j].role == "item":
        j += 1
    after = next((b for b in body[j:] if b.role not in _NOT_LEAD), None)
    return after is not None and after.role == "paragraph" and (pasted or datelines.dateline(after.text) is not None)


#: Where and when a photo was taken, as a caption says it: in Jakarta, on Jan. 13, 2026.
_PHOTO_PLACE_RE = re.compile(r"\b(?:in|at) [A-Z][a-z]+|\bon [A-Z][a-z]{2,8}\.? \d{1,2}\b")
_QUOTES_RE = re.compile('["“”「」『』]')


def _heads_nothing(body: list[Role], i: int) -> bool:
    """Only the page's lines (its buttons, a photo, a byline, a date) stand between this short line
    and the next short line: it heads no text (Heard on All Things Considered)."""
    for b in body[i + 1 :]:
        if b.role == "heading":
            return (b.style or "plain") == "plain"  # not over a numbered sub-heading: that is its section
        if b.role not in _NOT_LEAD:
            return False
    return False


def _caption_over_lead(body: list[Role], i: int) -> bool:
    """The first prose line reads as a photo's text (one or two short sentences of what people in
    it do, or a credit) and a paragraph that does not follows it."""
    text = body[i].text.strip(" \u3000")
    described = sentences.reads_as_caption(text) and _PHOTO_PLACE_RE.search(text) and not _QUOTES_RE.search(text)
    if not (described or captions.is_caption(text)) or datelines.dateline(text):
        return False
    after = next((b for b in body[i + 1 :] if b.role not in _NOT_LEAD), None)
    if after is not None and after.role == "paragraph" and len(text) < len(after.text) and text[:10] == after.text[:10]:
        return True  # the photo's text says what the lead says, shorter (6月3日，中国外交部长在北京…)
    return (
        after is not None
        and after.role == "paragraph"
        and not sentences.reads_as_caption(after.text)
        and len(after.text) > len(text) * 0.8
    )
