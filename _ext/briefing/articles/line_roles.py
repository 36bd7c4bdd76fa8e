"""The role a line of a seed takes on its own, before its neighbours are weighed (pure).

Its cues (:mod:`briefing.articles.cues`, :mod:`briefing.articles.page_cues`, datelines) in
order: a separator, a stamp (a date and a clock time), an editor's line, a Q&A turn or a
speaker's label, the page's own lines (tags, furniture, a section label near the title), a
dateline, an outlet's sign-off, a caption, a byline, a source footer, a date line, a footnote,
a bullet, a topic, a numbering, a ``key：value`` field; else plain text.
"""

from __future__ import annotations

import re

from briefing.articles import captions, cues, datelines, page_cues, speakers
from briefing.articles.dates import is_date_and_place, is_date_only
from briefing.articles.role import Role

#: How many lines under the title a section label may stand (国際, WORLD).
LABEL_REACH = 3


def candidate(r: Role, i: int, last: int) -> None:
    """The roles a line takes on its own (``i``: its place under the title, 0 or less above it;
    ``last``: the last line's place)."""
    text = r.text
    if cues.is_separator(text):
        return r.set("separator", "a line of marks only")
    spaced = cues.spaced_field(text)
    if spaced:  # ■日時    令和7年11月20日: a field of a record (its date still counts), its mark no numbering
        r.data["field"] = spaced
        r.data["was_meta"] = page_cues.whole_date(spaced[1])
        return r.set("field?", "key and value set apart by spaces")
    if _stamped(r):
        return None
    if cues.is_editor(text):
        return r.set("editor", "an editor's line")
    if _turn(r) or _page_line(r, i) or _place_and_outlet(r):
        return None
    if datelines.dateline(text):
        return r.set("text", "opens with a dateline")
    signed = cues.sign_off(text)
    # [時事通信社], Copyrights(C) News1 wowkorea.jp: the outlet, not a photo's credit ([FULL STORY]: a button)
    if signed is not None and i > 1 and not page_cues.is_furniture(" ".join(signed.split())):
        r.data["outlet"] = signed
        return r.set("source", "the outlet that closes the article, on a line of its own")
    if captions.is_caption(text):
        return r.set("caption", "written like a photo caption")
    bulleted = cues.BULLET_RE.match(text)
    if bulleted and page_cues.is_outlet(text[bulleted.end() :]) and i > 0:  # • Jiji: the agency as a byline
        r.data["outlet"] = text[bulleted.end() :].strip()
        return r.set("byline", "the outlet's name standing alone, bulleted")
    if cues.is_byline(text):
        outlet = page_cues.byline_outlet(text) or _with_agency(text)
        if outlet:
            r.data["outlet"] = outlet
        return r.set("byline", "names who wrote it")
    if page_cues.is_outlet(text) and not page_cues.is_publisher(text) and i > 0 and i >= last - 2:
        r.data["outlet"] = text.strip()  # Reuters, at the story's end: its source
        return r.set("source", "a wire's name alone at the article's end")
    if page_cues.is_outlet(text) and i > 0:
        if not page_cues.is_publisher(text):  # a wire's name is the source; the page's own outlet is not
            r.data["outlet"] = text.strip()
        return r.set("byline", "the outlet's name standing alone")
    outlet = cues.source_footer(text)
    if outlet is not None:
        r.data["outlet"] = outlet
        if (i <= 3 and text[:2] in ("来源", "來源")) or (i <= 8 and text.startswith(("資料來源", "资料来源"))):
            return r.set("meta", "a source line under the title")
        return r.set("source", "a one-line source footer")
    if cues.meta_label(text):
        return r.set("meta", "a labelled date or metadata line")
    if is_date_only(text):
        return r.set("meta", "a date and little else")
    if cues.is_footnote_mark(text) and not cues.BULLET_RE.match(text):
        return r.set("footnote", "starts with a footnote mark")
    bullet = cues.BULLET_RE.match(text)
    if bullet:
        r.marker, r.body = text[: bullet.end()].strip(), text[bullet.end() :].strip()
        return r.set("bullet", f"starts with the bullet {r.marker!r}")
    topic = _TOPIC_RE.match(text)
    if topic:  # ~ PHILIPPINES ~: a briefing's index of topics (numbered as a run of its own, never takeaways)
        r.style, r.marker, r.body = "topic", "~", topic.group(1)
        return r.set("numbered", "a topic between tildes (a briefing's index)")
    numbered = cues.numbering(text)
    if numbered:
        r.style, r.marker, r.body = numbered.style, numbered.marker.strip(" \u3000"), numbered.text
        return r.set("numbered", f"starts with the numbering {numbered.marker.strip() or numbered.style!r}")
    kv = cues.field(text)
    if kv and not kv[0].rstrip(":：").isdigit():
        r.data["field"] = kv
        return r.set("field?", "key：value")
    return r.set("text", "")


