"""The browser tests of the widgets, against the course built by Zensical.

Zensical runs lessonkit as a Markdown extension (``lessonkit.markdown``, the
course's ``zensical.yml``): the same widget HTML, script and stylesheet as the
plugin's, loaded with ``extra_javascript`` / ``extra_css``. The tests below are
the MkDocs build's own, run here against this build (this module's ``site``):
the exercises, flashcards (printing too), instant navigation, progress.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servedsite import Site, served_course

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
    test_the_home_page_list_reflects_a_choice_made_on_a_practice_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("zensical-browser-course"), engine="zensical") as served:
        yield served
