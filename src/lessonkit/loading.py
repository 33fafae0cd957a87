"""Reading practice files: their YAML (:mod:`lessonkit.yaml_reading`) validated against the model.

``load_practice_file`` returns a :class:`PracticeSet` or raises
:class:`PracticeFileError` listing every problem of that file, each with its
line and column. ``load_practice_files`` reads many and reports every bad file.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .model import PracticeSet, ReferenceProblem, Section
from .problems import PracticeFileError, Problem, display_path, format_path
from .explaining import DataPath, Positions, clean_loc, explain, field_at, kind_of, null_problem, several_lines
from .yaml_mistakes import Finding, Source, position_of_words
from .yaml_bounds import MAX_BYTES, depth_finding, size_message
from .yaml_reading import YAML_LOADER, NodeProblems, TooMuch, Walk, all_positions, bounds_finding, mark, to_data
from .yaml_syntax import reader_finding, syntax_finding

__all__ = ["LoadCache", "LoadedSet", "load_practice_file", "load_practice_files", "parse_practice_text"]


@functools.cache
def _section_adapter() -> TypeAdapter[Any]:
    """Validates one section alone (only a file with a problem needs it)."""
    return TypeAdapter(Section)

@dataclass(frozen=True)
class LoadedSet:
    """A practice set and the file it came from."""

    source: Path
    display: str
    practice_set: PracticeSet
    positions: Positions = field(repr=False, compare=False)

    @property
    def stem(self) -> str:
        return self.source.stem

    def problem(self, path: DataPath, message: str, hint: str | None = None) -> Problem:
        """A problem at ``path`` of this file, with its line and column."""
        line, column = self.positions.of_value(path)
        return Problem(self.display, line, column, format_path(path), message, hint)

    def text_problem(self, text: str, message: str, hint: str | None = None, words: str | None = None) -> Problem:
        """A problem in a text of this file: at the first field holding that text
        (at the line holding ``words``, in a text of several lines).

        A sound file keeps only top-level positions; the file is read again
        for the others (only when there is a problem to report).
        """
        positions, source, data = self._read_again()
        path = _find_text(data, text, ()) or ()
        line, column = _position(positions, source, path, words)
        return Problem(self.display, line, column, format_path(path), message, hint)

    def warnings(self) -> list[Problem]:
        """What the build warns of in this file (``--strict`` stops it), e.g.
        two options with one text; ``check`` reports them as problems."""
        found = list(self.practice_set.reference_warnings())
        if not found:
            return []
        positions, source, _ = self._read_again()
        return [
            Problem(self.display, *_position(positions, source, warning.path, warning.words), format_path(warning.path), warning.message, warning.hint)
            for warning in found
        ]

    def _read_again(self) -> tuple[Positions, Source, Any]:
        """Every position of the file, its source and data (the kept positions, when it cannot be read again)."""
        positions = Positions()
        try:
            source = Source(self.source.read_text(encoding="utf-8").removeprefix("\ufeff"))
            document = yaml.compose(source.text, Loader=YAML_LOADER)
            return positions, source, to_data(document, (), Walk(source, positions, depth=1_000))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, NodeProblems, TooMuch):
            return self.positions, Source(""), None


def _find_text(data: Any, text: str, path: DataPath) -> DataPath | None:
    """The path of the first value of ``data`` equal to ``text``."""
    if isinstance(data, str):
        return path if data == text else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = _find_text(value, text, (*path, key))
        if found is not None:
            return found
    return None



def _position(positions: Positions, source: Source, path: DataPath, words: str | None) -> tuple[int, int]:
    """Where the value at ``path`` starts, or the line of it holding ``words``."""
    start = positions.of_value(path)
    if words is None or path not in positions.last_lines:
        return start
    return position_of_words(source, start, positions.last_lines[path], words)



def parse_practice_text(text: str, source: str) -> PracticeSet:
    """Validate one file's text; raise :class:`PracticeFileError` with every problem."""
    return _parse(text, source)[0]


