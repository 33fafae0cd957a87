"""What a practice text may hold that the page would show wrong, found in the model.

Every Markdown text of a set (questions, answers, options, notes, card faces,
explanations, intros, takeaways, credit) is looked at for what YAML and the
schema accept but the page gets wrong:

- a text of only spaces: the learner sees nothing;
- a ``[[practice: ...]]`` or ``[[practice-progress]]`` line: those work in a
  page of the docs folder, a text would show them as written;
- HTML that closes an element it did not open, or leaves one open
  (:mod:`lessonkit.html_balance`): the text escapes its widget, or swallows
  what follows.

Each is a :class:`TextProblem` at the text's field, with the words where it
is (the loader reports it at the line holding them); the models yield them as
reference problems (:func:`lessonkit.sections.base.text_reference_problems`).
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from .fences import lines_outside_fences

__all__ = ["TextProblem", "text_problems"]


class TextProblem(NamedTuple):
    """A text that the page would show wrong: its field, what is wrong, the fix, and where in the text."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None
    words: str | None = None


_EMBED = re.compile(r"\[\[\s*practice(?:\s*:[^\]\n]*|-progress\s*)\]\]", re.I)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)


@functools.cache
def _markdown_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The Markdown fields of a model, each with whether it may be left out."""
    return tuple((name, not field.is_required()) for name, field in model.model_fields.items() if several_lines(field))


def string_constraints(field: FieldInfo) -> list[StringConstraints]:
    """The string constraints of a field, wherever its annotation holds them."""
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


def several_lines(field: FieldInfo | None) -> bool:
    """Whether the field is Markdown that may span lines (not a one-line title, id or path)."""
    constraints = string_constraints(field) if field else []
    return bool(constraints) and all(constraint.pattern is None for constraint in constraints)


def text_problems(model: BaseModel, skip: frozenset[str] = frozenset()) -> list[TextProblem]:
    """The problems of every Markdown text of ``model`` and the models it holds
    (``skip``: fields of ``model`` itself left out)."""
    found: list[TextProblem] = []
    stack: list[tuple[BaseModel, tuple[str | int, ...], frozenset[str]]] = [(model, (), skip)]
    while stack:  # a loop, not nested generators: every file's every text passes here
        current, path, left_out = stack.pop()
        markdown = _markdown_fields(type(current))
        values = current.__dict__
        for name, optional in markdown:
            value = values.get(name)
            if isinstance(value, str) and name not in left_out and ("[[" in value or "<" in value or value.isspace()):
                found.extend(_problems_of(value, (*path, name), optional))
        for name in _model_fields(type(current)):
            if name in left_out:
                continue
            value = values.get(name)
            if isinstance(value, BaseModel):
                stack.append((value, (*path, name), frozenset()))
            elif isinstance(value, (list, tuple)):
                stack.extend(
                    (entry, (*path, name, index), frozenset()) for index, entry in reversed(list(enumerate(value))) if isinstance(entry, BaseModel)
                )
    return sorted(found, key=lambda problem: [(0, part) if isinstance(part, int) else (1, part) for part in problem.path])


@functools.cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that may hold other models (not plain text)."""
    markdown = {name for name, _ in _markdown_fields(model)}
    return tuple(name for name in model.model_fields if name not in markdown)


def _problems_of(text: str, path: tuple[str | int, ...], optional: bool) -> Iterator[TextProblem]:
    if text.isspace():
        yield TextProblem(
            path=path,
            message="holds only spaces: the learner would see nothing",
            hint="write the text, or leave the field out" if optional else "write the text",
        )
        return
    if "[[" in text:
        for line in _lines_outside_code(text):
            found = _EMBED.search(line)
            if found:
                kind = "[[practice-progress]]" if "progress" in found.group().lower() else "[[practice: ...]]"
                yield TextProblem(
                    path=path,
                    message=f"'{found.group()}' would be shown as written: a {kind} line works in a page of the docs folder, not in a practice text",
                    hint="put the line in a Markdown page such as the lesson, or write it in backquotes to show it as code",
                    words=found.group(),
                )
                break
    if "<" in text:
        from .html_balance import tag_mistakes  # Python-Markdown only for a text that may hold HTML

        mistakes = tag_mistakes(text)
        if mistakes:
            first = mistakes[0]
            yield TextProblem(path=path, message=first.message, hint=first.hint, words=first.tag)


def _lines_outside_code(text: str) -> Iterator[str]:
    """The lines of a text outside fenced and indented code, code spans blanked
    (an indented line is told by the line as written, not once its spans are blanked)."""
    blanked = _CODE_SPAN.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text).splitlines()
    for number, line in lines_outside_fences(text):
        if not line.startswith(("    ", "\t")):
            yield blanked[number - 1]
