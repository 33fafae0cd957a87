"""Lessonkit: practice sets written in YAML, rendered into course pages.

The core (model, loading, rendering) knows nothing of MkDocs; the MkDocs
plugin (``lessonkit.mkdocs_plugin``) and the command line are thin adapters.
"""

from __future__ import annotations

from .course import Course, cross_file_problems, find_practice_files, load_course
from .loading import LoadedSet, load_practice_file, load_practice_files, parse_practice_text
from .model import PracticeSet
from .problems import PracticeFileError, Problem
from .rendering import PracticeRenderer, page_path

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
