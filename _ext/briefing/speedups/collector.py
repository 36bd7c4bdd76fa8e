"""Python's garbage collector, tuned while Sphinx builds (part ``gc``).

Python's cyclic collector walks every object the build keeps (the environment,
the registry, the parsed seeds) again and again, most of it in full collections
that find nothing.  While Sphinx builds (``config-inited`` to ``build-finished``),
:class:`BuildCollector` therefore

- collects the youngest generation every ``YOUNG_THRESHOLD`` new objects instead
  of every 700 (Python's default), so that most of a page's short-lived objects
  are gone before it looks, and loading the environment (a large pickle) is not
  interrupted by collections of what it just loaded;
- freezes (:func:`gc.freeze`) what is alive before reading, then collects and
  freezes again every ``FREEZE_EVERY`` documents read (just before the next one,
  when the last doctree is already garbage) and once reading is done: the
  collector then only walks what the build made since.

Freezing keeps nothing alive: an object is still freed as soon as nothing refers
to it; only cycles among frozen objects wait for the end of the build, when the
frozen objects are handed back (:func:`gc.unfreeze`) and the thresholds restored.
With the speed-ups off the collector is left alone.  When something is frozen
already as the build starts (Python 3.12 freezes a few hundred objects at
start-up; the program running Sphinx may have frozen its own), the build freezes
nothing: :func:`gc.unfreeze` would hand back theirs too.  Only the thresholds are
tuned then.

At exit, Python runs several full collections over everything still alive, for
memory the operating system takes back anyway.  What is alive when the
interpreter starts to exit is frozen, so that those collections skip it; this
changes nothing while a process runs (and is left out too with the speed-ups off).

The collector is tuned from ``config-inited``, before the check of the parts at
``builder-inited``: only the switch decides (the part relies on nothing private).
"""

from __future__ import annotations

import atexit
import gc
from functools import cache
from typing import TYPE_CHECKING

from . import active

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: Documents read between two freezes of what the build keeps.
FREEZE_EVERY = 100
#: New objects between two collections of the youngest generation while building.
YOUNG_THRESHOLD = 10_000


class BuildCollector:
    """The garbage collector's settings while Sphinx builds (see the module's docstring).

    Python's own thresholds are saved once, when the first build starts, and
    put back when a build finishes; an application made but never built
    leaves the next one to put them back.
    """

    saved: tuple[int, int, int] | None = None  # Python's thresholds, while a build runs

    def __init__(self) -> None:
        self.read = 0
        self.tuning = False
        # Whether the build freezes what it keeps: only when nothing else is frozen, since
        # gc.unfreeze() hands back every frozen object, and what Python (3.12 freezes a few
        # hundred at start) or the program running Sphinx froze is not the build's to hand back.
        self.freezing = False

    def start(self, app: Sphinx, *_args: object) -> None:
        """At ``config-inited``, before the environment is loaded: collect young objects less often."""
        self.tuning = active(app, "gc")
        if self.tuning:
            freeze_at_exit()
            self.freezing = gc.get_freeze_count() == 0
        if self.tuning and BuildCollector.saved is None:
            BuildCollector.saved = gc.get_threshold()
            gc.set_threshold(YOUNG_THRESHOLD, *BuildCollector.saved[1:])

    def freeze(self, *_args: object) -> None:
        """Before reading: what is loaded (environment, registry, seeds) lives until the end."""
        if self.tuning and self.freezing:
            gc.freeze()  # not collected first: a full collection of the loaded environment costs more

    def settle(self, *_args: object) -> None:
        """Collect, then freeze what is left: later collections do not walk it again."""
        if self.tuning and self.freezing:
            gc.collect()
            gc.freeze()

    def pace(self, *_args: object) -> None:
        """Before each document is read (its predecessor's doctree already dropped)."""
        self.read += 1
        if self.read % FREEZE_EVERY == 0:
            self.settle()

    def stop(self, *_args: object) -> None:
        """At ``build-finished``: hand the frozen objects back and restore the thresholds."""
        if self.tuning:
            if self.freezing:
                gc.unfreeze()
            if BuildCollector.saved is not None:
                gc.set_threshold(*BuildCollector.saved)
                BuildCollector.saved = None
            self.tuning = False


@cache
def freeze_at_exit() -> None:
    """Register :func:`gc.freeze` to run when the interpreter exits (once in a process)."""
    atexit.register(gc.freeze)


def setup_collector(app: Sphinx) -> None:
    collector = BuildCollector()
    app.connect("config-inited", collector.start, priority=100)  # early: before the environment is loaded
    # Late in each event, after the handlers whose objects it freezes, collects or hands back.
    app.connect("env-before-read-docs", collector.freeze, priority=900)
    app.connect("source-read", collector.pace, priority=900)  # after the previous doctree was dropped (500)
    app.connect("env-updated", collector.settle, priority=950)  # after the last doctrees were dropped (900)
    app.connect("build-finished", collector.stop, priority=900)  # after the build's own build-finished work
