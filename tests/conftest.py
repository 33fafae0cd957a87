from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import BuildResult, build, copy_course, zensical_build  # noqa: E402


@pytest.fixture(scope="session")
def course_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One strict build of the course as committed, shared by read-only tests."""
    project = copy_course(tmp_path_factory.mktemp("course"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def zensical_course_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One ``zensical build`` of the course as committed (zensical.yml)."""
    project = copy_course(tmp_path_factory.mktemp("zensical-course"))
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    assert "No issues found" in result.output, result.output
    return result
