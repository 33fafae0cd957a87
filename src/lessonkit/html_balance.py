"""HTML in a practice text that does not close what it opens, or closes what it did not.

A text is shown inside its widget: an answer holding ``</details></li></ol>``
closes the widget's own elements and lets the rest of the text out of it, and
an unclosed ``<div>`` or ``<details>`` swallows whatever follows on the page.

The text is converted by Python-Markdown first (plain, with fenced code), so
code spans and code blocks are what they are on the page, escaped text, and
only the HTML the page gets is looked at (math, which a site's math
extension keeps from the HTML, is left out); then a real HTML tokenizer
(:class:`html.parser.HTMLParser`) reads the tags. Void elements (``<br>``,
``<img>``) and the end tags HTML lets a page leave out (``</p>``, ``</li>``,
``</td>``...) never count as mistakes. Nothing here knows about the model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

__all__ = ["TagMistake", "tag_mistakes"]

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)
"""Elements that have no end tag."""

OPTIONAL_END = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body"}
)
"""Elements whose end tag HTML lets a page leave out (the next element closes them)."""

ELEMENTS = VOID | OPTIONAL_END | frozenset(
    """a abbr address article aside audio b bdi bdo blockquote button canvas cite code data datalist del details
    dfn dialog div dl em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup i iframe ins kbd
    label legend main map mark math menu meter nav noscript object ol output picture pre progress q ruby s samp
    script search section select slot small span strong style sub summary sup svg table template textarea time
    title u ul var video center font big tt strike nobr marquee""".split()
)
"""The names of HTML's elements (and the old ones browsers still know): another name is a word in angle brackets."""


@dataclass(frozen=True)
class TagMistake:
    """A tag that breaks the page around the text: ``tag`` as written, and what is wrong."""

    tag: str
    name: str
    unclosed: bool
    """True: an element left open; False: an end tag with no element of its text to close."""

    @property
    def message(self) -> str:
        if self.name not in ELEMENTS:
            return f"'{self.tag}' is read as an HTML tag: the page would not show it"
        if self.unclosed:
            return f"'{self.tag}' is not closed in this text: it would swallow what follows it on the page"
        return f"'{self.tag}' closes an element this text did not open: the rest of the text would fall out of its widget"

    @property
    def hint(self) -> str:
        if self.name not in ELEMENTS:
            return f"to show it, write it in backquotes as code (`{self.tag}`) or as &lt;{self.tag[1:-1]}&gt;"
        if self.unclosed:
            return f"close it in the same text with '</{self.name}>'"
        return f"remove '{self.tag}', or open <{self.name}> in the same text"


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (name, tag as written)
        self.mistakes: list[TagMistake] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # `<br/>`, `<x/>`: nothing left open

    def handle_endtag(self, tag: str) -> None:
        names = [name for name, _ in self.open]
        if tag not in names:
            if tag not in VOID and tag not in ("p", "br"):  # a stray </p> or </br> makes an empty element, nothing escapes
                self.mistakes.append(TagMistake(f"</{tag}>", tag, unclosed=False))
            return
        position = len(names) - 1 - names[::-1].index(tag)
        for name, written in self.open[position + 1 :]:
            if name not in OPTIONAL_END:
                self.mistakes.append(TagMistake(written, name, unclosed=True))
        del self.open[position:]

    def finish(self) -> list[TagMistake]:
        self.close()
        self.mistakes.extend(TagMistake(written, name, unclosed=True) for name, written in self.open if name not in OPTIONAL_END)
        return self.mistakes


_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
"""Math (``$a<b$``, ``\\(a<b\\)``): a site's math extension (arithmatex) keeps it
from the HTML; left out here, so a ``<`` in it never reads as a tag."""


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["fenced_code"])


def tag_mistakes(text: str) -> list[TagMistake]:
    """The tags of a Markdown text that leave an element open or close one it did not open."""
    if "<" not in text:
        return []
    if "$" in text or "\\(" in text or "\\[" in text:
        text = _MATH.sub(" ", text)
    html = _converter().reset().convert(text)
    if "<" not in html:
        return []
    parser = _Balance()
    parser.feed(html)
    return parser.finish()
