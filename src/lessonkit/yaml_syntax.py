"""Why YAML could not read a practice file, told at the line of the mistake.

PyYAML stops with a message about tokens, often far from the mistake (an
unclosed quote, a lost dash, a text starting with a backquote); this looks at
the source lines around its marks to say what happened and how to write it.
The texts YAML reads differently from how they look are in
:mod:`lessonkit.yaml_mistakes`.
"""

from __future__ import annotations

import re

import yaml

from .yaml_bounds import depth_finding
from .yaml_mistakes import LINE_PARTS, QUOTE_FIRST, Finding, Source, quote_hint, quoted

__all__ = ["reader_finding", "syntax_finding"]

_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character YAML does not allow in a file (YAML 1.1, 5.1): control characters, mostly."""
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 11: "vertical tab", 12: "form feed", 27: "ESC", 127: "DEL"}


def reader_finding(error: yaml.reader.ReaderError, text: str) -> Finding:
    """A character YAML refuses (a NUL, a control character), at its own line and column.

    The reader's position counts bytes of UTF-8 under libyaml and characters
    without it; the text itself says where the character is.
    """
    found = _NOT_YAML.search(text)
    index = found.start() if found else min(error.position, len(text))
    code = ord(text[index]) if index < len(text) else int(error.character)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    name = _CONTROL_NAMES.get(code, "a control character" if code < 0x20 or 0x7F <= code < 0xA0 else "not text")
    return Finding(
        line,
        column,
        f"the file holds the character U+{code:04X} ({name}) here, which YAML does not allow in a file",
        "delete it: it is invisible in most editors, so retype the words around it",
    )


_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<key>[A-Za-z_][\w-]*):(?:[ \t]|$)")
_ENTRY_LINE = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]+(?:(?P<key>[A-Za-z_][\w-]*):(?:[ \t]|$))?|$)")
# Fields whose value may be a flow list (`[a, b]`) or mapping: a `[` there is not a text.
_LIST_FIELDS = frozenset({"sections", "questions", "options", "items", "labels", "cards", "columns", "answer"})


def syntax_finding(error: yaml.MarkedYAMLError, text: str, source: Source, loader: type) -> Finding:
    """A YAML syntax error as the instructor's mistake, where it was made."""
    mark = error.problem_mark or error.context_mark
    problem, context = error.problem or "", error.context or ""
    here = (mark.line, mark.column) if mark else (0, 0)
    marks = [m for m in (error.problem_mark, error.context_mark) if m is not None]
    if "maximum nesting depth" in problem:  # libyaml's own bound on '[' and '{' inside each other
        return depth_finding(here[0] + 1, here[1] + 1)

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
        match = LINE_PARTS.match(line)
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
        above_match = LINE_PARTS.match(above) if above is not None else None
        if match and above_match and above_match["value"] and _indent(above or "") < _indent(line):
            return Finding(
                here[0] + 1, _indent(line) + 1,
                f"'{match['key']}:' is indented more than the line above, so YAML reads it as more of that line's text",
                f"indent '{match['key']}:' like the fields beside it",
                match["key"],
            )
    line = source.line(here[0])
    if problem.startswith("did not find expected") and line.strip() and here[1] == _indent(line):
        match = LINE_PARTS.match(line)
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
    match = LINE_PARTS.match(line)
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
            f"put the text in double quotes: {prefix}{quoted(text)}; or write '' for an apostrophe inside '...'",
            key,
        )
    return Finding(
        index + 1, value_column + closed + 1,
        'this " ends the quoted text, and the rest of the line is left over',
        f'put the whole text in double quotes, with \\" for each double quote inside: {prefix}{quoted(value)}',
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
    match = LINE_PARTS.match(source.line(index))
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
