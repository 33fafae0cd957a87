"""The widgets' files as a site gets them: lessonkit.js, lessonkit.css and the
study dialog's lessonkit-study.js, minified.

The sources in ``theme/lessonkit/assets/`` keep their comments; every engine
ships these bytes instead (the MkDocs plugin in place of the theme's copies,
``lessonkit assets`` for Zensical), so the first load stays within its budget
(``tests/browser/test_assets.py``, the README's budget row).
"""

from __future__ import annotations

from functools import cache

import rcssmin
import rjsmin

from .rendering import TEMPLATES_DIR

__all__ = ["ASSETS", "ASSETS_DIR", "STUDY_SCRIPT", "SHIPPED", "shipped"]

ASSETS_DIR = TEMPLATES_DIR / "lessonkit" / "assets"
ASSETS = {"lessonkit.css": "extra_css", "lessonkit.js": "extra_javascript"}
"""The widgets' files, and the setting that loads each where an engine lists them."""

STUDY_SCRIPT = "lessonkit-study.js"
"""The study dialog's script: lessonkit.js loads it from beside itself when a dialog opens."""

SHIPPED = (*ASSETS, STUDY_SCRIPT)
"""Every file a site needs beside its pages, in ``ASSETS_DIR`` and in the site."""


@cache
def shipped(name: str) -> bytes:
    """The bytes of ``name`` (one of ``SHIPPED``) as a site serves them."""
    source = (ASSETS_DIR / name).read_text(encoding="utf-8")
    minified = rcssmin.cssmin(source) if name.endswith(".css") else rjsmin.jsmin(source)
    return (minified.strip() + "\n").encode("utf-8")
