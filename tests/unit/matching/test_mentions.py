"""The alias matcher, the mention linker and the candidate finder: many small cases."""

from __future__ import annotations

import gc
import re
import time
import unicodedata

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.generating.render import MentionLinker
from briefing.language.titles import SHORT_TITLES
from briefing.language.words import Segmenter, is_joining
from briefing.matching.mentions import Matcher, Mention, normalise
from briefing.matching.person_names import find_candidates
from briefing.registry.loading import load_registry
from tests.conftest import ROOT

REGISTRY = load_registry(ROOT / "registry")
MATCHER = Matcher(REGISTRY.aliases())


def found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text(text), m.entities) for m in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国連安全保障理事会の常任理事国", [("国連安全保障理事会", ("un-security-council",))]),
        ("国連創設80年", [("国連", ("un",))]),
        ("上海協力機構(SCO)を主宰", [("上海協力機構", ("sco",)), ("SCO", ("sco",))]),
        ("上海協力機構（SCO）を主宰", [("上海協力機構", ("sco",)), ("SCO", ("sco",))]),
        ("UNESCO and the UN", [("UN", ("un",))]),
        ("the G200 and the G20", [("G20", ("g20",))]),
        ("let us talk to the US", [("US", ("united-states",))]),
        ("the U.S. and Russia", [("U.S.", ("united-states",)), ("Russia", ("russia",))]),
        ("「第三国に左右されない」中ロ関係", [("中ロ", ("china", "russia"))]),
        ("王毅氏と王毅外相", [("王毅", ("wang-yi",)), ("王毅", ("wang-yi",))]),
        (
            "セルゲイ・ショイグ氏とショイグ書記",
            [("セルゲイ・ショイグ", ("sergei-shoigu",)), ("ショイグ", ("sergei-shoigu",))],
        ),
        ("ロシア連邦安全保障会議書記", [("ロシア連邦安全保障会議", ("russian-security-council",))]),
        ("ウクライナ危機とウクライナ", [("ウクライナ危機", ("ukraine-crisis",)), ("ウクライナ", ("ukraine",))]),
        ("Wang Yi met the SCO", [("Wang Yi", ("wang-yi",)), ("SCO", ("sco",))]),
        ("wang yi, in lower case", [("wang yi", ("wang-yi",))]),
        ("ＳＣＯ（全角）", [("ＳＣＯ", ("sco",))]),
        ("the sco in lower case is not the acronym", []),
        ("Beijingers", []),
        (
            "アジア太平洋地域とアジア太平洋経済協力",
            [("アジア太平洋地域", ("asia-pacific",)), ("アジア太平洋経済協力", ("apec",))],
        ),
        ("", []),
    ],
)
def test_matcher(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert found(text) == expected


def test_matcher_is_one_pass_at_ten_thousand_aliases() -> None:
    aliases = {f"人物{i:05d}": [f"p{i}"] for i in range(10_000)}
    aliases["王毅"] = ["wang-yi"]
    matcher = Matcher(aliases)
    text = "王毅氏は人物00042と人物09999に会った。" * 2_000
    start = time.perf_counter()
    mentions = matcher.find(text)
    assert time.perf_counter() - start < 2.0
    assert len(mentions) == 6_000


SEGMENTER = Segmenter()


def reference_find(aliases: dict[str, list[str]], text: str) -> list[Mention]:
    """The matcher's rules, one match at a time in plain Python: what Matcher.find must return."""

    def word(ch: str) -> bool:
        return ch.isascii() and (ch.isalnum() or ch == "_")

    keys: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for alias, ids in aliases.items():
        key = normalise(alias)[0]
        if key.strip():
            acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9.&]{0,5}", alias))
            old_ids, old_exact = keys.get(key, ((), None))
            exact = unicodedata.normalize("NFKC", alias) if acronym and old_exact is None else old_exact
            keys[key] = (tuple(dict.fromkeys([*old_ids, *ids])), exact)
    if not keys or not text:
        return []
    automaton = ahocorasick.Automaton()
    for key, (key_ids, exact) in keys.items():
        automaton.add_word(key, (key, key_ids, exact))
    automaton.make_automaton()
    norm, origin = normalise(text)

    def verdict(last: int, key: str) -> str:
        """ "ok", "word" (a Latin or acronym check failed) or "analyser" (a kanji or katakana key
        inside a longer word, the analyser says)."""
        first = last - len(key) + 1
        if word(key[0]) and first > 0 and word(norm[first - 1]):
            return "word"  # a Latin key inside a word
        if word(key[-1]) and last + 1 < len(norm) and word(norm[last + 1]):
            return "word"
        start, end = origin[first], origin[last] + 1
        exact = keys[key][1]
        if exact is not None and unicodedata.normalize("NFKC", text[start:end]) != exact:
            return "word"  # an acronym not in capitals
        before = is_joining(key[0]) and first > 0 and is_joining(norm[first - 1])
        after = is_joining(key[-1]) and last + 1 < len(norm) and is_joining(norm[last + 1])
        after = after and not any(norm.startswith(title, last + 1) for title in SHORT_TITLES)
        if (before or after) and not SEGMENTER.on_boundaries(text, start, end, None):
            return "analyser"
        return "ok"

    def mention(last: int, key: str) -> Mention:
        return Mention(origin[last - len(key) + 1], origin[last] + 1, keys[key][0])

    kept: list[tuple[int, Mention]] = []  # (first index in norm, mention)
    rejected: list[tuple[int, int]] = []
    for last, (key, _ids, _exact) in automaton.iter_long(norm):
        why = verdict(last, key)
        if why == "ok":
            kept.append((last - len(key) + 1, mention(last, key)))
        elif why == "analyser":
            rejected.append((last - len(key) + 1, last))
    # A key the analyser rejects does not hide the keys that start inside it (米国連大使: 国連),
    # leftmost and longest first, up to the next mention kept, never overlapping.
    out = [m for _f, m in kept]
    taken = 0
    for first, last in rejected:
        stop = min((f for f, _m in kept if f > first), default=len(norm))
        at = max(first + 1, taken)
        while at <= last and at < stop:
            hit = next(automaton.iter_long(norm, at, stop), None)
            if hit is None or hit[0] - len(hit[1][0]) + 1 > last:
                break
            hit_last, (key, _ids, _exact) = hit
            if verdict(hit_last, key) == "ok":
                out.append(mention(hit_last, key))
                taken = at = hit_last + 1
            else:
                at = hit_last - len(key) + 2
    return sorted(out)


