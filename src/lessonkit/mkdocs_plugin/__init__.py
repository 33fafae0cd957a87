"""The MkDocs adapter: a thin plugin over the lessonkit core."""

from .plugin import LessonkitPlugin

__all__ = ["LessonkitPlugin"]
