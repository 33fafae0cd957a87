"""The privacy scan of ``lessonkit ci``: a built page or stylesheet that would make the
learner's browser load a resource (script, style, font, image, frame) from another host.

Pages are read with the standard library's HTML parser; ``url()`` and ``@import`` in
stylesheets and ``style`` attributes are found by a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["ForeignRequest", "foreign_requests"]


_RESOURCE_RELS = frozenset(
    {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
     "icon", "apple-touch-icon", "mask-icon", "manifest"}
)
_RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)


@dataclass(frozen=True)
class ForeignRequest:
    """A resource a built file would load from another host."""

    file: str
    element: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.element} loads {self.url}"


def _css_urls(css: str) -> Iterator[str]:
    for match in _CSS_URL.finditer(css):
        yield match.group(2) or match.group(4)


class _ResourceParser(HTMLParser):
    """Collects (element, url) of every resource an HTML page would load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _RESOURCE_RELS and values.get("href"):
                self.found.append((f'<link rel="{values["rel"]}">', values["href"]))
        for name in _RESOURCE_ATTRS.get(tag, ()):
            value = values.get(name)
            if not value:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            self.found.extend((f"<{tag} {name}>", url) for url in urls)
        if "style" in values:
            self.found.extend((f"<{tag} style>", url) for url in _css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(("<style>", url) for url in _css_urls(data))


def _is_foreign(url: str, allowed_hosts: frozenset[str]) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in {"http", "https", "ftp", "ws", "wss"}:
        return False  # data:, blob:, javascript: load nothing from a host
    return bool(parts.netloc) and (parts.hostname or "") not in allowed_hosts


def foreign_requests(site_dir: Path, allowed_hosts: frozenset[str] = frozenset()) -> list[ForeignRequest]:
    """Every resource a built page or stylesheet under ``site_dir`` loads from another host.

    Scans ``*.html`` (resource elements, ``style`` attributes and blocks) and
    ``*.css`` (``url(...)``, ``@import``). Links a learner follows (``<a href>``,
    ``rel="canonical"``) are navigation, not requests, and are not reported.
    """
    found: list[ForeignRequest] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in {".html", ".css"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".css":
            pairs = [("CSS", url) for url in _css_urls(text)]
        else:
            parser = _ResourceParser()
            parser.feed(text)
            pairs = parser.found
        found.extend(ForeignRequest(relative, element, url) for element, url in pairs if _is_foreign(url, allowed_hosts))
    return found
