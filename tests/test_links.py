"""Broken links stop `lessonkit ci` (and `mkdocs build --strict`) with the page and the link named.

Each test breaks one thing in a copy of the course: a link to a missing page
or a missing ``#anchor``, in a practice file's Markdown, in a content page, in
raw HTML and in a theme template.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import ROOT, build, copy_course, write_files

PRACTICE_FILE = "quizzes/video-generation.yml"
ANSWER = "Nothing forces the frames to be coherent"  # the start of the first self-check answer
LESSON = "content/lessons/video-generation.md"
LESSON_HEADING = "## Spacetime patches"
HOME = "content/index.md"
HOME_HEADING = "## Lessons"


def run_ci(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``lessonkit ci`` in ``project``, as CI runs it (through the real command line)."""
    return subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci", *args],
        cwd=project, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=300, check=False,
    )


def plant(project: Path, relative: str, before: str, text: str) -> None:
    """Insert ``text`` just before the first ``before`` in a file of the project."""
    path = project / relative
    source = path.read_text(encoding="utf-8")
    assert before in source, f"{relative} no longer contains {before!r}; update the test"
    path.write_text(source.replace(before, text + before, 1), encoding="utf-8")


def summary_lines(completed: subprocess.CompletedProcess[str]) -> list[str]:
    """The failure summary `lessonkit ci` prints last (stderr)."""
    return completed.stderr.strip().splitlines()


# (where to plant, before what, what; the page and a part of the link the message must name)
BROKEN_LINKS = {
    "practice text, missing page": (
        PRACTICE_FILE, ANSWER, "See [the notes](../nope.md). ", "quizzes/video-generation.yml:", "nope.md"),
    "practice text, missing anchor": (
        PRACTICE_FILE, ANSWER, "See [patches](../lessons/video-generation.md#no-such-anchor). ",
        "quizzes/video-generation.yml:", "#no-such-anchor"),
    "practice text, raw HTML": (
        PRACTICE_FILE, ANSWER, 'See <a href="../nowhere/">this</a>. ', "practice/video-generation.md", "../nowhere/"),
    "content page, missing page": (
        HOME, HOME_HEADING, "See [the notes](lessons/nope.md).\n\n", "index.md", "lessons/nope.md"),
    "content page, missing anchor": (
        HOME, HOME_HEADING, "See [patches](lessons/video-generation.md#no-such-anchor).\n\n", "index.md",
        "#no-such-anchor"),
    "raw HTML, missing page": (
        LESSON, LESSON_HEADING, '<p><a href="../nope/">notes</a></p>\n\n', "lessons/video-generation.md", "../nope/"),
    "raw HTML, missing anchor": (
        LESSON, LESSON_HEADING, '<p><a href="../../practice/video-generation/#no-such-anchor">practice</a></p>\n\n',
        "lessons/video-generation.md", "#no-such-anchor"),
}


