"""Answers out of the site's search index (issue 22 §5): keys, explanations,
self-check answers and card backs carry ``data-search-exclude`` (Material's
search skips the element), unless the course sets ``search_answers: true``;
on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import build, copy_course, zensical_build

PAGE = "practice/video-generation/"
MATCHING = PAGE + "#try-it-yourself-match-the-failure-to-its-cause"
EXPLANATION = "Identity drift over long horizons"  # matching item A's explanation


def with_option(project: Path, config: str, entry: str, value: bool) -> None:
    path = project / config
    text = path.read_text(encoding="utf-8")
    assert entry in text
    path.write_text(text.replace(entry, entry + f"      search_answers: {'true' if value else 'false'}\n"), encoding="utf-8")


def index_of(site: Path) -> dict[str, str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc["text"] for doc in index["docs"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    sites = {}
    for keep in (False, True):
        project = copy_course(tmp_path_factory.mktemp(f"search-{keep}"))
        if keep:
            with_option(project, "mkdocs.yml", "  - lessonkit:\n      quizzes_dir: quizzes\n", True)
        result = build(project)
        assert result.returncode == 0, result.output
        sites[keep] = result.site
    return sites


def test_answers_are_left_out_of_the_search_index(built: dict[bool, Path]):
    entries = index_of(built[False])
    practice = " ".join(text for location, text in entries.items() if location.startswith(PAGE))
    assert "Video tokenizer ceiling" in entries[MATCHING]  # the exercise is found
    assert EXPLANATION not in practice  # its explanation is not
    assert "long-horizon coherence frontier" not in practice  # nor item A's key
    assert "Primary lesson territory" not in practice  # labeling's explanation
    html = BeautifulSoup((built[False] / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    answers = html.select("details.lk-answer")
    assert answers and all(details.has_attr("data-search-exclude") for details in answers)


def test_search_answers_true_keeps_them_in(built: dict[bool, Path]):
    entries = index_of(built[True])
    assert EXPLANATION in entries[MATCHING]
    html = BeautifulSoup((built[True] / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not any(details.has_attr("data-search-exclude") for details in html.select("details.lk-answer"))
    # a card's back too: the default leaves each out, the option keeps it
    backs = [details for details in html.select(".lk-card details.lk-answer")]
    assert backs
    back = " ".join(backs[0].get_text(" ", strip=True).split()[2:7])  # past "Show answer"
    assert back in " ".join(entries.values())
    assert back not in " ".join(index_of(built[False]).values())


@pytest.mark.parametrize("keep", [False, True])
def test_the_extension_option_on_zensical(tmp_path: Path, keep: bool):
    """Zensical's search honours the attribute too (and leaves it out of the page)."""
    project = copy_course(tmp_path)
    with_option(project, "zensical.yml", "  - lessonkit.markdown:\n      quizzes_dir: quizzes\n", keep)
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    items = json.loads((result.site / "search.json").read_text(encoding="utf-8"))["items"]
    (matching,) = [item["text"] for item in items if item["location"] == MATCHING]
    assert "Video tokenizer ceiling" in matching
    assert (EXPLANATION in matching) == keep
