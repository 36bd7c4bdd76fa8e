"""How a line reads as prose (pure, one line at a time): how many sentences end in it (past
abbreviations and initials), and whether it reads like a photo's text.
"""

from __future__ import annotations

import re

#: What a photo's text says people do, in the present (Leaders pose for a photo, X shakes hands).
_CAPTION_VERBS_RE = re.compile(
    r"\b(?:poses?|shakes?|joins?|welcomes?|attends?|meets?|speaks?|arrives?|delivers?|waves?|gestures?|"
    r"listens?|walks?|greets?|signs?|holds?|stands?|sits?|looks? on|addresses?|inspects?|visits?|witness(?:es)?"
    r"|link hands|posing|shaking|waving|gesturing|delivering|speaking|arriving|greeting|listening|walking"
    r"|answers? questions)\b"
    r"|\bfile (?:photo|picture|image)\b|\bin this (?:photo|picture|handout)\b|臨む|握手する|写真|摄|攝",
    re.IGNORECASE,
)


#: Abbreviations whose full stop ends no sentence (Jr., Feb., Mr., No.), and single initials.
_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:Jr|Sr|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sen|Rep|Gov|Sec|St|No|Vol|Inc|Co|Corp|Ltd|vs|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\. $"
)


def sentence_ends(text: str) -> int:
    """How many sentences end inside a line: full stops (``。``, ``! ``, ``. ``), not an
    abbreviation's (``Jr. ``, ``Feb. ``) or an initial's (``W. ``)."""
    count = sum(text.count(ch) for ch in "。．!?！？")
    start = text.find(". ")
    while start != -1:
        if not _ABBREVIATION_RE.search(text[max(0, start - 6) : start + 2]):
            count += 1
        start = text.find(". ", start + 2)
    return count


def reads_as_caption(text: str) -> bool:
    """A short paragraph that reads like a photo's text: one or two sentences saying, in the
    present, what people in a photo do (or that it is a file photo)."""
    if len(text) > 320 or sentence_ends(text) > 2:
        return False
    return bool(_CAPTION_VERBS_RE.search(text)) and not re.search(r"\b(?:said|says|will|would)\b", text)
