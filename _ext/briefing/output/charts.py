"""The attention chart: briefings per month as bars, an SVG for HTML (no JavaScript) and a LaTeX
``picture`` for the PDF (no package: bars are ``\\rule``\\ s). Pure text from numbers; the only words
in it are month labels and the chart's caption, escaped for their format.
"""

from __future__ import annotations

import html
from typing import NamedTuple

#: Drawing units (SVG pixels): the chart's width when bars fit in it, the gap between bars, the
#: tallest bar, the room for the month labels under the bars and for the scale on the left.
WIDTH, GAP, HEIGHT, LABELS, LEFT = 320, 4, 60, 16, 18
#: A bar's narrowest and widest (many months widen the chart; few do not make fat bars).
BAR_MIN, BAR_MAX = 6, 36
#: The least room a month's label needs.
LABEL_ROOM = 40


def _bar(count: int) -> float:
    return float(min(BAR_MAX, max(BAR_MIN, (WIDTH - LEFT - GAP) / count - GAP)))


def _labelled(months: tuple[tuple[str, int], ...], step: float) -> set[int]:
    """Which bars carry their month under them: the first, each January, the last (with room)."""
    marks = {0, len(months) - 1} | {i for i, (m, _n) in enumerate(months) if m.endswith("-01")}
    shown: set[int] = set()
    for i in sorted(marks):
        if all(abs(i - j) * step >= LABEL_ROOM for j in shown):
            shown.add(i)
    return shown


class Bar(NamedTuple):
    x: float
    height: float
    month: str
    briefings: int
    labelled: bool


class Layout(NamedTuple):
    width: int
    top: int  # the largest count: the tallest bar
    bar: float  # a bar's width
    bars: tuple[Bar, ...]


def layout(months: tuple[tuple[str, int], ...]) -> Layout:
    """Where each bar stands and how tall it is; the same drawing in SVG and in LaTeX."""
    top = max(n for _m, n in months) or 1
    bar = _bar(len(months))
    labelled = _labelled(months, bar + GAP)
    bars = tuple(
        Bar(round(LEFT + GAP + i * (bar + GAP), 1), round(HEIGHT * n / top, 1), m, n, i in labelled)
        for i, (m, n) in enumerate(months)
    )
    return Layout(round(LEFT + len(months) * (bar + GAP) + GAP + LABEL_ROOM), top, bar, bars)


def svg(months: tuple[tuple[str, int], ...], caption: str) -> str:
    """An inline SVG bar chart: each bar's month and count in its ``<title>`` (a tooltip)."""
    if not months:
        return ""
    drawn = layout(months)
    width, full = drawn.width, HEIGHT + LABELS + 14
    parts = [
        f'<svg class="briefing-attention-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {full}" width="{width}" height="{full}" aria-label="{html.escape(caption)}">',
        f"<title>{html.escape(caption)}</title>",
        f'<line x1="{LEFT}" y1="{HEIGHT + 0.5}" x2="{width - LABEL_ROOM}" y2="{HEIGHT + 0.5}" class="axis"/>',
        f'<text x="0" y="8" font-size="8" class="top">{drawn.top}</text>',
    ]
    for b in drawn.bars:
        parts.append(
            f'<rect x="{b.x}" y="{HEIGHT - b.height}" width="{drawn.bar:.1f}" height="{b.height}">'
            f"<title>{b.month}: {b.briefings}</title></rect>"
        )
        if b.labelled:
            parts.append(f'<text x="{b.x}" y="{HEIGHT + LABELS}" font-size="8" class="month">{b.month}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _latex_text(text: str) -> str:
    specials = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%"}
    specials |= {"&": r"\&", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
    return "".join(specials.get(ch, ch) for ch in text)


def latex(months: tuple[tuple[str, int], ...], caption: str) -> str:
    """The same chart as a LaTeX ``picture`` (1 unit = 0.25 mm), centred, with its caption under it."""
    if not months:
        return ""
    drawn = layout(months)
    lines = [
        r"\begin{center}\setlength{\unitlength}{0.25mm}",
        rf"\begin{{picture}}({drawn.width},{HEIGHT + LABELS + 4})(0,-{LABELS + 4})",
        rf"\put({LEFT},0){{\line(1,0){{{drawn.width - LABEL_ROOM - LEFT}}}}}",
        rf"\put(0,{HEIGHT - 8}){{\tiny {drawn.top}}}",
    ]
    for b in drawn.bars:
        if b.briefings:
            lines.append(rf"\put({b.x},0){{\rule{{{drawn.bar * 0.25:.2f}mm}}{{{b.height * 0.25:.2f}mm}}}}")
        if b.labelled:
            lines.append(rf"\put({b.x},-{LABELS}){{\tiny {b.month}}}")
    lines += [r"\end{picture}", rf"\\{{\small {_latex_text(caption)}}}", r"\end{center}"]
    return "\n".join(lines)
