"""The lines of a page outside its fenced code blocks: where the embed, progress-list
and review lines are looked for (a line quoted in a fence is an example, not a use)."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["lines_outside_fences"]

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """Each line (1-based number, text) outside fenced code blocks; the fences' own
    lines are left out. A fence closes at a run of its character at least as long."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            yield number, line
