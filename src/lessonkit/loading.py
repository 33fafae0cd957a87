"""Reading practice files: YAML with positions, validated against the model.

``load_practice_file`` returns a :class:`PracticeSet` or raises
:class:`PracticeFileError` listing every problem of that file, each with its
line and column. ``load_practice_files`` reads many and reports every bad file.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, StringConstraints, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from .model import SECTION_MODELS, SECTION_TYPES, PracticeSet, ReferenceProblem, Section
from .problems import PracticeFileError, Problem, display_path, format_path
from .yaml_mistakes import Finding, Source, quote_hint, scalar_findings, syntax_finding

__all__ = ["LoadCache", "LoadedSet", "load_practice_file", "load_practice_files", "parse_practice_text"]

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Composes YAML (libyaml when present: ~20x faster than pure Python, same
    positions) with every plain scalar resolved as text, or as null when it
    is empty or ``null``/``~``. Scalars stay what the instructor wrote, so the
    implicit typing (booleans, numbers, dates: a dozen regexes per scalar) is
    not run at all."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


_YAML_LOADER = _TextLoader


@functools.cache
def _section_adapter() -> TypeAdapter[Any]:
    """Validates one section alone (only a file with a problem needs it)."""
    return TypeAdapter(Section)

Path_ = tuple[str | int, ...]
_UNIONS: tuple[Any, ...] = (Union, UnionType)


@dataclass
class _Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path_) -> tuple[int, int]:
        # The deepest known ancestor: a missing field points at its mapping.
        for length in range(len(path), -1, -1):
            if path[:length] in self.values:
                return self.values[path[:length]]
        return (1, 1)

    def of_key(self, path: Path_) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class LoadedSet:
    """A practice set and the file it came from."""

    source: Path
    display: str
    practice_set: PracticeSet
    positions: _Positions = field(repr=False, compare=False)

    @property
    def stem(self) -> str:
        return self.source.stem

    def problem(self, path: Path_, message: str, hint: str | None = None) -> Problem:
        """A problem at ``path`` of this file, with its line and column."""
        line, column = self.positions.of_value(path)
        return Problem(self.display, line, column, format_path(path), message, hint)

    def text_problem(self, text: str, message: str, hint: str | None = None) -> Problem:
        """A problem in a text of this file: at the first field holding that text.

        A sound file keeps only top-level positions; the file is read again
        for the others (only when there is a problem to report).
        """
        positions = _Positions()
        path: Path_ = ()
        try:
            source = self.source.read_text(encoding="utf-8").removeprefix("\ufeff")
            document = yaml.compose(source, Loader=_YAML_LOADER)
            path = _find_text(_to_data(document, (), _Walk(Source(source), positions, depth=1_000)), text, ()) or ()
        except (OSError, UnicodeDecodeError, yaml.YAMLError, _Problems):
            positions = self.positions
        line, column = positions.of_value(path)
        return Problem(self.display, line, column, format_path(path), message, hint)


def _find_text(data: Any, text: str, path: Path_) -> Path_ | None:
    """The path of the first value of ``data`` equal to ``text``."""
    if isinstance(data, str):
        return path if data == text else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = _find_text(value, text, (*path, key))
        if found is not None:
            return found
    return None


class _Problems(Exception):
    def __init__(self, problems: list[tuple[tuple[int, int], str, str, str | None]]) -> None:
        self.problems = problems


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class _Walk:
    """What one pass over a file's nodes collects besides the data."""

    source: Source
    positions: _Positions
    depth: int
    findings: list[tuple[Path_, Finding]] = field(default_factory=list)
    nulls: dict[Path_, str] = field(default_factory=dict)  # a value that is nothing: its path, and its line from there


