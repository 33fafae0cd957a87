"""``lessonkit ci``: the one command CI runs before a course is published.

It checks what a learner would otherwise find broken, in this order, and
stops at the first step that fails (exit status 1; 2 when it cannot run):

1. **Practice files** of the lessonkit plugin's ``quizzes_dir`` are valid.
2. **Strict build** (``mkdocs build --strict``): MkDocs' ``validation:``
   settings warn on a link to a missing page or ``#anchor`` in a Markdown page
   or a practice text, and the ``htmlproofer`` plugin checks every link of the
   built pages, raw HTML and theme templates included. External URLs are not
   fetched unless ``--check-external`` is given (CI has no internet).
3. **Privacy**: no built page, stylesheet or SVG file makes a request (script,
   style, font, image, frame, ping, form target, refresh) to another host than
   ``site_url``'s: read as a browser reads them (:mod:`lessonkit.privacy`).

The build is reproducible: ``SOURCE_DATE_EPOCH`` (the only date MkDocs writes,
in the sitemap) is taken from the environment, else from the last git commit,
else a fixed date, so two builds of the same sources are byte-identical.

Options:

``--config-file PATH``
    The course's ``mkdocs.yml`` (default: ``mkdocs.yml`` in the current folder).
``--site-dir PATH``
    Where the site is built (default: the ``site_dir`` of ``mkdocs.yml``).
``--check-external``
    Also fetch every external URL and fail on a dead one; for an instructor
    before a release, never in CI. Sets ``LESSONKIT_CHECK_EXTERNAL=true``,
    which ``mkdocs.yml`` passes to htmlproofer's ``validate_external_urls``.
``--allow-host HOST``
    A host the site may load resources from (repeatable), e.g. an analytics
    service an instructor has turned on on purpose.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .course import load_course
from .privacy import ForeignRequest, foreign_requests  # step 3; re-exported
from .problems import PracticeFileError
from .source_dates import FALLBACK_SOURCE_DATE_EPOCH  # the build date when neither the environment nor git gives one

__all__ = [
    "FALLBACK_SOURCE_DATE_EPOCH",
    "ForeignRequest",
    "CIFailure",
    "CannotRun",
    "add_ci_parser",
    "build_problems",
    "foreign_requests",
    "run_ci",
    "source_date_epoch",
]


CHECK_LINKS_ENV = "LESSONKIT_CHECK_LINKS"
CHECK_EXTERNAL_ENV = "LESSONKIT_CHECK_EXTERNAL"


class CIFailure(Exception):
    """A check failed (exit status 1); the message says what and how to fix it."""

    status = 1


class CannotRun(CIFailure):
    """The checks cannot run as set up (exit status 2): no mkdocs.yml, no link checker, ..."""

    status = 2


# -- reproducible builds --------------------------------------------------------------------------


def source_date_epoch(project: Path, environ: Mapping[str, str]) -> tuple[str, str]:
    """The build date, in seconds since the epoch, and where it came from.

    ``SOURCE_DATE_EPOCH`` if set, else the time of the last git commit of
    ``project``, else :data:`FALLBACK_SOURCE_DATE_EPOCH`.
    """
    given = environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not given.strip().isdigit():
            raise CannotRun(
                f"SOURCE_DATE_EPOCH is {given!r}; it must be a whole number of seconds since 1970-01-01 UTC"
                " (e.g. `git log -1 --format=%ct`), or unset"
            )
        return given.strip(), "from the environment"
    try:
        completed = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        completed = None
    if completed is not None and completed.returncode == 0 and completed.stdout.strip().isdigit():
        return completed.stdout.strip(), "the time of the last git commit"
    return str(FALLBACK_SOURCE_DATE_EPOCH), "a fixed date (no git history found)"


# -- the build ---------------------------------------------------------------------------------------

# htmlproofer gives no other signal than this log line: it formats the URL,
# status and page into the message with an f-string (no record args, no
# return value, no hook), and MkDocs only counts warnings. So the line is
# read, to say "page: broken link 'url' (why)"; if its wording changes, the
# line is still listed as it is (build_problems keeps every warning), never lost.
_PROOFER_LINE = re.compile(r"htmlproofer: invalid url - (?P<url>.*) \[(?P<status>-?\d+)\] \[(?P<page>[^\]]*)\]\s*$")
_NOISE = ("htmlproofer: Unable to locate source file for:", "Invalid links present.")


def _describe_status(url: str, status: int) -> str:
    if not urlsplit(url).scheme:
        return "no such page or anchor in the site"
    if status == -1:
        return "could not connect"
    return f"HTTP status {status}"


def build_problems(output: str) -> list[str]:
    """The build's warnings and errors, one line each, broken links as ``page: broken link 'url' (why)``."""
    problems: list[str] = []
    for line in output.splitlines():
        level, _, message = line.partition(" -  ")
        if level.strip() not in {"WARNING", "ERROR"}:
            continue
        message = message.strip()
        if any(message.startswith(noise) for noise in _NOISE):
            continue
        link = _PROOFER_LINE.search(message)
        if link:
            why = _describe_status(link["url"], int(link["status"]))
            message = f"{link['page']}: broken link '{link['url']}' ({why})"
        if message not in problems:
            problems.append(message)
    return problems


