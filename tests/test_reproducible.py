"""Two builds of the same sources are byte-identical, and the build date follows SOURCE_DATE_EPOCH."""

from __future__ import annotations

import gzip
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import build, copy_course

from lessonkit.ci_command import FALLBACK_SOURCE_DATE_EPOCH, CannotRun, source_date_epoch

EPOCH = 1700000000  # 2023-11-14T22:13:20Z


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_course(tmp_path / "first")
    second = copy_course(tmp_path / "second")
    # Everything that may differ between two machines or two runs except the sources:
    # the folder, the files' times, Python's hash seed (set order), the wall clock.
    an_hour_ago = time.time() - 3600
    for path in second.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    one = build(first, extra_env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "1"})
    time.sleep(1.1)
    two = build(second, extra_env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "2"})
    assert one.returncode == 0 and two.returncode == 0, one.output + two.output

    files_one, files_two = site_files(one.site), site_files(two.site)
    assert files_one.keys() == files_two.keys(), (
        f"only in the first: {sorted(files_one.keys() - files_two.keys())}; "
        f"only in the second: {sorted(files_two.keys() - files_one.keys())}"
    )
    differing = [name for name in files_one if files_one[name] != files_two[name]]
    assert not differing, f"these files differ between two builds of the same sources: {differing}"
    # The comparison covered what a deploy publishes.
    for expected in ("index.html", "practice/video-generation/index.html", "search/search_index.json",
                     "sitemap.xml", "sitemap.xml.gz"):
        assert expected in files_one
    assert any(name.startswith("assets/") for name in files_one)


def test_build_dates_follow_source_date_epoch(tmp_path: Path) -> None:
    result = build(copy_course(tmp_path / "course"), extra_env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    assert result.returncode == 0, result.output
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    compressed = (result.site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])  # RFC 1952: MTIME, bytes 4-7 of the header
    assert mtime == 1699920000  # midnight UTC of that day, as MkDocs dates pages
    assert gzip.decompress(compressed).decode("utf-8") == sitemap


def test_ci_pins_the_build_date_when_none_is_given(tmp_path: Path) -> None:
    """Outside git and without SOURCE_DATE_EPOCH, `lessonkit ci` builds as of the fixed fallback date."""
    project = copy_course(tmp_path / "course")
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    completed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"SOURCE_DATE_EPOCH={FALLBACK_SOURCE_DATE_EPOCH}" in completed.stdout
    assert "<lastmod>1980-01-01</lastmod>" in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_source_date_epoch_prefers_environment_then_git_then_fallback(tmp_path: Path) -> None:
    assert source_date_epoch(tmp_path, {"SOURCE_DATE_EPOCH": "1234"}) == ("1234", "from the environment")
    assert source_date_epoch(tmp_path, {})[0] == str(FALLBACK_SOURCE_DATE_EPOCH)

    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    subprocess.run([*git, "add", "mkdocs.yml"], cwd=tmp_path, check=True)
    dated = {**os.environ, "GIT_COMMITTER_DATE": "2021-03-04T05:06:07Z", "GIT_AUTHOR_DATE": "2021-03-04T05:06:07Z"}
    subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=tmp_path, check=True, env=dated)
    assert source_date_epoch(tmp_path, {}) == ("1614834367", "the time of the last git commit")


@pytest.mark.parametrize("value", ["yesterday", "", "1.5"])
def test_bad_source_date_epoch_is_a_clear_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(CannotRun, match="SOURCE_DATE_EPOCH .* whole number of seconds"):
        source_date_epoch(tmp_path, {"SOURCE_DATE_EPOCH": value})


CLOCK = """\
import os
import time
from datetime import timedelta

import mkdocs.utils

_real_time = time.time
_shift = float(os.environ.get("LESSONKIT_TEST_CLOCK_SHIFT", "0"))
time.time = lambda: _real_time() + _shift
# MkDocs' build day comes from datetime.now(), which time.time does not move.
_real_build_datetime = mkdocs.utils.get_build_datetime
mkdocs.utils.get_build_datetime = lambda: _real_build_datetime() + timedelta(seconds=_shift)
"""


