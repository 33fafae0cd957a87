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

__all__ = ["Finding", "Source", "quote_hint", "scalar_findings", "syntax_finding"]

# YAML 1.1 (libyaml) line breaks: the line numbers of its marks count these.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e"  # str.splitlines() breaks lines there too, YAML does not
# In a text YAML folded, the signs that a list item may have been joined (then the lines tell).
_AFTER_COLON = re.compile(r":[ \t]+(?:[-*+]|\d{1,9}[.)])[ \t]")
_NUMBER_MARK = re.compile(r"\d[.)][ \t]")

# `  - key: value`: the indentation and dashes, the field name, the value.
_LINE = re.compile(r"^(?P<prefix>[ ]*(?:-[ ]+)*)(?:(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+|$))?(?P<value>.*?)[ \t]*$")
_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<key>[A-Za-z_][\w-]*):(?:[ \t]|$)")
_ENTRY_LINE = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]+(?:(?P<key>[A-Za-z_][\w-]*):(?:[ \t]|$))?|$)")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")

QUOTE_FIRST = "`*@&!%[{>|"
"""Characters a text cannot start with unless it is quoted (the instructors' page lists them)."""

# Fields whose value may be a flow list (`[a, b]`) or mapping: a `[` there is not a text.
_LIST_FIELDS = frozenset({"sections", "questions", "options", "items", "labels", "cards", "columns", "answer"})


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


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_hint(line: str, value_column: int | None = None) -> str:
    """"put the text in double quotes", with ``line`` so written when it is ``key: text``."""
    match = _LINE.match(line)
    if match and match["value"] and (value_column is None or match.start("value") == value_column):
        prefix = match["prefix"].lstrip(" ")
        key = f"{match['key']}: " if match["key"] else ""
        return f"put the text in double quotes: {prefix}{key}{_quoted(match['value'])}"
    return "put the text in double quotes"


def scalar_findings(node: yaml.ScalarNode, source: Source) -> list[Finding]:
    """What YAML took out of, or joined in, this text as the file writes it."""
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
    return []


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


