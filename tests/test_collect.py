"""The sentence around a mention, found once per paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.collect import _SENTENCE_END_RE, Sentences, sentence_at


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