def _parse(text: str, name: str) -> tuple[PracticeSet, Positions]:

    def problem(position: tuple[int, int], path: str, message: str, hint: str | None = None) -> Problem:
        return Problem(name, position[0], position[1], path, message, hint)

    if len(text) > MAX_BYTES:  # characters: at least as many bytes
        raise PracticeFileError([problem((1, 1), "", *size_message(len(text.encode("utf-8", "surrogatepass"))))])
    source = Source(text)
    try:
        documents = list(yaml.compose_all(text, Loader=YAML_LOADER))
    except yaml.MarkedYAMLError as exc:
        found = syntax_finding(exc, text, source, YAML_LOADER)
        raise PracticeFileError([problem((found.line, found.column), found.field, found.message, found.hint)]) from None
    except yaml.reader.ReaderError as exc:
        found = reader_finding(exc, text)
        raise PracticeFileError([problem((found.line, found.column), "", found.message, found.hint)]) from None
    except yaml.YAMLError as exc:
        raise PracticeFileError([problem((1, 1), "", f"YAML error: {exc}")]) from None
    except RecursionError:  # pragma: no cover - the pure-Python composer, without libyaml
        found = depth_finding(1, 1)
        raise PracticeFileError([problem((1, 1), "", found.message, found.hint)]) from None
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
        raise PracticeFileError([problem(mark(documents[1]), "", "the file holds more than one YAML document", "remove the '---' line: one practice set per file")])
    # The checks after loading name top-level fields (`page`, `lesson`): a sound
    # file keeps only those positions, a file with a problem gets all of them.
    walk = Walk(source, Positions(), depth=1)
    try:
        data = to_data(documents[0], (), walk)
    except NodeProblems as found:
        raise PracticeFileError([problem(*entry) for entry in found.problems]) from None
    except TooMuch as too_much:
        found = bounds_finding(too_much, text)
        raise PracticeFileError([problem((found.line, found.column), "", found.message, found.hint)]) from None
    if not isinstance(data, dict):
        raise PracticeFileError([problem((1, 1), "", f"the file must be a mapping of fields, not {kind_of(data)}", "start with 'title:' and 'sections:'")])

    try:
        practice_set = PracticeSet.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        if not walk.nulls and not _findings(walk, data):
            references = list(practice_set.reference_problems())
            if not references:
                return practice_set, walk.positions
            positions = all_positions(documents[0], source)
            raise PracticeFileError(
                [problem(_position(positions, source, found.path, found.words), format_path(found.path), found.message, found.hint) for found in references]
            )
        errors = []
    sound = not errors  # the model took the data: a text YAML read otherwise, or a null, is the problem

    walk = Walk(source, Positions(), depth=1_000)
    to_data(documents[0], (), walk)
    positions = walk.positions
    problems = [
        problem((found.line, found.column), format_path(path), found.message, found.hint) for path, found in _findings(walk, data)
    ]
    told: set[DataPath] = set()
    for path, rest in walk.nulls.items():
        explained = null_problem(data, path, rest, source.line(positions.of_value(path)[0] - 1))
        if explained is not None:
            told.add(path)
            problems.append(problem(positions.of_value(path), format_path(path), *explained))
    texts_read_as_fields: set[DataPath] = set()
    for error in errors:
        path = clean_loc(data, error["loc"])
        if error["type"] == "union_tag_invalid":
            path = (*path, "type")
        if path in told or any(path[: len(parent)] == parent for parent in texts_read_as_fields):
            continue
        path, message, hint = explain(error, data, path, source, positions)
        if message.startswith("': ' inside a text"):
            texts_read_as_fields.add(path[:-1])
            problems = [p for p in problems if not p.path.startswith(format_path(path[:-1]) + ".")]
        position = positions.of_key(path) if error["type"] == "extra_forbidden" else positions.of_value(path)
        problems.append(problem(position, format_path(path), message, hint))
    # Sections that are sound on their own still get their cross-checks,
    # so one pass reports a wrong answer id next to a misspelled field.
    references = practice_set.reference_problems() if sound else _section_references(data)
    for found in references:
        problems.append(problem(_position(positions, source, found.path, found.words), format_path(found.path), found.message, found.hint))
    if sound and not problems:  # pragma: no cover - every finding and null kept above is a problem
        return practice_set, positions
    raise PracticeFileError(sorted(_unique(problems), key=lambda p: (p.line, p.column)))



def _findings(walk: Walk, data: Any) -> list[tuple[DataPath, Finding]]:
    """The walk's findings that are mistakes in their field."""
    return [
        (path, found)
        for path, found in walk.findings
        # A one-line field (a title, an id) is meant to be folded: its lines joined are what it shows.
        if not (found.joined_item and not several_lines(field_at(data, path)))
    ]



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
    """The file's bytes; never more than :data:`MAX_BYTES` of them are read."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
            size = os.fstat(file.fileno()).st_size if len(raw) > MAX_BYTES else len(raw)
    except OSError as exc:
        raise PracticeFileError([Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise PracticeFileError([Problem(name, 1, 1, "", *size_message(max(size, len(raw))))])
    return raw


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