def syntax_finding(error: yaml.MarkedYAMLError, text: str, source: Source, loader: type) -> Finding:
    """A YAML syntax error as the instructor's mistake, where it was made."""
    mark = error.problem_mark or error.context_mark
    problem, context = error.problem or "", error.context or ""
    here = (mark.line, mark.column) if mark else (0, 0)
    marks = [m for m in (error.problem_mark, error.context_mark) if m is not None]

    for m in marks:
        line = source.line(m.line)
        lead = line[: len(line) - len(line.lstrip(" \t-"))]
        if "\t" in lead or "tab" in problem:
            column = lead.find("\t") if "\t" in lead else m.column
            return Finding(m.line + 1, column + 1, "a tab is used for indentation, and YAML does not allow tabs there", "indent with spaces")

    if context == "while scanning a quoted scalar" and error.context_mark is not None:
        return _open_quote_finding(source, error.context_mark.line, error.context_mark.column)
    opened = _multi_line_quote(text, source, here[0], loader)
    if opened is not None:
        return _open_quote_finding(source, *opened)

    # The line of the problem, and the context's when on the same line (an alias, an anchor or a block
    # header scanned there); a context further up is only where the enclosing mapping or list began.
    for m in [m for m in marks if m.line == here[0]]:
        line = source.line(m.line)
        match = _LINE.match(line)
        if not match or not match["value"] or m.column < match.start("value"):
            continue
        value, value_column = match["value"], match.start("value")
        if "mapping values are not allowed" in problem and m is error.problem_mark and m.column > value_column:
            return Finding(
                m.line + 1, m.column + 1,
                "': ' inside a text: YAML reads the words before it as a field name",
                quote_hint(line),
                match["key"] or "",
            )
        if m is error.problem_mark and value[0] in "'\"":
            closed = _closing_quote(value)
            if closed is not None and value[closed + 1 :].strip() and not value[closed + 1 :].lstrip().startswith("#"):
                return _early_close_finding(line, m.line, value_column, value, closed, match["key"] or "")
        if value[:2] in ("- ", "? ", ": ") or value in ("-", "?", ":"):
            return Finding(
                m.line + 1, value_column + 1,
                f"a text cannot start with '{value[:2].strip()} ' in YAML unless it is in quotes",
                quote_hint(line),
                match["key"] or "",
            )
        first = value[0]
        if first in QUOTE_FIRST and not (first in "[{" and match["key"] in _LIST_FIELDS):
            if first in ">|" and re.match(r"^[>|][-+0-9]*[ \t]*(?:#.*)?$", value):
                continue  # a block's header: the mistake is in the block, not here
            return Finding(
                m.line + 1, value_column + 1,
                f"a text cannot start with '{first}' in YAML unless it is in quotes",
                quote_hint(line),
                match["key"] or "",
            )

    if context.startswith("while parsing a flow") and error.context_mark is not None:
        found = _open_flow_finding(source, error.context_mark)
        if found is not None:
            return found
    if context == "while scanning a simple key" and error.context_mark is not None:
        at = error.context_mark
        return Finding(
            at.line + 1, at.column + 1,
            "YAML reads this line as a field name, and finds no ':' after it",
            "if the line continues the text above, indent it like that text; if it is a field, write 'name: value'",
        )
    lost = _lost_dash(source, here[0]) or _lost_first_dash(source, here[0])
    if lost is not None:
        index, indent = lost
        entry = " " * indent + "- " + source.line(index).strip()
        return Finding(
            index + 1, indent + 1,
            "this line looks like an entry of the list above, but it does not start with '- '",
            f"start the entry with '- ' like the ones before it: {entry.strip()}",
        )
    if "mapping values are not allowed" in problem and error.problem_mark is not None:
        line = source.line(here[0])
        match = _KEY_LINE.match(line)
        above = _line_above(source, here[0])
        above_match = _LINE.match(above) if above is not None else None
        if match and above_match and above_match["value"] and _indent(above or "") < _indent(line):
            return Finding(
                here[0] + 1, _indent(line) + 1,
                f"'{match['key']}:' is indented more than the line above, so YAML reads it as more of that line's text",
                f"indent '{match['key']}:' like the fields beside it",
                match["key"],
            )
    line = source.line(here[0])
    if problem.startswith("did not find expected") and line.strip() and here[1] == _indent(line):
        match = _LINE.match(line)
        name = f"'{match['key']}:'" if match and match["key"] else "it"
        return Finding(
            here[0] + 1, here[1] + 1,
            "this line's indentation does not fit the lines above",
            f"indent {name} with spaces, like the fields beside it",
            (match["key"] or "") if match else "",
        )
    what = " ".join(part for part in (context, problem) if part)
    return Finding(here[0] + 1, here[1] + 1, f"YAML syntax error: {what}", "check the indentation and quoting on this line or the one before")


def _open_flow_finding(source: Source, at: yaml.Mark) -> Finding | None:
    """A '[' or '{' that opened a list or mapping never closed: a text that needed quotes, or a list left open."""
    line = source.line(at.line)
    match = _LINE.match(line)
    if not match or match.start("value") != at.column or not match["value"]:
        return None
    opening = match["value"][0]
    if match["key"] in _LIST_FIELDS:
        closing = "]" if opening == "[" else "}"
        return Finding(
            at.line + 1, at.column + 1,
            f"the list opened here with '{opening}' is not closed on this line",
            f"end it with '{closing}' on the same line",
            match["key"],
        )
    return Finding(
        at.line + 1, at.column + 1,
        f"a text cannot start with '{opening}' in YAML unless it is in quotes",
        quote_hint(line),
        match["key"] or "",
    )


def _closing_quote(value: str) -> int | None:
    """The index of the quote that ends the quoted text at the start of ``value``."""
    quote, index = value[0], 1
    while index < len(value):
        character = value[index]
        if quote == '"' and character == "\\":
            index += 2
            continue
        if character == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _early_close_finding(line: str, index: int, value_column: int, value: str, closed: int, key: str) -> Finding:
    quote = value[0]
    prefix = line[:value_column].lstrip(" ")
    if quote == "'":
        text = value[1:-1] if value.endswith("'") else value[1:]
        return Finding(
            index + 1, value_column + closed + 1,
            "this ' ends the quoted text, and the rest of the line is left over",
            f"put the text in double quotes: {prefix}{_quoted(text)}; or write '' for an apostrophe inside '...'",
            key,
        )
    return Finding(
        index + 1, value_column + closed + 1,
        'this " ends the quoted text, and the rest of the line is left over',
        f'put the whole text in double quotes, with \\" for each double quote inside: {prefix}{_quoted(value)}',
        key,
    )