# Kanji and kana, Latin letters and digits in both widths, characters whose folded form
# is longer (ß, ﬁ, İ) or made of two (ｶﾞ), punctuation, spaces and a NUL.
PIECES = [*"国連中ロ米アジ", *"UNSCOusnc", *"ＵＮＳｕｎ", *"01０_", "ß", "ﬁ", "İ", "ｶﾞ", *". &・（）", "\0"]
KEYS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)
ALIASES = st.dictionaries(
    st.one_of(KEYS, st.sampled_from(["UN", "US", "U.S.", "SCO", "G20", "Ｕ.Ｓ.", "AT&T", "us", "国連", "ss"])),
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(
    ALIASES,
    st.lists(st.sampled_from([*PIECES, "UN", "US", "SCO", "国連", " the "]), max_size=60),
    st.sampled_from([1, 2, 3, 500]),
)
def test_matcher_finds_what_the_rules_say(aliases: dict[str, list[str]], pieces: list[str], repeat: int) -> None:
    # Repeated, some texts are long: find() pauses the garbage collector for those.
    text = "".join(pieces) * repeat
    mentions = Matcher(aliases).find(text)
    assert mentions == reference_find(aliases, text)
    assert all(type(m) is Mention for m in mentions)


def test_matcher_agrees_with_the_rules_on_a_long_text() -> None:
    aliases = {name: [name.lower()] for name in ["UN", "US", "SCO", "Wang Yi", "国連", "上海協力機構", "ロシア"]}
    text = "国連とUNESCO、the US and us, ＳＣＯ（上海協力機構）、Wang Yi氏、ロシア、ﬁnal straße。" * 500
    assert Matcher(aliases).find(text) == reference_find(aliases, text)


def test_long_texts_leave_the_garbage_collector_as_they_found_it() -> None:
    matcher, text = Matcher({"国連": ["un"]}), "国連と" * 10_000
    assert gc.isenabled()
    assert len(matcher.find(text)) == 10_000
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(matcher.find(text)) == 10_000
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("policy", "linked"),
    [("section", 2), ("page", 1), ("all", 3), ("none", 0)],
)
def test_linker_policies(policy: str, linked: int) -> None:
    linker = MentionLinker(MATCHER, policy)
    out = [linker.text("王毅氏と王毅外相"), ""]
    linker.new_section()
    out.append(linker.text("王毅氏"))
    text = " ".join(out)
    assert text.count("{mention}`王毅 <wang-yi>`") == linked
    assert text.count("{mention}`王毅 <!wang-yi>`") == 3 - linked


def test_headings_record_but_never_link() -> None:
    linker = MentionLinker(MATCHER, "all")
    assert linker.text("北京で中国と会談", heading=True) == "{mention}`北京 <!beijing>`で{mention}`中国 <!china>`と会談"


def test_shared_alias_is_recorded_for_both_and_not_linked() -> None:
    assert MentionLinker(MATCHER).text("中ロ関係") == "{mention}`中ロ <!china,russia>`関係"


def test_linker_keeps_spaces_and_escapes_the_rest() -> None:
    out = MentionLinker(MATCHER).text("戦略対話 ウクライナ危機や *国連* 80年")
    assert out == "戦略対話 {mention}`ウクライナ危機 <ukraine-crisis>`や \\*{mention}`国連 <un>`\\* 80年"


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mention policy"):
        MentionLinker(MATCHER, "sometimes")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("トランプ大統領は会見した。", ["トランプ"]),
        ("習近平国家主席と会談した。", []),  # in the registry now
        ("李強総理と会談した。", ["李強"]),
        ("グテーレス事務総長が述べた。", ["グテーレス"]),
        ("王毅氏とショイグ氏が会談した。", []),  # in the registry
        ("各国首相と両国首脳、同氏。", []),  # not names
        ("中国外相が述べた。", []),  # a state, not a person
        ("日本の石破首相が訪問した。", ["石破"]),
        ("アントニオ・グテーレス事務総長", ["アントニオ・グテーレス"]),
        ("President Donald Trump and Foreign Minister Wang Yi", ["Donald Trump"]),
        ("the President said", []),
        ("国連事務総長が声明", []),
    ],
)
def test_candidates_prefer_precision(text: str, names: list[str]) -> None:
    assert [c.name for c in find_candidates(text, MATCHER.find(text))] == names
