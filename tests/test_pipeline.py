"""The core's small pieces every engine shares: the course's id and root from a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessonkit.pipeline import course_slug, page_url, root_url
from sitebuild import build, copy_course, zensical_build

PLUGIN = "  - lessonkit:\n      quizzes_dir: quizzes\n"


@pytest.mark.parametrize("name, slug", [
    ("Generative video, in practice", "generative-video-in-practice"),
    ("  Ünïcode & C++ 101!  ", "n-code-c-101"),
    ("", "course"),
    ("---", "course"),
])
def test_a_course_id_is_a_slug_of_the_site_name(name: str, slug: str):
    assert course_slug(name) == slug


@pytest.mark.parametrize("docs_path, directory_urls, root", [
    ("index.md", True, "./"),
    ("practice/x.md", True, "../../"),
    ("practice/index.md", True, "../"),
    ("instructors.md", True, "../"),
    ("instructors.md", False, "./"),
    ("practice/x.md", False, "../"),
])
def test_the_root_from_a_page(docs_path: str, directory_urls: bool, root: str):
    assert root_url(page_url(docs_path, directory_urls)) == root


def test_mkdocs_urls_give_the_same_roots():
    assert [root_url(url) for url in ("./", "", "practice/x/", "instructors/")] == ["./", "./", "../../", "../"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_course_id_option_on_both_engines(tmp_path: Path, engine: str):
    project = copy_course(tmp_path)
    for name, option in (("mkdocs.yml", PLUGIN), ("zensical.yml", "  - lessonkit.markdown:\n      quizzes_dir: quizzes\n")):
        config = project / name
        text = config.read_text(encoding="utf-8")
        assert option in text
        config.write_text(text.replace(option, option + "      course_id: my-course\n"), encoding="utf-8")
    result = zensical_build(project) if engine == "zensical" else build(project)
    assert result.returncode == 0, result.output
    (strings,) = BeautifulSoup(result.page("practice/video-generation.md"), "html.parser").select("[data-lk-strings]")
    assert strings["data-lk-course"] == "my-course"
