"""A new practice file to start from: one commented example of each section type
(each type's ``example``, in :data:`lessonkit.model.SECTION_MODELS`).

``lessonkit new NAME`` writes ``quizzes/NAME.yml``. The file is valid as written
(a test checks and builds it), starts with the line that points the YAML
language server at the schema, and never replaces a file that exists.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .model import SECTION_MODELS
from .schema import SCHEMA_FILENAME, schema_text

__all__ = ["ScaffoldError", "Scaffolded", "default_title", "scaffold_text", "write_scaffold"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A practice set: one page of the course. Every text field is Markdown.
# The format: see the instructors' page of the course site. Check this file with
#   lessonkit check {file}
title: {title}
# lesson: lessons/{name}.md        # optional: the lesson page (in the docs folder) this set belongs to
# page: practice/{name}.md         # optional: where the page lives; this is the default
intro: >-
  A few short exercises. Try each one before you open its answer.

sections:
"""


class ScaffoldError(Exception):
    """The file cannot be written: it exists, or the name is not a file name."""


@dataclass(frozen=True)
class Scaffolded:
    """What ``write_scaffold`` wrote."""

    path: Path
    schema_path: Path | None
    """The schema file, when the folder had none and it was written too."""


def default_title(name: str) -> str:
    """``video-generation`` -> ``Practice: Video generation``."""
    words = re.sub(r"[-_]+", " ", name).strip()
    return f"Practice: {words[:1].upper()}{words[1:]}"


def scaffold_text(name: str, title: str | None = None, *, file: str | None = None) -> str:
    """The text of a new practice file named ``name`` (the file's stem)."""
    # A JSON string is a YAML double-quoted scalar: any title is safe to write.
    quoted = json.dumps(title or default_title(name), ensure_ascii=False)
    head = _TEMPLATE.format(schema=SCHEMA_FILENAME, title=quoted, name=name, file=file or f"quizzes/{name}.yml")
    return head + "\n".join(model.example for model in SECTION_MODELS.values())


def write_scaffold(folder: Path, name: str, title: str | None = None, *, display: str | None = None) -> Scaffolded:
    """Write ``folder/NAME.yml``; refuse to replace a file that exists.

    The schema file is written next to it when the folder has none, so that the
    first line of the new file points at something.
    """
    if not _NAME.match(name):
        raise ScaffoldError(
            f"'{name}' is not a usable name: use lowercase letters, digits, '-' and '_', "
            "e.g. 'video-generation' (it becomes the file name and the page's URL)"
        )
    if title is not None and (not title.strip() or "\n" in title):
        raise ScaffoldError("the title must be one non-empty line")
    path = folder / f"{name}.yml"
    for existing in (path, folder / f"{name}.yaml"):
        if existing.exists():
            raise ScaffoldError(f"{existing} already exists; lessonkit new never replaces a file (choose another name)")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never replace, even in a race
        handle.write(scaffold_text(name, title, file=display or str(path)))
    schema_path = folder / SCHEMA_FILENAME
    if schema_path.exists():
        return Scaffolded(path, None)
    schema_path.write_text(schema_text(), encoding="utf-8")
    return Scaffolded(path, schema_path)