#: An English byline naming the agency the story draws on: Staff writer, with CNA
_WITH_AGENCY_RE = re.compile(r",? with (?P<agency>CNA|AP|AFP|Reuters|Bloomberg|Kyodo|Jiji|Xinhua|Yonhap|dpa)$")


def _with_agency(text: str) -> str | None:
    m = _WITH_AGENCY_RE.search(text.strip())
    return m.group("agency") if m else None


def _turn(r: Role) -> bool:
    """A Q&A turn (問：, Q:) or a speaker's label in brackets (【記者】, (外務大臣))."""
    text = r.text
    turn = cues.qa_turn(text)
    if turn:
        r.marker, r.body = turn[1], turn[2]
        r.set(turn[0], f"starts with the Q&A marker {turn[1]!r}")
        return True
    named = _QA_SPEAKER_RE.match(text.strip())
    if named and _SPEAKER_LIKE_RE.search(named.group(2)):
        # Q 代表幹事(新潟日報) / A 知事: the marker and who speaks, alone on the line; what is said is under it
        r.marker, r.body = text.strip(), ""
        r.data["speaker"] = named.group(2)
        r.set("question" if named.group(1) == "Q" else "answer", "a Q or A marker with the speaker, alone")
        return True
    spoken = speakers.bracket_label(text) if not cues.is_byline(text) else None
    if not spoken:
        return False
    label, r.marker, r.body = spoken
    if label not in ("問", "答", "问"):
        r.data["speaker"] = label
    asks = speakers.speaker_asks(label)
    r.set("question" if asks else "answer", f"opens with the speaker's label {r.marker!r}")
    return True


def _page_line(r: Role, i: int) -> bool:
    """A line of the web page's own: tags, a photo's © credit, furniture, a section label near the title."""
    text = r.text
    if is_date_only(text):
        return False  # 20251105: a date line, not one of the page's numbers
    if page_cues.is_tags(text):
        r.set("tags", "a tag or keyword line")
    elif text.startswith("©") and "/" in text and captions.is_caption(text):
        r.set("caption", "a photo's credit (© Name/Agency)")
    elif page_cues.is_furniture(text) or _bulleted_furniture(text):
        r.set("furniture", "what the web page puts around an article (a button, a link list, a notice)")
    elif i <= LABEL_REACH and page_cues.is_label(text):
        r.set("label", "a section label near the title")
    else:
        return False
    return True


def _bulleted_furniture(text: str) -> bool:
    """• 大字 / • 中字 / [FULL  STORY]: a button of the page's, bulleted or in brackets."""
    bullet = cues.BULLET_RE.match(text)
    if bullet is not None:  # - Advertisement -
        return page_cues.is_furniture(text[bullet.end() :].rstrip(" -–—"))
    stripped = text.strip()
    if stripped[:1] in "[［" and stripped[-1:] in "]］":
        return page_cues.is_furniture(" ".join(stripped[1:-1].split()))
    return False


