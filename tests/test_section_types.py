"""Every section type has all its parts, and a half-added type is named.

A section type is its model in ``lessonkit.model.SECTION_MODELS`` (with its
declarations: entries, progress, exports, example), its template, its part of
the script and its styles; everything else follows from the model. The checker
below lists what a type lacks, so a type added without one of them fails here
with the part it is missing (CONTRIBUTING.md, "Adding a section type").
"""

from __future__ import annotations

import difflib
import json
import re
from typing import ClassVar, Literal

import markdown
import pytest
from pydantic import Field

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.export.questions import _BUILDERS
from lessonkit.ids import set_ids
from lessonkit.model import SECTION_MODELS, Flashcard, SectionBase
from lessonkit.rendering import TEMPLATES_DIR, PracticeRenderer
from lessonkit.schema import schema_text
from lessonkit.standing import first_visit_summary, standing_sections

THEME = TEMPLATES_DIR / "lessonkit"
SCRIPT = (THEME / "assets" / "lessonkit.js").read_text(encoding="utf-8")
STYLES = (THEME / "assets" / "lessonkit.css").read_text(encoding="utf-8")
PROGRESS_KINDS = ("exercises", "questions", "cards")


def _example_file(model: type[SectionBase]) -> str:
    return "title: Example\nsections:\n" + model.example


def _widgets_table() -> set[str]:
    table = re.search(r"const WIDGETS = \{([^}]*)\}", SCRIPT)
    assert table, "lessonkit.js has no WIDGETS table"
    return {re.sub(r'["\s]', "", part.split(":")[0]) for part in table.group(1).split(",")}


def _template_classes(name: str) -> set[str]:
    """The lessonkit classes a type's template uses."""
    template = THEME / f"{name}.html"
    text = template.read_text(encoding="utf-8") if template.is_file() else ""
    return {css_class for value in re.findall(r'class="([^"]*)"', text) for css_class in value.split() if css_class.startswith("lk-")}


def _misspelt(name: str) -> str:
    """``matching`` -> ``matchign``: two letters swapped, near enough for a did-you-mean."""
    return name[:-2] + name[-1] + name[-2]


