"""Options, warning subtypes and event handlers are written once, in the code; Sphinx and the guides follow."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from briefing.readtime.config import BriefingConfig, options, setup_config
from briefing.util.subtypes import HELP, Subtype
from tests.conftest import ROOT

PACKAGE = ROOT / "_ext" / "briefing"
#: A subtype written as a string where the code names one: subtype="x", Problem("x", …),
#: RegistryProblem(…, "registry-x"), ("registry-x", message) pairs. The code names Subtype.X instead.
_STRING_SUBTYPES = (
    re.compile(r'subtype="([a-z-]+)"'),
    re.compile(r'\bProblem\(\s*"([a-z-]+)"'),
    re.compile(r'"(registry-[a-z]+)"'),
)
_ENUM_SUBTYPE = re.compile(r"\bSubtype\.([A-Z_]+)\b")


def test_sphinx_registers_each_declared_option_with_its_default() -> None:
    class App:
        def __init__(self) -> None:
            self.added: dict[str, tuple[Any, str, Any]] = {}

        def add_config_value(self, name: str, default: Any, rebuild: str, types: Any, description: str) -> None:
            self.added[name] = (default, rebuild, types)

    app = App()
    setup_config(app)  # type: ignore[arg-type]
    declared = {o.name: o for o in options()}
    assert set(app.added) == set(declared) == {f"briefing_{name}" for name in BriefingConfig.__dataclass_fields__}
    for name, (default, rebuild, _types) in app.added.items():
        assert default == declared[name].default and rebuild == declared[name].rebuild
    defaults = BriefingConfig()
    for option in options():
        assert getattr(defaults, option.name.removeprefix("briefing_")) == option.default


def test_reading_the_config_applies_each_option_s_reader() -> None:
    class Config:
        pass

    config = Config()
    for option in options():
        setattr(config, option.name, option.default)
    config.briefing_seed_dir = "/seeds/"  # type: ignore[attr-defined]
    config.briefing_group_above = "12"  # type: ignore[attr-defined]
    read = BriefingConfig.of(config)  # type: ignore[arg-type]
    assert read.seed_dir == "seeds" and read.group_above == 12 and read.external_books == {}


def test_every_subtype_the_code_emits_is_declared_and_every_declared_one_is_emitted() -> None:
    used: set[str] = set()
    strings: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "subtypes.py":
            continue
        text = path.read_text("utf-8")
        used.update(Subtype[name].value for name in _ENUM_SUBTYPE.findall(text))
        strings += [
            f"{path.relative_to(PACKAGE)}: {found}" for pattern in _STRING_SUBTYPES for found in pattern.findall(text)
        ]
    assert strings == [], "name the subtype as Subtype.X (util/subtypes.py), not as a string"
    declared = {s.value for s in Subtype}
    assert declared - used == set(), "declared but never emitted"
    assert set(HELP) == set(Subtype)


def test_the_docs_tables_are_the_declarations() -> None:
    """The guides' tables of options, subtypes and event handlers are what the code has."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "docs_tables.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    guide = (ROOT / "docs" / "analyst" / "seeds.md").read_text("utf-8")
    for subtype in Subtype:
        assert f"| `{subtype.value}` |" in guide
    options_page = (ROOT / "docs" / "operator" / "configuration.md").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    for option in options():
        assert f"| `{option.name}` |" in options_page and f"`{option.name}`" in readme


def _docs_tables() -> Any:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import docs_tables
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return docs_tables


def test_a_table_edited_by_hand_is_caught(tmp_path: Path) -> None:
    docs_tables = _docs_tables()
    page = (ROOT / "docs" / "operator" / "configuration.md").read_text("utf-8")
    edited = page.replace("| `briefing_group_above` | `40` |", "| `briefing_group_above` | `50` |")
    assert edited != page
    assert docs_tables.written(edited) == page


def test_every_handler_says_what_it_does_and_every_priority_why() -> None:
    rows = _docs_tables().handlers()
    assert len(rows) >= 40
    assert [h for _e, _p, h, what, _why in rows if not what] == []
    assert [h for _e, p, h, _what, why in rows if p != 500 and not why] == []
