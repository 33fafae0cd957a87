"""Under ``mkdocs serve``: a rebuild that fails leaves the last good site served.

MkDocs 1.6 cleans the site folder before it builds the pages, and after a
rebuild that raised, its server holds every request until a build succeeds
(it "will appear stuck"). :class:`LastGoodSite` wraps the server's builder:
the site folder is set aside (a rename, not a copy) just before MkDocs cleans
it, put back if anything fails (a bad practice file, a crash such as a
``RecursionError``, a ``mkdocs.yml`` that no longer loads, ``--strict``
warnings), and the failure is reported as one message. The server then
answers at once, with the last good pages, and the next good build replaces
them.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import MkDocsException

__all__ = ["LastGoodSite"]

log = logging.getLogger("mkdocs.plugins.lessonkit")

SERVING_LAST_GOOD = "Serving the last good site until this is fixed."


class LastGoodSite:
    """The server's builder, keeping the last good site when a build fails."""

    def __init__(self, builder: Callable[..., Any], site_dir: Path) -> None:
        self.builder = builder
        self.site_dir = site_dir
        self.saved = site_dir.with_name(site_dir.name + "-lessonkit-last-good")
        self._set_aside = False

    def set_aside(self) -> None:
        """Before MkDocs cleans the site folder: move the last good site out of its way."""
        if not self.site_dir.is_dir():
            return
        self.discard()
        os.replace(self.site_dir, self.saved)
        self.site_dir.mkdir()
        self._set_aside = True

    def discard(self) -> None:
        if self.saved.exists():
            shutil.rmtree(self.saved, ignore_errors=True)
        self._set_aside = False

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self._set_aside = False
        try:
            self.builder(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure: the server must go on answering
            self._restore()
            if isinstance(error, MkDocsException):
                # MkDocs logged what went wrong ("Config value ...", a plugin's error);
                # its Abort says how the build ended.
                log.error(f"{error.format_message()} {SERVING_LAST_GOOD}")
            else:
                log.error(
                    f"lessonkit: the rebuild failed ({type(error).__name__}: {error}). {SERVING_LAST_GOOD} "
                    "(`mkdocs serve -v` shows where it failed)"
                )
                log.debug("The rebuild failed:", exc_info=error)
        else:
            self.discard()

    def _restore(self) -> None:
        if not self._set_aside:
            return  # it failed before the site folder was touched
        shutil.rmtree(self.site_dir, ignore_errors=True)
        os.replace(self.saved, self.site_dir)
        self._set_aside = False
