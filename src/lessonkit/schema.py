"""The JSON Schema of the practice-file format, for editors (YAML language server).

It is generated from the typed model (:class:`lessonkit.model.PracticeSet`), the
one source of truth, then adjusted where the loader is more forgiving than the
model's own types say, so that every file lessonkit accepts also validates in the
editor:

- the loader reads every YAML scalar as text (``no``, ``3.10`` and ``true`` are
  what the instructor wrote), so a text field also accepts what an editor parses
  as a number or a boolean;
- an option or label written as a plain string is short for ``{id, text}``;
- a labeling ``answer`` is one label id or a list of them;
- an optional field is left out or given a value: the loader reports an empty
  value, ``null`` or ``~`` (a forgotten text, or the word itself unquoted), so
  the schema does not offer ``null`` either;
- a section is chosen by its ``type`` with ``if``/``then`` rather than pydantic's
  ``oneOf``, so an editor (and ``jsonschema``) reports the actual mistake inside
  the section ("'side' was unexpected") instead of "not valid under any schema".

Nothing here knows about MkDocs. ``lessonkit schema`` prints :func:`practice_schema`;
the repository keeps a copy at ``quizzes/lessonkit.schema.json``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .model import SECTION_TYPES, PracticeSet

__all__ = ["SCHEMA_FILENAME", "practice_schema", "schema_text"]

SCHEMA_FILENAME = "lessonkit.schema.json"
"""The name practice files refer to in their first line, next to them in ``quizzes/``."""

_SCALARS_READ_AS_TEXT = ["string", "number", "boolean"]


def practice_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one practice-set file."""
    schema = PracticeSet.model_json_schema()
    _accept_scalars_as_text(schema)
    _no_null_values(schema)
    definitions = schema["$defs"]
    choice_id = copy.deepcopy(definitions["Choice"]["properties"]["id"])
    choice_id.pop("title", None)
    choice_id["description"] = "Short for {id: <this text>, text: <this text>}."
    for section, field in (("MatchingSection", "options"), ("LabelingSection", "labels")):
        entries = definitions[section]["properties"][field]
        entries["items"] = {"anyOf": [choice_id, {"$ref": "#/$defs/Choice"}]}
    answer = definitions["LabelingItem"]["properties"]["answer"]
    one_id = copy.deepcopy(answer["items"])
    list_of_ids = {key: answer.pop(key) for key in ("type", "items", "minItems") if key in answer}
    answer["anyOf"] = [one_id, list_of_ids]
    schema["properties"]["sections"]["items"] = _sections_by_type(schema["properties"]["sections"]["items"])
    return schema


def _sections_by_type(union: dict[str, Any]) -> dict[str, Any]:
    """pydantic's discriminated ``oneOf`` as one ``if type is X then X's schema`` per type."""
    found: dict[str, str] = union["discriminator"]["mapping"]
    mapping = {name: found[name] for name in (*SECTION_TYPES, *sorted(found)) if name in found}
    return {
        "type": "object",
        "required": ["type"],
        "properties": {
            "type": {"enum": list(mapping), "description": "The kind of section: " + ", ".join(mapping) + "."}
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                "then": {"$ref": reference},
            }
            for name, reference in mapping.items()
        ],
    }


def _accept_scalars_as_text(node: Any) -> None:
    """Every ``type: string`` without a fixed value also takes numbers and booleans."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "const" not in node and "enum" not in node:
            node["type"] = list(_SCALARS_READ_AS_TEXT)
        for value in node.values():
            _accept_scalars_as_text(value)
    elif isinstance(node, list):
        for value in node:
            _accept_scalars_as_text(value)


def _no_null_values(node: Any) -> None:
    """``anyOf: [X, {type: null}], default: null`` (pydantic's optional field) becomes X."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            kept = [option for option in options if option != {"type": "null"}]
            del node["anyOf"]
            node.pop("default", None)
            if len(kept) == 1:
                for key, value in kept[0].items():
                    node.setdefault(key, value)
            else:
                node["anyOf"] = kept
        for value in node.values():
            _no_null_values(value)
    elif isinstance(node, list):
        for value in node:
            _no_null_values(value)


def schema_text() -> str:
    """The schema as the committed file holds it: indented JSON, one final newline."""
    return json.dumps(practice_schema(), indent=2, ensure_ascii=False) + "\n"
