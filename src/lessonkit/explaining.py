"""A practice file's problems in the instructor's words: pydantic's validation
errors explained at the YAML line and column of the value, with the fix.

The loader (:mod:`lessonkit.loading`) composes the YAML with positions
(:mod:`lessonkit.yaml_reading`) and validates it; this module says what each
error means for the field at hand.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .lookalikes import character_name, latin_twin, lookalikes_in
from .model import SECTION_MODELS, SECTION_TYPES, PracticeSet, Section
from .yaml_mistakes import Source, quote_hint
from .text_checks import several_lines, string_constraints

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
"""A plain scalar YAML reads as nothing."""

DataPath = tuple[str | int, ...]
_UNIONS: tuple[Any, ...] = (Union, UnionType)


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    last_lines: dict[DataPath, int] = field(default_factory=dict)
    """The last line of each value (a text of several lines ends there)."""

    def of_value(self, path: DataPath) -> tuple[int, int]:
        # The deepest known ancestor: a missing field points at its mapping.
        for length in range(len(path), -1, -1):
            if path[:length] in self.values:
                return self.values[path[:length]]
        return (1, 1)

    def of_key(self, path: DataPath) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)


def kind_of(value: Any) -> str:
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


def _model_at(data: Any, path: DataPath) -> type[BaseModel] | None:
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


def _allowed_fields(data: Any, path: DataPath) -> list[str]:
    """The field names the model allows in the mapping at ``path``."""
    model = _model_at(data, path)
    return list(model.model_fields) if model else []


def field_at(data: Any, path: DataPath) -> FieldInfo | None:
    """The model's field at ``path``; for an entry of a list, the list's field."""
    while path and isinstance(path[-1], int):
        path = path[:-1]
    if not path:
        return None
    model = _model_at(data, path[:-1])
    return model.model_fields.get(str(path[-1])) if model else None


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


def clean_loc(data: Any, loc: tuple[Any, ...]) -> DataPath:
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


def explain(error: dict[str, Any], data: Any, path: DataPath, source: Source, positions: Positions) -> tuple[DataPath, str, str | None]:
    """A pydantic error as an instructor reads it: where, what is wrong, and the fix.

    Never pydantic's own sentence: every kind the model can raise has its words here.
    """
    kind = error["type"]
    value = error.get("input")
    name = path[-1] if path else "file"
    field = field_at(data, path)
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
            return path, f"expected text, got {kind_of(value)}", "if it is a text, " + quote_hint(line, position[1] - 1)
        return path, f"expected text, got {kind_of(value)}", _write_text_hint(str(name), field, optional)
    if kind in ("list_type", "tuple_type"):
        return path, f"expected a list, got {kind_of(value)}", "start each entry on its own line with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if value is None:
            return path, "this entry is empty", "write the entry after '- ', or delete the line"
        return path, f"expected a mapping of fields, got {kind_of(value)}", "write the fields on the lines below, one 'name: value' a line"
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return path, "must not be empty", "write the text, or leave the field out" if optional else "write the text"
        least = (error.get("ctx") or {}).get("min_length", 1)
        if least > 1 and value:
            return path, f"needs at least {least} entries, has {len(value)}", f"add {least - len(value)} more"
        return path, "must not be an empty list", "add at least one entry"
    if kind == "page_path":
        return path, error["ctx"]["message"], error["ctx"]["hint"]
    if kind == "string_pattern_mismatch":
        constraints = string_constraints(field) if field else []
        # An entry's id (the one pattern with a length limit): the rule, and the character that breaks it.
        if isinstance(value, str) and "\n" not in value and any(c.max_length for c in constraints):
            return (path, *_id_problem(value, next(c.max_length for c in constraints if c.max_length)))
        return path, "must be a single line", "remove the line breaks"
    if kind == "string_too_long" and isinstance(value, str):
        limit = int(error.get("ctx", {}).get("max_length", 0))
        return path, f"is {len(value)} characters long, and {_id_rule(limit)}", f"shorten it to {limit} characters or fewer: an id is a key, which learners never see"
    if kind in ("bool_type", "bool_parsing"):
        return path, f"'{value}' is neither true nor false", f"write {name}: true or {name}: false"
    description = field.description if field is not None else None
    return path, "is not a valid value here", description


def _id_rule(limit: int) -> str:
    return f"an id is 1 to {limit} characters: letters a-z and A-Z, digits, '-', '_' and '.', starting with a letter or digit"


def _id_like(value: str) -> str:
    """``my card/1`` -> ``my-card-1``, ``tarjеta`` -> ``tarjeta``, ``vídeo`` -> ``video``: a likely id."""
    folded = unicodedata.normalize("NFKD", latin_twin(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", folded).strip("-_.") or "entry-1"


def _id_problem(value: str, limit: int) -> tuple[str, str]:
    """An id that breaks the rule: which character, the rule, and an id that keeps it."""
    rule, likely = _id_rule(limit), _id_like(value)
    twins = lookalikes_in(value)
    if twins:
        return f"'{value}' has {', '.join(character_name(c) for c in twins)}, and {rule}", f"did you mean '{likely[:limit]}'?"
    wrong = next((c for c in value if not re.match(r"[A-Za-z0-9_.-]", c)), None)
    if wrong is None:
        return f"'{value}' starts with '{value[:1]}', and {rule}", f"start it with a letter or digit, e.g. '{likely[:limit]}'"
    what = "a space" if wrong == " " else f"'{wrong}'" if wrong.isascii() and wrong.isprintable() else character_name(wrong)
    return f"'{value}' holds {what}, and {rule}", f"e.g. '{likely[:limit]}'"


def _write_text_hint(name: str, field: FieldInfo | None, optional: bool) -> str:
    hint = f"write the text on the same line as '{name}:'"
    if several_lines(field):
        hint += ", or use '|' for several lines"
    return hint + (", or leave the field out" if optional else "")


def null_problem(data: Any, path: DataPath, rest: str, line: str) -> tuple[str, str] | None:
    """A field or entry that holds nothing (empty, ``null`` or ``~``): what to write instead.

    ``rest`` is the value's line from where the value starts; ``line`` the whole line.
    """
    name = path[-1] if path else "file"
    if rest.lstrip(" \t").startswith("#"):
        return "the text starts with '#', and YAML reads '#' and the rest of the line as a comment", quote_hint(line)
    written = rest.split("#", 1)[0].strip()
    written = written if written in NULL_WORDS else ""
    if isinstance(name, int):
        return "this entry is empty", "write the entry after '- ', or delete the line"
    if path[:1] == ("sections",) and len(path) == 3 and name == "type":
        return "the section has no type", "write one of: " + ", ".join(SECTION_TYPES)
    field = field_at(data, path)
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
