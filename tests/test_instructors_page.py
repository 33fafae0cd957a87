"""The instructors' page and the README document every field of the JSON Schema,
and link only to what ships with the project (issue 10, section 6).

The page has one field table per heading: "The file", "Every section" and one
per section type. Each table must list exactly the schema's fields of that
object (an entry's fields as ``list[].field``), each marked required or
optional as the schema says: a field added to the model without a line in the
page fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessonkit.schema import practice_schema
from lessonkit.yaml_mistakes import QUOTE_FIRST

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "content" / "instructors.md"
README = ROOT / "README.md"

_ROW = re.compile(r"^\|\s*`(?P<field>[\w\[\].-]+)`\s*\|\s*(?P<required>required|optional)\s*\|")


def documented_tables(text: str) -> dict[str, set[tuple[str, bool]]]:
    """Heading text -> the (field, required) rows of the field tables under it."""
    tables: dict[str, set[tuple[str, bool]]] = {}
    heading = ""
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            continue
        row = _ROW.match(line)
        if row:
            tables.setdefault(heading, set()).add((row["field"], row["required"] == "required"))
    return tables


def _entry_definition(schema: dict, prop: dict) -> str | None:
    """The $defs name of the objects a list field holds, if it holds objects."""
    items = prop.get("items", {})
    for candidate in (items, *items.get("anyOf", [])):
        if "$ref" in candidate:
            return candidate["$ref"].rsplit("/", 1)[-1]
    return None


def _fields(schema: dict, definition: dict, skip: frozenset[str] = frozenset()) -> set[tuple[str, bool]]:
    required = set(definition.get("required", []))
    found = set()
    for name, prop in definition["properties"].items():
        if name in skip:
            continue
        found.add((name, name in required))
        entry = _entry_definition(schema, prop)
        if entry is not None:
            inner = schema["$defs"][entry]
            found |= {(f"{name}[].{sub}", sub in inner.get("required", [])) for sub in inner["properties"]}
    return found


def expected_tables() -> dict[str, set[tuple[str, bool]]]:
    schema = practice_schema()
    sections = schema["properties"]["sections"]["items"]
    types = sections["properties"]["type"]["enum"]
    definitions = {
        rule["if"]["properties"]["type"]["const"]: schema["$defs"][rule["then"]["$ref"].rsplit("/", 1)[-1]]
        for rule in sections["allOf"]
    }
    assert sorted(definitions) == sorted(types)
    common = frozenset.intersection(*(frozenset(d["properties"]) for d in definitions.values()))
    any_section = next(iter(definitions.values()))
    expected = {
        "The file": _fields(schema, {"properties": schema["properties"], "required": schema["required"]}),
        "Every section": {(name, name in any_section.get("required", [])) for name in common},
    }
    for name, definition in definitions.items():
        expected[name] = _fields(schema, definition, skip=common)
    return expected


def test_the_schema_is_walked_at_all():
    # The comparison below would pass vacuously on an empty walk.
    expected = expected_tables()
    assert ("intro", False) in expected["The file"]
    assert ("items[].answer", True) in expected["matching"]
    assert ("labels[].note", False) in expected["labeling"]


@pytest.mark.parametrize("heading", sorted(expected_tables()))
def test_every_schema_field_has_its_row_on_the_instructors_page(heading):
    documented = documented_tables(PAGE.read_text(encoding="utf-8"))
    expected = expected_tables()[heading]
    assert documented.get(heading) == expected, (
        f"the field table under '{heading}' in content/instructors.md differs from the schema: "
        f"missing {sorted(expected - documented.get(heading, set()))}, "
        f"not in the schema {sorted(documented.get(heading, set()) - expected)}"
    )


def test_no_field_table_under_another_heading():
    documented = documented_tables(PAGE.read_text(encoding="utf-8"))
    assert set(documented) == set(expected_tables())


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Writing a practice set")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_names_every_field_and_section_type():
    section = _readme_section()
    names = {field.rsplit(".", 1)[-1] for fields in expected_tables().values() for field, _ in fields}
    names |= set(expected_tables()) - {"The file", "Every section"}
    missing = sorted(name for name in names if f"`{name}`" not in section)
    assert missing == [], f"README's 'Writing a practice set' does not name {missing}"


def test_the_page_lists_every_character_that_needs_quotes():
    text = PAGE.read_text(encoding="utf-8")
    quoting = text[text.index("### What to put in double quotes") :]
    quoting = quoting[: quoting.index("\n## ")]
    for character in QUOTE_FIRST:
        shown = "`` ` ``" if character == "`" else f"`{character}`"
        assert shown in quoting, character
    assert "`a: b`" in quoting and "`a #b`" in quoting and "`null`" in quoting and "`~`" in quoting


def test_the_page_says_lesson_is_relative_to_the_docs_folder():
    rows = [line for line in PAGE.read_text(encoding="utf-8").splitlines() if line.startswith("| `lesson` |")]
    assert len(rows) == 1 and "relative to the docs folder" in rows[0]


@pytest.mark.parametrize("document", [README, PAGE], ids=lambda p: p.name)
def test_links_point_only_at_what_ships_with_the_project(document):
    text = document.read_text(encoding="utf-8")
    assert "../shared" not in text and "content-format.md" not in text
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # code shows links, it does not make them
    prose = re.sub(r"(`+).+?\1", "", prose)
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose):
        if re.match(r"^[a-z]+:", target):
            continue  # an address on the web, checked by `lessonkit ci --check-external`
        assert (document.parent / target).exists(), f"{document.name} links to {target}, which is not in the project"


@pytest.mark.parametrize("front", ["What is a patch: a token?", "The ETag header #1 validator"])
def test_the_quoting_messages_shown_on_the_page_are_the_real_ones(front):
    from lessonkit import PracticeFileError, parse_practice_text

    text = (
        "# yaml-language-server: $schema=lessonkit.schema.json\ntitle: \"Practice: Attention\"\n"
        "lesson: lessons/attention.md\nsections:\n  - type: flashcards\n    title: Flashcards\n    intro: Cards.\n"
        f"    cards:\n      - front: a\n        back: b\n      - front: {front}\n        back: d\n"
    )
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, "quizzes/attention.yml")
    (problem,) = caught.value.problems
    assert str(problem) in PAGE.read_text(encoding="utf-8")


def test_the_page_states_the_loaders_bounds():
    """Where the page lists what check finds and where it documents the file: the
    figures are yaml_bounds' own (a bound changed in the code and not here fails)."""
    from lessonkit.yaml_bounds import MAX_ALIAS_VALUES, MAX_BYTES, MAX_DEPTH, MAX_TEXT_DEPTH

    text = PAGE.read_text(encoding="utf-8")
    figures = [f"{MAX_BYTES // 1024 // 1024}", f"{MAX_DEPTH}", f"{MAX_ALIAS_VALUES:,}", f"{MAX_TEXT_DEPTH}"]
    assert MAX_BYTES == 1024 * 1024 * int(figures[0])  # a whole number of MB, as the page says it
    for start in ("- a file that would make the build do too much:", "How much a file may hold:"):
        assert text.count(start) == 1, start
        passage = text[text.index(start):].split("\n\n")[0].split("\n- ")[0]
        assert re.findall(r"\d[\d,]*\d|\d", passage) == figures, passage
    assert "1 MB" in text and f"{MAX_DEPTH} levels deep" in text and f"{MAX_TEXT_DEPTH} spaces" in text