def _line_above(source: Source, index: int) -> str | None:
    for above in range(index - 1, -1, -1):
        line = source.line(above)
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _open_quote_finding(source: Source, index: int, column: int) -> Finding:
    quote = source.line(index)[column : column + 1] or '"'
    inside = "\\\"" if quote == '"' else "''"
    what = "a double quote" if quote == '"' else "an apostrophe"
    match = _LINE.match(source.line(index))
    return Finding(
        index + 1, column + 1,
        f"the quote {quote} opened here is not closed on this line",
        f"end the text with {quote} on this line; inside the text write {inside} for {what}",
        (match["key"] or "") if match else "",
    )


def _multi_line_quote(text: str, source: Source, error_line: int, loader: type) -> tuple[int, int] | None:
    """A quoted text that runs over lines that look like fields or entries: its quote was not closed."""
    try:
        for token in yaml.scan(text, Loader=loader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                inner = source.lines[token.start_mark.line + 1 : token.end_mark.line + 1]
                if any(_KEY_LINE.match(line) or _ENTRY_LINE.match(line) for line in inner):
                    return token.start_mark.line, token.start_mark.column
    except yaml.YAMLError:
        pass
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lost_dash(source: Source, error_line: int) -> tuple[int, int] | None:
    """A ``key: value`` line, at or just before the error, where the list above has ``- key:`` entries.

    Returns that line (0-based) and the indentation of the list's dashes.
    """
    lines = source.lines
    deepest: int | None = None  # the least indentation of the lines between a candidate and the error
    for index in range(min(error_line, len(lines) - 1), max(-1, error_line - 200), -1):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        is_entry = bool(_ENTRY_LINE.match(line))
        if is_entry and index < error_line:
            return None  # reached the entry before: no line without its dash after it
        if (deepest is None or indent < deepest) and _KEY_LINE.match(line):
            dash = _entry_before(lines, index, indent)
            if dash is not None:
                return index, dash
        if not is_entry:
            deepest = indent if deepest is None else min(deepest, indent)
    return None


def _lost_first_dash(source: Source, error_line: int) -> tuple[int, int] | None:
    """The first entry of a list written without its ``- ``: the error comes at the second entry.

    ``- key:`` at the error line; above it, up to the field that holds the list,
    lines that start with the same ``key:`` at the entry's field indentation.
    """
    lines = source.lines
    entry = _ENTRY_LINE.match(source.line(error_line))
    if entry is None or not entry["key"]:
        return None
    indent, first = len(entry["indent"]), None
    for index in range(error_line - 1, max(-1, error_line - 400), -1):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        level = _indent(line)
        if level < indent or (level == indent and _ENTRY_LINE.match(line)):
            break
        first = index
    if first is None:
        return None
    key_line = _KEY_LINE.match(lines[first])
    if key_line and key_line["key"] == entry["key"] and len(key_line["indent"]) in (indent, entry.start("key")):
        return first, indent
    return None


def _entry_before(lines: list[str], index: int, indent: int) -> int | None:
    """The dash indentation of the list entry just above ``lines[index]``, if its fields include this line's key."""
    key = _KEY_LINE.match(lines[index])["key"]  # type: ignore[index]
    fields: list[tuple[int, str]] = []
    for above in range(index - 1, max(-1, index - 200), -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        level = _indent(line)
        entry = _ENTRY_LINE.match(line)
        if level == indent and entry:
            column = entry.start("key") if entry["key"] else indent + 2
            keys = {name for at, name in fields if at == column} | ({entry["key"]} if entry["key"] else set())
            return indent if key in keys else None
        if level <= indent:
            return None
        inner = _KEY_LINE.match(line)
        if inner:
            fields.append((level, inner["key"]))
    return None