def _to_data(node: yaml.Node, path: Path_, walk: _Walk) -> Any:
    """Turn a composed YAML node into plain data, remembering the positions of
    values (and keys) at most ``walk.depth`` deep.

    Scalars stay text (``no``, ``3.10`` and ``on`` are what the instructor
    wrote, not a boolean or a float); only an empty value or ``null`` is None.
    A text YAML reads otherwise than it looks (a tag, a comment, a folded
    list) is a finding.
    """
    if len(path) <= walk.depth:
        walk.positions.values[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        source, style = walk.source, node.style
        # Most texts are one plain line in a file without tags or comments: nothing to look at.
        if source.may_have_properties or style == ">" or (
            not style and (source.may_have_comments or node.end_mark.line > node.start_mark.line)
        ):
            for finding in scalar_findings(node, source):
                walk.findings.append((path, finding))
        if node.tag == _NULL_TAG and not node.style:  # plain: None (Python) or '' (libyaml)
            walk.nulls[path] = walk.source.line(node.start_mark.line)[node.start_mark.column :]
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(child, (*path, index), walk) for index, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Problems([(_mark(key_node), format_path(path), "a field name must be plain text", None)])
            key = key_node.value
            if key in mapping:
                hint = "keep one of them"
                if path and isinstance(path[-1], int):
                    hint += ", or, if this line starts a new entry of the list, begin it with '- '"
                raise _Problems([(_mark(key_node), format_path((*path, key)), f"field '{key}' is given twice", hint)])
            if len(path) < walk.depth:
                walk.positions.keys[(*path, key)] = _mark(key_node)
            mapping[key] = _to_data(value_node, (*path, key), walk)
        return mapping
    raise _Problems([(_mark(node), format_path(path), "unsupported YAML node", None)])  # pragma: no cover


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _child(node: Any, part: str | int) -> Any:
    """The value at ``part`` of a loaded mapping or list, or None."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


def _model_at(data: Any, path: Path_) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` (None when the path leaves the model)."""
    current: Any = PracticeSet
    node = data
    for part in path:
        node = _child(node, part)
        if isinstance(part, int):
            if current is Section and isinstance(node, dict):
                current = SECTION_MODELS.get(str(node.get("type")))
            continue
        field = current.model_fields.get(part) if isinstance(current, type) else None
        current = Section if part == "sections" else (_inner_model(field.annotation) if field else None)
    return current if isinstance(current, type) else None


def _allowed_fields(data: Any, path: Path_) -> list[str]:
    """The field names the model allows in the mapping at ``path``."""
    model = _model_at(data, path)
    return list(model.model_fields) if model else []


def _field_at(data: Any, path: Path_) -> FieldInfo | None:
    """The model's field at ``path``; for an entry of a list, the list's field."""
    while path and isinstance(path[-1], int):
        path = path[:-1]
    if not path:
        return None
    model = _model_at(data, path[:-1])
    return model.model_fields.get(str(path[-1])) if model else None


def _string_constraints(field: FieldInfo) -> list[StringConstraints]:
    found: list[StringConstraints] = []

    def walk(item: Any) -> None:
        if isinstance(item, StringConstraints):
            found.append(item)
        elif isinstance(item, FieldInfo):
            for inner in item.metadata:
                walk(inner)
        for arg in get_args(item):
            walk(arg)

    for item in (*field.metadata, field.annotation):
        walk(item)
    return found


def _several_lines(field: FieldInfo | None) -> bool:
    """Whether the field is Markdown that may span lines (not a one-line title, id or path)."""
    constraints = _string_constraints(field) if field else []
    return bool(constraints) and all(constraint.pattern is None for constraint in constraints)


def _is_list(field: FieldInfo | None) -> bool:
    if field is None:
        return False
    annotation = field.annotation
    options = [arg for arg in get_args(annotation) if arg is not type(None)] if get_origin(annotation) in _UNIONS else [annotation]
    for option in options:
        if get_origin(option) is Annotated:
            option = get_args(option)[0]
        if get_origin(option) in (list, tuple):
            return True
    return False


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop the discriminator tag pydantic puts in the location of a section."""
    cleaned: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part not in node and node.get("type") == part:
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        cleaned.append(part)
        node = _child(node, part)
    return tuple(cleaned)


def _source_line(source: Source, position: tuple[int, int]) -> str:
    return source.line(position[0] - 1)


def _explain(error: dict[str, Any], data: Any, path: Path_, source: Source, positions: _Positions) -> tuple[Path_, str, str | None]:
    """A pydantic error as an instructor reads it: where, what is wrong, and the fix.

    Never pydantic's own sentence: every kind the model can raise has its words here.
    """
    kind = error["type"]
    value = error.get("input")
    name = path[-1] if path else "file"
    field = _field_at(data, path)
    optional = field is not None and not field.is_required()
    if kind == "missing":
        if isinstance(name, int):  # a position of a fixed-length list: columns
            owner = path[:-1]
            first = value[0] if isinstance(value, list) and value else "Item"
            return owner, f"'{owner[-1]}' needs two headings, one over each column", f"write both: {owner[-1]}: [{first}, Option]"
        return path, f"required field '{name}' is missing", f"add '{name}:'"
    if kind == "too_long":
        return path, "has too many entries: columns takes two headings, one over each column", "keep two, e.g. columns: [Item, Option]"
    if kind == "extra_forbidden":
        if isinstance(name, str) and (" " in name.strip() or not name.strip()):
            line = _source_line(source, positions.of_key(path))
            return path, f"': ' inside a text: YAML reads '{name}' as a field name", quote_hint(line)
        allowed = [field for field in _allowed_fields(data, path[:-1]) if field != "type"]
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ("allowed: " + ", ".join(allowed) if allowed else None)
        return path, f"unknown field '{name}'", hint
    if kind == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", value))
        close = difflib.get_close_matches(tag, SECTION_TYPES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(SECTION_TYPES)
        return path, f"unknown section type '{tag}'", hint
    if kind == "union_tag_not_found":
        return path, "the section has no 'type'", "add 'type:' (one of: " + ", ".join(SECTION_TYPES) + ")"
    if kind in ("string_type", "str_type"):
        if value is None:
            return path, "has no text", _write_text_hint(str(name), field, optional)
        position = positions.of_value(path)
        line = _source_line(source, position)
        if line[position[1] - 1 : position[1]] in ("[", "{"):
            return path, f"expected text, got {_kind(value)}", "if it is a text, " + quote_hint(line, position[1] - 1)
        return path, f"expected text, got {_kind(value)}", _write_text_hint(str(name), field, optional)
    if kind in ("list_type", "tuple_type"):
        return path, f"expected a list, got {_kind(value)}", "start each entry on its own line with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if value is None:
            return path, "this entry is empty", "write the entry after '- ', or delete the line"
        return path, f"expected a mapping of fields, got {_kind(value)}", "write the fields on the lines below, one 'name: value' a line"
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return path, "must not be empty", "write the text, or leave the field out" if optional else "write the text"
        return path, "must not be an empty list", "add at least one entry"
    if kind == "string_pattern_mismatch":
        if name == "page":
            return path, f"'{value}' is not a page path", "write a relative path ending in .md, e.g. practice/my-set.md"
        return path, "must be a single line", "remove the line breaks"
    description = field.description if field is not None else None
    return path, "is not a valid value here", description


def _write_text_hint(name: str, field: FieldInfo | None, optional: bool) -> str:
    hint = f"write the text on the same line as '{name}:'"
    if _several_lines(field):
        hint += ", or use '|' for several lines"
    return hint + (", or leave the field out" if optional else "")


def _null_problem(data: Any, path: Path_, rest: str, line: str) -> tuple[str, str] | None:
    """A field or entry that holds nothing (empty, ``null`` or ``~``): what to write instead.

    ``rest`` is the value's line from where the value starts; ``line`` the whole line.
    """
    name = path[-1] if path else "file"
    if rest.lstrip(" \t").startswith("#"):
        return "the text starts with '#', and YAML reads '#' and the rest of the line as a comment", quote_hint(line)
    written = rest.split("#", 1)[0].strip()
    written = written if written in _NULLS else ""
    if isinstance(name, int):
        return "this entry is empty", "write the entry after '- ', or delete the line"
    if path[:1] == ("sections",) and len(path) == 3 and name == "type":
        return "the section has no type", "write one of: " + ", ".join(SECTION_TYPES)
    field = _field_at(data, path)
    if field is None:
        return None  # an unknown field, or one of an unknown section type: reported as such
    optional = not field.is_required()
    if _is_list(field) and name != "answer":
        if optional:
            return "has no entries", f"write two headings, e.g. {name}: [Item, Option], or leave the field out"
        return "has no entries", "write the entries on the lines below, each starting with '- '"
    if not written:
        return "has no text", _write_text_hint(str(name), field, optional)
    alternative = ", or leave the field out" if optional else ""
    return (
        f"'{written}' means no value in YAML, so this field has no text",
        f"write the text{alternative}; to show the word {written} itself, put it in double quotes: {name}: \"{written}\"",
    )


def parse_practice_text(text: str, source: str) -> PracticeSet:
    """Validate one file's text; raise :class:`PracticeFileError` with every problem."""
    return _parse(text, source)[0]


def _parse(text: str, name: str) -> tuple[PracticeSet, _Positions]:

    def problem(position: tuple[int, int], path: str, message: str, hint: str | None = None) -> Problem:
        return Problem(name, position[0], position[1], path, message, hint)

    source = Source(text)
    try:
        documents = list(yaml.compose_all(text, Loader=_YAML_LOADER))
    except yaml.MarkedYAMLError as exc:
        found = syntax_finding(exc, text, source, _YAML_LOADER)
        raise PracticeFileError([problem((found.line, found.column), found.field, found.message, found.hint)]) from None
    except yaml.YAMLError as exc:
        raise PracticeFileError([problem((1, 1), "", f"YAML error: {exc}")]) from None
    except UnicodeEncodeError as exc:  # a lone surrogate: text from no file, since a file is decoded as UTF-8
        before = text[: exc.start]
        position = (before.count("\n") + 1, exc.start - (before.rfind("\n") + 1) + 1)
        raise PracticeFileError(
            [problem(position, "", "the text holds a character that is not valid Unicode", "save the file as UTF-8")]
        ) from None
    documents = [document for document in documents if document is not None]
    if not documents:
        raise PracticeFileError([problem((1, 1), "", "the file is empty", "start with 'title:' and 'sections:'")])
    if len(documents) > 1:
        raise PracticeFileError([problem(_mark(documents[1]), "", "the file holds more than one YAML document", "remove the '---' line: one practice set per file")])
    # The checks after loading name top-level fields (`page`, `lesson`): a sound
    # file keeps only those positions, a file with a problem gets all of them.
    walk = _Walk(source, _Positions(), depth=1)
    try:
        data = _to_data(documents[0], (), walk)
    except _Problems as found:
        raise PracticeFileError([problem(*entry) for entry in found.problems]) from None
    if not isinstance(data, dict):
        raise PracticeFileError([problem((1, 1), "", f"the file must be a mapping of fields, not {_kind(data)}", "start with 'title:' and 'sections:'")])

    try:
        practice_set = PracticeSet.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        if not walk.nulls and not _findings(walk, data):
            references = list(practice_set.reference_problems())
            if not references:
                return practice_set, walk.positions
            positions = _all_positions(documents[0], source)
            raise PracticeFileError(
                [problem(positions.of_value(found.path), format_path(found.path), found.message, found.hint) for found in references]
            )
        errors = []
    sound = not errors  # the model took the data: a text YAML read otherwise, or a null, is the problem

    walk = _Walk(source, _Positions(), depth=1_000)
    _to_data(documents[0], (), walk)
    positions = walk.positions
    problems = [
        problem((found.line, found.column), format_path(path), found.message, found.hint) for path, found in _findings(walk, data)
    ]
    told: set[Path_] = set()
    for path, rest in walk.nulls.items():
        explained = _null_problem(data, path, rest, source.line(positions.of_value(path)[0] - 1))
        if explained is not None:
            told.add(path)
            problems.append(problem(positions.of_value(path), format_path(path), *explained))
    texts_read_as_fields: set[Path_] = set()
    for error in errors:
        path = _clean_loc(data, error["loc"])
        if error["type"] == "union_tag_invalid":
            path = (*path, "type")
        if path in told or any(path[: len(parent)] == parent for parent in texts_read_as_fields):
            continue
        path, message, hint = _explain(error, data, path, source, positions)
        if message.startswith("': ' inside a text"):
            texts_read_as_fields.add(path[:-1])
            problems = [p for p in problems if not p.path.startswith(format_path(path[:-1]) + ".")]
        position = positions.of_key(path) if error["type"] == "extra_forbidden" else positions.of_value(path)
        problems.append(problem(position, format_path(path), message, hint))
    # Sections that are sound on their own still get their cross-checks,
    # so one pass reports a wrong answer id next to a misspelled field.
    references = practice_set.reference_problems() if sound else _section_references(data)
    for found in references:
        problems.append(problem(positions.of_value(found.path), format_path(found.path), found.message, found.hint))
    if sound and not problems:  # pragma: no cover - every finding and null kept above is a problem
        return practice_set, positions
    raise PracticeFileError(sorted(_unique(problems), key=lambda p: (p.line, p.column)))


def _findings(walk: _Walk, data: Any) -> list[tuple[Path_, Finding]]:
    """The walk's findings that are mistakes in their field."""
    return [
        (path, found)
        for path, found in walk.findings
        # A one-line field (a title, an id) is meant to be folded: its lines joined are what it shows.
        if not (found.joined_item and not _several_lines(_field_at(data, path)))
    ]


def _all_positions(document: yaml.Node, source: Source) -> _Positions:
    walk = _Walk(source, _Positions(), depth=1_000)
    _to_data(document, (), walk)
    return walk.positions


def _section_references(data: dict[str, Any]) -> Iterator[ReferenceProblem]:
    sections = data.get("sections")
    if not isinstance(sections, list):
        return
    for index, section_data in enumerate(sections):
        try:
            section = _section_adapter().validate_python(section_data)
        except ValidationError:
            continue
        for found in section.reference_problems():
            yield found.model_copy(update={"path": ("sections", index, *found.path)})


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]


