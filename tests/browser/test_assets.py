"""The widgets' script and stylesheet in the built site: the size budget, and
on which pages they are (every page with a widget, no other page)."""

from __future__ import annotations

import gzip
import re

from bs4 import BeautifulSoup

from sitebuild import BuildResult, build, copy_course, set_config, write_files

# bytes, script and stylesheet together, gzipped, on a practice page: 12 KB with progress,
# study mode (issue 11), plural rules and right-to-left layout (issue 13), and progress
# that merges across tabs and files, checked and never overwritten (issue 20)
BUDGET = 12288
ASSETS = ("lessonkit/assets/lessonkit.js", "lessonkit/assets/lessonkit.css")


def asset_tags(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")
            if "lessonkit/assets" in (tag.get("src") or tag.get("href"))]


def test_script_and_stylesheet_fit_the_budget(course_build: BuildResult):
    sizes = {path: len(gzip.compress((course_build.site / path).read_bytes(), compresslevel=9)) for path in ASSETS}
    print(f"gzipped: {sizes}, together {sum(sizes.values())} of {BUDGET} bytes")
    assert sum(sizes.values()) <= BUDGET, sizes

# bytes, gzipped: the study dialog's script (the scheduler, FSRS-6), loaded when a dialog opens (issue 22)
STUDY_BUDGET = 6144


def test_the_study_script_fits_its_budget_and_is_shipped(course_build: BuildResult):
    study = course_build.site / "lessonkit/assets/lessonkit-study.js"
    size = len(gzip.compress(study.read_bytes(), compresslevel=9))
    print(f"gzipped: lessonkit-study.js {size} of {STUDY_BUDGET} bytes")
    assert size <= STUDY_BUDGET
    assert "export const fsrs" in study.read_text(encoding="utf-8")


def test_assets_only_on_pages_with_a_widget(course_build: BuildResult):
    practice = course_build.page("practice/video-generation.md")
    css, js = "../../lessonkit/assets/lessonkit.css", "../../lessonkit/assets/lessonkit.js"
    assert asset_tags(practice) == [css, css, js]
    soup = BeautifulSoup(practice, "html.parser")
    # The stylesheet in the head too: on a page loaded in full the content paints at once, styled.
    assert [link["href"] for link in soup.select("head link[rel=stylesheet]")][-1] == css
    # In the content, which instant navigation swaps, as files: no inline script there.
    assert len(soup.select("article link[rel=stylesheet], article script[src][defer]")) == 2
    assert not [s for s in soup.select("article script") if not s.get("src")]
    assert "lessonkit/assets" not in course_build.page("lessons/video-generation.md")
    # The home page's [[practice-progress]] list needs them too.
    assert asset_tags(course_build.page("index.md")) == [
        "lessonkit/assets/lessonkit.css", "lessonkit/assets/lessonkit.css", "lessonkit/assets/lessonkit.js"
    ]


def test_assets_follow_the_widget_not_the_page_kind(tmp_path):
    """Keyed on the rendered content: a page with a widget's markup gets them, wherever
    it lives (use_directory_urls off here); a page that shows the markup as code does not."""
    project = copy_course(tmp_path)
    write_files(project, {
        "content/guide/widget.md": '# Widget\n\n<div class="lk-widget" data-lk-widget="self-check"></div>\n',
        "content/guide/code.md": '# Code\n\n```html\n<div data-lk-widget="matching"></div>\n```\n',
    })
    set_config(project, use_directory_urls=False)
    result = build(project)
    assert result.returncode == 0, result.output
    widget = (result.site / "guide" / "widget.html").read_text(encoding="utf-8")
    assert asset_tags(widget) == [
        "../lessonkit/assets/lessonkit.css", "../lessonkit/assets/lessonkit.css", "../lessonkit/assets/lessonkit.js"
    ]
    assert "lessonkit/assets" not in (result.site / "guide" / "code.html").read_text(encoding="utf-8")
    for path in ASSETS:
        assert (result.site / path).is_file()
    assert re.search(r"lessonkit\.js", (result.site / "practice" / "video-generation.html").read_text(encoding="utf-8"))


def test_the_strings_element_carries_the_course_identity(course_build: BuildResult):
    """What the script keeps progress under: the course's root from the page, its id and name."""
    for path, root in {"index.md": "./", "practice/video-generation.md": "../../"}.items():
        tag = BeautifulSoup(course_build.page(path), "html.parser").select_one("[data-lk-strings]")
        assert (tag["data-lk-root"], tag["data-lk-course"], tag["data-lk-course-name"]) == (
            root, "generative-video-in-practice", "Generative video, in practice"
        ), path
