"""The whole-book tests on the other ends of the supported range (docs/operator/dependencies.md).

    nox -s "stacks(lowest)"   Python 3.11, Sphinx 8.2.3, trafilatura 2.3.0, feedparser 6.0.11 (the oldest declared)
    nox -s "stacks(newest)"   Python 3.12, Sphinx 9.1.x (Read the Docs' Python; the newest Sphinx for it)

nox finds each Python by its name on PATH (``python3.11``, ``python3.12``) and keeps a virtual
environment per session in ``.nox/``, made from requirements-dev.txt (with the book's and the
importer's pins) with only the pins of :data:`STACKS` changed. The tests are the ones marked
``stacks``. ``make test-stacks`` (and CI) runs both.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["stacks"]

ROOT = Path(__file__).resolve().parent
#: name: (Python, the requirements that replace the pins of the same packages): the lowest stack
#: takes the oldest versions pyproject.toml declares, the newest the newest for Read the Docs' Python.
STACKS = {
    "lowest": ("3.11", "sphinx==8.2.3 trafilatura==2.3.0 feedparser==6.0.11"),
    "newest": ("3.12", "sphinx>=9.1,<9.2"),
}


def _package(requirement: str) -> str:
    return requirement.split("==")[0].split(">")[0].split("<")[0].strip().lower()


def requirements(replacing: str) -> str:
    """requirements-dev.txt with the book's and the importer's pins inlined, and the pins of the
    packages ``replacing`` names (space-separated requirements) replaced by them."""
    files = ("requirements.txt", "requirements-import.txt", "requirements-dev.txt")
    lines = [line for name in files for line in (ROOT / name).read_text("utf-8").splitlines()]
    replaced = replacing.split()
    names = {_package(r) for r in replaced}
    kept = [line for line in lines if not line.startswith("-r ") and _package(line) not in names]
    return "\n".join([*kept, *replaced]) + "\n"


@nox.session(venv_backend="venv")
@nox.parametrize(("python", "replacing"), [STACKS["lowest"], STACKS["newest"]], ids=["lowest", "newest"])
def stacks(session: nox.Session, replacing: str) -> None:
    """The tests marked ``stacks`` on one end of the supported range."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as pins:
        pins.write(requirements(replacing))
    try:
        session.install("--quiet", "--disable-pip-version-check", "-r", pins.name)
    finally:
        Path(pins.name).unlink()
    versions = (
        "import sphinx, sys, trafilatura, feedparser; print(f'Python {sys.version.split()[0]},"
        " Sphinx {sphinx.__version__}, trafilatura {trafilatura.__version__}, feedparser {feedparser.__version__}')"
    )
    session.run("python", "-c", versions)
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "stacks", *session.posargs)
