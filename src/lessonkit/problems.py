"""Problems found in practice files, in the form editors and CI annotate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Problem", "PracticeFileError", "display_path", "format_path"]


def display_path(path: Path, root: Path | None) -> str:
    """A file as messages name it: relative to ``root`` (the site) when inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def format_path(path: tuple[str | int, ...]) -> str:
    """``('sections', 1, 'items', 0, 'answer')`` -> ``sections[1].items[0].answer``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


@dataclass(frozen=True)
class Problem:
    """One mistake in one file: where it is, what is wrong, and the likely fix."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: "
        field = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class PracticeFileError(Exception):
    """One or more practice files are bad; ``problems`` lists every mistake."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        files = sorted({problem.file for problem in problems})
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            f"{len(problems)} problem(s) in {len(files)} practice file(s):\n{lines}"
        )
