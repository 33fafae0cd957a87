"""Practice texts to HTML: each text as the site's Markdown renders it alone.

A practice set's texts (questions, answers, options, notes, card faces,
explanations, intros, takeaways, credit) are converted apart from the page
that shows them, with a converter made like the site's (its
``markdown_extensions`` and their options), reset for every text, as
mkdocstrings converts a docstring. So a text's footnotes, abbreviations and
reference definitions stay in that text; no text sees the page's or another
text's, and the page sees no text's.

Every text is converted on its own, by one Markdown instance per build
reset between texts: no text's HTML depends on another's (no shared document
that a block left open could run into).

Speed: what a text costs is Python-Markdown's fixed work per conversion, so
the converter trims what runs for a text that cannot use it: the table of
contents' tree processor (which renders a whole table of contents, through
every postprocessor, for each conversion) runs only for a text with a heading
or the ``[TOC]`` marker; without one its output is the same.

Links in a text are written relative to the set's own page (where a link
works today) and are rewritten for the page that shows the text, wherever it
is; a link to a page that does not exist is reported by the caller with the
text's file and line (``links`` collects them).

Ids: on the element tree, a text's ids (and the ``#`` links, ``for`` and
``aria-*`` naming them) get a prefix (:class:`_IdPrefixing`, as mkdocstrings'
``IdPrependingTreeprocessor``), and the paragraph around a one-paragraph text
is known from the tree (:class:`_SingleParagraph`, as its
``ParagraphStrippingTreeprocessor``), not guessed from the HTML.
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

__all__ = ["Converted", "LinkContext", "LinkTarget", "TextConverter", "prefix_ids"]

_ID = re.compile(r'\sid="([^"]+)"')
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAMING = ("for", "aria-labelledby", "aria-describedby", "aria-controls")


def prefix_ids(html: str, prefix: str) -> str:
    """``html`` with each ``id`` it defines, and each ``#`` link to one, prefixed.

    For a converter given as a plain callable (tests, tools), which has no
    element tree; a :class:`TextConverter` prefixes ids on the tree."""
    ids = set(_ID.findall(html))
    if not ids:
        return html

    def rename(match: re.Match[str]) -> str:
        name, quote, value = match.group(1), match.group(2), match.group(3)
        if name == "id" and value in ids:
            return f"{name}={quote}{prefix}{value}{quote}"
        if name == "href" and value.startswith("#") and unquote(value[1:]) in ids:
            return f"{name}={quote}#{prefix}{value[1:]}{quote}"
        if name in _NAMING and value in ids:
            return f"{name}={quote}{prefix}{value}{quote}"
        return match.group(0)

    return re.sub(r'\b(id|href|for|aria-labelledby|aria-describedby|aria-controls)=(")([^"]*)"', rename, html)


@dataclass(frozen=True)
class Converted:
    """A text's HTML; ``inline``: without the paragraph around it, when it is one paragraph."""

    html: str
    inline: str | None = None
    has_ids: bool = False


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
        self.text = ""
        """The text being converted."""

    def run(self, root: Any) -> None:
        if self.context is None:
            return
        for element in root.iter():
            if element.tag in ("a", "img"):
                self._rewrite(element, self.text)

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


class _IdPrefixing(Treeprocessor):
    """Prefixes every id of the text, and every ``#`` link, ``for`` and ``aria-*``
    naming one (when ``prefix`` is set)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.prefix = ""
        self.found = False

    def run(self, root: Any) -> None:
        self.found = False
        if not self.prefix:
            return
        ids = {value for element in root.iter() if (value := element.get("id"))}
        if not ids:
            return
        self.found = True
        prefix = self.prefix
        for element in root.iter():
            for name in ("id", *_NAMING):
                value = element.get(name)
                if value:
                    names = value.split()
                    if any(part in ids for part in names):
                        element.set(name, " ".join(prefix + part if part in ids else part for part in names))
            href = element.get("href")
            if href and href.startswith("#") and unquote(href[1:]) in ids:
                element.set("href", f"#{prefix}{href[1:]}")


class _SingleParagraph(Treeprocessor):
    """Notes whether the text is one paragraph and nothing else."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.single = False

    def run(self, root: Any) -> None:
        self.single = (
            len(root) == 1 and root[0].tag == "p" and not (root.text or "").strip() and not (root[0].tail or "").strip()
        )


class _WithHeadingsOnly(Treeprocessor):
    """The table of contents' tree processor, for a text with a heading or its marker only."""

    def __init__(self, md: markdown.Markdown, inner: Treeprocessor, marker: str) -> None:
        super().__init__(md)
        self.inner, self.marker = inner, marker

    def run(self, root: Any) -> Any:
        marker = self.marker
        for element in root.iter():
            if element.tag in _HEADINGS or (marker and element.text and marker in element.text):
                return self.inner.run(root)
        return None


class TextConverter:
    """The site's Markdown, for practice texts; made once per build.

    ``convert(texts, context)`` returns the HTML of each text, converted
    alone, with links rewritten by ``context`` (a :class:`LinkContext`).
    """

    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None) -> None:
        self._extensions = list(extensions)
        self._configs = dict(configs or {})
        self._md: markdown.Markdown | None = None

    def _markdown(self) -> markdown.Markdown:
        if self._md is None:
            md = self._md = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
            self._links = _Links(md)
            self._ids = _IdPrefixing(md)
            self._single = _SingleParagraph(md)
            # Last, as MkDocs' own link processor: after every extension made its links.
            md.treeprocessors.register(self._links, "lessonkit_links", 0)
            md.treeprocessors.register(self._ids, "lessonkit_ids", -1)
            md.treeprocessors.register(self._single, "lessonkit_paragraph", -2)
            if "toc" in md.treeprocessors:
                toc = md.treeprocessors["toc"]
                marker = getattr(toc, "marker", "") or ""
                md.treeprocessors.register(_WithHeadingsOnly(md, toc, marker), "toc", _priority(md, "toc"))
        return self._md

    def convert_text(self, text: str, context: LinkContext | None = None, id_prefix: str = "") -> Converted:
        """One text alone: its HTML, ids prefixed by ``id_prefix``."""
        if not text:
            return Converted("")
        md = self._markdown()
        self._links.context, self._links.text = context, text
        self._ids.prefix = id_prefix
        md.reset()
        html = md.convert(text)
        inline = html[3:-4] if self._single.single and html.startswith("<p>") and html.endswith("</p>") else None
        return Converted(html, inline, self._ids.found)

    def convert_one(self, text: str, context: LinkContext | None = None) -> str:
        """One text alone, as HTML."""
        return self.convert_text(text, context).html

    def convert(self, texts: Iterable[str], context: LinkContext | None = None) -> dict[str, str]:
        """The HTML of every distinct text, each converted alone."""
        return {text: self.convert_one(text, context) for text in dict.fromkeys(texts)}


def _priority(md: markdown.Markdown, name: str) -> float:
    """The priority ``name`` is registered with in ``md``'s tree processors."""
    registry = md.treeprocessors
    return next(item.priority for item in registry._priority if item.name == name)
