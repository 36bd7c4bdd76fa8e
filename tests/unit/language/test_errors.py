"""Every call into an analyser: its error becomes one AnalyserError, and the call is counted."""

from __future__ import annotations

import time

import pytest

from briefing.language import errors
from briefing.language.errors import AnalyserError, analysing
from briefing.language.words import chinese_words, japanese_words


def test_an_analysers_error_becomes_one_error_naming_it() -> None:
    with pytest.raises(AnalyserError, match=r"Sudachi failed: ValueError: bad input"), analysing("Sudachi"):
        raise ValueError("bad input")


def test_each_call_and_its_time_are_counted_failed_ones_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "USAGE", {})
    with analysing("Test"):
        time.sleep(0.01)
    with pytest.raises(AnalyserError), analysing("Test"):
        raise RuntimeError("x")
    calls, seconds = errors.USAGE["Test"]
    assert calls == 2
    assert 0.01 <= seconds < 5


def test_the_analysers_calls_are_the_ones_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    japanese_words("ラブロフ外相は会談した。")  # dictionaries loaded before counting
    chinese_words("王毅外长会见了记者。")
    monkeypatch.setattr(errors, "USAGE", {})
    for _ in range(3):
        japanese_words("ラブロフ外相は会談した。")
    chinese_words("王毅外长会见了记者。")
    assert errors.USAGE["Sudachi"][0] == 3
    assert errors.USAGE["jieba"][0] >= 1
