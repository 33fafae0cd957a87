"""What a set's ``page:`` may be: a Markdown page MkDocs and Zensical will build,
inside the docs folder (issue 21, section 2).

A path that leaves the docs folder (``../x.md``), that MkDocs leaves out
(``practice/.x.md``), or that the file system cannot hold (a NUL, a name of
300 characters) is a problem at the ``page:`` line, never a traceback or a
link to a page that was not written.
"""

from __future__ import annotations

import re

__all__ = ["PAGE_PATTERN", "page_path_problem"]

PAGE_PATTERN = r"^[^/].*\.md$"
"""For editors (the JSON Schema): the checks below say more."""

MAX_NAME_BYTES = 255
"""The longest file or folder name most file systems hold, in bytes of UTF-8."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXAMPLE = "e.g. practice/my-set.md"


def page_path_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with ``value`` as a ``page:``, and the fix; None when it is a page path."""
    control = _CONTROL.search(value)
    if control:
        return (
            f"the page path holds the control character U+{ord(control.group()):04X}",
            f"remove it: a page path is a relative path ending in .md, {_EXAMPLE}",
        )
    if not value.strip():
        return "has no text", f"write a relative path ending in .md, {_EXAMPLE}, or leave the field out"
    if "\\" in value:
        return f"'{value}' uses '\\' between folders", f"write '/' instead: {value.replace(chr(92), '/')}"
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        return (
            f"'{value}' is not relative: a page path starts in the docs folder",
            f"leave out the start: {value.lstrip('/')}" if value.startswith("/") else f"write a relative path, {_EXAMPLE}",
        )
    segments = value.split("/")
    kept = "/".join(segment for segment in segments if segment not in ("", ".", ".."))
    if ".." in segments:
        return f"'{value}' has a '..' segment, which leaves the docs folder", f"write the path from the docs folder down, e.g. {kept}"
    if "." in segments:
        return f"'{value}' has a '.' segment", f"leave it out: {kept}"
    if "" in segments:
        return f"'{value}' has an empty folder name (two '/' in a row, or a '/' at its end)", f"write one '/' between folders: {kept}"
    for segment in segments:
        if segment.startswith("."):
            return (
                f"'{segment}' starts with '.': MkDocs leaves out files and folders named so, and the page would not be built",
                "remove the leading '.': " + "/".join(part.lstrip(".") for part in segments),
            )
        size = len(segment.encode("utf-8", "surrogatepass"))
        if size > MAX_NAME_BYTES:
            return (
                f"'{segment[:24]}...' is {size} bytes long, and a file or folder name may hold at most {MAX_NAME_BYTES}",
                "shorten it",
            )
    if not value.endswith(".md"):
        return f"'{value}' does not end in .md", f"write the path of a Markdown page: {value.rsplit('.', 1)[0] if '.' in segments[-1] else value}.md"
    return None