def missing_parts(name: str, model: type[SectionBase]) -> list[str]:
    """What section type ``name`` (its model ``model``) lacks: empty when it is whole."""
    missing = []
    if not (THEME / f"{name}.html").is_file():
        missing.append(f"template lessonkit/{name}.html")
    if name not in _widgets_table():
        missing.append(f"script part: '{name}' in lessonkit.js's WIDGETS")
    others = set().union(*(_template_classes(other) for other in SECTION_MODELS if other != name))
    styled = f'[data-lk-widget="{name}"]' in STYLES or any(
        re.search(rf"\.{re.escape(css_class)}(?![\w-])", STYLES) for css_class in _template_classes(name) - others
    )
    if model.own_styles and not styled:
        missing.append(f"styles: lessonkit.css rules for [data-lk-widget=\"{name}\"] or a class only its template uses")
    if styled and not model.own_styles:
        missing.append("own_styles: lessonkit.css has rules for it, yet its model says it has none")
    if SECTION_MODELS.get(name) is not model:
        missing.append(f"SECTION_MODELS['{name}']")
    schema = json.loads(schema_text())["properties"]["sections"]["items"]
    if name not in schema["properties"]["type"]["enum"]:
        missing.append("schema: the type in the sections' type enum")
    for declared in ("entries", "progress", "example"):
        if not hasattr(model, declared):
            missing.append(f"declaration: {declared}")
    if missing:
        return missing  # the rest needs a loadable type
    if model.progress not in PROGRESS_KINDS:
        missing.append(f"progress: one of {PROGRESS_KINDS}")
    if "lms" in model.exports and model not in _BUILDERS:
        missing.append("export: its builder in export/questions.py's _BUILDERS")
    if "lms" not in model.exports and not model.not_exported:
        missing.append("export: not_exported, why an LMS export leaves it out")
    if "anki" in model.exports and model.__pydantic_fields__[model.entries].annotation != list[Flashcard]:
        missing.append("export: an Anki deck takes flashcards' entries")
    try:
        practice_set = parse_practice_text(_example_file(model), "example.yml")
    except PracticeFileError as error:
        return [*missing, f"example: does not load ({error})"]
    (section,) = practice_set.sections
    (key, ids), = set_ids("example", practice_set)
    entries = getattr(section, model.entries)
    if len(ids) != len(entries) or len(set(ids)) != len(ids):
        missing.append("ids: one id per entry")
    (standing,) = standing_sections("example", practice_set)
    if standing != [key, model.progress, ids]:
        missing.append("standing: its section's line")
    html = PracticeRenderer(markdown.markdown).render_section(section, "lk-1", key)
    if f'data-lk-widget="{name}"' not in html or not all(f'data-lk-id="{entry_id}"' in html for entry_id in ids):
        missing.append("template: the widget (data-lk-widget) and each entry's data-lk-id")
    # the loader names the type when it is misspelt, and the fields of its entries
    (entry_model,) = model.__pydantic_fields__[model.entries].annotation.__args__  # list[Entry]
    fields = [field for field in model.__pydantic_fields__ if field not in ("type", "title")]
    fields += [field for field in entry_model.__pydantic_fields__ if field not in fields]
    for wrong, right in ((_misspelt(name), name), *((_misspelt(field), field) for field in fields)):
        if difflib.get_close_matches(wrong, [right], n=1, cutoff=0.6) != [right]:
            continue  # too short to misspell recognisably
        text = _example_file(model).replace(f"type: {name}", f"type: {wrong}") if right == name else None
        if text is None:
            text = re.sub(rf"^(\s*-?\s*){re.escape(right)}:", rf"\g<1>{wrong}:", _example_file(model), count=1, flags=re.M)
            if text == _example_file(model):
                continue  # the example leaves this optional field out
        try:
            parse_practice_text(text, "example.yml")
        except PracticeFileError as error:
            if not any(problem.hint and f"'{right}'" in problem.hint for problem in error.problems):
                missing.append(f"loader: a did-you-mean for '{wrong}' (meant '{right}')")
        else:
            missing.append(f"loader: '{wrong}' for '{right}' was accepted")
    return missing


@pytest.mark.parametrize("name", list(SECTION_MODELS))
def test_every_section_type_has_all_its_parts(name):
    assert missing_parts(name, SECTION_MODELS[name]) == []


def test_every_progress_kind_is_counted_on_a_first_visit():
    sections = [[f"s/{kind}", kind, ["a", "b"]] for kind in PROGRESS_KINDS]
    summary = first_visit_summary(sections, PracticeRenderer(str).strings)
    assert summary == "0 of 1 exercises done \u00b7 0 of 2 questions known \u00b7 0 of 2 cards due"


class _HalfAddedSection(SectionBase):
    """A type with a model only: no template, script part, styles or place in the table."""

    entries: ClassVar[str] = "cards"
    progress: ClassVar[Literal["exercises", "questions", "cards"]] = "cards"
    example: ClassVar[str] = "  - type: half-added\n    title: Half\n    cards:\n      - front: F\n        back: B\n"

    type: Literal["half-added"]
    cards: list[Flashcard] = Field(min_length=1)


def test_a_half_added_type_is_named_with_what_it_lacks():
    assert missing_parts("half-added", _HalfAddedSection) == [
        "template lessonkit/half-added.html",
        "script part: 'half-added' in lessonkit.js's WIDGETS",
        'styles: lessonkit.css rules for [data-lk-widget="half-added"] or a class only its template uses',
        "SECTION_MODELS['half-added']",
        "schema: the type in the sections' type enum",
    ]


def test_a_type_that_says_it_goes_to_an_lms_needs_its_builder(monkeypatch):
    flashcards = SECTION_MODELS["flashcards"]
    monkeypatch.setattr(flashcards, "exports", frozenset({"lms"}))
    assert missing_parts("flashcards", flashcards) == ["export: its builder in export/questions.py's _BUILDERS"]


def test_a_type_left_out_of_lms_exports_says_why(monkeypatch):
    matching = SECTION_MODELS["matching"]
    monkeypatch.setattr(matching, "exports", frozenset())
    assert missing_parts("matching", matching) == ["export: not_exported, why an LMS export leaves it out"]
