"""The privacy scan of ``lessonkit ci``: a built page, stylesheet or SVG file that would
make the learner's browser send a request to another host (a script, style, font,
image, frame, a ping, a form's target, a refresh).

It reads what a browser reads. Pages go through the standard library's HTML
tokenizer (``html.parser``: entities decoded, attribute names lower-cased, every
attribute seen, a repeated one too); every attribute that makes a request is
read: ``src``, ``srcset``/``imagesrcset`` (split as the HTML standard splits
them), ``href`` of ``link`` (unless its ``rel`` is only navigation), of SVG's
``image``, ``use``, ``feImage`` and ``script`` (``xlink:href`` too), ``poster``,
``data``, ``background``, ``ping``, ``action``, ``formaction``, a foreign
``<base href>``, ``<meta http-equiv="refresh">``. A frame's ``srcdoc`` and a
``data:`` document in a frame are read as pages in their turn. CSS (``<style>``,
``style`` attributes, SVG presentation attributes, ``*.css`` files) is read with
tinycss2's tokenizer: ``url()``, the strings of ``image-set()`` (and
``-webkit-image-set()``, ``image()``, ``src()``), ``@import``, the strings of a
custom property (``var()`` takes them to ``image-set()``); CSS escapes
(``u\\72l(``) are decoded as a browser decodes them. A ``javascript:`` URL where a
request is made is reported too: a script may ask any host.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

__all__ = ["ForeignRequest", "foreign_requests", "page_requests", "stylesheet_requests"]

_NAVIGATION_RELS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next",
     "nofollow", "noopener", "noreferrer", "prev", "shortlink", "tag", "opener"}
)
"""``<link>`` relations a browser does not fetch; any other ``rel`` (stylesheet, icon,
preload, preconnect, manifest, search...) is taken as a request."""

_URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "audio": ("src",), "embed": ("src",), "frame": ("src",), "iframe": ("src",), "img": ("src",),
    "input": ("src", "formaction"), "source": ("src",), "track": ("src",), "video": ("src", "poster"),
    "object": ("data",), "form": ("action",), "button": ("formaction",), "base": ("href",),
    # SVG (html.parser lower-cases feImage); HTML turns <image> into <img>, so src too
    "image": ("href", "xlink:href", "src"), "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
    "script": ("src", "href", "xlink:href"),
}
"""Element -> its attributes that hold one URL the browser requests."""
_ANY_ELEMENT_URL = ("background",)  # body, table, td, th, tr...: still fetched by Chromium
_SRCSET = {"img": "srcset", "source": "srcset", "link": "imagesrcset"}
_CSS_ATTRIBUTES = ("style", "fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                   "marker-end", "cursor")
"""Attributes read as CSS: ``style`` and SVG's presentation attributes that take ``url()``."""
_FRAMES = {"iframe": "src", "frame": "src", "object": "data", "embed": "src"}
"""Where a ``data:`` page is loaded as a document that makes requests of its own."""
_STRING_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set"})
"""CSS functions whose bare string arguments are URLs."""
_NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss"})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
"""A script where a URL is requested (a frame's page, a form's target) can ask any host: reported."""
_OUTSIDE, _AFTER_CUSTOM_NAME, _IN_CUSTOM_VALUE = range(3)  # where a CSS token list is, for custom properties
_MAX_NESTING = 8
"""How deep ``srcdoc`` and ``data:`` documents are read inside each other."""
_TOO_DEEP = f"a document nested more than {_MAX_NESTING} deep (not read: make it a file of the site)"


@dataclass(frozen=True)
class ForeignRequest:
    """A request a built file would make to another host: ``file: element requests url``."""

    file: str
    element: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.element} requests {self.url}"