def load_practice_file(path: Path, display: str | None = None) -> LoadedSet:
    """Read and validate one file. ``display`` is the name used in messages."""
    name = display or str(path)
    return _load_bytes(path, _read(path, name), name)


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PracticeFileError([Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror}")]) from None


def _load_bytes(path: Path, raw: bytes, name: str) -> LoadedSet:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PracticeFileError(
            [Problem(name, line, column, "", f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8 in your editor")]
        ) from None
    practice_set, positions = _parse(text.removeprefix("\ufeff"), name)
    return LoadedSet(path, name, practice_set, positions)


LoadCache = dict[Path, tuple[bytes, LoadedSet]]
"""Files already loaded, by path, with a digest of the bytes they had then."""


def load_practice_files(
    paths: Iterable[Path], display_root: Path | None = None, cache: LoadCache | None = None
) -> list[LoadedSet]:
    """Load every file; raise one :class:`PracticeFileError` naming every bad file.

    With a ``cache`` (kept by the caller across rebuilds), a file whose bytes
    are unchanged is not parsed again (a digest, not the modification time,
    which some file systems keep to the second); the cache is updated to hold
    exactly the files that loaded.
    """
    loaded: list[LoadedSet] = []
    problems: list[Problem] = []
    fresh: LoadCache = {}
    for path in paths:
        name = display_path(path, display_root)
        try:
            raw = _read(path, name)
            stamp = hashlib.blake2b(raw, digest_size=16).digest()
            known = cache.get(path) if cache is not None else None
            if known is not None and known[0] == stamp:
                loaded.append(known[1])
                fresh[path] = known
                continue
            loaded_set = _load_bytes(path, raw, name)
        except PracticeFileError as exc:
            problems.extend(exc.problems)
            continue
        loaded.append(loaded_set)
        fresh[path] = (stamp, loaded_set)
    if cache is not None:
        cache.clear()
        cache.update(fresh)
    if problems:
        raise PracticeFileError(problems)
    return loaded
