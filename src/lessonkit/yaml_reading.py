"""A practice file's YAML turned into plain data, with the positions of its values.

The composer (libyaml when present) reads every plain scalar as text; the walk
over the composed nodes (:func:`to_data`) keeps each value's line and column
(:class:`~lessonkit.explaining.Positions`), collects the texts YAML reads
otherwise than they look (:mod:`lessonkit.yaml_mistakes`) and the values that
are nothing, and stops at the bounds of :mod:`lessonkit.yaml_bounds`.
:mod:`lessonkit.loading` validates the data against the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .explaining import NULL_WORDS, DataPath, Positions
from .problems import format_path
from .yaml_bounds import MAX_ALIAS_VALUES, MAX_DEPTH, alias_finding, deep_text_line, depth_finding, text_depth_message
from .yaml_mistakes import Finding, Source, last_line, may_have_findings, scalar_findings

__all__ = ["YAML_LOADER", "NodeProblems", "TooMuch", "Walk", "all_positions", "bounds_finding", "mark", "to_data"]

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Composes YAML (libyaml when present: ~20x faster than pure Python, same
    positions) with every plain scalar resolved as text, or as null when it
    is empty or ``null``/``~``. Scalars stay what the instructor wrote, so the
    implicit typing (booleans, numbers, dates: a dozen regexes per scalar) is
    not run at all."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in NULL_WORDS else _STR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


YAML_LOADER = _TextLoader


class NodeProblems(Exception):
    """What stops the walk at a node: (line and column, field, message, hint) each."""

    def __init__(self, problems: list[tuple[tuple[int, int], str, str, str | None]]) -> None:
        self.problems = problems


def mark(node: yaml.Node) -> tuple[int, int]:
    """Where ``node`` starts: line and column, from 1."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class Walk:
    """What one pass over a file's nodes collects besides the data."""

    source: Source
    positions: Positions
    depth: int
    findings: list[tuple[DataPath, Finding]] = field(default_factory=list)
    nulls: dict[DataPath, str] = field(default_factory=dict)  # a value that is nothing: its path, and its line from there
    seen: set[int] = field(default_factory=set)  # the nodes met so far: one met again is an alias's copy
    open: set[int] = field(default_factory=set)  # the lists and mappings being walked: one met inside itself is a loop
    copied: int = 0  # how many values aliases have copied (yaml_bounds.MAX_ALIAS_VALUES)


class TooMuch(Exception):
    """The file nests too deep, or its aliases copy too much: :func:`bounds_finding` says where."""

    def __init__(self, node: yaml.Node, depth: bool) -> None:
        self.node = node
        self.depth = depth


def to_data(node: yaml.Node, path: DataPath, walk: Walk) -> Any:
    """Turn a composed YAML node into plain data, remembering the positions of
    values (and keys) at most ``walk.depth`` deep.

    Scalars stay text (``no``, ``3.10`` and ``on`` are what the instructor
    wrote, not a boolean or a float); only an empty value or ``null`` is None.
    A text YAML reads otherwise than it looks (a tag, a comment, a folded
    list) is a finding.
    """
    if len(path) <= walk.depth:
        walk.positions.values[path] = mark(node)
        if isinstance(node, yaml.ScalarNode):
            walk.positions.last_lines[path] = last_line(node)
    if len(path) > MAX_DEPTH:
        raise TooMuch(node, depth=True)
    key = id(node)
    if walk.source.may_have_properties:  # an alias needs an anchor, '&' where a value starts
        if key in walk.seen:
            walk.copied += 1
            if walk.copied > MAX_ALIAS_VALUES or key in walk.open:
                raise TooMuch(node, depth=False)
        else:
            walk.seen.add(key)
    if isinstance(node, yaml.ScalarNode):
        source, style = walk.source, node.style
        if may_have_findings(node, source):
            for finding in scalar_findings(node, source):
                walk.findings.append((path, finding))
        deep = deep_text_line(node.value)
        if deep is not None:  # Markdown would recurse past Python's limit converting it
            line = node.start_mark.line + 1 + (deep + 1 if style in ("|", ">") else 0)
            column = 1 if style in ("|", ">") else node.start_mark.column + 1
            raise NodeProblems([((line, column), format_path(path), *text_depth_message())])
        if node.tag == _NULL_TAG and not node.style:  # plain: None (Python) or '' (libyaml)
            walk.nulls[path] = walk.source.line(node.start_mark.line)[node.start_mark.column :]
            return None
        return node.value
    if not walk.source.may_have_properties:
        return _collection_data(node, path, walk)
    walk.open.add(key)
    try:
        return _collection_data(node, path, walk)
    finally:
        walk.open.discard(key)


def _collection_data(node: yaml.Node, path: DataPath, walk: Walk) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return [to_data(child, (*path, index), walk) for index, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise NodeProblems([(mark(key_node), format_path(path), "a field name must be plain text", None)])
            key = key_node.value
            if key in mapping:
                hint = "keep one of them"
                if path and isinstance(path[-1], int):
                    hint += ", or, if this line starts a new entry of the list, begin it with '- '"
                raise NodeProblems([(mark(key_node), format_path((*path, key)), f"field '{key}' is given twice", hint)])
            if len(path) < walk.depth:
                walk.positions.keys[(*path, key)] = mark(key_node)
            mapping[key] = to_data(value_node, (*path, key), walk)
        return mapping
    raise NodeProblems([(mark(node), format_path(path), "unsupported YAML node", None)])  # pragma: no cover


def bounds_finding(too_much: TooMuch, text: str) -> Finding:
    """Where and why a file went past a bound of :mod:`lessonkit.yaml_bounds`."""
    line, column = mark(too_much.node)
    if too_much.depth:
        return depth_finding(line, column)
    return alias_finding(text, YAML_LOADER) or Finding(
        line, column, f"the aliases of this file copy more than {MAX_ALIAS_VALUES:,} values", "write the entries out"
    )


def all_positions(document: yaml.Node, source: Source) -> Positions:
    """The position of every value (and key) of ``document``."""
    walk = Walk(source, Positions(), depth=1_000)
    to_data(document, (), walk)
    return walk.positions