def test_clean_course_passes_with_valid_links_of_each_kind(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    # Valid links of the same kinds as the broken ones below: the checker knows the practice page and its anchors.
    plant(project, PRACTICE_FILE, ANSWER, "See [patches](../lessons/video-generation.md#spacetime-patches). ")
    plant(project, HOME, HOME_HEADING, "Try the [self-check](practice/video-generation.md#self-check).\n\n")
    plant(project, LESSON, LESSON_HEADING, '<p><a href="../../practice/video-generation/#flashcards">cards</a></p>\n\n')
    completed = run_ci(project)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "links and privacy all good" in completed.stdout
    assert (project / "site" / "practice" / "video-generation" / "index.html").is_file()


@pytest.mark.parametrize("case", BROKEN_LINKS, ids=list(BROKEN_LINKS))
def test_broken_link_fails_ci_naming_page_and_link(tmp_path: Path, case: str) -> None:
    relative, before, text, page, link = BROKEN_LINKS[case]
    project = copy_course(tmp_path / "course")
    plant(project, relative, before, text)
    completed = run_ci(project)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    lines = summary_lines(completed)
    assert lines[0].startswith("lessonkit ci: FAILED: the strict build found"), completed.stderr
    assert any(page in line and link in line for line in lines), (
        f"no line of the summary names {page} and {link}:\n{completed.stderr}"
    )


def test_broken_link_in_a_theme_template_fails_ci(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    write_files(project, {
        "theme/main.html": '{% extends "base.html" %}\n'
        '{% block content %}{{ super() }}<a href="{{ base_url }}/no-such-page/">more</a>{% endblock %}\n',
    })
    completed = run_ci(project)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert any("index.md: broken link" in line and "no-such-page/" in line for line in summary_lines(completed)), (
        completed.stderr
    )


@pytest.mark.parametrize(
    "case", [case for case in BROKEN_LINKS if "raw HTML" not in case], ids=lambda case: case.replace(" ", "-")
)
def test_mkdocs_validation_alone_fails_strict_build(tmp_path: Path, case: str) -> None:
    """MkDocs' own `validation:` settings catch Markdown links, practice texts included, without htmlproofer."""
    relative, before, text, page, link = BROKEN_LINKS[case]
    project = copy_course(tmp_path / "course")
    plant(project, relative, before, text)
    result = build(project, extra_env={"LESSONKIT_CHECK_LINKS": "false"})
    assert result.returncode != 0, result.output
    assert "htmlproofer: invalid url" not in result.output  # the link checker really was off
    assert any(
        line.startswith("WARNING") and (f"Doc file '{page}'" in line or page.endswith(".yml:") and page in line)
        and link in line
        for line in result.output.splitlines()
    ), result.output


def _without_htmlproofer(config: str) -> tuple[str, str]:
    """mkdocs.yml text without its htmlproofer entry, and that entry."""
    lines = config.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- htmlproofer:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    return "".join(lines[:start] + lines[end:]), "".join(lines[start:end])


def test_ci_refuses_a_config_without_link_checker(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    config, _ = _without_htmlproofer((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    completed = run_ci(project)
    assert completed.returncode == 2
    assert "has no link checker" in completed.stderr and "htmlproofer" in completed.stderr


def test_link_checker_listed_before_lessonkit_still_checks_the_practice_pages(tmp_path: Path) -> None:
    """lessonkit's hooks say their order (event_priority): listed first, htmlproofer still sees the practice
    pages, a valid link to one of their anchors passes, and a broken link in a practice text fails."""
    project = copy_course(tmp_path / "course")
    config, entry = _without_htmlproofer((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config = config.replace("  - lessonkit:", entry + "  - lessonkit:", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    plant(project, HOME, HOME_HEADING, "Try the [self-check](practice/video-generation.md#self-check).\n\n")
    completed = run_ci(project)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    plant(project, PRACTICE_FILE, ANSWER, 'See <a href="../nowhere/">this</a>. ')
    completed = run_ci(project)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert any("practice/video-generation.md" in line and "../nowhere/" in line for line in summary_lines(completed)), (
        completed.stderr
    )


def test_course_config_fetches_external_urls_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("LESSONKIT_CHECK_EXTERNAL", raising=False)
    offline = load_config(str(ROOT / "mkdocs.yml")).plugins["htmlproofer"].config
    assert offline["validate_external_urls"] is False
    assert offline["enabled"] is True
    names = list(load_config(str(ROOT / "mkdocs.yml")).plugins)
    assert names.index("htmlproofer") > names.index("lessonkit")
    monkeypatch.setenv("LESSONKIT_CHECK_EXTERNAL", "true")
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["htmlproofer"].config["validate_external_urls"] is True


@pytest.fixture
def local_web_server() -> Iterator[str]:
    """A web server on 127.0.0.2 (htmlproofer skips localhost and 127.0.0.1) that has only /ok."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=functools.partial(server.serve_forever, poll_interval=0.1), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_check_external_fetches_external_links(tmp_path: Path, local_web_server: str) -> None:
    project = copy_course(tmp_path / "course")
    # The course's real external links stay unfetched: the test uses no internet.
    plant(project, "mkdocs.yml", "      strict_anchors:", '      ignore_urls: ["https://*"]\n')
    plant(project, HOME, HOME_HEADING, f"[Fine]({local_web_server}/ok), [gone]({local_web_server}/gone).\n\n")
    offline = run_ci(project)
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert "external links not fetched" in offline.stdout
    online = run_ci(project, "--check-external")
    assert online.returncode == 1, online.stdout + online.stderr
    lines = summary_lines(online)
    assert any(f"index.md: broken link '{local_web_server}/gone' (HTTP status 404)" in line for line in lines), (
        online.stderr
    )
    assert not any("/ok" in line for line in lines), online.stderr


def test_invalid_practice_file_stops_ci_before_building(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    plant(project, PRACTICE_FILE, "sections:", "unknown_field: 1\n")
    completed = run_ci(project)
    assert completed.returncode == 1
    assert "video-generation.yml" in completed.stderr and "unknown_field" in completed.stderr
    assert not (project / "site").exists()
