"""Every warning subtype the extension emits (``briefing.<subtype>``), declared once with its help.

Each warning has ``type="briefing"`` and one of these subtypes, so a book can list it in
``suppress_warnings``.  The README's table is written from this list
(``tools/docs_tables.py``), and a test holds both the table and every subtype the code
emits equal to it: the code names a subtype as ``Subtype.X``, never as a string.
"""

from __future__ import annotations

from enum import StrEnum


class Subtype(StrEnum):
    """A warning subtype; :data:`HELP` says when it is given and what happens then."""

    EMPTY = "empty"
    BINARY = "binary"
    ENCODING = "encoding"
    NUL = "nul"
    STRUCTURE = "structure"
    METADATA = "metadata"
    DUPLICATE = "duplicate"
    FILENAME = "filename"
    PROTECTED = "protected"
    FILE = "file"
    WRITE = "write"
    GLYPH = "glyph"
    ANALYSER = "analyser"
    REGISTRY_FILE = "registry-file"
    REGISTRY_YAML = "registry-yaml"
    REGISTRY_SCHEMA = "registry-schema"
    REGISTRY_KIND = "registry-kind"
    REGISTRY_DUPLICATE = "registry-duplicate"
    REGISTRY_REFERENCE = "registry-reference"
    REGISTRY_ALIAS = "registry-alias"
    REGISTRY_ANALYSER = "registry-analyser"
    UNKNOWN_TARGET = "unknown-target"
    DUPLICATE_ID = "duplicate-id"
    LABEL = "label"
    DIRECTIVE = "directive"
    TAKEAWAY_LIST = "takeaway-list"
    GRAPHVIZ = "graphviz"
    EXTERNAL = "external"


#: (when, what happens) of each subtype.
HELP: dict[Subtype, tuple[str, str]] = {
    Subtype.EMPTY: ("the file is empty or only whitespace", "no page"),
    Subtype.BINARY: ("the file is binary data", "no page"),
    Subtype.ENCODING: (
        "not UTF-8: decoded as Shift_JIS/CP932/EUC-JP by detection (or undetectable)",
        "page made from the decoded text; convert the file with the `iconv` command the warning gives",
    ),
    Subtype.NUL: ("NUL bytes inside the text", "dropped; page made"),
    Subtype.STRUCTURE: (
        "only a title; a heading with nothing under it; a points heading without a list; a date line or "
        "dateline whose date cannot be read; an override in the sidecar that matches no line",
        'page made as read (see "Seeing and correcting how a seed was read")',
    ),
    Subtype.METADATA: (
        "bad front matter or sidecar (bad YAML, date, URL, slug, unknown key)",
        "the bad key is ignored",
    ),
    Subtype.DUPLICATE: ("the same text as another seed", "both pages made"),
    Subtype.FILENAME: ("a file name with control characters", "no page; rename it"),
    Subtype.PROTECTED: (
        "a page in `briefings/` was written or edited by a person",
        "left as it is: delete it (or `git checkout` it) to regenerate",
    ),
    Subtype.FILE: (
        "a seed or sidecar that is not a regular file inside `seeds/` (a symbolic link leading out of the "
        "folder, a FIFO, a folder named `x.txt`), larger than 16 MiB (a sidecar: 256 KiB), or unreadable",
        "not read; no page",
    ),
    Subtype.WRITE: (
        "a generated page cannot be written (read-only folder, full disk)",
        "the old page (if any) is left whole; the rest builds",
    ),
    Subtype.GLYPH: (
        "(latex builder only) a seed line has a character the PDF's CJK font has no glyph for (an emoji; a "
        "private-use gaiji; a character newer than the font, such as CJK Extension H; simplified Chinese "
        "without Noto CJK)",
        "the PDF shows a box or nothing for it (dvipdfmx would only log it); the HTML keeps it",
    ),
    Subtype.ANALYSER: (
        "Sudachi, jieba or OpenCC failed on a line (an error inside the analyser; inputs are cut to the sizes "
        "each accepts, so this should not happen)",
        "the words there are not checked: no mention or candidate is taken from them; the rest of the page is made",
    ),
    Subtype.REGISTRY_FILE: (
        "a registry file that is not a regular file inside `registry/`, is larger than 8 MiB, or would take "
        "the registry past 16 MiB",
        "not read",
    ),
    Subtype.REGISTRY_YAML: ("a registry file that is not valid YAML, or a YAML alias bomb", "the file is left out"),
    Subtype.REGISTRY_SCHEMA: (
        "an entry the schema refuses (a missing field, a name over 100 characters, a line break in an id, "
        "nesting too deep to check)",
        "the entry is left out",
    ),
    Subtype.REGISTRY_KIND: (
        "an unknown kind or type, or a kind named like one of the book's own roles or directives (`mention`)",
        "the entry (or kind) is left out",
    ),
    Subtype.REGISTRY_DUPLICATE: ("an id or a kind declared twice", "the second is left out"),
    Subtype.REGISTRY_REFERENCE: (
        "an unknown reference; a state whose country is itself; a forum member listed twice",
        "mended and kept, or the reference left out",
    ),
    Subtype.REGISTRY_ALIAS: (
        "an alias claimed by two entries (not `shared_aliases` in both), or only white space; a `not_in` "
        "phrase holding none of the entry's aliases",
        "the later entry (or the phrase) is left out",
    ),
    Subtype.REGISTRY_ANALYSER: (
        "an analyser failed to derive an entry's reading or Chinese written forms",
        "the entry goes without them",
    ),
    Subtype.UNKNOWN_TARGET: (
        "a role or mention names an entity, takeaway or briefing nobody declares (under `-n`; "
        "`nitpick_ignore` applies)",
        "shown as text",
    ),
    Subtype.DUPLICATE_ID: ("two pages declare one id (a takeaway, an entity)", "the later one is kept"),
    Subtype.LABEL: ("a `{briefing-label}` with a key the extension does not know", "shown as written"),
    Subtype.DIRECTIVE: (
        "a gathering directive with a bad argument (`briefing-latest` not given a number)",
        "its default is used",
    ),
    Subtype.TAKEAWAY_LIST: ("a `takeaway-list` option that is not a date like 2025-02-28", "the option is ignored"),
    Subtype.GRAPHVIZ: ("Graphviz (`dot`) is missing or fails on a graph", "the graph is left out; the page builds"),
    Subtype.EXTERNAL: (
        "another book's `briefings.json` cannot be fetched or read (deadline, size, depth, bad URL)",
        "its links are left out (the last good copy is used while it lasts)",
    ),
}
