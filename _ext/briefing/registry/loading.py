"""The registry's YAML files read, checked against a JSON Schema, and kept between builds.

Every problem names the file and line.  A bad entry is reported and left out;
the rest of the registry (and of the book) still works.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from briefing.language.chinese import variants
from briefing.language.errors import AnalyserError
from briefing.language.words import reading_of
from briefing.util import cache as build_cache
from briefing.util.files import REGISTRY_LIMIT, REGISTRY_TOTAL_LIMIT, UnsafeFile, read_inside, regular_files
from briefing.util.yamlio import load_yaml

if TYPE_CHECKING:
    import jsonschema

from briefing.registry.model import RESERVED_KINDS, Entity, Kind, Registry, RegistryProblem, alias_key

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
            problems.append(RegistryProblem(path, line, msg, "registry-analyser"))
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
    problems = [RegistryProblem(path, 1, why, "registry-file") for path, why in refused]
    files: list[tuple[Path, bytes]] = []
    left = REGISTRY_TOTAL_LIMIT
    for path in paths:
        try:
            data = read_inside(path, folder, min(REGISTRY_LIMIT, left))
        except UnsafeFile as err:
            if left < REGISTRY_LIMIT:
                err = UnsafeFile(f"{err}: the registry's files hold at most {REGISTRY_TOTAL_LIMIT:,} bytes in all")
            problems.append(RegistryProblem(path, 1, str(err), "registry-file"))
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
        return None, {}, [RegistryProblem(path, line, f"not valid YAML: {err}", "registry-yaml")]
    if value is None:
        return None, {}, []
    try:
        lines = _lines(node) if node is not None else {}
        errors = sorted(_validator().iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        found = [
            RegistryProblem(path, _line_of(lines, tuple(e.absolute_path)), _describe(e), "registry-schema")
            for e in errors
        ]
    except RecursionError:  # lists in lists a thousand deep: libyaml's limit, not the checker's
        return None, {}, [RegistryProblem(path, 1, "nested too deeply to check", "registry-schema")]
    if found:
        return None, lines, found
    return value, lines, []


def load_registry(folder: Path, files: list[tuple[Path, bytes]] | None = None) -> Registry:
    """Load the registry files of ``folder`` (in name order) into a checked :class:`Registry`.

    ``files`` are the files' bytes when the caller read them already (:func:`read_registry_files`).
    """
    problems: list[RegistryProblem] = []
    if files is None:
        files, problems = read_registry_files(folder)
    kinds: dict[str, Kind] = {}
    pending: list[tuple[Entity, dict[str, Any]]] = []
    entity_validator = _validator("entity")

    raw_entities: list[tuple[Path, int, tuple[Any, ...], dict[tuple[Any, ...], int], Any]] = []
    for path, content in files:
        data, lines, file_problems = _read_file(path, content)
        problems += file_problems
        if data is None:
            continue
        for kind_id, raw in (data.get("kinds") or {}).items():
            line = _line_of(lines, ("kinds", kind_id))
            if kind_id in kinds:
                problems.append(
                    RegistryProblem(path, line, f"kind {kind_id!r} is declared twice", "registry-duplicate")
                )
                continue
            if kind_id in RESERVED_KINDS:
                msg = f"kind {kind_id!r} is a name the book's roles and directives already use; choose another"
                problems.append(RegistryProblem(path, line, msg, "registry-kind"))
                continue
            kinds[kind_id] = Kind(kind_id, raw["name"]["ja"], raw["name"]["en"], tuple(raw.get("types", ())), str(path))
        for i, raw in enumerate(data.get("entities") or ()):
            where = ("entities", i)
            raw_entities.append((path, _line_of(lines, where), where, lines, raw))

    seen: dict[str, Entity] = {}
    for path, line, where, lines, raw in raw_entities:
        try:
            faults = [
                RegistryProblem(
                    path,
                    _line_of(lines, (*where, *e.absolute_path)),
                    f"entry left out: {_describe(e)}",
                    "registry-schema",
                )
                for e in entity_validator.iter_errors(raw)
            ]
        except RecursionError:
            faults = [RegistryProblem(path, line, "entry left out: nested too deeply to check", "registry-schema")]
        if faults:
            problems += faults
            continue
        entity, derived = _entity(raw, path, line)
        problems += derived
        if entity.kind not in kinds:
            known = ", ".join(sorted(kinds)) or "none"
            problems.append(
                RegistryProblem(
                    path, line, f"{entity.id}: unknown kind {entity.kind!r} (known: {known})", "registry-kind"
                )
            )
            continue
        kind = kinds[entity.kind]
        if kind.types and entity.type not in kind.types:
            msg = f"{entity.id}: type {entity.type!r} is not one of {', '.join(kind.types)} for kind {kind.id}"
            problems.append(RegistryProblem(path, line, msg, "registry-kind"))
            continue
        if entity.id in seen:
            first = seen[entity.id]
            msg = f"duplicate id {entity.id!r} (first at {first.path.name}:{first.line}); entry left out"
            problems.append(RegistryProblem(path, line, msg, "registry-duplicate"))
            continue
        mended, notes = _mend(entity)
        for subtype, message in notes:
            problems.append(RegistryProblem(path, line, f"{entity.id}: {message}", subtype))
        if mended is None:
            continue
        entity = mended
        seen[entity.id] = entity
        pending.append((entity, raw))

    accepted = _check_references({e.id: e for e, _ in pending}, problems)
    accepted = _check_titles(accepted, problems)
    accepted = _check_aliases(accepted, problems)
    return Registry(kinds, accepted, tuple(problems))


def _mend(entity: Entity) -> tuple[Entity | None, list[tuple[str, str]]]:
    """The entry as it can be used (None: left out) and (subtype, message) of what is wrong with it."""
    blank = [
        a
        for a in (*entity.all_aliases, *entity.shared_aliases, *entity.second_references, *entity.not_in)
        if not a.strip()
    ]
    if blank:
        return None, [
            ("registry-alias", "an alias or name is only white space (it would match every space); entry left out")
        ]
    faults = []
    if entity.country == entity.id:
        faults.append(("registry-reference", f"country is the entry itself ({entity.id!r}); country ignored"))
        entity = replace(entity, country="")
    counts = Counter(entity.members)
    twice = sorted(m for m, n in counts.items() if n > 1)
    if twice:
        faults.append(("registry-reference", f"members listed more than once: {', '.join(twice)}; listed once"))
    if entity.id in counts:
        faults.append(("registry-reference", "the entry lists itself among its members; left out of them"))
    if twice or entity.id in counts:
        entity = replace(entity, members=tuple(m for m in counts if m != entity.id))
    if not (entity.not_in or entity.inside_words):
        return entity, faults
    keys = {alias_key(v) for a in (*entity.all_aliases, *entity.second_references) for v in (a, *entity.other_forms(a))}
    stray = [p for p in entity.not_in if not any(k in alias_key(p) and k != alias_key(p) for k in keys)]
    if stray:
        faults.append(("registry-alias", f"not_in {stray[0]!r} holds none of the entry's aliases; ignored"))
        entity = replace(entity, not_in=tuple(p for p in entity.not_in if p not in stray))
    loose = [a for a in entity.inside_words if alias_key(a) not in keys]
    if loose:
        faults.append(("registry-alias", f"inside_words {loose[0]!r} is not one of the entry's aliases; ignored"))
        entity = replace(entity, inside_words=tuple(a for a in entity.inside_words if a not in loose))
    return entity, faults


def _check_references(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """Leave out entries that name ids that do not exist, and then the entries that named those."""

    def missing(entity: Entity) -> list[str]:
        return [ref for ref in (entity.country, *entity.members) if ref and ref not in entities]

    named_by: dict[str, list[str]] = defaultdict(list)
    for entity in entities.values():
        for ref in (entity.country, *entity.members):
            if ref:
                named_by[ref].append(entity.id)
    queue = deque(eid for eid, entity in entities.items() if missing(entity))
    while queue:
        entity_id = queue.popleft()
        found = entities.get(entity_id)
        gone = missing(found) if found is not None else []
        if found is None or not gone:
            continue
        del entities[entity_id]
        msg = f"{entity_id}: refers to unknown id(s) {', '.join(gone)}; entry left out"
        problems.append(RegistryProblem(found.path, found.line, msg, "registry-reference"))
        queue.extend(named_by.get(entity_id, ()))
    return entities


#: Titles and honorifics that follow a name.  The matcher never makes them part of a
#: mention, so an alias may not end with one (王毅外相 would swallow the title).
TITLE_SUFFIXES = ("氏", "外相", "書記", "主席", "大統領", "首相", "大使", "事務総長", "長官", "外務大臣", "総理")


def _check_titles(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """Leave out entries whose aliases carry a title: titles are never part of a mention."""
    kept = {}
    for eid, entity in entities.items():
        bad = [a for a in entity.all_aliases if any(a.endswith(t) and len(a) > len(t) for t in TITLE_SUFFIXES)]
        if bad:
            msg = (
                f"{eid}: alias {bad[0]!r} ends with a title; list the name alone "
                "(titles after a name are never part of a mention); entry left out"
            )
            problems.append(RegistryProblem(entity.path, entity.line, msg, "registry-alias"))
            continue
        kept[eid] = entity
    return kept


def _check_aliases(entities: dict[str, Entity], problems: list[RegistryProblem]) -> dict[str, Entity]:
    """An alias claimed by several entities must be listed in ``shared_aliases`` by each of them."""
    owners: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        for key in dict.fromkeys(alias_key(a) for a in entity.all_aliases):
            owners[key].append(entity)
    left_out: set[str] = set()
    for key, claimants in owners.items():
        if len(claimants) < 2:
            continue
        shared = [e for e in claimants if key in {alias_key(a) for a in e.shared_aliases}]
        if len(shared) == len(claimants):
            continue
        first = claimants[0]
        for entity in claimants[1:]:
            if entity.id in left_out:
                continue
            msg = (
                f"{entity.id}: alias {key!r} is also claimed by {first.id} ({first.path.name}:{first.line}); "
                "list it under shared_aliases in both entries if both are meant; entry left out"
            )
            problems.append(RegistryProblem(entity.path, entity.line, msg, "registry-alias"))
            left_out.add(entity.id)
    return {k: v for k, v in entities.items() if k not in left_out}


_registry_cache: dict[tuple[str, tuple[tuple[str, int], ...]], Registry] = {}


def registry_for(srcdir: str | Path, folder: str, cache_dir: str | Path | None = None) -> Registry:
    """The registry of a book, loaded once per set of file versions (a cache, not state).

    With ``cache_dir`` (Sphinx's doctree folder) the loaded registry is kept
    on disk too, keyed by the files' bytes: a build that did not touch the
    registry does not parse and validate it again.
    """
    root = Path(srcdir) / folder
    try:
        with os.scandir(root) as scan:
            stamp = tuple(sorted((e.name, e.stat().st_mtime_ns) for e in scan if e.name.endswith((".yaml", ".yml"))))
    except OSError:
        stamp = ()
    key = (str(root), stamp)
    if key in _registry_cache:
        return _registry_cache[key]
    _registry_cache.clear()
    files, problems = read_registry_files(root)
    registry: Registry | None = None
    digest = hashlib.sha256(str(root).encode("utf-8"))
    for path, data in files:
        digest.update(path.name.encode("utf-8") + b"\0" + data + b"\0")
    where = Path(cache_dir) / "briefing-registry.pickle" if cache_dir is not None else None
    if where is not None:
        registry = build_cache.load(where, digest.hexdigest())
    if not isinstance(registry, Registry):
        registry = load_registry(root, files)
        if where is not None:
            build_cache.save(where, digest.hexdigest(), registry)
    if problems:  # files refused: not part of the cached registry, whose key holds only what was read
        registry = replace(registry, problems=(*problems, *registry.problems))
    _registry_cache[key] = registry
    return registry