@contextmanager
def _environment(changes: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` with ``changes`` while MkDocs reads ``!ENV`` tags of the config."""
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class _Course:
    config_file: Path
    site_dir: Path
    site_host: str
    quizzes_dir: Path


def _load_config(config_file: Path, site_dir: Path | None, env: Mapping[str, str], check_external: bool) -> _Course:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .mkdocs_plugin import LessonkitPlugin

    if not config_file.is_file():
        raise CannotRun(f"no {config_file.name} at {config_file.parent}; run in the course folder or pass --config-file")
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    try:
        with _environment(env):
            config = load_config(str(config_file), **overrides)
    except MkDocsException as error:
        raise CannotRun(f"{config_file}: {error.format_message()}") from None
    names = list(config.plugins)
    lessonkit = next((config.plugins[name] for name in names if isinstance(config.plugins[name], LessonkitPlugin)), None)
    if lessonkit is None:
        raise CannotRun(f"{config_file} does not use the lessonkit plugin; add `- lessonkit` under `plugins:`")
    if "htmlproofer" not in names:
        raise CannotRun(
            f"{config_file} has no link checker, so broken links would reach learners; add "
            "`- htmlproofer` under `plugins:` (pip install mkdocs-htmlproofer-plugin)"
        )
    # Where htmlproofer is listed does not matter: lessonkit's hooks run first by their event_priority.
    proofer = config.plugins["htmlproofer"].config
    if not proofer["enabled"]:
        raise CannotRun(
            f"{config_file} turns htmlproofer off; write `enabled: !ENV [{CHECK_LINKS_ENV}, true]` so CI checks links"
        )
    if bool(proofer["validate_external_urls"]) != check_external:
        raise CannotRun(
            f"{config_file} sets htmlproofer's validate_external_urls itself, so --check-external cannot "
            f"turn it {'on' if check_external else 'off'}; write "
            f"`validate_external_urls: !ENV [{CHECK_EXTERNAL_ENV}, false]`"
        )
    return _Course(
        config_file=config_file,
        site_dir=Path(config.site_dir),
        site_host=urlsplit(config.site_url or "").hostname or "",
        quizzes_dir=config_file.parent / lessonkit.config.quizzes_dir,
    )


def _check_practice_files(course: _Course) -> int:
    try:
        loaded = load_course(course.quizzes_dir, display_root=course.config_file.parent)
    except PracticeFileError as error:
        raise CIFailure(str(error)) from None
    return len(loaded.sets)


def _build(course: _Course, env: Mapping[str, str]) -> None:
    command = [
        sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
        "--config-file", str(course.config_file), "--site-dir", str(course.site_dir),
    ]
    output: list[str] = []
    with subprocess.Popen(
        command, cwd=course.config_file.parent, env={**os.environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            output.append(line)
    if process.returncode != 0:
        problems = build_problems("".join(output))
        if not problems:
            raise CIFailure(f"the strict build failed (exit status {process.returncode}); see its output above")
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise CIFailure(f"the strict build found {len(problems)} problem(s):\n{listed}")


def _ci(args: argparse.Namespace) -> str:
    config_file = Path(args.config_file).resolve()
    site_dir = Path(args.site_dir).resolve() if args.site_dir else None
    epoch, origin = source_date_epoch(config_file.parent, os.environ)
    env = {
        "SOURCE_DATE_EPOCH": epoch,
        CHECK_LINKS_ENV: "true",
        CHECK_EXTERNAL_ENV: "true" if args.check_external else "false",
        "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1"),
    }
    course = _load_config(config_file, site_dir, env, args.check_external)
    count = _check_practice_files(course)
    print(f"lessonkit ci: {count} practice file(s) valid")
    print(f"lessonkit ci: building strictly (SOURCE_DATE_EPOCH={epoch}, {origin}); external links "
          + ("fetched" if args.check_external else "not fetched (--check-external to fetch them)"))
    _build(course, env)
    allowed = frozenset({course.site_host, *args.allow_host} - {""})
    foreign = foreign_requests(course.site_dir, allowed)
    if foreign:
        listed = "\n".join(f"  {request}" for request in foreign)
        raise CIFailure(
            f"the site makes {len(foreign)} request(s) to other hosts (learners' browsers would contact them):\n"
            f"{listed}\n  serve them from the site, or allow a host on purpose with --allow-host"
        )
    return f"{count} practice file(s), strict build, links and privacy all good: {course.site_dir}"


def run_ci(args: argparse.Namespace) -> int:
    """Run the checks; print what failed and how to fix it.

    Exit status: 0 all good, 1 a check failed, 2 the checks cannot run as set up.
    """
    try:
        summary = _ci(args)
    except CIFailure as failure:
        print(f"lessonkit ci: FAILED: {failure}", file=sys.stderr)
        return failure.status
    print(f"lessonkit ci: {summary}")
    return 0


def add_ci_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``lessonkit ci`` to the command line's subcommands."""
    ci = commands.add_parser(
        "ci",
        help="validate practice files, build strictly, check links and privacy (what CI runs)",
        description="Validate the practice files, build the site with `mkdocs build --strict`, check every"
        " link (offline unless --check-external) and that no page loads anything from another host."
        " Exits 1 on any problem.",
    )
    ci.add_argument("--config-file", default="mkdocs.yml", help="the course's mkdocs.yml (default: ./mkdocs.yml)")
    ci.add_argument("--site-dir", help="build the site here (default: site_dir of mkdocs.yml)")
    ci.add_argument(
        "--check-external", action="store_true",
        help="also fetch external URLs and fail on dead ones (needs internet; before a release, not in CI)",
    )
    ci.add_argument(
        "--allow-host", action="append", default=[], metavar="HOST",
        help="a host the site may load resources from, e.g. analytics turned on on purpose (repeatable)",
    )
    ci.set_defaults(run=run_ci)