def _walk_css(tokens: Iterable[object]) -> Iterator[str]:
    """Every URL of a tinycss2 tree (rules, blocks and functions), without recursion.

    Besides ``url()``, the strings that functions take as URLs and ``@import``'s:
    the strings of a custom property's value (``--u: "https://..."`` reaches
    ``image-set(var(--u) 1x)`` as a URL).
    """
    stack: list[list[object]] = [[iter(tokens), _OUTSIDE, False]]
    while stack:
        frame = stack[-1]
        token = next(frame[0], None)  # type: ignore[call-overload]
        if token is None:
            stack.pop()
            continue
        kind = getattr(token, "type", "")
        custom = frame[2] or frame[1] == _IN_CUSTOM_VALUE  # inside a custom property's value
        if kind == "whitespace" or kind == "comment":
            continue
        if kind == "ident" and token.value.startswith("--") and frame[1] == _OUTSIDE:  # type: ignore[attr-defined]
            frame[1] = _AFTER_CUSTOM_NAME
            continue
        if kind == "literal" and token.value == ":" and frame[1] == _AFTER_CUSTOM_NAME:  # type: ignore[attr-defined]
            frame[1] = _IN_CUSTOM_VALUE
            continue
        if kind == "literal" and token.value == ";":  # type: ignore[attr-defined]
            frame[1] = _OUTSIDE
        elif frame[1] == _AFTER_CUSTOM_NAME:
            frame[1] = _OUTSIDE
        if kind == "url":
            yield token.value  # type: ignore[attr-defined]
        elif kind == "string" and custom:
            yield token.value  # type: ignore[attr-defined]
        elif kind == "function":
            arguments = token.arguments  # type: ignore[attr-defined]
            if token.lower_name in _STRING_URL_FUNCTIONS:  # type: ignore[attr-defined]
                yield from (argument.value for argument in arguments if argument.type == "string")
            stack.append([iter(arguments), _OUTSIDE, custom])
        elif kind in {"() block", "[] block", "{} block"}:
            stack.append([iter(token.content), _OUTSIDE, custom])  # type: ignore[attr-defined]
        elif kind in {"qualified-rule", "at-rule"}:
            prelude = token.prelude  # type: ignore[attr-defined]
            if kind == "at-rule" and token.lower_at_keyword == "import":  # type: ignore[attr-defined]
                yield from (part.value for part in prelude if part.type == "string")
            stack.append([iter(token.content or []), _OUTSIDE, False])  # type: ignore[attr-defined]
            stack.append([iter(prelude), _OUTSIDE, False])  # read first: the stack's top


def stylesheet_requests(css: str) -> list[str]:
    """Every URL a stylesheet asks for."""
    import tinycss2

    return list(_walk_css(tinycss2.parse_stylesheet(css)))


def _css_value_requests(css: str) -> list[str]:
    """Every URL of a declaration list or a value (``style="..."``, ``fill="url(...)"``)."""
    import tinycss2

    return list(_walk_css(tinycss2.parse_component_value_list(css)))


def _srcset_urls(value: str) -> Iterator[str]:
    """The URLs of a ``srcset``, split as the HTML standard splits it (a URL may hold commas)."""
    position, end = 0, len(value)
    while position < end:
        while position < end and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < end and not value[position].isspace():
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            yield url.rstrip(",")
            continue
        yield url
        depth = 0  # skip the descriptors, up to a comma outside parentheses
        while position < end and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1


def _refresh_url(content: str) -> str | None:
    """The URL of a ``<meta http-equiv="refresh" content="5; url=...">``."""
    _, separator, rest = content.partition(";") if ";" in content else content.partition(",")
    rest = rest.strip()
    if not separator or not rest:
        return None
    if rest[:3].lower() == "url":
        after = rest[3:].lstrip()
        rest = after[1:].lstrip() if after.startswith("=") else rest
    if rest[:1] in {"'", '"'}:
        rest = rest[1:].split(rest[0], 1)[0]
    return rest or None


def _data_document(url: str) -> tuple[str, str] | None:
    """(media type, text) of a ``data:`` URL, or None for another URL or one that does not decode."""
    stripped = url.strip()
    if stripped[:5].lower() != "data:" or "," not in stripped:
        return None
    header, payload = stripped[5:].split(",", 1)
    media_type = header.split(";", 1)[0].strip().lower() or "text/plain"
    try:
        raw = base64.b64decode(unquote_to_bytes(payload)) if header.lower().endswith(";base64") else unquote_to_bytes(payload)
    except ValueError:
        return None
    return media_type, raw.decode("utf-8", errors="replace")


