"""lessonkit as a Markdown extension (lessonkit.markdown): on Zensical, inside
MkDocs without the plugin, and next to the plugin. Real builds, read back."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
import zensical
from bs4 import BeautifulSoup

from lessonkit.assets import SHIPPED, shipped
from lessonkit.cli import main
from lessonkit.strings import UI_STRINGS, theme_languages
from sitebuild import ROOT, BuildResult, build, copy_course, write_files, zensical_build

PRACTICE = "practice/video-generation.md"
PLUGIN = "  - lessonkit:\n      quizzes_dir: quizzes\n"
EXTENSION = "markdown_extensions:\n  - lessonkit.markdown:\n      quizzes_dir: quizzes\n"
EXTRA = "extra_css: [assets/lessonkit/lessonkit.css]\nextra_javascript: [assets/lessonkit/lessonkit.js]\n"


def widgets(result: BuildResult, page: str = PRACTICE) -> list[str]:
    """A page's widgets as HTML. Zensical's search takes ``data-search-exclude``
    off what it leaves out of its index: that attribute is not compared."""
    soup = BeautifulSoup(result.page(page), "html.parser")
    return [str(widget).replace(' data-search-exclude=""', "") for widget in soup.select("article [data-lk-widget]")]


def problem_lines(output: str) -> list[str]:
    """The `file:line:column: ...` lines of a build's output."""
    return [line.strip() for line in output.splitlines() if re.match(r"^\s*(?:quizzes|content)/\S+:\d+:\d+: ", line)]


