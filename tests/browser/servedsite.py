"""The course as the browser tests see it: built once, served on loopback."""

from __future__ import annotations

from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import yaml

BASE = "/course/"
PRACTICE = "practice/video-generation/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Site:
    root: str  # e.g. http://127.0.0.1:4711/course/
    host: str  # e.g. 127.0.0.1:4711
    project: Path

    def url(self, path: str = "") -> str:
        return self.root + path

    def sections(self, kind: str) -> list[dict]:
        """The practice file's sections of one type, as written."""
        data = yaml.safe_load((self.project / "quizzes" / "video-generation.yml").read_text(encoding="utf-8"))
        return [section for section in data["sections"] if section["type"] == kind]


class SubpathHandler(SimpleHTTPRequestHandler):
    """Serves the site under BASE, and nothing elsewhere."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE):
            return str(Path(self.directory) / "\0not-served")
        return super().translate_path("/" + path[len(BASE):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
