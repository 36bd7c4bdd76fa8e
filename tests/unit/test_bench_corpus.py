"""make bench's corpus reads like real news: four languages, dates in the text, the analysers at work."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import realistic
from briefing.articles.parse import parse_seed
from briefing.generating.candidates import _page_candidates
from briefing.language import errors
from briefing.matching.mentions import matcher_for
from briefing.registry.loading import load_registry


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("corpus")
    known, strangers = realistic.write_registry(where / "registry", 200)
    realistic.write_seeds(where / "seeds", 60, known, strangers)
    return where


def test_the_same_arguments_give_the_same_files(corpus: Path, tmp_path: Path) -> None:
    known, strangers = realistic.write_registry(tmp_path / "registry", 200)
    realistic.write_seeds(tmp_path / "seeds", 60, known, strangers)
    for path in [*sorted((corpus / "seeds").glob("*.txt")), corpus / "registry" / "entities.yaml"]:
        assert (tmp_path / path.parent.name / path.name).read_bytes() == path.read_bytes()


def test_four_languages_dates_in_the_text_and_the_outlets_furniture(corpus: Path) -> None:
    articles = [parse_seed(p.read_text("utf-8")) for p in sorted((corpus / "seeds").glob("*.txt"))]
    assert {a.language for a in articles} == {"ja", "zh", "en"}
    traditional = [a for a in articles if "中央社" in a.title + "".join(r.text for r in a.roles)]
    assert traditional, "traditional Chinese articles"
    assert all(a.date is not None and a.date_origin == "text" for a in articles)
    assert all(a.dateline is not None for a in articles)
    roles = {r.role for a in articles for r in a.roles}
    assert {"caption", "item", "question"} <= roles
    assert sum(1 for a in articles if a.takeaways) >= 20


def test_names_touch_titles_so_the_analysers_run_and_find_the_registrys_strangers(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = load_registry(corpus / "registry")
    assert not registry.problems
    matcher = matcher_for(registry.match_table())
    monkeypatch.setattr(errors, "USAGE", {})
    found: list[tuple[str, str, int]] = []
    for path in sorted((corpus / "seeds").glob("*.txt"))[:20]:
        found += _page_candidates(parse_seed(path.read_text("utf-8")), matcher, [])
    assert errors.USAGE["Sudachi"][0] > 50
    assert errors.USAGE["jieba"][0] > 5
    names = {name for name, _title, _line in found}
    assert len(names) >= 10
