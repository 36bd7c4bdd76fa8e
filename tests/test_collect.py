"""The sentence around a mention, found once per paragraph; mentions that do not link left as text."""

from __future__ import annotations

from itertools import pairwise

from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.collect import _SENTENCE_END_RE, Sentences, plain_text_for_unlinked, sentence_at
from briefing.placeholders import mention


def scan(text: str, offset: int) -> str:
    """The plain way: scan the sentence ends from the start, every time."""
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
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
