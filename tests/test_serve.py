"""Live preview: a real ``mkdocs serve`` follows edits to a practice file.

A file made bad during ``serve`` shows its problems in the terminal; the server
keeps running and keeps serving the last good site (MkDocs 1.6 on its own would
stall every request until the next good build); fixing the file brings the new
content.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitebuild import copy_course

PRACTICE = "quizzes/video-generation.yml"
TITLE_LINE = 'title: "Practice: Transformers for video generation"'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, project: Path, port: int, log: Path) -> None:
        self.project, self.port, self.log = project, port, log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}; server output:\n{self.output()}")

CRASH_HOOK = """
def on_page_markdown(markdown, **kwargs):
    if "CRASH-HERE" in markdown:  # a crash no message foresaw, deep in a build
        raise RecursionError("maximum recursion depth exceeded")
    return markdown
"""


@pytest.fixture(params=[False])
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    port = _free_port()
    project = copy_course(tmp_path / "course", site_url=f"http://127.0.0.1:{port}/")
    if request.param:  # a site with a hook that crashes on a page holding CRASH-HERE
        (project / "crash.py").write_text(CRASH_HOOK, encoding="utf-8")
        with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("hooks:\n  - crash.py\n")
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Server(project, port, log)
    try:
        running.wait_for(lambda: "Serving on" in running.output() or process.poll() is not None, "the server to start")
        assert process.poll() is None, running.output()
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def _edit(server: Server, old: str, new: str, file: str = PRACTICE) -> None:
    """Save an edit as an editor does: the whole new file at once (a write in
    place could be seen half-done, as an empty file, by the watcher)."""
    path = server.project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    draft = path.with_name(path.name + ".swp")
    draft.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(draft, path)


def test_a_bad_file_under_serve_is_reported_and_the_last_good_site_stays_served(server: Server) -> None:
    status, page = server.fetch("/practice/video-generation/")
    assert status == 200 and "Practice: Transformers for video generation" in page

    # A good edit: rebuilt and served. (The served page, not a count of log
    # lines, tells a build is done: MkDocs logs "Documentation built in N
    # seconds" only once for each N.)
    _edit(server, TITLE_LINE, 'title: "Practice: Video transformers, edited"')
    server.wait_for(
        lambda: "Practice: Video transformers, edited" in server.fetch("/practice/video-generation/")[1],
        "the edited title to be served",
    )

    good, problem = 'title: "Practice: Video transformers, edited"', (
        "quizzes/video-generation.yml:2:1: titel: unknown field 'titel' (did you mean 'title'?)"
    )
    for attempt in (1, 2):  # the same mistake made twice is shown twice
        # A bad edit: the terminal names the file, line, field and fix ...
        bad = 'titel: "Practice: Video transformers, broken"'
        _edit(server, good, bad)
        server.wait_for(lambda: server.output().count(problem) == attempt, f"the bad edit's problem, time {attempt}")
        assert "Traceback" not in server.output()
        # ... and the server keeps serving the last good site, without stalling.
        status, page = server.fetch("/practice/video-generation/", timeout=10)
        assert status == 200 and "Practice: Video transformers, " in page and "broken" not in page
        assert server.fetch("/lessons/video-generation/", timeout=10)[0] == 200
        # Fixed: the new content is served.
        good = f'title: "Practice: Video transformers, fixed {attempt}"'
        _edit(server, bad, good)
        server.wait_for(
            lambda: f"Practice: Video transformers, fixed {attempt}" in server.fetch("/practice/video-generation/")[1],
            f"the fixed title to be served, time {attempt}",
        )


LESSON, CONFIG = "content/lessons/video-generation.md", "mkdocs.yml"


@pytest.mark.parametrize("server", [True], indirect=True)
def test_a_crash_or_a_bad_config_under_serve_keeps_the_last_good_site_answering(server: Server) -> None:
    lesson = (server.project / LESSON).read_text(encoding="utf-8")
    heading = lesson.splitlines()[0]
    assert heading.startswith("# ")
    status, page = server.fetch("/lessons/video-generation/")
    assert status == 200 and "CRASH-HERE" not in page

    # A crash in the middle of the build (MkDocs' site folder is cleaned by then) ...
    _edit(server, heading, heading + "\n\nCRASH-HERE", LESSON)
    crashed = (
        "lessonkit: the rebuild failed (RecursionError: maximum recursion depth exceeded). "
        "Serving the last good site until this is fixed. (`mkdocs serve -v` shows where it failed)"
    )
    server.wait_for(lambda: crashed in server.output(), "the crash to be reported")
    assert "Traceback" not in server.output()
    # ... the server answers at once, with the last good site, every page of it.
    status, page = server.fetch("/lessons/video-generation/", timeout=10)
    assert status == 200 and "CRASH-HERE" not in page
    status, page = server.fetch("/practice/video-generation/", timeout=10)
    assert status == 200 and "Practice: Transformers for video generation" in page
    assert server.fetch("/", timeout=10)[0] == 200

    # A mkdocs.yml that no longer loads: said as MkDocs says it, and the server answers.
    _edit(server, "      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings: {show_anser: x}\n", CONFIG)
    server.wait_for(
        lambda: "Aborted with a configuration error! Serving the last good site until this is fixed." in server.output(),
        "the bad configuration to be reported",
    )
    assert "option 'strings': unknown key" in server.output() and "Traceback" not in server.output()
    assert server.fetch("/lessons/video-generation/", timeout=10)[0] == 200

    # Both fixed: the new content is served.
    _edit(server, "      strings: {show_anser: x}\n", "", CONFIG)
    _edit(server, "CRASH-HERE", "Recovered after the crash.", LESSON)
    server.wait_for(
        lambda: "Recovered after the crash." in server.fetch("/lessons/video-generation/")[1], "the fixed page to be served"
    )
    assert "Traceback" not in server.output()
