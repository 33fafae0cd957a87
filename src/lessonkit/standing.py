"""Where a learner stands in a practice set, and the boxes the script fills.

The widgets' script says, from the progress kept in the learner's browser,
how many exercises are done, questions known and cards due: after a practice
page's title and in each entry of the ``[[practice-progress]]`` list, with the
Forget / Save / Load tools. So that nothing on the page moves when it does
(Lighthouse's layout shift), the page as built already holds those boxes at
their size: the summary line with what it says on a first visit, and a
stand-in for the tools with their texts, both shown from attributes
(``data-lk-text``: no text in the page, its search index or its accessibility
tree) and hidden when scripting is off. The script fills them. Nothing here
knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .ids import set_ids

if TYPE_CHECKING:
    from .model import PracticeSet
    from .rendering import PracticeRenderer

__all__ = ["first_visit_summary", "render_standing", "standing_sections"]

_TEMPLATE = "lessonkit/standing.html"


def standing_sections(
    stem: str, practice_set: PracticeSet, ids: list[tuple[str, list[str]]] | None = None
) -> list[list[object]]:
    """``[section id, type, entry ids]`` for each section: what the script counts
    (``ids``: the set's :func:`lessonkit.ids.set_ids`, when known)."""
    return [
        [key, section.type, entry_ids]
        for section, (key, entry_ids) in zip(practice_set.sections, ids or set_ids(stem, practice_set))
    ]


def first_visit_summary(sections: list[list[object]], strings: Mapping[str, str]) -> str:
    """The script's summary line with no progress kept: nothing done or known,
    every card due (the same counting as ``standing`` in lessonkit.js)."""
    count: dict[str, list[int]] = {}
    for _, kind, ids in sections:
        total = len(ids)  # type: ignore[arg-type]
        name, done, of = (
            ("questions", 0, total) if kind == "self-check"
            else ("cards", total, total) if kind == "flashcards"
            else ("exercises", 0, 1)
        )
        counted = count.setdefault(name, [0, 0])
        counted[0] += done
        counted[1] += of
    return " \u00b7 ".join(
        strings["summary_" + name].replace("{count}", str(count[name][0])).replace("{total}", str(count[name][1]))
        for name in ("exercises", "questions", "cards")
        if name in count
    )


def render_standing(renderer: PracticeRenderer, stem: str, practice_set: PracticeSet) -> str:
    """The box after a practice page's title, as HTML on one line (put in place of a slot of the page)."""
    sections = standing_sections(stem, practice_set, renderer.set_ids(stem, practice_set))
    html = renderer.environment.get_template(_TEMPLATE).render(
        sections=sections, summary=first_visit_summary(sections, renderer.strings), strings=renderer.strings
    )
    return " ".join(html.split("\n"))
