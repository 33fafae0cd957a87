"""The course as the browser tests see it: built once, served on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from sitebuild import build, copy_course, write_files, zensical_build

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
    engine: str = "mkdocs"

    @property
    def assets(self) -> str:
        """Where the widgets' files are: the plugin's theme files, or Zensical's extra_* copies."""
        return "lessonkit/assets/" if self.engine == "mkdocs" else "assets/lessonkit/"

    def url(self, path: str = "") -> str:
        return self.root + path

    def sections(self, kind: str) -> list[dict]:
        """The practice file's sections of one type, as written."""
        data = yaml.safe_load((self.project / "quizzes" / "video-generation.yml").read_text(encoding="utf-8"))
        return [section for section in data["sections"] if section["type"] == kind]


class SubpathHandler(SimpleHTTPRequestHandler):
    """Serves the site under BASE, and nothing elsewhere."""

    def send_head(self):  # noqa: ANN201 - the base class's signature
        if not self.path.startswith(BASE):  # e.g. /robots.txt, which Lighthouse asks for
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(BASE):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served_course(
    project: Path,
    files: dict[str, str] | None = None,
    lessonkit_options: dict[str, object] | None = None,
    language: str | None = None,
    engine: str = "mkdocs",
    handler_class: type[SimpleHTTPRequestHandler] | None = None,
) -> Iterator[Site]:
    """A copy of the course (with ``files`` added, ``lessonkit_options`` for
    the plugin, Material's ``theme.language`` set to ``language``), built strict
    with ``site_url`` matching the loopback port it is served on, under BASE;
    ``engine="zensical"``: built by ``zensical build`` with the course's
    zensical.yml (lessonkit as a Markdown extension); ``handler_class``: a
    :class:`SubpathHandler` of one's own."""
    handler = functools.partial(handler_class or SubpathHandler, directory=str(project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    host = f"127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        copy_course(project, site_url=f"http://{host}{BASE}")
        write_files(project, files or {})
        if lessonkit_options:
            config = project / "mkdocs.yml"
            entry = "  - lessonkit:\n      quizzes_dir: quizzes\n"
            text = config.read_text(encoding="utf-8")
            assert entry in text
            options = yaml.safe_dump({"quizzes_dir": "quizzes", **lessonkit_options}, allow_unicode=True)
            indented = "".join(f"      {line}\n" for line in options.splitlines())
            config.write_text(text.replace(entry, "  - lessonkit:\n" + indented), encoding="utf-8")
        if language:
            config = project / "mkdocs.yml"
            text = config.read_text(encoding="utf-8")
            assert "\n  language: en\n" in text
            config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"), encoding="utf-8")
        result = zensical_build(project) if engine == "zensical" else build(project)
        assert result.returncode == 0, result.output
        yield Site(f"http://{host}{BASE}", host, project, engine)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def served_side_by_side(root: Path) -> Iterator[tuple[str, dict[str, Path]]]:
    """One loopback origin serving several built sites, each under its own path:
    yields the origin and the map to fill (``"/course-a/"`` -> its ``site`` folder)
    once the sites are built for that origin. Anything else is a 404."""
    sites: dict[str, Path] = {}

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            for base, folder in sites.items():
                if path.startswith(base):
                    self.directory = str(folder)
                    return super().translate_path("/" + path[len(base):])
            return str(root / "not-served")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sites
    finally:
        server.shutdown()
        server.server_close()
