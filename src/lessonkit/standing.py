"""Where a learner stands in a practice set, and the boxes the script fills.

The widgets' script says, from the progress kept in the learner's browser,
how many exercises are done, questions known and cards due: after a practice
page's title and in each entry of the ``[[practice-progress]]`` list, with the
Forget / Save / Load tools. So that nothing on the page moves when it does
(Lighthouse's layout shift), the page as built already holds those boxes at
their size: the summary line with what it says on a first visit, and a
stand-in for the tools with their texts, both shown from attributes
(``data-lk-text``: no text in the page, its search index or its accessibility
tree) and hidden when scripting is off. The script fills them. The line
keeps room (``data-lk-due``, drawn hidden) for its last part, "10 due now",
which it says only once questions or cards have come back. Each section
is counted as its model's ``progress`` says (exercises, questions or cards),
and the page tells the script that kind, never a type's name. Nothing here
knows about MkDocs, nor about the renderer (which imports this).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .ids import set_ids

if TYPE_CHECKING:
    from .model import PracticeSet

__all__ = ["STANDING_TEMPLATE", "first_visit_summary", "standing_sections"]

STANDING_TEMPLATE = "lessonkit/standing.html"
"""The box after a practice page's title (the renderer renders it)."""


def standing_sections(
    stem: str, practice_set: PracticeSet, ids: list[tuple[str, list[str]]] | None = None
) -> list[list[object]]:
    """``[section id, progress kind, entry ids]`` for each section: what the script
    counts (``ids``: the set's :func:`lessonkit.ids.set_ids`, when known)."""
    return [
        [key, section.progress, entry_ids]
        for section, (key, entry_ids) in zip(practice_set.sections, ids or set_ids(stem, practice_set))
        if getattr(section, "counted", True)  # an exercise with `counted: false` is left out
    ]


def first_visit_summary(sections: list[list[object]], strings: Mapping[str, str]) -> str:
    """The script's summary line with no progress kept: nothing done or known,
    no card due (never studied, every card is new: the same counting as
    ``standing`` in lessonkit.js)."""
    count: dict[str, list[int]] = {}
    for _, kind, ids in sections:
        total = len(ids)  # type: ignore[arg-type]
        # nothing known, no card due (all new), an exercise counted once
        done, of = {"questions": (0, total), "cards": (0, total), "exercises": (0, 1)}[kind]  # type: ignore[index]
        counted = count.setdefault(kind, [0, 0])  # type: ignore[arg-type]
        counted[0] += done
        counted[1] += of
    return " \u00b7 ".join(
        strings["summary_" + name].replace("{count}", str(count[name][0])).replace("{total}", str(count[name][1]))
        for name in ("exercises", "questions", "cards")
        if name in count
    )

