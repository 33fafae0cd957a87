"""The publishing workflow: valid YAML, official actions, the README's CI command, deploy only from the default branch.

It cannot run here; these tests read it as GitHub would.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from sitebuild import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
OFFICIAL_ACTIONS = {
    "actions/checkout", "actions/setup-python", "actions/configure-pages",
    "actions/upload-pages-artifact", "actions/deploy-pages",
}
DEFAULT_BRANCH_PUSH = "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def ci_commands_in(text: str) -> list[str]:
    """`lessonkit ci ...` command lines of a text (README code blocks, a shell script), as
    ``lessonkit ci [options]``; a path to the command (``.venv/bin/lessonkit``) is dropped."""
    return [
        "lessonkit ci" + match.group(1).rstrip()
        for match in re.finditer(
            r"^\s*(?:\$\s*)?(?:exec\s+)?\"?(?:[^\s\"#]*/)?lessonkit\"? ci\b([^#\n]*)", text, flags=re.MULTILINE
        )
    ]


def ci_step(workflow: dict[Any, Any]) -> dict[str, Any]:
    found = [step for step in steps(workflow) if "lessonkit ci" in step.get("run", "")]
    assert len(found) == 1, f"the workflow should run `lessonkit ci` once, not {len(found)} times"
    return found[0]


def test_runs_on_push_and_pull_request(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "on" not in workflow
    assert "push" in triggers and "pull_request" in triggers
    assert not (triggers["push"] or {}).get("branches"), "every branch's pushes are checked, not only main's"


def test_uses_only_official_actions_at_a_major_version(workflow: dict[Any, Any]) -> None:
    used = [step["uses"] for step in steps(workflow) if "uses" in step]
    names = {uses.split("@")[0] for uses in used}
    assert names == OFFICIAL_ACTIONS
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", uses) for uses in used), used


def test_runs_the_ci_command_the_readme_documents(workflow: dict[Any, Any]) -> None:
    documented = ci_commands_in((ROOT / "README.md").read_text(encoding="utf-8"))
    assert documented, "README.md documents no `lessonkit ci` command"
    run = ci_commands_in(ci_step(workflow)["run"])
    assert run == [documented[0]], f"workflow runs {run}, README documents {documented[0]!r}"
    assert "--check-external" not in run[0], "CI has no internet: external links are checked on demand only"


def test_ci_script_runs_the_same_command(workflow: dict[Any, Any]) -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci_commands_in(script) == ci_commands_in(ci_step(workflow)["run"]), ".ci/run should run `lessonkit ci` too"


def test_installs_the_project_before_checking(workflow: dict[Any, Any]) -> None:
    check = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in check]
    install = next(i for i, run in enumerate(runs) if re.search(r"pip install -e \.(\s|$)", run))
    assert install < check.index(ci_step(workflow))
    assert check[0]["uses"].startswith("actions/checkout@")


def test_publishes_site_only_from_the_default_branch(workflow: dict[Any, Any]) -> None:
    check = workflow["jobs"]["check"]["steps"]
    upload = next(step for step in check if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    configure = next(step for step in check if step.get("uses", "").startswith("actions/configure-pages@"))
    assert check.index(ci_step(workflow)) < check.index(configure) < check.index(upload)
    # `lessonkit ci` builds into mkdocs.yml's site_dir, which the course leaves at its default.
    assert upload["with"]["path"] == "site"
    assert "site_dir" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "--site-dir" not in ci_step(workflow)["run"]
    for gated in (upload, configure, workflow["jobs"]["deploy"]):
        assert gated["if"] == DEFAULT_BRANCH_PUSH

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}
