"""Practice texts to HTML: each text as the site's Markdown renders it alone.

A practice set's texts (questions, answers, options, notes, card faces,
explanations, intros, takeaways, credit) are converted apart from the page
that shows them, with a converter made like the site's (its
``markdown_extensions`` and their options), reset for every text, as
mkdocstrings converts a docstring. So a text's footnotes, abbreviations and
reference definitions stay in that text; no text sees the page's or another
text's, and the page sees no text's.

Speed: converting a short text costs Python-Markdown a fixed overhead that is
most of the work, so the texts that cannot affect each other are converted
in one pass, joined by a thematic break (``***``, the cheapest block to
parse: no inline text), and split again at each ``<hr />``. A text goes on
its own when it could carry state over to the next (a reference, footnote or
abbreviation definition, a heading, a ``[TOC]``, a line starting with ``:``,
raw HTML) or has a line that may be a thematic break itself; and if the
breaks do not come back one between every two texts, or the pass left any
definition behind, every text of the pass is converted on its own. The
result is the same either way (``tests/test_texts.py``).

Links in a text are written relative to the set's own page (where a link
works today) and are rewritten for the page that shows the text, wherever it
is; a link to a page that does not exist is reported by the caller with the
text's file and line (``links`` collects them).

Ids: each use of a text whose HTML has ids gets a prefix (``lk-t1-``...), so
two texts, or one text shown twice, never give one id twice on a page.
Nothing here knows about MkDocs beyond the ``Files`` it is handed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["LinkContext", "LinkTarget", "TextConverter", "prefix_ids"]

_SEPARATOR = "\n\n***\n\n"
_MARK = re.compile(r"<hr\s*/?>")
# A line of three or more `*`, `_` or `-` (spaces between), at any depth of
# indent or quote: a thematic break where the text has one, so it goes alone.
_BREAK = re.compile(r"^[ \t>]*(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$", re.M)
_CODE_SPAN = re.compile(r"(`+).*?\1", re.S)
_HTML_START = re.compile(r"<[A-Za-z/!?]")
# A line that may define something for the whole document, or take what comes
# before it: reference, footnote and abbreviation definitions, headings (their
# ids are unique per document), a definition (`: `), a setext underline.
_CARRIES_STATE = re.compile(r"^ {0,3}(?:\[[^\]\n]*\]:|\*\[|:|#|=+[ \t]*$|-+[ \t]*$)", re.M)
_ID = re.compile(r'\sid="([^"]+)"')


def _alone(text: str, toc_marker: str) -> bool:
    """Whether a text must be converted on its own (see the module's doc)."""
    if (toc_marker and toc_marker in text) or _CARRIES_STATE.search(text) or _BREAK.search(text):
        return True
    return "<" in text and _HTML_START.search(_CODE_SPAN.sub("", text)) is not None


def prefix_ids(html: str, prefix: str) -> str:
    """``html`` with each ``id`` it defines, and each ``#`` link to one, prefixed."""
    ids = set(_ID.findall(html))
    if not ids:
        return html

    def rename(match: re.Match[str]) -> str:
        name, quote, value = match.group(1), match.group(2), match.group(3)
        if name == "id" and value in ids:
            return f"{name}={quote}{prefix}{value}{quote}"
        if name == "href" and value.startswith("#") and unquote(value[1:]) in ids:
            return f"{name}={quote}#{prefix}{value[1:]}{quote}"
        if name in ("for", "aria-labelledby", "aria-describedby", "aria-controls") and value in ids:
            return f"{name}={quote}{prefix}{value}{quote}"
        return match.group(0)

    return re.sub(r'\b(id|href|for|aria-labelledby|aria-describedby|aria-controls)=(")([^"]*)"', rename, html)


@dataclass(frozen=True)
class LinkTarget:
    """A link of a text to a file of the site, and the anchor it names."""

    text: str
    link: str
    target: Any  # the site's File, or None when no file has that path
    anchor: str


@dataclass
class LinkContext:
    """Where texts are shown: ``base`` is the docs path their links are
    relative to (the set's own page); ``resolve`` maps a docs path to the URL
    of that file from the page showing them, or None when there is no such
    file (given by the adapter; without it links are left as written)."""

    base: str
    resolve: Callable[[str], tuple[str, Any] | None]
    found: list[LinkTarget] = field(default_factory=list)
    """Every link to a docs file, and every link to no file, of the texts converted."""


class _Links(Treeprocessor):
    """Rewrites relative links of a text for the page that shows it."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.context: LinkContext | None = None
        self.texts: list[str] = []
        """The texts converted, in order: in a batch, the thematic breaks
        between top-level blocks tell which text an element belongs to."""

    def run(self, root: Any) -> None:
        if self.context is None:
            return
        index = 0
        for block in root:
            if block.tag == "hr":
                index += 1
                continue
            text = self.texts[index] if index < len(self.texts) else ""
            for element in block.iter():
                if element.tag in ("a", "img"):
                    self._rewrite(element, text)

    def _rewrite(self, element: Any, text: str) -> None:
        context = self.context
        assert context is not None
        key = "href" if element.tag == "a" else "src"
        url = element.get(key)
        if url:
            scheme, netloc, path, query, anchor = urlsplit(url)
            if scheme or netloc or not path or url.startswith(("/", "\\")):
                return
            target = posixpath.normpath(posixpath.join(posixpath.dirname(context.base), unquote(path)))
            resolved = context.resolve(target)
            if resolved is None:
                context.found.append(LinkTarget(text, url, None, anchor))
                return
            new_url, file = resolved
            context.found.append(LinkTarget(text, url, file, anchor))
            element.set(key, urlunsplit(("", "", new_url, query, anchor)))


class TextConverter:
    """The site's Markdown, for practice texts; made once per build.

    ``convert(texts, context)`` returns the HTML of each text, as converted
    alone, with links rewritten by ``context`` (a :class:`LinkContext`).
    """

    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None) -> None:
        self._extensions = list(extensions)
        self._configs = dict(configs or {})
        self._md: markdown.Markdown | None = None
        self._links: _Links | None = None
        toc = self._configs.get("toc") or {}
        self._toc_marker = toc.get("marker", "[TOC]") if any(_is_toc(name) for name in self._extensions) else ""

    def _markdown(self) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
            self._links = _Links(self._md)
            # Last, as MkDocs' own link processor: after every extension made its links.
            self._md.treeprocessors.register(self._links, "lessonkit_links", 0)
        return self._md

    def convert_one(self, text: str, context: LinkContext | None = None) -> str:
        """One text alone."""
        md = self._markdown()
        assert self._links is not None
        self._links.context, self._links.texts = context, [text]
        md.reset()
        return md.convert(text)

    def convert(self, texts: Iterable[str], context: LinkContext | None = None) -> dict[str, str]:
        """The HTML of every distinct text, each as converted alone."""
        pending = [text for text in dict.fromkeys(texts)]
        converted: dict[str, str] = {}
        batch = [text for text in pending if text and not _alone(text, self._toc_marker)]
        if len(batch) > 1:
            converted.update(self._convert_batch(batch, context))
        for text in pending:
            if text not in converted:
                converted[text] = self.convert_one(text, context) if text else ""
        return converted

    def _convert_batch(self, batch: list[str], context: LinkContext | None) -> dict[str, str]:
        md = self._markdown()
        assert self._links is not None
        found = len(context.found) if context is not None else 0
        self._links.context, self._links.texts = context, batch
        md.reset()
        html = md.convert(_SEPARATOR.join(batch))
        pieces = _MARK.split(html)
        if len(pieces) != len(batch) or _left_state(md):
            if context is not None:  # each text is converted again, and its links found again
                del context.found[found:]
            return {}
        return {text: piece.strip("\n") for text, piece in zip(batch, pieces)}


def _is_toc(extension: Any) -> bool:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name in ("toc", "markdown.extensions.toc")


def _left_state(md: markdown.Markdown) -> bool:
    """Whether a conversion left a definition that another text could use:
    a reference (on ``md``), a footnote or an abbreviation (on their extension)."""
    if getattr(md, "references", None):
        return True
    return any(
        getattr(extension, name, None)
        for extension in getattr(md, "registeredExtensions", ())
        for name in ("footnotes", "abbrs")
        if type(extension).__name__ in ("FootnoteExtension", "AbbrExtension")
    )
