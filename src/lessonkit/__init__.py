"""Lessonkit: practice sets written in YAML, rendered into course pages.

The core (model, loading, rendering) knows nothing of MkDocs; the MkDocs
plugin (``lessonkit.mkdocs_plugin``) and the command line are thin adapters.
Names are imported on first use, so that a site without practice files does
not pay for the model's imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Course",
    "LoadedSet",
    "PracticeFileError",
    "PracticeRenderer",
    "PracticeSet",
    "Problem",
    "cross_file_problems",
    "find_practice_files",
    "load_course",
    "load_practice_file",
    "load_practice_files",
    "page_path",
    "parse_practice_text",
]

_HOMES = {
    "Course": "course",
    "cross_file_problems": "course",
    "find_practice_files": "course",
    "load_course": "course",
    "LoadedSet": "loading",
    "load_practice_file": "loading",
    "load_practice_files": "loading",
    "parse_practice_text": "loading",
    "PracticeSet": "model",
    "PracticeFileError": "problems",
    "Problem": "problems",
    "PracticeRenderer": "rendering",
    "page_path": "rendering",
}

if TYPE_CHECKING:
    from .course import Course, cross_file_problems, find_practice_files, load_course
    from .loading import LoadedSet, load_practice_file, load_practice_files, parse_practice_text
    from .model import PracticeSet
    from .problems import PracticeFileError, Problem
    from .rendering import PracticeRenderer, page_path


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
