"""Input that could grow without bound stops with a message at its line (issue 21, section 1):
YAML aliases that copy too much, nesting too deep, a file too large.

The bomb's check and build run in a subprocess under resource limits (address
space and CPU time): past them the process is killed and the test fails; no
timing is asserted.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.loading import load_practice_file
from lessonkit.yaml_bounds import MAX_BYTES, MAX_DEPTH
from sitebuild import write_files

FILE = "quizzes/x.yml"


def bomb(levels: int = 9) -> str:
    """The "billion laughs": each anchor's list holds the one before nine times."""
    lines = ["title: Laughs", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    lines.append(f"sections: *a{levels - 1}")
    return "\n".join(lines) + "\n"


BOMB_MESSAGE = (
    "quizzes/bomb.yml:6:10: the alias '*a3' copies 7,381 values, which makes the aliases of this file copy more "
    "than 10,000 (an alias stands for all that its anchor marks, aliases inside it included) "
    "(write the entries out, or use the aliases fewer times)"
)

SITE = {
    "mkdocs.yml": "site_name: Bomb\ndocs_dir: content\nplugins:\n  - lessonkit\n",
    "content/index.md": "# Home\n",
}

MEMORY = 300 * 1024 * 1024
SECONDS = 5


def _limited() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def run_limited(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` within 300 MB of address space and 5 s of CPU: past them it is killed."""
    return subprocess.run(
        command,
        cwd=cwd,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limited,
        check=False,
    )


@pytest.fixture
def bomb_site(tmp_path: Path) -> Path:
    write_files(tmp_path, {**SITE, "quizzes/bomb.yml": bomb()})
    assert len(bomb().encode()) < 500  # ~420 bytes: nine levels
    return tmp_path


def test_the_bomb_is_refused_by_check_within_the_limits(bomb_site: Path):
    completed = run_limited([sys.executable, "-m", "lessonkit.cli", "check"], bomb_site)
    assert completed.returncode == 1, completed.stderr  # killed by a limit: -9 (memory: MemoryError, 1 with a traceback)
    assert "Traceback" not in completed.stdout + completed.stderr
    assert BOMB_MESSAGE in completed.stdout


def test_the_bomb_is_refused_by_the_build_within_the_limits(bomb_site: Path):
    completed = run_limited([sys.executable, "-m", "mkdocs", "build", "--strict"], bomb_site)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    assert BOMB_MESSAGE in output


def test_the_limits_would_stop_a_loader_that_copies_aliases(tmp_path: Path):
    # The same limits stop what the loader did before: write each alias's values out again.
    write_files(tmp_path, {"bomb.yml": bomb()})
    copy = "import json, yaml; json.dumps(yaml.safe_load(open('bomb.yml')))"
    completed = run_limited([sys.executable, "-c", copy], tmp_path)
    assert completed.returncode != 0


def problem_of(text: str):
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    [problem] = caught.value.problems
    return problem


def test_a_few_aliases_still_load():
    text = """\
title: Shared options
sections:
  - type: matching
    title: One
    options: &choices [Yes, No]
    items:
      - {text: a, answer: Yes}
  - type: matching
    title: Two
    options: *choices
    items:
      - {text: b, answer: No}
"""
    assert [len(section.options) for section in parse_practice_text(text, FILE).sections] == [2, 2]


def test_an_alias_inside_its_own_anchor_is_named_at_its_line():
    problem = problem_of("title: Loop\nsections: &s\n  - type: flashcards\n    title: x\n    cards: *s\n")
    assert (problem.line, problem.column) == (5, 12)
    assert problem.message == "the alias '*s' is inside what '&s' marks, so it would copy itself without end"
    assert problem.hint == "move '*s' out of the entry that '&s' marks, or write the entries out"


def test_nesting_500_levels_deep_is_a_message_at_its_line():
    text = "title: Deep\nsections:\n"
    for level in range(500):
        text += "  " * level + "- sections:\n"
    problem = problem_of(text)
    # sections[0].sections[0]...: the value past the limit is the list opened on this line.
    assert (problem.file, problem.line) == (FILE, 2 + MAX_DEPTH // 2 + 1)
    assert problem.message == f"lists and fields are nested more than {MAX_DEPTH} levels deep here"
    assert problem.hint == (
        "a practice set needs a few levels (sections, their entries, their fields): "
        "check the indentation of this line and of the lines above"
    )


def test_nesting_in_brackets_past_libyaml_own_bound_is_the_same_message():
    text = "title: Deep\nsections: " + "[" * 1200 + "]" * 1200 + "\n"
    problem = problem_of(text)
    assert problem.line == 2
    assert problem.message == f"lists and fields are nested more than {MAX_DEPTH} levels deep here"


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(tmp_path: Path):
    path = tmp_path / "big.yml"
    path.write_text("title: Big\nintro: |\n" + ("  " + "x" * 98 + "\n") * (MAX_BYTES // 100 + 1), encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        load_practice_file(path, "quizzes/big.yml")
    assert [str(problem) for problem in caught.value.problems] == [
        "quizzes/big.yml:1:1: the file is 1.0 MB, and a practice file may hold at most 1 MB "
        "(split it into several practice files)"
    ]


def test_a_file_just_under_the_bound_loads(tmp_path: Path):
    path = tmp_path / "large.yml"
    body = ("          " + "x" * 89 + "\n") * ((MAX_BYTES - 200) // 100)
    path.write_text(
        f"title: Large\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - front: q\n        back: |\n{body}",
        encoding="utf-8",
    )
    assert path.stat().st_size <= MAX_BYTES
    assert load_practice_file(path).practice_set.sections[0].cards[0].back.startswith("x" * 89)


CARDS_WITH = """\
title: A set é
sections:
  - type: flashcards
    title: Cards
    cards:
      - front: q
        back: {back}
"""


@pytest.mark.parametrize(("character", "name"), [("\x00", "NUL"), ("\x01", "a control character"), ("\x7f", "DEL")])
def test_a_control_character_at_line_7_is_reported_at_line_7(character: str, name: str):
    # Not at line 1: libyaml counts bytes, and an 'é' above makes them differ from characters.
    problem = problem_of(CARDS_WITH.format(back=f"a{character}b"))
    assert (problem.file, problem.line, problem.column) == (FILE, 7, 16)
    assert problem.message == f"the file holds the character U+{ord(character):04X} ({name}) here, which YAML does not allow in a file"
    assert problem.hint == "delete it: it is invisible in most editors, so retype the words around it"


def test_a_nul_byte_in_a_file_is_at_its_line(tmp_path: Path):
    path = tmp_path / "nul.yml"
    path.write_bytes(CARDS_WITH.format(back="a\x00b").encode("utf-8"))
    with pytest.raises(PracticeFileError) as caught:
        load_practice_file(path, "quizzes/nul.yml")
    assert str(caught.value.problems[0]).startswith("quizzes/nul.yml:7:16: the file holds the character U+0000 (NUL)")


TEXT_DEPTH = (
    "this line of the text starts with more than 120 spaces, list markers or quote marks, "
    "which Markdown reads as lists nested that deep, more than it can convert"
)


def test_a_text_nesting_lists_300_levels_deep_is_a_message_at_the_line_that_does():
    nested = "".join("          " + "    " * level + "- x\n" for level in range(300))
    problem = problem_of(CARDS_WITH.format(back="|\n" + nested))
    # The block starts on line 8; its line 31 (30 levels of 4 spaces, then '- ') is the first past the bound.
    assert (problem.line, problem.column, problem.path) == (38, 1, "sections[0].cards[0].back")
    assert problem.message == TEXT_DEPTH
    assert problem.hint == "write it with fewer levels: nested lists take 4 spaces a level, and a few levels are enough"


def test_a_thousand_list_markers_on_one_line_are_a_message_at_the_text():
    problem = problem_of(CARDS_WITH.format(back='"' + "- " * 1000 + 'x"'))
    assert (problem.line, problem.column) == (7, 15)
    assert problem.message == TEXT_DEPTH


def test_lists_a_few_levels_deep_load():
    nested = "".join("          " + "    " * level + "- x\n" for level in range(6))
    assert parse_practice_text(CARDS_WITH.format(back="|\n" + nested), FILE).sections[0].cards[0].back.count("- x") == 6
