"""Build real sites for tests: a copy of the course, or a small site of our own.

Every build runs the real ``mkdocs build --strict`` in a subprocess, as an
instructor or CI would.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "practice-transformers-for-video-generation.txt"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, docs_path: str) -> str:
        """The built HTML of a page, by its docs path (``practice/x.md``)."""
        stem = docs_path.removesuffix(".md")
        html = self.site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
        return html.read_text(encoding="utf-8")


def copy_course(destination: Path, *, site_url: str | None = None) -> Path:
    """A copy of the course (content, quizzes, theme, mkdocs.yml) to build or break."""
    destination.mkdir(parents=True, exist_ok=True)
    for folder in ("content", "quizzes", "theme"):
        if (ROOT / folder).exists():
            # Not the widgets' files a Zensical build wrote (git ignores them): as a fresh clone.
            ignore = shutil.ignore_patterns("lessonkit.js", "lessonkit.css") if folder == "content" else None
            shutil.copytree(ROOT / folder, destination / folder, dirs_exist_ok=True, ignore=ignore)
    shutil.copy(ROOT / "zensical.yml", destination / "zensical.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url is not None:
        config = "\n".join(
            f"site_url: {site_url}" if line.startswith("site_url:") else line for line in config.splitlines()
        ) + "\n"
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def set_config(project: Path, **changes: object) -> None:
    """Change top-level keys of a project's mkdocs.yml (keeps Material's !!python tags out)."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, value in changes.items():
        lines = [line for line in lines if not line.startswith(f"{key}:")]
        lines.append(yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True).rstrip())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(project: Path, *, strict: bool = True, extra_env: dict[str, str] | None = None) -> BuildResult:
    """Run ``mkdocs build`` in ``project``; the site goes to ``project/site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    if strict:
        command.append("--strict")
    completed = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, project / "site")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def zensical_build(
    project: Path, *, config: str = "zensical.yml", extra_env: dict[str, str] | None = None, assets: bool = True
) -> BuildResult:
    """Run ``zensical build`` in ``project`` (Zensical, from PyPI, as an author
    would); the site goes to ``project/site``, the output without its colours.
    ``assets``: first write the widgets' files, as ``./dev zensical`` does."""
    if assets:
        from lessonkit.cli import main

        with contextlib.redirect_stdout(io.StringIO()):
            main(["assets", str(project / "content" / "assets" / "lessonkit")])
    env = {**os.environ, "NO_COLOR": "1", **(extra_env or {})}
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", config]
    completed = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return BuildResult(completed.returncode, _ANSI.sub("", completed.stdout + completed.stderr), project / "site")