def with_extension(project: Path, *, plugin: bool) -> None:
    """The course's mkdocs.yml with lessonkit's Markdown extension, with or without the plugin."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN in text and "markdown_extensions:\n" in text
    if not plugin:
        text = text.replace(PLUGIN, "") + EXTRA
    config.write_text(text.replace("markdown_extensions:\n", EXTENSION), encoding="utf-8")


# The course on Zensical ----------------------------------------------------


def test_one_renderer_the_same_widgets_from_the_plugin_and_from_zensical(
    course_build: BuildResult, zensical_course_build: BuildResult
):
    expected = widgets(course_build)
    assert [re.search(r'data-lk-widget="([^"]+)"', w).group(1) for w in expected] == [
        "self-check", "matching", "labeling", "flashcards"
    ]
    assert widgets(zensical_course_build) == expected
    assert widgets(zensical_course_build, "instructors.md") == widgets(course_build, "instructors.md")


def main_content(result: BuildResult, page: str) -> str:
    """A page's main content (its article) as the course's author wrote and lessonkit
    made it: without what each engine adds there (the widgets' files, Zensical's
    skip anchor, the attribute Zensical's search takes off, the plugin's Anki
    deck link: only the plugin writes decks)."""
    article = BeautifulSoup(result.page(page), "html.parser").select_one("article")
    for element in article.select('link[rel="stylesheet"], script, a#__skip, p.lk-anki'):
        element.decompose()
    for element in article.select("[data-search-exclude]"):
        del element["data-search-exclude"]
    return article.prettify()


@pytest.mark.parametrize("page", [PRACTICE, "instructors.md", "index.md"])
def test_the_practice_pages_main_content_is_the_same_on_both_engines(
    course_build: BuildResult, zensical_course_build: BuildResult, page: str
):
    assert main_content(zensical_course_build, page) == main_content(course_build, page)
    assert "lk-widget" in main_content(course_build, page)


@pytest.mark.parametrize("page, root", [(PRACTICE, "../../"), ("instructors.md", "../"), ("index.md", "./")])
def test_the_strings_element_carries_the_courses_root_id_and_name_on_both_engines(
    course_build: BuildResult, zensical_course_build: BuildResult, page: str, root: str
):
    for result in (course_build, zensical_course_build):
        (strings,) = BeautifulSoup(result.page(page), "html.parser").select("[data-lk-strings]")
        assert (strings["data-lk-root"], strings["data-lk-course"], strings["data-lk-course-name"]) == (
            root, "generative-video-in-practice", "Generative video, in practice"
        ), result.site


def test_zensical_pages_carry_the_strings_once_and_load_the_assets(zensical_course_build: BuildResult):
    soup = BeautifulSoup(zensical_course_build.page(PRACTICE), "html.parser")
    (strings,) = soup.select("script[data-lk-strings]")
    assert strings["type"] == "application/json" and '"check":"Check answers"' in strings["data-lk-strings"]
    assert soup.select_one('script[src$="assets/lessonkit/lessonkit.js"]') is not None
    assert soup.select_one('link[href$="assets/lessonkit/lessonkit.css"]') is not None
    # A page without practice carries no strings (the assets are on every page there).
    lesson = BeautifulSoup(zensical_course_build.page("lessons/video-generation.md"), "html.parser")
    assert lesson.select("script[data-lk-strings]") == []


def test_the_progress_list_on_zensical_is_the_plugins(course_build: BuildResult, zensical_course_build: BuildResult):
    # [[practice-progress]] on the home page: the same list, linking to the set's page.
    assert widgets(zensical_course_build, "index.md") == widgets(course_build, "index.md")
    (progress,) = BeautifulSoup(zensical_course_build.page("index.md"), "html.parser").select('[data-lk-widget="progress"]')
    assert [a["href"] for a in progress.select("a")] == ["practice/video-generation/"]


def test_a_bad_practice_file_stops_zensical_build_with_the_plugins_lines(tmp_path: Path):
    project = copy_course(tmp_path)
    practice = project / "quizzes" / "video-generation.yml"
    text = practice.read_text(encoding="utf-8")
    assert "answer: coherence\n" in text
    practice.write_text(text.replace("answer: coherence\n", "answer: coherense\n", 1), encoding="utf-8")

    result = zensical_build(project)
    assert result.returncode != 0, result.output
    lines = problem_lines(result.output)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "answer: coherence" in row)
    assert lines == [
        f"quizzes/video-generation.yml:{line}:17: sections[1].items[0].answer: 'coherense' is not the id of an "
        "option of this section (did you mean 'coherence'?)"
    ]
    assert "Traceback" not in result.output
    assert problem_lines(build(project).output) == lines  # the same as MkDocs'


def test_zensical_stops_on_our_exception_with_the_problems_alone(tmp_path: Path):
    """Zensical 0.0.7x fails a build on an extension's exception; lessonkit raises
    one (no os._exit) and prints only its problems, not Zensical's traceback."""
    assert "_exit" not in (ROOT / "src" / "lessonkit" / "markdown.py").read_text(encoding="utf-8")
    project = copy_course(tmp_path)
    practice = project / "quizzes" / "video-generation.yml"
    practice.write_text(practice.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1, result.output
    assert result.output.endswith(
        "lessonkit: 2 problem(s) in 1 practice file(s):\n"
        "  quizzes/video-generation.yml:2:1: title: required field 'title' is missing (add 'title:')\n"
        "  quizzes/video-generation.yml:2:1: titel: unknown field 'titel' (did you mean 'title'?)\n"
    )
    assert "Traceback" not in result.output and "RuntimeError" not in result.output


def test_a_set_without_its_page_stops_zensical_naming_the_page_to_create(tmp_path: Path):
    project = copy_course(tmp_path)
    (project / "content" / "practice" / "video-generation.md").unlink()
    write_files(project, {"quizzes/extra.yml": "title: Extra\nsections:\n  - type: flashcards\n    title: Cards\n"
                          "    cards:\n      - front: Q\n        back: A\n"})
    result = zensical_build(project)
    assert result.returncode == 1, result.output
    assert problem_lines(result.output) == [
        "quizzes/extra.yml:1:1: no page shows this set: Zensical makes none "
        "(create content/practice/extra.md holding only the line [[practice: extra]])",
        "quizzes/video-generation.yml:4:7: page: no page shows this set: Zensical makes none "
        "(create content/practice/video-generation.md holding only the line [[practice: video-generation]])",
    ]
    assert "Traceback" not in result.output
    # The plugin makes those pages itself.
    assert build(project).returncode == 0


def test_an_embed_line_naming_nothing_stops_zensical_build(tmp_path: Path):
    project = copy_course(tmp_path)
    lesson = project / "content" / "lessons" / "video-generation.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text + "\n[[practice: video-generation#flashcard]]\n", encoding="utf-8")
    line = len((text + "\n").splitlines()) + 1

    result = zensical_build(project)
    assert result.returncode != 0, result.output
    expected = [
        f"content/lessons/video-generation.md:{line}:1: 'video-generation' has no section 'flashcard' "
        "(did you mean 'video-generation#flashcards'?)"
    ]
    assert problem_lines(result.output) == expected
    assert problem_lines(build(project).output) == expected


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_page_holding_only_a_sets_line_must_be_its_page(tmp_path: Path, engine: str):
    project = copy_course(tmp_path)
    write_files(project, {"content/more/video.md": "[[practice: video-generation]]\n"})
    result = zensical_build(project) if engine == "zensical" else build(project)
    assert result.returncode != 0
    assert problem_lines(result.output) == [
        "content/more/video.md:1:1: this page holds only '[[practice: video-generation]]', so it is that set's "
        "page, which is 'practice/video-generation.md' (move this page to 'practice/video-generation.md', "
        "or give the set 'page: more/video.md')"
    ]


LINKED = """\
title: Linked
intro: See [the home page](../index.md) and [the lesson](../lessons/video-generation.md).
sections:
  - type: flashcards
    title: Cards
    cards:
      - front: Where is [home](../index.md)?
        back: Here.
"""


def test_links_in_texts_work_on_every_page_showing_them_on_zensical(tmp_path: Path):
    project = copy_course(tmp_path)
    write_files(
        project,
        {
            "quizzes/linked.yml": LINKED,
            "content/practice/linked.md": "[[practice: linked]]\n",
            "content/deep/down/page.md": "# Deep\n\n[[practice: linked#cards]]\n",
        },
    )
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    root = "http://site/"
    for page, url in (("practice/linked.md", "practice/linked/"), ("deep/down/page.md", "deep/down/page/")):
        soup = BeautifulSoup(result.page(page), "html.parser")
        hrefs = {a.get_text(): urljoin(root + url, a["href"]) for a in soup.select("article a[href]") if a.get_text() in ("home", "the home page", "the lesson")}
        assert hrefs["home"] == root, (page, hrefs)
        if page == "practice/linked.md":
            assert hrefs["the home page"] == root and hrefs["the lesson"] == root + "lessons/video-generation/"


def test_a_broken_link_in_a_text_is_reported_once_at_its_yaml_line_on_zensical(tmp_path: Path):
    project = copy_course(tmp_path)
    write_files(
        project,
        {
            "quizzes/linked.yml": LINKED.replace("(../index.md)", "(../lesons/index.md)"),
            "content/practice/linked.md": "[[practice: linked]]\n",
            "content/deep/down/page.md": "# Deep\n\n[[practice: linked#cards]]\n",
        },
    )
    result = zensical_build(project)
    warnings = [line for line in result.output.splitlines() if "lesons" in line]
    assert sorted(line.split(": link")[0] for line in warnings) == [
        "Warning: lessonkit: quizzes/linked.yml:2:8: intro",
        "Warning: lessonkit: quizzes/linked.yml:7:16: sections[0].cards[0].front",
    ], result.output
    assert all("points to no page or file of the site" in line for line in warnings)


def test_the_widgets_files_for_zensical_are_not_committed():
    # `./dev zensical` (and every Zensical build here) writes them first: `lessonkit assets content/assets/lessonkit`.
    copy = "content/assets/lessonkit/lessonkit.js"
    listed = subprocess.run(["git", "ls-files", "content/assets/lessonkit"], cwd=ROOT, capture_output=True, text=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", copy], cwd=ROOT, capture_output=True, text=True)
    assert (listed.returncode, listed.stdout, ignored.returncode) == (0, "", 0)
    assert '/lessonkit" assets content/assets/lessonkit' in (ROOT / "dev").read_text(encoding="utf-8")


def test_lessonkit_assets_writes_the_packages_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["assets", str(tmp_path / "out")]) == 0
    for name in SHIPPED:
        assert (tmp_path / "out" / name).read_bytes() == shipped(name)
    assert "lessonkit.js (list it under extra_javascript)" in capsys.readouterr().out


def test_a_stale_or_missing_asset_stops_zensical_build(tmp_path: Path):
    project = copy_course(tmp_path)
    assert not (project / "content" / "assets" / "lessonkit" / "lessonkit.js").exists()  # as in a fresh clone
    assert main(["assets", str(project / "content" / "assets" / "lessonkit")]) == 0  # copied by hand...
    script = project / "content" / "assets" / "lessonkit" / "lessonkit.js"
    script.write_text(script.read_text(encoding="utf-8") + "// older\n", encoding="utf-8")  # ...then left behind
    result = zensical_build(project, assets=False)
    assert result.returncode != 0
    assert (
        "content/assets/lessonkit/lessonkit.js is not the lessonkit.js of this lessonkit "
        "(run `lessonkit assets content/assets/lessonkit`)"
    ) in result.output
    config = project / "zensical.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra_javascript:\n  - assets/lessonkit/lessonkit.js\n" in text
    config.write_text(text.replace("extra_javascript:\n  - assets/lessonkit/lessonkit.js\n", "extra_javascript: []\n"), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode != 0 and "the widgets need lessonkit.js: list it under extra_javascript" in result.output


FORGED = {
    "quizzes/forged.yml": (
        "title: 'Forged <div data-lk-slot=\"99\"></div> and <div data-lk-slot=\"0\"></div>'\n"
        "intro: 'An intro spelling <div data-lk-slot=\"1\"></div>'\n"
        "sections:\n  - type: self-check\n    title: Check\n    questions:\n"
        "      - question: 'Q <div data-lk-slot=\"2\"></div>'\n        answer: A.\n"
    ),
    "content/practice/forged.md": "[[practice: forged]]\n",
    "content/slot.md": (
        "# A page of its own\n\n<div data-lk-slot=\"0\"></div>\n\n[[practice: video-generation#flashcards]]\n"
    ),
}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_text_or_page_can_write_a_placeholder(tmp_path: Path, engine: str):
    project = copy_course(tmp_path)
    write_files(project, FORGED)
    result = zensical_build(project) if engine == "zensical" else build(project)
    assert result.returncode == 0, result.output
    forged = BeautifulSoup(result.page("practice/forged.md"), "html.parser")
    h1 = forged.select_one("article h1")
    assert [div["data-lk-slot"] for div in h1.select("div[data-lk-slot]")] == ["99", "0"]  # the title as written
    assert len(forged.select("article [data-lk-widget]")) == 1
    assert [div["data-lk-slot"] for div in forged.select("article div[data-lk-slot]")] == ["99", "0", "1", "2"]
    page = BeautifulSoup(result.page("slot.md"), "html.parser")
    assert [w["data-lk-widget"] for w in page.select("article [data-lk-widget]")] == ["flashcards"]
    assert [div["data-lk-slot"] for div in page.select("article div[data-lk-slot]")] == ["0"]  # left alone
    ids = [element["id"] for element in page.select("article [id]")]
    assert len(ids) == len(set(ids))


# Inside MkDocs ---------------------------------------------------------------


def test_the_extension_inside_mkdocs_without_the_plugin(tmp_path: Path, course_build: BuildResult):
    project = copy_course(tmp_path)
    with_extension(project, plugin=False)
    result = build(project)
    assert result.returncode == 0, result.output
    assert widgets(result) == widgets(course_build)
    assert widgets(result, "instructors.md") == widgets(course_build, "instructors.md")
    soup = BeautifulSoup(result.page(PRACTICE), "html.parser")
    assert len(soup.select("script[data-lk-strings]")) == 1
    assert soup.select_one('article a[href="../../lessons/video-generation/"]') is not None  # back to the lesson


def test_the_plugin_and_the_extension_together_render_each_set_once(tmp_path: Path, course_build: BuildResult):
    project = copy_course(tmp_path)
    with_extension(project, plugin=True)
    result = build(project)
    assert result.returncode == 0, result.output
    assert widgets(result) == widgets(course_build)
    assert widgets(result, "instructors.md") == widgets(course_build, "instructors.md")
    for page in (PRACTICE, "instructors.md"):
        html = result.page(page)
        assert html == course_build.page(page)  # the plugin's pages, untouched by the extension
        assert "data-lk-slot" not in html


# Plain Python-Markdown ---------------------------------------------------------


def convert(text: str, **options: object) -> str:
    import markdown

    configs = {"lessonkit.markdown": {"quizzes_dir": str(ROOT / "quizzes"), **options}}
    return markdown.markdown(text, extensions=["toc", "lessonkit.markdown"], extension_configs=configs)


def test_plain_markdown_expands_a_line_with_its_heading_and_strings():
    html = convert("# Lesson\n\nText.\n\n[[practice: video-generation#flashcards]]\n", strings={"flip_hint": "Turn"})
    soup = BeautifulSoup(html, "html.parser")
    assert [h.get("id") for h in soup.select("h2")] == ["flashcards"]
    assert len(soup.select('[data-lk-widget="flashcards"] .lk-card')) == 10
    assert '"flip_hint":"Turn"' in soup.select_one("script[data-lk-strings]")["data-lk-strings"]
    assert "[[practice:" not in html and "data-lk-slot" not in html


def test_plain_markdown_leaves_code_alone_and_stops_on_a_line_naming_nothing():
    from lessonkit.markdown import LessonkitError

    assert "[[practice: nothing]]" in convert("```\n[[practice: nothing]]\n```\n")
    with pytest.raises(LessonkitError, match=r"<page>:3:1: no practice file named 'video-generaton' \(did you mean 'video-generation'\?\)"):
        convert("Text.\n\n[[practice: video-generaton]]\n")
    with pytest.raises(LessonkitError) as error:
        convert("[[practice: video-generation]]\n", strings={"flip_hnit": "x"})
    # The plugin's option is checked by the same function, in the same words (test_check_parity).
    assert str(error.value) == (
        "lessonkit.markdown: option 'strings': unknown key(s) 'flip_hnit' (did you mean 'flip_hint'?); known: "
        + ", ".join(UI_STRINGS)
    )


ZENSICAL_LANGUAGES = ", ".join(sorted(theme_languages([Path(zensical.__file__).parent / "templates"])))
LANGUAGE_CASES = {
    "xx": f"theme.language 'xx' is not a language of the theme; known: {ZENSICAL_LANGUAGES} "
    "(or add partials/languages/xx.html to the site's custom_dir)",
    # Zensical renders its theme in the language written: the plugin's fallback cannot
    # be made, so the language to write is named.
    "es-MX": "theme.language 'es-MX': the theme has no 'es-MX' (write theme.language: es)",
}


@pytest.mark.parametrize("language", list(LANGUAGE_CASES))
def test_a_language_the_theme_lacks_stops_zensical_with_the_plugins_words(tmp_path: Path, language: str):
    """As the plugin's check (strings.theme_language), not Zensical's template traceback."""
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    config.write_text(text.replace("  language: en\n", f"  language: {language}\n", 1), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1, result.output
    assert result.output.endswith(f"lessonkit.markdown: {LANGUAGE_CASES[language]}\n")
    assert "Traceback" not in result.output and "template not found" not in result.output
    if language == "xx":  # the words of the MkDocs build, and of `lessonkit check`
        assert f"lessonkit: {LANGUAGE_CASES[language]}" in build(project).output


def test_a_language_the_theme_has_builds_on_zensical(tmp_path: Path):
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es\n", 1), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    page = result.page("practice/video-generation.md")
    assert '<html lang="es"' in page and "Mostrar respuesta" in page
