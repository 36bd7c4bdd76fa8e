"""Who speaks in a transcript, by the label that opens a line (pure): a reporter or an outlet asks
(彭博社记者：, The Paper:, 【TBS 記者】, QUESTION:), an official answers by office (林剑：, Mao Ning:,
【外務大臣】, ○知事), a host asks (主持人 陳思遠：, RACHEL VOSS, CNN ANCHOR:).
"""

from __future__ import annotations

import re

from briefing.articles.cues import ends_like_sentence, width
from briefing.articles.page_cues import census_words

_ASKING_OUTLETS = census_words("asking_outlets")

#: Who asks: a reporter, or an outlet (the MFA's transcripts name the outlet).
_ASKER_WORDS_RE = re.compile(
    r"(?:记者|記者|reporter|journalist|correspondent|news agency|agency|news|tv|television|radio|daily|times|post"
    r"|press|media|group|network|channel|broadcasting|telegraph|herald|journal|tribune|gazette|review|weekly"
    r"|通信|新聞|放送|テレビ|日報|日报|电视|電視|电台|電台|新闻社|通讯社|通訊社|卫视|衛視|时报|時報|周刊|週刊"
    r"|questioner|presenter|channel(?: [a-z]+)?|host|anchor|interviewer"
    r"|主持人|主播|司会|記者問|记者问|問|问|幹事社|幹事)$",
    re.IGNORECASE,
)
#: Who answers by office (a spokesperson, a minister) when the label is a title, not a name.
_ANSWERER_RE = re.compile(
    r"(?:发言人|發言人|部长|部長|外长|外長|大臣|外相|総理|首相|長官|官房長官|報道官|副大臣|政務官|大使|主席|总理|總理|总统|總統"
    r"|大統領|国王|議長|委員長|職員|事務総長|秘書長|秘书长|知事|市長|市长|課長|局長|室長|町長|村長|区長|副知事|行政長官|行政长官"
    r"|發言人答|发言人答|答"
    r"|spokesperson|spokesman|spokeswoman|minister|secretary|ambassador|president|premier|chancellor|director)$",
    re.IGNORECASE,
)
#: A label and a colon at the start of a line: 林剑：…, 彭博社记者：…, Mao Ning: …, The Paper: …
_COLON_LABEL_RE = re.compile(
    r"^(?P<label>[^\s：:。，、,.!?！？「」“”()（）【】]{2,16}"
    r"|[^\s：:。，、,.!?！？「」“”()（）【】a-zA-Z]{1,10}[ \u3000][^\s：:。，、,.!?！？「」“”()（）【】a-zA-Z]{1,8}"
    r"|[A-Z][\w.&'’-]{0,20}(?:,? [\w.&'’-]{1,20}){0,9}(?: \([A-Z][\w .&'’-]{1,40}\))?)"  # the outlet: in the label
    r"(?: \([a-z][a-z ]{2,30}\))?"  # how they speak (through translator): not
    r"[ \u3000]*[：:][ \u3000]*(?=\S|$)"
)
#: A label in lenticular brackets, or a Japanese transcript's （記者）, at the start of a line.
_BRACKET_LABEL_RE = re.compile(
    r"^(?:【(?P<a>[^】]{1,24})】|[（(](?P<b>[^（()）]{0,12}?(?:記者|大臣|外相|総理|長官|報道官|問|答|知事|市長|副知事"
    r"|課長|局長|部長|会長|委員長|議長|幹事|司会))[)）])[ \u3000]*"
)


#: A transcript's clock before the speaker's label: [13:00:14] RACHEL VOSS, CNN ANCHOR: …
_TRANSCRIPT_CLOCK_RE = re.compile(r"^\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\][ \u3000]*")


def colon_label(text: str) -> tuple[str, str, str] | None:
    """(label, the marker as written, the rest) of a ``label：text`` line; the label may be anyone
    (a transcript's clock before it kept in the marker)."""
    indent = len(text) - len(text.lstrip(" \u3000"))
    clock = _TRANSCRIPT_CLOCK_RE.match(text, indent)
    at = clock.end() if clock else indent
    m = _COLON_LABEL_RE.match(text[at:]) or _BRACKETED_COLON_RE.match(text[at:]) or _DASH_LABEL_RE.match(text[at:])
    if not m:
        return None
    return m.group("label"), text[: at + m.end()].rstrip(" \u3000"), text[at + m.end() :]


#: A label in capitals before a dash: PRESENTER- …, FOREIGN MINISTER SELIM KARADAĞ- … (Türkiye's MFA).
_DASH_LABEL_RE = re.compile(r"^(?P<label>[A-Z][A-Z.'’ÀÇĞİÖŞÜ]{1,20}(?: [A-Z][A-Z.'’ÀÇĞİÖŞÜ]{0,20}){0,5})- (?=\S)")
#: A label in lenticular brackets before a colon: 【罗文清】：… (MOFCOM's records).
_BRACKETED_COLON_RE = re.compile(r"^【(?P<label>[^】\s：:]{1,16})】[ \u3000]*[：:][ \u3000]*(?=\S)")


#: A speaker's label after a mark, as prefectures' records print them: ○知事 …, ●知事, ○日本海新聞 川口 記者
_MARKED_LABEL_RE = re.compile(r"^[○◯〇●◎][ \u3000]*(?=\S)")


