"""The usual YAML mistakes of a practice file, told in the instructor's terms.

YAML reads some texts differently from how they look: ``!important ETag`` is a
tag and the text "ETag"; ``The ETag header #1 validator`` ends before `` #``;
a folded block (``>``) joins a list's lines into one paragraph. Others stop the
parser far from the mistake (an unclosed quote) or with a message about tokens
(a text starting with a backquote). This module looks at the source lines to
say what happened and how to write it, with the corrected line where one
exists. It knows nothing about the practice-set model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

__all__ = [
    "LINE_PARTS",
    "QUOTE_FIRST",
    "Finding",
    "Source",
    "last_line",
    "may_have_findings",
    "position_of_words",
    "quote_hint",
    "quoted",
    "scalar_findings",
]

# YAML 1.1 (libyaml) line breaks: the line numbers of its marks count these.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e"  # str.splitlines() breaks lines there too, YAML does not
# In a text YAML folded, the signs that a list item may have been joined (then the lines tell).
_AFTER_COLON = re.compile(r":[ \t]+(?:[-*+]|\d{1,9}[.)])[ \t]")
_NUMBER_MARK = re.compile(r"\d[.)][ \t]")

# `  - key: value`: the indentation and dashes, the field name, the value.
LINE_PARTS = re.compile(r"^(?P<prefix>[ ]*(?:-[ ]+)*)(?:(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+|$))?(?P<value>.*?)[ \t]*$")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# In a text's lines: a list item that CommonMark lets start right after a line
# of a paragraph (a bullet, or a numbered list from 1), and Python-Markdown does not.
_ITEM_AFTER_LINE = re.compile(r"\n {0,3}(?:[-*+]|1[.)])[ \t]+\S")
_ITEM_LINE = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_STARTS_ITEM = re.compile(r" {0,3}(?:[-*+]|1[.)])[ \t]+\S")
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|<|>|\||!!!|\?\?\?|\[\^|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)")
_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})")

QUOTE_FIRST = "`*@&!%[{>|"
"""Characters a text cannot start with unless it is quoted (the instructors' page lists them)."""


@dataclass(frozen=True)
class Finding:
    """A mistake at a 1-based line and column: what happened, and the fix."""

    line: int
    column: int
    message: str
    hint: str | None = None
    field: str = ""
    """The field named on the mistake's line, when the file could not be read far enough for its full path."""
    joined_item: bool = False
    """A list item joined to the line before: a mistake only in a text that may hold a list."""


def _may_have_properties(text: str) -> bool:
    """Whether a `!` or `&` stands where a value starts: first on its line, or
    after `:`, `-`, `?`, `[`, `{` or `,` (spaces between). A regex for that
    is tried at every character of the file; this looks only where one is."""
    for mark in "!&":
        start = text.find(mark)
        while start >= 0:
            before = text[text.rfind("\n", 0, start) + 1 : start].rstrip(" \t")
            if not before or before[-1] in ":-?[{,":
                return True
            start = text.find(mark, start + 1)
    return False


class Source:
    """A file's lines, numbered as YAML numbers them (0-based here), split when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Only a file with these can have a tag or an anchor (a `!` or `&` where a
        # value starts: first on a line, or after `:`, `-`, `?`, `[`, `{` or `,`),
        # or a comment. "R&D" and "Hello!" are not one.
        self.may_have_properties = ("!" in text or "&" in text) and _may_have_properties(text)
        self.may_have_comments = " #" in text or "\t#" in text  # a comment after a text follows a space

    @functools.cached_property
    def lines(self) -> list[str]:
        if not any(character in self.text for character in _OTHER_BREAKS):
            return self.text.splitlines()  # the same breaks as YAML's, in C
        return _LINE_BREAK.split(self.text)

    @functools.cached_property
    def comment_lines(self) -> frozenset[int]:
        """The lines with a '#' after something else: where a comment may end a text."""
        if not self.may_have_comments:
            return frozenset()
        return frozenset(index for index, line in enumerate(self.lines) if "#" in line and not line.lstrip().startswith("#"))

    def line(self, index: int) -> str:
        lines = self.lines
        return lines[index] if 0 <= index < len(lines) else ""


def last_line(node: yaml.Node) -> int:
    """The 1-based last line of a node (a block ends at the start of the line after it)."""
    end = node.end_mark
    return max(node.start_mark.line + 1, end.line if end.column == 0 else end.line + 1)


def position_of_words(source: Source, start: tuple[int, int], last: int, words: str | None) -> tuple[int, int]:
    """The line of a text holding ``words``, the text from ``start`` (1-based
    line and column) to line ``last``: ``start`` when they are on its first
    line (or not found), else where that line's text starts."""
    if not words:
        return start
    wanted = words.casefold()
    if wanted in source.line(start[0] - 1)[start[1] - 1 :].casefold():
        return start
    for number in range(start[0] + 1, last + 1):
        line = source.line(number - 1)
        if wanted in line.casefold():
            return (number, 1 + len(line) - len(line.lstrip(" \t")))
    return start


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_hint(line: str, value_column: int | None = None) -> str:
    """"put the text in double quotes", with ``line`` so written when it is ``key: text``."""
    match = LINE_PARTS.match(line)
    if match and match["value"] and (value_column is None or match.start("value") == value_column):
        prefix = match["prefix"].lstrip(" ")
        key = f"{match['key']}: " if match["key"] else ""
        return f"put the text in double quotes: {prefix}{key}{quoted(match['value'])}"
    return "put the text in double quotes"


def may_have_findings(node: yaml.ScalarNode, source: Source) -> bool:
    """Whether :func:`scalar_findings` has anything to look at (most texts are
    one plain line in a file without tags or comments: nothing)."""
    if source.may_have_properties or node.style == ">" or node.end_mark.line > node.start_mark.line:
        return True
    return not node.style and source.may_have_comments or "\n" in node.value


def scalar_findings(node: yaml.ScalarNode, source: Source) -> list[Finding]:
    """What YAML took out of, or joined in, this text as the file writes it."""
    found = _source_findings(node, source)
    if "\n" in node.value and not any(finding.joined_item for finding in found) and _ITEM_AFTER_LINE.search(node.value):
        joined = _item_after_line(node, source)
        if joined is not None:
            found.append(joined)
    return found


def _source_findings(node: yaml.ScalarNode, source: Source) -> list[Finding]:
    start, end = node.start_mark, node.end_mark
    if source.may_have_properties:
        line = source.line(start.line)
        if line[start.column : start.column + 1] in ("!", "&"):
            return [_property_finding(line, start.line, start.column)]
    style = node.style
    if not style:  # plain
        found = []
        if node.value and end.line in source.comment_lines:  # an empty value: told as one, with its '#'
            comment = _cutting_comment(source, node)
            if comment:
                found.append(comment)
        if end.line > start.line and _may_hold_joined_items(node.value):
            line = source.line(start.line)
            pieces = [line[start.column :]] + [source.line(index).strip() or None for index in range(start.line + 1, end.line + 1)]
            joined = _joined_list_item(pieces)
            if joined is not None:
                index = start.line + joined
                column = 1 + len(source.line(index)) - len(source.line(index).lstrip(" "))
                found.append(
                    Finding(index + 1, column, "this list item is joined to the line before: YAML makes one line of a text written over several lines",
                            "write '|' after the field name and the text on the lines below, one item a line, with an empty line before the list",
                            joined_item=True)
                )
        return found
    if style == ">" and _may_hold_joined_items(node.value):
        return _folded_block_findings(node, source)
    if style in ("'", '"') and end.line > start.line and _may_hold_joined_items(node.value):
        # A quoted text over several lines is folded as a plain one is.
        pieces = [source.line(start.line)[start.column + 1 :]] + [
            source.line(index).strip() or None for index in range(start.line + 1, end.line + 1)
        ]
        joined = _joined_list_item(pieces)
        if joined is not None:
            index = start.line + joined
            column = 1 + len(source.line(index)) - len(source.line(index).lstrip(" "))
            return [
                Finding(index + 1, column, "this list item is joined to the line before: YAML makes one line of a quoted text written over several lines",
                        "write '|' after the field name and the text on the lines below, one item a line, with an empty line before the list",
                        joined_item=True)
            ]
    return []


def _item_after_line(node: yaml.ScalarNode, source: Source) -> Finding | None:
    """A list item right after a line of a paragraph, in the text as YAML read it.

    Python-Markdown needs an empty line before a list: without one, the items
    are part of the paragraph (CommonMark would start a list). Lines in code
    (fenced, or indented after an empty line) and after a heading, an HTML
    line, a quote or a table are left alone; an item's own lines go on its item.
    """
    lines = node.value.split("\n")
    previous: str | None = None  # "paragraph", "item" or "other"; None after an empty line
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE_LINE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            previous = "other"
            continue
        if not line.strip():
            previous = None
        elif opening:
            fence, previous = opening.group(1), "other"
        elif line.startswith(("    ", "\t")):
            previous = previous or "other"  # a continuation of the block above, or code after an empty line
        elif _ITEM_LINE.match(line):
            if previous == "paragraph" and _STARTS_ITEM.match(line):
                return _item_finding(node, source, index, line)
            previous = "item"
        elif _NOT_PARAGRAPH.match(line):
            previous = "other"
        elif previous != "item":  # a line after an item's line is that item's, as Markdown reads it
            previous = "paragraph"
    return None


def _item_finding(node: yaml.ScalarNode, source: Source, index: int, line: str) -> Finding:
    start = node.start_mark
    if node.style == "|":
        number = start.line + 1 + index  # a literal block keeps the file's lines: the text's line `index` is below its header
        text = source.line(number)
        where = (number + 1, 1 + len(text) - len(text.lstrip(" ")))
        return Finding(
            *where,
            "this list item is joined to the line before: a list needs an empty line before it, "
            "or the page shows one paragraph with the dashes in it",
            "leave an empty line between the line before and the list",
            joined_item=True,
        )
    line_number, column = position_of_words(source, (start.line + 1, start.column + 1), last_line(node), line.strip())
    if line_number > start.line + 1 and not source.line(line_number - 2).strip():
        message = "YAML makes one line break of the empty line before it, and a list needs an empty line before it"
    else:  # a line break written '\n' in double quotes
        message = "a list needs an empty line before it, or the page shows one paragraph with the dashes in it"
    return Finding(
        line_number,
        column,
        f"this list item is joined to the line before: {message}",
        "write '|' after the field name and the text on the lines below, one item a line, with an empty line before the list",
        joined_item=True,
    )


def _may_hold_joined_items(value: str) -> bool:
    """A quick look at the folded text: could two list lines have become one? (Most texts: no.)"""
    for paragraph in value.split("\n"):
        for marker in (" - ", " * ", " + "):
            if marker in paragraph and (paragraph.startswith(marker[1:]) or paragraph.count(marker) >= 2):
                return True
        if ":" in paragraph and _AFTER_COLON.search(paragraph):
            return True
        if " 2. " in paragraph or " 2) " in paragraph or (paragraph[:1].isdigit() and len(_NUMBER_MARK.findall(paragraph)) >= 2):
            return True
    return False


def _property_finding(line: str, index: int, column: int) -> Finding:
    word = line[column:].split(None, 1)[0] if line[column:].strip() else line[column]
    what = "a YAML tag" if word.startswith("!") else "a YAML anchor"
    return Finding(
        index + 1,
        column + 1,
        f"'{word}' is read as {what}, not as text: the page would show the text without it",
        quote_hint(line, column),
    )


def _cutting_comment(source: Source, node: yaml.ScalarNode) -> Finding | None:
    """A `` #`` right after a plain text that reads as part of the text (``#1``, one space before)."""
    end = node.end_mark
    line = source.line(end.line)
    rest = line[end.column :]
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#"):
        return None
    spaces = len(rest) - len(stripped)
    if spaces >= 2 and stripped[1:2] in ("", " ", "\t"):
        return None  # `text  # a comment`: how comments are written (two spaces before, one after)
    column = end.column + spaces
    if node.start_mark.line == end.line:
        hint = quote_hint(line, node.start_mark.column)
    else:
        hint = "put the whole text in double quotes, or write '>-' after the field name and the text on the lines below"
    return Finding(
        end.line + 1,
        column + 1,
        f"the text stops before '{stripped.split(None, 1)[0]}': YAML reads ' #' and the rest of the line as a comment",
        f"{hint}; for a comment, put two spaces before '#' and one after",
    )


def _folded_block_findings(node: yaml.ScalarNode, source: Source) -> list[Finding]:
    start, end = node.start_mark, node.end_mark
    header = source.line(start.line)[start.column :].split("#", 1)[0]
    if any(character.isdigit() for character in header):
        return []  # an explicit indentation indicator: rare, and the base indentation is not the first line's
    last = end.line if end.column == 0 else end.line + 1
    lines = [source.line(index) for index in range(start.line + 1, last)]
    base = next((len(text) - len(text.lstrip(" ")) for text in lines if text.strip()), None)
    if base is None:
        return []
    pieces: list[str | None] = []
    for text in lines:
        indent = len(text) - len(text.lstrip(" "))
        # A blank or more-indented line keeps its line breaks; lines at the base indentation are joined.
        pieces.append(text[base:] if text.strip() and indent == base else None)
    joined = _joined_list_item(pieces)
    if joined is None:
        return []
    return [
        Finding(
            start.line + 2 + joined,
            base + 1,
            "this list item is joined to the line before: in a folded block ('>') the lines become one paragraph",
            "write '|' instead of '>' to keep each line, with an empty line between a sentence and the list",
            joined_item=True,
        )
    ]


def _joined_list_item(pieces: list[str | None]) -> int | None:
    """The index of the first list item folded into the line before (None: a kept line break).

    An item is joined when it follows a line ending with ':' or an item of the
    same kind (bulleted or numbered) in the same run of joined lines: a line
    of prose that happens to start with "- " or "2. " is left alone.
    """
    run_kind: str | None = None
    previous: str | None = None
    for index, piece in enumerate(pieces):
        if piece is None:
            run_kind, previous = None, None
            continue
        item = _LIST_ITEM.match(piece)
        kind = ("numbered" if piece[0].isdigit() else "bulleted") if item else None
        if kind and previous is not None and (kind == run_kind or previous.rstrip().endswith(":")):
            return index
        run_kind = run_kind or kind
        previous = piece
    return None
