"""How a generated page names a label (pure): ``{briefing-label}`key args``` and the gojūon rows.

The role (:mod:`briefing.readtime.labels`) gives the label's text in the language of
the build that reads the page; the page itself holds only the key, so a committed page
is the same whatever the build's language.
"""

from __future__ import annotations

#: Gojūon rows of the entity lists: page name -> its kana (the first is the row's name).
GOJUON_ROWS = (("a", "あいうえお"), ("ka", "かきくけこがぎぐげご"), ("sa", "さしすせそざじずぜぞ"),
               ("ta", "たちつてとだぢづでどっ"), ("na", "なにぬねの"), ("ha", "はひふへほばびぶべぼぱぴぷぺぽ"),
               ("ma", "まみむめも"), ("ya", "やゆよゃゅょ"), ("ra", "らりるれろ"), ("wa", "わをんゎ"))  # fmt: skip


def label(key: str, *args: str) -> str:
    """The MyST of a label: ``label("month", "2025-02")`` -> ``{briefing-label}`month 2025-02```.

    Keys and arguments are the extension's own (ASCII words, dates, ids), never seed text.
    """
    return "{briefing-label}`" + " ".join((key, *args)) + "`"
