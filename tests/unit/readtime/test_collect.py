"""The sentence around a mention, found once per paragraph; mentions that do not link left as text."""

from __future__ import annotations

from itertools import pairwise

from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.readtime.collect import Sentences, _join_texts, _Places, plain_text_for_unlinked, sentence_at
from briefing.readtime.nodes import MENTIONS, SENTENCE_END_RE, append_text, mention, note_mention


def scan(text: str, offset: int) -> str:
    """The plain way: scan the sentence ends from the start, every time."""
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        if match.end() > offset:
            return text[start : match.start() if match.start() > start else match.end()].strip() or text.strip()
        start = match.end()
    return text[start:].strip()


def test_sentences_of_a_japanese_paragraph() -> None:
    text = "王毅氏は北京でショイグ氏と会談しました。両氏は協力を確認した。Then they left. 最後"
    assert sentence_at(text, 0) == "王毅氏は北京でショイグ氏と会談しました。"
    assert sentence_at(text, text.index("両氏")) == "両氏は協力を確認した。"
    assert sentence_at(text, text.index("they")) == "Then they left."
    assert sentence_at(text, len(text) - 1) == "最後"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("あい王。！？!?.; \n")), max_size=40))
def test_any_offset_gives_the_sentence_a_scan_gives(text: str) -> None:
    sentences = Sentences(text)
    for offset in range(len(text) + 1):
        assert sentences.at(offset) == scan(text, offset), (text, offset)


def _paragraph(*parts: str | tuple[str, list[str], bool]) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        if isinstance(part, str):
            para += nodes.Text(part)
        else:
            shown, ids, link = part
            para += mention(shown, shown, classes=["briefing-mention"], entities=ids, link=link)
    return para


def test_unlinked_mentions_become_text_joined_with_their_neighbours() -> None:
    para = _paragraph("会談で", ("王毅", ["wang-yi"], False), "氏と", ("中ロ", ["china", "russia"], False), "は")
    section = nodes.section("", para)
    plain_text_for_unlinked(section)
    assert [type(c) for c in para.children] == [nodes.Text]
    assert para.astext() == "会談で王毅氏と中ロは"


def test_linked_mentions_stay_between_joined_texts() -> None:
    para = _paragraph(
        ("中国", ["china"], True), "の", ("王毅", ["wang-yi"], False), "氏が", ("北京", ["beijing"], True), "で"
    )
    plain_text_for_unlinked(para)
    assert [type(c).__name__ for c in para.children] == ["mention", "Text", "mention", "Text"]
    assert [c.astext() for c in para.children] == ["中国", "の王毅氏が", "北京", "で"]
    assert all(child.parent is para for child in para.children)


@given(st.lists(st.tuples(st.sampled_from(["あ", "王毅", "。", ""]), st.booleans(), st.booleans()), max_size=12))
def test_the_text_is_kept_whatever_the_mix(parts: list[tuple[str, bool, bool]]) -> None:
    para = _paragraph(*((text, ["x"], link) if is_mention and text else text for text, is_mention, link in parts))
    before = para.astext()
    linked = [c.astext() for c in para.findall(mention) if c["link"]]
    touched = any(not c["link"] for c in para.findall(mention))
    plain_text_for_unlinked(para)
    assert para.astext() == before
    assert [c.astext() for c in para.findall(mention)] == linked
    kinds = [isinstance(c, nodes.Text) for c in para.children]
    if touched:
        assert not any(a and b for a, b in pairwise(kinds)), "no two texts side by side"


def nth_index(text: str, shown: str, nth: int) -> int:
    """The plain way: where ``shown`` appears after ``nth`` earlier appearances, searched from the start."""
    at = -len(shown)
    for _ in range(nth + 1):
        at = text.find(shown, at + len(shown))
        if at < 0:
            return len(text)
    return at


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.text(alphabet=st.sampled_from(list("あ王毅。！?.; \n")), max_size=12), st.booleans())),
    st.booleans(),
)
def test_a_mention_noted_while_parsing_finds_the_sentence_its_offset_gives(
    parts: list[tuple[str, bool]], remembered: bool
) -> None:
    # As MyST builds a paragraph: text, then the role notes the mention and adds its text (or a node).
    # With a document, what was read is remembered between notes; without, read again each time.
    para = nodes.paragraph()
    document = nodes.document(None, None) if remembered else None
    offsets = []
    for text, link in parts:
        if text:
            append_text(para, text)
        offsets.append(len(para.astext()))
        assert note_mention(para, ["wang-yi"], link, "王毅", document)
        if link:
            para += mention("王毅", "王毅", entities=["wang-yi"], link=True, recorded=True)
        else:
            append_text(para, "王毅")
    sentences = Sentences(para.astext())
    noted = para.get(MENTIONS, [])
    assert len(noted) == len(parts)
    text = para.astext()
    places = _Places(text)
    for (ids, link, shown, before, nth), offset, (_text, wanted_link) in zip(noted, offsets, parts, strict=True):
        assert before == len(SENTENCE_END_RE.findall(text[:offset]))
        assert nth == text[:offset].count(shown)
        assert nth_index(text, shown, nth) == offset == places.nth(shown, nth)
        assert (ids, link, shown) == (["wang-yi"], wanted_link, "王毅")
        assert sentences.nth(before, shown) == sentences.at(offset), (para.astext(), offset)
    _join_texts(para)
    kinds = [isinstance(c, nodes.Text) for c in para.children]
    assert not any(a and b for a, b in pairwise(kinds)), "once read, a quiet mention's text joins its neighbours"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab")), max_size=30), st.sampled_from(["a", "ab", "aa", "aba"]))
def test_places_asked_in_order_agree_with_a_search_from_the_start(text: str, shown: str) -> None:
    places = _Places(text)
    for nth in range(text.count(shown) + 2):
        assert places.nth(shown, nth) == nth_index(text, shown, nth)


def test_a_paragraph_of_twenty_thousand_mentions_is_noted_in_linear_time() -> None:
    import time

    start = time.monotonic()
    para = nodes.paragraph()
    document = nodes.document(None, None)
    for _ in range(20_000):
        append_text(para, "、")
        note_mention(para, ["china"], False, "中国", document)
        append_text(para, "中国")
    text = para.astext()
    noted = para[MENTIONS]
    places = _Places(text)
    assert [places.nth(n[2], n[4]) for n in noted[-3:]] == [
        text.rindex("中国", 0, len(text) - k * 3) for k in (2, 1, 0)
    ]
    assert noted[-1][4] == 19_999
    assert time.monotonic() - start < 20  # reading the paragraph again at each mention: minutes


def test_a_mention_outside_any_paragraph_is_not_noted() -> None:
    holder = nodes.Element()  # what MyST parses a directive's inline text into, before placing it
    assert not note_mention(holder, ["wang-yi"], True, "王毅")
    assert MENTIONS not in holder


def test_a_sentence_count_shifted_by_a_later_transform_still_finds_the_mention() -> None:
    # Counted on "Wait... 王毅 came." (a sentence end after "..."); SmartQuotes then made it "…".
    sentences = Sentences("Wait… 王毅 came. Then more.")
    assert sentences.nth(1) == "Then more."
    assert sentences.nth(1, "王毅") == "Wait… 王毅 came."
    assert sentences.nth(7, "王毅") == "Wait… 王毅 came."
    assert sentences.nth(1, "absent") == "Then more."
