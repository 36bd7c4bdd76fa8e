"""The reader's learnt second look (DECISIONS 107, 108): where it may act, and that its weights
are the ones the committed sets teach."""

from __future__ import annotations

import json
import time

import pytest

from briefing.articles import line_model
from briefing.articles.parse import parse_seed
from tests.conftest import ROOT
from tools import train_line_model

PASTED = (
    "Share\n\nMinisters meet in Lisbon\n\nMarch 5, 2026\n\nThe ministers met on Friday and agreed to talk again.\n\n"
    "Background\n\nThey last met in Rome two years ago.\n\nRead more\n"
)
CLEAN = "Ministers meet in Lisbon\n\nThe ministers met on Friday.\n\nBackground\n\nA short line.\n"


@pytest.fixture(autouse=True)
def _shipped_weights() -> object:
    yield
    line_model.use(None)


def roles(text: str) -> list[str]:
    return [r.role for r in parse_seed(text).roles]


def test_an_article_as_written_is_read_by_the_rules_alone() -> None:
    line_model.use({"bias": {"furniture": 100.0}})  # a model that calls every line furniture
    assert roles(CLEAN) == ["title", "lead", "heading", "paragraph"]


def test_on_a_pasted_page_it_moves_only_safe_roles_and_never_the_lead() -> None:
    line_model.use({})
    alone = roles(PASTED)
    line_model.use({"bias": {"furniture": 100.0}})
    learnt = roles(PASTED)
    assert learnt[alone.index("lead")] == "lead"  # the first prose under the title stays the lead
    assert learnt[alone.index("meta")] == "meta"  # a date line carries a fact: not the model's to move
    changed = [(a, b) for a, b in zip(alone, learnt, strict=True) if a != b]
    assert changed and all(a in line_model.SAFE and b in line_model.GIVEN for a, b in changed)


def test_the_shipped_weights_are_what_the_committed_sets_teach() -> None:
    """Like the committed pages: a set added or changed means tools/train_line_model.py again."""
    line_model.use({})
    data = {name: train_line_model.rows(folder) for name, folder in train_line_model._sets().items()}
    learnt = train_line_model.learn([row for rows in data.values() for row in rows])
    shipped = json.loads((ROOT / "_ext" / "briefing" / "articles" / "line_model.json").read_text("utf-8"))
    assert learnt == shipped


def test_a_huge_line_costs_a_bounded_look() -> None:
    body_line = "外相" * 200_000
    start = time.perf_counter()
    parse_seed(f"Share\n\nTitle of the page\n\n{body_line}\n\nRead more\n")
    assert time.perf_counter() - start < 10
