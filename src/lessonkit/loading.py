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
from typing import Any, get_args

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .model import SECTION_MODELS, SECTION_TYPES, PracticeSet, ReferenceProblem, Section
from .problems import PracticeFileError, Problem, display_path, format_path

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
            document = yaml.compose(self.source.read_text(encoding="utf-8").removeprefix("\ufeff"), Loader=_YAML_LOADER)
            path = _find_text(_to_data(document, (), positions), text, ()) or ()
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


def _to_data(node: yaml.Node, path: Path_, positions: _Positions, depth: int = 1_000) -> Any:
    """Turn a composed YAML node into plain data, remembering the positions of
    values (and keys) at most ``depth`` deep.

    Scalars stay text (``no``, ``3.10`` and ``on`` are what the instructor
    wrote, not a boolean or a float); only an empty value or ``null`` is None.
    """
    if len(path) <= depth:
        positions.values[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and not node.style:  # plain: None (Python) or '' (libyaml)
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(child, (*path, index), positions, depth) for index, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Problems([(_mark(key_node), format_path(path), "a field name must be plain text", None)])
            key = key_node.value
            if key in mapping:
                raise _Problems(
                    [(_mark(key_node), format_path((*path, key)), f"field '{key}' is given twice", "keep one of them")]
                )
            if len(path) < depth:
                positions.keys[(*path, key)] = _mark(key_node)
            mapping[key] = _to_data(value_node, (*path, key), positions, depth)
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


def _allowed_fields(data: Any, path: Path_) -> list[str]:
    """The field names the model allows in the mapping at ``path``."""
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
    return list(current.model_fields) if isinstance(current, type) else []


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


def _explain(error: dict[str, Any], data: Any, path: Path_) -> tuple[str, str | None]:
    """A pydantic error as an instructor reads it: what is wrong, and the fix."""
    kind = error["type"]
    value = error.get("input")
    name = path[-1] if path else "file"
    if kind == "missing":
        return f"required field '{name}' is missing", f"add '{name}:'"
    if kind == "extra_forbidden":
        allowed = [field for field in _allowed_fields(data, path[:-1]) if field != "type"]
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ("allowed: " + ", ".join(allowed) if allowed else None)
        return f"unknown field '{name}'", hint
    if kind == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", value))
        close = difflib.get_close_matches(tag, SECTION_TYPES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(SECTION_TYPES)
        return f"unknown section type '{tag}'", hint
    if kind == "union_tag_not_found":
        return "the section has no 'type'", "add 'type:' (one of: " + ", ".join(SECTION_TYPES) + ")"
    if kind in ("string_type", "str_type"):
        return f"expected text, got {_kind(value)}", "write the text on the same line, or use '|' for several lines"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_kind(value)}", "start each entry on its own line with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_kind(value)}", None
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty", "write the text, or remove the field"
        return "must not be an empty list", "add at least one entry"
    if kind == "too_long":
        return "has too many entries", "columns takes exactly two headings"
    if kind == "string_pattern_mismatch":
        if name == "page":
            return f"'{value}' is not a page path", "write a relative path ending in .md, e.g. practice/my-set.md"
        return "must be a single line", "remove the line breaks"
    return error["msg"], None


def parse_practice_text(text: str, source: str) -> PracticeSet:
    """Validate one file's text; raise :class:`PracticeFileError` with every problem."""
    return _parse(text, source)[0]


def _parse(text: str, source: str) -> tuple[PracticeSet, _Positions]:

    def problem(position: tuple[int, int], path: str, message: str, hint: str | None = None) -> Problem:
        return Problem(source, position[0], position[1], path, message, hint)

    try:
        documents = list(yaml.compose_all(text, Loader=_YAML_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise PracticeFileError([problem(position, "", f"YAML syntax error: {what}", "check the indentation and quoting on this line or the one before")]) from None
    except yaml.YAMLError as exc:
        raise PracticeFileError([problem((1, 1), "", f"YAML error: {exc}")]) from None
    documents = [document for document in documents if document is not None]
    if not documents:
        raise PracticeFileError([problem((1, 1), "", "the file is empty", "start with 'title:' and 'sections:'")])
    if len(documents) > 1:
        raise PracticeFileError([problem(_mark(documents[1]), "", "the file holds more than one YAML document", "remove the '---' line: one practice set per file")])
    # The checks after loading name top-level fields (`page`, `lesson`): a sound
    # file keeps only those positions, a file with a problem gets all of them.
    positions = _Positions()
    try:
        data = _to_data(documents[0], (), positions, depth=1)
    except _Problems as found:
        raise PracticeFileError([problem(*entry) for entry in found.problems]) from None
    if not isinstance(data, dict):
        raise PracticeFileError([problem((1, 1), "", f"the file must be a mapping of fields, not {_kind(data)}", "start with 'title:' and 'sections:'")])

    try:
        practice_set = PracticeSet.model_validate(data)
    except ValidationError as exc:
        positions = _Positions()
        _to_data(documents[0], (), positions)
        problems = []
        for error in exc.errors():
            path = _clean_loc(data, error["loc"])
            if error["type"] == "union_tag_invalid":
                path = (*path, "type")
            message, hint = _explain(error, data, path)
            position = positions.of_key(path) if error["type"] == "extra_forbidden" else positions.of_value(path)
            problems.append(problem(position, format_path(path), message, hint))
        # Sections that are sound on their own still get their cross-checks,
        # so one pass reports a wrong answer id next to a misspelled field.
        for found in _section_references(data):
            problems.append(problem(positions.of_value(found.path), format_path(found.path), found.message, found.hint))
        raise PracticeFileError(_unique(problems)) from None

    references = list(practice_set.reference_problems())
    if references:
        positions = _Positions()
        _to_data(documents[0], (), positions)
        raise PracticeFileError(
            [problem(positions.of_value(found.path), format_path(found.path), found.message, found.hint) for found in references]
        )
    return practice_set, positions


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
