"""How much a practice file may make the loader do: its size, its depth, and
what its YAML aliases copy (issue 21, section 1).

A YAML alias (``*name``) stands for everything its anchor (``&name``) marks;
nine anchors each used nine times in the next make a 420-byte file of 387
million values (the "billion laughs"). The composer shares the aliased nodes,
so reading the file is cheap; the walk that turns nodes into data counts each
node it meets again (:class:`lessonkit.yaml_reading.Walk`) and stops past
:data:`MAX_ALIAS_VALUES`. Only then is the file read again, event by event, to
find the alias that went past the limit (:func:`alias_finding`): its line is
what the message gives.
"""

from __future__ import annotations

import re

import yaml

from .yaml_mistakes import Finding

__all__ = [
    "MAX_ALIAS_VALUES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_TEXT_DEPTH",
    "alias_finding",
    "deep_text_line",
    "depth_finding",
    "size_message",
    "text_depth_message",
]

MAX_BYTES = 1024 * 1024
"""A practice file of more than 1 MB is refused before it is parsed (the course's own is 13 kB)."""

MAX_DEPTH = 40
"""Lists and mappings nested deeper than this are refused (a practice set needs ~6 levels:
sections, their entries, their options, their fields)."""

MAX_ALIAS_VALUES = 10_000
"""How many values (texts, lists, mappings) the aliases of a file may copy, all together."""

MAX_TEXT_DEPTH = 120
"""How deep a line of a text may nest: spaces, tabs, list markers ('- ', '1. ') and quote marks
('> ') at its start, each one level. Python-Markdown converts lists by recursion, and fails
(RecursionError) near 300 levels of 4-space indentation, or 1,000 '- ' on one line."""

_DEEP_TEXT = re.compile(r"^(?:[ \t]|[-*+>][ \t]|\d{1,9}[.)][ \t]){%d}" % (MAX_TEXT_DEPTH + 1), re.M)


def deep_text_line(text: str) -> int | None:
    """The (0-based) line of ``text`` that nests past :data:`MAX_TEXT_DEPTH`, or None."""
    if len(text) <= MAX_TEXT_DEPTH:
        return None
    found = _DEEP_TEXT.search(text)
    return None if found is None else text.count("\n", 0, found.start())


def text_depth_message() -> tuple[str, str]:
    return (
        f"this line of the text starts with more than {MAX_TEXT_DEPTH} spaces, list markers or quote marks, "
        "which Markdown reads as lists nested that deep, more than it can convert",
        "write it with fewer levels: nested lists take 4 spaces a level, and a few levels are enough",
    )


def size_message(size: int) -> tuple[str, str]:
    """What to say of a file of ``size`` bytes, more than :data:`MAX_BYTES`."""
    return (
        f"the file is {size / 1024 / 1024:.1f} MB, and a practice file may hold at most {MAX_BYTES // 1024 // 1024} MB",
        "split it into several practice files",
    )


def depth_finding(line: int, column: int) -> Finding:
    """Nesting past :data:`MAX_DEPTH`, at the (1-based) line and column where it goes past."""
    return Finding(
        line,
        column,
        f"lists and fields are nested more than {MAX_DEPTH} levels deep here",
        "a practice set needs a few levels (sections, their entries, their fields): "
        "check the indentation of this line and of the lines above",
    )


def alias_finding(text: str, loader: type) -> Finding | None:
    """The alias of ``text`` that copies past :data:`MAX_ALIAS_VALUES`, or that sits inside its own anchor.

    Counts as the loader's walk does (each value an alias copies, once per use,
    mapping keys included), from the parser's events: the size of each anchor
    is known when it closes, so the scan is linear in the file's length.
    """
    sizes: dict[str, int] = {}  # anchor -> how many values it marks, aliases inside it expanded
    frames: list[list[object]] = []  # open lists and mappings: [anchor or None, values so far]
    copied = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                name = event.anchor
                mark = event.start_mark
                if name not in sizes:
                    if any(frame[0] == name for frame in frames):
                        return Finding(
                            mark.line + 1,
                            mark.column + 1,
                            f"the alias '*{name}' is inside what '&{name}' marks, so it would copy itself without end",
                            f"move '*{name}' out of the entry that '&{name}' marks, or write the entries out",
                        )
                    continue  # an undefined alias: the composer has said so already
                copied += sizes[name]
                if copied > MAX_ALIAS_VALUES:
                    return Finding(
                        mark.line + 1,
                        mark.column + 1,
                        f"the alias '*{name}' copies {sizes[name]:,} values, which makes the aliases of this file "
                        f"copy more than {MAX_ALIAS_VALUES:,} (an alias stands for all that its anchor marks, "
                        "aliases inside it included)",
                        "write the entries out, or use the aliases fewer times",
                    )
                if frames:
                    frames[-1][1] += sizes[name]  # type: ignore[operator]
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    sizes[event.anchor] = 1
                if frames:
                    frames[-1][1] += 1  # type: ignore[operator]
            elif isinstance(event, yaml.CollectionStartEvent):
                frames.append([event.anchor, 1])
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = frames.pop()
                if anchor:
                    sizes[str(anchor)] = int(count)  # type: ignore[call-overload]
                if frames:
                    frames[-1][1] += count  # type: ignore[operator]
    except yaml.YAMLError:
        return None
    return None
