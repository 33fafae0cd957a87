"""The browser tests of the widgets, against the course built by Zensical.

Zensical runs lessonkit as a Markdown extension (``lessonkit.markdown``, the
course's ``zensical.yml``): the same widget HTML, script and stylesheet as the
plugin's, loaded with ``extra_javascript`` / ``extra_css``. The tests below are
the MkDocs build's own, run here against this build (this module's ``site``):
the exercises, flashcards (printing too), instant navigation, progress, two
courses on one host.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servedsite import served_side_by_side, Site, served_course
from sitebuild import copy_course, zensical_build

# The same tests, collected again in this module: they use its `site`.
from test_accessibility import test_every_answer_is_reachable_without_javascript  # noqa: F401
from test_exercises import (  # noqa: F401
    labeling,
    matching,
    test_labeling_all_right,
    test_matching_all_right,
    test_matching_one_wrong_marks_exactly_that_item_and_reset_clears,
    test_matching_with_the_keyboard_alone,
)
from test_flashcards import (  # noqa: F401
    test_a_card_flips_on_click_enter_and_space,
    test_print_flashcards_prints_one_card_per_page,
    test_printing_the_whole_page_shows_every_card_back,
)
from test_navigation import (  # noqa: F401
    test_no_request_goes_to_another_host,
    test_widgets_work_after_instant_navigation_and_bind_once,
)
from test_progress import (  # noqa: F401
    test_choices_are_kept_over_a_reload,
    test_choices_are_kept_over_instant_navigation_away_and_back,
    test_two_courses_on_one_origin_keep_their_own_progress,
    test_the_home_page_list_reflects_a_choice_made_on_a_practice_page,
)
from test_worksheet import (  # noqa: F401
    test_print_worksheet_prints_the_questions_then_the_key,
    test_without_javascript_the_link_prints_the_worksheet,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("zensical-browser-course"), engine="zensical") as served:
        yield served


@pytest.fixture(scope="module")
def two_courses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course built twice by Zensical, served on one origin under /course-a/
    and /course-b/ (for the test of the same name in test_progress.py). The
    script's root comes from the page (``data-lk-root``), not from where
    zensical.yml puts the script."""
    from lessonkit.cli import main

    root = tmp_path_factory.mktemp("zensical-two-courses")
    with served_side_by_side(root) as (origin, sites):
        for name in ("course-a", "course-b"):
            project = copy_course(root / name, site_url=f"{origin}/{name}/")
            # The script one folder down, as the build's message suggests: from
            # its own address, `../..` would be the host's root, both courses' one.
            config = project / "zensical.yml"
            config.write_text(config.read_text(encoding="utf-8").replace("assets/lessonkit/", "lessonkit/"), encoding="utf-8")
            assert main(["assets", str(project / "content" / "lessonkit")]) == 0
            result = zensical_build(project, assets=False)
            assert result.returncode == 0, result.output
            sites[f"/{name}/"] = project / "site"
        yield origin