class _PageReader(HTMLParser):
    """Collects (element, url) of every request an HTML page (or an SVG file) would make."""

    def __init__(self, depth: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.too_deep: list[str] = []
        self._depth = depth
        self._foreign_content = 0  # open <svg>/<math>: their <style> text has entities decoded
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.found
        if tag in {"svg", "math"}:
            self._foreign_content += 1
        rels: set[str] = set()
        for name, value in attrs:
            value = value or ""
            if name == "rel":
                rels |= set(value.lower().split())
            if name in _URL_ATTRIBUTES.get(tag, ()) or name in _ANY_ELEMENT_URL:
                if value.strip():
                    found.append((f"<{tag} {name}>", value))
                    if _FRAMES.get(tag) == name:
                        self._read_data_document(f"<{tag} {name}> (data: URL)", value, html_only=True)
            elif name == _SRCSET.get(tag):
                found.extend((f"<{tag} {name}>", url) for url in _srcset_urls(value))
            elif name == "ping" and tag in {"a", "area"}:
                found.extend((f"<{tag} ping>", url) for url in value.split())
            elif name in _CSS_ATTRIBUTES:
                if name == "style" or "url" in value.lower() or "\\" in value:
                    found.extend((f"<{tag} {name}>", url) for url in _css_value_requests(value))
            elif name == "srcdoc" and tag in {"iframe", "frame"}:
                self._read_nested(f"<{tag} srcdoc>", value)
        values = {name: value or "" for name, value in reversed(attrs)}  # the first of a repeated one wins
        if tag == "link" and values.get("href", "").strip() and not rels <= _NAVIGATION_RELS:
            found.append((f'<link rel="{values.get("rel", "")}">', values["href"]))
            if "stylesheet" in rels:
                self._read_data_document(f'<link rel="{values.get("rel", "")}"> (data: URL)', values["href"])
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            url = _refresh_url(values.get("content", ""))
            if url:
                found.append(('<meta http-equiv="refresh">', url))
        if tag == "style":
            self._style = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"svg", "math"} and self._foreign_content:
            self._foreign_content -= 1
        if self._style is not None and tag == "style":
            css = "".join(self._style)
            self._style = None
            self.found.extend(("<style>", url) for url in stylesheet_requests(html.unescape(css) if self._foreign_content else css))

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def close(self) -> None:
        super().close()
        if self._style is not None:  # an unclosed <style> runs to the end of the page
            self.handle_endtag("style")

    def _read_nested(self, label: str, page: str) -> None:
        """A document inside this one (``srcdoc``, a ``data:`` page): its requests, under ``label``."""
        if self._depth >= _MAX_NESTING:
            self.too_deep.append(label)
            return
        reader = _PageReader(self._depth + 1)
        reader.feed(page)
        reader.close()
        self.found.extend((f"{label} {element}", url) for element, url in reader.found)
        self.too_deep.extend(f"{label} {element}" for element in reader.too_deep)

    def _read_data_document(self, label: str, url: str, html_only: bool = False) -> None:
        document = _data_document(url)
        if document is None:
            return
        media_type, text = document
        if media_type in {"text/html", "image/svg+xml", "application/xhtml+xml"}:
            self._read_nested(label, text)
        elif media_type == "text/css" and not html_only:
            self.found.extend((label, found) for found in stylesheet_requests(text))


def page_requests(page: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(element, url) of every request a page makes, and the labels of documents nested too deep to read."""
    reader = _PageReader()
    reader.feed(page)
    reader.close()
    return reader.found, reader.too_deep


def _host(url: str) -> str | None:
    """The host a URL names, as a browser parses it; None for a relative or a local URL (data:, blob:...);
    ``javascript:`` for a script, which may ask any host."""
    cleaned = url.strip(" \t\n\r\f").replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
        scheme = parts.scheme.lower()
        if scheme in _SCRIPT_SCHEMES:
            return f"{scheme}:"
        if scheme and scheme not in _NETWORK_SCHEMES:
            return None
        if scheme and not parts.netloc:  # "https:host/x" names a host from a page of another scheme
            parts = urlsplit(f"{scheme}://{cleaned[len(scheme) + 1:].lstrip('/')}")
        if not parts.netloc:
            return None
        return (parts.hostname or "").rstrip(".").lower()
    except ValueError:  # "//[bad": not a URL a check can read; the browser may still try
        return cleaned


def foreign_requests(site_dir: Path, allowed_hosts: frozenset[str] = frozenset()) -> list[ForeignRequest]:
    """Every request a built page, stylesheet or SVG file under ``site_dir`` makes to another host.

    Links a learner follows (``<a href>``, ``rel="canonical"``) are navigation, not
    requests, and are not reported.
    """
    allowed = {host.lower() for host in allowed_hosts}
    found: list[ForeignRequest] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix.lower() not in {".html", ".htm", ".css", ".svg"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix.lower() == ".css":
            pairs, too_deep = [("CSS", url) for url in stylesheet_requests(text)], []
        else:
            pairs, too_deep = page_requests(text)
        for element, url in pairs:
            host = _host(url)
            if host is not None and host not in allowed:
                found.append(ForeignRequest(relative, element, url))
        found.extend(ForeignRequest(relative, element, _TOO_DEEP) for element in too_deep)
    return found
