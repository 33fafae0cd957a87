"""The JSON Schema for editors: generated from the model, committed, and right."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from lessonkit.cli import main
from lessonkit.loading import parse_practice_text
from lessonkit.scaffold import scaffold_text
from lessonkit.schema import SCHEMA_FILENAME, practice_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "quizzes" / SCHEMA_FILENAME
SEED_YAML = ROOT / "quizzes" / "video-generation.yml"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(yaml.safe_load(text))]


def test_committed_schema_equals_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "quizzes/lessonkit.schema.json is out of date: run `lessonkit schema > quizzes/lessonkit.schema.json`"
    )


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == practice_schema()


def test_every_practice_file_points_at_the_schema():
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={SCHEMA_FILENAME}", path


def test_seed_validates(validator):
    assert errors(validator, SEED_YAML.read_text(encoding="utf-8")) == []


def test_scaffold_validates_with_its_shorthands(validator):
    # The scaffold uses a plain-string option, a plain-string label, one answer and a list.
    text = scaffold_text("demo")
    assert "      - Second option" in text and "answer: [in-scope, out of scope]" in text
    assert errors(validator, text) == []


def test_scalars_the_loader_reads_as_text_validate(validator):
    text = "title: 2024\nsections:\n  - type: flashcards\n    title: yes\n    cards:\n      - {front: 3.10, back: true}\n"
    parse_practice_text(text, "x.yml")  # lessonkit accepts it ...
    assert errors(validator, text) == []  # ... so the editor must not flag it


BAD = {
    "unknown field": (
        "title: t\nsections:\n  - type: flashcards\n    title: F\n    cards:\n      - {front: a, back: b, side: c}\n",
        "Additional properties are not allowed ('side' was unexpected)",
    ),
    "unknown top-level field": (
        "title: t\ntitel: t\nsections:\n  - {type: flashcards, title: F, cards: [{front: a, back: b}]}\n",
        "Additional properties are not allowed ('titel' was unexpected)",
    ),
    "wrong type: text for a list": (
        "title: t\nsections:\n  - type: self-check\n    title: S\n    questions: What?\n",
        "is not of type 'array'",
    ),
    "wrong type: mapping for text": (
        "title: {a: b}\nsections:\n  - {type: flashcards, title: F, cards: [{front: a, back: b}]}\n",
        "is not of type 'string', 'number', 'boolean'",
    ),
    "missing field": ("sections:\n  - {type: flashcards, title: F, cards: [{front: a, back: b}]}\n", "'title' is a required property"),
    "unknown section type": ("title: t\nsections:\n  - {type: quiz, title: Q}\n", "'quiz' is not one of ['self-check'"),
    "empty list": ("title: t\nsections: []\n", "should be non-empty"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_do_not_validate(validator, name):
    text, expected = BAD[name]
    found = errors(validator, text)
    assert any(expected in message for message in found), found