def build_without_source_date_epoch(project: Path, clock: Path, shift: int, seed: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` without SOURCE_DATE_EPOCH, its clock (``time.time``) moved by ``shift`` seconds."""
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=seed, LESSONKIT_TEST_CLOCK_SHIFT=str(shift),
               PYTHONPATH=os.pathsep.join([str(clock), *filter(None, [env.get("PYTHONPATH")])]))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_two_builds_without_source_date_epoch_are_byte_identical(tmp_path: Path) -> None:
    """Issue 21, section 9: the Anki decks and the site map's pages are dated from
    the sources, not the clock (MkDocs alone dates every page by the build day)."""
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(CLOCK, encoding="utf-8")
    first, second = copy_course(tmp_path / "first"), copy_course(tmp_path / "second")
    one = build_without_source_date_epoch(first, clock, 0, "1")
    two = build_without_source_date_epoch(second, clock, 9 * 86400 + 3 * 3600 + 7, "2")  # nine days later
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    files_one, files_two = site_files(first / "site"), site_files(second / "site")
    assert files_one.keys() == files_two.keys()
    assert [name for name in files_one if name.endswith(".apkg")] == ["practice/video-generation.apkg"]
    differing = [name for name in files_one if files_one[name] != files_two[name]]
    assert not differing, f"these files differ between two builds of the same sources: {differing}"


def test_the_shifted_clock_reaches_the_build(tmp_path: Path) -> None:
    """The test above can fail: the build's clock is the shifted one."""
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(CLOCK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(clock), "LESSONKIT_TEST_CLOCK_SHIFT": str(10**6)}
    shifted = subprocess.run([sys.executable, "-c", "import time; print(time.time())"],
                             env=env, capture_output=True, text=True, check=True)
    assert float(shifted.stdout) - time.time() > 10**6 - 60
    env.pop("SOURCE_DATE_EPOCH", None)
    program = "import mkdocs.utils; print(mkdocs.utils.get_build_timestamp())"
    build_day = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert int(build_day.stdout) - time.time() > 10**6 - 60


GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def commit(folder: Path, paths: list[str], when: str) -> None:
    dated = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run([*GIT, "add", *paths], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", f"at {when}"], cwd=folder, check=True, env=dated)


def test_notes_are_dated_by_their_files_last_commit(tmp_path: Path) -> None:
    from lessonkit.source_dates import last_commit_times, notes_dates, page_dates

    outside = tmp_path / "outside.yml"
    outside.write_text("x\n", encoding="utf-8")
    assert last_commit_times([outside]) == {}
    assert notes_dates([outside], {}) == {outside: FALLBACK_SOURCE_DATE_EPOCH}

    course = tmp_path / "course"
    (course / "quizzes" / "sub").mkdir(parents=True)
    subprocess.run([*GIT, "init", "-q"], cwd=course, check=True)
    old, new, untracked = (course / "quizzes" / "old.yml", course / "quizzes" / "sub" / "new set.yml",
                           course / "quizzes" / "untracked.yml")
    for path in (old, new, untracked):
        path.write_text("title: t\n", encoding="utf-8")
    commit(course, ["quizzes/old.yml", "quizzes/sub/new set.yml"], "2021-03-04T05:06:07Z")
    new.write_text("title: changed\n", encoding="utf-8")
    commit(course, ["quizzes/sub/new set.yml"], "2022-01-02T03:04:05Z")
    (course / "README").write_text("later\n", encoding="utf-8")
    commit(course, ["README"], "2023-01-01T00:00:00Z")  # a later commit that changes neither file

    assert last_commit_times([old, new, untracked]) == {old: 1614834367, new: 1641092645}
    assert notes_dates([old, new, untracked], {}) == {old: 1614834367, new: 1641092645,
                                                      untracked: FALLBACK_SOURCE_DATE_EPOCH}
    assert notes_dates([old, new], {"SOURCE_DATE_EPOCH": "1234"}) == {old: 1234, new: 1234}

    os.utime(untracked, (1500000000, 1500000000))
    missing = course / "quizzes" / "missing.yml"
    assert page_dates([old, new, untracked, missing], {}) == {old: "2021-03-04", new: "2022-01-02",
                                                              untracked: "2017-07-14"}
    assert page_dates([old, missing], {"SOURCE_DATE_EPOCH": str(EPOCH)}) == {old: "2023-11-14",
                                                                           missing: "2023-11-14"}


def test_site_map_dates_each_page_by_its_source(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH: a page's lastmod is its file's last commit (a practice
    page's, its practice file's), else the file's own time; never the build day."""
    course = copy_course(tmp_path / "course")
    subprocess.run([*GIT, "init", "-q"], cwd=course, check=True)
    commit(course, ["content", "quizzes", "theme", "mkdocs.yml"], "2021-03-04T05:06:07Z")
    for path in ("content/index.md", "quizzes/video-generation.yml"):
        (course / path).write_text((course / path).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(course, ["content/index.md", "quizzes/video-generation.yml"], "2022-01-02T03:04:05Z")
    untracked = course / "content" / "untracked.md"
    untracked.write_text("# Not committed\n", encoding="utf-8")
    os.utime(untracked, (1500000000, 1500000000))  # 2017-07-14

    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"],
                               cwd=course, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                               capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr
    sitemap = (course / "site" / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>http://127.0.0.1:8000/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    assert lastmod[""] == "2022-01-02"
    assert lastmod["practice/video-generation/"] == "2022-01-02"
    assert lastmod["instructors/"] == "2021-03-04"
    assert lastmod["untracked/"] == "2017-07-14"
    (mtime,) = struct.unpack("<I", (course / "site" / "sitemap.xml.gz").read_bytes()[4:8])
    assert mtime == 1641081600  # the newest page's day, midnight UTC
