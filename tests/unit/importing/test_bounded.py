"""One file's import in a child process with a deadline and a memory cap (``briefing.importing.bounded``)."""

from __future__ import annotations

import time

import pytest

from briefing.importing.bounded import run_bounded
from briefing.importing.inputs import Refused

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def _hungry() -> int:
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
    return len(hoard)


def _deep(n: int) -> int:
    return _deep(n + 1)


def _fails() -> None:
    raise KeyError("boom")


def _refuses() -> None:
    raise Refused("not an article")


def test_the_result_comes_back() -> None:
    assert run_bounded(_sleep, 0.0) == "done"


def test_past_the_deadline_the_reader_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(Refused, match=r"longer than 0\.5 s"):
        run_bounded(_sleep, 30.0, deadline=0.5)
    assert time.monotonic() - start < 5


def test_a_reader_that_needs_too_much_memory_is_stopped() -> None:
    with pytest.raises(Refused, match="memory"):
        run_bounded(_hungry, memory=256 * 1024 * 1024)


@pytest.mark.parametrize(
    ("work", "message"),
    [(_fails, r"could not be read \(KeyError"), (_refuses, "not an article")],
)
def test_a_failure_is_a_message(work: object, message: str) -> None:
    with pytest.raises(Refused, match=message):
        run_bounded(work, deadline=10)  # type: ignore[arg-type]


def test_endless_recursion_is_a_message() -> None:
    with pytest.raises(Refused, match="nests too deeply"):
        run_bounded(_deep, 0, deadline=20)
