"""The registry's YAML files read and checked against a JSON Schema, entry by entry.

Every problem names the file and line.  A bad entry is reported and left out;
the rest of the registry (and of the book) still works.  The rules across entries are
:mod:`briefing.registry.rules`; the registry kept between builds, :mod:`briefing.registry.store`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from briefing.language.chinese import variants
from briefing.language.errors import AnalyserError
from briefing.language.words import reading_of
from briefing.util.files import REGISTRY_LIMIT, REGISTRY_TOTAL_LIMIT, UnsafeFile, read_inside, regular_files
from briefing.util.subtypes import Subtype
from briefing.util.yamlio import load_yaml

if TYPE_CHECKING:
    import jsonschema

from briefing.registry.model import RESERVED_KINDS, Entity, Kind, Registry, RegistryProblem
from briefing.registry.rules import check_aliases, check_references, check_titles, mend

_T = TypeVar("_T")

SCHEMA_PATH = Path(__file__).parent.parent / "schemas" / "registry.schema.json"


def _lines(root: yaml.Node) -> dict[tuple[Any, ...], int]:
    """JSON path -> 1-based line of every node of a composed YAML document.

    Without recursion, and each node once: a node an alias repeats is not
    walked again (its paths take the line of the alias's parent instead).
    """
    found: dict[tuple[Any, ...], int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        found.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, key.value)
                found[sub] = key.start_mark.line + 1
                stack.append((value, sub))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    return found


def _line_of(lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return schema


def _validator(ref: str | None = None) -> jsonschema.Draft202012Validator:
    schema = _schema()
    if ref is not None:
        schema = {**schema, "$ref": f"#/$defs/{ref}"}
        schema.pop("properties", None)
        schema.pop("additionalProperties", None)
        schema.pop("type", None)
    # Imported here: a build whose registry is cached never validates, and importing it is slow.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema)


#: How much of a checker's message is shown (it quotes the value, which may be long).
_SHOWN = 300


def _describe(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    message = error.message
    quoted = repr(error.instance)
    if isinstance(error.instance, str) and len(quoted) > 80 and message.startswith(quoted):
        # The checker quotes the whole value: 40,000 characters of an alias say less than its length.
        message = f"{quoted[:60]}…' ({len(error.instance):,} characters){message[len(quoted) :]}"
    if error.validator == "maxLength":
        message += f" (at most {error.validator_value} characters)"
    if len(message) > _SHOWN:
        message = message[: _SHOWN - 1] + "…"
    return f"{where}: {message}" if where else message


def _entity(raw: dict[str, Any], path: Path, line: int) -> tuple[Entity, list[RegistryProblem]]:
    """The entity of a checked entry, and what the analysers could not derive for it (the
    entity then goes without: its name as its reading, no other written forms)."""
    problems: list[RegistryProblem] = []

    def derived(what: str, derive: Callable[[], _T], fallback: _T) -> _T:
        try:
            return derive()
        except AnalyserError as err:
            msg = f"{raw['id']}: {what} could not be derived ({err}); the entry goes without"
            problems.append(RegistryProblem(path, line, msg, Subtype.REGISTRY_ANALYSER))
            return fallback

    def names(key: str, lang: str) -> str:
        return str((raw.get(key) or {}).get(lang, ""))

    def texts(key: str, lang: str) -> tuple[str, ...]:
        return tuple(str(x) for x in (raw.get(key) or {}).get(lang, ()))

    second = tuple(dict.fromkeys(f for lang in ("ja", "en", "zh") for f in texts("second_references", lang)))
    not_in = tuple(str(x) for x in raw.get("not_in", ()))
    inside = tuple(str(x) for x in raw.get("inside_words", ()))
    name_ja = names("name", "ja")
    reading = str(raw.get("reading", "")) or derived("the reading of the name", lambda: reading_of(name_ja), "")
    chinese = (names("name", "zh"), *texts("aliases", "zh"), *second, *not_in, *inside)
    no_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    forms = derived("the other written forms of the Chinese names", lambda: _written_forms(chinese), no_forms)
    entity = Entity(
        id=raw["id"],
        kind=raw["kind"],
        name_ja=name_ja,
        name_en=names("name", "en"),
        reading=reading or name_ja,
        reading_derived="reading" not in raw,
        path=path,
        line=line,
        name_zh=names("name", "zh"),
        type=raw.get("type", ""),
        full_name_ja=names("full_name", "ja"),
        full_name_en=names("full_name", "en"),
        aliases_ja=texts("aliases", "ja"),
        aliases_en=texts("aliases", "en"),
        aliases_zh=texts("aliases", "zh"),
        shared_aliases=tuple(raw.get("shared_aliases", ())),
        titles_ja=texts("titles", "ja"),
        titles_en=texts("titles", "en"),
        abbreviations=tuple(raw.get("abbreviations", ())),
        country=raw.get("country", ""),
        members=tuple(raw.get("members", ())),
        description_ja=names("description", "ja"),
        description_en=names("description", "en"),
        second_references=second,
        not_in=not_in,
        inside_words=inside,
        written_forms=forms,
    )
    return entity, problems


def _written_forms(texts: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each text with Chinese characters and its other written forms (OpenCC), where it has any."""
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        if text and text not in found and any("\u3400" <= ch <= "\u9fff" for ch in text):
            forms = variants(text)
            if forms:
                found[text] = forms
    return tuple(found.items())


#: Most values one registry file may expand to (20,000 entities hold about 600,000).
NODE_LIMIT = 5_000_000


def read_registry_files(folder: Path) -> tuple[list[tuple[Path, bytes]], list[RegistryProblem]]:
    """The bytes of every ``*.yaml`` / ``*.yml`` file of ``folder``, in name order, and the files refused.

    Only regular files inside the folder, of at most :data:`.files.REGISTRY_LIMIT`
    bytes, are read (a FIFO would hang the build, a link could publish any file), and
    no more than :data:`.files.REGISTRY_TOTAL_LIMIT` bytes in all.
    """
    paths, refused = regular_files(folder, lambda name: name.endswith((".yaml", ".yml")) and not name.startswith("."))
    problems = [RegistryProblem(path, 1, why, Subtype.REGISTRY_FILE) for path, why in refused]
    files: list[tuple[Path, bytes]] = []
    left = REGISTRY_TOTAL_LIMIT
    for path in paths:
        try:
            data = read_inside(path, folder, min(REGISTRY_LIMIT, left))
        except UnsafeFile as err:
            if left < REGISTRY_LIMIT:
                err = UnsafeFile(f"{err}: the registry's files hold at most {REGISTRY_TOTAL_LIMIT:,} bytes in all")
            problems.append(RegistryProblem(path, 1, str(err), Subtype.REGISTRY_FILE))
            continue
        files.append((path, data))
        left -= len(data)
    return files, problems


def _read_file(
    path: Path, data: bytes
) -> tuple[dict[str, Any] | None, dict[tuple[Any, ...], int], list[RegistryProblem]]:
    try:
        value, node = load_yaml(data.decode("utf-8"), NODE_LIMIT)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return None, {}, [RegistryProblem(path, line, f"not valid YAML: {err}", Subtype.REGISTRY_YAML)]
    if value is None:
        return None, {}, []
    try:
        lines = _lines(node) if node is not None else {}
        errors = sorted(_validator().iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        found = [
            RegistryProblem(path, _line_of(lines, tuple(e.absolute_path)), _describe(e), Subtype.REGISTRY_SCHEMA)
            for e in errors
        ]
    except RecursionError:  # lists in lists a thousand deep: libyaml's limit, not the checker's
        return None, {}, [RegistryProblem(path, 1, "nested too deeply to check", Subtype.REGISTRY_SCHEMA)]
    if found:
        return None, lines, found
    return value, lines, []


#: An entry as read: its file, its line, its JSON path, the file's lines, the raw value.
_RawEntry = tuple[Path, int, tuple[Any, ...], dict[tuple[Any, ...], int], Any]


def load_registry(folder: Path, files: list[tuple[Path, bytes]] | None = None) -> Registry:
    """Load the registry files of ``folder`` (in name order) into a checked :class:`Registry`.

    ``files`` are the files' bytes when the caller read them already (:func:`read_registry_files`).
    Entries are checked one by one (schema, kind, id), then across entries (:mod:`.rules`).
    """
    problems: list[RegistryProblem] = []
    if files is None:
        files, problems = read_registry_files(folder)
    kinds, raw_entries = _declared(files, problems)
    accepted = _entries(raw_entries, kinds, problems)
    accepted = check_references(accepted, problems)
    accepted = check_titles(accepted, problems)
    accepted = check_aliases(accepted, problems)
    return Registry(kinds, accepted, tuple(problems))


def _declared(
    files: list[tuple[Path, bytes]], problems: list[RegistryProblem]
) -> tuple[dict[str, Kind], list[_RawEntry]]:
    """The kinds every file declares, and its entries as read (not yet checked)."""
    kinds: dict[str, Kind] = {}
    raw_entries: list[_RawEntry] = []
    for path, content in files:
        data, lines, file_problems = _read_file(path, content)
        problems += file_problems
        if data is None:
            continue
        for kind_id, raw in (data.get("kinds") or {}).items():
            line = _line_of(lines, ("kinds", kind_id))
            if kind_id in kinds:
                msg = f"kind {kind_id!r} is declared twice"
                problems.append(RegistryProblem(path, line, msg, Subtype.REGISTRY_DUPLICATE))
            elif kind_id in RESERVED_KINDS:
                msg = f"kind {kind_id!r} is a name the book's roles and directives already use; choose another"
                problems.append(RegistryProblem(path, line, msg, Subtype.REGISTRY_KIND))
            else:
                kinds[kind_id] = Kind(
                    kind_id, raw["name"]["ja"], raw["name"]["en"], tuple(raw.get("types", ())), str(path)
                )
        for i, raw in enumerate(data.get("entities") or ()):
            where = ("entities", i)
            raw_entries.append((path, _line_of(lines, where), where, lines, raw))
    return kinds, raw_entries


def _entries(
    raw_entries: list[_RawEntry], kinds: dict[str, Kind], problems: list[RegistryProblem]
) -> dict[str, Entity]:
    """The entries that pass the schema and name a known kind and a new id, mended where they can be."""
    validator = _validator("entity")
    seen: dict[str, Entity] = {}
    for path, line, where, lines, raw in raw_entries:
        faults = _schema_faults(validator, path, line, where, lines, raw)
        if faults:
            problems += faults
            continue
        entity, derived = _entity(raw, path, line)
        problems += derived
        refusal = _refusal(entity, kinds, seen)
        if refusal:
            problems.append(RegistryProblem(path, line, refusal[1], refusal[0]))
            continue
        mended, notes = mend(entity)
        problems += [RegistryProblem(path, line, f"{entity.id}: {message}", subtype) for subtype, message in notes]
        if mended is not None:
            seen[mended.id] = mended
    return seen


def _schema_faults(
    validator: jsonschema.Draft202012Validator,
    path: Path,
    line: int,
    where: tuple[Any, ...],
    lines: dict[tuple[Any, ...], int],
    raw: Any,
) -> list[RegistryProblem]:
    """What the schema finds wrong with one entry, each at its own line."""
    try:
        return [
            RegistryProblem(
                path,
                _line_of(lines, (*where, *e.absolute_path)),
                f"entry left out: {_describe(e)}",
                Subtype.REGISTRY_SCHEMA,
            )
            for e in validator.iter_errors(raw)
        ]
    except RecursionError:
        return [RegistryProblem(path, line, "entry left out: nested too deeply to check", Subtype.REGISTRY_SCHEMA)]


def _refusal(entity: Entity, kinds: dict[str, Kind], seen: dict[str, Entity]) -> tuple[Subtype, str] | None:
    """(subtype, message) when the entry names an unknown kind or type, or an id already taken."""
    if entity.kind not in kinds:
        known = ", ".join(sorted(kinds)) or "none"
        return Subtype.REGISTRY_KIND, f"{entity.id}: unknown kind {entity.kind!r} (known: {known})"
    kind = kinds[entity.kind]
    if kind.types and entity.type not in kind.types:
        return (
            Subtype.REGISTRY_KIND,
            f"{entity.id}: type {entity.type!r} is not one of {', '.join(kind.types)} for kind {kind.id}",
        )
    if entity.id in seen:
        first = seen[entity.id]
        return (
            Subtype.REGISTRY_DUPLICATE,
            f"duplicate id {entity.id!r} (first at {first.path.name}:{first.line}); entry left out",
        )
    return None
