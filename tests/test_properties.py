"""Property-based tests of the loader: any input loads or yields problems, never a crash.

Inputs are arbitrary YAML documents (nested mappings, lists, text and nothing)
and mutated copies of the seed file (a line deleted, duplicated, re-indented, a
character replaced, the file cut short). Each must either load or raise
:class:`PracticeFileError` whose every problem has a line >= 1, a column >= 1
and a message: never another exception, never a problem without a place.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.model import SECTION_TYPES
from lessonkit.yaml_mistakes import Source

SEED = (Path(__file__).resolve().parent.parent / "quizzes" / "video-generation.yml").read_text(encoding="utf-8")
SEED_LINES = SEED.splitlines(keepends=True)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Field names the format uses, so that generated documents reach deep into the model.
NAMES = st.sampled_from(
    ["title", "lesson", "page", "intro", "credit", "sections", "type", "questions", "question", "answer",
     "options", "items", "labels", "cards", "front", "back", "id", "text", "note", "columns", "key",
     "explanation", "takeaway", "extra"]
)
TEXT = st.one_of(st.text(max_size=20), st.sampled_from([*SECTION_TYPES, "lessons/x.md", "x.md", "", "yes", "3.10"]))
SCALARS = st.one_of(st.none(), TEXT, st.integers(), st.booleans(), st.floats(allow_nan=False))
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(NAMES, st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=30,
)


def assert_loads_or_explains(text: str) -> None:
    try:
        parse_practice_text(text, "quizzes/x.yml")
    except PracticeFileError as error:
        assert error.problems, "an error with no problem in it"
        lines = len(Source(text).lines)  # numbered as YAML numbers them: NEL, LS and PS break lines too
        for problem in error.problems:
            assert problem.file == "quizzes/x.yml"
            assert 1 <= problem.line <= lines + 1, problem
            assert problem.column >= 1, problem
            assert problem.message.strip(), problem


@SETTINGS
@given(DOCUMENTS)
def test_arbitrary_yaml_documents(document):
    assert_loads_or_explains(yaml.safe_dump(document, allow_unicode=True, default_flow_style=False))


@SETTINGS
@given(st.dictionaries(NAMES, DOCUMENTS, max_size=6))
def test_arbitrary_mappings_of_known_fields(document):
    assert_loads_or_explains(yaml.safe_dump(document, allow_unicode=True))


def _delete(lines: list[str], index: int, _: str) -> list[str]:
    return lines[:index] + lines[index + 1 :]


def _duplicate(lines: list[str], index: int, _: str) -> list[str]:
    return lines[: index + 1] + lines[index:]


def _indent(lines: list[str], index: int, _: str) -> list[str]:
    return lines[:index] + ["  " + lines[index]] + lines[index + 1 :]


def _dedent(lines: list[str], index: int, _: str) -> list[str]:
    return lines[:index] + [lines[index].removeprefix("  ")] + lines[index + 1 :]


def _replace_character(lines: list[str], index: int, character: str) -> list[str]:
    line = lines[index]
    position = len(line) // 2
    return lines[:index] + [line[:position] + character + line[position + 1 :]] + lines[index + 1 :]


def _truncate(lines: list[str], index: int, _: str) -> list[str]:
    cut = "".join(lines[:index]) + lines[index][: len(lines[index]) // 2]
    return [cut]


MUTATIONS = [_delete, _duplicate, _indent, _dedent, _replace_character, _truncate]
CHARACTERS = st.one_of(st.sampled_from(list(":-[]{}#&*!|>'\"%@`\t ")), st.characters())


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(MUTATIONS), st.integers(min_value=0), CHARACTERS), min_size=1, max_size=3
    )
)
def test_mutated_seed_files(mutations):
    lines = list(SEED_LINES)
    for mutate, position, character in mutations:
        if not lines:
            break
        lines = mutate(lines, position % len(lines), character)
    assert_loads_or_explains("".join(lines))


def test_the_unmutated_seed_loads():
    # The property above would pass vacuously if the seed itself did not load.
    assert len(parse_practice_text(SEED, "quizzes/x.yml").sections) == 4