def _marked_label(text: str) -> tuple[str, str, str] | None:
    m = _MARKED_LABEL_RE.match(text)
    if not m:
        return None
    rest = text[m.end() :].strip(" \u3000")
    if width(rest) <= 40 and not ends_like_sentence(rest) and speaker_asks(rest) is not None:
        return rest, text.rstrip(" \u3000"), ""  # the label alone on its line: what is said is under it
    token, _space, said = rest.replace("\u3000", " ").partition(" ")
    if said and len(token) <= 12 and speaker_asks(token) is not None:
        return token, text[: m.end()] + token, text[m.end() + len(token) :].lstrip(" \u3000")
    return None


#: An outlet's name, not a reporter's (有線新聞, 東網, 星島日報), in brackets at a story's start.
_OUTLET_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:新聞|新闻|日報|日报|電視|电视|電台|电台|網|网)$")


def bracket_label(text: str) -> tuple[str, str, str] | None:
    """(label, marker, rest) of ``【TBS 記者】…`` / ``【外務大臣】`` / ``（記者）…`` / ``○知事 …``, when
    the label is a speaker's."""
    marked = _marked_label(text)
    if marked is not None:
        return marked
    m = _BRACKET_LABEL_RE.match(text)
    if not m:
        return None
    label = (m.group("a") or m.group("b") or "").strip(" \u3000")
    if speaker_asks(label) is None:
        return None
    rest = width(text[m.end() :].strip())
    if _OUTLET_LABEL_RE.search(label) and (rest >= 60 or rest == 0):
        return None  # 【有線新聞】外長應約… or 【有線新聞】 alone: the outlet's tag, not a speaker
    return label, text[: m.end()].rstrip(" \u3000"), text[m.end() :]


#: Who hosts a broadcast, named before the host's name (主持人 陳思遠).
_HOSTS = frozenset({"主持人", "主播", "司会", "host", "anchor"})


def speaker_asks(label: str) -> bool | None:
    """True for one who asks (a reporter, an outlet), False for one who answers by office, None if neither shows."""
    if _FROM_OUTLET_RE.search(label.strip()) or _LEGISLATOR_RE.search(label):
        return True  # Ayesha Rauf (City News): a reporter, named with the outlet; 林委員思妤: a legislator
    if _BOOK_TITLE_RE.match(label.strip()):
        return True  # 《斐济时报》: a newspaper's name, in the marks of a title
    folded = _HOW_THEY_SPEAK_RE.sub("", label.strip().casefold())  # … spokesman (through translator)
    if folded in _ASKING_OUTLETS or _ASKER_WORDS_RE.search(folded) or folded in ("問", "记者", "記者"):
        return True
    # 主持人 陳思遠, 外交部發言人 何建平: the role, then the name
    first = folded.replace("\u3000", " ").split(" ", 1)[0]
    if first in _HOSTS:
        return True
    if _ANSWERER_RE.search(folded) or folded in ("答",) or (first != folded and _ANSWERER_RE.search(first)):
        return False
    return None


#: A publication's name in the marks of a title: 《斐济时报》, 《朝日新聞》.
_BOOK_TITLE_RE = re.compile(r"^《[^《》]{1,20}》$")
#: A name with its outlet in brackets: Ayesha Rauf (City News), 林小姐（鳳凰衛視）.
_FROM_OUTLET_RE = re.compile(
    r"\([A-Z][\w .&'’-]{1,40}\)$|[（(][^（()）]{1,12}(?:新聞|新闻|日報|日报|電視|电视|衛視|卫视|社|台|網|网)[)）]$"
)
#: A legislator questioning a minister (林委員思妤, 王议员): asks.
_LEGISLATOR_RE = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:委員|委员|議員|议员)(?![長长])")
#: How a speaker speaks, after the label: (through translator), (via video link).
_HOW_THEY_SPEAK_RE = re.compile(r" \([a-z][a-z ]{2,30}\)$")


#: A speaker's name or office alone on its line, in round brackets: (知事), (幹事社), (静岡新聞).
_BRACKETED_ALONE_RE = re.compile(r"^[（(]([^（()）\s]{1,14})[)）]$")


#: A speaker's office alone on its line, bare: 知事, 記者, 職員 (Osaka's records).
_BARE_LABEL_RE = re.compile(r"^[\u3400-\u9fff]{1,6}$")
_BARE_ROLES = frozenset({"記者", "记者", "職員", "司会", "大臣", "長官", "報道官", "发言人", "發言人", "主持人"})
_BARE_OFFICE_RE = re.compile(r"^[\u3400-\u9fff]{0,4}(?:知事|市長|市长|大臣|委員長|議長|長官|報道官)$")


def bare_label(text: str) -> tuple[str, str, str] | None:
    """(label, marker, "") of an office or an asker alone on its line (知事, 記者): a turn only
    where the transcript has others, as for :func:`bracketed_alone`."""
    label = text.strip(" \u3000")
    if not _BARE_LABEL_RE.match(label) or not (label in _BARE_ROLES or _BARE_OFFICE_RE.match(label)):
        return None  # 質疑応答 alone is a heading, not the one who answers
    asks = speaker_asks(label)  # an office answers; of askers only 記者 (an outlet alone is a byline)
    if asks is None or (asks and label not in ("記者", "记者")):
        return None
    return label, label, ""


def bracketed_alone(text: str) -> tuple[str, str, str] | None:
    """(label, marker, "") of a label alone in round brackets, when it names who asks or answers:
    a turn only where the transcript has others (a byline or a source may look the same alone)."""
    m = _BRACKETED_ALONE_RE.match(text.strip())
    if not m or speaker_asks(m.group(1)) is None:
        return None
    return m.group(1), text.strip(), ""
