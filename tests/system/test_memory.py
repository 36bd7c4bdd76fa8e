"""The garbage collector (briefing.speedups.collector): tuned while building, handed back after, frozen at exit."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS, Root, write_seeds

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

RECORD = """
def setup(app):
    import gc

    def record(app, doctree, docname):
        app.gc_seen = getattr(app, "gc_seen", []) + [(gc.get_freeze_count(), gc.get_threshold()[0])]

    app.connect("doctree-resolved", record)
"""


@pytest.mark.sphinx("html", testroot="book")
@pytest.mark.parametrize("tune", [True, False], ids=["tuned", "left-alone"])
def test_the_collector_is_tuned_while_building_and_restored_after(sphinx_root: Root, tune: bool) -> None:
    from briefing.speedups.collector import YOUNG_THRESHOLD

    book = sphinx_root.src
    write_seeds(book, SEEDS)
    (book / "conf.py").write_text((book / "conf.py").read_text("utf-8") + RECORD, "utf-8")
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()  # 0 on Python 3.11; 3.12 starts with some frozen
    build = sphinx_root.build(briefing_speedups=tune)
    assert build.warnings == ""
    seen = build.app.gc_seen  # type: ignore[attr-defined]
    assert len(seen) > 10
    if tune and frozen_before == 0:
        # Everything alive once reading was done is frozen while pages are written.
        assert all(frozen > 10_000 and threshold == YOUNG_THRESHOLD for frozen, threshold in seen)
    elif (
        tune
    ):  # Python 3.12 starts with objects frozen: the build freezes nothing (it could not hand back only its own)
        assert all(frozen <= frozen_before and threshold == YOUNG_THRESHOLD for frozen, threshold in seen)
    else:
        assert all(frozen <= frozen_before and threshold == before[0] for frozen, threshold in seen)
    assert gc.get_freeze_count() <= frozen_before  # what others froze may be freed, never handed back
    assert gc.get_threshold() == before


def test_what_is_alive_at_exit_is_frozen_once() -> None:
    # atexit runs the last registered first: this check runs after the freeze.
    script = (
        "import atexit, gc, sys\n"
        "start = gc.get_freeze_count()\n"  # 0 on 3.11; Python 3.12 starts with some frozen
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > start))\n"
        f"sys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "from briefing.speedups.collector import freeze_at_exit\n"
        "freeze_at_exit(); freeze_at_exit()\n"
        "print('frozen before exit:', gc.get_freeze_count() > start)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["frozen before exit: False", "frozen at exit: True"]


@pytest.mark.sphinx("html", testroot="book")
def test_what_others_froze_is_never_handed_back(sphinx_root: Root) -> None:
    write_seeds(sphinx_root.src, {"a.txt": SEEDS["a.txt"]})
    keep = [object() for _ in range(10)]  # what the program running Sphinx froze
    threshold = gc.get_threshold()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        build = sphinx_root.build()
        assert build.warnings == ""
        # The build froze nothing and handed nothing back (some of what was frozen may be freed).
        assert frozen // 2 < gc.get_freeze_count() <= frozen
        assert gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
    del keep