#: A dateline that is the whole line but for the story's title: 中新社吉隆坡10月26日電 題：…
_DATELINE_TITLE_RE = re.compile(r"^.{0,30}?[电電][ \u3000]*[题題][：:]")


def _stamped(r: Role) -> bool:
    """A line that stamps the article (a date and a clock time, an outlet or an editor with them;
    a dateline with the story's title; a CNA date code): metadata, whatever else it holds."""
    text = r.text
    stamped = page_cues.is_dated_stamp(text) or (cues.inner_source(text) is not None and page_cues.whole_date(text))
    dated_first = _DATE_FIRST_RE.match(text.strip())  # 2026年02月13日 Copyright © …: the article's date, first
    printed = _PRINT_EDITION_RE.match(text.strip())  # 《 光明日报 》（ 2025年05月21日 12 版）: the print edition's page
    stamped = stamped or (printed is not None and page_cues.whole_date(printed.group(1)))
    stamped = stamped or is_date_and_place(text)
    stamped = stamped or (
        dated_first is not None
        and len(text) <= 100
        and not cues.ends_like_sentence(text)
        and not any(ch in text for ch in "，,。、")
    )
    if not (stamped or _DATELINE_TITLE_RE.match(text) or _CNA_CODE_RE.match(text) or cues.is_time_only(text)):
        return False
    outlet = cues.inner_source(text) or page_cues.outlet_in(text)
    if outlet:
        r.data["outlet"] = outlet
    if _NAMED_STAMP_RE.match(text.strip()):
        r.set("byline", "a writer's name and the date and time")  # Dimas Pratama - 11 February 2025 14:05 WIB
        return True
    r.set("meta", "a date and a clock time (or another stamp of the article)")
    return True


#: A writer's name before the article's date and time: Dimas Pratama - 11 February 2025 14:05 WIB
_NAMED_STAMP_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2} [-–—|] ")
#: A dateline on a line of its own, the place and the outlet: Riyadh - Asharq Al-Awsat
_PLACE_OUTLET_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)? [-–—] (?P<outlet>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3})$")


def _place_and_outlet(r: Role) -> bool:
    m = _PLACE_OUTLET_RE.match(r.text.strip())
    if not m:
        return False
    r.data["outlet"] = m.group("outlet")
    r.set("meta", "a dateline on a line of its own: the place and the outlet")
    return True


#: Q 代表幹事(新潟日報), A 知事: a turn's marker and its speaker, alone on a line (Japanese prefectures).
_QA_SPEAKER_RE = re.compile(r"^([QA])[ \u3000]+([^\s\u3000。、，,.:：][^。、，,.:：]{0,23})$")
#: Who speaks after a bare Q or A: a name in CJK characters, or an outlet in capitals (BSN), never words.
_SPEAKER_LIKE_RE = re.compile(r"^(?:[A-Z]{2,10}|.*[\u3040-\u30ff\u3400-\u9fff].*)$")
#: A newspaper's name, then the date and page of its print edition.
_PRINT_EDITION_RE = re.compile(r"^《[^》]{1,20}》[ \u3000]*[（(]([^（()）]{6,40}版)[)）]$")
#: A whole date opening a line: 2026年02月13日, 2026-02-13, 2026/2/13.
_DATE_FIRST_RE = re.compile(r"^[0-9]{4}(?:年[0-9]{1,2}月[0-9]{1,2}日|[-/.][0-9]{1,2}[-/.][0-9]{1,2})(?![0-9])")
#: ~ PHILIPPINES ~: a topic of a press briefing's index, between tildes.
_TOPIC_RE = re.compile(r"^~ ?([^~]{1,60}?) ?~$")
#: 1141119: the Taiwanese calendar's year, month and day that close a CNA article.
_CNA_CODE_RE = re.compile(r"^1[0-9]{2}[01][0-9][0-3][0-9]$")
