"""Dates from the sources, never from the clock: each practice file's last git commit.

The Anki decks' notes are dated by their practice file (:func:`notes_dates`):
``SOURCE_DATE_EPOCH`` when the build is given it (``lessonkit ci`` gives the last
commit's time), else the time of the last commit that changed the file, else
:data:`FALLBACK_SOURCE_DATE_EPOCH`. So two builds of the same sources give the same
bytes, and a committed edit gives a later date: Anki's import updates a note only
from a newer one. The site map dates each page by its source file the same way
(:func:`page_dates`), falling back to the file's own time, not the build day.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Collection, Mapping
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["FALLBACK_SOURCE_DATE_EPOCH", "last_commit_times", "notes_dates", "page_dates"]

FALLBACK_SOURCE_DATE_EPOCH = 315532800
"""1980-01-01T00:00:00Z: the date when neither the environment nor git gives one."""

_GIT_TIMEOUT = 30.0
"""Seconds git may take to answer before the files are taken as not in git."""


def notes_dates(sources: Collection[Path], environ: Mapping[str, str] | None = None) -> dict[Path, int]:
    """The date (seconds since the epoch) of each source file's notes."""
    given = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return dict.fromkeys(sources, int(given))
    committed = last_commit_times(sources)
    return {source: committed.get(source, FALLBACK_SOURCE_DATE_EPOCH) for source in sources}


def page_dates(sources: Collection[Path], environ: Mapping[str, str] | None = None) -> dict[Path, str]:
    """The day (``YYYY-MM-DD``, UTC) a site map gives the page made from each source file.

    ``SOURCE_DATE_EPOCH`` when the build is given it (as MkDocs dates every page),
    else the time of the last commit that changed the file, else the file's own
    modification time: the same sources give the same day, whatever the build day.
    A file that cannot be read is left out (its page keeps the host's date).
    """
    given = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    committed = {} if given.isdigit() else last_commit_times(sources)
    days: dict[Path, str] = {}
    for source in sources:
        try:
            when = int(given) if given.isdigit() else committed.get(source) or int(source.stat().st_mtime)
            days[source] = datetime.fromtimestamp(when, timezone.utc).strftime("%Y-%m-%d")
        except (OSError, OverflowError, ValueError):  # unreadable, or a time no calendar holds
            continue
    return days


def last_commit_times(paths: Collection[Path]) -> dict[Path, int]:
    """The time of the last commit that changed each file, for the files git knows.

    One ``git log`` for all of them, newest commit first, stopped as soon as
    every file is dated (a file changed long ago costs a walk back to it, as
    with ``git log -1`` per file). Files outside a repository, untracked, or
    when git is missing or does not answer within 30 s: left out.
    """
    if not paths:
        return {}
    resolved = {path.resolve(): path for path in paths}
    folder = Path(os.path.commonpath([str(path.parent) for path in resolved]))
    root = _git(["-C", str(folder), "rev-parse", "--show-toplevel"])
    if root is None or not root.strip():
        return {}
    top = Path(root.strip()).resolve()
    wanted: dict[str, Path] = {}
    for real, given in resolved.items():
        if real.is_relative_to(top):
            wanted[real.relative_to(top).as_posix()] = given
    if not wanted:
        return {}
    command = ["git", "-C", str(top), "-c", "core.quotePath=false", "log", "--format=@%ct", "--name-only",
               "--no-renames", "--", *(f":(literal){name}" for name in wanted)]
    found: dict[Path, int] = {}
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   encoding="utf-8", errors="replace")
    except OSError:
        return {}
    timer = threading.Timer(_GIT_TIMEOUT, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        when: int | None = None
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.startswith("@") and line[1:].isdigit():
                when = int(line[1:])
            elif when is not None and line in wanted and wanted[line] not in found:
                found[wanted[line]] = when
                if len(found) == len(wanted):
                    break
    finally:
        timer.cancel()
        process.kill()
        process.wait()
    return found


def _git(arguments: list[str]) -> str | None:
    """git's output, or None when it fails or is missing."""
    try:
        completed = subprocess.run(["git", *arguments], capture_output=True, text=True, timeout=_GIT_TIMEOUT,
                                   check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None
